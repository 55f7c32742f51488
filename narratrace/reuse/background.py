"""Stock phrasing of news in general: word 5-grams common across unrelated news collections.

A shared run of "the death toll was likely to rise because of ..." says little about reuse when
every wire story in a war uses it. The background is a sorted array of the shingle hashes
(``narratrace.reuse.tokens``: same words, same hashing as the index) found in at least
``min_documents`` documents of at least ``min_collections`` unrelated news collections. It is
learned once from the unlabelled news in ``../shared/data`` by ``bench/stock_background.py`` and
shipped in the package (``data/stock_background.npz``, no pickles); it loads offline.
Shingles in it never count as evidence of reuse and never make a candidate pair.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from narratrace.reuse.tokens import U64, document_shingles

BACKGROUND_FILE = Path(__file__).with_name("data") / "stock_background.npz"


@dataclass(frozen=True)
class StockBackground:
    """Sorted distinct shingle hashes of stock phrasing, for one shingle size."""

    hashes: U64
    shingle_words: int
    documents: int = 0  # documents the background was learned from (provenance, for the docs)

    def __len__(self) -> int:
        return len(self.hashes)

    def contains(self, hashes: U64) -> np.ndarray:
        """True for each hash that is stock phrasing."""
        return sorted_contains(self.hashes, hashes)

    def drop_stock(self, hashes: U64) -> U64:
        """``hashes`` without the stock ones."""
        return hashes[~self.contains(hashes)] if len(self.hashes) else hashes

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path,
            hashes=self.hashes,
            shingle_words=np.int64(self.shingle_words),
            documents=np.int64(self.documents),
        )

    @classmethod
    def load(cls, path: Path) -> StockBackground:
        with np.load(path, allow_pickle=False) as data:
            return cls(
                hashes=np.asarray(data["hashes"], dtype=np.uint64),
                shingle_words=int(data["shingle_words"]),
                documents=int(data["documents"]),
            )

    @classmethod
    def empty(cls, shingle_words: int) -> StockBackground:
        return cls(np.zeros(0, np.uint64), shingle_words)


def sorted_contains(sorted_values: U64, queries: U64) -> np.ndarray:
    """Membership of ``queries`` in a sorted array (a binary search each; no hashing of Python ints)."""
    if not len(sorted_values) or not len(queries):
        return np.zeros(len(queries), dtype=bool)
    at = np.searchsorted(sorted_values, queries)
    at[at == len(sorted_values)] = 0
    return np.asarray(sorted_values[at] == queries)


@lru_cache(maxsize=4)
def stock_background(shingle_words: int) -> StockBackground:
    """The shipped background for this shingle size; empty when none was built for it."""
    if not BACKGROUND_FILE.exists():
        return StockBackground.empty(shingle_words)
    background = StockBackground.load(BACKGROUND_FILE)
    return background if background.shingle_words == shingle_words else StockBackground.empty(shingle_words)


def learn_background(
    collections: Mapping[str, Iterable[str]], shingle_words: int = 5, min_documents: int = 3, min_collections: int = 2
) -> StockBackground:
    """Shingles found in >= ``min_documents`` documents spread over >= ``min_collections`` collections.

    Requiring several collections keeps out what one collection shares internally (a story its
    outlets all carried, one site's footer): only phrasing common to news at large remains.
    """
    per_collection: list[tuple[U64, np.ndarray]] = []
    documents = 0
    for texts in collections.values():
        shingles = [document_shingles(text, (), shingle_words) for text in texts]
        documents += len(shingles)
        if not shingles:
            continue
        distinct, counts = np.unique(np.concatenate(shingles), return_counts=True)
        per_collection.append((distinct, counts))
    if not per_collection:
        return StockBackground.empty(shingle_words)
    every = np.concatenate([d for d, _ in per_collection])
    keys, inverse = np.unique(every, return_inverse=True)
    doc_counts = np.bincount(inverse, weights=np.concatenate([c for _, c in per_collection]), minlength=len(keys))
    collection_counts = np.bincount(inverse, minlength=len(keys))
    common = (doc_counts >= min_documents) & (collection_counts >= min_collections)
    return StockBackground(keys[common].astype(np.uint64), shingle_words, documents)
