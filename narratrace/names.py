"""Well-known name variants, shared by the stages that list actors (framing's entities, story summaries).

Only variants a reader would never count as different actors: Daesh/ISIS/ISIL/Islamic State, U.S./United
States/America. Variants are normalised as both stages normalise names: lower case, no dots, no leading "the".
"""

from __future__ import annotations

from functools import lru_cache

# canonical name -> normalised variants (as ``framing.aliases.name_key`` and ``stories.features.normalise_entity``
# give them)
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
    "COVID-19": ("covid-19", "covid", "covid19", "coronavirus disease 2019"),
    "Hamas": ("hamas",),
    "Taliban": ("taliban",),
}


@lru_cache(maxsize=1)
def alias_index() -> dict[str, str]:
    """Normalised variant -> canonical name, from the shipped table."""
    return {variant: canonical for canonical, variants in WELL_KNOWN_ALIASES.items() for variant in variants}


# Bodies named by their last word alone, which a longer name ending in it does not stand for: "the House" is not
# the White House, "the court" not the Supreme Court of another country, "Police" not the Capitol Police.
INSTITUTIONS = frozenset(
    """house senate court board committee party council department ministry army police government congress
    assembly parliament administration agency office bank university company group force guard navy union league
    commission service cabinet""".split()  # noqa: SIM905
)
