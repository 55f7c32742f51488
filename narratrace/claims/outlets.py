"""Which outlet a name is: one spelling per outlet, wires and state agencies, sister outlets.

"SANA", "SANA's report", "Syria's official news agency SANA" and "sana.sy" are one outlet, SANA; "the AP" and
"The Associated Press" are AP; "Sputnik Arabic" is a sister of Sputnik, kept apart. The names come from the claims
gazetteer (``data/outlets.json``: what makes a source an outlet at all) and provenance's wire gazetteer (the one
list of agencies, which credits read too).
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from narratrace.provenance.credit_names import is_domain, wire_name, wire_names
from narratrace.provenance.credits import names_match, normalise_outlet, strip_generic

WORD = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")  # a word of a lowercased name
POSSESSIVE = re.compile(r"['’]s\b")
TRAILING_POSSESSIVE = re.compile(r"(?<=\w)['’]s?$")  # "Catholic News Agency’s" is the agency
# Name parts that say what kind of outlet it is, not which: "Sputnik News", "RT.com", "The Guardian".
_OUTLET_NOISE = frozenset({"the", "news", "newspaper", "agency", "com", "net", "org", "www", "online", "tv", "daily"})
_STEM_MIN_PREFIX = 5  # stems shorter than this must match whole ("rt" must not match "rte" or "rtl")


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``, as a set (word lists written in the code)."""
    return frozenset(text.split())


