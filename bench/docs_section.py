"""What every benchmark script shares: a description of the machine, and rewriting its own section of
docs/benchmarks.md without touching the others."""

from __future__ import annotations

import os
import platform
import re
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


def machine() -> str:
    return f"{os.cpu_count()} CPUs (nproc), {cpu_model()}, Python {platform.python_version()}"


def write_section(section: str, docs: Path = DOCS) -> None:
    """Replace (or append) the section whose ``## `` heading is ``section``'s first line."""
    heading = section.splitlines()[0]
    existing = docs.read_text(encoding="utf-8") if docs.exists() else "# Benchmarks\n"
    pattern = re.compile(rf"^{re.escape(heading)}\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    updated = (
        # One blank line before the next section; none after the last one.
        pattern.sub(lambda m: section.rstrip("\n") + ("\n" if m.end() == len(existing) else "\n\n"), existing)
        if pattern.search(existing)
        else (existing.rstrip("\n") + "\n\n" + section)
    )
    docs.parent.mkdir(parents=True, exist_ok=True)
    docs.write_text(updated, encoding="utf-8")
