"""What every benchmark script shares: a description of the machine, and rewriting its own section of
docs/benchmarks.md without touching the others.

A section is owned by one script and sits between two markers named after it::

    <!-- bench:NAME -->
    ## Heading
    ...
    <!-- /bench:NAME -->

``write_section(text, name=NAME)`` replaces what lies between that pair and leaves every other byte of the
file as it was; a section not yet in the file is appended at its end. To add a benchmark to the doc, have
its script build the section (heading, what it measures, ``run_line(...)``, the table) and call
``write_section``: the first run creates the markers.
"""

from __future__ import annotations

import os
import platform
import re
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"
_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")


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


def run_line(command: str, date: str) -> str:
    """The line every section carries under its heading: how to reproduce it, when, and on what."""
    return f"Command: `{command}` · date: {date} · machine: {machine()}."


def markers(name: str) -> tuple[str, str]:
    if not _NAME.fullmatch(name):
        raise ValueError(f"section name {name!r}: use lower-case letters, digits and hyphens")
    return f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"


def _slug(heading: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", heading.lstrip("#").strip().lower()).strip("-") or "section"


def replace_section(document: str, name: str, section: str) -> str:
    """``document`` with the body of section ``name`` replaced by ``section`` (appended when absent)."""
    start, end = markers(name)
    body = section.strip("\n") + "\n"
    if document.count(start) > 1 or document.count(end) > 1:
        raise ValueError(f"section {name!r} is marked more than once")
    if start not in document and end not in document:
        return document.rstrip("\n") + f"\n\n{start}\n{body}{end}\n"
    head, found, rest = document.partition(start + "\n")
    if not found or end not in rest:
        raise ValueError(f"section {name!r} has a start or end marker without its pair, or they are out of order")
    return head + found + body + rest[rest.index(end) :]


def write_section(section: str, docs: Path | None = None, *, name: str | None = None) -> None:
    """Replace (or append) this script's marked section of ``docs`` (docs/benchmarks.md by default).

    ``name`` defaults to a slug of the section's first line (its ``## `` heading); give it explicitly so that
    renaming the heading does not orphan the old section.
    """
    path = docs if docs is not None else DOCS
    existing = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    updated = replace_section(existing, name or _slug(section.splitlines()[0]), section)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(updated, encoding="utf-8")
