#!/usr/bin/env bash
# Makes sure a PostgreSQL 15 server answers on 127.0.0.1:55432 for the tests, starting one if needed. Idempotent: run
# it as often as you like. The cluster lives in ${HANGAR_DATA_ROOT:-/tmp}/hangar-postgres, owned by user postgres,
# with trust authentication on loopback only (a test server: never expose it). Started with pg_ctl, never systemd,
# so it works in CI containers; its log is server.log in the cluster's directory.
# Appends HANGAR_TEST_POSTGRES (an Npgsql connection string) to "$HANGAR_SERVICES_ENV" when eng/test.sh set it.
set -euo pipefail

port=55432
dir="${HANGAR_DATA_ROOT:-/tmp}/hangar-postgres"
bin=/usr/lib/postgresql/15/bin
connection="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"

publish() {
  if [[ -n "${HANGAR_SERVICES_ENV:-}" ]]; then
    echo "export HANGAR_TEST_POSTGRES=\"$connection\"" >>"$HANGAR_SERVICES_ENV"
  fi
}

# As user postgres when run as root (the server refuses to run as root); as whoever runs it otherwise.
as_owner() {
  if ((EUID == 0)); then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

installed=""
if [[ ! -x "$bin/pg_ctl" ]]; then
  if ((EUID != 0)); then
    echo "start-postgres: PostgreSQL 15 is not installed; install it as root: apt-get install -y postgresql" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  log="$(mktemp)"
  # apt's chatter only matters when the install fails.
  if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends postgresql; } >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "start-postgres: installing postgresql failed" >&2
    exit 1
  fi
  rm -f "$log"
  installed="installed postgresql, "
fi

if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
  echo "start-postgres: a server already answers on 127.0.0.1:$port; nothing to do"
  publish
  exit 0
fi

mkdir -p "$dir"
if ((EUID == 0)); then
  chown postgres:postgres "$dir"
fi
chmod 700 "$dir"

if [[ ! -f "$dir/PG_VERSION" ]]; then
  as_owner "$bin/initdb" -D "$dir" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  installed+="created a cluster in $dir, "
fi

# Tests make a database per test class and run in parallel beside a server under test: more than the default 100
# connections may be open at once.
if ! as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=300" start >/dev/null; then
  echo "start-postgres: the server did not start; last lines of $dir/server.log:" >&2
  tail -n 20 "$dir/server.log" >&2 || true
  exit 1
fi

echo "start-postgres: ${installed}started PostgreSQL 15 on 127.0.0.1:$port (data and server.log in $dir)"
publish
