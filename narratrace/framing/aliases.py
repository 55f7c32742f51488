"""Names: how a surface name becomes an entity key, the shipped table of well-known variants, and places.

The alias table is deliberately small: only variants a reader would never count as different actors
(Daesh/ISIS/ISIL/Islamic State, U.S./United States/America). Everything else is merged from the corpus
itself ("X, also known as Y", "X (Y)", a surname used alone) in ``entities.py``.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

# canonical name -> normalised variants (see ``name_key``)
WELL_KNOWN_ALIASES: dict[str, tuple[str, ...]] = {
    "Islamic State": (
        "isis",
        "isil",
        "daesh",
        "da'esh",
        "islamic state",
        "islamic state of iraq",
        "islamic state of iraq and syria",
        "islamic state of iraq and the levant",
    ),
    "United States": ("us", "usa", "united states", "united states of america", "america"),
    "United Kingdom": ("uk", "britain", "great britain", "united kingdom"),
    "Russia": ("russia", "russian federation"),
    "European Union": ("eu", "european union"),
    "United Nations": ("un", "united nations"),
    "NATO": ("nato", "north atlantic treaty organization", "north atlantic treaty organisation"),
    "al-Qaeda": ("al qaeda", "al-qaeda", "al qaida", "al-qaida", "alqaeda"),
    "al-Nusra Front": ("al-nusra front", "nusra front", "al-nusra", "nusra", "jabhat al-nusra"),
    "White Helmets": (
        "white helmets",
        "syria civil defence",
        "syrian civil defence",
        "syria civil defense",
        "syrian civil defense",
    ),
    "Hezbollah": ("hezbollah", "hizbollah", "hizbullah", "hizballah"),
    "Syrian Arab Army": ("syrian arab army", "saa"),
    "Hamas": ("hamas",),
    "Taliban": ("taliban",),
}

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
def alias_index() -> dict[str, str]:
    """Normalised variant -> canonical name, from the shipped table."""
    return {variant: canonical for canonical, variants in WELL_KNOWN_ALIASES.items() for variant in variants}


@lru_cache(maxsize=1)
def place_keys() -> frozenset[str]:
    """Keys of country and region names (CLDR territory names plus common news places)."""
    raw = resources.files("narratrace.framing").joinpath("places.json").read_text(encoding="utf-8")
    return frozenset(name_key(name) for name in json.loads(raw)["places"])
