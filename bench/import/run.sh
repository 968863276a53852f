#!/usr/bin/env bash
# Import benchmark: 100,000 enterprises from one CSV, timed through `qw import enterprises`.
#   bench/import/run.sh                         # SQLite (a fresh file in a temp folder)
#   QW_BENCH_PG='Host=…;Database=qw_bench;…' bench/import/run.sh   # also PostgreSQL (use an empty database)
# The CSV is the export of `qw demo generate --scale large`, so names, regions and codes are realistic
# (including the ~0.5% pilot-style codes, which import with a warning). Rows/s is measured by the import
# itself (file open to last commit, audit entries included); wall time adds process start-up.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rows="${QW_BENCH_ROWS:-large}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

"$repo/qw" --database "sqlite:$work/source.db" demo generate --scale "$rows" --seed 1 >/dev/null
"$repo/qw" --database "sqlite:$work/source.db" export enterprises --format csv --output "$work/enterprises.csv" 2>/dev/null
echo "CSV: $(($(wc -l <"$work/enterprises.csv") - 1)) rows, $(du -h "$work/enterprises.csv" | cut -f1)"

run() {
  local label="$1" database="$2"
  local start end
  start=$(date +%s.%N)
  set +e
  "$repo/qw" --database "$database" import enterprises --file "$work/enterprises.csv" 2>/dev/null | grep -E "rows in" | sed "s/^/$label: /"
  set -e
  end=$(date +%s.%N)
  echo "$label: wall time including start-up $(echo "$end - $start" | bc) s"
}

# Migrate first so schema creation is not timed.
"$repo/qw" --database "sqlite:$work/target.db" regions list >/dev/null
run "SQLite, first import (all created)" "sqlite:$work/target.db"
run "SQLite, second import (all unchanged)" "sqlite:$work/target.db"

if [ -n "${QW_BENCH_PG:-}" ]; then
  "$repo/qw" --database "$QW_BENCH_PG" db migrate >/dev/null
  run "PostgreSQL, first import" "$QW_BENCH_PG"
  run "PostgreSQL, second import" "$QW_BENCH_PG"
else
  echo "PostgreSQL: skipped (set QW_BENCH_PG to a connection string of an empty database)"
fi