def ascii_lower(text: str) -> str:
    """``text`` lowercased, accents dropped ("Agência" -> "agencia")."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


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
    bare = POSSESSIVE.sub("", name).strip()
    known = wire_name(bare) or _gazetteer_spellings().get(_fold(bare))
    if known is None and is_domain(bare):
        known = _outlet_of_domain(bare.lower())
    return known or _described_outlet(name) or TRAILING_POSSESSIVE.sub("", name)


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


_THE_WORD = re.compile(r"The ([A-Z][a-z]+)")


def name_alternative(name: str) -> str:
    """A regular expression for one outlet name in running text: names of four letters or fewer only as written
    ("AP", not "ap"); "The" and one word with that word capitalised, since the word is also a common one ("the
    independent panel" is not The Independent, "The Hill" is); longer names in any case ("POLITICO")."""
    if len(name) <= 4:
        return re.escape(name)
    the_word = _THE_WORD.fullmatch(name)
    if the_word:
        return r"(?i:the)\s+" + re.escape(the_word.group(1))
    return "(?i:" + re.escape(name) + ")"


@cache
def known_outlets_pattern() -> re.Pattern[str]:
    """Every wire name and alias and every claims-gazetteer outlet, as whole words (``name_alternative``)."""
    names = {alias for aliases in wire_names().values() for alias in aliases} | set(gazetteer()["outlets"])
    alternatives = [name_alternative(n) for n in names]
    return re.compile(r"(?<!\w)(?:" + "|".join(sorted(alternatives, key=len, reverse=True)) + r")(?!\w)")


ARTICLES = frozenset({"the", "a", "an"})
# An outlet's journalist or executive, by name: "The Huffington Post's Scott Conroy", "CNN's chief medical correspondent
# Dr. Sanjay Gupta". Not "Sputnik's Arabic service" (a sister: a lowercase word after the capitalised one).
_STAFF = re.compile(
    r"^(?:[Tt]he\s+)?(.+?)['’]s?\s+(?:[a-z][\w-]*\s+){0,4}(?:(?:Dr|Mr|Mrs|Ms)\.?\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3}$"
)
# Capitalised for being dates, not names: "a New York Times/CBS News survey released on Thursday", "A Bloomberg poll in
# June" cite the outlets alone.
_CALENDAR = words(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august"
    " september october november december jan feb mar apr jun jul aug sep sept oct nov dec"
)
_EDGE_PUNCTUATION = ",.:;()[]\"'“”‘’-–—"  # stripped from a word of a name before it is read
_APPOSITIVE = re.compile(r",\s+(?:the|a|an)\s[^,]*,?$")


def _described_outlet(name: str) -> str | None:
    """The one known outlet a phrase names, when its other words only describe it: lowercase words and
    possessives ("Syria's official news agency SANA", "Russia's Sputnik news agency", "SANA's report"). None
    when it names none, several, or carries another capitalised name ("Sputnik Arabic": a sister service) outside
    an appositive ("Xinhua, the official Chinese news agency" is Xinhua)."""
    # An appositive says what the outlet is, not who: "Xinhua, the official Chinese news agency".
    name = _APPOSITIVE.sub("", name)
    found = list(known_outlets_pattern().finditer(name))
    outlets = {_known_spelling(m.group(0)) for m in found}
    if len(outlets) != 1 or not _only_describes(known_outlets_pattern().sub(" ", name)):
        return None
    return outlets.pop()


def _only_describes(rest: str) -> bool:
    """Whether what is left of a phrase without its outlet names only describes them: no other capitalised name."""
    previous = ""
    for word in rest.split():
        word = word.strip(_EDGE_PUNCTUATION)
        # A date after other words ("a poll released Monday"), not right after the name ("Fox News Sunday": a show).
        dated = bool(previous) and word.lower().rstrip(".") in _CALENDAR
        if word[:1].isupper() and word.lower() not in ARTICLES and not dated and not POSSESSIVE.search(word):
            return False
        previous = word
    return True


def cited_outlets(written: str) -> list[str]:
    """The outlets a source phrase cites, each under ``outlet_name``'s spelling: every one of a list of known outlets
    ("The Washington Post, The New York Times, and NBC News"; "a Washington Post-ABC News poll": both); one known
    outlet among people (``_among_people``) or that made what the phrase cites (``_made_by``: "documents obtained
    by NBC News"); else the one ``outlet_name`` gives ("Fox News Sunday" stays whole: another capitalised word),
    the press without a name in lower case ("The media" -> "media")."""
    name = _APPOSITIVE.sub("", " ".join(written.split()).rstrip(",.:;"))
    spellings = list(dict.fromkeys(_known_spelling(m.group(0)) for m in known_outlets_pattern().finditer(name)))
    if len(spellings) >= 2 and _only_describes(known_outlets_pattern().sub(" ", name)):
        return spellings
    staff = _STAFF.match(name)
    if staff and (outlet := known_outlets_pattern().fullmatch(staff.group(1))) and len(spellings) == 1:
        return [_known_spelling(outlet.group(0))]  # "Fox News' Bret Baier": one of its people, the outlet cited
    if len(spellings) == 1 and (_among_people(name) or _made_by(name)):
        return spellings  # "released by Fox News host Tucker Carlson", "documents obtained by NBC News"
    return [_unnamed_press(outlet_name(written))]


# What an outlet makes or who works for it, right after its name: "a UK Daily Mail report", "An AP investigation
# into Russian hacking", "fellow Washington Post reporter".
_WORKS = words(
    """report reports reporting analysis poll polls survey investigation article story review interview study
    editorial op-ed piece video documentary tally count estimate data podcast broadcast translation exclusive
    reporter reporters correspondent host anchor columnist editor writer journalist"""
)
# What hands a document to an outlet or names the kind of outlet, right before its name: "documents obtained by
# NBC News", "data reviewed by NPR", "the Spanish newspaper El País".
_MAKER_WORDS = words(
    "by from newspaper paper daily tabloid magazine broadcaster network channel station agency website"
)


def _made_by(name: str) -> bool:
    """Whether the one known outlet a phrase names made or holds what it cites: a work or a journalist of it named
    right after it, "by"/"from" or the kind of outlet right before it, or the outlet heading a list of unnamed
    others ("Reuters and other U.S. news outlets"). Not an edition or a show, whose name runs on in capitals
    ("Sputnik Arabic", "Fox News Sunday"), nor a station named by its place ("The San Antonio CBS affiliate")."""
    match = known_outlets_pattern().search(name)
    if match is None:
        return False
    written_before, after = _around(name, match)
    before = [w.strip(_EDGE_PUNCTUATION).lower() for w in written_before]
    while before and before[-1] in ARTICLES:  # "obtained by the Associated Press"
        before.pop()
    after = after[:2]
    following = after[0].strip(_EDGE_PUNCTUATION) if after else ""
    if following.lower() in _WORKS:
        return True
    if following[:1].isupper():
        return False
    if before and before[-1] in _MAKER_WORDS:
        return True
    return not before and [w.lower() for w in after] == ["and", "other"]


def _around(name: str, match: re.Match[str]) -> tuple[list[str], list[str]]:
    """The words of ``name`` before an outlet's name, and those after it with its possessive dropped ("Sputnik's
    Arabic service" -> [], ["Arabic", "service"])."""
    return name[: match.start()].split(), POSSESSIVE.sub("", name[match.end() :], count=1).split()


# The press named without a name, written in lower case and without "the", so that "The media" and "the media"
# are one entry of a sourcing profile ("the paper" or "The website which" stay as written: one outlet, unresolved).
_PRESS_OPENERS = words("the media press mainstream multiple many several numerous various local major other")
_PRESS_WORDS = words("media press outlets")


def _unnamed_press(name: str) -> str:
    parts = name.split()
    if not parts or parts[0].lower() not in _PRESS_OPENERS or any(part[:1].isupper() for part in parts[1:]):
        return name
    if not _PRESS_WORDS & {part.lower().strip(_EDGE_PUNCTUATION) for part in parts}:
        return name
    if parts[0].lower() == "the" and len(parts) > 1:
        parts = parts[1:]
    return " ".join([parts[0].lower(), *parts[1:]])


# Words after which a capitalised run is a person's name: "a report by Allum Bokhari", "Fox News host Tucker Carlson".
_NAMERS = words("by host anchor reporter correspondent columnist editor commentator writer")


def _among_people(name: str) -> bool:
    """Whether a phrase naming one known outlet says nothing else with a capital letter but its first word and people
    named after "by" or a newsroom role ("Neither the police nor the AP"); not when the outlet's name runs on into
    another capitalised word ("Fox News Sunday", "Sputnik's Arabic service", "the San Antonio CBS affiliate")."""
    pattern = known_outlets_pattern()
    for match in pattern.finditer(name):
        before, after = _around(name, match)
        if any(word[:1].isupper() and word.lower() not in ARTICLES for word in before[-1:] + after[:1]):
            return False
    previous, naming = "", False
    for index, word in enumerate(pattern.sub(" ", name).split()):
        word = word.strip(_EDGE_PUNCTUATION)
        capitalised = word[:1].isupper() and word.lower() not in ARTICLES
        naming = capitalised and (naming or previous in _NAMERS)
        if capitalised and index > 0 and not naming:
            return False
        previous = word.lower()
    return True


def outlet_stem(name: str | None) -> str:
    """The distinctive first word of an outlet's name: "Sputnik Arabic" and "sputniknews.com" give "sputnik"."""
    if not name:
        return ""
    text = ascii_lower(name).replace(".", " ").replace("-", " ")
    words = [w for w in WORD.findall(text) if w not in _OUTLET_NOISE]
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
    return _agency_pattern().search(ascii_lower(name).replace(".", "")) is not None


@cache
def _agency_pattern() -> re.Pattern[str]:
    # One list of agencies for credits and sourcing profiles: provenance's (outlets.json "wires").
    names = {ascii_lower(n).replace(".", "") for aliases in wire_names().values() for n in aliases}
    # Whole words: "AP" in "an Associated Press-GfK poll" or "AP's", not in "Papa" or "Capital".
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?!\w)")


