#!/usr/bin/env bash
# Runs every test: build (warnings as errors), format check, a throwaway PostgreSQL cluster on loopback,
# all test projects on SQLite and PostgreSQL, and the browser tests in headless Chromium.
# Installs what is missing when run as root. With CI=true a missing PostgreSQL or Chromium fails the run.
# Ends with one line: "N passed, N failed".
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$repo"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log() { printf '\n== %s\n' "$*"; }

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

install_missing() {
  [ "$(id -u)" = 0 ] || return 0
  local need=()
  [ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ] || need+=(postgresql)
  command -v chromium >/dev/null || need+=(chromium)
  dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
  if [ ${#need[@]} -gt 0 ]; then
    log "installing ${need[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  fi
}

pg_dir=""
pg_ctl_bin=""
start_postgres() {
  local bin; bin="$(pg_bin)"
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    if [ "${CI:-}" = "true" ]; then echo "PostgreSQL is not installed and CI=true" >&2; return 1; fi
    echo "PostgreSQL not installed: PostgreSQL tests are skipped" >&2; return 0
  fi
  pg_dir="$(mktemp -d /tmp/qw-pg.XXXXXX)"
  local port; port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  local as=()
  # initdb refuses to run as root: run the throwaway cluster as the postgres system user.
  if [ "$(id -u)" = 0 ]; then id postgres >/dev/null 2>&1 || useradd -r postgres; chown postgres "$pg_dir"; as=(runuser -u postgres --); fi
  "${as[@]}" "$bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log" 2>&1 || { cat "$pg_dir/initdb.log"; return 1; }
  "${as[@]}" "$bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $pg_dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null || { cat "$pg_dir/server.log"; return 1; }
  pg_ctl_bin=("${as[@]}" "$bin/pg_ctl")
  export QW_TEST_PG="Host=127.0.0.1;Port=$port;Username=postgres;Pooling=true;Include Error Detail=true"
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}
stop_postgres() {
  if [ -n "$pg_dir" ]; then
    "${pg_ctl_bin[@]}" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}
trap stop_postgres EXIT

install_missing

log "restore and build (warnings as errors)"
dotnet restore QualityWatch.slnx -v quiet || exit 1
dotnet build QualityWatch.slnx --no-restore -warnaserror -v quiet -nologo -clp:ErrorsOnly || { echo "0 passed, 1 failed"; exit 1; }

log "format check"
if ! dotnet format QualityWatch.slnx --verify-no-changes --no-restore -v quiet; then
  echo "dotnet format found changes: run 'dotnet format QualityWatch.slnx'" >&2
  echo "0 passed, 1 failed"; exit 1
fi

log "PostgreSQL"
start_postgres || { echo "0 passed, 1 failed"; exit 1; }

if [ "${CI:-}" = "true" ] && ! command -v chromium >/dev/null; then
  echo "Chromium is not installed and CI=true" >&2; echo "0 passed, 1 failed"; exit 1
fi

results="$(mktemp -d /tmp/qw-results.XXXXXX)"
status=0
for project in tests/*/*.csproj; do
  name="$(basename "$project" .csproj)"
  log "$name"
  dotnet test "$project" --no-build --logger "trx;LogFileName=$name.trx" --results-directory "$results" -v quiet 2>&1 | grep -vE '^\s*$' | tail -n 40
  [ "${PIPESTATUS[0]}" = 0 ] || status=1
done

read -r passed failed skipped < <(python3 - "$results" <<'PY'
import sys, glob, xml.etree.ElementTree as ET
p = f = s = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(path).getroot().find("{*}ResultSummary/{*}Counters")
    if c is None: continue
    p += int(c.get("passed", 0)); f += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0))
    s += int(c.get("notExecuted", 0))
print(p, f, s)
PY
)
rm -rf "$results"
[ "${passed:-0}" -gt 0 ] || status=1
if [ "$status" != 0 ] && [ "${failed:-0}" = 0 ]; then failed=1; fi
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
exit $status
