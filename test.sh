#!/usr/bin/env bash
# Runs the whole test suite against a throwaway PostgreSQL, then removes it.
#   ./test.sh                      everything
#   ./test.sh --filter Name~Inbox  any extra arguments go to `dotnet test`
# Ends with a line "N passed, N failed". Exit status 0 only when nothing failed.
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)

log() { printf '[test.sh] %s\n' "$*" >&2; }

# --- A throwaway PostgreSQL on a free port -----------------------------------------------------
. "$root/scripts/throwaway-postgres.sh"
# Silos and gateways the tests start as processes are stopped by the tests; if the test host itself
# dies (a crash, a kill), they would outlive the run and load the machine, so whatever still runs
# from this checkout's build output is stopped too.
stop_leftovers() {
  pkill -KILL -f "$root/(silo|api)/bin/Release/net10.0/OrleansShop\.(Silo|Gateway)\.dll" 2>/dev/null || true
  pg_throwaway_stop
}
trap stop_leftovers EXIT
trap 'exit 130' INT TERM

# fsync off: a test database that dies with the machine loses nothing anyone needs, and the
# suite runs several times faster. The benchmark (bench.sh) keeps fsync on.
pg_throwaway_start "-c max_connections=500 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
case $? in
  0) ;;
  2) exit 2 ;;
  *) echo "0 passed, 1 failed"; exit 1 ;;
esac

# --- Chromium for the browser tests ------------------------------------------------------------
. "$root/scripts/chromium.sh"
chromium_find || { echo "0 passed, 1 failed"; exit 2; }
export ORLEANSSHOP_TEST_CHROMIUM="$chromium_bin"

export ORLEANSSHOP_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
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
  # ORLEANSSHOP_TEST_RESULTS=<folder> keeps the run's results (per-test durations) after the cleanup.
  if [ -n "${ORLEANSSHOP_TEST_RESULTS:-}" ]; then mkdir -p "$ORLEANSSHOP_TEST_RESULTS" && cp "$trx" "$ORLEANSSHOP_TEST_RESULTS/"; fi
fi
if [ "$status" -ne 0 ] && [ "${failed:-0}" -eq 0 ]; then failed=1; fi  # build failure or crashed test host

echo "${passed:-0} passed, ${failed:-0} failed"
[ "$status" -eq 0 ] && [ "${failed:-0}" -eq 0 ]
