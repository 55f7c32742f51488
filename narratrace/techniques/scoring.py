"""The SemEval-2020 Task 11 measures: SI (span overlap with partial credit), TC (micro-F1) and the joint
"FLC" score of Da San Martino et al. (2019).

With S the predicted and T the gold spans (each a set of character positions) of all articles:
    P = (1/|S|) * sum_{s,t} |s ∩ t| / |s|      R = (1/|T|) * sum_{s,t} |s ∩ t| / |t|
summed over pairs in the same article; overlapping spans are merged first (within one technique for the
joint score, where a pair also counts only when the techniques match).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from narratrace.techniques.span import TechniqueSpan

SpansByArticle = Mapping[str, Sequence[TechniqueSpan]]


@dataclass(frozen=True)
class SpanScore:
    """Precision/recall/F1 with partial credit (SI or joint)."""

    precision: float
    recall: float
    f1: float
    n_predicted: int
    n_gold: int


@dataclass(frozen=True)
class ClassificationScore:
    """TC result: micro-averaged P/R/F1 over rows and F1 per technique."""

    micro_f1: float
    precision: float
    recall: float
    per_technique_f1: dict[str, float]
    n_gold: int


def merge_intervals(intervals: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Union of half-open intervals; empty ones are dropped, touching ones ``[a,b)+[b,c)`` stay apart."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(i for i in intervals if i[1] > i[0]):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0


def _overlap_sums(predicted: list[tuple[int, int]], gold: list[tuple[int, int]]) -> tuple[float, float]:
    """(sum |s∩t|/|s|, sum |s∩t|/|t|) over all pairs; both lists merged and sorted."""
    precision_sum = recall_sum = 0.0
    for p_start, p_end in predicted:
        for g_start, g_end in gold:
            overlap = min(p_end, g_end) - max(p_start, g_start)
            if overlap > 0:
                precision_sum += overlap / (p_end - p_start)
                recall_sum += overlap / (g_end - g_start)
    return precision_sum, recall_sum


def _span_score(groups: list[tuple[list[tuple[int, int]], list[tuple[int, int]]]]) -> SpanScore:
    n_predicted = sum(len(p) for p, _ in groups)
    n_gold = sum(len(g) for _, g in groups)
    precision_sum = recall_sum = 0.0
    for predicted, gold in groups:
        p_sum, r_sum = _overlap_sums(predicted, gold)
        precision_sum += p_sum
        recall_sum += r_sum
    precision = precision_sum / n_predicted if n_predicted else 0.0
    recall = recall_sum / n_gold if n_gold else 0.0
    return SpanScore(precision, recall, _f1(precision, recall), n_predicted, n_gold)


def score_si(predicted: SpansByArticle, gold: SpansByArticle) -> SpanScore:
    """Span identification: techniques ignored, overlapping spans merged on both sides."""
    groups = []
    for article_id in set(predicted) | set(gold):
        groups.append(
            (
                merge_intervals((s.start, s.end) for s in predicted.get(article_id, ())),
                merge_intervals((s.start, s.end) for s in gold.get(article_id, ())),
            )
        )
    return _span_score(groups)


def score_joint(predicted: SpansByArticle, gold: SpansByArticle) -> SpanScore:
    """Find-and-label (FLC): as SI, but merging and matching only within one technique."""
    groups = []
    for article_id in set(predicted) | set(gold):
        by_technique: dict[str, tuple[list[tuple[int, int]], list[tuple[int, int]]]] = defaultdict(lambda: ([], []))
        for span in predicted.get(article_id, ()):
            by_technique[span.technique][0].append((span.start, span.end))
        for span in gold.get(article_id, ()):
            by_technique[span.technique][1].append((span.start, span.end))
        for predicted_spans, gold_spans in by_technique.values():
            groups.append((merge_intervals(predicted_spans), merge_intervals(gold_spans)))
    return _span_score(groups)


def score_tc(predicted: SpansByArticle, gold: SpansByArticle) -> ClassificationScore:
    """Technique classification on given spans: rows on the same span are matched to agree most often."""
    correct: Counter[str] = Counter()
    predicted_counts: Counter[str] = Counter()
    gold_counts: Counter[str] = Counter()
    for article_id in set(predicted) | set(gold):
        predicted_rows: dict[tuple[int, int], Counter[str]] = defaultdict(Counter)
        gold_rows: dict[tuple[int, int], Counter[str]] = defaultdict(Counter)
        for span in predicted.get(article_id, ()):
            predicted_rows[(span.start, span.end)][span.technique] += 1
            predicted_counts[span.technique] += 1
        for span in gold.get(article_id, ()):
            gold_rows[(span.start, span.end)][span.technique] += 1
            gold_counts[span.technique] += 1
        for key, labels in gold_rows.items():
            # Multiset intersection = the best one-to-one matching of rows sharing this span.
            correct.update(labels & predicted_rows.get(key, Counter()))
    n_correct = sum(correct.values())
    n_predicted = sum(predicted_counts.values())
    n_gold = sum(gold_counts.values())
    precision = n_correct / n_predicted if n_predicted else 0.0
    recall = n_correct / n_gold if n_gold else 0.0
    per_technique = {
        technique: _f1(
            correct[technique] / predicted_counts[technique] if predicted_counts[technique] else 0.0,
            correct[technique] / gold_counts[technique] if gold_counts[technique] else 0.0,
        )
        for technique in sorted(set(gold_counts) | set(predicted_counts))
    }
    return ClassificationScore(_f1(precision, recall), precision, recall, per_technique, n_gold)
