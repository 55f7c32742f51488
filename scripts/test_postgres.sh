#!/usr/bin/env bash
# A throw-away PostgreSQL on 127.0.0.1:55432 for the store's tests.
#   test_postgres.sh [start]  start it (installing the server from Debian when absent) and print its URL;
#                             prints "started" on stderr when this call started it.
#   test_postgres.sh stop     stop it.
# Used by scripts/test.sh; safe to run by hand.
set -euo pipefail
PORT=${NARRATRACE_PG_PORT:-55432}
DATA=/tmp/narratrace-pg-$PORT
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ "${1:-start}" = stop ]; then
    [ -n "$BIN" ] && [ -d "$DATA" ] && su postgres -c "$BIN/pg_ctl -s -D $DATA stop -m fast" || true
    exit 0
fi
if [ -z "$BIN" ]; then
    apt-get update -qq >/dev/null && apt-get install -y -qq postgresql >/dev/null
    BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
if ! "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
    rm -rf "$DATA" && mkdir -p "$DATA" && chown postgres: "$DATA"
    su postgres -c "$BIN/initdb -D $DATA -A trust -U postgres" >/dev/null
    su postgres -c "$BIN/pg_ctl -s -D $DATA -o '-p $PORT -k /tmp -c listen_addresses=127.0.0.1' -l $DATA/log start -w"
    su postgres -c "$BIN/createdb -h 127.0.0.1 -p $PORT narratrace_test"
    echo started >&2
fi
echo "postgresql+psycopg://postgres@127.0.0.1:$PORT/narratrace_test"
