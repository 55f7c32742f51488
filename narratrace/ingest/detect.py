"""Which files a batch consists of, and which reader each one needs.

Folders are walked in sorted order so a batch is deterministic (ids, report order, tests).
Hidden files and ``*.meta.json`` sidecars are not inputs of their own.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from narratrace.ingest.decode import open_input
from narratrace.ingest.outlet import is_sidecar
from narratrace.ingest.types import InputRejected, ReadOptions

_EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "tsv",
    ".warc": "warc",
    ".rss": "feed",
    ".atom": "feed",
}
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)[\s>]", re.IGNORECASE | re.DOTALL
)
_SNIFF = 8192


def iter_input_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Every input file under ``paths`` (files as given, folders recursively, sorted)."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from _walk(path)
        elif not is_sidecar(path):
            yield path  # a missing path is yielded too: reading it reports the error


def input_files(paths: Iterable[str | Path], exclude: Sequence[str | Path] = ()) -> list[Path]:
    """Every input file under ``paths``, less those at or under an ``exclude`` path.

    ``analyze`` excludes its own output folder and store, which may sit inside an input folder: a second run
    must not read the first run's report.
    """
    skipped = [_resolved(Path(p)) for p in exclude]
    return [path for path in iter_input_files(paths) if not any(_resolved(path).is_relative_to(s) for s in skipped)]


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: reading it reports the error later
        return path.absolute()


def _walk(folder: Path) -> Iterator[Path]:
    found: list[Path] = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        found.extend(Path(root, name) for name in files if not name.startswith("."))
    for path in sorted(found, key=lambda p: p.relative_to(folder).as_posix()):
        if not is_sidecar(path):
            yield path


def check_regular_file(path: Path) -> None:
    """Refuse what cannot be read as a file (missing, folders, FIFOs and devices would hang or fail oddly)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError as exc:
        raise InputRejected("no such file or folder") from exc
    except OSError as exc:
        raise InputRejected(f"cannot access the file: {exc.strerror or exc}") from exc
    if not stat.S_ISREG(mode):
        raise InputRejected("not a regular file (a pipe, device or socket), so it was not read")


def detect_format(path: Path, options: ReadOptions) -> str:
    """The reader for a file: the forced format, else the extension, else a look at the first bytes."""
    if options.format is not None:
        return options.format
    suffixes = [suffix.lower() for suffix in path.suffixes[-2:]]
    if suffixes and suffixes[-1] in (".gz", ".gzip"):
        suffixes = suffixes[:-1]
    extension = suffixes[-1] if suffixes else ""
    if extension == ".arc":
        raise InputRejected("old-style ARC archives are not supported; convert them to WARC first")
    if extension in _EXTENSIONS:
        return _EXTENSIONS[extension]
    return _sniff_format(path, options, extension)


def _sniff_format(path: Path, options: ReadOptions, extension: str) -> str:
    with open_input(path, options) as stream:
        head = stream.read(_SNIFF)
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"WARC/"):
        return "warc"
    if _FEED_ROOT.search(head):
        return "feed"
    if _HTML_START.match(stripped) or b"<html" in head.lower():
        return "html"
    if extension == ".xml":
        raise InputRejected("XML file is neither an RSS/Atom feed nor HTML")
    if stripped.startswith(b"{"):
        return "jsonl"
    return "text"
