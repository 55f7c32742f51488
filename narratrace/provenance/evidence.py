"""Evidence about who copied whom in one pair, each kind from one signal.

Every function returns ``Evidence`` items whose ``weight`` is a log-odds magnitude (natural log)
in favour of ``favours`` being the source; neutral findings are returned with ``favours=None``
and weight 0 so the evidence list explains a verdict, including what did not count.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from narratrace.provenance.credits import Credit, keys_match
from narratrace.provenance.facts import ArticleFacts
from narratrace.provenance.types import Evidence
from narratrace.reuse.types import ReusePair


@dataclass(frozen=True)
class ProvenanceOptions:
    """Weights (log-odds) of each kind of evidence, and how priors are learned.

    Defaults were set by reasoning about each signal and checked on the synthetic corpus of
    ``bench/corpus_gen.py`` (see docs/benchmarks.md, provenance section).
    """

    # Dates: weight = min(date_cap, date_base + date_slope * log2(gap in days)). One day apart can be
    # time zones or a scraper's date; a week apart rarely is.
    date_base: float = 0.75
    date_slope: float = 0.5
    date_cap: float = 3.0
    # Same calendar day, both with clock times at least an hour apart.
    date_same_day: float = 0.5
    # A date gap tells little about a pair that shares little (two articles quoting one 16-word
    # sentence 834 days apart): weight *= min(1, shared words / date_full_support_words) ** 2.
    date_full_support_words: float = 30.0
    # Date reliability learned per corpus: with at least this many dated pairs that credits decide,
    # the log-odds of each gap bin (in days) is how often the earlier article was the credited source
    # there, on top of pseudo-counts that keep the formula above as the prior belief.
    date_gap_bins: tuple[float, ...] = (0.0, 1.0, 2.0, 4.0, 8.0)
    date_calibration_min_pairs: int = 30
    date_prior_strength: float = 4.0
    # A date this strong (after calibration and discounts) with no credit in the pair is not outvoted
    # by text shape, containment or priors: those are capped to clear_date_margin of its weight.
    clear_date_weight: float = 2.0
    clear_date_margin: float = 0.8
    # An "updated" stamp read from the text is a day on or after publication: a weaker date.
    date_updated_factor: float = 0.5
    # Factor on date evidence when the clean stage flagged a date as contradicting the text.
    date_suspect_factor: float = 0.2
    # b credits a's own outlet: b says it took the text from a.
    credit_names_other_block: float = 3.0
    credit_names_other_claim: float = 2.0
    # Both credit a third outlet X near the shared text, one more explicitly than the other: the
    # one that declares the text borrowed ("X reports:") is less likely the origin of the wording.
    credit_block_vs_none: float = 1.25
    credit_block_vs_claim: float = 0.75
    # How close (chars) a credit must be to a shared passage to be about it ("X reports: <text>").
    credit_adjacency: int = 40
    # Text shape (shape.py): a prior belief, refined by a logistic model fitted on the pairs dates and
    # credits decide, with the fit weighing n / (n + shape_prior_pairs) for n such pairs (none under
    # shape_min_pairs). containment_scale 0 disables text shape; containment_cap bounds its weight.
    shape_min_pairs: int = 20
    shape_prior_pairs: float = 30.0
    shape_regularisation: float = 1.0  # sklearn's C
    containment_scale: float = 1.0
    containment_cap: float = 2.0
    # Outlet priors: learned from pairs decided with |log-odds| >= prior_min_logodds, applied to pairs
    # below prior_apply_below, as prior_scale * difference of log((sources+1)/(copies+1)), capped.
    prior_min_logodds: float = 1.5
    prior_apply_below: float = 2.0
    prior_scale: float = 0.75
    prior_cap: float = 2.0
    # Outlet and outlet-pair priors favouring one side weigh together at most this many prior_caps.
    prior_total_cap: float = 1.5
    # Story roles: an article that is the source in its other decided pairs (and never the copy) is
    # likely the story's original; same form as outlet priors, applied to the same open pairs.
    story_role_scale: float = 0.75
    story_role_cap: float = 1.5
    # A verdict whose evidence sums to less than this (log-odds; 0.75 = confidence 0.68) is left undecided:
    # on the generator's regimes such verdicts were right about as often as a coin (55 % below 0.75,
    # 70-80 % from 0.75 to 1.25), so calling them hides a guess behind a direction.
    decide_min_logodds: float = 0.75
    # A pair with no date or credit whose shared text is under this share of both articles (each mostly its
    # own words around one passage) is left undecided: excerpts of one another and of a third text look alike.
    shape_alone_max_share: float = 0.25
    # Priors and roles are learned once, from dates and credits alone: relearning them from verdicts
    # they helped make is circular (measured: worse, and it made republishers look like sources).


def shared_words(pair: ReusePair) -> float:
    """Words the pair shares, estimated from passage lengths (six characters a word) on its shorter side."""
    a_chars = sum(p.a_end - p.a_start for p in pair.passages)
    b_chars = sum(p.b_end - p.b_start for p in pair.passages)
    return min(a_chars, b_chars) / 6


def gap_bin(gap_days: float, options: ProvenanceOptions) -> int:
    """Index of the date-gap bin (``date_gap_bins`` lower edges, in days) a gap falls in."""
    return max(i for i, edge in enumerate(options.date_gap_bins) if gap_days >= edge)


def default_date_weight(gap_days: float, options: ProvenanceOptions) -> float:
    """The prior log-odds of a date gap before calibration (and before support and suspicion)."""
    if gap_days < 1:
        return options.date_same_day
    return min(options.date_cap, options.date_base + options.date_slope * math.log2(gap_days))


def date_evidence(
    a: ArticleFacts,
    b: ArticleFacts,
    options: ProvenanceOptions,
    pair: ReusePair | None = None,
    gap_log_odds: Sequence[float] | None = None,
) -> list[Evidence]:
    """The earlier-published article is more likely the source; suspect header dates count less.

    ``pair`` scales the weight by how much is shared; ``gap_log_odds`` (per ``date_gap_bins``) is
    the corpus's calibrated reliability of a gap, replacing the default formula."""
    if a.published is None or b.published is None:
        missing = " and ".join(f.id for f in (a, b) if f.published is None)
        verb = "have" if a.published is None and b.published is None else "has"
        return [Evidence("date", None, 0.0, f"undated: {missing} {verb} no published date")]
    both_times = a.published.has_time and b.published.has_time
    if both_times:
        gap_days = (b.published.value - a.published.value).total_seconds() / 86400
    else:
        gap_days = float((b.published.value.date() - a.published.value.date()).days)
    data: dict[str, object] = {"a_published": a.published.text, "b_published": b.published.text}
    if abs(gap_days) < 1 / 24 or (not both_times and gap_days == 0):
        return [Evidence("date", None, 0.0, "published the same day: dates do not order them", data)]
    earlier, later = (a, b) if gap_days > 0 else (b, a)
    gap = abs(gap_days)
    weight = default_date_weight(gap, options)
    detail = f"{earlier.id} published {_format_gap(gap)} before {later.id}"
    data["gap_bin"] = gap_bin(gap, options)
    if gap_log_odds is not None:
        weight = max(0.0, min(options.date_cap, gap_log_odds[gap_bin(gap, options)]))
        detail += f" (dates of gaps like this agree with credits in this corpus at log-odds {weight:.2f})"
        data["calibrated"] = True
    if pair is not None:
        words = shared_words(pair)
        support = min(1.0, words / options.date_full_support_words) ** 2
        if support < 1:
            weight *= support
            detail += f"; only ~{words:.0f} words shared, so the dates weigh {support:.0%}"
        data["support"] = round(support, 3)
    from_text = [f for f in (a, b) if f.published is not None and f.published.origin != "metadata"]
    if from_text:
        detail += "; read from the text: " + "; ".join(f"{f.id}: {f.published.text}" for f in from_text if f.published)
        if any(f.published and f.published.origin == "updated" for f in from_text):
            weight *= options.date_updated_factor
    suspects = [f for f in (a, b) if f.date_warning]
    if suspects:
        weight *= options.date_suspect_factor
        detail += "; discounted: " + "; ".join(f"{f.id}: {f.date_warning}" for f in suspects)
        data["suspect"] = ",".join(f.id for f in suspects)
    data["gap_days"] = round(gap, 3)
    return [Evidence("date", earlier.id, weight, detail, data)]


