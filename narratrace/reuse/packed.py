"""Many ``SourceText``s held in a few flat buffers: what a million-article reuse corpus keeps in memory.

A ``SourceText`` per article costs its ``str`` (2 bytes a character once a text has a curly quote), its
offset segments as tuples of Python ints (~1.8 KB for a typical news article) and the object headers.
Worse, worker processes forked to read them copy-on-write touch every object's reference count, so each
worker ends up copying the pages of every text it reads. Here the cleaned texts are one UTF-8 buffer and
the segments one array of integers; indexing builds the ``SourceText`` on demand (in the worker that
needs it), and reading never writes to the shared pages.

>>> from narratrace.reuse.prepared import SourceText
>>> packed = PackedSources([SourceText("a", "Ünïcode text", (), ((0, 3, 12),), 12, "2020-01-01")])
>>> packed[0] == SourceText("a", "Ünïcode text", (), ((0, 3, 12),), 12, "2020-01-01")
True
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import overload

from narratrace.reuse.prepared import SourceText

# Lone surrogates (never produced by the reader, but possible in texts made by hand) survive the round trip.
_ERRORS = "surrogatepass"


class PackedSources(Sequence[SourceText]):
    """An append-only sequence of ``SourceText`` kept as flat buffers; ``masked`` spans can be replaced."""

    def __init__(self, sources: Iterable[SourceText] = ()) -> None:
        self._text = bytearray()
        self._text_ends = array("q")
        self._segments = array("q")  # (clean_start, orig_start, length) triples, flat
        self._segment_ends = array("q")  # end of each source's triples in ``_segments`` (in triples)
        self._clean_lengths = array("q")
        self._masked: dict[int, tuple[tuple[int, int], ...]] = {}  # only the few sources with masked spans
        self._published: list[str | None] = []
        self.ids: list[str] = []
        for source in sources:
            self.append(source)

    def append(self, source: SourceText) -> None:
        self._text += source.text.encode("utf-8", _ERRORS)
        self._text_ends.append(len(self._text))
        for segment in source.segments:
            self._segments.extend(segment)
        self._segment_ends.append(len(self._segments) // 3)
        self._clean_lengths.append(source.clean_length)
        if source.masked:
            self._masked[len(self.ids)] = source.masked
        self._published.append(source.published)
        self.ids.append(source.id)

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, index: int) -> SourceText: ...

    @overload
    def __getitem__(self, index: slice) -> list[SourceText]: ...

    def __getitem__(self, index: int | slice) -> SourceText | list[SourceText]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        index = self._checked(index)
        return SourceText(
            self.ids[index],
            self.text(index),
            self._masked.get(index, ()),
            self.segments(index),
            self._clean_lengths[index],
            self._published[index],
        )

    def __iter__(self) -> Iterator[SourceText]:
        return (self[i] for i in range(len(self)))

    def _checked(self, index: int) -> int:
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("source index out of range")
        return index

    def text(self, index: int) -> str:
        """The cleaned text of source ``index`` (decoded from the buffer)."""
        index = self._checked(index)
        start = self._text_ends[index - 1] if index else 0
        return self._text[start : self._text_ends[index]].decode("utf-8", _ERRORS)

    def segments(self, index: int) -> tuple[tuple[int, int, int], ...]:
        index = self._checked(index)
        start = self._segment_ends[index - 1] if index else 0
        numbers = iter(self._segments[3 * start : 3 * self._segment_ends[index]].tolist())
        return tuple(zip(numbers, numbers, numbers, strict=True))  # consecutive triples

    def masked(self, index: int) -> tuple[tuple[int, int], ...]:
        return self._masked.get(self._checked(index), ())

    def set_masked(self, index: int, spans: tuple[tuple[int, int], ...]) -> None:
        """Replace the masked spans of source ``index``."""
        index = self._checked(index)
        if spans:
            self._masked[index] = spans
        else:
            self._masked.pop(index, None)

    def text_bytes(self, index: int) -> int:
        """UTF-8 bytes of the text of source ``index``: at least its length in characters."""
        index = self._checked(index)
        return self._text_ends[index] - (self._text_ends[index - 1] if index else 0)

    def texts(self) -> Sequence[str]:
        """The cleaned texts as a sequence decoded one at a time, never all at once."""
        return _Texts(self)


class _Texts(Sequence[str]):
    def __init__(self, packed: PackedSources) -> None:
        self._packed = packed

    def __len__(self) -> int:
        return len(self._packed)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self._packed.text(i) for i in range(*index.indices(len(self)))]
        return self._packed.text(index)


def source_ids(sources: Sequence[SourceText]) -> list[str]:
    """The ids of ``sources`` without decoding a packed corpus's texts."""
    return list(sources.ids) if isinstance(sources, PackedSources) else [s.id for s in sources]


def source_published(sources: Sequence[SourceText]) -> dict[str, str | None]:
    """Each source's published date by id, without decoding a packed corpus's texts."""
    if isinstance(sources, PackedSources):
        return dict(zip(sources.ids, sources._published, strict=True))
    return {s.id: s.published for s in sources}


def text_size_bound(sources: Sequence[SourceText]) -> int:
    """An upper bound on the characters of all texts (UTF-8 bytes of a packed corpus), without decoding them."""
    if isinstance(sources, PackedSources):
        return len(sources._text)
    return sum(len(s.text) for s in sources)
