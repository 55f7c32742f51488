"""Where a text names the outlet a source is or spoke to: "the Times", "the newspaper" and "the same poll"
referring back to an outlet (or its poll) named before them, and the outlet a source told or was cited by
("military sources speaking to Sputnik Arabic", "SANA, citing unnamed sources"). Offsets into the text; the names
are read by ``claims.outlets``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache, lru_cache

from narratrace.claims.outlets import ARTICLES, POSSESSIVE, gazetteer, known_outlets_pattern, words
from narratrace.provenance.credit_names import wire_name

# The kinds of paper a text calls an outlet by once it has named it ("the Times", "the Post"); not any last
# word of a name: "Jones" after "Mother Jones" or "Israel" after "Times of Israel" is someone else.
_PAPER_WORDS = words(
    """Times Post Journal Herald Tribune Globe Telegraph Mail Examiner Caller Beast Gazette Chronicle Observer
    Standard Mirror Express Inquirer Enquirer Star Sun Guardian Independent"""
)


# A capitalised word, to be read as a paper word when a slash or hyphen joins it to another name ("Times/CBS").
_CAPITALISED_WORD = re.compile(r"(?<![\w.])[A-Z][a-z]+(?![\w])")


@cache
def _short_forms() -> dict[str, re.Pattern[str]]:
    """A paper word -> a pattern of the gazetteer's longer names ending in it ("Times" -> "The New York Times",
    "Los Angeles Times", "Financial Times", ...)."""
    endings: dict[str, list[str]] = {}
    for name in gazetteer()["outlets"]:
        words = name.removeprefix("The ").split()
        if len(words) > 1 and words[-1] in _PAPER_WORDS:
            endings.setdefault(words[-1], []).append(" ".join(words))
    return {
        last: re.compile(
            r"(?<!\w)(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?!\w)"
        )
        for last, names in endings.items()
    }


def short_outlet_referent(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the outlet a short source stands for is named in full: "the Times" -> the nearest "New York Times"
    (or "Los Angeles Times", ...) before it in ``text``. None when the source is not such a word, or the text
    names no such outlet before it: "the Times" alone could be any of them."""
    bare = POSSESSIVE.sub("", text[start:end].strip()).strip().removeprefix("the ").removeprefix("The ")
    if bare not in _short_forms():
        return None
    mentions = _full_names(bare, text)
    before = bisect_right(mentions, (start, start)) - 1
    while before >= 0 and mentions[before][1] > start:
        before -= 1
    return mentions[before] if before >= 0 else None


def joint_partners_in_full(written: str, text: str, start: int) -> str:
    """A joint poll's partner written as a paper word, in full as the text named it before ``start``: "A Times/CBS
    News poll" -> "A New York Times/CBS News poll" after "The New York Times" (so both partners are cited). Unchanged
    where the text names no such paper before, or the word ends a longer name ("a Washington Post-ABC News poll")."""
    out, last = [], 0
    for match in _CAPITALISED_WORD.finditer(written):
        word, at, end = match.group(), match.start(), match.end()
        joined_after = written[end : end + 1] in ("/", "-") and written[end + 1 : end + 2].isupper()
        joined_before = at > 1 and written[at - 1] in "/-" and written[at - 2].isalnum()
        if word not in _short_forms() or not (joined_after or joined_before):
            continue
        before = written[:at].split()[-1:]
        if joined_after and before and before[0][:1].isupper() and before[0].lower() not in ARTICLES:
            continue  # "a Washington Post-ABC News poll": the end of a longer name
        mentions = [span for span in _full_names(word, text) if span[1] <= start]
        if mentions:
            out.append(written[last : match.start()] + text[mentions[-1][0] : mentions[-1][1]])
            last = match.end()
    return "".join(out) + written[last:] if out else written


@lru_cache(maxsize=64)
def _full_names(word: str, text: str) -> list[tuple[int, int]]:
    # Once per text and paper word: a 1 MB page with a thousand "the Post" sources is scanned once, not each time.
    return [m.span() for m in _short_forms()[word].finditer(text)]


# How far back an unnamed outlet ("the media outlet") looks for the outlet it stands for: about a paragraph.
GENERIC_REFERENT_CHARS = 1500
# A web address in running text ("Sputnikenews.com reports:"); the usual news top-level domains only.
_ADDRESS = re.compile(
    r"(?<![\w.@/])(?:www\.)?[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.(?:com|net|org|info|news|tv|ru|uk|us|co|de|fr|ir|sy|tr|cn)(?![\w.])"
)


# Web addresses of platforms and tools, not of outlets: "pic.twitter.com/...", "youtu.be", "bit.ly".
_PLATFORMS = words(
    "twitter x t facebook fb youtube youtu instagram tiktok reddit google bit wikipedia archive telegram"
)


def _not_a_platform(match: re.Match[str]) -> bool:
    """Whether a matched name or web address is not a platform's ("pic.twitter.com/F1dvZ" is)."""
    host = match.group(0).lower().removeprefix("www.").split("/")[0]
    return not _PLATFORMS & set(host.split(".")[:-1])


