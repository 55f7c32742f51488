"""How much a shared passage says about reuse, and what kind of pair its passages make.

A passage is evidence of reuse according to how unlikely it is to arise independently: its
length, counted only over word sequences that are rare. A shingle (word 5-gram) is *rare* when
it is neither stock phrasing of news at large (the shipped background, ``background.py``) nor
common in this corpus (in more than ``max_document_frequency`` documents, the index's cap). A
passage's **significance** counts its rare shingles shared by the two texts, in words (one per
shingle, plus the 4 the last one runs on): 0 for a run of stock phrasing however long, the
passage length for verbatim copied prose, a word less for each stock or common 5-gram inside. A
pair's significance is the sum over its passages, and ranks pairs.

Kinds, from significant shared words ``s``:

* ``shared_quote``: every passage is inside quotation marks in both, fewer than
  ``max_quote_words`` words in all, and ``s >= min_quote_words``;
* ``copy``: ``s >= min_copy_words`` and ``s`` is at least ``min_copy_share`` of one text's words;
* ``partial``: ``s >= min_partial_words`` (substantial shared passages, a small share of both);
* ``stock``: anything else with an aligned passage: common or short phrasing only. Kept only on
  request (``ReuseOptions.keep_stock``) and never a link (clusters, outlet network).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from narratrace.reuse.background import StockBackground, sorted_contains, stock_background
from narratrace.reuse.candidates import indexed_values
from narratrace.reuse.options import ReuseOptions
from narratrace.reuse.prepared import SourceText, quotation_spans, quoted_shingles
from narratrace.reuse.tokens import U64, shingle_hashes, tokenize

I64 = npt.NDArray[np.int64]
# Kinds that link articles (clusters, networks). A shared quotation is a passage that travelled
# too; what never links is ``stock``.
LINK_KINDS = ("copy", "partial", "shared_quote")


@dataclass(frozen=True)
class ShingleRarity:
    """Which shingle hashes count as evidence in this corpus: not stock, not corpus-common."""

    background: StockBackground
    common: U64  # sorted indexed values (``candidates.indexed_values``) of corpus-common shingles
    bits: int  # document bits of the index, which fix how hashes map to indexed values

    def rare(self, hashes: U64) -> npt.NDArray[np.bool_]:
        stock = self.background.contains(hashes)
        if len(self.common):
            stock |= sorted_contains(self.common, indexed_values(hashes, self.bits))
        return ~stock


def background_for(options: ReuseOptions) -> StockBackground:
    return stock_background(options.shingle_words) if options.stock_background else StockBackground.empty(0)


def index_hashes(source: SourceText, options: ReuseOptions, background: StockBackground) -> tuple[U64, U64, int]:
    """Shingle hashes one document puts in the candidate index (all but stock, and those quoted) and its word count."""
    words = tokenize(source.text, source.masked)
    hashes = shingle_hashes(words.hashes, options.shingle_words)
    kept = ~background.contains(hashes)
    quoted = quoted_shingles(quotation_spans(source.text), words, options.shingle_words) & kept
    return hashes[kept], hashes[quoted], len(words)


def covered_words(starts: I64, size: int, first: int, end: int) -> int:
    """Words of ``[first, end)`` covered by shingles starting at ``starts`` (each ``size`` words long)."""
    if end <= first or not len(starts):
        return 0
    delta = np.zeros(end - first + 1, dtype=np.int64)
    np.add.at(delta, np.clip(starts - first, 0, end - first), 1)
    np.add.at(delta, np.clip(starts + size - first, 0, end - first), -1)
    return int((np.cumsum(delta[:-1]) > 0).sum())


def passage_significance(rare_starts: I64, size: int, length: int) -> int:
    """Significant words of a passage ``length`` words long: its distinct rare shared shingles, plus
    the ``size - 1`` words the last one runs on. A fully rare passage scores its length; every
    stock or corpus-common shingle inside it takes a word off.
    """
    count = len(np.unique(rare_starts))
    return min(length, count + size - 1) if count else 0


def could_link(rare_i: I64, rare_j: I64, words_a: int, words_b: int, options: ReuseOptions) -> bool:
    """Whether rare shared shingles at these positions could ever make a copy or partial pair.

    Coverage by all rare anchors bounds the significance of any passages built from them, so a
    pair failing this is stock at best and need not be aligned.
    """
    size = options.shingle_words
    bound = min(covered_words(rare_i, size, 0, words_a), covered_words(rare_j, size, 0, words_b))
    if bound >= options.min_partial_words:
        return True
    shortest = max(1, min(words_a, words_b))
    return bound >= options.min_copy_words and bound >= options.min_copy_share * shortest


def pair_kind(
    significance: int, shared_words: int, all_quoted: bool, words_a: int, words_b: int, options: ReuseOptions
) -> str:
    """The kind of a pair with aligned passages (see the module docstring)."""
    if all_quoted and shared_words < options.max_quote_words:
        return "shared_quote" if significance >= options.min_quote_words else "stock"
    share = significance / max(1, min(words_a, words_b))
    if significance >= options.min_copy_words and share >= options.min_copy_share:
        return "copy"
    if significance >= options.min_partial_words:
        return "partial"
    return "stock"


def estimated_words(shared: int, lists: int, options: ReuseOptions) -> int:
    """Shared words a candidate's index counts suggest, before any text is read.

    ``shared`` rare shingles in runs cover ``shared + (shingle_words - 1)`` words per run. The
    shingles of one run sit in the same documents, so the pair's count of distinct postings
    lists (``lists``) stands for its runs; it is doubled to allow one break (a substituted word)
    per run. It is an estimate: a pair sharing many separate runs with one set of documents can
    be underestimated (and is then not aligned) when it sits right at a threshold.
    """
    return shared + (options.shingle_words - 1) * 2 * max(lists, 1)


def worth_aligning(shared: int, lists: int, quoted: int, words_a: int, words_b: int, options: ReuseOptions) -> bool:
    """Whether a candidate could be a copy, partial or shared quote: what gets aligned.

    Pairs whose only candidate evidence is a short run of phrasing (a stock sentence shared by a
    few dozen documents) are dropped here, before alignment, unless ``keep_stock`` asks for them.
    """
    if options.keep_stock or quoted >= options.min_shared_shingles:
        return True
    estimate = estimated_words(shared, lists, options)
    if estimate >= options.min_partial_words:
        return True
    return estimate >= options.min_copy_words and estimate >= options.min_copy_share * max(1, min(words_a, words_b))
