"""What a corpus teaches about its own dates, and the rule that keeps learned signals below a clear date.

Copiers' date habits differ: one corpus's copies appear hours to days after their source, another's
carry scraped header dates that run days *before* it. Credits are independent of dates ("X reports:"
says who the source is whatever the headers say), so pairs that a credit decides show how often the
earlier article really was the source, per gap size. With enough of them the date weights are
those log-odds; with few, the default formula stands (as pseudo-counts the data must outweigh).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from narratrace.provenance.evidence import ProvenanceOptions, default_date_weight
from narratrace.provenance.types import Evidence

# A credit this strong decides a pair for calibration: one side names the other's outlet.
CREDIT_DECIDES = 1.5
# Evidence that is learned from the corpus and so may not outvote a clear date on its own.
LEARNED_KINDS = frozenset({"text_shape", "containment", "outlet_prior", "story_role"})


def learn_date_reliability(
    evidence_by_pair: Mapping[tuple[str, str], Sequence[Evidence]], options: ProvenanceOptions
) -> list[float] | None:
    """Log-odds per ``date_gap_bins`` bin that the earlier article is the source; None when too few pairs.

    Counted over pairs with a date gap (not suspect) and a credit of weight >= ``CREDIT_DECIDES``.
    """
    edges = options.date_gap_bins
    agree = [0.0] * len(edges)
    disagree = [0.0] * len(edges)
    counted = 0
    for (a, _b), evidence in evidence_by_pair.items():
        date = next((e for e in evidence if e.kind == "date" and e.favours is not None), None)
        if date is None or "suspect" in date.data:
            continue
        credit_total = sum(
            (e.weight if e.favours == a else -e.weight) for e in evidence if e.kind == "credit" and e.favours
        )
        if abs(credit_total) < CREDIT_DECIDES:
            continue
        credited_source_is_a = credit_total > 0
        index = int(date.data.get("gap_bin", 0))  # type: ignore[call-overload]
        if (date.favours == a) == credited_source_is_a:
            agree[index] += 1
        else:
            disagree[index] += 1
        counted += 1
    if counted < options.date_calibration_min_pairs:
        return None
    out = []
    for index, edge in enumerate(edges):
        upper = edges[index + 1] if index + 1 < len(edges) else 2 * edge
        prior = 1 / (1 + math.exp(-default_date_weight((edge + upper) / 2 or 0.5, options)))
        strength = options.date_prior_strength
        out.append(math.log((agree[index] + strength * prior) / (disagree[index] + strength * (1 - prior))))
    return out


def keep_clear_dates(evidence: list[Evidence], options: ProvenanceOptions) -> list[Evidence]:
    """Scale learned evidence that opposes a clear date without a credit down below the date's weight.

    Text shape and priors are learned from other pairs; a clear date is this pair's own record.
    When they disagree the verdict stays with the date, at low confidence, and the evidence says so.
    """
    date = next((e for e in evidence if e.kind == "date" and e.favours is not None), None)
    if date is None or date.weight < options.clear_date_weight:
        return evidence
    if any(e.kind == "credit" and e.favours is not None and e.weight > 0 for e in evidence):
        return evidence
    opposing = [e for e in evidence if e.kind in LEARNED_KINDS and e.favours not in (None, date.favours)]
    supporting = sum(e.weight for e in evidence if e.kind in LEARNED_KINDS and e.favours == date.favours)
    total = sum(e.weight for e in opposing)
    cap = options.clear_date_margin * date.weight + supporting
    if total <= cap:
        return evidence
    factor = cap / total
    note = f" (scaled to {factor:.0%}: learned evidence does not outvote a clear date without a credit)"
    return [
        Evidence(e.kind, e.favours, e.weight * factor, e.detail + note, e.data) if e in opposing else e
        for e in evidence
    ]
