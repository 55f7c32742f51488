"""How much a shared passage says about reuse, and what kind of pair its passages make.

A passage is evidence of reuse according to how unlikely it is to arise independently: its
length, counted over word sequences that few documents carry. A shingle (word 5-gram) weighs
nothing when it is stock phrasing of news at large (the shipped background, ``background.py``)
or common in this corpus (in more than ``max_document_frequency`` documents), fully when at most
``full_evidence_documents`` documents carry it, and ``full_evidence_documents / df`` beyond
(``ShingleRarity.weights``). Shingles inside headline-case runs (link lists, ``headlines.py``)
or sentences a text prints twice or more (poll forms, ``repeats.py``) weigh nothing, and a shingle
repeated in a text counts once per pair. A passage's evidence sums
the weights of its shared shingles, in words (one per shingle start, plus the 4 words the last
runs on), split into words inside a quotation in both texts and the texts' own wording
(``SharedEvidence``). **Significance** is the rounded total; it ranks pairs.

Kinds, from the own-wording weight ``w`` and the quoted weight ``q``:

* ``copy``: ``w >= min_copy_words`` and the passages span at least ``min_copy_share`` (half) of
  one text, shared quotations set aside on both sides;
* ``partial``: ``w >= min_partial_words`` (substantial shared passages, a small share of both), not
  counting lifted clauses: runs of fewer than ``LIFTED_CLAUSE_WORDS`` own words (``lifted_clause_weight``);
* ``shared_quote``: otherwise, ``q >= min_shared_quote_words``: the texts share a quotation, however long
  (shorter quoted runs are slogans and catch-phrases);
* ``stock``: anything else with an aligned passage: common, widespread or short phrasing only.
  Kept only on request (``ReuseOptions.keep_stock``) and never a link (clusters, outlet network).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np
import numpy.typing as npt

from narratrace.reuse.background import StockBackground, sorted_contains, stock_background
from narratrace.reuse.candidates import indexed_values
from narratrace.reuse.options import ReuseOptions
from narratrace.reuse.prepared import SourceText, quotation_spans, quoted_shingles
from narratrace.reuse.tokens import U64, shingle_hashes, tokenize

I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]
# Own shared words a quotation needs on each side, inside its passage, to count as copied along with
# the text around it (``SharedEvidence.embedded_quoted_words``): a sentence's worth, more than the
# "he said on Tuesday" two reports of one quotation can share by chance.
EMBEDDING_WORDS = 8
# A run of shared text with fewer own significant words is a lifted clause: the guide puts a single lifted
# clause below reuse, and several of them (a description here, a phrase there) make no partial either; they
# still count towards a copy, whose share of a text is the evidence. A run may be cut into several passages
# (``lifted_clause_weight``).
LIFTED_CLAUSE_WORDS = 10
# Kinds that link articles (clusters, networks). A shared quotation is a passage that travelled
# too; what never links is ``stock``.
LINK_KINDS = ("copy", "partial", "shared_quote")


@dataclass(frozen=True)
class ShingleRarity:
    """How much each shingle hash counts as evidence in this corpus.

    Stock phrasing (the background) and corpus-common shingles count nothing. A shingle found in
    ``df`` documents counts fully up to ``full_documents`` (a story and its few copies), then
    ``full_documents / df``: text that many documents carry (a site's editor's note, a poll
    widget, a weekly template) is evidence spread over all of them, and a pair's part of it
    shrinks as the count grows.
    """

    background: StockBackground
    common: U64  # sorted indexed values (``candidates.indexed_values``) of corpus-common shingles
    bits: int  # document bits of the index, which fix how hashes map to indexed values
    frequent: U64 = field(default_factory=lambda: np.zeros(0, np.uint64))  # sorted values in >= 3 documents
    frequency: I64 = field(default_factory=lambda: np.zeros(0, np.int64))  # their document counts
    full_documents: int = 8

    @classmethod
    def from_frequencies(
        cls, background: StockBackground, frequent: U64, frequency: I64, bits: int, options: ReuseOptions
    ) -> ShingleRarity:
        """From the index's frequent values (sorted) and document counts; above the cap they are common."""
        common = frequency > options.max_document_frequency
        weaker = ~common & (frequency > options.full_evidence_documents)
        return cls(
            background, frequent[common], bits, frequent[weaker], frequency[weaker], options.full_evidence_documents
        )

    def rare(self, hashes: U64) -> npt.NDArray[np.bool_]:
        stock = self.background.contains(hashes)
        if len(self.common):
            stock |= sorted_contains(self.common, indexed_values(hashes, self.bits))
        return ~stock

    def weights(self, hashes: U64) -> F64:
        """Evidence weight of each shingle: 0 for stock or common, else at most 1 (see the class)."""
        weights = self.rare(hashes).astype(np.float64)
        if len(self.frequent) and len(hashes):
            values = indexed_values(hashes, self.bits)
            at = np.minimum(np.searchsorted(self.frequent, values), len(self.frequent) - 1)
            found = self.frequent[at] == values
            weights[found] *= np.minimum(1.0, self.full_documents / self.frequency[at[found]])
        return weights


