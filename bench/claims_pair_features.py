"""Which pair features beyond the cosine tell two statements state one claim? A logistic regression per feature
set, fitted on the ``tune`` pairs of bench/data/claim_path_pairs and ranked on every other split.

Pair by pair, as ``claims_path``'s first table (each labelled pair on its own, not in the stage's linkage). A
learned pair score would replace the hand-set sum of the cosine, the shared-words bonus and the penalties; this
says whether any feature ranks held-out pairs better than that sum, before building one into the stage.
Features: MiniLM cosine; the Jaccard overlap of content words (the shared-words bonus's); both sides attributed
contents; one side prospective and the other not (``differences.is_prospective``); numbers on both sides, none
shared (``differences.numbers``); log days between the articles; log words of the shorter side.

    NARRATRACE_SHARED=../shared nice python -m bench.claims_pair_features
"""

from __future__ import annotations

from datetime import date

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, roc_auc_score

from bench.claim_path_sample import SHARED, path_published
from bench.claims_path import DRAWS, PARTS, load_pairs
from narratrace.claims.differences import is_prospective, numbers
from narratrace.nlp import embed_sentences

FEATURE_SETS = (
    ("cosine",),
    ("cosine", "shared words"),
    ("cosine", "shared words", "both contents"),
    ("cosine", "shared words", "both contents", "tense"),
    ("cosine", "shared words", "numbers differ"),
    ("cosine", "shared words", "days apart"),
    ("cosine", "shorter side's words"),
    ("cosine", "shared words", "both contents", "tense", "numbers differ", "days apart", "shorter side's words"),
)


def _days_apart(first: str | None, second: str | None) -> float:
    if not first or not second:
        return 0.0  # undated: no gap known
    return float(np.log1p(abs((date.fromisoformat(first[:10]) - date.fromisoformat(second[:10])).days)))


def pair_features(pairs: list[dict[str, object]]) -> dict[str, np.ndarray]:
    """Each feature, one value per labelled pair."""
    published: dict[str, str] = {}
    for draw in DRAWS:
        published.update(path_published(draw))
    texts = sorted({str(p[f"{side}_text"]) for p in pairs for side in "ab"})
    row = {text: n for n, text in enumerate(texts)}
    vectors = embed_sentences(texts)
    words = CountVectorizer(stop_words="english", token_pattern=r"(?u)\b[^\W_]{2,}\b", binary=True).fit_transform(texts)
    word_sets = [set(words[n].indices.tolist()) for n in range(len(texts))]
    ahead = [is_prospective(text) for text in texts]
    given = [numbers(text) for text in texts]
    columns: dict[str, list[float]] = {}
    for pair in pairs:
        a, b = row[str(pair["a_text"])], row[str(pair["b_text"])]
        refs = [pair[side] for side in "ab"]
        dates = [published.get(f"{ref['dataset']}:{ref['doc']}") for ref in refs]  # type: ignore[index]
        union = word_sets[a] | word_sets[b]
        values = {
            "cosine": float(vectors[a] @ vectors[b]),
            "shared words": len(word_sets[a] & word_sets[b]) / len(union) if union else 0.0,
            "both contents": float(all(ref["kind"] == "content" for ref in refs)),  # type: ignore[index]
            "tense": float(ahead[a] != ahead[b]),
            "numbers differ": float(bool(given[a] and given[b] and not given[a] & given[b])),
            "days apart": _days_apart(*dates),
            "shorter side's words": float(np.log(min(len(texts[a].split()), len(texts[b].split())))),
        }
        for name, value in values.items():
            columns.setdefault(name, []).append(value)
    return {name: np.array(values) for name, values in columns.items()}


def _ranking(gold: np.ndarray, score: np.ndarray, chosen: np.ndarray) -> str:
    area, precision = roc_auc_score(gold[chosen], score[chosen]), average_precision_score(gold[chosen], score[chosen])
    return f"{area:.3f} / {precision:.3f}"


def main() -> None:
    if not SHARED.exists():
        raise SystemExit(f"shared data not found at {SHARED} (set NARRATRACE_SHARED)")
    pairs = load_pairs()
    features = pair_features(pairs)
    gold = np.array([bool(p["same_claim"]) for p in pairs])
    split = np.array([str(p["split"]) for p in pairs])
    tune, held_out = split == "tune", split != "tune"
    shipped = features["cosine"] + 0.15 * features["shared words"] - 0.1 * features["both contents"]
    shipped = shipped - 0.075 * features["tense"]
    print(f"{len(pairs)} pairs, {int(gold.sum())} same claim; AUC / average precision per split")
    print(f"| score | held out | {' | '.join(PARTS)} | weights (tune) |")
    print("|---|---|" + "---|" * len(PARTS) + "---|")

    def row(name: str, score: np.ndarray, weights: str) -> None:
        parts = " | ".join(_ranking(gold, score, split == part) for part in PARTS)
        print(f"| {name} | {_ranking(gold, score, held_out)} | {parts} | {weights} |")

    row("the shipped sum (cosine + 0.15 words - 0.1 both contents - 0.075 tense)", shipped, "hand-set")
    for names in FEATURE_SETS:
        matrix = np.column_stack([features[name] for name in names])
        model = LogisticRegression(max_iter=1000).fit(matrix[tune], gold[tune])
        weights = ", ".join(f"{name} {w:+.2f}" for name, w in zip(names, model.coef_[0], strict=True))
        row("logistic: " + ", ".join(names), model.decision_function(matrix), weights)


if __name__ == "__main__":
    main()
