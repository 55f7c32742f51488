"""One article made ready for alignment: its words, positional shingles and quotation regions."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import numpy.typing as npt

from narratrace.clean.offsets import OffsetMap
from narratrace.clean.types import CleanArticle
from narratrace.reuse.blocks import block_words
from narratrace.reuse.endmatter import end_matter_words
from narratrace.reuse.headlines import headline_shingles, headline_words
from narratrace.reuse.quotations import quotation_spans
from narratrace.reuse.repeats import repeated_sentence_words
from narratrace.reuse.tokens import U64, Words, shingle_hashes, tokenize
from narratrace.reuse.tweets import tweet_words

_NEWLINE = re.compile("\n")


@dataclass(frozen=True)
class SourceText:
    """What alignment needs from a CleanArticle; small and picklable (for workers and Spark)."""

    id: str
    text: str
    masked: tuple[tuple[int, int], ...]
    segments: tuple[tuple[int, int, int], ...]  # OffsetMap segments as plain tuples
    clean_length: int
    published: str | None = None  # for a cluster's earliest witness; alignment ignores it

    @classmethod
    def from_clean(cls, article: CleanArticle) -> SourceText:
        return cls(
            id=article.id,
            text=article.text,
            masked=article.masked_spans(),
            segments=tuple((s.clean_start, s.orig_start, s.length) for s in article.offsets.segments),
            clean_length=article.offsets.clean_length,
            # A header date the cleaner flagged as a crawl or archive date would make that page the earliest witness.
            published=None if article.header_date_flagged else article.article.published,
        )

    def offset_map(self) -> OffsetMap:
        from narratrace.clean.offsets import Segment

        return OffsetMap(tuple(Segment(*s) for s in self.segments), self.clean_length)


@dataclass(frozen=True)
class PreparedText:
    """Words of a cleaned text (cleaned coordinates), shingle ``i`` starting at word ``i``."""

    source: SourceText
    words: Words
    shingles: U64
    quotes: npt.NDArray[np.int64]  # (k, 2) cleaned-text spans inside double quotation marks
    offsets: OffsetMap
    break_before: npt.NDArray[np.bool_]  # word k is the first after a line break
    # Evidence weight of shingle k (``ShingleRarity.weights``): 0 for stock or corpus-common
    # phrasing, lower the more documents carry it; None when unknown (every shingle counts fully).
    weights: npt.NDArray[np.float64] | None = None
    # Word k lies inside a quotation of this text.
    quoted_words: npt.NDArray[np.bool_] = field(default_factory=lambda: np.zeros(0, dtype=bool))
    # Word k lies in an unmarked block of a speaker's text (``blocks.py``): quoted whatever the other text does.
    block_words: npt.NDArray[np.bool_] = field(default_factory=lambda: np.zeros(0, dtype=bool))
    # Word k lies in an embedded tweet's text (``tweets.py``): quoted, whether or not the other text marks it.
    tweet_words: npt.NDArray[np.bool_] = field(default_factory=lambda: np.zeros(0, dtype=bool))

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.span_to_original(start, end)

    # A text is aligned with every text it is a candidate with: its sorted shingles are kept, not
    # sorted again for each pair (``align.find_anchors``).
    @cached_property
    def shingle_order(self) -> npt.NDArray[np.intp]:
        """Positions of the shingles in hash order (a stable sort: equal hashes keep text order)."""
        return np.argsort(self.shingles, kind="stable")

    @cached_property
    def sorted_shingles(self) -> U64:
        return self.shingles[self.shingle_order]

    @cached_property
    def shingle_repeats(self) -> npt.NDArray[np.intp]:
        """How many times shingle k's hash occurs in this text, per position k."""
        ordered = self.sorted_shingles
        return np.searchsorted(ordered, self.shingles, side="right") - np.searchsorted(ordered, self.shingles)

    @property
    def text(self) -> str:
        return self.source.text

    def in_quotes(self, start: int, end: int) -> bool:
        """True when the cleaned span ``[start, end)`` lies inside one quotation."""
        if not len(self.quotes):
            return False
        inside = (self.quotes[:, 0] <= start) & (self.quotes[:, 1] >= end)
        return bool(inside.any())


def words_in_quotes(quotes: npt.NDArray[np.int64], words: Words) -> npt.NDArray[np.bool_]:
    """True for each word inside a quotation span."""
    if not len(quotes) or not len(words):
        return np.zeros(len(words), dtype=bool)
    span = np.searchsorted(quotes[:, 0], words.starts, side="right") - 1
    return np.asarray((span >= 0) & (words.ends <= quotes[np.maximum(span, 0), 1]))


def quoted_shingles(quotes: npt.NDArray[np.int64], words: Words, size: int) -> npt.NDArray[np.bool_]:
    """True for each shingle whose ``size`` words all lie inside one quotation."""
    count = len(words) - size + 1
    if count <= 0 or not len(quotes):
        return np.zeros(max(count, 0), dtype=bool)
    span = np.searchsorted(quotes[:, 0], words.starts, side="right") - 1
    inside = (span >= 0) & (words.ends <= quotes[np.maximum(span, 0), 1])
    first, last = np.arange(count), np.arange(count) + size - 1
    return np.asarray(inside[first] & inside[last] & (span[first] == span[last]))


def _break_before(text: str, words: Words) -> npt.NDArray[np.bool_]:
    newlines = np.array([m.start() for m in _NEWLINE.finditer(text)], dtype=np.int64)
    flags = np.zeros(len(words), dtype=bool)
    if len(words) > 1 and len(newlines):
        after_previous = np.searchsorted(newlines, words.ends[:-1], side="left")
        before_this = np.searchsorted(newlines, words.starts[1:], side="left")
        flags[1:] = before_this > after_previous
    return flags


def prepare(
    source: SourceText, shingle_words: int, weigh: Callable[[U64], npt.NDArray[np.float64]] | None = None
) -> PreparedText:
    """Words, shingles and quotations of one text; ``weigh(shingles)`` gives each shingle's evidence weight."""
    words = tokenize(source.text, source.masked)
    offsets = source.offset_map()
    shingles = shingle_hashes(words.hashes, shingle_words)
    quotes = quotation_spans(source.text)
    weights = None if weigh is None else weigh(shingles)
    # Page furniture (link lists, forms repeating their question, bios and sign-up lines) is no evidence of reuse.
    furniture = (
        headline_words(source.text, words)
        | repeated_sentence_words(source.text, words)
        | end_matter_words(source.text, words)
    )
    no_evidence = headline_shingles(furniture, shingle_words)
    if no_evidence.any():
        weights = np.where(no_evidence, 0.0, 1.0 if weights is None else weights)
    return PreparedText(
        source=source,
        words=words,
        shingles=shingles,
        weights=weights,
        quotes=quotes,
        offsets=offsets,
        break_before=_break_before(source.text, words),
        quoted_words=words_in_quotes(quotes, words),
        block_words=block_words(source.text, words.starts, words.ends),
        tweet_words=tweet_words(source.text, words.starts, words.ends),
    )
