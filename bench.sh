#!/usr/bin/env bash
# The benchmark, in one command: ./bench.sh
# Builds Release, starts a throwaway PostgreSQL with fsync on, measures pgbench with the
# transaction equivalent to one webhook ingest (one commit), then a real silo process on the same PostgreSQL
# and the bare Kestrel baseline with one load generator, and the memory of idle buyer activations
# against bare Orleans activations.
# Prints the machine and a markdown table. Knobs (environment): BENCH_SECONDS (15 per phase),
# BENCH_CONNECTIONS (64, load generator), BENCH_PGBENCH_CLIENTS (16), BENCH_ACTIVATIONS (100000).
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
seconds=${BENCH_SECONDS:-15}
connections=${BENCH_CONNECTIONS:-64}
pg_clients=${BENCH_PGBENCH_CLIENTS:-16}
activations=${BENCH_ACTIVATIONS:-100000}

log() { printf '[bench.sh] %s\n' "$*" >&2; }
source "$root/scripts/throwaway-postgres.sh"

# --- The machine ----------------------------------------------------------------------------------
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
memory=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
machine="$(nproc) cores, ${cpu:-unknown CPU}, $memory RAM, $(uname -sr), .NET $(dotnet --version)"

# --- Build ------------------------------------------------------------------------------------------
log "building Release"
dotnet build "$root/silo/OrleansShop.Silo.csproj" -c Release -v quiet -nologo >/dev/null
dotnet build "$root/bench/OrleansShop.Bench/OrleansShop.Bench.csproj" -c Release -v quiet -nologo >/dev/null
bench_dll="$root/bench/OrleansShop.Bench/bin/Release/net10.0/OrleansShop.Bench.dll"
silo_dll="$root/silo/bin/Release/net10.0/OrleansShop.Silo.dll"

# --- A throwaway PostgreSQL, durable: fsync and synchronous commit on (the defaults) --------------
work=$(mktemp -d /tmp/orleansshop-bench.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pg_throwaway_stop
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

pg_throwaway_start "-c max_connections=300 -c shared_buffers=256MB -c fsync=on -c synchronous_commit=on" || exit 1
[ -x "$pg_bin/pgbench" ] || { log "pgbench not found beside $pg_bin/postgres: apt-get install -y postgresql-contrib"; exit 2; }
silo_port=$(pg_free_port); kestrel_port=$(pg_free_port)
psql() { "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -q "$@"; }

# --- pgbench: the database's own limit for the same work --------------------------------------
# The schema as the silo's SchemaMigrator creates it (grains/Storage/Migrations/PostgresMigrations.cs):
# version 1, Orleans' own scripts (main, clustering, persistence, reminders), then our version 2
# (Orleans fixes: writetostorage recreated, the storage key, wider reminder grain ids) and version 3
# (read models), in that order and in one transaction. The migrator's schema_version bookkeeping
# is left out: nothing migrates this database.
schema="$root/grains/Storage/Migrations/Postgres"
log "pgbench: $pg_clients clients, $seconds s, one ingest's transaction each (bench/pgbench/transition.sql)"
psql -d postgres -c "CREATE DATABASE pgbench"
PGOPTIONS="-c client_min_messages=warning" psql -d pgbench --single-transaction \
  -f "$schema/Orleans/PostgreSQL-Main.sql" -f "$schema/Orleans/PostgreSQL-Clustering.sql" \
  -f "$schema/Orleans/PostgreSQL-Persistence.sql" -f "$schema/Orleans/PostgreSQL-Reminders.sql" \
  -f "$schema/V002__orleans_fixes.sql" -f "$schema/V003__read_models.sql"
"$pg_bin/pgbench" -h 127.0.0.1 -p "$pg_port" -U postgres -n -M prepared -c "$pg_clients" -j "$(nproc)" -T "$seconds" \
  -f "$root/bench/pgbench/transition.sql" pgbench >"$work/pgbench.log" 2>&1 || { cat "$work/pgbench.log" >&2; exit 1; }
pgbench_tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$work/pgbench.log" | head -n 1)
log "pgbench: $pgbench_tps ingests/s (runs of the script)"

# --- Idle activation memory (in-process, Orleans on the embedded SQLite default) ----------------
# One silo measures both: the buyer grains and bare Orleans grains with keys of the same shape.
log "memory of $activations idle buyer activations and $activations bare ones"
memory_line=$(dotnet "$bench_dll" memory "$activations" | tail -n 1) # the silo prints its banner first
read -r bytes bare_bytes <<<"$memory_line"
[ -n "${bare_bytes:-}" ] || { log "the memory probe printed '$memory_line', not '<buyer bytes> <bare bytes>'"; exit 1; }
memory_ratio=$(awk -v buyer="$bytes" -v bare="$bare_bytes" 'BEGIN { printf "%.2f", buyer / bare }')

# --- A silo (a real process) on the same PostgreSQL, and the bare Kestrel baseline --------------
psql -d postgres -c "CREATE DATABASE orleansshop"
admin_token="bench-$(date +%s)-$RANDOM"
log "starting the silo on 127.0.0.1:$silo_port and bare Kestrel on 127.0.0.1:$kestrel_port"
mkdir -p "$work/silo"
(
  cd "$work/silo"
  export ASPNETCORE_ENVIRONMENT=Production \
    Storage__Provider=postgres Providers__Mode=sandbox \
    Storage__ConnectionString="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=orleansshop;Maximum Pool Size=100" \
    Storage__DataFolder="$work/silo" \
    Admin__Token="$admin_token" \
    Webhooks__PermitsPerSecond=1000000 Webhooks__Burst=1000000 \
    Logging__LogLevel__Default=Warning
  exec dotnet "$silo_dll" --urls "http://127.0.0.1:$silo_port"
) >"$work/silo.log" 2>&1 &
pids+=($!)
dotnet "$bench_dll" kestrel "http://127.0.0.1:$kestrel_port" >"$work/kestrel.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 600); do
  curl -fs -o /dev/null "http://127.0.0.1:$silo_port/readyz" && break
  sleep 0.1
done
curl -fs -o /dev/null "http://127.0.0.1:$silo_port/readyz" || { log "the silo did not become ready"; cat "$work/silo.log" >&2; exit 1; }

log "driving: $connections connections, $seconds s per phase"
table=$(dotnet "$bench_dll" drive --silo "http://127.0.0.1:$silo_port" --kestrel "http://127.0.0.1:$kestrel_port" \
  --admin-token "$admin_token" --pgbench-tps "$pgbench_tps" --connections "$connections" --seconds "$seconds") \
  || { log "the load generator failed"; tail -n 50 "$work/silo.log" >&2; exit 1; }

echo
echo "Machine: $machine"
echo "PostgreSQL: $("$pg_bin/postgres" --version | sed 's/^postgres (PostgreSQL) //') on loopback, fsync on, synchronous_commit on; pgbench $pg_clients clients; load generator $connections connections; $seconds s per phase"
echo
echo "$table"
echo "| idle email-reputation activation (of $activations) | | | | | $bytes bytes (${memory_ratio}× a bare activation of $bare_bytes bytes) | ≤ 1.2× a bare activation |"
