#!/usr/bin/env bash
# A throw-away PostgreSQL for tests and development, on a loopback port in a temporary
# folder: `start` installs Debian's postgresql when it is missing, creates a cluster, starts
# it and prints its URL (export it as TUIJIAN_TEST_POSTGRES to run the PostgreSQL tests);
# `stop` stops it and removes the folder; `pause` and `resume` stop and restart it keeping
# its data (failover tests). TUIJIAN_PG_DIR and TUIJIAN_PG_PORT choose another server.
# PostgreSQL refuses to run as root, so as root the server runs as the unprivileged
# `postgres` user.
set -euo pipefail
DIR=${TUIJIAN_PG_DIR:-/tmp/tuijian-postgres}
PORT=${TUIJIAN_PG_PORT:-55432}
URL="postgres://tuijian@127.0.0.1:$PORT/tuijian"
# Tests and benches run against a throw-away server: durability is not what they test.
OPTS="-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=${TUIJIAN_PG_FSYNC:-off} -c synchronous_commit=off -c max_connections=200 -c shared_buffers=512MB"

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  if [ -z "$(pg_bin)" ]; then
    [ "$(id -u)" = 0 ] || { echo "postgresql is not installed: apt-get install postgresql (as root)" >&2; exit 1; }
    echo "installing Debian's postgresql…" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  fi
  local bin; bin=$(pg_bin)
  if [ -f "$DIR/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
    echo "$URL"; return
  fi
  rm -rf "$DIR"; mkdir -p "$DIR"
  [ "$(id -u)" = 0 ] && chown postgres "$DIR"
  as_owner "$bin/initdb" -D "$DIR/data" -U tuijian --auth=trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
    || { cat "$DIR/initdb.log" >&2; exit 1; }
  as_owner "$bin/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 -o "$OPTS" start >&2 \
    || { cat "$DIR/server.log" >&2; exit 1; }
  as_owner "$bin/createdb" -h 127.0.0.1 -p "$PORT" -U tuijian tuijian
  echo "$URL"
}

stop() {
  local bin; bin=$(pg_bin)
  if [ -n "$bin" ] && [ -d "$DIR/data" ]; then as_owner "$bin/pg_ctl" -D "$DIR/data" -m fast -w stop >&2 || true; fi
  rm -rf "$DIR"
}

pause() { as_owner "$(pg_bin)/pg_ctl" -D "$DIR/data" -m fast -w stop >&2; }
resume() { as_owner "$(pg_bin)/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 -o "$OPTS" start >&2; }

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  pause) pause ;;
  resume) resume ;;
  *) echo "usage: $0 start|stop|pause|resume" >&2; exit 2 ;;
esac
