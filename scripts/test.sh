#!/usr/bin/env bash
# The test command: the whole suite, fast unit tests and slower integration tests (Spark,
# PostgreSQL, kill-and-resume) alike. A throw-away PostgreSQL is started when this machine
# can run one; otherwise the PostgreSQL test says why it skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${NARRATRACE_TEST_PG_URL:-}" ] && [ "$(id -u)" = 0 ]; then
    if url=$(bash scripts/test_postgres.sh 2>/tmp/narratrace-pg.err); then
        export NARRATRACE_TEST_PG_URL=$url
    else
        echo "note: could not start PostgreSQL ($(tail -n 1 /tmp/narratrace-pg.err)); its test will skip" >&2
    fi
fi
exec .venv/bin/python -m pytest "$@"
