"""Text shape: where the shared text sits in each article of a pair, read with what a corpus teaches.

Whether the more contained text is the source depends on how a corpus's copiers edit (adding intros
vs dropping paragraphs), so ``direction.learn_shape`` fits these features on pairs that dates and
credits decide, and ``shape_evidence`` reads a pair with the fitted coefficients.
"""

from __future__ import annotations

from collections.abc import Sequence

from narratrace.provenance.evidence import ProvenanceOptions, containment_difference
from narratrace.provenance.facts import ArticleFacts
from narratrace.provenance.types import Evidence
from narratrace.reuse.types import ReusePair


def shape_features(pair: ReusePair, a: ArticleFacts, b: ArticleFacts) -> tuple[float, float, float]:
    """Antisymmetric features of how the shared text sits in a and in b (swap a, b: all negate).

    Containment difference; difference of the share of each text before the first shared passage
    (a new intro, a dropped opening); the same after the last one (an added comment, a cut ending).
    """
    if not pair.passages or a.text_length <= 0 or b.text_length <= 0:
        return (containment_difference(pair), 0.0, 0.0)
    lead_a = min(p.a_start for p in pair.passages) / a.text_length
    lead_b = min(p.b_start for p in pair.passages) / b.text_length
    tail_a = 1 - max(p.a_end for p in pair.passages) / a.text_length
    tail_b = 1 - max(p.b_end for p in pair.passages) / b.text_length
    return (containment_difference(pair), lead_a - lead_b, tail_a - tail_b)


SHAPE_BINS = (0.01, 0.05, 0.15, 0.3)


def shape_vector(features: Sequence[float]) -> list[float]:
    """Each feature as signed one-hot bins of its size: the model may read a small difference
    differently from a large one (a changed headline vs a dropped half), still antisymmetric."""
    vector = []
    for value in features:
        index = sum(abs(value) >= edge for edge in SHAPE_BINS) - 1
        vector += [(1.0 if value > 0 else -1.0) if k == index else 0.0 for k in range(len(SHAPE_BINS))]
    return vector


def shape_evidence(
    pair: ReusePair, a: ArticleFacts, b: ArticleFacts, coefficients: Sequence[float], options: ProvenanceOptions
) -> list[Evidence]:
    """The learned text-shape log-odds for a as the source (see ``direction.learn_shape``)."""
    features = shape_features(pair, a, b)
    vector = shape_vector(features)
    score = options.containment_scale * sum(c * x for c, x in zip(coefficients, vector, strict=True))
    data: dict[str, object] = {
        "containment_a": pair.containment_a,
        "containment_b": pair.containment_b,
        "features": [round(x, 4) for x in features],
        "coefficients": [round(c, 4) for c in coefficients],
    }
    detail = (
        f"text shape: {pair.containment_a:.0%} of {a.id} and {pair.containment_b:.0%} of {b.id} are shared; "
        f"unshared text before/after it differs by {features[1]:+.0%}/{features[2]:+.0%}"
    )
    if abs(score) < 0.05:
        return [Evidence("text_shape", None, 0.0, detail + ": no lean either way in this corpus", data)]
    weight = min(options.containment_cap, abs(score))
    source = a.id if score > 0 else b.id
    return [Evidence("text_shape", source, weight, detail + f"; this corpus's directed pairs favour {source}", data)]
