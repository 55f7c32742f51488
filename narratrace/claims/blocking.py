"""Candidate statement pairs for claim matching, without comparing every statement with every other.

TF-IDF vectors over content words (stop words and corpus-common words dropped, so the vectors stay sparse);
the sparse product of a chunk of rows with all rows touches only statements sharing a rare-enough word, and
each statement keeps its ``top_k`` most similar statements from other articles. Only those pairs are
parsed, embedded and scored.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

_CHUNK_ROWS = 256
# A word in more statements than this share (or this count, in small corpora) is too common to block on.
_MAX_DOC_SHARE = 0.02
_MAX_DOC_COUNT_FLOOR = 50


def candidate_pairs(
    texts: Sequence[str], groups: Sequence[int], min_similarity: float = 0.2, top_k: int = 10
) -> list[tuple[int, int, float]]:
    """``(i, j, tfidf_cosine)`` with ``i < j``, ``groups[i] != groups[j]`` (different articles), for each
    statement's ``top_k`` nearest statements at or above ``min_similarity``."""
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
    transposed = matrix.T.tocsc()
    group_of = np.asarray(groups)
    best: dict[tuple[int, int], float] = {}
    for begin in range(0, n, _CHUNK_ROWS):
        block = (matrix[begin : begin + _CHUNK_ROWS] @ transposed).tocsr()
        for offset in range(block.shape[0]):
            row = begin + offset
            lo, hi = block.indptr[offset], block.indptr[offset + 1]
            columns, values = block.indices[lo:hi], block.data[lo:hi]
            keep = (values >= min_similarity) & (group_of[columns] != group_of[row])
            columns, values = columns[keep], values[keep]
            if len(columns) > top_k:
                top = np.argpartition(-values, top_k)[:top_k]
                columns, values = columns[top], values[top]
            for column, value in zip(columns.tolist(), values.tolist(), strict=True):
                key = (row, column) if row < column else (column, row)
                best[key] = max(best.get(key, 0.0), value)
    return [(i, j, score) for (i, j), score in sorted(best.items())]
