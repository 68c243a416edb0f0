#!/usr/bin/env bash
# Runs the whole test suite against a throwaway PostgreSQL, then removes it.
#   ./test.sh                      everything
#   ./test.sh --filter Name~Inbox  any extra arguments go to `dotnet test`
# Ends with a line "N passed, N failed". Exit status 0 only when nothing failed.
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)

log() { printf '[test.sh] %s\n' "$*" >&2; }

# --- PostgreSQL binaries: Debian's package, installed only when missing ---------------------
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  log "PostgreSQL server binaries not found; installing Debian's postgresql package"
  if [ "$(id -u)" -ne 0 ]; then log "installing needs root: run 'sudo apt-get install -y postgresql' once"; exit 2; fi
  DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null \
    || { log "could not install postgresql"; exit 2; }
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

# --- A throwaway cluster on a free port ------------------------------------------------------
# PostgreSQL refuses to run as root, so as root it runs as the postgres user.
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(( 20000 + RANDOM % 20000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

pg_dir=$(mktemp -d /tmp/orleansshop-pg.XXXXXX)
chmod 755 "$pg_dir"
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$pg_dir"
port=$(free_port) || { log "no free port"; exit 2; }

cleanup() {
  as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1
  rm -rf "$pg_dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "starting PostgreSQL ($pg_bin) on 127.0.0.1:$port in $pg_dir"
as_pg "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres --no-sync >"$pg_dir/initdb.log" 2>&1 \
  || { cat "$pg_dir/initdb.log" >&2; echo "0 passed, 1 failed"; exit 1; }
# fsync off: a test database that dies with the machine loses nothing anyone needs, and the
# suite runs several times faster. The benchmark (bench.sh) keeps fsync on.
as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
  -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=500 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null || { cat "$pg_dir/server.log" >&2; echo "0 passed, 1 failed"; exit 1; }

export ORLEANSSHOP_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
export ORLEANSSHOP_TEST_PG_BIN="$pg_bin"

# --- The suite ---------------------------------------------------------------------------------
results="$pg_dir/results"
log "building and running the tests"
dotnet test "$root/OrleansShop.sln" -c Release --logger "trx;LogFileName=results.trx" --results-directory "$results" "$@"
status=$?

passed=0; failed=0
trx=$(ls "$results"/*.trx 2>/dev/null | head -n 1)
if [ -n "$trx" ]; then
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  passed=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  failed=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  total=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  executed=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  # A test that never ran (aborted host, skipped) counts as failed: nothing may skip.
  failed=$(( ${failed:-0} + ${total:-0} - ${executed:-0} ))
fi
if [ "$status" -ne 0 ] && [ "${failed:-0}" -eq 0 ]; then failed=1; fi  # build failure or crashed test host

echo "${passed:-0} passed, ${failed:-0} failed"
[ "$status" -eq 0 ] && [ "${failed:-0}" -eq 0 ]
