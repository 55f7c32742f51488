"""Who copied whom: combine per-pair evidence into one direction, with what the corpus teaches.

Evidence items are independent log-odds terms (naive-Bayes style): the sum ``L`` is positive for
"a is the source". ``confidence = 1 / (1 + exp(-|L|))`` is the probability the stated source is
right. Passes:

1. dates (weighed by how much the pair shares) and credits, pair by pair; two carriers of one wire
   story that do not credit each other are wire siblings and get no direction (``siblings.py``);
2. date reliability per gap size, learned from pairs a credit decides (``calibration.py``);
3. text shape (how much of each article lies outside the shared text, and where), a prior belief
   (copies cut and add intros) refined by the pairs dates and credits alone decide (do this
   corpus's copiers add intros, or cut paragraphs?), see ``shape.py``;
4. outlet priors and story roles, learned from the pairs dates and credits alone decide (never from
   verdicts they helped make) and added only to pairs those leave open;
5. a clear date without a credit is not outvoted by anything learned (3, 4): the verdict follows the
   date at low confidence, and the scaled evidence says so.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence

from narratrace.clean.types import CleanArticle
from narratrace.provenance.calibration import keep_clear_dates, learn_date_reliability
from narratrace.provenance.evidence import ProvenanceOptions, credit_evidence, date_evidence
from narratrace.provenance.facts import ArticleFacts, as_facts, outlet_key
from narratrace.provenance.shape import learn_shape, shape_evidence
from narratrace.provenance.siblings import credit_sibling_evidence, sibling_evidence, wire_carriers
from narratrace.provenance.types import Direction, Evidence
from narratrace.reuse.types import ReusePair

SHARED_QUOTE = "shared_quote"
UNDECIDED = "undecided"
# The pair's own record, as opposed to what is learned from other pairs (text shape, priors, roles).
OWN_RECORD_KINDS = frozenset({"date", "credit"})


def infer_directions(
    pairs: Sequence[ReusePair],
    articles: Mapping[str, CleanArticle | ArticleFacts],
    options: ProvenanceOptions | None = None,
) -> dict[tuple[str, str], Direction]:
    """A ``Direction`` for every pair, keyed by ``(pair.a, pair.b)``.

    Pairs of kind ``shared_quote`` get no direction (two articles quoting one speaker have not
    copied each other). ``articles`` maps ids to cleaned articles or to their ``ArticleFacts``
    (what a large run keeps instead of whole articles). Pairs naming an article missing from
    ``articles`` raise ``KeyError``.
    """
    options = options or ProvenanceOptions()
    facts: dict[str, ArticleFacts] = {}

    def facts_of(article_id: str) -> ArticleFacts:
        if article_id not in facts:
            if article_id not in articles:
                raise KeyError(f"reuse pair names article {article_id!r}, which is not among the articles given")
            facts[article_id] = as_facts(articles[article_id])
        return facts[article_id]

    first_pass: dict[tuple[str, str], list[Evidence]] = {}
    directions: dict[tuple[str, str], Direction] = {}
    copy_pairs: list[ReusePair] = []
    for pair in pairs:
        key = (pair.a, pair.b)
        if key in first_pass or key in directions:
            continue  # a pair listed twice is judged once
        if pair.kind == SHARED_QUOTE:
            detail = "only a quotation in common: both quote the same speaker, neither copied the other"
            directions[key] = Direction(None, 0.5, (Evidence(SHARED_QUOTE, None, 0.0, detail),))
            continue
        a, b = facts_of(pair.a), facts_of(pair.b)
        first_pass[key] = [*date_evidence(a, b, options, pair), *credit_evidence(pair, a, b, options)]
        copy_pairs.append(pair)

    # Wire siblings get no direction at all: their dates say who printed the wire story first.
    carriers = wire_carriers(copy_pairs, facts_of)
    for pair in copy_pairs:
        key = (pair.a, pair.b)
        credits_other = any(e.kind == "credit" and "crediting" in e.data for e in first_pass[key])
        sibling = sibling_evidence(facts[pair.a], facts[pair.b], carriers, credits_other)
        if sibling is None:
            sibling = credit_sibling_evidence(
                pair, facts[pair.a], facts[pair.b], options.credit_adjacency, credits_other
            )
        if sibling is not None:
            neutral = [
                Evidence(e.kind, None, 0.0, e.detail + " (not counted: wire siblings)", e.data)
                for e in first_pass.pop(key)
            ]
            directions[key] = Direction(None, 0.5, (sibling, *neutral))
    copy_pairs = [p for p in copy_pairs if (p.a, p.b) in first_pass]

    # How reliable this corpus's dates are, learned from the pairs credits decide.
    gap_log_odds = learn_date_reliability(first_pass, options)
    if gap_log_odds is not None:
        for pair in copy_pairs:
            key = (pair.a, pair.b)
            a, b = facts[pair.a], facts[pair.b]
            first_pass[key] = [
                *date_evidence(a, b, options, pair, gap_log_odds),
                *(e for e in first_pass[key] if e.kind != "date"),
            ]
    # Dates and credits alone: what text shape and priors are learned from (never their own outputs).
    independent = {key: list(evidence) for key, evidence in first_pass.items()}

    decided = [
        (pair, log_odds(independent[(pair.a, pair.b)], pair.a) > 0)
        for pair in copy_pairs
        if abs(log_odds(independent[(pair.a, pair.b)], pair.a)) >= options.prior_min_logodds
    ]
    shape = learn_shape(decided, facts, options)
    for pair in copy_pairs:
        first_pass[(pair.a, pair.b)].extend(shape_evidence(pair, facts[pair.a], facts[pair.b], shape, options))

    priors = _OutletPriors(first_pass, facts, options)
    roles = _StoryRoles(first_pass, options)
    pair_of = {(p.a, p.b): p for p in copy_pairs}
    for key, evidence in first_pass.items():
        if abs(log_odds(evidence, key[0])) < options.prior_apply_below:
            evidence = [*evidence, *priors.evidence(facts[key[0]], facts[key[1]], key), *roles.evidence(key)]
        evidence = keep_clear_dates(evidence, options)
        held = _excerpts_without_record(pair_of[key], evidence, options)
        directions[key] = combine(key[0], key[1], evidence, options.decide_min_logodds, held)
    return {key: directions[key] for key in dict.fromkeys((p.a, p.b) for p in pairs)}


def log_odds(evidence: Sequence[Evidence], a: str) -> float:
    """Sum of weights, positive for ``a`` as the source."""
    return sum(e.weight if e.favours == a else -e.weight for e in evidence if e.favours is not None)


def _excerpts_without_record(pair: ReusePair, evidence: Sequence[Evidence], options: ProvenanceOptions) -> str | None:
    """Why a pair is left undecided whatever learned evidence says, or None.

    Two texts that each carry mostly words of their own around one shared passage look alike whether
    one excerpted the other or both excerpted a third text; with no date or credit of their own, text
    shape, priors and roles only say how copies *usually* look, which cannot tell those apart.
    """
    share = max(pair.containment_a, pair.containment_b)
    if share >= options.shape_alone_max_share:
        return None
    if any(e.kind in OWN_RECORD_KINDS and e.favours is not None and e.weight > 0 for e in evidence):
        return None
    return (
        f"the shared text is at most {share:.0%} of either article and no date or credit orders them: "
        "an excerpt of one and excerpts of a third text look the same"
    )


def combine(
    a: str, b: str, evidence: Sequence[Evidence], decide_min_logodds: float = 0.0, hold: str | None = None
) -> Direction:
    """One verdict from independent log-odds terms.

    No evidence, or evidence whose sum stays below ``decide_min_logodds`` (too weak, or two sides
    that cancel out), leaves the source undecided; an ``undecided`` item says which way it leaned.
    ``hold`` (a reason) leaves it undecided whatever the sum.
    """
    total = log_odds(evidence, a)
    if total == 0:
        return Direction(None, 0.5, tuple(evidence))
    leaning = a if total > 0 else b
    confidence = 1.0 / (1.0 + math.exp(-abs(total)))
    against = sum(e.weight for e in evidence if e.favours is not None and e.favours != leaning)
    own_record = any(e.kind in OWN_RECORD_KINDS and e.favours == leaning and e.weight > 0 for e in evidence)
    if hold is not None or (abs(total) < decide_min_logodds and (against > 0 or not own_record)):
        why = (
            hold
            if hold is not None
            else f"evidence against it weighs {against:.2f}"
            if against > 0
            else "no evidence against it, but little for it"
        )
        detail = (
            f"undecided: the evidence leans to {leaning} as the source at log-odds {abs(total):.2f} "
            f"(confidence {confidence:.2f}); {why}: " + ("not called" if hold is not None else "too weak to call")
        )
        data: dict[str, object] = {"leaning": leaning, "log_odds": round(abs(total), 3), "against": round(against, 3)}
        if hold is not None:
            data["held"] = True
        return Direction(None, 0.5, (*evidence, Evidence(UNDECIDED, None, 0.0, detail, data)))
    return Direction(leaning, confidence, tuple(evidence))


class _OutletPriors:
    """How often each outlet, and each ordered pair of outlets, is source and copy in decided pairs.

    Two levels, two evidence items: an outlet that mostly publishes originals (or mostly copies),
    and an outlet pair with a history ("Y copied X seven times, never the reverse": aggregators
    copy from a few favourites). Counts leave out the pair being judged.
    """

    def __init__(
        self,
        first_pass: Mapping[tuple[str, str], Sequence[Evidence]],
        facts: Mapping[str, ArticleFacts],
        options: ProvenanceOptions,
    ) -> None:
        self.options = options
        self.sources: Counter[str] = Counter()
        self.copies: Counter[str] = Counter()
        self.edges: Counter[tuple[str, str]] = Counter()  # (source outlet, copy outlet)
        self.counted: dict[tuple[str, str], tuple[str, str]] = {}  # pair -> (source outlet, copy outlet)
        for (a, b), evidence in first_pass.items():
            total = log_odds(evidence, a)
            if abs(total) < options.prior_min_logodds:
                continue
            source, copy = (a, b) if total > 0 else (b, a)
            source_outlet, copy_outlet = outlet_key(facts[source]), outlet_key(facts[copy])
            if source_outlet is None or copy_outlet is None or source_outlet == copy_outlet:
                continue
            self.sources[source_outlet] += 1
            self.copies[copy_outlet] += 1
            self.edges[(source_outlet, copy_outlet)] += 1
            self.counted[(a, b)] = (source_outlet, copy_outlet)

    def evidence(self, a: ArticleFacts, b: ArticleFacts, key: tuple[str, str]) -> list[Evidence]:
        outlet_a, outlet_b = outlet_key(a), outlet_key(b)
        if outlet_a is None or outlet_b is None or outlet_a == outlet_b:
            return []
        own = self.counted.get(key)
        src_a = self.sources[outlet_a] - (own is not None and own[0] == outlet_a)
        copy_a = self.copies[outlet_a] - (own is not None and own[1] == outlet_a)
        src_b = self.sources[outlet_b] - (own is not None and own[0] == outlet_b)
        copy_b = self.copies[outlet_b] - (own is not None and own[1] == outlet_b)
        a_to_b = self.edges[(outlet_a, outlet_b)] - (own == (outlet_a, outlet_b))
        b_to_a = self.edges[(outlet_b, outlet_a)] - (own == (outlet_b, outlet_a))
        out: list[Evidence] = []
        outlet_score = math.log((src_a + 1) / (copy_a + 1)) - math.log((src_b + 1) / (copy_b + 1))
        if outlet_score:
            detail = (
                f"outlet priors: {outlet_a} was the source in {src_a} and the copy in {copy_a} confidently "
                f"directed pairs; {outlet_b}: {src_b} and {copy_b}"
            )
            data: dict[str, object] = {
                "level": "outlet",
                "a_outlet": outlet_a,
                "a_sources": src_a,
                "a_copies": copy_a,
                "b_outlet": outlet_b,
                "b_sources": src_b,
                "b_copies": copy_b,
            }
            out.append(self._item(a, b, outlet_score, detail, data))
        edge_score = math.log((a_to_b + 1) / (b_to_a + 1))
        if edge_score:
            detail = (
                f"outlet pair history: {outlet_b} copied {outlet_a} in {a_to_b} confidently directed pairs, "
                f"{outlet_a} copied {outlet_b} in {b_to_a}"
            )
            data = {
                "level": "outlet_pair",
                "a_outlet": outlet_a,
                "b_outlet": outlet_b,
                "a_to_b": a_to_b,
                "b_to_a": b_to_a,
            }
            out.append(self._item(a, b, edge_score, detail, data))
        return _shared_cap(out, self.options.prior_cap * self.options.prior_total_cap)

    def _item(self, a: ArticleFacts, b: ArticleFacts, score: float, detail: str, data: dict[str, object]) -> Evidence:
        weight = min(self.options.prior_cap, self.options.prior_scale * abs(score))
        return Evidence("outlet_prior", a.id if score > 0 else b.id, weight, detail, data)


class _StoryRoles:
    """Each article's role in its other confidently directed pairs: the original of a story is the
    source in all of them, a copy is the copy in at least one. Counts leave out the pair judged."""

    def __init__(self, decided: Mapping[tuple[str, str], Sequence[Evidence]], options: ProvenanceOptions) -> None:
        self.options = options
        self.sources: Counter[str] = Counter()
        self.copies: Counter[str] = Counter()
        self.counted: dict[tuple[str, str], str] = {}  # pair -> its source
        for (a, b), evidence in decided.items():
            total = log_odds(evidence, a)
            if abs(total) < options.prior_min_logodds:
                continue
            source, copy = (a, b) if total > 0 else (b, a)
            self.sources[source] += 1
            self.copies[copy] += 1
            self.counted[(a, b)] = source

    def evidence(self, key: tuple[str, str]) -> list[Evidence]:
        if self.options.story_role_scale == 0:
            return []
        a, b = key
        own = self.counted.get(key)
        src_a, copy_a = self.sources[a] - (own == a), self.copies[a] - (own == b)
        src_b, copy_b = self.sources[b] - (own == b), self.copies[b] - (own == a)
        score = math.log((src_a + 1) / (copy_a + 1)) - math.log((src_b + 1) / (copy_b + 1))
        if score == 0:
            return []
        weight = min(self.options.story_role_cap, self.options.story_role_scale * abs(score))
        detail = (
            f"story roles: in other confidently directed pairs {a} is the source {src_a} and the copy {copy_a} "
            f"times, {b} {src_b} and {copy_b}"
        )
        data: dict[str, object] = {"a_sources": src_a, "a_copies": copy_a, "b_sources": src_b, "b_copies": copy_b}
        return [Evidence("story_role", a if score > 0 else b, weight, detail, data)]


def _shared_cap(items: list[Evidence], cap: float) -> list[Evidence]:
    """Scale items favouring the same side so that together they weigh at most ``cap``.

    Outlet and outlet-pair priors are two views of one history, not independent clues.
    """
    out = list(items)
    for side in {e.favours for e in items if e.favours is not None}:
        total = sum(e.weight for e in items if e.favours == side)
        if total > cap > 0:
            out = [
                Evidence(e.kind, e.favours, e.weight * cap / total, e.detail, e.data) if e.favours == side else e
                for e in out
            ]
    return out
