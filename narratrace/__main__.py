"""``python -m narratrace.cli`` and ``python -m narratrace``: the same command line as ``narratrace``."""

from narratrace.cli import main

main()
