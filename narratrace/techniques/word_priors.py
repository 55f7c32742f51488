"""Word priors learned from the training articles: how often each word sits inside a propaganda
fragment (any technique, Loaded_Language, Name_Calling) — a data-driven lexicon.

Single loaded words ("notorious", "so-called") are the commonest fragments in the corpus, and a
frozen encoder with a small head misses many of them; these rates tell the head directly. On the
training articles each article's own occurrences are left out ("leave one article out"), otherwise
the head would learn to trust rates that partly encode its own labels.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from narratrace.techniques.features import TextCues
from narratrace.techniques.span import TechniqueSpan

PRIOR_COLUMNS = ("any", "Loaded_Language", "Name_Calling,Labeling")
PRIOR_FEATURE_NAMES = tuple(f"word_prior_{c}" for c in PRIOR_COLUMNS)
SMOOTHING = 5.0  # pseudo-occurrences at the corpus-wide rate
MIN_COUNT = 2  # words seen once are not kept (saves space, and one sighting says little)


def _article_counts(cues: TextCues, spans: Sequence[TechniqueSpan]) -> tuple[Counter[str], list[Counter[str]]]:
    """Occurrences of each word, and occurrences inside spans of each prior column."""
    inside = np.zeros((len(cues.words), len(PRIOR_COLUMNS)), dtype=bool)
    for span in spans:
        word_ids = np.unique(cues.char_word[max(0, span.start) : span.end])
        word_ids = word_ids[word_ids >= 0]
        inside[word_ids, 0] = True
        for column, technique in enumerate(PRIOR_COLUMNS[1:], 1):
            if span.technique == technique:
                inside[word_ids, column] = True
    totals = Counter(cues.words)
    per_column = [Counter(w for w, hit in zip(cues.words, inside[:, c], strict=True) if hit) for c in range(3)]
    return totals, per_column


class WordPriors:
    """Smoothed per-word rates of being inside a fragment, for ``PRIOR_COLUMNS``."""

    def fit(self, cues: Sequence[TextCues], spans: Sequence[Sequence[TechniqueSpan]]) -> WordPriors:
        self._per_article = [_article_counts(c, s) for c, s in zip(cues, spans, strict=True)]
        totals: Counter[str] = Counter()
        inside: list[Counter[str]] = [Counter() for _ in PRIOR_COLUMNS]
        for article_totals, article_inside in self._per_article:
            totals.update(article_totals)
            for column, counter in enumerate(article_inside):
                inside[column].update(counter)
        n_words = max(1, sum(totals.values()))
        self.base_rates_ = np.array([sum(c.values()) / n_words for c in inside])
        self.counts_ = {
            w: [n, *(inside[c][w] for c in range(len(PRIOR_COLUMNS)))] for w, n in totals.items() if n >= MIN_COUNT
        }
        self._table: tuple[dict[str, int], np.ndarray] | None = None
        return self

    def features(self, cues: TextCues, leave_out: int | None = None) -> np.ndarray:
        """(n_words, 3) smoothed rates; ``leave_out`` = index of a training article to exclude."""
        rates = np.tile(self.base_rates_, (len(cues.words), 1)).astype(np.float32)
        if leave_out is None:  # prediction: a table look-up per word
            words, table = self._rate_table()
            rows = np.array([words.get(w, -1) for w in cues.words], dtype=np.int64)
            known = rows >= 0
            rates[known] = table[rows[known]]
            return rates
        own_totals, own_inside = self._per_article[leave_out]
        for i, word in enumerate(cues.words):
            counts = self.counts_.get(word)
            if counts is None:
                continue
            total = counts[0] - own_totals.get(word, 0)
            hits = [counts[1 + c] - (own_inside[c].get(word, 0) if own_inside else 0) for c in range(3)]
            rates[i] = (np.array(hits) + SMOOTHING * self.base_rates_) / (total + SMOOTHING)
        return rates

    def _rate_table(self) -> tuple[dict[str, int], np.ndarray]:
        """Row of each kept word and its smoothed rates, computed once per fitted or loaded model."""
        cached = getattr(self, "_table", None)
        if cached is None:
            words = {w: row for row, w in enumerate(self.counts_)}
            counts = np.array(list(self.counts_.values()), dtype=np.float64).reshape(-1, 1 + len(PRIOR_COLUMNS))
            cached = (words, (counts[:, 1:] + SMOOTHING * self.base_rates_) / (counts[:, :1] + SMOOTHING))
            self._table = cached
        return cached

    def token_features(self, cues: TextCues, offsets: np.ndarray, leave_out: int | None = None) -> np.ndarray:
        """(n_tokens, 3): each word-piece takes its word's rates; non-words the corpus-wide rates."""
        word_rates = self.features(cues, leave_out)
        result = np.tile(self.base_rates_, (len(offsets), 1)).astype(np.float32)
        if len(offsets) and len(cues.char_word):
            starts = np.clip(offsets[:, 0], 0, len(cues.char_word) - 1)
            word_index = cues.char_word[starts]
            result[word_index >= 0] = word_rates[word_index[word_index >= 0]]
        return result

    def forget_training_articles(self) -> None:
        """Drop per-article counts (only needed during fit)."""
        self._per_article = []

    def save(self, path: Path) -> None:
        path.write_text(
            json.dumps({"base_rates": self.base_rates_.tolist(), "counts": self.counts_}, ensure_ascii=False),
            encoding="utf-8",
        )

    @classmethod
    def load(cls, path: Path) -> WordPriors:
        data = json.loads(path.read_text(encoding="utf-8"))
        priors = cls()
        priors.base_rates_ = np.array(data["base_rates"], dtype=np.float64)
        priors.counts_ = {w: list(c) for w, c in data["counts"].items()}
        priors._per_article = []
        priors._table = None
        return priors
