"""Event time in the text, and header dates that the text contradicts.

Scraped pages often carry the date of the scrape, of a site redesign or of a "related" widget in
their header, not the date of the story. The text is the evidence: its own dateline or "updated"
stamp (clean/datelines.py) and the times of the events it reports. News recalls history all the
time ("since he joined the league in 2003", "founded in 1998", "In 2010, ..."), so years in such
background clauses are kept as cues (``TimeCue.background`` says why) but never count as events:
only a dateline that disagrees, or a header years after every dated *event*, contradicts the header.
A dateline that agrees clears it. See ``check_header_date`` for the exact order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from narratrace.clean.datelines import find_date_stamps
from narratrace.clean.scan import ascii_folded, literal_starts, matches_from
from narratrace.clean.types import ArticleWarning, CleanArticle, TimeCue

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

# ---- background clauses: what the text says about a year's role -------------------------------------
_DAY_MONTH = r"(?:(?:early|mid|late|the (?:end|start|beginning|middle|spring|summer|autumn|fall|winter) of)[- ]+)?" + (
    rf"(?:\d{{1,2}}\s+)?(?:(?:{_MONTHS})\.?\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?"
)
# "since 2003", "since he joined the league in 2003": a period running up to the article's present.
_OPEN_ENDED = re.compile(r"\b(?:ever\s+)?since\b[^,;.!?\n]{0,80}$", re.IGNORECASE)
# "18 years after ... 2001", "a decade ago": a distance measured from the article's present.
_DISTANCE = re.compile(
    r"\b(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|several|many|a few)\s+(?:years?|decades?)\s+"
    r"(?:after|ago|later|earlier|since|before)\b",
    re.IGNORECASE,
)
# "from 2004 to 2017", "between 2008 and 2016", "by 2016", "back in 2009", "2004 – 2014": a closed period.
_PERIOD = re.compile(
    r"(?:\b(?:from|between|until|till|through|by|before|prior to|as early as|as far back as|back in|"
    rf"dating (?:back )?to|dates back to|as of)\s+(?:at least\s+)?{_DAY_MONTH}"
    rf"|(?:19|20)\d\d\s*(?:[-–—/]|to|and|through|until)\s*{_DAY_MONTH})$",
    re.IGNORECASE,
)
# Beginnings and ordinal history recalled in the same clause: "founded in 1998", "the first took place in 2010".
_HISTORY_WORDS = re.compile(
    r"\b(?:founded|established|created|formed|launched|born|joined|acquired|bought|purchased|elected|appointed|"
    r"hired|introduced|opened|built|set up|started|began|debuted|inaugurated|incorporated|took office|"
    r"first|last|previous(?:ly)?|earlier|originally|once|anniversary)\b",
    re.IGNORECASE,
)
_RELATIVE_CLAUSE = re.compile(r"\b(?:which|who|whom|whose)\b", re.IGNORECASE)
# "the 1967 Six-Day War", "a 2010 rape allegation", "the September 11, 2001 attacks": a year naming a thing.
_DETERMINER_BEFORE = re.compile(
    rf"\b(?:a|an|the|this|that|these|those|its|his|her|their|our|my|your)\s+(?:[A-Za-z-]+\s+)?{_DAY_MONTH}$",
    re.IGNORECASE,
)
_WORD_AFTER = re.compile(
    r"^[\s,-]+(?!(?:and|or|to|when|as|after|before|in|on|at|with|for|was|is|were|are|but|that|the|than|until)\b)[A-Za-z]"
)
# "the attacks of Sept. 11, 2001", "the convention of 1964": a date naming what a noun is.
_OF_BEFORE = re.compile(rf"\b[a-z]+s?\s+of\s+{_DAY_MONTH}$")
# "In 2003, the group ...": a fronted time adverbial that opens a history aside.
_FRONTED = re.compile(rf"(?:^|[.!?]\s+|\n\s*|,\s+)(?:back\s+)?in\s+{_DAY_MONTH}$", re.IGNORECASE)
_CLAUSE_START = re.compile(r".*[.;!?\n(—]", re.DOTALL)
_CONTEXT_CHARS = 300


def background_role(text: str, start: int, end: int) -> str | None:
    """Why the year at ``text[start:end]`` is background, or None when it dates an event the text reports.

    'open_ended': a period or distance measured up to the present ("since 2003", "18 years after 2001");
    'period': a closed period ("from 2004 to 2017", "by 2016"); 'named': a year naming a thing ("the 1967
    war"); 'history': a point in the past the text recalls ("founded in 1998", "which it bought in 2017",
    "In 2010, ...", "the first took place in 2010").
    """
    before = text[max(0, start - _CONTEXT_CHARS) : start]
    after = text[end : end + 60]
    boundary = _CLAUSE_START.match(before)
    clause = before[boundary.end() :] if boundary else before
    clause_after = re.split(r"[.;!?\n]", after, maxsplit=1)[0]
    if _OPEN_ENDED.search(clause) or _DISTANCE.search(clause) or _DISTANCE.search(clause_after):
        return "open_ended"
    if _PERIOD.search(before):
        return "period"
    if (_DETERMINER_BEFORE.search(before) and _WORD_AFTER.match(after)) or _OF_BEFORE.search(before):
        return "named"
    if (
        _HISTORY_WORDS.search(clause)
        or _HISTORY_WORDS.search(clause_after[:40])
        or _RELATIVE_CLAUSE.search(clause)
        or (_FRONTED.search(before) and after.lstrip().startswith(","))
    ):
        return "history"
    return None


# Where the word anchors can start: their words, found by substring search (the month words by their first
# three letters, the relative words lower-case in the folded text).
_MONTH_STARTS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# The same search as one alternation of literals: the engine skips ahead to the next capital J, F, M, A, S,
# O, N or D (rare in prose), faster than twelve substring searches. Two month starts never overlap (each
# is a capital and two lower-case letters), so finditer finds them all.
_MONTH_START = re.compile("|".join(_MONTH_STARTS))
_RELATIVE_WORDS = tuple(_RELATIVE_ANCHOR.pattern.removeprefix(r"\b(?:").removesuffix(r")\b").split("|"))


def _anchor_hits(anchor: re.Pattern[str], text: str, folded: str | None) -> Iterator[re.Match[str]]:
    """``anchor.finditer(text)``, the word anchors tried only where one of their words occurs."""
    if anchor is _MONTH_ANCHOR:
        return matches_from(anchor, text, (hit.start() for hit in _MONTH_START.finditer(text)))
    if anchor is _RELATIVE_ANCHOR and folded is not None:
        return matches_from(anchor, text, literal_starts(folded, _RELATIVE_WORDS))
    return anchor.finditer(text)


def _anchored(
    pattern: re.Pattern[str], anchor: re.Pattern[str], text: str, before: int, after: int, folded: str | None = None
) -> Iterator[re.Match[str]]:
    seen: set[tuple[int, int]] = set()
    for hit in _anchor_hits(anchor, text, folded):
        for match in pattern.finditer(text, max(0, hit.start() - before), min(len(text), hit.end() + after)):
            if match.start() <= hit.start() < match.end() and match.span() not in seen:
                seen.add(match.span())
                yield match


def find_time_cues(text: str, header_day: date | None = None, relative: bool = True) -> list[TimeCue]:
    """Datelines and updated stamps, absolute dates, bare years and relative expressions, in text order.

    ``header_day`` places a wire dateline without a year ("WASHINGTON, July 22 (Reuters) -") and gives
    "yesterday", "today" and "on Sunday" their ``date``; being read off the header, those dates are no
    evidence about it, only where the story sits in time. ``relative=False`` leaves relative expressions
    out (no date check reads them).
    """
    cues = find_date_stamps(text, header_day)
    folded = ascii_folded(text)
    taken = [(c.start, c.end) for c in cues]
    for match in _anchored(_ABSOLUTE, _MONTH_ANCHOR, text, 4, 16):
        # A bare month word ("may", "march") is too ambiguous without a day or year next to it.
        if not (match.group("d1") or match.group("d2") or match.group("year")):
            continue
        if not match.group("month")[0].isupper() or any(s < match.end() and match.start() < e for s, e in taken):
            continue
        year = int(match.group("year")) if match.group("year") else None
        role = background_role(text, match.start(), match.end()) if year else None
        cues.append(TimeCue(match.start(), match.end(), match.group(0), "absolute_date", year, background=role))
        taken.append(match.span())
    for match in _anchored(_YEAR, _YEAR_ANCHOR, text, 2, 2):
        if any(s <= match.start() < e for s, e in taken):
            continue
        role = background_role(text, match.start(), match.end())
        cues.append(TimeCue(match.start(), match.end(), match.group(0), "year", int(match.group("year")), None, role))
    for match in _anchored(_RELATIVE, _RELATIVE_ANCHOR, text, 16, 3, folded) if relative else ():
        cues.append(
            TimeCue(match.start(), match.end(), match.group(0), "relative", date=_relative_day(match, header_day))
        )
    return sorted(cues, key=lambda c: c.start)


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _relative_day(match: re.Match[str], day: date | None) -> str | None:
    """The day a relative cue names, counted from the header day: "yesterday", "today", "on Sunday" (the last
    Sunday up to the header day, as news reports the past). None for spans ("last week") or without a header.
    """
    if day is None:
        return None
    words = match.group(0).casefold().split()
    if words[0] in ("today", "tonight"):
        return day.isoformat()
    if words[0] == "yesterday":
        return date.fromordinal(day.toordinal() - 1).isoformat()
    if words[0] == "on" and words[-1] in _WEEKDAYS:
        back = (day.weekday() - _WEEKDAYS.index(words[-1])) % 7
        return date.fromordinal(day.toordinal() - back).isoformat()
    return None


def header_day(published: str | None) -> date | None:
    """The day of an ISO ``published`` value, None when it has none."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


