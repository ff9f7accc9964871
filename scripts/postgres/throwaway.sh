#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on a loopback port, run as an unprivileged user, for the tests.
#   throwaway.sh start DIR   installs PostgreSQL from Debian's packages if missing, starts a cluster in DIR and
#                            prints the line `KLAXON_TEST_POSTGRES_URL=postgres://…` (also written to DIR/url)
#   throwaway.sh stop DIR    stops it and removes DIR
#   throwaway.sh restart DIR restarts it (fast shutdown), as a failover would
set -euo pipefail
action=${1:?start, stop or restart}
dir=${2:?a directory for the cluster}

find_bin() {
  local found
  found=$(command -v pg_ctl 2>/dev/null || ls -d /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V | tail -1 || true)
  [ -n "$found" ] && dirname "$(readlink -f "$found")"
}

bin=$(find_bin || true)
if [ -z "$bin" ] && [ "$action" = start ]; then
  echo "Installing PostgreSQL from Debian's packages" >&2
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq >&2
  # Only the server binaries: the package's own cluster and service are not used.
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends postgresql >&2
  bin=$(find_bin)
fi
[ -n "$bin" ] || { echo "no PostgreSQL found" >&2; exit 1; }

# PostgreSQL refuses to run as root: run it as the package's user (or a user of our own).
as_user() {
  if [ "$(id -u)" -ne 0 ]; then "$@"; return; fi
  local user=postgres
  id "$user" >/dev/null 2>&1 || { user=klaxon-pg; id "$user" >/dev/null 2>&1 || useradd --system --no-create-home "$user"; }
  runuser -u "$user" -- "$@"
}

case "$action" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown "$(id -u postgres 2>/dev/null || id -u klaxon-pg 2>/dev/null || echo 0)" "$dir" 2>/dev/null || true
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_user "$bin/initdb" -D "$dir/data" -U klaxon --auth=trust --no-sync -E UTF8 >"$dir/initdb.log" 2>&1 \
        || { as_user mkdir -p "$dir/data"; as_user "$bin/initdb" -D "$dir/data" -U klaxon --auth=trust --no-sync -E UTF8 >"$dir/initdb.log" 2>&1; }
    fi
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w -t 60 \
      -o "-p $port -k $dir/data -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
    as_user "$bin/createdb" -h 127.0.0.1 -p "$port" -U klaxon klaxon
    url="postgres://klaxon@127.0.0.1:$port/klaxon?sslmode=disable"
    echo "$url" >"$dir/url"
    echo "$bin" >"$dir/bin"
    echo "KLAXON_TEST_POSTGRES_URL=$url"
    ;;
  restart)
    as_user "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 restart >/dev/null
    ;;
  stop)
    [ -d "$dir/data" ] && as_user "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "unknown action $action" >&2; exit 2 ;;
esac
