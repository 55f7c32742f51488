"""How well predicted stories match reference stories: pairwise P/R/F1, BCubed and the adjusted Rand index.

Pairwise scores count same-story article pairs (as Miranda et al., EMNLP 2018, report for multilingual news
stream clustering); BCubed (Bagga and Baldwin 1998) averages per-article precision and recall, so a large
wrong cluster costs in proportion to the articles it misplaces, not to the square of its size.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class ClusteringScores:
    pairwise_precision: float
    pairwise_recall: float
    pairwise_f1: float
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    adjusted_rand: float
    articles: int
    predicted_clusters: int
    reference_clusters: int

    def to_record(self) -> dict[str, float | int]:
        return {k: round(v, 4) if isinstance(v, float) else v for k, v in self.__dict__.items()}


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _pairs(sizes: Iterable[int]) -> int:
    return sum(n * (n - 1) // 2 for n in sizes)


def score_clustering(predicted: Mapping[str, str], reference: Mapping[str, str]) -> ClusteringScores:
    """Scores over the articles in ``reference`` (an article missing from ``predicted`` counts as a singleton)."""
    from sklearn.metrics import adjusted_rand_score

    ids = sorted(reference)
    if not ids:
        return ClusteringScores(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0, 0, 0)
    guess = {i: predicted.get(i, f"\0missing:{i}") for i in ids}
    truth = {i: reference[i] for i in ids}
    both = Counter((guess[i], truth[i]) for i in ids)
    guess_sizes, truth_sizes = Counter(guess.values()), Counter(truth.values())
    shared, guessed, true = _pairs(both.values()), _pairs(guess_sizes.values()), _pairs(truth_sizes.values())
    precision = shared / guessed if guessed else 1.0
    recall = shared / true if true else 1.0
    # BCubed: for each article, the share of its predicted cluster that is truly with it, and vice versa.
    b_precision = sum(both[(guess[i], truth[i])] / guess_sizes[guess[i]] for i in ids) / len(ids)
    b_recall = sum(both[(guess[i], truth[i])] / truth_sizes[truth[i]] for i in ids) / len(ids)
    return ClusteringScores(
        pairwise_precision=precision,
        pairwise_recall=recall,
        pairwise_f1=_f1(precision, recall),
        bcubed_precision=b_precision,
        bcubed_recall=b_recall,
        bcubed_f1=_f1(b_precision, b_recall),
        adjusted_rand=float(adjusted_rand_score([truth[i] for i in ids], [guess[i] for i in ids])),
        articles=len(ids),
        predicted_clusters=len(guess_sizes),
        reference_clusters=len(truth_sizes),
    )
