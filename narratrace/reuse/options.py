"""Settings for reuse detection, passed down every stage as one object."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReuseOptions:
    """Hyper-parameters of candidate generation and passage alignment.

    Lengths are in words (``\\w+`` tokens of the cleaned, casefolded text).
    """

    # Shingle size. 5 words is short enough to catch a 6-word shared quotation and long enough
    # that random coincidences between unrelated articles are rare.
    shingle_words: int = 5
    # A pair becomes a candidate when it shares at least this many distinct shingles. An absolute
    # count (not Jaccard) keeps short texts pasted into long ones and low-containment copies.
    min_shared_shingles: int = 2
    # Shingles found in more documents than this are stock phrases (or a flood of identical
    # texts); they are dropped from the index so postings lists, and pair counts, stay bounded,
    # and they never count as significant shared text.
    max_document_frequency: int = 100
    # A shingle in at most this many documents (a story and its copies; the generated benchmark's
    # largest family is 8) is full evidence of a link; one in ``df`` documents weighs this number
    # over ``df``: an editor's note, a poll widget or a template that many documents carry says
    # less about any two of them the more carry it.
    full_evidence_documents: int = 8
    # Drop the shipped stock-phrase background (narratrace/reuse/background.py) from the index and
    # from significance: phrasing common to news at large is no evidence of reuse.
    stock_background: bool = True
    # Within one pair, an n-gram repeated more often than this in either text is not used as an
    # anchor (a text made of one repeated word would otherwise give a quadratic anchor set).
    max_anchor_repeats: int = 8
    # Passages are chains of exact runs; two runs join across at most this many unmatched words on
    # either side (word substitutions, a short inserted clause or sentence).
    max_gap_words: int = 25
    # A passage also takes in exact runs of >= 2 words at most this many words beyond its ends
    # (a word substituted among the first or last words of a copied paragraph).
    max_edge_gap_words: int = 3
    # A passage must cover at least this many matching words, except a quotation (below).
    min_passage_words: int = 8
    # A passage inside quotation marks in both texts is kept from this many matching words on.
    min_quote_words: int = 6
    # Significant quoted words a shared quotation needs to link two texts (kind ``shared_quote``): a
    # slogan or catch-phrase both put in quotes ("make America great again") is stock phrasing, while
    # a line of someone's speech of seven or more significant words links. 7 was chosen on the tune split
    # of bench/data/reuse_pairs (stock->shared_quote 6 -> 3); one labelled 6-word shared quote is lost.
    min_shared_quote_words: int = 7
    # Significant shared words (covered by shared shingles that are neither corpus-common nor in
    # the background) a copy needs, and the share of one text they must make up.
    min_copy_words: int = 15
    min_copy_share: float = 0.5
    # Significant shared words that make a partial pair when they are a small share of both texts.
    # Runs of stock phrasing in one genre are 10-25 words; copied paragraphs are longer.
    min_partial_words: int = 40
    # A pair with a text under this many words is gated as a possible copy on its significant shared words
    # alone (``significance.copy_share_floor``), not on half the shorter text: rare words bound the copy
    # share ``pair_kind`` measures on passage spans only loosely there (a lead excerpt closely rewritten from
    # a wire story: runs of 8-15 words with edited words between them span most of it). 0, the default,
    # keeps the bound for every text: on the tune split of bench/data/reuse_pairs (rounds 1-4, 43 short tune
    # pairs drawn for it in round 4) no pair's kind changes at 150, neither a copy gained nor one lost, so
    # nothing supports opening it (docs/results/precision.md).
    short_text_words: int = 0
    # Keep pairs that share only common or short phrasing (kind ``stock``); off by default, and such
    # pairs are never links (clusters, networks). Keeping them means aligning every candidate.
    keep_stock: bool = False
    # Worker processes for the local engine (None = all cores) and the size below which the
    # local engine stays in-process (process start-up costs more than it saves).
    workers: int | None = None
    min_parallel_documents: int = 400
    min_parallel_pairs: int = 200

    def __post_init__(self) -> None:
        if self.shingle_words < 1:
            raise ValueError("shingle_words must be >= 1")
        if self.min_shared_shingles < 1:
            raise ValueError("min_shared_shingles must be >= 1")
        if self.full_evidence_documents < 2:
            raise ValueError("full_evidence_documents must be >= 2")
        if self.max_document_frequency < 2:
            raise ValueError("max_document_frequency must be >= 2")
        if not 0.0 <= self.min_copy_share <= 1.0:
            raise ValueError("min_copy_share must be between 0 and 1")
