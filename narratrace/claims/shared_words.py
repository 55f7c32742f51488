"""A bonus for the content words two statements share: MiniLM reads topic, words read the proposition.

Statements of one story sit close in MiniLM's space whatever they assert ("cases fell 34% in two weeks" and
"deaths passed 600,000" share a subject and a tone), so the cosine alone joins neighbouring claims of a story into
one large claim. The words both statements use (stop words aside) say more about *what* is asserted. The bonus is
``weight`` times the Jaccard overlap of the two statements' content-word sets, added to the cosine like the
penalties of ``differences`` (docs/results/claims.md, "Shared words").
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer

from narratrace.claims.linkage import PairAdjustment

# The blocking's words (``blocking.candidate_pairs``): two or more letters or digits, English stop words out.
_WORD_PATTERN = r"(?u)\b[^\W_]{2,}\b"
_CHUNK_PAIRS = 65_536  # pairs gathered at a time: two sparse row blocks of a few MB


def shared_words_adjustment(texts: Sequence[str], weight: float, idf: bool = False) -> PairAdjustment | None:
    """``weight`` x the Jaccard overlap of the content words of two statements, by embedded row (``texts``);
    None when the weight is 0 or no text has a content word. ``idf``: each word counts by its inverse document
    frequency among ``texts`` (a shared rare word more than a shared "Trump")."""
    if not weight or not texts:
        return None
    vectorizer = CountVectorizer(stop_words="english", token_pattern=_WORD_PATTERN, binary=True, dtype=np.float32)
    try:
        words = vectorizer.fit_transform(texts).tocsr()
    except ValueError:  # only stop words everywhere
        return None
    weighted = words
    if idf:
        counts = np.bincount(words.indices, minlength=words.shape[1]).astype(np.float32)
        weighted = words.multiply(np.log((1 + len(texts)) / (1 + counts)) + 1).astype(np.float32).tocsr()
    sizes = np.asarray(weighted.sum(axis=1), dtype=np.float32).ravel()
    scale = np.float32(weight)

    def adjust(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        out = np.zeros(len(a), dtype=np.float32)
        for start in range(0, len(a), _CHUNK_PAIRS):
            rows_a, rows_b = a[start : start + _CHUNK_PAIRS], b[start : start + _CHUNK_PAIRS]
            shared = np.asarray(words[rows_a].multiply(weighted[rows_b]).sum(axis=1), dtype=np.float32).ravel()
            union = sizes[rows_a] + sizes[rows_b] - shared
            out[start : start + len(rows_a)] = scale * np.divide(
                shared, union, out=np.zeros_like(shared), where=union > 0
            )
        return out

    return adjust
