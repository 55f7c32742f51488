#!/usr/bin/env bash
# The test command: the whole suite, fast unit tests and slower integration tests (Spark,
# PostgreSQL, kill-and-resume) alike. A throw-away PostgreSQL is started when this machine
# can run one (and stopped again after the tests); otherwise the PostgreSQL test says why it skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${NARRATRACE_TEST_PG_URL:-}" ] && [ "$(id -u)" = 0 ]; then
    if url=$(bash scripts/test_postgres.sh start 2>/tmp/narratrace-pg.err); then
        export NARRATRACE_TEST_PG_URL=$url
        # Stop only a server this run started; one that was already running stays as it was.
        if grep -q "^started$" /tmp/narratrace-pg.err 2>/dev/null; then
            trap 'bash scripts/test_postgres.sh stop >/dev/null 2>&1 || true' EXIT
        fi
    else
        echo "note: could not start PostgreSQL ($(tail -n 1 /tmp/narratrace-pg.err)); its test will skip" >&2
    fi
fi
.venv/bin/python -m pytest "$@"
