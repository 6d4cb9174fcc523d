# .ci/postgres.sh: a throwaway PostgreSQL server for the tests, on loopback,
# in a temporary data directory, as the postgres user (when run as root).
# Source it, then:
#   pg_start   installs Debian's postgresql when its server binaries are
#              missing, starts a server on a free port and exports
#              DATELINE_TEST_POSTGRES (the DSN of an empty database)
#   pg_stop    stops the server and removes its directory
# Used by .ci/run and `make test-postgres`.

pg_as() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() {
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  fi
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  PG_DIR=$(mktemp -d /tmp/dateline-pg.XXXXXX)
  if [ "$(id -u)" = 0 ]; then chown postgres "$PG_DIR"; fi
  PG_PORT=$(( 20000 + RANDOM % 20000 ))
  while (echo >"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null; do PG_PORT=$(( PG_PORT + 1 )); done
  pg_as "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust --no-locale -E UTF8 >"$PG_DIR/initdb.log" \
    || { cat "$PG_DIR/initdb.log"; return 1; }
  # fsync off: a throwaway server, speed over durability.
  pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w start \
    -o "-k $PG_DIR -c listen_addresses=127.0.0.1 -p $PG_PORT -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    >/dev/null || { cat "$PG_DIR/server.log"; return 1; }
  pg_as "$PG_BIN/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -c "CREATE DATABASE dateline_test" >/dev/null
  export DATELINE_TEST_POSTGRES="postgres://postgres@127.0.0.1:$PG_PORT/dateline_test?sslmode=disable"
  echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT: DATELINE_TEST_POSTGRES=$DATELINE_TEST_POSTGRES"
}

pg_stop() {
  if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ]; then
    pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}
