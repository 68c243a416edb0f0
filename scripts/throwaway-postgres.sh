# Sourced by test.sh and cluster.sh: a throwaway PostgreSQL server in a temporary folder.
#   pg_throwaway_start "<extra server options>"   sets pg_bin, pg_dir, pg_port; returns non-zero on failure
#   pg_throwaway_stop                              stops it and removes its folder
# Debian's postgresql package provides the binaries; as root it is installed when missing.

pg_log() { printf '[%s] %s\n' "$(basename "$0")" "$*" >&2; }

# PostgreSQL refuses to run as root, so as root it runs as the postgres user.
pg_as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(( 20000 + RANDOM % 20000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

pg_find_binaries() {
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
    pg_log "PostgreSQL server binaries not found; installing Debian's postgresql package"
    if [ "$(id -u)" -ne 0 ]; then pg_log "installing needs root: run 'sudo apt-get install -y postgresql' once"; return 2; fi
    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null \
      || { pg_log "could not install postgresql"; return 2; }
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
}

pg_throwaway_start() {
  pg_find_binaries || return $?
  pg_dir=$(mktemp -d /tmp/orleansshop-pg.XXXXXX)
  chmod 755 "$pg_dir"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$pg_dir"
  pg_port=$(pg_free_port) || { pg_log "no free port"; return 2; }
  pg_log "starting PostgreSQL ($pg_bin) on 127.0.0.1:$pg_port in $pg_dir"
  pg_as_owner "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres --no-sync >"$pg_dir/initdb.log" 2>&1 \
    || { cat "$pg_dir/initdb.log" >&2; return 1; }
  pg_as_owner "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
    -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 $1" start >/dev/null \
    || { cat "$pg_dir/server.log" >&2; return 1; }
}

pg_throwaway_stop() {
  [ -n "${pg_dir:-}" ] || return 0
  pg_as_owner "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1
  rm -rf "$pg_dir"
}
