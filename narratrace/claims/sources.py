"""Who a source is, in a form two articles can agree on: names normalised, outlets reduced to a stem.

"two anonymous US officials", "a senior U.S. official" and "US officials" are one upstream source to a
fact-checker; so are "Garrett Marquis" and "Marquis", and "SANA" and "Syria's official news agency SANA".
"""

from __future__ import annotations

import json
import re
import unicodedata
from bisect import bisect_right
from functools import cache, lru_cache
from importlib import resources

from narratrace.provenance.credit_names import is_domain, wire_name, wire_names
from narratrace.provenance.credits import names_match, normalise_outlet, strip_generic


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that say how many or how hidden a source is, not who it is.
_VAGUE_WORDS = _words(
    """a an the two three four five six several some many few other one more most multiple numerous dozens
    anonymous unnamed unidentified undisclosed named who spoke on condition of anonymity senior top high-ranking
    high ranking former current said to be familiar with knowledgeable about the matter according and
    his her their its our your this that these those"""
)
# Source words that, with no name before them, leave nothing to tell two sources apart by: a bare "poll" or
# "Democrats" in one article and in another are not known to be one source. People nouns are
# ``data/people_nouns.txt`` (the anonymous-source heads of source typing).
_DOCUMENT_WORDS = _words(
    """report media poll survey study statement data analysis memo letter document record figure estimate count
    average review investigation probe audit research filing complaint lawsuit ruling transcript video tweet post
    candidate campaign"""
)