# How far into a text a dateline or an updated stamp still dates the article itself. An undated text that
# opens "BUDAPEST, Hungary, February 19, 2018 (LifeSiteNews) –" was published that day; a stamp further in is an
# embedded tweet's or a quoted document's date.
OPENING_STAMP_CHARS = 300


def publication_day(article: CleanArticle) -> int | None:
    """The day (an ordinal) an article was published, or None when unknown, unreadable or flagged by the cleaner.

    A header date that the cleaner found years after everything the text mentions (``date_mismatch``) is a
    page's crawl or archive date, not the event's: trusting it would split a story or a claim. Without a header
    date, a dateline or updated stamp that opens the text (within ``OPENING_STAMP_CHARS``) gives the day.
    """
    if article.header_date_flagged:
        return None
    day = header_day(article.article.published)
    if day is not None:
        return day.toordinal()
    stamp = next(
        (
            cue
            for cue in article.time_cues
            if cue.kind in ("dateline", "updated") and cue.date and cue.start < OPENING_STAMP_CHARS
        ),
        None,
    )
    stamped = header_day(stamp.date) if stamp else None
    return stamped.toordinal() if stamped else None


# A dateline within this many days of the header agrees with it: print editions, updates and time zones move
# a stamp by days; a story from another month or year is what the check is for.
DATELINE_TOLERANCE_DAYS = 31
# An event year this many years before the header's is a real gap: at least two whole years lie between.
EVENT_GAP_YEARS = 3
# A text whose every year, history included, is more than a decade before its header is stale: weak
# evidence, so it is only held against a weak header, a date line a scraper found atop the text (which may be
# the scrape's date or a widget's), not against a date a publisher's metadata or a curated corpus gives.
STALE_GAP_YEARS = 11
WEAK_HEADER_SOURCES = frozenset({"header_line"})
DATED_EVENTS_ONLY = True