_PRESS_AT_LARGE = frozenset({"the media", "the local media", "the state media"})  # the press, not one outlet
_PRINT_WORDS = frozenset({"newspaper", "paper", "tabloid", "magazine"})  # never a wire service


@cache
def _definite_generic_outlets() -> frozenset[str]:
    """ "the media outlet", "the newspaper", "the news agency": the gazetteer's unnamed-outlet words made definite,
    less those that mean the press at large ("the media")."""
    definite = {"the " + g.lower().removeprefix("the ") for g in gazetteer()["generic"]}
    return frozenset(definite - _PRESS_AT_LARGE)


def generic_outlet_referent(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the outlet an unnamed one stands for is named: "CBS News reported ... According to the media
    outlet" -> "CBS News", the nearest known outlet or web address in the ``GENERIC_REFERENT_CHARS`` before it.
    Only definite phrases ("the newspaper", not "a newspaper" or "local media") refer back; a name inside a
    compound ("a Washington Post-ABC News poll") is a poll's, not a mention of the outlet; a paper is no wire."""
    phrase = " ".join(POSSESSIVE.sub("", text[start:end]).lower().split()).strip(",.:;")
    if phrase not in _definite_generic_outlets():
        return None
    window_start = max(0, start - GENERIC_REFERENT_CHARS)
    before = text[window_start:start]
    print_word = phrase.split()[-1] in _PRINT_WORDS
    names = [
        m.span()
        for m in known_outlets_pattern().finditer(before)
        if not _in_compound(before, *m.span()) and not (print_word and wire_name(m.group(0)))
    ]
    names += [m.span() for m in _ADDRESS.finditer(before) if _not_a_platform(m)]
    if not names:
        return None
    first, last = max(names, key=lambda span: (span[1], -span[0]))
    return first + window_start, last + window_start


# A poll, survey or fact check named again by a definite phrase ("the new poll", "the same poll", "The findings",
# "the fact-checker"): the guide types a poll an outlet publishes as the outlet, so the phrase takes the type of
# the poll it refers back to.
_DEFINITE_DOCUMENT = re.compile(
    r"(?i:the|this|that)\s+(?:[\w-]+\s+){0,3}?(?i:polls?|surveys?|findings|fact[- ]?check(?:er|ers)?)", re.ASCII
)
_DOCUMENT_MENTION = re.compile(r"\b(?i:polls?|polling|surveys?|fact[- ]?check\w*)\b")
_CLAUSE_BREAK = re.compile(r"[.!?;:\n]")
DOCUMENT_REFERENT_CHARS = 3000  # a poll story names its poll once in the lead and refers back for paragraphs


def document_outlet_referent(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The outlet whose poll a definite phrase refers back to: "a new Washington Post-ABC News poll ... According
    to the same poll" -> "Washington Post". The nearest earlier mention of a poll, survey or fact check decides:
    an outlet named in its clause makes the phrase that outlet's; a name just before it ("a Quinnipiac University
    poll") makes it no outlet's (None); a mention naming nothing ("the last time the survey was conducted", "the
    new poll") passes the question to the one before it."""
    phrase = POSSESSIVE.sub("", text[start:end]).strip().rstrip(",.:;")
    if not _DEFINITE_DOCUMENT.fullmatch(phrase) or any(word[:1].isupper() for word in phrase.split()[1:]):
        return None  # not a phrase referring back ("The Monmouth poll" names its pollster)
    window_start = max(0, start - DOCUMENT_REFERENT_CHARS)
    before = text[window_start:start]
    for mention in reversed(list(_DOCUMENT_MENTION.finditer(before))):
        breaks = [m.end() for m in _CLAUSE_BREAK.finditer(before, 0, mention.start())]
        clause_start = breaks[-1] if breaks else 0
        clause_end = next((m.start() for m in _CLAUSE_BREAK.finditer(before, mention.end())), len(before))
        # An outlet before it in its clause ("a new Washington Post-ABC News poll": a joint poll is its first-named
        # outlet's), else another name just before it ("a Quinnipiac University poll"), else an outlet after it
        # ("the fact-checking frauds at the Washington Post").
        outlets = [
            m
            for m in known_outlets_pattern().finditer(before, clause_start, mention.start())
            if _NAMES_IT.fullmatch(before, m.end(), mention.start())
        ]
        modifiers = before[clause_start : mention.start()].rsplit(",", 1)[-1].split()[-3:]
        if not outlets and any(word[:1].isupper() for word in modifiers if word.lower() not in _CAPITALISED_NON_NAMES):
            return None
        after = known_outlets_pattern().finditer(before, mention.end(), clause_end)
        outlets = outlets or [m for m in after if _MADE_BY.fullmatch(before, mention.end(), m.start())]
        if outlets:
            return outlets[0].start() + window_start, outlets[0].end() + window_start
    return None


# What may stand between an outlet and its poll after it: "-ABC News ", " national ", " conducted a 50-state ".
_NAMES_IT = re.compile(r"[^\s,;]*(?:\s+[^\s,;]+){0,4}\s*")
# What may stand between a poll and the outlet after it that made it: "fact-checking frauds at the", "poll by".
_MADE_BY = re.compile(r"[\s,-]*(?:\w+\s+){0,2}(?:at|by|from|of|for)\s+(?:the\s+)?", re.IGNORECASE)
# Words capitalised at a sentence start that name no pollster ("According to the new poll", "The latest poll").
_CAPITALISED_NON_NAMES = frozenset({"the", "a", "an", "this", "that", "in", "according", "new", "latest"})


def _in_compound(text: str, start: int, end: int) -> bool:
    """Whether a name is joined by a hyphen to another word: "Washington Post-ABC News poll", "AP-GfK"."""
    return (text[end : end + 1] == "-" and text[end + 1 : end + 2].isalnum()) or (
        start > 1 and text[start - 1] == "-" and text[start - 2].isalnum()
    )


# Words that hand a statement to an outlet: "military sources speaking to Sputnik Arabic", "US officials have
# told the AP", "the source told CBS", "as telling Russia's Sputnik news agency".
_CHANNEL_WORDS = re.compile(
    r"\b(?:told|tells?|telling|spoke to|speaks? to|speaking to|talked to|talks? to|talking to|said to|"
    r"in an interview with|in comments to|in a statement to|interviewed by|quoted by|cited by)\s+"
    r"(?:(?:the|a)\s+)?(?:[A-Z][\w.-]*['’]s\s+)?",
)
_CALENDAR = words(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August
    September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"""
)
_SERVICE_WORD = re.compile(r"\s+([A-Z][a-z]+)(?![\w-])")  # "Sputnik Arabic", "BBC Persian": a sister service's own name
CHANNEL_REACH_CHARS = 60  # how far past the source (or its cue) "told the AP" may sit


def channel_outlet(
    text: str, source: tuple[int, int], cue: tuple[int, int] | None, content_start: int
) -> tuple[int, int] | None:
    """The outlet a source spoke to or through, as character offsets: "military sources speaking to Sputnik
    Arabic" -> "Sputnik Arabic"; "US officials have told the AP" -> "AP". Looked for in the source, its cue and
    the few words after them, never in the content; the outlet must be a known one or a web address, right after
    a word of telling ("told", "speaking to", "in an interview with"). An outlet that cites the source names it
    just before: "SANA, citing unnamed sources and local media" -> "SANA"; "CBS News reported, citing an
    anonymous US official" -> "CBS News". A short paper name gives the full name the text used before it, as a
    short source name does ("told The Times" after "The New York Times" -> "New York Times", not the London
    paper the gazetteer spells "The Times"; ``short_outlet_referent``)."""
    found = _channel_outlet(text, source, cue, content_start)
    return (short_outlet_referent(text, *found) or found) if found is not None else None


def _channel_outlet(
    text: str, source: tuple[int, int], cue: tuple[int, int] | None, content_start: int
) -> tuple[int, int] | None:
    """``channel_outlet`` as written in the text."""
    start, end = source
    citing = _citing_outlet(text, start)
    if citing is not None:
        return citing
    reach = max(end, cue[1] if cue else end)
    limit = min(len(text), reach + CHANNEL_REACH_CHARS)
    if start < content_start < limit:
        limit = content_start
    newline = text.find("\n", start, limit)
    region = text[start : newline if newline >= 0 else limit]
    for told in _CHANNEL_WORDS.finditer(region):
        if start + told.start() > reach + 1:
            break
        at = told.end()
        name = known_outlets_pattern().match(region, at) or _ADDRESS.match(region, at)
        if name is None or not _not_a_platform(name):
            continue
        name_end = name.end()
        for _ in range(2):
            service = _SERVICE_WORD.match(region, name_end)
            if service is None or service.group(1) in _CALENDAR:
                break
            name_end = service.end()
        return start + at, start + name_end
    return None


# What stands between an outlet and the source it cites: "SANA, citing", "CBS News reported, citing".
_CITING_TAIL = re.compile(r"(?:\s+(?:reported|reports|said|says|wrote|writes|added),?)?,?\s+(?:citing|quoting)\s+$")
CITING_REACH_CHARS = 120


def _citing_outlet(text: str, start: int) -> tuple[int, int] | None:
    """The known outlet (or web address) that ends right before "[reported,] citing" ahead of ``start``."""
    before = text[max(0, start - CITING_REACH_CHARS) : start]
    before = before[before.rfind("\n") + 1 :]
    tail = _CITING_TAIL.search(before)
    if tail is None:
        return None
    head = before[: tail.start()]
    names = [m for m in known_outlets_pattern().finditer(head) if m.end() == len(head)]
    names += [m for m in _ADDRESS.finditer(head) if m.end() == len(head) and _not_a_platform(m)]
    if not names:
        return None
    offset = start - len(before)
    first, last = min(names, key=lambda m: m.start()).span()
    return first + offset, last + offset
