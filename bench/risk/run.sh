#!/usr/bin/env bash
# Risk-monitoring benchmarks (issue 4): complaint ingest and the national weekly scan, on SQLite and, with
# QW_BENCH_PG set to a server connection string (a database per run is created and dropped), on PostgreSQL.
#   bench/risk/run.sh                                              # SQLite
#   QW_BENCH_PG='Host=127.0.0.1;Port=5432;Username=postgres' bench/risk/run.sh
# Each command prints its own figures and the load average; see bench/README.md and docs/risk.md#benchmarks.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dotnet build "$repo/bench/risk/QualityWatch.Risk.Bench" -c Release -v q -nologo -clp:ErrorsOnly >/dev/null
bench=(dotnet "$repo/bench/risk/QualityWatch.Risk.Bench/bin/Release/net10.0/QualityWatch.Risk.Bench.dll")
uptime
"${bench[@]}" ingest-complaints --rows "${QW_BENCH_ROWS:-100000}"
"${bench[@]}" scan
if [ -n "${QW_BENCH_PG:-}" ]; then
  "${bench[@]}" ingest-complaints --rows "${QW_BENCH_ROWS:-100000}" --postgres "$QW_BENCH_PG"
  "${bench[@]}" scan --postgres "$QW_BENCH_PG"
fi
uptime
