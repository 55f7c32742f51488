"""Does the closest pair of sentences tell same-story full texts apart better than the lead? (a diagnostic)

    NARRATRACE_SHARED=../shared nice python -m bench.stories_sentences [--sentences 40] [--json OUT.json]

For AllSides' tuning half and PolNeAR's labelled windows (1-2, the tuning windows, and 3, held out), pairs dated
within the story window are scored by the stage's two signals (lead embedding, TF-IDF) and by sentence-level
MiniLM similarity: every sentence of at least 6 words among an article's first ``--sentences`` (of its first
20,000 characters) is embedded, and a pair gets the largest sentence cosine (``max``), the mean of the 3 largest
(``top3``) and the mean over both directions of each article's 5 best-matched sentences (``mutual5``). Average
precision of same-story pairs per signal, and of logistic regressions fitted on both tuning sets' pairs (the
stage's two signals, then each sentence signal added), scored per set.
"""

from __future__ import annotations

import argparse
import itertools
from collections.abc import Sequence
from typing import Any

import numpy as np

from bench.stories_data import save_figures
from bench.stories_polnear import pair_signals
from bench.stories_tune import Corpus, allsides_part, polnear_part
from narratrace.clean.types import CleanArticle
from narratrace.measures import split_sentences
from narratrace.nlp import embed_sentences
from narratrace.stories import StoryIndex

SIGNALS = ("story_score", "embedding", "tfidf", "max", "top3", "mutual5")
TEXT_CHARS, MIN_WORDS = 20_000, 6


def sentence_vectors(articles: Sequence[CleanArticle], most: int) -> list[np.ndarray]:
    """Unit MiniLM embeddings of each article's first ``most`` sentences of ``MIN_WORDS`` words or more."""
    texts, owners = [], []
    for k, article in enumerate(articles):
        text = article.text[:TEXT_CHARS]
        spans = [(s, e) for s, e in split_sentences(text) if len(text[s:e].split()) >= MIN_WORDS][:most]
        texts += [text[s:e] for s, e in spans]
        owners += [k] * len(spans)
    vectors, owner = embed_sentences(texts), np.array(owners)
    return [vectors[owner == k] for k in range(len(articles))]


def sentence_signals(a: np.ndarray, b: np.ndarray) -> tuple[float, float, float]:
    if not len(a) or not len(b):
        return 0.0, 0.0, 0.0
    cosines = a @ b.T
    ranked = np.sort(cosines.ravel())[::-1]
    best_a, best_b = np.sort(cosines.max(1))[::-1][:5], np.sort(cosines.max(0))[::-1][:5]
    return float(ranked[0]), float(ranked[:3].mean()), float(0.5 * (best_a.mean() + best_b.mean()))


def pair_rows(corpus: Corpus, most: int) -> np.ndarray:
    """One row per pair dated within the story window: same story (0/1), then ``SIGNALS``."""
    features = corpus.features_for(StoryIndex().term_chars)
    vectors = sentence_vectors(corpus.articles, most)
    signals, index = pair_signals(features), StoryIndex()
    rows = []
    for (i, a), (j, b) in itertools.combinations(enumerate(features), 2):
        if a.day is None or b.day is None or abs(a.day - b.day) > index.time_window_days:
            continue
        embedding, terms = signals[(a.id, b.id)]
        score = index.embedding_weight * embedding + index.term_weight * terms
        same = corpus.truth[a.id] == corpus.truth[b.id]
        rows.append((same, score, embedding, terms, *sentence_signals(vectors[i], vectors[j])))
    return np.array(rows, dtype=float)


def figures(rows: dict[str, np.ndarray]) -> dict[str, Any]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import average_precision_score

    out: dict[str, Any] = {
        name: {
            "pairs": len(r),
            "same_story": int(r[:, 0].sum()),
            **{
                f"ap_{s}": round(float(average_precision_score(r[:, 0], r[:, 1 + k])), 3) for k, s in enumerate(SIGNALS)
            },
        }
        for name, r in rows.items()
    }
    tune = np.vstack([r for name, r in rows.items() if "tune" in name])
    for extra in ((), (4,), (5,), (6,)):
        columns = [2, 3, *extra]
        model = LogisticRegression(C=10, max_iter=1000).fit(tune[:, columns], tune[:, 0])
        label = "regression_" + "+".join(SIGNALS[c - 1] for c in columns)
        for name, r in rows.items():
            out[name][label] = round(float(average_precision_score(r[:, 0], model.decision_function(r[:, columns]))), 3)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=40, help="sentences embedded per article")
    parser.add_argument("--json", default=None, help="write the figures here too")
    args = parser.parse_args()
    corpora = {
        "AllSides tune half": allsides_part("tune"),
        "PolNeAR windows 1-2 (tune)": polnear_part({"w1", "w2"}),
        "PolNeAR window 3 (held out)": polnear_part({"w3"}),
    }
    save_figures(figures({name: pair_rows(c, args.sentences) for name, c in corpora.items()}), args.json)


if __name__ == "__main__":
    main()
