#!/usr/bin/env bash
# One command on a fresh machine: install narratrace, then analyse a folder of articles.
#   ./quickstart.sh                 # analyses ../shared/seeds into out/
#   ./quickstart.sh PATH... [--out DIR]
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/install.sh
if [ $# -eq 0 ]; then set -- ../shared/seeds; fi
case " $* " in *" --out "*|*" -o "*) ;; *) set -- "$@" --out out ;; esac
exec .venv/bin/narratrace analyze "$@"
