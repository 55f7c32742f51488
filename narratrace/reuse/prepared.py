"""One article made ready for alignment: its words, positional shingles and quotation regions."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from narratrace.clean.offsets import OffsetMap
from narratrace.clean.types import CleanArticle
from narratrace.reuse.tokens import U64, Words, shingle_hashes, tokenize

# Double quotation marks of the languages we meet most. Single quotes are left out on purpose:
# the same characters are apostrophes ("Syria’s"), which would open phantom quotations.
_NEWLINE = re.compile("\n")
_DOUBLE_QUOTES = re.compile('["\u201c\u201d\u201e\u201f\u00ab\u00bb\u301d\u301e\uff02]')


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
            published=article.article.published,
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
    # Shingle k is rare: neither common in the corpus nor stock phrasing (all True when unknown).
    rare: npt.NDArray[np.bool_] | None = None

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.span_to_original(start, end)

    @property
    def text(self) -> str:
        return self.source.text

    def in_quotes(self, start: int, end: int) -> bool:
        """True when the cleaned span ``[start, end)`` lies inside one quotation."""
        if not len(self.quotes):
            return False
        inside = (self.quotes[:, 0] <= start) & (self.quotes[:, 1] >= end)
        return bool(inside.any())


def quotation_spans(text: str) -> npt.NDArray[np.int64]:
    """Spans between paired double quotes, line by line.

    News text often opens a quotation in every paragraph of a long quote and closes it only at
    the end, so an unclosed quote runs to the end of its line.
    """
    marks = [m.start() for m in _DOUBLE_QUOTES.finditer(text)]
    spans: list[tuple[int, int]] = []
    k = 0
    while k < len(marks):  # marks[k] opens a quotation: the next mark on its line closes it, else the line end
        line_end = text.find("\n", marks[k])
        line_end = len(text) if line_end < 0 else line_end
        closed = k + 1 < len(marks) and marks[k + 1] < line_end
        spans.append((marks[k] + 1, marks[k + 1] if closed else line_end))
        k += 2 if closed else 1
    if not spans:
        return np.zeros((0, 2), dtype=np.int64)
    return np.array(spans, dtype=np.int64)


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
    source: SourceText, shingle_words: int, rare: Callable[[U64], npt.NDArray[np.bool_]] | None = None
) -> PreparedText:
    """Words, shingles and quotations of one text; ``rare(shingles)`` marks significant shingles."""
    words = tokenize(source.text, source.masked)
    offsets = source.offset_map()
    shingles = shingle_hashes(words.hashes, shingle_words)
    return PreparedText(
        source=source,
        words=words,
        shingles=shingles,
        rare=None if rare is None else rare(shingles),
        quotes=quotation_spans(source.text),
        offsets=offsets,
        break_before=_break_before(source.text, words),
    )
