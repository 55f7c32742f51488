"""Which names a credit may carry: wires and state agencies, known outlets, outlet-shaped names.

A credit cue ("via X", "according to X", "— X") is followed by any capitalised word in real text:
"via Skype", "according to FacebookComment", "via the Internet". Such names are no outlet, and a
credit to them is no evidence of borrowing. A name counts as an outlet when it is in the gazetteer
(``outlets.json``: wires and state agencies, plus broadcasters and papers credited by bare name),
is a web domain, or carries an outlet word ("CBS News", "The Moscow Times"). Names of the corpus's
own outlets count as well; that check needs the corpus, so ``ArticleFacts`` keeps every candidate
with its ``outlet_like`` flag and the direction code accepts the rest when they name a corpus outlet.

>>> wire_name("Agence France-Presse"), wire_name("The Associated Press"), wire_name("Skype")
('AFP', 'AP', None)
>>> outlet_like("FacebookComment"), outlet_like("CBS News"), outlet_like("zerohedge.com")
(False, True, True)
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache
from importlib import resources

# Words that make a name an outlet's ("The Moscow Times", "Syrian Arab News Agency").
_OUTLET_WORDS = frozenset(
    """news newsagency agency agencia agence agenzia press presse prensa times post journal herald tribune daily
    gazette gazeta telegraph guardian independent observer chronicle examiner standard mail express mirror review
    magazine radio tv television network broadcasting channel wire newswire monitor insider beacon globe courier
    bulletin register reporter voice zeitung pravda izvestia today reports""".split()  # noqa: SIM905
)
_DOMAIN = re.compile(r"^(?:[a-z]+://)?(?:www\d?\.)?[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*\.[a-z]{2,12}(?:/\S*)?$", re.I)
_WORDS = re.compile(r"[^\W_]+")


def _fold(name: str) -> str:
    """Case- and punctuation-free key of a gazetteer name ("Agence France-Presse" -> "agencefrancepresse")."""
    return re.sub(r"[^0-9a-zà-ÿ]+", "", name.lower().removeprefix("the "))


@cache
def _gazetteer() -> tuple[dict[str, str], frozenset[str]]:
    """(folded wire name or alias -> canonical wire name, folded names of other known outlets)."""
    data = json.loads(resources.files("narratrace.provenance").joinpath("outlets.json").read_text(encoding="utf-8"))
    wires: dict[str, str] = {}
    for canonical, aliases in data["wires"].items():
        for name in (canonical, *aliases):
            wires[_fold(name)] = canonical
    return wires, frozenset(_fold(name) for name in data["outlets"])


def wire_names() -> dict[str, list[str]]:
    """Canonical wire name -> every name it is written as (canonical first)."""
    out: dict[str, list[str]] = {}
    data = json.loads(resources.files("narratrace.provenance").joinpath("outlets.json").read_text(encoding="utf-8"))
    for canonical, aliases in data["wires"].items():
        out[canonical] = [canonical, *aliases]
    return out


def wire_name(name: str) -> str | None:
    """The canonical name of the wire or state agency ``name`` denotes, None when it is none."""
    wires, _ = _gazetteer()
    stripped = name.strip()
    found = wires.get(_fold(stripped))
    if found is None and _DOMAIN.match(stripped):
        from narratrace.provenance.credits import normalise_outlet  # credits imports this module

        found = wires.get(normalise_outlet(stripped))  # "reuters.com", "https://www.afp.com/en"
    return found


def is_domain(name: str) -> bool:
    """Whether ``name`` is written as a web address ("Sputnikenews.com", "https://www.afp.com/en")."""
    return bool(_DOMAIN.match(name.strip()))


def known_outlet(name: str) -> bool:
    """Whether ``name`` is a wire or one of the gazetteer's outlets."""
    folded = _fold(name.strip())
    wires, outlets = _gazetteer()
    return folded in wires or folded in outlets


def outlet_like(name: str) -> bool:
    """Whether ``name`` may name an outlet without knowing the corpus: gazetteer, domain, outlet word, or a
    known outlet's edition ("Sputnik Arabic")."""
    stripped = name.strip()
    if not stripped:
        return False
    if known_outlet(stripped) or _DOMAIN.match(stripped) or outlet_edition(stripped, known_outlet):
        return True
    words = [w.lower() for w in _WORDS.findall(stripped)]
    return len(words) > 1 and any(w in _OUTLET_WORDS for w in words)


# Words after an outlet's name that make one of its language or regional editions ("Sputnik Arabic", "BBC
# Mundo", "RT America"): still an outlet, and a sister of the outlet, not the outlet itself.
EDITION_WORDS = frozenset(
    {"arabic", "english", "french", "spanish", "german", "russian", "turkish", "persian", "chinese", "urdu", "hindi"}
    | {"america", "international", "uk", "us", "africa", "asia", "europe", "deutsch", "español", "mundo", "türkçe"}
)


def outlet_edition(name: str, known: Callable[[str], bool]) -> bool:
    """Whether ``name`` is an outlet ``known`` accepts followed by an edition word."""
    words = name.split()
    return len(words) >= 2 and words[-1].lower() in EDITION_WORDS and known(" ".join(words[:-1]))
