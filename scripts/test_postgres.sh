#!/usr/bin/env bash
# Start a throw-away PostgreSQL on 127.0.0.1:55432 for the store's tests and print its URL.
# Installs the server from Debian when absent. Used by .ci/run; safe to run by hand.
set -euo pipefail
PORT=${NARRATRACE_PG_PORT:-55432}
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$BIN" ]; then
    apt-get update -qq >/dev/null && apt-get install -y -qq postgresql >/dev/null
    BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
DATA=/tmp/narratrace-pg-$PORT
if ! "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
    rm -rf "$DATA" && mkdir -p "$DATA" && chown postgres: "$DATA"
    su postgres -c "$BIN/initdb -D $DATA -A trust -U postgres" >/dev/null
    su postgres -c "$BIN/pg_ctl -s -D $DATA -o '-p $PORT -k /tmp -c listen_addresses=127.0.0.1' -l $DATA/log start -w"
    su postgres -c "$BIN/createdb -h 127.0.0.1 -p $PORT narratrace_test"
fi
echo "postgresql+psycopg://postgres@127.0.0.1:$PORT/narratrace_test"
