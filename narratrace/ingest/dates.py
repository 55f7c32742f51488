"""Publication dates as readers find them: header lines, metadata fields, feed timestamps.

Parsing is deliberately strict: a wrong date misleads "who published first" far more than a
missing one, so anything without an explicit year, or with words that are not date words,
is not a date.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime
from typing import Any

from dateutil import parser as date_parser

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun"
# Every token of a header date line must be one of these: numbers, month/weekday names,
# time-zone abbreviations, am/pm, "updated"-style labels and separators.
_DATE_TOKEN = re.compile(
    rf"^(?:\d{{1,4}}(?::\d{{2}}){{0,2}}|\d{{1,2}}(?:st|nd|rd|th)|{_MONTHS}|{_WEEKDAYS}|am|pm|a\.m|p\.m|"
    r"gmt|utc|z|[a-z]{1,2}[sd]t|[ecmp]t|msk|cet|cest|bst|ist|"
    r"updated|published|posted|last|on|at|"
    r"[,.:\-–—/|+()])$",
    re.IGNORECASE,
)
_TOKENS = re.compile(r"\d+(?::\d+)*|[^\W\d_]+|[^\w\s]")
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|2\d\d\d)(?!\d)")
_HAS_MONTH_NAME = re.compile(rf"\b(?:{_MONTHS})\b", re.IGNORECASE)
_ISO_DAY = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_HAS_TIME = re.compile(r"\d{1,2}:\d{2}")
_DAY_NUMBER = re.compile(r"(?<![\d:])\d{1,2}(?:st|nd|rd|th)?(?![\d:])")
_MAX_HEADER_DATE_CHARS = 60


def _plausible(day: date) -> bool:
    return 1900 <= day.year <= date.today().year + 1


def parse_header_date(line: str) -> str | None:
    """ISO date of a line that is nothing but a date/time stamp ("23:55 GMT13 April 2021"), else None."""
    line = line.strip()
    if not line or len(line) > _MAX_HEADER_DATE_CHARS:
        return None
    # Scrapers glue fields together ("GMT13 April"): split letters from digits before tokenising.
    spaced = re.sub(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_]{3,})", " ", line)
    tokens = _TOKENS.findall(spaced)
    if not tokens or not all(_DATE_TOKEN.match(token) for token in tokens):
        return None
    if not _YEAR.search(spaced):
        return None
    iso = _ISO_DAY.search(spaced)
    if iso:
        try:
            day = date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            return None
        return day.isoformat() if _plausible(day) else None
    if not _HAS_MONTH_NAME.search(spaced):
        return None  # "04/05/2021" is ambiguous between day-first and month-first
    if not _DAY_NUMBER.search(spaced):
        return None  # "May 2018" names a month, not a publication day
    try:
        parsed = date_parser.parse(spaced, fuzzy=True, ignoretz=True, default=datetime(2000, 1, 1))
    except (ValueError, OverflowError):
        return None
    return parsed.date().isoformat() if _plausible(parsed.date()) else None


def normalize_date(value: Any) -> str | None:
    """A metadata date (string, epoch number, struct_time, date) as ISO-8601, or None if unusable.

    The result is a date ("2021-04-13") when the input has no time of day, else a datetime.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time.struct_time):
        return datetime(*value[:6], tzinfo=UTC).isoformat()
    if isinstance(value, int | float):
        return _from_epoch(float(value))
    text = str(value).strip()
    if not text or len(text) > 100:
        return None
    if re.fullmatch(r"\d{10}(?:\.\d+)?|\d{13}", text):
        return _from_epoch(float(text))
    if not _YEAR.search(text):
        return None
    try:
        parsed = date_parser.parse(text, default=datetime(2000, 1, 1))
    except (ValueError, OverflowError):
        return None
    if not _plausible(parsed.date()):
        return None
    return parsed.isoformat() if _HAS_TIME.search(text) else parsed.date().isoformat()


def _from_epoch(seconds: float) -> str | None:
    if seconds > 1e11:  # milliseconds
        seconds /= 1000
    try:
        moment = datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return moment.isoformat() if _plausible(moment.date()) else None
