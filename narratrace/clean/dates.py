"""Event time in the text, and header dates that contradict it.

Scraped pages often carry the date of the scrape, of a site redesign or of a "related" widget
in their header, not the date of the story. The text itself usually says when things happened
("on July 11-12", "last week's NATO summit", "since 2011"); when every year the text mentions
is well before the header date, the header is suspect and later stages (who copied whom)
must not trust it blindly.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from narratrace.clean.types import ArticleWarning, TimeCue

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
# "July 11-12", "April 7", "20 Oct 2024", "13 April 2021", "May 2018"
_ABSOLUTE = re.compile(
    rf"(?:(?<!\d)(?P<d1>\d{{1,2}})\s+|\b)(?P<month>{_MONTHS})\.?(?:\s+(?P<d2>\d{{1,2}})(?:\s*[-–]\s*\d{{1,2}})?)?"
    rf"(?:,?\s+(?P<year>(?:19|20)\d{{2}}))?\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<![\d$£€.,])\b(?P<year>(?:19[5-9]|20[0-4])\d)\b(?![\d,.]\d)")
_RELATIVE = re.compile(
    r"\b(?:(?:last|this|next|past)\s+(?:week|month|year|weekend|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday)(?:'s|’s)?|earlier this (?:week|month|year)|on (?:monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday)|yesterday|today|tonight|(?:in )?recent days)\b",
    re.IGNORECASE,
)


# Scanning a long text with the patterns above at every word boundary is slow; these cheap anchors
# find the few places where one can match, and the full pattern then runs in a small window there.
_MONTH_ANCHOR = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b"
)
_YEAR_ANCHOR = re.compile(r"(?:19[5-9]|20[0-4])\d")
_RELATIVE_ANCHOR = re.compile(
    r"\b(?:week|month|year|weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"yesterday|today|tonight|days)\b",
    re.IGNORECASE,
)


def _anchored(
    pattern: re.Pattern[str], anchor: re.Pattern[str], text: str, before: int, after: int
) -> Iterator[re.Match[str]]:
    seen: set[tuple[int, int]] = set()
    for hit in anchor.finditer(text):
        for match in pattern.finditer(text, max(0, hit.start() - before), min(len(text), hit.end() + after)):
            if match.start() <= hit.start() < match.end() and match.span() not in seen:
                seen.add(match.span())
                yield match


def find_time_cues(text: str) -> list[TimeCue]:
    """Absolute dates, bare years and relative time expressions, in text order."""
    cues: list[TimeCue] = []
    taken: list[tuple[int, int]] = []
    for match in _anchored(_ABSOLUTE, _MONTH_ANCHOR, text, 4, 16):
        # A bare month word ("may", "march") is too ambiguous without a day or year next to it.
        if not (match.group("d1") or match.group("d2") or match.group("year")):
            continue
        if not match.group("month")[0].isupper():
            continue
        year = int(match.group("year")) if match.group("year") else None
        cues.append(TimeCue(match.start(), match.end(), match.group(0), "absolute_date", year))
        taken.append(match.span())
    for match in _anchored(_YEAR, _YEAR_ANCHOR, text, 2, 2):
        if any(s <= match.start() < e for s, e in taken):
            continue
        cues.append(TimeCue(match.start(), match.end(), match.group(0), "year", int(match.group("year"))))
    for match in _anchored(_RELATIVE, _RELATIVE_ANCHOR, text, 16, 3):
        cues.append(TimeCue(match.start(), match.end(), match.group(0), "relative"))
    return sorted(cues, key=lambda c: c.start)


def check_header_date(published: str | None, cues: list[TimeCue], source: str | None) -> list[ArticleWarning]:
    """Warn when the article's date is years after everything its text refers to.

    Two years of slack keep retrospective pieces quiet; the warning states the evidence so a
    reader can judge. Pages whose text names no year at all get no verdict.
    """
    if not published or not re.match(r"^\d{4}", published):
        return []
    header_year = int(published[:4])
    years = sorted({c.year for c in cues if c.year is not None and c.year <= header_year + 1})
    if not years:
        return []
    latest = years[-1]
    if header_year - latest < 2:
        return []
    return [
        ArticleWarning(
            kind="date_mismatch",
            message=(
                f"published date {published} ({source or 'metadata'}) is {header_year - latest} years after "
                f"the latest year the text refers to ({latest}); the date is probably not the story's"
            ),
            evidence={
                "published": published,
                "published_source": source,
                "latest_year_in_text": latest,
                "years_in_text": years,
            },
        )
    ]