def _format_gap(days: float) -> str:
    if days < 1:
        return f"{days * 24:.0f} hours"
    return f"{days:.0f} day" + ("" if round(days) == 1 else "s")


def credit_evidence(pair: ReusePair, a: ArticleFacts, b: ArticleFacts, options: ProvenanceOptions) -> list[Evidence]:
    """Credits that name the other article's outlet, and credits both give to a third outlet."""
    found: list[Evidence] = []
    for crediting, credited in ((b, a), (a, b)):
        direct = _credit_naming(crediting, credited)
        if direct is not None:
            weight = options.credit_names_other_block if direct.scope == "block" else options.credit_names_other_claim
            found.append(
                Evidence(
                    "credit",
                    credited.id,
                    weight,
                    f"{crediting.id} credits {direct.outlet_text!r} ({direct.cue}), "
                    f"which is {credited.id}'s outlet {credited.outlet_label!r}",
                    {
                        "crediting": crediting.id,
                        "outlet_text": direct.outlet_text,
                        "cue": direct.cue,
                        "scope": direct.scope,
                        "start": direct.start,
                        "end": direct.end,
                    },
                )
            )
    if found:
        return found
    return _third_party_credit_evidence(pair, a, b, options)


def _credit_naming(crediting: ArticleFacts, credited: ArticleFacts) -> Credit | None:
    """The strongest credit in ``crediting`` naming ``credited``'s outlet (not its own as well)."""
    if not credited.identity:
        return None
    best: Credit | None = None
    for credit, keys in zip(crediting.credits, crediting.credit_keys, strict=True):
        if not keys_match(keys, credited.identity):
            continue
        if crediting.identity and keys_match(keys, crediting.identity):
            continue  # both articles are that outlet's: the credit cannot tell them apart
        if best is None or (credit.scope == "block" and best.scope != "block"):
            best = credit
    return best


