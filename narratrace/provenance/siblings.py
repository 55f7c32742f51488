"""Wire siblings: two articles carrying one wire story whose own text is not in the corpus.

Two outlets that both print a Reuters story share its text; neither copied the other, whatever
their dates say. Forcing a direction on them makes whichever republished first look like the
network's main source. An article *carries* a wire when a block credit (byline, "(AP) —",
"— Reuters", "Reuters reports:") names it and the article is not the wire's own; an article with
no block credit of its own carries a wire when at least two of its partners carry it (it shares
the wire's text with wire-credited texts). Two carriers of one wire that do not credit each other
are siblings: undecided, with evidence "siblings of Reuters copy".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence

from narratrace.provenance.credits import keys_match, name_keys
from narratrace.provenance.facts import ArticleFacts
from narratrace.provenance.types import Evidence
from narratrace.reuse.types import ReusePair

WIRE_SIBLING = "wire_sibling"


def credited_wires(facts: ArticleFacts) -> frozenset[str]:
    """Wires ``facts`` presents its text as taken from (block credits), not counting its own outlet."""
    out = set()
    for credit in facts.credits:
        if credit.wire is None or credit.scope != "block":
            continue
        if facts.identity and keys_match(name_keys(credit.wire) | name_keys(credit.outlet_text), facts.identity):
            continue  # a Reuters article signing "— Reuters" is the wire itself
        out.add(credit.wire)
    return frozenset(out)


def wire_carriers(pairs: Sequence[ReusePair], facts_of: Callable[[str], ArticleFacts]) -> dict[str, frozenset[str]]:
    """Article id -> the wires it carries (see the module doc), for every article in a copy pair."""
    own: dict[str, frozenset[str]] = {}
    partners: dict[str, list[str]] = defaultdict(list)
    for pair in pairs:
        for x, y in ((pair.a, pair.b), (pair.b, pair.a)):
            if x not in own:
                own[x] = credited_wires(facts_of(x))
            partners[x].append(y)
    carried = dict(own)
    for article, found in own.items():
        if found or any(c.scope == "block" for c in facts_of(article).credits):
            continue
        counts: dict[str, int] = defaultdict(int)
        for partner in set(partners[article]):
            for wire in own.get(partner, ()):
                counts[wire] += 1
        carried[article] = frozenset(w for w, n in counts.items() if n >= 2)
    return carried


def sibling_evidence(
    a: ArticleFacts, b: ArticleFacts, carriers: Mapping[str, frozenset[str]], credits_other: bool
) -> Evidence | None:
    """The wire-sibling finding for a pair, or None when they are not siblings of one wire."""
    if credits_other:
        return None
    common = sorted(carriers.get(a.id, frozenset()) & carriers.get(b.id, frozenset()))
    if not common:
        return None
    wire = common[0]
    how = {x.id: "credits it" if wire in credited_wires(x) else "shares text with texts that credit it" for x in (a, b)}
    detail = (
        f"siblings of {wire} copy: {a.id} {how[a.id]}, {b.id} {how[b.id]}, and neither credits the other; "
        f"both come from {wire}, whose text is not here, so neither is the other's source"
    )
    return Evidence(WIRE_SIBLING, None, 0.0, detail, {"wire": wire, "wire_node": f"wire:{wire}"})
