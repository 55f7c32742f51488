"""Candidate statement pairs for claim matching, without comparing every statement with every other.

TF-IDF vectors over content words (stop words and corpus-common words dropped, so the vectors stay sparse);
the sparse product of a chunk of rows with all rows touches only statements sharing a rare-enough word, and
each statement keeps its ``top_k`` most similar statements from other articles. Only those pairs are
embedded and scored, so the blocking threshold sets most of the stage's cost (see docs/results/claims.md).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

_CHUNK_ROWS = 1024
# A word in more statements than this share (or this count, in small corpora) is too common to block on.
_MAX_DOC_SHARE = 0.02
_MAX_DOC_COUNT_FLOOR = 50


def _top_k_per_row(rows: np.ndarray, values: np.ndarray, top_k: int) -> np.ndarray:
    """Positions of each row's ``top_k`` largest values (rows need not be sorted)."""
    order = np.lexsort((-values, rows))
    sorted_rows = rows[order]
    starts = np.flatnonzero(np.r_[True, sorted_rows[1:] != sorted_rows[:-1]])
    run_start = np.repeat(starts, np.diff(np.r_[starts, len(sorted_rows)]))
    rank = np.arange(len(sorted_rows)) - run_start
    return np.asarray(order[rank < top_k])


def candidate_pairs(
    texts: Sequence[str], groups: Sequence[int], min_similarity: float = 0.2, top_k: int = 10
) -> list[tuple[int, int, float]]:
    """``(i, j, tfidf_cosine)`` with ``i < j``, ``groups[i] != groups[j]`` (different articles), for each
    statement's ``top_k`` nearest statements at or above ``min_similarity``, sorted by ``(i, j)``."""
    n = len(texts)
    if n < 2 or len(set(groups)) < 2:
        return []
    max_df = max(_MAX_DOC_SHARE, min(1.0, _MAX_DOC_COUNT_FLOOR / n))
    vectorizer = TfidfVectorizer(
        stop_words="english", sublinear_tf=True, max_df=max_df, token_pattern=r"(?u)\b[^\W_]{2,}\b", dtype=np.float32
    )
    try:
        matrix = vectorizer.fit_transform(texts).tocsr()
    except ValueError:  # every word a stop word or too common: nothing to block on
        return []
    # CSR once: a CSR chunk times a CSC matrix converts the CSC to CSR inside every product (7% of the step).
    transposed = matrix.T.tocsr()
    group_of = np.asarray(groups)
    firsts, seconds, scores = [], [], []
    for begin in range(0, n, _CHUNK_ROWS):
        block = matrix[begin : begin + _CHUNK_ROWS] @ transposed
        # The threshold first, on the product's values alone: most of its entries are pairs sharing a word or
        # two, and finding rows and groups for every entry cost more than the product (docs/results/claims.md).
        kept = np.flatnonzero(block.data >= min_similarity)
        rows = np.searchsorted(block.indptr, kept, side="right") - 1 + begin
        columns, values = block.indices[kept], block.data[kept]
        other_article = group_of[columns] != group_of[rows]
        rows, columns, values = rows[other_article], columns[other_article], values[other_article]
        top = _top_k_per_row(rows, values, top_k)
        firsts.append(np.minimum(rows[top], columns[top]))
        seconds.append(np.maximum(rows[top], columns[top]))
        scores.append(values[top])
    first, second, score = np.concatenate(firsts), np.concatenate(seconds), np.concatenate(scores)
    if not len(first):
        return []
    # A pair kept from both ends appears twice (with the same cosine): keep one, ordered by (i, j).
    order = np.lexsort((second, first))
    first, second, score = first[order], second[order], score[order]
    unique = np.r_[True, (first[1:] != first[:-1]) | (second[1:] != second[:-1])]
    return list(zip(first[unique].tolist(), second[unique].tolist(), score[unique].tolist(), strict=True))
