#!/usr/bin/env bash
# The cluster of docker-compose.yml as plain processes on this machine: a throwaway PostgreSQL,
# N silos (default 3) and the YARP gateway, built once and started from the build output.
#   ./cluster.sh            three silos on 5081-5083, the gateway on 8080
#   ./cluster.sh 5          five silos
# Prints the URLs and tokens; Ctrl+C stops the gateway, the silos (gracefully) and PostgreSQL.
# Environment: GATEWAY_PORT (8080), FIRST_SILO_PORT (5081), PROVIDERS_MODE (sandbox).
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
silos=${1:-3}
gateway_port=${GATEWAY_PORT:-8080}
first_silo_port=${FIRST_SILO_PORT:-5081}
run_dir=$(mktemp -d /tmp/orleansshop-cluster.XXXXXX)

. "$root/scripts/throwaway-postgres.sh"

pids=()
stop_all() {
  trap - EXIT INT TERM
  pg_log "stopping the gateway and ${silos} silos"
  # SIGTERM: each silo fails readiness for its leave delay, stops serving, and Orleans deactivates its grains and leaves the cluster.
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null; done
  pg_throwaway_stop
  pg_log "logs were in $run_dir (removed)"
  rm -rf "$run_dir"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

pg_log "building silo and gateway (Release)"
dotnet build "$root/silo/OrleansShop.Silo.csproj" -c Release -v quiet -nologo >"$run_dir/build.log" 2>&1 \
  && dotnet build "$root/api/OrleansShop.Gateway.csproj" -c Release -v quiet -nologo >>"$run_dir/build.log" 2>&1 \
  || { cat "$run_dir/build.log" >&2; exit 1; }

pg_throwaway_start "-c max_connections=300" || exit 1
database="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
admin_token="adm_$(openssl rand -hex 16)"
sms_token="sms_$(openssl rand -hex 16)"
pepper=$(openssl rand -base64 32)
sealing_key=$(openssl rand -base64 32)

for i in $(seq 1 "$silos"); do
  port=$(( first_silo_port + i - 1 ))
  dotnet "$root/silo/bin/Release/net10.0/OrleansShop.Silo.dll" --urls "http://127.0.0.1:$port" \
    --Storage:Provider=postgres --Storage:ConnectionString="$database" --Cluster:ServiceId=local \
    --Providers:Mode="${PROVIDERS_MODE:-sandbox}" --Admin:Token="$admin_token" --Sms:InboundToken="$sms_token" \
    --Reputation:Pepper="$pepper" --Privacy:Sealing:Keys:1="$sealing_key" >"$run_dir/silo$i.log" 2>&1 &
  pids+=($!)
done

dotnet "$root/api/bin/Release/net10.0/OrleansShop.Gateway.dll" --urls "http://127.0.0.1:$gateway_port" \
  --Storage:ConnectionString="$database" --Cluster:ServiceId=local >"$run_dir/gateway.log" 2>&1 &
pids+=($!)

pg_log "waiting for the gateway to route to $silos healthy silos"
for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$gateway_port/healthz" 2>/dev/null | grep -q "\"silos\":$silos,\"healthy\":$silos"; then ready=1; break; fi
  sleep 0.5
done
[ -n "${ready:-}" ] || { pg_log "the cluster did not come up; logs:"; tail -n 20 "$run_dir"/*.log >&2; exit 1; }

cat <<BANNER
OrleansShop cluster: $silos silos behind the gateway
  gateway        http://127.0.0.1:$gateway_port   (send everything here; GET /healthz shows its silos)
  silos          $(for i in $(seq 1 "$silos"); do printf 'http://127.0.0.1:%s ' $(( first_silo_port + i - 1 )); done)
  postgres       $database
  admin token    $admin_token
  sms token      $sms_token
  logs           $run_dir
  stop with Ctrl+C
BANNER
wait
