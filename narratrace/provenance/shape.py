"""Text shape: how much of each article of a pair lies outside the shared text, and where.

Copiers edit in two common ways: they cut (an excerpt, paragraphs dropped, the end left off) and
they add an introduction of their own before the text they take. So before a corpus says
otherwise, the article with more unshared text *after* the start of the shared text is the
likelier source, and the one with the longer unshared lead the likelier copy (``SHAPE_PRIOR``).
On the hand-labelled real-news pairs (bench/data/reuse_pairs) both held in most labelled copies;
the former belief, "copies add text, so the more contained text is the source", was wrong there in
9 of 12. A corpus's own habits (more outros, fewer cuts) are then learned: ``learn_shape`` fits a
logistic model on the pairs dates and credits decide and shrinks it towards the prior.
"""

from __future__ import annotations

from collections.abc import Sequence

from narratrace.provenance.evidence import ProvenanceOptions
from narratrace.provenance.facts import ArticleFacts
from narratrace.provenance.types import Evidence
from narratrace.reuse.types import ReusePair

SHAPE_BINS = (0.01, 0.05, 0.15, 0.3)
# Log-odds for "a is the source" per signed bin of each feature (see shape_features): more unshared
# text after the lead -> source; a longer unshared lead -> copy; where the text ends says nothing yet.
SHAPE_PRIOR = (0.05, 0.2, 0.35, 0.8, -0.1, -0.4, -0.8, -1.2, 0.0, 0.0, 0.0, 0.0)


def shape_features(pair: ReusePair, a: ArticleFacts, b: ArticleFacts) -> tuple[float, float, float]:
    """Antisymmetric features of how the shared text sits in a and in b (swap a, b: all negate).

    Share of each text that is unshared but not before the first shared passage (dropped
    paragraphs, a cut ending, inserted text), a minus b; the same for the share before the first
    shared passage (a new intro, a dropped opening); the same for the share after the last one.
    """
    if not pair.passages or a.text_length <= 0 or b.text_length <= 0:
        return (pair.containment_b - pair.containment_a, 0.0, 0.0)
    lead_a = min(p.a_start for p in pair.passages) / a.text_length
    lead_b = min(p.b_start for p in pair.passages) / b.text_length
    tail_a = 1 - max(p.a_end for p in pair.passages) / a.text_length
    tail_b = 1 - max(p.b_end for p in pair.passages) / b.text_length
    rest_a = max(0.0, 1 - pair.containment_a - lead_a)
    rest_b = max(0.0, 1 - pair.containment_b - lead_b)
    return (rest_a - rest_b, lead_a - lead_b, tail_a - tail_b)


def shape_vector(features: Sequence[float]) -> list[float]:
    """Each feature as signed one-hot bins of its size: the model may read a small difference
    differently from a large one (a changed headline vs a dropped half), still antisymmetric."""
    vector = []
    for value in features:
        index = sum(abs(value) >= edge for edge in SHAPE_BINS) - 1
        vector += [(1.0 if value > 0 else -1.0) if k == index else 0.0 for k in range(len(SHAPE_BINS))]
    return vector


def learn_shape(
    decided: Sequence[tuple[ReusePair, bool]], facts: dict[str, ArticleFacts], options: ProvenanceOptions
) -> list[float]:
    """Coefficients of "a is the source" on ``shape_vector``: the prior, refined by this corpus.

    ``decided`` holds pairs that dates and credits alone decide, with whether a is the source. Each
    also enters swapped, so the fit is antisymmetric (no intercept: "a" is not favoured for being
    first). The fit weighs n / (n + ``shape_prior_pairs``) against ``SHAPE_PRIOR``, and nothing below
    ``shape_min_pairs`` pairs.
    """
    if len(decided) < options.shape_min_pairs:
        return list(SHAPE_PRIOR)
    from sklearn.linear_model import LogisticRegression

    rows: list[list[float]] = []
    labels: list[int] = []
    for pair, a_is_source in decided:
        vector = shape_vector(shape_features(pair, facts[pair.a], facts[pair.b]))
        rows += [vector, [-x for x in vector]]
        labels += [int(a_is_source), int(not a_is_source)]
    model = LogisticRegression(C=options.shape_regularisation, fit_intercept=False)
    model.fit(rows, labels)
    fit_weight = len(decided) / (len(decided) + options.shape_prior_pairs)
    return [fit_weight * float(c) + (1 - fit_weight) * p for c, p in zip(model.coef_[0], SHAPE_PRIOR, strict=True)]


def shape_evidence(
    pair: ReusePair, a: ArticleFacts, b: ArticleFacts, coefficients: Sequence[float], options: ProvenanceOptions
) -> list[Evidence]:
    """The text-shape log-odds for a as the source, read with ``coefficients`` (see ``learn_shape``)."""
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
        f"unshared text past the lead / before / after the shared text differs by "
        f"{features[0]:+.0%}/{features[1]:+.0%}/{features[2]:+.0%}"
    )
    if abs(score) < 0.05:
        return [Evidence("text_shape", None, 0.0, detail + ": no lean either way", data)]
    weight = min(options.containment_cap, abs(score))
    source = a.id if score > 0 else b.id
    return [
        Evidence(
            "text_shape", source, weight, detail + f"; copies cut and add intros, so {source} reads as the source", data
        )
    ]