@dataclass(frozen=True)
class SharedEvidence:
    """What a pair's aligned passages share, split at quotations both texts put the words in.

    ``weight`` sums, over shared words, the largest weight (``ShingleRarity.weights``) of a shared
    shingle covering the word; ``words`` counts the words a rare shared shingle covers, unweighted
    (what shares of a text are measured in). ``quoted_*``: the same for words inside quotation marks
    in both texts, the words of someone both report; the rest is the texts' own wording.
    """

    weight: float = 0.0
    words: int = 0
    quoted_weight: float = 0.0
    quoted_words: int = 0
    # Words the passages span in a and in b, edited words inside them included (what shares are of).
    span_a: int = 0
    span_b: int = 0
    # Quoted words with enough of the texts' own shared wording on both sides within their passage
    # (``EMBEDDING_WORDS`` before and after): the quotation was copied along with the text around
    # it, so it counts in the copy share (``own_share``), though not as own-wording weight.
    embedded_quoted_words: int = 0
    # Own weight of lifted clauses (``lifted_clause_weight``): not counted towards a partial. Set for a
    # pair's passages together, since whether a passage is a clause depends on the passages around it.
    clause_weight: float = 0.0

    def __add__(self, other: SharedEvidence) -> SharedEvidence:
        return SharedEvidence(
            self.weight + other.weight,
            self.words + other.words,
            self.quoted_weight + other.quoted_weight,
            self.quoted_words + other.quoted_words,
            self.span_a + other.span_a,
            self.span_b + other.span_b,
            self.embedded_quoted_words + other.embedded_quoted_words,
            self.clause_weight + other.clause_weight,
        )

    def own_share(self, words_a: int, words_b: int) -> float:
        """The larger share of a text its passages span, shared quotations set aside on both sides.

        Quotations embedded in a copied passage (``embedded_quoted_words``) are not set aside: a
        copied paragraph that quotes someone midway is copied text throughout.
        """
        quoted = self.quoted_words - self.embedded_quoted_words
        share_a = (self.span_a - quoted) / max(1, words_a - quoted)
        share_b = (self.span_b - quoted) / max(1, words_b - quoted)
        return max(share_a, share_b)

    @property
    def significance(self) -> int:
        """Significant shared words, quoted or not: what pairs are ranked by."""
        return round(self.weight + self.quoted_weight)


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


def passage_evidence(
    anchors: tuple[I64, I64],
    weights: F64,
    size: int,
    quoted: tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]],
    blocks: tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]] | None = None,
    tweets: tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]] | None = None,
) -> SharedEvidence:
    """Evidence of one passage from its rare shared shingles.

    ``anchors``: word positions in a and b where each starts; ``weights``: their weights;
    ``quoted``: per word of a and of b, whether it lies inside a quotation. Each distinct start
    counts its shingle's weight, and the last shingle also the ``size - 1`` words it runs on: a
    verbatim passage of shingles only the two texts share scores its length, and every stock or
    common 5-gram inside it takes a word off. A word is quoted when both texts quote it, by quotation
    marks or in a speaker's unmarked block (``blocks``, per word of a and of b; ``blocks.py``); a word
    in a block in one text only is set aside (neither own wording nor a known shared quotation). A word of
    an embedded tweet (``tweets``, per word of a and of b; ``tweets.py``) in either text is quoted: the
    signature fixes the tweet's extent, and a copy that dropped it still prints the tweet's author's words.
    """
    i_starts, j_starts = anchors
    if not len(i_starts):
        return SharedEvidence()
    last = int(np.argmax(i_starts))
    tail = np.arange(1, size)
    i_words = np.concatenate([i_starts, i_starts[last] + tail])
    j_words = np.concatenate([j_starts, j_starts[last] + tail])
    word_weights = np.concatenate([weights, np.full(size - 1, weights[last])])
    first = int(i_words.min())
    best = np.zeros(int(i_words.max()) - first + 1, dtype=np.float64)
    np.maximum.at(best, i_words - first, word_weights)
    in_quotes = np.zeros(len(best), dtype=bool)
    in_quotes[i_words - first] = quoted[0][i_words] & quoted[1][j_words]
    set_aside = np.zeros(len(best), dtype=bool)
    if blocks is not None and len(blocks[0]) and len(blocks[1]):
        # A block marks a quotation as well as marks do: words quoted either way in both texts are quoted.
        in_a = quoted[0][i_words] | blocks[0][i_words]
        in_b = quoted[1][j_words] | blocks[1][j_words]
        in_quotes[i_words - first] = in_a & in_b
        # A block in one text only: the words are not the texts' own, but neither is it known that both
        # report them (the block's end is a guess), so they count for nothing.
        set_aside[i_words - first] = (blocks[0][i_words] | blocks[1][j_words]) & ~(in_a & in_b)
    if tweets is not None and len(tweets[0]) and len(tweets[1]):
        in_tweet = tweets[0][i_words] | tweets[1][j_words]
        in_quotes[i_words - first] |= in_tweet
        set_aside[i_words - first] &= ~in_tweet
    counted = best > 0
    own = counted & ~in_quotes & ~set_aside
    own_counts: I64 = np.cumsum(own, dtype=np.int64)
    own_before = own_counts - own
    own_after = own_counts[-1] - own_counts
    embedded = counted & in_quotes & (own_before >= EMBEDDING_WORDS) & (own_after >= EMBEDDING_WORDS)
    own_weight = float(best[own].sum())
    quoted_weight = float(best[counted & in_quotes].sum())
    return SharedEvidence(
        weight=own_weight,
        words=int(own.sum()),
        quoted_weight=quoted_weight,
        quoted_words=int((counted & in_quotes).sum()),
        embedded_quoted_words=int(embedded.sum()),
    )


