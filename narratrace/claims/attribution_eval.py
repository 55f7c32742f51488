"""Span-level scores of predicted attributions against gold, by part and for whole attributions.

Three match definitions:

* ``exact``: same start and end character offsets;
* ``overlap``: the two spans share word tokens and their word-level Jaccard (shared words / words in
  either; words are maximal runs of non-space characters) is at least 0.5;
* ``any``: the two spans share at least one word (lenient; reported beside the others, never alone).

Predictions and gold spans are paired one-to-one, greedily by best Jaccard, then precision = matched
predictions / predictions, recall = matched gold / gold. A whole attribution matches when its source,
cue and content each match (a missing source matches a missing source).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from narratrace.claims.attribution_data import PARTS, AnnotatedArticle
from narratrace.claims.attribution_decode import LinkedAttribution

Span = tuple[int, int]
MIN_JACCARD = 0.5
MODES = ("exact", "overlap", "any")


class WordIndex:
    """Which words of a text a character span covers."""

    def __init__(self, text: str) -> None:
        words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
        self.starts = np.asarray([s for s, _ in words], dtype=np.int64)
        self.ends = np.asarray([e for _, e in words], dtype=np.int64)

    def words(self, span: Span) -> set[int]:
        return set(np.flatnonzero((self.starts < span[1]) & (self.ends > span[0])).tolist())


def span_match(a: Span | None, b: Span | None, mode: str, index: WordIndex) -> float:
    """Match strength in [0, 1], 0 for none: exact 1 or 0; overlap the Jaccard when >= 0.5; any the Jaccard."""
    if a is None or b is None:
        return 1.0 if a is None and b is None else 0.0
    if mode == "exact":
        return 1.0 if a == b else 0.0
    words_a, words_b = index.words(a), index.words(b)
    union = words_a | words_b
    jaccard = len(words_a & words_b) / len(union) if union else 0.0
    if mode == "any":
        return jaccard
    return jaccard if jaccard >= MIN_JACCARD else 0.0


def _pair(predicted: Sequence[object], gold: Sequence[object], strength: np.ndarray) -> int:
    """Greedy one-to-one pairing by strength; the number of pairs."""
    del predicted, gold
    matched = 0
    strength = strength.copy()
    while strength.size and strength.max() > 0:
        i, j = np.unravel_index(int(strength.argmax()), strength.shape)
        strength[i, :] = 0
        strength[:, j] = 0
        matched += 1
    return matched


def _prf(matched_pred: int, n_pred: int, matched_gold: int, n_gold: int) -> dict[str, float]:
    precision = matched_pred / n_pred if n_pred else 0.0
    recall = matched_gold / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "gold": n_gold,
        "predicted": n_pred,
    }


def score_attributions(
    articles: Sequence[AnnotatedArticle], predictions: Sequence[Sequence[LinkedAttribution]]
) -> dict[str, dict[str, dict[str, float]]]:
    """``{mode: {Source|Cue|Content|Attribution: {precision, recall, f1, gold, predicted}}}``."""
    results: dict[str, dict[str, dict[str, float]]] = {}
    for mode in MODES:
        counts = {name: [0, 0, 0] for name in (*PARTS, "Attribution")}  # matched, predicted, gold
        for article, predicted in zip(articles, predictions, strict=True):
            index = WordIndex(article.text)
            for part in PARTS:
                gold_spans = article.spans(part)
                pred_spans = sorted({s for p in predicted if (s := getattr(p, part.lower())) is not None})
                strength = np.asarray(
                    [[span_match(p, g, mode, index) for g in gold_spans] for p in pred_spans], dtype=float
                ).reshape(len(pred_spans), len(gold_spans))
                counts[part][0] += _pair(pred_spans, gold_spans, strength)
                counts[part][1] += len(pred_spans)
                counts[part][2] += len(gold_spans)
            strength = np.asarray(
                [
                    [
                        min(span_match(getattr(p, part.lower()), g.part(part), mode, index) for part in PARTS)
                        for g in article.attributions
                    ]
                    for p in predicted
                ],
                dtype=float,
            ).reshape(len(predicted), len(article.attributions))
            counts["Attribution"][0] += _pair(predicted, article.attributions, strength)
            counts["Attribution"][1] += len(predicted)
            counts["Attribution"][2] += len(article.attributions)
        results[mode] = {name: _prf(m, p, m, g) for name, (m, p, g) in counts.items()}
    return results