# The background-clause rules read English; on other languages only datelines speak.
_ENGLISH_FUNCTION_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "on",
        "was",
        "with",
        "as",
        "by",
        "it",
        "he",
        "she",
        "they",
        "said",
        "has",
        "have",
        "had",
        "were",
        "from",
        "at",
        "this",
    ]
)
_ENGLISH_SHARE = 0.12


def looks_english(text: str, sample_chars: int = 4000) -> bool:
    words = re.findall(r"[^\W\d_]+", text[:sample_chars].casefold())
    return bool(words) and sum(map(_ENGLISH_FUNCTION_WORDS.__contains__, words)) / len(words) >= _ENGLISH_SHARE


def _agrees(stamp: TimeCue, day: date) -> bool:
    gap = (date.fromisoformat(stamp.date or "") - day).days
    if stamp.kind == "updated":  # updated on or after publication, within the year
        return -DATELINE_TOLERANCE_DAYS <= gap <= 366
    return abs(gap) <= DATELINE_TOLERANCE_DAYS


def check_header_date(
    published: str | None, cues: list[TimeCue], source: str | None, english: bool = True
) -> list[ArticleWarning]:
    """A ``date_mismatch`` warning when the text contradicts the header date, with the evidence.

    In order (``basis`` in the evidence): a dateline or updated stamp within ``DATELINE_TOLERANCE_DAYS``
    of the header clears it; stamps with a year that all name another time contradict it (``dateline``);
    otherwise the header must be ``EVENT_GAP_YEARS`` or more after every year the text names, one of them
    a dated event outside a background clause (``event_years``); or, for a weak header source only, more
    than a decade after every year when the text has no event, only recalled history (``stale_text``).
    A stamp that is the header's own source line (``source == "header_line"``) is no evidence.
    The year rules need ``english`` texts (background clauses are read with English patterns).
    """
    day = header_day(published)
    if day is None:
        return []
    stamps = [c for c in cues if c.kind in ("dateline", "updated") and c.date]
    if source == "header_line":
        stamps = [s for s in stamps if s.date != day.isoformat()]
    if any(_agrees(s, day) for s in stamps):
        return []
    with_year = [s for s in stamps if s.year is not None]
    if with_year:
        return [_warning(published or "", source, "dateline", with_year[0], [])]
    years = [c for c in cues if c.year is not None and c.year <= day.year + 1 and c.kind not in ("dateline", "updated")]
    if not years or not english:
        return []
    latest = max(c.year or 0 for c in years)
    # An event the text reports is dated to the month or day ("in May 2018", "on July 11-12, 2018"), as news
    # dates what it reports; a bare year outside a background clause is still mostly history ("in 2008").
    events = [c for c in years if c.background is None and c.kind == "absolute_date"]
    points = [c.year or 0 for c in years if c.background == "history"]
    if events and day.year - latest >= EVENT_GAP_YEARS:
        return [_warning(published or "", source, "event_years", None, years)]
    if not events and points and day.year - latest >= STALE_GAP_YEARS and source in WEAK_HEADER_SOURCES:
        return [_warning(published or "", source, "stale_text", None, years)]
    return []


def _warning(
    published: str, source: str | None, basis: str, stamp: TimeCue | None, years: list[TimeCue]
) -> ArticleWarning:
    origin = source or "metadata"
    evidence: dict[str, object] = {"published": published, "published_source": source, "basis": basis}
    if stamp is not None:
        evidence |= {"dateline": stamp.text, "dateline_date": stamp.date, "dateline_kind": stamp.kind}
        message = f"published date {published} ({origin}) is contradicted by the text's own {stamp.kind} {stamp.date}"
        return ArticleWarning("date_mismatch", message, evidence)
    latest = max(c.year or 0 for c in years)
    evidence |= {
        "latest_year_in_text": latest,
        "years_in_text": sorted({c.year for c in years if c.year}),
        "event_years": sorted({c.year for c in years if c.year and c.background is None}),
        "background_years": sorted({c.year for c in years if c.year and c.background}),
    }
    what = "the latest year the text refers to" if basis == "event_years" else "every year the text recalls"
    gap = int(published[:4]) - latest
    message = f"published date {published} ({origin}) is {gap} years after {what} ({latest}); probably not the story's"
    return ArticleWarning("date_mismatch", message, evidence)
