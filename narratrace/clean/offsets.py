"""Map positions in cleaned text back to the original article text.

The cleaner only ever *drops* pieces of the original (boilerplate lines, indentation) and
joins what it keeps with short separators. So the cleaned text is a sequence of verbatim
segments of the original, and a sorted list of ``(clean_start, orig_start, length)`` triples
is an exact, compact map: every character of a segment has a known original position.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class Segment:
    """``clean[clean_start:clean_start+length] == original[orig_start:orig_start+length]``."""

    clean_start: int
    orig_start: int
    length: int

    @property
    def clean_end(self) -> int:
        return self.clean_start + self.length

    @property
    def orig_end(self) -> int:
        return self.orig_start + self.length


@dataclass(frozen=True)
class OffsetMap:
    """Exact position map from a cleaned text to the text it was cleaned from."""

    segments: tuple[Segment, ...]
    clean_length: int

    # Segment starts, computed once per map: reuse maps thousands of passage ends through one map.
    @cached_property
    def _clean_starts(self) -> list[int]:
        return [s.clean_start for s in self.segments]

    @cached_property
    def _orig_starts(self) -> list[int]:
        return [s.orig_start for s in self.segments]

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls((Segment(0, 0, length),) if length else (), length)

    def to_original(self, clean_pos: int) -> int:
        """Original position of ``clean_pos``.

        A position inside a separator (text the cleaner inserted) maps to the end of the
        preceding segment, so a span that ends on a separator ends where the kept text ended.
        """
        if not self.segments:
            return 0
        i = bisect.bisect_right(self._clean_starts, clean_pos) - 1
        if i < 0:
            return self.segments[0].orig_start
        seg = self.segments[i]
        return seg.orig_start + min(clean_pos - seg.clean_start, seg.length)

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the cleaned span ``[start, end)``.

        The end is mapped as the position just after the last character, so a span that
        stops at the end of a segment does not leak into the next one.
        """
        if end <= start:
            pos = self.to_original(start)
            return pos, pos
        return self.to_original(start), self.to_original(end - 1) + 1

    def to_clean(self, orig_pos: int) -> int | None:
        """Cleaned position of original ``orig_pos``, or None when that character was removed."""
        i = bisect.bisect_right(self._orig_starts, orig_pos) - 1
        if i < 0:
            return None
        seg = self.segments[i]
        if orig_pos < seg.orig_end:
            return seg.clean_start + (orig_pos - seg.orig_start)
        return None


class OffsetMapBuilder:
    """Builds a cleaned text and its map together, so the two can never disagree."""

    def __init__(self, original: str) -> None:
        self._original = original
        self._parts: list[str] = []
        self._segments: list[Segment] = []
        self._length = 0

    def keep(self, orig_start: int, orig_end: int) -> None:
        """Append ``original[orig_start:orig_end]`` verbatim."""
        if orig_end <= orig_start:
            return
        self._segments.append(Segment(self._length, orig_start, orig_end - orig_start))
        self._parts.append(self._original[orig_start:orig_end])
        self._length += orig_end - orig_start

    def insert(self, text: str) -> None:
        """Append text that is not in the original (a separator)."""
        self._parts.append(text)
        self._length += len(text)

    def build(self) -> tuple[str, OffsetMap]:
        return "".join(self._parts), OffsetMap(tuple(self._segments), self._length)
