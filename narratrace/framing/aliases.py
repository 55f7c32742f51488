"""Names: how a surface name becomes an entity key, and places.

The table of well-known variants is ``narratrace.names`` (shared with story summaries) and deliberately small:
only variants a reader would never count as different actors (Daesh/ISIS/ISIL/Islamic State, U.S./United
States/America). Everything else is merged from the corpus itself ("X, also known as Y", "X (Y)", a surname used
alone) in ``entities.py``.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

_QUOTES = re.compile("[\"'\u2018\u2019\u201c\u201d]")
_POSSESSIVE = re.compile("['\u2019]s$|['\u2019]$")
_ACRONYM_DOTS = re.compile(r"(?<=\b[A-Za-z])\.")


def name_key(surface: str) -> str:
    """The key one name is counted under: case-folded, no quotes, no leading 'the', no possessive, U.S. -> us."""
    text = _POSSESSIVE.sub("", surface.strip())
    text = _ACRONYM_DOTS.sub("", text)
    text = _QUOTES.sub("", text).casefold()
    text = re.sub(r"^the\s+", "", " ".join(text.split()))
    return text.strip(" .,-")


@lru_cache(maxsize=1)
def place_keys() -> frozenset[str]:
    """Keys of country and region names (CLDR territory names plus common news places)."""
    raw = resources.files("narratrace.framing").joinpath("places.json").read_text(encoding="utf-8")
    return frozenset(name_key(name) for name in json.loads(raw)["places"])