_SCOPE_RANK = {"none": 0, "claim": 1, "block": 2}


def _third_party_credit_evidence(
    pair: ReusePair, a: ArticleFacts, b: ArticleFacts, options: ProvenanceOptions
) -> list[Evidence]:
    """Compare how explicitly each side credits an outlet X next to the shared text.

    A side that introduces the shared text with "X reports:" declares it borrowed; a side that
    carries the same text with no credit, or only attributes a claim to X in its own sentence,
    does not. That is evidence the second side is nearer the origin (it may be X itself, when
    its outlet is unknown). Equal explicitness on both sides says nothing.
    """
    spans_a = [(p.a_start, p.a_end) for p in pair.passages]
    spans_b = [(p.b_start, p.b_end) for p in pair.passages]
    relevant: list[tuple[Credit, frozenset[str]]] = [
        (c, k)
        for facts, spans in ((a, spans_a), (b, spans_b))
        for c, k, reach in zip(
            facts.credits, facts.credit_keys, credit_reaches(facts.credits, facts.text_length), strict=True
        )
        if near(reach, spans, options.credit_adjacency)
    ]
    out: list[Evidence] = []
    seen: list[frozenset[str]] = []
    for credit, keys in relevant:
        if any(keys_match(keys, s) for s in seen):
            continue
        seen.append(keys)
        if keys_match(keys, a.identity) or keys_match(keys, b.identity):
            continue
        scope_a, scope_b = _strongest_scope(a, keys), _strongest_scope(b, keys)
        data: dict[str, object] = {"outlet_text": credit.outlet_text, "a_scope": scope_a, "b_scope": scope_b}
        if scope_a == scope_b:
            out.append(Evidence("credit", None, 0.0, f"both credit {credit.outlet_text!r} ({scope_a})", data))
            continue
        explicit, other = (a, b) if _SCOPE_RANK[scope_a] > _SCOPE_RANK[scope_b] else (b, a)
        high, low = (
            max(scope_a, scope_b, key=_SCOPE_RANK.__getitem__),
            min(scope_a, scope_b, key=_SCOPE_RANK.__getitem__),
        )
        # An in-sentence credit only one side has ("claim" against "none") is often a casualty of editing (a
        # dropped paragraph, a substituted word), not a marker of borrowing: measured as noise, so it weighs 0.
        weight = {
            ("block", "none"): options.credit_block_vs_none,
            ("block", "claim"): options.credit_block_vs_claim,
        }.get((high, low), 0.0)
        if weight == 0:
            out.append(Evidence("credit", None, 0.0, f"only one side credits {credit.outlet_text!r} ({high})", data))
            continue
        if (
            low == "none"
            and _share_of(other, pair) >= CUT_COPY_MIN_SHARE
            and _share_of(other, pair) > _share_of(explicit, pair)
        ):
            # The bare side lies (nearly) wholly inside the crediting one: that is what a copy that cut paragraphs
            # looks like, and it cuts the credit line with them, so "the bare side is the copy" explains the missing
            # credit as well as "the bare side is the origin" (on the generator such credits were right in 46 of
            # 95 pairs; a bare partial with words of its own is no cut copy, and there the credit stands).
            detail = (
                f"only {explicit.id} credits {credit.outlet_text!r} ({high}), but {other.id} lies more inside "
                f"{explicit.id} than the reverse: it may have cut the credit line, so the credit does not order them"
            )
            out.append(Evidence("credit", None, 0.0, detail, data))
            continue
        shown = next(c for c, k in zip(explicit.credits, explicit.credit_keys, strict=True) if keys_match(k, keys))
        out.append(
            Evidence(
                "credit",
                other.id,
                weight,
                f"{explicit.id} presents the shared text as taken from {credit.outlet_text!r} "
                f"({shown.cue!r}, {high} credit); {other.id} "
                + ("does not credit it" if low == "none" else "only attributes a claim to it"),
                data,
            )
        )
    return _count_once_per_side(out)