def _fold(name: str) -> str:
    """Case-, article- and punctuation-free key of an outlet name ("The Washington Post" -> "washingtonpost")."""
    return re.sub(r"[^0-9a-z]+", "", ascii_lower(name).removeprefix("the "))


@cache
def _gazetteer_file() -> dict[str, Any]:
    text = resources.files("narratrace.claims").joinpath("data/outlets.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def gazetteer() -> dict[str, list[str]]:
    """The claims gazetteer (``data/outlets.json``): ``"outlets"``, the names, and ``"generic"``, the words that
    mark an unnamed outlet."""
    data = _gazetteer_file()
    return {"outlets": data["outlets"], "generic": data["generic"]}


@cache
def _gazetteer_spellings() -> dict[str, str]:
    """Folded outlet name -> one spelling per outlet in the claims gazetteer: names that differ only in a generic
    part are one outlet ("CBS" and "CBS News", "ZeroHedge" and "Zero Hedge"), spelled by the longest; an alias
    (``"aliases"``: "Free Beacon", "NYT") takes its outlet's spelling, with the names of its own group."""
    groups: dict[str, list[str]] = {}
    for name in gazetteer()["outlets"]:
        groups.setdefault(_group_key(name), []).append(name)
    spellings: dict[str, str] = {}
    for names in groups.values():
        longest = max(names, key=len)  # the first of equal lengths
        for name in names:
            spellings.setdefault(_fold(name), longest)
    for outlet, aliases in _gazetteer_file().get("aliases", {}).items():
        for alias in aliases:
            for name in groups.get(_group_key(alias), [alias]):
                spellings[_fold(name)] = spellings.get(_fold(outlet), outlet)
    return spellings


def _group_key(name: str) -> str:
    return strip_generic(normalise_outlet(name))