def lifted_clause_weight(spans: list[tuple[int, int, int, int]], own_weights: list[float], join_gap: int) -> float:
    """Own weight of a pair's lifted clauses: passages under ``LIFTED_CLAUSE_WORDS`` own words on their own.

    ``spans`` are the passages' word ranges ``(i, i_end, j, j_end)`` in a and b, ``own_weights`` their
    own-wording weights. A short passage that continues a substantial one (it follows or precedes it in
    both texts, at most ``join_gap`` words away in at least one) is part of that copied run, which one text
    kept whole where the other put a sentence of its own inside it or dropped a paragraph: a question right
    after a copied paragraph is part of the copy. Short passages that adjoin only each other stay clauses:
    pieced together they make at most a lifted sentence, which the guide puts below reuse too.
    """
    short = {k for k, weight in enumerate(own_weights) if weight < LIFTED_CLAUSE_WORDS}
    continuing: set[int] = set()
    for side in (0, 2):  # adjoining passages are neighbours in the order of the text they adjoin in
        order = sorted(range(len(spans)), key=lambda k: (spans[k][side], spans[k][2 - side]))
        for first, second in pairwise(order):
            (_, i_end, _, j_end), (i, _, j, _) = spans[first], spans[second]
            adjoining = i >= i_end and j >= j_end and min(i - i_end, j - j_end) <= join_gap
            if adjoining and (first in short) != (second in short):
                continuing.add(first if first in short else second)
    return sum(own_weights[k] for k in short - continuing)


def could_link(rare_i: I64, rare_j: I64, words_a: int, words_b: int, options: ReuseOptions) -> bool:
    """Whether rare shared shingles at these positions could ever make a copy or partial pair.

    Coverage by all rare anchors bounds the significance of any passages built from them, so a
    pair failing this is stock at best and need not be aligned.
    """
    size = options.shingle_words
    bound = min(covered_words(rare_i, size, 0, words_a), covered_words(rare_j, size, 0, words_b))
    if bound >= options.min_partial_words:
        return True
    return bound >= options.min_copy_words and bound >= copy_share_floor(words_a, words_b, options)


def copy_share_floor(words_a: int, words_b: int, options: ReuseOptions) -> float:
    """Rare shared words below which a pair cannot be a copy, before alignment.

    Half the shorter text, except when it is short (``short_text_words``): there ``pair_kind`` measures
    the copy share on passage spans, edited words inside included, which rare words do not bound.
    """
    shortest = max(1, min(words_a, words_b))
    return 0.0 if shortest < options.short_text_words else options.min_copy_share * shortest


def pair_kind(evidence: SharedEvidence, words_a: int, words_b: int, options: ReuseOptions) -> str:
    """The kind of a pair with aligned passages (see the module docstring)."""
    own = evidence.weight
    if own >= options.min_copy_words and evidence.own_share(words_a, words_b) >= options.min_copy_share:
        return "copy"
    if own - evidence.clause_weight >= options.min_partial_words:
        return "partial"
    if evidence.quoted_weight >= options.min_shared_quote_words:
        return "shared_quote"
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


def may_share_quotation(quoted: int, tweet: bool, options: ReuseOptions) -> bool:
    """Whether a candidate's two texts may share a quotation, so that short shared text may still count: enough
    quoted shingles the index found in both, or a tweet one of them embeds (``tweets.py``)."""
    return tweet or quoted >= options.min_shared_shingles


def worth_aligning(
    shared: int, lists: int, quoted: int, words_a: int, words_b: int, options: ReuseOptions, tweet: bool = False
) -> bool:
    """Whether a candidate could be a copy, partial or shared quote: what gets aligned.

    Pairs whose only candidate evidence is a short run of phrasing (a stock sentence shared by a
    few dozen documents) are dropped here, before alignment, unless ``keep_stock`` asks for them.
    ``tweet`` says one of the texts embeds a tweet (``tweets.py``): the other may print it unmarked, which
    the index cannot see, so enough shared words for a shared quotation are worth aligning.
    """
    if options.keep_stock or quoted >= options.min_shared_shingles:
        return True
    estimate = estimated_words(shared, lists, options)
    if tweet and estimate >= options.min_shared_quote_words:
        return True
    if estimate >= options.min_partial_words:
        return True
    return estimate >= options.min_copy_words and estimate >= copy_share_floor(words_a, words_b, options)