def _count_once_per_side(items: list[Evidence]) -> list[Evidence]:
    """Keep the strongest third-party credit item per favoured side at full weight.

    "A.com reports: B.com reports: ..." is one act of borrowing, not two independent clues.
    """
    best: dict[str, Evidence] = {}
    for item in items:
        if item.favours is None:
            continue
        current = best.get(item.favours)
        if current is None or item.weight > current.weight:
            best[item.favours] = item
    return [
        item
        if item.favours is None or best[item.favours] is item
        else Evidence(item.kind, item.favours, 0.0, item.detail + " (counted once, with a stronger credit)", item.data)
        for item in items
    ]


def credit_reaches(credits: Sequence[Credit], text_length: int) -> list[tuple[int, int]]:
    """The span of text each credit speaks for, same order as ``credits``.

    A credit that introduces a block ("X reports:") speaks for everything after it up to the next such
    credit or the end of the text: a republisher writes it once above the pasted paragraphs. Any other
    credit speaks for itself only (callers add their own adjacency).
    """
    intro_starts = sorted(c.start for c in credits if c.introduces)
    out = []
    for credit in credits:
        if not credit.introduces:
            out.append((credit.start, credit.end))
            continue
        following = next((s for s in intro_starts if s > credit.start), max(text_length, credit.end))
        out.append((credit.start, max(credit.end, following)))
    return out


def near(reach: tuple[int, int], spans: Sequence[tuple[int, int]], adjacency: int) -> bool:
    """Whether the text a credit speaks for (``credit_reaches``) touches a passage, give or take ``adjacency``."""
    return any(reach[0] < end + adjacency and reach[1] > start - adjacency for start, end in spans)


# A bare text at least this much inside a credited one may be a cut copy of it (see _third_party_credit_evidence).
CUT_COPY_MIN_SHARE = 0.9


def _share_of(side: ArticleFacts, pair: ReusePair) -> float:
    """How much of ``side``'s text the pair shares (its containment)."""
    return pair.containment_a if side.id == pair.a else pair.containment_b


def _strongest_scope(facts: ArticleFacts, keys: frozenset[str]) -> str:
    scopes = {c.scope for c, k in zip(facts.credits, facts.credit_keys, strict=True) if keys_match(k, keys)}
    return "block" if "block" in scopes else ("claim" if "claim" in scopes else "none")


def containment_difference(pair: ReusePair) -> float:
    """``containment_a - containment_b``: positive when more of a than of b lies in the shared text."""
    return pair.containment_a - pair.containment_b
