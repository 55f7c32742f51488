"""Whether a person a text names is referred to as "he" or "she", as far as the text tells: for agreeing a pronoun
source with its antecedent ("She told a town hall" is not the man named just before).

Evidence, in order: an honorific with the name ("Mrs. Clinton", "Mr. Rubio", anywhere before the pronoun), then
the first name the text gives the person ("Lois Frankel", or "Frankel" after "Rep. Lois Frankel") read in the US
Census 1990 first-name lists that the ``names`` package carries (public-domain data; a name counts for one sex
when that sex bears it at least ``_RATIO`` times as often). A surname two first names share in the text ("Hillary
Clinton", "Bill Clinton") tells nothing. No evidence: unknown, and the pronoun may stand for the person.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

_RATIO = 4.0  # "Jordan" (0.056% of men, 0.012% of women) is a man's name; "Dana" (0.042 / 0.122) neither
_HONORIFIC_GENDER = {"mr": "he", "mrs": "she", "ms": "she", "miss": "she", "madam": "she", "sir": "he"}
PRONOUN_GENDER = {"he": "he", "him": "he", "his": "he", "she": "she", "her": "she", "hers": "she"}
# Words that may stand between an honorific or a first name and the surname: an initial ("George W. Bush").
_MIDDLE = r"(?:[A-Z]\.\s+|[A-Z][a-z]+\s+)?"
# Honorifics and titles a source's phrase may open with ("Mr. Smith", "Sen. Lois Frankel").
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sen", "rep", "gov", "gen", "president", "senator"})
# Words of a name that are no first name or surname: the honorifics, more titles, and joining words.
_TITLES = HONORIFICS | {
    "governor", "general", "mayor", "judge", "secretary", "chief", "justice", "prime", "minister", "former", "vice",
    "candidate", "sheriff", "officer", "the", "and",
}  # fmt: skip


@lru_cache(maxsize=1)
def _first_names() -> dict[str, str]:
    """Upper-case first name -> "he" or "she", for names borne mostly by one sex."""
    share: dict[str, dict[str, float]] = {}
    floors = []
    for pronoun, name in (("he", "dist.male.first"), ("she", "dist.female.first")):
        rows = [line.split() for line in files("names").joinpath(name).read_text(encoding="ascii").splitlines()]
        rows = [fields for fields in rows if len(fields) >= 2]
        for fields in rows:
            share.setdefault(fields[0], {})[pronoun] = float(fields[1])
        floors.append(min(float(fields[1]) for fields in rows))
    # The men's list stops at names of 0.004%, the women's at 0.001%: a rarer name is absent from one list for
    # want of room, not of bearers ("Kristian", 0.003% of women, is no woman's name), so both stop at the higher.
    floor = max(floors)
    genders = {}
    for first, by_sex in share.items():
        he, she = by_sex.get("he", 0.0), by_sex.get("she", 0.0)
        if max(he, she) < floor:
            continue
        if he >= _RATIO * she:
            genders[first] = "he"
        elif she >= _RATIO * he:
            genders[first] = "she"
    return genders


def first_name_gender(first: str) -> str | None:
    return _first_names().get(first.upper())


def _name_words(name: str) -> list[str]:
    return [w for w in re.findall(r"[A-Za-z][\w'’-]*", name) if w.lower().rstrip(".") not in _TITLES]


def person_gender(name: str, before: str) -> str | None:
    """ "he", "she" or None for the person ``name`` (an entity's words), reading ``before``: the text up to the
    pronoun being resolved."""
    words = re.findall(r"[A-Za-z][\w'’-]*", name)
    if words and (said := _HONORIFIC_GENDER.get(words[0].lower())):
        return said
    named = _name_words(name)
    if not named:
        return None
    surname = re.sub(r"['’]s$", "", named[-1])
    if not surname[:1].isupper():
        return None
    honorifics = {
        _HONORIFIC_GENDER[m.group(1).lower()]
        for m in re.finditer(rf"\b(Mr|Mrs|Ms|Miss|Madam|Sir)\.?\s+{_MIDDLE}{re.escape(surname)}\b", before)
    }
    if len(honorifics) == 1:
        return honorifics.pop()
    firsts = {named[0]} if len(named) >= 2 else set()
    if not firsts:
        firsts = {
            m.group(1)
            for m in re.finditer(rf"\b([A-Z][a-z]+)\s+{_MIDDLE}{re.escape(surname)}\b", before)
            if m.group(1).lower() not in _TITLES and m.group(1).lower() not in _HONORIFIC_GENDER
        }
    genders = {g for g in map(first_name_gender, firsts) if g is not None}
    return genders.pop() if len(genders) == 1 else None
