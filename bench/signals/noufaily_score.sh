#!/usr/bin/env bash
# Writes QualityWatch alarms for the Noufaily benchmark and scores them with R's scorer.
# Usage: bench/signals/noufaily_score.sh <work_dir> <reps, e.g. 1-4 or 55-100>
set -euo pipefail
work=${1:?work dir}; reps=${2:?reps}
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=${SHARED:-$root/../shared}
mkdir -p "$work"
cp -n "$shared"/data/signals-bench/{series.csv.gz,outbreaks.csv,scenarios.csv} "$work"/
label="qw_reps${reps//-/_}"
dotnet run -c Release --project "$root/bench/signals/QualityWatch.Signals.Bench" -- noufaily "$work" "$work/alarms_${label}.csv.gz" "$reps"
Rscript "$shared/tools/r-peer/04_noufaily_benchmark.R" score "$work" "alarms_${label}.csv.gz" "$label"
