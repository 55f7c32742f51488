"""CSV cells that a spreadsheet shows as text and never runs as a formula.

Analysts open narratrace's CSV files in Excel or LibreOffice, and every cell may hold hostile text: a
title, outlet or article id such as '=HYPERLINK("http://evil", "x")' would run there as a formula.
Prefixing such cells with an apostrophe is the OWASP "CSV injection" advice; the JSONL and Parquet
files keep the exact text.
"""

from __future__ import annotations

from typing import Any

# A spreadsheet reads a cell starting with one of these as a formula (tab and CR too, for some).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """``value``, with an apostrophe in front if it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
