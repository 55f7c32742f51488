#!/usr/bin/env bash
# One command on a fresh machine: install narratrace, then analyse a folder of articles.
#   ./quickstart.sh                 # analyses ../shared/seeds into out/
#   ./quickstart.sh PATH... [--out DIR]
#   ./quickstart.sh --out DIR       # the seeds again, into DIR (options alone keep the default input)
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/install.sh
if [ $# -eq 0 ] || [ "${1#-}" != "$1" ]; then set -- ../shared/seeds "$@"; fi
case " $* " in *" --out "*|*" -o "*) ;; *) set -- "$@" --out out ;; esac
exec .venv/bin/narratrace analyze "$@"
