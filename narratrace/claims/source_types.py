"""What kind of source an attribution names: person, organisation, outlet, anonymous or unattributed.

Cues, in this order of trust:

1. A bare pronoun ("he said") takes the type of its nearest preceding named antecedent (a PERSON entity for
   he/she/I, an organisation or outlet for "it"), else ``person``.
2. Whichever comes first in the span among an outlet name (the gazetteer ``data/outlets.json``, or a
   generic "news agency", "newspaper"), an anonymity cue ("two anonymous US officials", "a source familiar
   with", "military sources") and a PERSON entity decides: "SANA, citing unnamed sources" is the outlet
   SANA citing anonymous sources; "spokesperson Garrett Marquis" is a person.
3. Otherwise ORG / NORP / GPE entities or organisation words ("the ministry", "the campaign") make an
   ``organisation``; plural people words ("experts", "critics") an ``anonymous`` source; anything else
   with a proper noun is a ``person``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

from narratrace.nlp import english

PRONOUNS = {"he": "PERSON", "she": "PERSON", "i": "PERSON", "him": "PERSON", "her": "PERSON", "it": "ORG"}
OTHER_PRONOUNS = frozenset(["we", "they", "you", "us", "them", "one", "someone", "somebody"])
ANONYMITY = re.compile(
    r"\b(anonymous|anonymity|unnamed|unidentified|not authori[sz]ed|familiar with|close to|insiders?|sources?|"
    r"officials|aides|diplomats|activists|residents|witnesses|people|person|members?|"
    r"(?:an?|one|two|three|several|some|many|other|senior|former|top) (?:[\w.-]+ ){0,3}"
    r"(?:officials?|diplomats?|officers?|spokes(?:man|woman|person)|aides?|advisers?|advisors?|staffers?))\b",
    re.IGNORECASE,
)
ORGANISATION_WORDS = re.compile(
    r"\b(ministry|department|government|administration|agency|party|campaign|committee|council|commission|"
    r"police|army|military|forces|court|congress|senate|parliament|white house|pentagon|kremlin|state department|"
    r"group|organi[sz]ation|company|firm|union|coalition|office|bureau|university|institute|foundation|"
    r"report|poll|survey|study|statement|website|organi[sz]ers|regime|team|network)\b",
    re.IGNORECASE,
)
PEOPLE_WORDS = re.compile(
    r"\b(experts|critics|analysts|observers|supporters|opponents|voters|democrats|republicans|conservatives|"
    r"liberals|lawmakers|leaders|others|many|some|most|everyone|nobody|americans|doctors|scientists)\b",
    re.IGNORECASE,
)
ANTECEDENT_WINDOW = 1500  # characters searched back for a pronoun's antecedent


@lru_cache(maxsize=1)
def _outlet_pattern() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = json.loads(resources.files("narratrace.claims").joinpath("data/outlets.json").read_text(encoding="utf-8"))
    names = sorted(data["outlets"], key=len, reverse=True)
    generic = sorted(data["generic"], key=len, reverse=True)
    named = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")
    unnamed = re.compile(r"\b(?:" + "|".join(re.escape(g) for g in generic) + r")\b", re.IGNORECASE)
    return named, unnamed


def _first(pattern: re.Pattern[str], text: str) -> int | None:
    match = pattern.search(text)
    return match.start() if match else None


def type_from_span(span_text: str, doc: Any) -> str:
    """The source type of a non-pronoun source span (``doc``: the span parsed by spaCy)."""
    named, unnamed = _outlet_pattern()
    outlet_at = min((p for p in (_first(named, span_text), _first(unnamed, span_text)) if p is not None), default=None)
    anonymous_at = _first(ANONYMITY, span_text)
    person_at = min((e.start_char for e in doc.ents if e.label_ == "PERSON"), default=None)
    found = [(at, kind) for at, kind in ((outlet_at, "outlet"), (anonymous_at, "anonymous"), (person_at, "person"))]
    present = [(at, kind) for at, kind in found if at is not None]
    if present:
        return min(present)[1]
    if any(e.label_ in ("ORG", "NORP", "GPE") for e in doc.ents) or ORGANISATION_WORDS.search(span_text):
        return "organisation"
    if PEOPLE_WORDS.search(span_text):
        return "anonymous"
    return "person"


def _pronoun_type(text: str, start: int, wanted: str) -> str:
    """Type of the nearest preceding entity of the wanted kind (PERSON, or ORG for "it"), else person."""
    window_start = max(0, start - ANTECEDENT_WINDOW)
    doc = english()(text[window_start:start])
    for entity in reversed(doc.ents):
        if wanted == "PERSON" and entity.label_ == "PERSON":
            return "person"
        if wanted == "ORG" and entity.label_ in ("ORG", "NORP", "GPE"):
            return "outlet" if _outlet_pattern()[0].fullmatch(entity.text) else "organisation"
    return "person" if wanted == "PERSON" else "organisation"


def type_sources(text: str, spans: Sequence[tuple[int, int] | None]) -> list[str]:
    """Source types of ``spans`` (character offsets into ``text``; None means ``unattributed``)."""
    nlp = english()
    wanted = [(i, text[s:e]) for i, span in enumerate(spans) if span is not None for s, e in [span]]
    types = ["unattributed"] * len(spans)
    docs = nlp.pipe([t for _, t in wanted], batch_size=64) if wanted else iter(())
    for (i, span_text), doc in zip(wanted, docs, strict=True):
        key = span_text.strip().lower()
        span = spans[i]
        assert span is not None
        if key in PRONOUNS:
            types[i] = _pronoun_type(text, span[0], PRONOUNS[key])
        elif key in OTHER_PRONOUNS:
            types[i] = "person"
        else:
            types[i] = type_from_span(span_text, doc)
    return types
