# Sourced by test.sh and bench.sh: a PostgreSQL of Debian's packages for the tests, in a temporary
# folder owned by `postgres` (it refuses to run as root), listening on a free loopback port only;
# never a system service. `start_postgres` sets KIUBI_TEST_POSTGRES (a URL whose user may create
# databases); `stop_postgres` stops it and removes the folder. Tests run it without fsync (their data
# is thrown away); PG_FSYNC=on for benchmarks, as a real database runs.

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"

# Runs a command as `postgres` when we are root, else as ourselves.
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
  PG_DIR="$(mktemp -d)"
  [ "$(id -u)" -ne 0 ] || chown postgres "$PG_DIR"
  local port
  port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U kiubi --auth=trust >"$PG_DIR/initdb.log" 2>&1 ||
    { cat "$PG_DIR/initdb.log"; return 1; }
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
    -o "-k $PG_DIR -p $port -c listen_addresses=127.0.0.1 -c fsync=${PG_FSYNC:-off}" start >/dev/null ||
    { cat "$PG_DIR/server.log"; return 1; }
  export KIUBI_TEST_POSTGRES="postgres://kiubi@127.0.0.1:$port/postgres"
}

stop_postgres() {
  if [ -n "${PG_DIR:-}" ]; then
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
    PG_DIR=""
  fi
}
