"""The article's own date stamps, read from its text: datelines and "updated" stamps.

Pages print their date in the text as well as in their metadata: a stamp line ("21.08.2013",
"Sat 24 Aug 2013"), a labelled stamp ("Published: 3 March 2019", "Last updated at Jun 182016",
"Updated 10:42 GMT 22.07.2018") or a wire dateline ("WASHINGTON, July 22 (Reuters) -"). These are
the best evidence there is about the header date, independent of how a scraper filled it in.

A full date inside prose ("the court ruled on 3 March 2019") is an event date, not a stamp: a date
counts as a stamp only when a label names it, when it stands apart from prose (line start,
separator, or glued to the previous field by a scraper: "Facebook21.08.2013"), or in a wire
dateline. Numeric dates are read day-first ("21.08.2013"), as the dotted form is European; slashed
numeric dates are skipped (04/05/2021 is ambiguous).
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterator
from datetime import date

from narratrace.clean.scan import ascii_folded, digit_run_starts, literal_starts, matches_from
from narratrace.clean.types import TimeCue

_MONTH_NUMBERS = {
    name: index
    for index, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|" + (
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_YEAR = r"(?P<year>(?:19|20)\d{2})"
# "21.08.2013", "2013-08-21", "24 Aug 2013", "3rd March, 2019", "Jun 18, 2016", "Jun 182016" (glued by a scraper).
_FULL_DATE = re.compile(
    rf"(?<![\d.])(?P<dd>\d{{1,2}})\.(?P<mm>\d{{1,2}})\.(?P<ny>(?:19|20)\d{{2}})(?![\d]|\.\d)"
    rf"|(?<!\d)(?P<iy>(?:19|20)\d{{2}})-(?P<im>\d{{2}})-(?P<id>\d{{2}})(?!\d)"
    rf"|(?<!\d)(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+{_YEAR}(?!\d)"
    rf"|\b{_MONTH.replace('month', 'month2')}\s*(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?,?\s*"
    r"(?P<year2>(?:19|20)\d{2})(?!\d)",
    re.IGNORECASE,
)
# A full date starts with a digit that follows no digit, or with a month name (lower-case prefixes, searched
# in the folded text): where ``_full_dates`` tries ``_FULL_DATE``.
_MONTH_PREFIXES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _full_dates(text: str) -> Iterator[re.Match[str]]:
    """``_FULL_DATE.finditer(text)``, trying the pattern only where a date can start."""
    folded = ascii_folded(text)
    if folded is None:
        return _FULL_DATE.finditer(text)
    starts = heapq.merge(digit_run_starts(text), literal_starts(folded, _MONTH_PREFIXES))
    return matches_from(_FULL_DATE, text, starts)


# What may stand between a stamp and what precedes it: a weekday, a time of day, a time zone, separators.
_FILLER = (
    r"(?:\s|[,:|\-–—]|\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\b"
    r"|\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?|\b(?:gmt|utc|[a-z]{1,2}[sd]t|msk|cet|cest|bst)\b)*"
)
_LABEL_BEFORE = re.compile(
    r"\b(?P<label>(?:last\s+)?updated|published|posted|first\s+published|date:|created|modified)"
    rf"(?:\s*(?:on|at)\b)?{_FILLER}$",
    re.IGNORECASE,
)
_FILLER_AT_END = re.compile(rf"{_FILLER}$", re.IGNORECASE)
# Apart from prose: the text start, a line break or separator, or a field glued on with no space ("Facebook21.08").
_APART = re.compile(r"(?:^|[\n|•·»]\s*)$")
_GLUED = re.compile(r"[^\W\d_]$")
_WIRE_DATELINE = re.compile(
    rf"(?<![\w,])[A-Z][A-Z.'\-]+(?:\s+[A-Z][A-Z.'\-]+){{0,3}}(?:,\s+[A-Z][\w.]+(?:\s+[A-Z][\w.]+)?)?,\s+"
    rf"{_MONTH.replace('month', 'wmonth')}\s+(?P<wday>\d{{1,2}})(?:,\s+(?P<wyear>(?:19|20)\d{{2}}))?\s*"
    r"(?:\([^()\n]{1,30}\)\s*)?[-–—]",
)
# Part of every wire dateline (", July 22"), found by a fast literal search for the comma; a text without it
# has none, and the full pattern (tried at every capital letter) need not run.
_WIRE_HINT = re.compile(rf",\s+{_MONTH.replace('(?P<month>', '(?:')}\s+\d")
_LOOKBEHIND_CHARS = 60


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _match_date(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    if groups["dd"]:
        return _iso(int(groups["ny"]), int(groups["mm"]), int(groups["dd"]))
    if groups["iy"]:
        return _iso(int(groups["iy"]), int(groups["im"]), int(groups["id"]))
    if groups["day"]:
        return _iso(int(groups["year"]), _MONTH_NUMBERS[groups["month"].lower().rstrip(".")], int(groups["day"]))
    return _iso(int(groups["year2"]), _MONTH_NUMBERS[groups["month2"].lower().rstrip(".")], int(groups["day2"]))


# After a line break, a stamp stands alone on its line or before a separator or a time; a date opening a
# line of prose is a timeline entry ("Oct. 31, 2012 The Obama hug"), not the article's date.
_STAMP_END = re.compile(r"[ \t]*[.,]?[ \t]*(?:$|[|•·\-–—]|\d{1,2}[:.]\d{2})", re.MULTILINE)


def _stamp_kind(text: str, start: int, end: int) -> str | None:
    """'updated' or 'dateline' when the date at ``start`` is a stamp, None when it sits in prose."""
    before = text[max(0, start - _LOOKBEHIND_CHARS) : start]
    label = _LABEL_BEFORE.search(before)
    if label:
        return "updated" if re.search(r"updated|modified", label.group("label"), re.IGNORECASE) else "dateline"
    filler = _FILLER_AT_END.search(before)
    rest = before[: filler.start()] if filler else before
    if not rest and start > len(before):
        return None  # the window is all filler: undecidable, so not a stamp
    # "on 3 March 2019", "In September 2001", "bis zum 01.01.2019": a word and a space, so prose.
    skipped = filler.group(0) if filler else ""
    glued = not skipped and _GLUED.search(rest)
    apart = _APART.search(rest) or any(mark in skipped for mark in "\n|•·»")
    if apart and not glued and not _STAMP_END.match(text, end):
        return None
    return "dateline" if apart or glued else None


def _wire_datelines(text: str, header_day: date | None) -> Iterator[TimeCue]:
    """'WASHINGTON, July 22 (Reuters) -': without a year the day is placed in the header's year."""
    if _WIRE_HINT.search(text) is None:
        return
    for match in _WIRE_DATELINE.finditer(text):
        month = _MONTH_NUMBERS[match.group("wmonth").lower().rstrip(".")]
        day = int(match.group("wday"))
        year = int(match.group("wyear")) if match.group("wyear") else None
        iso = _iso(year, month, day) if year else _nearest_in_year(month, day, header_day)
        yield TimeCue(match.start(), match.end(), match.group(0), "dateline", year, iso)


def _nearest_in_year(month: int, day: int, header_day: date | None) -> str | None:
    """The day/month closest to the header day (the year before or after when that is nearer)."""
    if header_day is None:
        return None
    options = [_iso(header_day.year + shift, month, day) for shift in (-1, 0, 1)]
    candidates = [date.fromisoformat(o) for o in options if o]
    return min(candidates, key=lambda d: abs((d - header_day).days)).isoformat() if candidates else None


def find_date_stamps(text: str, header_day: date | None = None) -> list[TimeCue]:
    """Datelines and updated stamps in ``text`` (original offsets), each with its ISO ``date``.

    ``year`` is None only for a wire dateline that names no year, whose ``date`` is then placed in
    the year of ``header_day`` (and is None without one).
    """
    stamps: list[TimeCue] = []
    for match in _full_dates(text):
        iso = _match_date(match)
        kind = _stamp_kind(text, match.start(), match.end()) if iso else None
        if iso and kind:
            stamps.append(TimeCue(match.start(), match.end(), match.group(0), kind, int(iso[:4]), iso))
    stamps.extend(_wire_datelines(text, header_day))
    return sorted(stamps, key=lambda c: c.start)
