#!/usr/bin/env bash
# Adds one EF Core migration with the same name to both providers' migration sets.
# Usage: tools/db/add-migration.sh NAME
set -euo pipefail
cd "$(dirname "$0")/../.."
name=${1:?migration name}
dotnet tool restore >/dev/null
for p in Sqlite Postgres; do
  dotnet ef migrations add "$name" -p "src/QualityWatch.Migrations.$p" -s "src/QualityWatch.Migrations.$p" -o Migrations
done
