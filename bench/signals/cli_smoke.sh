#!/usr/bin/env bash
# CLI smoke test against the R golden files: converts the weekly golden series to the CLI input format (grouped and
# shuffled), runs `qw signals detect --r-compat` and compares with R's upper bounds, expected values and alarms.
# Usage: bench/signals/cli_smoke.sh <work_dir>
set -euo pipefail
work=${1:?work dir}
root=$(cd "$(dirname "$0")/../.." && pwd)
golden=$root/tests/QualityWatch.Signals.Tests/Golden
qw=$root/src/QualityWatch.Cli/bin/Debug/net10.0/qw
mkdir -p "$work"
python3 - "$golden/input.csv" "$work" <<'PY'
import csv, datetime, random, sys
rows = [r for r in csv.DictReader(open(sys.argv[1])) if r["freq"] == "52"]
lines = [f"{r['series']},{(datetime.date(2000,1,3)+datetime.timedelta(days=7*(int(r['t'])-1))).isoformat()},{r['observed']}\n" for r in rows]
open(f"{sys.argv[2]}/grouped.csv", "w").writelines(["series,date,observed\n"] + lines)
random.seed(1); random.shuffle(lines)
open(f"{sys.argv[2]}/shuffled.csv", "w").writelines(["series,date,observed\n"] + lines)
PY
compare() {
python3 - "$1" "$2" <<'PY'
import csv, datetime, sys
g = {}
for r in csv.DictReader(open(sys.argv[1])):
    g[(r["series"], (datetime.date(2000,1,3)+datetime.timedelta(days=7*(int(r["t"])-1))).isoformat())] = r
def close(a, b):
    if a == "" or b == "": return a == b
    a, b = float(a), float(b); return abs(a - b) <= max(1e-9, 1e-6 * abs(a))
n = bad = 0
for r in csv.DictReader(open(sys.argv[2])):
    x = g.get((r["series"], r["date"]))
    if x is None: continue
    n += 1
    if not (close(x["upperbound"], r["threshold"]) and (x["alarm"] or "0") == r["alarm"]): bad += 1
print(f"{sys.argv[2]}: compared {n}, mismatches {bad}")
sys.exit(1 if bad or n == 0 else 0)
PY
}
for input in grouped shuffled; do
  "$qw" signals detect --method farrington-flexible --preset noufaily --r-compat --input "$work/$input.csv" --output "$work/$input.noufaily.csv"
  compare "$golden/farringtonFlexible__noufaily.csv" "$work/$input.noufaily.csv"
done
"$qw" signals detect --method farrington --r-compat --input "$work/grouped.csv" --output "$work/f1996.csv"
compare "$golden/farringtonFlexible__farrington1996.csv" "$work/f1996.csv"
"$qw" signals detect --method ears-c3 --r-compat --min-sigma 0.5 --input "$work/grouped.csv" --output "$work/c3.csv"
compare "$golden/earsC__C3.csv" "$work/c3.csv"
