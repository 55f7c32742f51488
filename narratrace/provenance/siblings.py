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

import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence

from narratrace.provenance.credits import Credit, keys_match, name_keys
from narratrace.provenance.evidence import credit_reaches, near
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


# A text whose shared part is at least this share of it is mostly the other's text, not an excerpt of X's
# within its own piece (see credit_sibling_evidence). Half: "most of its words" are shared.
MIXED_CREDIT_MAX_CONTAINMENT = 0.5

# A person credited by full name in one text and by surname in the other ("Tucker Carlson" ~ "Carlson").
_NAME_TOKEN = re.compile(r"[^\W_][\w'’.\-]*")
_MIN_SURNAME = 4
_MAX_PERSON_TOKENS = 4


def _name_tokens(name: str) -> list[str]:
    tokens = [t.lower().removesuffix("'s").removesuffix("’s") for t in _NAME_TOKEN.findall(name)]
    return tokens[1:] if tokens[:1] == ["the"] else tokens


def same_party(first: Credit, second: Credit) -> bool:
    """Whether two credits name one party: matching outlet names, or one person named in full and by surname.

    The surname rule is for people only (neither name an outlet or wire), so "the Times" does not
    stand for every "... Times".
    """
    if keys_match(name_keys(first.outlet_text), name_keys(second.outlet_text)):
        return True
    if first.outlet_like or second.outlet_like or first.wire or second.wire:
        return False
    short, long = sorted((_name_tokens(first.outlet_text), _name_tokens(second.outlet_text)), key=len)
    if not short or len(long) > _MAX_PERSON_TOKENS or len(short[-1]) < _MIN_SURNAME:
        return False
    return long[-len(short) :] == short


def _own_credits_beside(
    facts: ArticleFacts, spans: Sequence[tuple[int, int]], adjacency: int
) -> list[tuple[Credit, tuple[int, int]]]:
    """Credits that speak for a shared passage but are not inside one: the text's own words about where it
    came from, each with the span it speaks for (``credit_reaches``)."""
    out = []
    reaches = credit_reaches(facts.credits, facts.text_length)
    for credit, keys, reach in zip(facts.credits, facts.credit_keys, reaches, strict=True):
        if facts.identity and keys_match(keys, facts.identity):
            continue
        inside = any(start <= credit.start and credit.end <= end for start, end in spans)
        if near(reach, spans, adjacency) and not inside:
            out.append((credit, reach))
    return out


def credit_sibling_evidence(
    pair: ReusePair, a: ArticleFacts, b: ArticleFacts, adjacency: int, credits_other: bool
) -> Evidence | None:
    """Siblings of a credited third party: each text credits it, in its own words, for the shared text.

    A copied credit lies inside the aligned passages (both texts carry the same words), so it says
    nothing about who copied whom. Two credits to one party that each text wrote itself, next to the
    text they share or introducing it ("X reports:"), in whatever form ("according to X" in a sentence,
    "X reports:" above a block), say both took that text from the party: neither is the other's source.
    Unless the forms differ ("according to X," in a sentence against "X reports:" above a block) and the
    text with the in-sentence credit lies mostly inside the other (``MIXED_CREDIT_MAX_CONTAINMENT``): then
    the other carries the first text's whole piece, its own words around the attributed claim included,
    under X's name, which is how a copy of the first text reads, not a second excerpt of X.
    """
    if credits_other:
        return None
    spans_a = [(p.a_start, p.a_end) for p in pair.passages]
    spans_b = [(p.b_start, p.b_end) for p in pair.passages]
    beside_a = _own_credits_beside(a, spans_a, adjacency)
    beside_b = _own_credits_beside(b, spans_b, adjacency)
    for x, _ in beside_a:
        if b.identity and keys_match(name_keys(x.outlet_text), b.identity):
            continue  # a credits b's own outlet: that is a direction, not a common source
        for y, _ in beside_b:
            if a.identity and keys_match(name_keys(y.outlet_text), a.identity):
                continue
            if not same_party(x, y):
                continue
            if x.scope != y.scope:
                claim_side = pair.containment_a if x.scope == "claim" else pair.containment_b
                if claim_side >= MIXED_CREDIT_MAX_CONTAINMENT:
                    continue  # "according to X" in a text the other carries almost whole: the other copied it
            detail = (
                f"siblings of {x.outlet_text}: {a.id} credits {x.outlet_text!r} ({x.cue}) and {b.id} credits "
                f"{y.outlet_text!r} ({y.cue}), each in its own words for the shared text; "
                "both took it from there, so neither is the other's source"
            )
            return Evidence(WIRE_SIBLING, None, 0.0, detail, {"credited": x.outlet_text, "common_source": True})
    return None