def word_list(name: str) -> frozenset[str]:
    """The words of ``claims/data/NAME``, one a line (``#`` lines are comments)."""
    lines = resources.files("narratrace.claims").joinpath(f"data/{name}").read_text("utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


_GENERIC_HEADS = (
    _DOCUMENT_WORDS | word_list("people_nouns.txt") | word_list("role_nouns.txt") | {"source", "official", "person"}
)
# A pronoun alone names no one: "he" in one article and "he" in another are not one source. Corroboration
# compares a pronoun's antecedent instead, when typing found one (``Attribution.refers_to``).
_PRONOUNS = _words("he she it they them we us i me you him which who whom what")
_WORD = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")
_POSSESSIVE = re.compile(r"['’]s\b")
# Name parts that say what kind of outlet it is, not which: "Sputnik News", "RT.com", "The Guardian".
_OUTLET_NOISE = frozenset({"the", "news", "newspaper", "agency", "com", "net", "org", "www", "online", "tv", "daily"})
_STEM_MIN_PREFIX = 5  # stems shorter than this must match whole ("rt" must not match "rte" or "rtl")


def _ascii_lower(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


def _singular(word: str) -> str:
    # Only the plurals source phrases use ("officials", "sources", "diplomats", "agencies").
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def source_key(name: str) -> str:
    """A normalised source name: case, accents, dots, possessives, counts and anonymity words removed,
    plurals made singular. "two anonymous US officials" and "a senior U.S. official" both give "us official";
    a bare pronoun gives "" (no one in particular)."""
    text = _POSSESSIVE.sub("", _ascii_lower(name)).replace(".", "")
    words = _WORD.findall(text)
    if len(words) == 1 and words[0] in _PRONOUNS:
        return ""  # "he", "it", "which": nobody in particular until resolved
    return " ".join(_singular(w) for w in words if w not in _VAGUE_WORDS)


def same_source(key_a: str, key_b: str, source_type: str) -> bool:
    """Whether two normalised source names are one source.

    Equal keys are; so is a person named by surname only ("marquis" within "garrett marquis"). A bare
    generic word ("official", "source") matches nothing: an unnamed official in one story is not known to
    be the unnamed official in another.
    """
    if not key_a or not key_b or key_a in _GENERIC_HEADS or key_b in _GENERIC_HEADS:
        return False
    if key_a == key_b:
        return True
    if source_type == "person":
        short, long = sorted((key_a.split(), key_b.split()), key=len)
        return short[-1] == long[-1] and set(short) <= set(long)
    if source_type == "outlet":  # "sputnik arabic" and "sputniknews"; "ap" and "associated press"
        return outlet_stem(key_a) == outlet_stem(key_b) or outlet_name(key_a) == outlet_name(key_b)
    return False


def outlet_stem(name: str | None) -> str:
    """The distinctive first word of an outlet's name: "Sputnik Arabic" and "sputniknews.com" give "sputnik"."""
    if not name:
        return ""
    text = _ascii_lower(name).replace(".", " ").replace("-", " ")
    words = [w for w in _WORD.findall(text) if w not in _OUTLET_NOISE]
    if not words:
        return ""
    stem = words[0]
    # A domain or a run-together name ("sputniknews", "rtnews") ends in the kind of outlet it is.
    for suffix in ("news", "online", "daily", "tv"):
        if stem.endswith(suffix) and len(stem) > len(suffix) + 1:
            stem = stem[: -len(suffix)]
            break
    return stem


def sister_outlets(citing: str | None, cited: str | None) -> bool:
    """Whether ``cited`` is ``citing`` itself or a sister outlet sharing its name's stem
    (Sputnik citing "Sputnik Arabic", RT citing "RT Arabic"). An unknown outlet is nobody's sister."""
    a, b = outlet_stem(citing), outlet_stem(cited)
    if not a or not b:
        return False
    if a == b:
        return True
    # "sputnike" (from "Sputnikenews.com") and "sputnik": a longer stem may carry a typo or a suffix.
    short, long = sorted((a, b), key=len)
    return len(short) >= _STEM_MIN_PREFIX and long.startswith(short)


def is_agency(name: str) -> bool:
    """Whether an outlet name is or names a wire service or state news agency (AP, Reuters, SANA, KCNA, "a count
    by The Associated Press"): any name or alias of provenance's wire gazetteer in it, as whole words."""
    if wire_name(name) is not None:  # also a wire's web domain: "reuters.com", "https://www.afp.com/en"
        return True
    return _agency_pattern().search(_ascii_lower(name).replace(".", "")) is not None


@cache
def _agency_pattern() -> re.Pattern[str]:
    # One list of agencies for credits and sourcing profiles: provenance's (outlets.json "wires").
    names = {_ascii_lower(n).replace(".", "") for aliases in wire_names().values() for n in aliases}
    # Whole words: "AP" in "an Associated Press-GfK poll" or "AP's", not in "Papa" or "Capital".
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?!\w)")


def _fold(name: str) -> str:
    """Case-, article- and punctuation-free key of an outlet name ("The Washington Post" -> "washingtonpost")."""
    return re.sub(r"[^0-9a-z]+", "", _ascii_lower(name).removeprefix("the "))


@cache
def gazetteer() -> dict[str, list[str]]:
    """The claims gazetteer (``data/outlets.json``): ``"outlets"``, the names, and ``"generic"``, the words that
    mark an unnamed outlet."""
    text = resources.files("narratrace.claims").joinpath("data/outlets.json").read_text(encoding="utf-8")
    data: dict[str, list[str]] = json.loads(text)
    return data


@cache
def _gazetteer_spellings() -> dict[str, str]:
    """Folded outlet name -> one spelling per outlet in the claims gazetteer: names that differ only in a generic
    part are one outlet ("CBS" and "CBS News", "ZeroHedge" and "Zero Hedge"), spelled by the longest."""
    groups: dict[str, list[str]] = {}
    for name in gazetteer()["outlets"]:
        groups.setdefault(strip_generic(normalise_outlet(name)), []).append(name)
    spellings: dict[str, str] = {}
    for names in groups.values():
        longest = max(names, key=len)  # the first of equal lengths
        for name in names:
            spellings.setdefault(_fold(name), longest)
    return spellings


# The kinds of paper a text calls an outlet by once it has named it ("the Times", "the Post"); not any last
# word of a name: "Jones" after "Mother Jones" or "Israel" after "Times of Israel" is someone else.
_PAPER_WORDS = _words(
    """Times Post Journal Herald Tribune Globe Telegraph Mail Examiner Caller Beast Gazette Chronicle Observer
    Standard Mirror Express Inquirer Enquirer Star Sun Guardian Independent"""
)


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
    bare = _POSSESSIVE.sub("", text[start:end].strip()).strip().removeprefix("the ").removeprefix("The ")
    if bare not in _short_forms():
        return None
    mentions = _full_names(bare, text)
    before = bisect_right(mentions, (start, start)) - 1
    while before >= 0 and mentions[before][1] > start:
        before -= 1
    return mentions[before] if before >= 0 else None


# How far back an unnamed outlet ("the media outlet") looks for the outlet it stands for: about a paragraph.
GENERIC_REFERENT_CHARS = 1500
# A web address in running text ("Sputnikenews.com reports:"); the usual news top-level domains only.
_ADDRESS = re.compile(
    r"(?<![\w.@/])(?:www\.)?[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.(?:com|net|org|info|news|tv|ru|uk|us|co|de|fr|ir|sy|tr|cn)(?![\w.])"
)


# Web addresses of platforms and tools, not of outlets: "pic.twitter.com/...", "youtu.be", "bit.ly".
_PLATFORMS = _words(
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
    phrase = " ".join(_POSSESSIVE.sub("", text[start:end]).lower().split()).strip(",.:;")
    if phrase not in _definite_generic_outlets():
        return None
    window_start = max(0, start - GENERIC_REFERENT_CHARS)
    before = text[window_start:start]
    print_word = phrase.split()[-1] in _PRINT_WORDS
    names = [
        m.span()
        for m in _known_outlets_pattern().finditer(before)
        if not _in_compound(before, *m.span()) and not (print_word and wire_name(m.group(0)))
    ]
    names += [m.span() for m in _ADDRESS.finditer(before) if _not_a_platform(m)]
    if not names:
        return None
    first, last = max(names, key=lambda span: (span[1], -span[0]))
    return first + window_start, last + window_start


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
_CALENDAR = _words(
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
    anonymous US official" -> "CBS News"."""
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
        name = _known_outlets_pattern().match(region, at) or _ADDRESS.match(region, at)
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
    names = [m for m in _known_outlets_pattern().finditer(head) if m.end() == len(head)]
    names += [m for m in _ADDRESS.finditer(head) if m.end() == len(head) and _not_a_platform(m)]
    if not names:
        return None
    offset = start - len(before)
    first, last = min(names, key=lambda m: m.start()).span()
    return first + offset, last + offset


@lru_cache(maxsize=64)
def _full_names(word: str, text: str) -> list[tuple[int, int]]:
    # Once per text and paper word: a 1 MB page with a thousand "the Post" sources is scanned once, not each time.
    return [m.span() for m in _short_forms()[word].finditer(text)]


def outlet_name(written: str) -> str:
    """One spelling per outlet, for counting who is cited: "the AP", "The Associated Press" and "AP" give "AP"
    (the wire's canonical name); "POLITICO" gives "Politico", "the Washington Post" "The Washington Post".

    A web address names the outlet it belongs to ("reuters.com" -> "Reuters"; "Sputnikenews.com" -> "Sputnik",
    matched as provenance matches credits, typos allowed in long names). A phrase that only describes one known
    outlet gives that outlet ("Syria's official news agency SANA", "SANA's report", "a count by the Associated
    Press"); a phrase with another name in it is kept as written ("Sputnik Arabic", "Fox News Sunday"), spaces
    normalised.
    """
    name = " ".join(written.split()).rstrip(",.:;")
    bare = _POSSESSIVE.sub("", name).strip()
    known = wire_name(bare) or _gazetteer_spellings().get(_fold(bare))
    if known is None and is_domain(bare):
        known = _outlet_of_domain(bare.lower())
    return known or _described_outlet(name) or name


def _known_spelling(name: str) -> str:
    """The wire's canonical name or the gazetteer's spelling of a name the gazetteers hold."""
    return wire_name(name) or _gazetteer_spellings().get(_fold(name), name)


@lru_cache(maxsize=4096)
def _outlet_of_domain(domain: str) -> str | None:
    """The wire or gazetteer outlet a web address belongs to, by provenance's credit-name matching."""
    names = [alias for aliases in wire_names().values() for alias in aliases] + list(gazetteer()["outlets"])
    matches = [n for n in names if names_match(domain, n)]
    if not matches:
        return None
    # "cbsnews.com" matches "CBS" and "CBS News": the name spelled as the address is, else the longest.
    key = normalise_outlet(domain)
    return _known_spelling(max(matches, key=lambda n: (normalise_outlet(n) == key, len(n))))


@cache
def _known_outlets_pattern() -> re.Pattern[str]:
    """Every wire name and alias and every claims-gazetteer outlet, as whole words; names of four letters or fewer
    only as written ("AP", not "ap"), longer ones in any case ("POLITICO")."""
    names = {alias for aliases in wire_names().values() for alias in aliases} | set(gazetteer()["outlets"])
    alternatives = [re.escape(n) if len(n) <= 4 else "(?i:" + re.escape(n) + ")" for n in names]
    return re.compile(r"(?<!\w)(?:" + "|".join(sorted(alternatives, key=len, reverse=True)) + r")(?!\w)")


_ARTICLES = frozenset({"the", "a", "an"})
_APPOSITIVE = re.compile(r",\s+(?:the|a|an)\s[^,]*,?$")


def _described_outlet(name: str) -> str | None:
    """The one known outlet a phrase names, when its other words only describe it: lowercase words and
    possessives ("Syria's official news agency SANA", "Russia's Sputnik news agency", "SANA's report"). None
    when it names none, several, or carries another capitalised name ("Sputnik Arabic": a sister service) outside
    an appositive ("Xinhua, the official Chinese news agency" is Xinhua)."""
    # An appositive says what the outlet is, not who: "Xinhua, the official Chinese news agency".
    name = _APPOSITIVE.sub("", name)
    found = list(_known_outlets_pattern().finditer(name))
    outlets = {_known_spelling(m.group(0)) for m in found}
    if len(outlets) != 1:
        return None
    rest = _known_outlets_pattern().sub(" ", name)
    for word in rest.split():
        word = word.strip(",.:;()[]\"'“”‘’-–—")
        if word[:1].isupper() and word.lower() not in _ARTICLES and not _POSSESSIVE.search(word):
            return None
    return outlets.pop()
