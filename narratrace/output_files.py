"""Writing output files that hostile input cannot break: atomic, spreadsheet-safe, XML-safe.

Every output stage (the reuse CLI's network files, the report's exports) writes through these, so
a crash mid-write never leaves a half-written file in place of a good one, and every cell or
attribute may hold hostile text.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

# A spreadsheet reads a cell starting with one of these as a formula (tab and CR too, for some).
# Analysts open the CSV files in Excel or LibreOffice, where a title, outlet or article id such as
# '=HYPERLINK("http://evil", "x")' would run; an apostrophe in front is the OWASP "CSV injection"
# advice. The JSONL and Parquet files keep the exact text.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Characters XML 1.0 cannot hold at all, even escaped (C0 controls but tab, CR, LF; surrogates; U+FFFE/F).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def spreadsheet_safe(value: Any) -> Any:
    """``value``, with an apostrophe in front if it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def xml_safe(value: Any) -> Any:
    """``value``, with characters XML cannot hold replaced by U+FFFD (an outlet name may carry a control byte)."""
    return _NOT_XML.sub("\ufffd", value) if isinstance(value, str) else value


def write_atomic(path: Path, write: Callable[[Path], object]) -> Path:
    """Call ``write`` on a temporary file beside ``path``, then move it into place: all or nothing."""
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        # mkstemp makes the file 0600; an output file gets what the user's umask gives any new file.
        temp.chmod(0o666 & ~_current_umask())
        write(temp)
        temp.replace(path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return path


def write_jsonl(path: Path, records: Iterable[Any]) -> Path:
    """JSON Lines, one record at a time (never the whole file in memory), atomically."""

    def write(temp: Path) -> None:
        with temp.open("w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")

    return write_atomic(path, write)


def _current_umask() -> int:
    # The umask can only be read by setting it; set it straight back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
