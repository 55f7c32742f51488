"""Explicit credits in article text ("Sputnikenews.com reports:", "according to AP", "— Reuters").

A credit names where a text (or a claim in it) came from. Two scopes matter for provenance:

* ``block`` credits mark the text next to them as taken from the named outlet: "X reports:",
  "via X", "originally appeared on X", "first published by X", "Source: X", a "(AP) —" dateline
  or a "— Reuters" line ending. They are what a republisher writes above or below pasted text.
* ``claim`` credits attribute one statement: "according to X", "citing X", "X reported that",
  "X said in a report". An article written from X's reporting, in its own words, uses these.

Extraction finds a cue word first and then reads the name next to it in a short window, so a
5 MB single-line text costs one linear scan, not a name-pattern search at every capital letter.
Names are candidates ("according to US officials" yields "US"); they only become evidence when
they match an outlet, which is what ``names_match`` decides.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from narratrace.provenance.credit_names import outlet_like, wire_name, wire_names

# A name is a run of capitalised tokens ("CBS News", "The New York Times", "Agence France-Presse")
# or a domain ("Sputnikenews.com"). Inner lowercase joiners keep "Voice of America" whole.
_UPPER = "A-ZÀ-ÖØ-Þ"
_TOKEN = rf"[{_UPPER}0-9][\w&'’.\-]{{0,40}}"
_DOMAIN = r"[A-Za-z0-9][A-Za-z0-9\-]{0,62}(?:\.[A-Za-z0-9\-]{1,63}){0,3}\.[a-z]{2,12}"
_NAME = rf"(?:{_DOMAIN}|(?:[Tt]he[ \t]+)?{_TOKEN}(?:[ \t]+(?:(?:of|for|de|and|&)[ \t]+)?{_TOKEN}){{0,5}})"
_NAME_AFTER = re.compile(rf"\s*(?P<name>{_NAME})")
_NAME_BEFORE = re.compile(rf"(?<![\w&'’.\-])(?P<name>{_NAME})\s*[,]?\s*$")
_WINDOW = 120

# Cue words. Every pattern starts with a literal, which the regex engine finds with a fast substring
# search; a leading character class, \b or look-behind would be tried at every position of the text
# instead. So case variants are separate patterns, and word boundaries before a cue are checked in
# Python. (kind, pattern) in no particular order: matches are sorted by position.
_WS = r"\s+"
_CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, patterns in {
        "according": [rf"{c}ccording{_WS}to\b" for c in "Aa"],
        "citing": [rf"{c}iting\b" for c in "Cc"],
        "verb": [r"report(?:s|ed)\b", r"wr(?:ites|ote)\b", r"sa(?:id|ys)\b", r"published\b"],
        "first_published": [rf"{c}irst{_WS}(?:published|appeared|posted){_WS}(?:by|on|in|at)\b" for c in "Ff"],
        "originally": [rf"{c}riginally{_WS}(?:appeared|published|posted|ran){_WS}(?:by|on|in|at)\b" for c in "Oo"],
        "republished": [rf"{c}epublished{_WS}(?:from|with{_WS}permission{_WS}(?:from|of))\b" for c in "Rr"],
        "via": [rf"{c}ia\b" for c in "Vv"],
        "hat_tip": [r"h/t\b[ \t]*:?", r"H/T\b[ \t]*:?", r"H/t\b[ \t]*:?", r"Hat[ \t]+tip[ \t]+to\b"],
        "source_line": [r"Sources?[ \t]*:", r"SOURCES?[ \t]*:"],
        # A dash, then a short rest of the line: "— Reuters" closing a paragraph.
        # ``{d}{d}?``, not ``{d}{1,2}``: the same matches, and the engine then skips ahead to the dash.
        "trailer": [rf"{d}{d}?[ \t]*(?=[^\n—–\-]{{1,60}}(?:\n|\Z))" for d in ("—", "–", r"\-")],
        "dateline": [r"\((?=[^()\n]{1,40}\)\s*[—–\-])"],
    }.items()
    for pattern in patterns
)
# What follows a reporting verb decides the kind of cue ("reports:" vs "reported by" vs "reported").
_AFTER_VERB_COLON = re.compile(r"\s*:")
_AFTER_VERB_BY = re.compile(r"\s+by\b")
_AFTER_SAID = re.compile(r"\s+in\s+(?:a|an|its)\s+(?:report|article|story)\b")
_REPORTING_VERBS = frozenset({"reports", "reported", "writes", "wrote"})
# Real articles carry a handful of credits; past this many cues a text is hostile, not news.
MAX_CUES = 2000

# cue group -> (name side, scope, cue label)
_CUE_KINDS: dict[str, tuple[str, str, str]] = {
    "according": ("after", "claim", "according to"),
    "citing": ("after", "claim", "citing"),
    "report_colon": ("before", "block", "reports:"),
    "report_verb": ("before", "claim", "reported"),
    "said_report": ("before", "claim", "said in a report"),
    "reported_by": ("after", "claim", "reported by"),
    "first_published": ("after", "block", "first published by"),
    "originally": ("after", "block", "originally appeared on"),
    "republished": ("after", "block", "republished from"),
    "via": ("after", "block", "via"),
    "hat_tip": ("after", "block", "h/t"),
    "source_line": ("after", "block", "source:"),
    "trailer": ("after", "block", "— X"),
    "dateline": ("after", "block", "(X) —"),
}

# Capitalised words that stand where an outlet would but are not one ("– Reports", "He reported").
_NOT_NAMES = frozenset(
    """he she it they we i you this that these those there reports report sources source officials official
    media experts expert witnesses residents police authorities analysts critics observers video photo photos
    update updated prof read more share watch listen also""".split()  # noqa: SIM905
)
# Words that outlets add to their names without changing who they are ("CBS News" ~ "CBS").
_GENERIC_PARTS = ("newsagency", "news", "agency", "online", "media", "network", "channel", "tv", "the")
_DOMAIN_TAIL = re.compile(r"(?:\.(?:[a-z]{2,3}|info|news|online|media|today|press|site|world))+$")
_SCHEME = re.compile(r"^(?:[a-z]+://)?(?:www\d?\.)?")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_FUZZY_MIN_LENGTH = 5
_FUZZY_THRESHOLD = 0.85


@dataclass(frozen=True)
class Credit:
    """``text[start:end]`` credits ``outlet_text``; ``normalised`` is its comparable key."""

    start: int
    end: int
    outlet_text: str
    cue: str
    normalised: str
    scope: str = "claim"  # block: the adjacent text is taken from the outlet; claim: one statement is
    wire: str | None = None  # canonical name when the outlet is a wire or state agency ("AP", "Reuters")
    outlet_like: bool = True  # gazetteer name, domain or outlet-worded name (else only a corpus outlet counts)
    # The credit ends in a colon and introduces the text after it ("X reports:", "According to X:", "Jane Doe,
    # a former Guardian writer, makes a similar point:"): it covers that block, not only the text beside it.
    introduces: bool = False


def extract_credits(text: str, keep_unknown: bool = False) -> list[Credit]:
    """Every credit cue in ``text`` with an outlet name next to it, bylines included, in text order.

    Names that are no outlet ("via Skype", "according to the Internet") are dropped unless
    ``keep_unknown``: then they are kept with ``outlet_like=False``, for a caller that knows the
    corpus's outlets ("Breitbart reported" names one only when Breitbart is in the corpus).
    """
    by_name_span: dict[tuple[int, int], Credit] = {}
    person_intros = _person_intro_credits(text)
    for credit in (*_byline_credits(text), *person_intros):
        by_name_span[(credit.start, credit.end)] = credit
    for group, cue_start, cue_end in _cue_matches(text):
        if any(p.start <= cue_start < p.end for p in person_intros):
            continue  # "Jane Doe, a Times writer, writes:" credits Jane Doe, not "a Times writer"
        side, scope, cue = _CUE_KINDS[group]
        if side == "after":
            found = _NAME_AFTER.match(text, cue_end, min(len(text), cue_end + _WINDOW))
            if found is None:
                continue
            name_start, name_end = found.span("name")
            if group == "dateline" and text[name_end : name_end + 1] != ")":
                continue
            if group == "trailer" and text[name_end:].split("\n", 1)[0].strip(' \t."”'):
                continue  # the line goes on after the name: a dash inside a sentence
        else:
            window_start = max(0, cue_start - _WINDOW)
            found = _NAME_BEFORE.search(text, window_start, cue_start)
            if found is None:
                continue
            name_start, name_end = found.span("name")
        raw = text[name_start:name_end]
        name = _clean_name(raw, keep_last=side == "before")
        offset = raw.rfind(name) if side == "before" else raw.find(name)
        if name and offset >= 0:
            name_start, name_end = name_start + offset, name_start + offset + len(name)
        normalised = normalise_outlet(name)
        if not re.search(r"[^\W\d_]", name) or normalised in _NOT_NAMES or strip_generic(normalised) in _NOT_NAMES:
            continue
        start, end = min(name_start, cue_start), max(name_end, cue_end)
        introduces = group == "report_colon"
        if group == "according" and (colon := _AFTER_VERB_COLON.match(text, name_end)):
            # "According to Fox News:" introduces a pasted block, as "Fox News reports:" does.
            scope, end, introduces = "block", colon.end(), True
        if group in ("according", "citing", "report_colon", "report_verb", "said_report", "reported_by", "via"):
            cue = " ".join(text[cue_start:cue_end].split()).lower()  # the words as written: "writes", "reports:"
        wire = wire_name(name)
        like = wire is not None or outlet_like(name)
        if not like and not keep_unknown:
            continue
        credit = Credit(start, end, name, cue, normalised, scope, wire, like, introduces and _opens_block(text, end))
        previous = by_name_span.get((name_start, name_end))
        if previous is None or (scope == "block" and previous.scope != "block"):
            by_name_span[(name_start, name_end)] = credit  # "first published by X" is also "published by X"
    return sorted(by_name_span.values(), key=lambda c: (c.start, c.end))


_WEEKDAY_OR_DATE = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|\d)"


@cache
def _byline_pattern() -> re.Pattern[str]:
    """A line that opens with a wire's name, as a byline does: "By Reuters Staff", "AFP Sunday 22 Feb 2015".

    The name must end the line or be followed by a date, a separator or a staff word, so that a
    sentence starting with "Reuters" or "AP" is not a byline, nor is "Press TV - Members of ...",
    the way an outlet names itself above its own text, nor a headline "AP: Trump chair routed ...",
    nor a photo credit "Bloomberg/Getty Images". Two-letter aliases other than AP are
    left out ("AA", "PA" open ordinary lines too often).
    """
    names = sorted(
        {n for aliases in wire_names().values() for n in aliases if len(n) > 2 or n == "AP"}, key=len, reverse=True
    )
    alternation = "|".join(re.escape(n) for n in names)
    return re.compile(
        rf"^[ \t]*(?:(?P<by>[Bb]y)[ \t]+)?(?P<name>{alternation})"
        rf"(?:[ \t]+(?:[Ss]taff|[Rr]eporters?|[Cc]orrespondents?|[Nn]ews(?:room)?|[Ww]riters?))?"
        rf"(?=[ \t]*(?:$|[|•·]|[,:—–\-][ \t]*(?:$|{_WEEKDAY_OR_DATE}))|[ \t]+{_WEEKDAY_OR_DATE})",
        re.MULTILINE,
    )


def _byline_credits(text: str) -> list[Credit]:
    """Wire bylines, at most ``MAX_CUES``; a line opening "By <wire>" or "<wire> <date>"."""
    out: list[Credit] = []
    for match in _byline_pattern().finditer(text):
        name, has_by = match.group("name"), match.group("by") is not None
        start = match.start("by") if has_by else match.start("name")
        cue = "by" if has_by else "byline"
        out.append(Credit(start, match.end(), name, cue, normalise_outlet(name), "block", wire_name(name), True))
        if len(out) >= MAX_CUES:
            break
    return out


# A line that introduces a person's text: "Jonathan Cook, a former Guardian writer, makes a similar point:",
# "Jane Doe notes:", "As Ron Paul put it:". Two to four capitalised name tokens open the line, an optional
# apposition follows between commas, then a verb of writing or arguing and a colon that ends the line. "Said:"
# and "says:" are left out: they introduce a quotation, which is not borrowed text.
_PERSON_INTRO = re.compile(
    r"^[ \t]*(?:As[ \t]+)?(?P<name>[A-Z][\w'’.\-]+(?:[ \t]+[A-Z][\w'’.\-]+){1,3})"
    r"(?:,[ \t]*[^,:\n]{1,100},)?[ \t]+(?:also[ \t]+|has[ \t]+|had[ \t]+)?"
    r"(?P<verb>writes|wrote|notes|noted|argues|argued|explains|explained|observes|observed|puts[ \t]+it|"
    r"put[ \t]+it|points[ \t]+out|pointed[ \t]+out|makes|made|concludes|concluded)\b[^:\n.!?]{0,40}:[ \t]*$",
    re.MULTILINE,
)


_QUOTE_OPENERS = frozenset("\"“‘«„'")


def _opens_block(text: str, colon_end: int) -> bool:
    """Whether what follows a credit's colon is a block of taken text, not a quotation ("X: “...”").

    A quotation after the colon is the speaker's words, closed by its own mark; it is not the start of
    pasted paragraphs, so the credit speaks for it alone (with the usual adjacency).
    """
    following = text[colon_end : colon_end + 20].lstrip()
    return bool(following) and following[0] not in _QUOTE_OPENERS


def _person_intro_credits(text: str) -> list[Credit]:
    """Lines introducing a named person's (or outlet's) text after a colon, at most ``MAX_CUES``."""
    out: list[Credit] = []
    for match in _PERSON_INTRO.finditer(text):
        name = _clean_name(match.group("name"), keep_last=False)
        normalised = normalise_outlet(name)
        if (
            not name
            or name.lower().startswith("the ")
            or normalised in _NOT_NAMES
            or strip_generic(normalised) in _NOT_NAMES
        ):
            continue
        start = match.start("name")
        wire = wire_name(name)
        like = wire is not None or outlet_like(name)
        cue = " ".join(match.group("verb").split()).lower() + ":"
        out.append(
            Credit(start, match.end(), name, cue, normalised, "block", wire, like, _opens_block(text, match.end()))
        )
        if len(out) >= MAX_CUES:
            break
    return out


def _cue_matches(text: str) -> list[tuple[str, int, int]]:
    """(cue kind, start, end) of every cue in ``text`` in text order, at most ``MAX_CUES``."""
    found: list[tuple[str, int, int]] = []
    for pattern_kind, pattern in _CUES:
        taken = 0
        for match in pattern.finditer(text):
            start, end = match.span()
            before = text[start - 1] if start else "\n"
            if pattern_kind == "trailer":
                if not (before.isspace() or before in '.!?"”'):
                    continue
            elif pattern_kind == "source_line":
                line_start = text.rfind("\n", 0, start) + 1
                if text[line_start:start].strip():
                    continue  # "Source:" only counts at the start of a line
            elif pattern_kind != "dateline" and (before.isalnum() or before == "_"):
                continue  # inside a word: "reciting", "previa"
            kind = pattern_kind
            if pattern_kind == "verb":
                verb_kind = _verb_kind(text, match.group(0), start, end)
                if verb_kind is None:
                    continue
                kind, end = verb_kind
            found.append((kind, start, end))
            taken += 1
            if taken >= MAX_CUES:
                break
    found.sort(key=lambda item: item[1])
    return found[:MAX_CUES]


def _verb_kind(text: str, verb: str, start: int, end: int) -> tuple[str, int] | None:
    """Classify a reporting verb by what follows it; None when it is no credit cue."""
    if verb in ("reported", "published"):
        by = _AFTER_VERB_BY.match(text, end)
        if by:
            return "reported_by", by.end()
    if verb == "published" or not (start and text[start - 1].isspace()):
        return None  # the name must stand right before the verb: "CBS News reported"
    if verb in _REPORTING_VERBS:
        colon = _AFTER_VERB_COLON.match(text, end)
        return ("report_colon", colon.end()) if colon else ("report_verb", end)
    said = _AFTER_SAID.match(text, end)
    return ("said_report", said.end()) if said else None


_SENTENCE_END = re.compile(r"(?<=[a-z]{2})[.!?][ \t]+")
# Words capitalised only because they open a sentence, which the name pattern takes for part of the
# name before a verb: "As The New York Times reported" credits The New York Times.
_LEADING_CONNECTIVE = re.compile(
    r"^(?:(?:As|And|But|So|Also|While|When|Since|Because|Yet|Now|Then|Meanwhile|Earlier|Later|Still|However|"
    r"If|Though|Although|Previously|Indeed)[ \t]+)+(?=[A-Z0-9])"
)


def _clean_name(name: str, keep_last: bool) -> str:
    """The name without possessive and punctuation, cut at a sentence end ("O'Malley. Cruz")."""
    parts = _SENTENCE_END.split(name)
    name = (parts[-1] if keep_last else parts[0]).strip().rstrip(".,;:")
    if keep_last:
        name = _LEADING_CONNECTIVE.sub("", name)
    for possessive in ("'s", "’s"):
        name = name.removesuffix(possessive)
    return name


def normalise_outlet(name: str) -> str:
    """A comparable key for an outlet name or domain: "https://www.SputnikNews.com/x" -> "sputniknews"."""
    lowered = name.strip().lower()
    lowered = _SCHEME.sub("", lowered).split("/", 1)[0] if "." in lowered and " " not in lowered else lowered
    if " " not in lowered and "." in lowered:
        stripped = _DOMAIN_TAIL.sub("", lowered)
        if stripped == lowered:  # an unusual suffix ("outlet.example"): the last label is still not the name
            stripped = lowered.rsplit(".", 1)[0]
        lowered = stripped.rsplit(".", 1)[-1]
    lowered = lowered.removeprefix("the ")
    for possessive in ("'s", "’s"):
        lowered = lowered.removesuffix(possessive)
    return _NON_ALNUM.sub("", lowered)


def strip_generic(key: str) -> str:
    """``key`` without trailing generic name parts ("cbsnews" -> "cbs", "sputnikenews" -> "sputnike").

    Only suffixes go ("News Times" stays distinct from "Times News"), plus a leading "the".
    """
    changed = True
    while changed:
        changed = False
        for part in _GENERIC_PARTS:
            if key.endswith(part) and len(key) > len(part) + 1:
                key, changed = key[: -len(part)], True
            if part == "the" and key.startswith(part) and len(key) > len(part) + 1:
                key, changed = key[len(part) :], True
    return key


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", name.strip()) if w and w.lower() not in {"of", "the", "and", "&", "for"}]
    if len(words) < 2 or any(len(w) > 1 and w.isupper() for w in words):
        return ""  # "CBS News" is not "CN"; only spelled-out names have meaningful initials
    return "".join(w[0] for w in words).lower()


def name_keys(name: str) -> frozenset[str]:
    """Keys under which ``name`` is known: its normalised form, without generic parts, its initials."""
    key = normalise_outlet(name)
    keys = {key, strip_generic(key), _initials(name)}
    return frozenset(k for k in keys if k)


def names_match(first: str, second: str) -> bool:
    """Whether two outlet names (or domains) plausibly denote the same outlet.

    Exact key matches ("CBS News" ~ "cbsnews.com", "Associated Press" ~ "AP") always count;
    otherwise the generic-stripped keys must be at least 5 characters and have a difflib
    ratio >= 0.85 ("Sputnikenews.com" ~ "sputniknews.com" ~ "Sputnik"). Short names are
    compared exactly: "AP" and "AFP" differ by one letter and are different agencies.
    """
    return _keys_match(name_keys(first), name_keys(second))


@lru_cache(maxsize=65536)
def _keys_match(first: frozenset[str], second: frozenset[str]) -> bool:
    if first & second:
        return True
    for x in first:
        for y in second:
            if min(len(x), len(y)) < _FUZZY_MIN_LENGTH:
                continue
            if difflib.SequenceMatcher(None, x, y).ratio() >= _FUZZY_THRESHOLD:
                return True
    return False


def keys_match(first: frozenset[str], second: frozenset[str]) -> bool:
    """``names_match`` for precomputed ``name_keys`` (cached: the same outlets meet in many pairs)."""
    return _keys_match(first, second)
