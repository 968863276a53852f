#!/usr/bin/env bash
# End-to-end CLI timing: generates <nSeries> weekly series x 264 weeks as CSV, runs `qw signals detect` for the
# latest week with the Noufaily preset, reports wall time and peak RSS (GNU time).
# Usage: bench/signals/cli_bench.sh <work_dir> <nSeries>
set -euo pipefail
work=${1:?work dir}; n=${2:?nSeries}
root=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$work"
python3 - "$work/cli_input.csv" "$n" <<'PY'
import sys, random, math, datetime
path, n = sys.argv[1], int(sys.argv[2])
start = datetime.date(2020, 1, 6)
dates = [(start + datetime.timedelta(days=7 * i)).isoformat() for i in range(264)]
with open(path, "w") as f:
    f.write("series,date,observed\n")
    for s in range(n):
        rnd = random.Random(s)
        mu = math.exp(rnd.random() * 3)
        name = f"product{s % 997}/region{s}"
        for d in dates:
            # Poisson by inversion (small means)
            l, k, p = math.exp(-mu), 0, 1.0
            while True:
                p *= rnd.random()
                if p <= l: break
                k += 1
            f.write(f"{name},{d},{k}\n")
PY
ls -la "$work/cli_input.csv"
dotnet build -c Release "$root/src/QualityWatch.Cli" >/dev/null
/usr/bin/time -v "$root/src/QualityWatch.Cli/bin/Release/net10.0/qw" signals detect --method farrington-flexible --preset noufaily \
  --from 2025-01-20 --input "$work/cli_input.csv" --output "$work/cli_output.csv" 2>&1 | grep -E "series|Elapsed|Maximum resident"
