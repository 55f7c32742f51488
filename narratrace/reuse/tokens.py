"""Words and word n-gram shingles of a cleaned text, hashed with vectorised numpy arithmetic.

Everything here is deterministic across processes and machines (no Python ``hash()``, which is
salted per process), so the local and Spark engines index exactly the same shingles.

A word is a maximal run of word characters (ASCII letters, digits, ``_`` and any non-ASCII
character outside the common punctuation, symbol and space blocks), casefolded. Punctuation,
quotes and spacing never reach a hash, so curly vs straight quotes or a changed comma do not
break a match.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from narratrace.clean.word_hash import mix64, span_hashes

U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]

_MASK64 = (1 << 64) - 1
# Per-position multipliers for combining word hashes into an order-sensitive n-gram hash.
_POSITION_KEYS = np.array(
    [(0x9E3779B97F4A7C15 * (2 * k + 1)) & _MASK64 | 1 for k in range(64)],
    dtype=np.uint64,
)

# Code points below 128 that are word characters.
_ASCII_WORD = np.zeros(128, dtype=bool)
for _c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_":
    _ASCII_WORD[ord(_c)] = True
# Non-ASCII blocks that are punctuation, symbols or spaces, not word characters (inclusive ranges).
_NON_WORD_RANGES = (
    (0x80, 0xBF),  # C1 controls, NBSP, Latin-1 punctuation (« » ¿ ...)
    (0xD7, 0xD7),
    (0xF7, 0xF7),
    (0x2000, 0x206F),  # general punctuation: curly quotes, dashes, ellipsis, zero-width spaces
    (0x20A0, 0x20CF),  # currency
    (0x2100, 0x2BFF),  # letterlike, arrows, maths, box drawing, shapes, dingbats
    (0x3000, 0x303F),  # CJK punctuation
    (0xE000, 0xF8FF),  # private use
    (0xFE30, 0xFE4F),
    (0xFEFF, 0xFEFF),  # byte-order mark
    (0xFF00, 0xFF0F),
    (0xFF1A, 0xFF20),
    (0xFF3B, 0xFF40),
    (0xFF5B, 0xFF65),
    (0x1F000, 0x1FAFF),  # emoji and pictographs
)


@dataclass(frozen=True)
class Words:
    """The words of one cleaned text: character spans (cleaned coordinates) and a 64-bit hash each."""

    starts: I64
    ends: I64
    hashes: U64

    def __len__(self) -> int:
        return len(self.hashes)


def _casefolded(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few characters lower-case to two (``İ``); keep those as they are so positions stay aligned.
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


# Word-ness of every code point (1.1 MB): one table look-up per character.
_WORD_TABLE = np.ones(0x110000, dtype=bool)
_WORD_TABLE[:128] = _ASCII_WORD
for _low, _top in _NON_WORD_RANGES:
    _WORD_TABLE[_low : _top + 1] = False


def _word_mask(codes: npt.NDArray[np.uint32]) -> npt.NDArray[np.bool_]:
    return np.asarray(_WORD_TABLE[codes])


def _word_mask_by_ranges(codes: npt.NDArray[np.uint32]) -> npt.NDArray[np.bool_]:
    """``_word_mask`` from its definition (the ASCII table and the non-word ranges), for tests."""
    ascii_part = codes < 128
    mask = np.zeros(len(codes), dtype=bool)
    mask[ascii_part] = _ASCII_WORD[codes[ascii_part]]
    high = ~ascii_part
    if high.any():
        high_codes = codes[high]
        word = np.ones(len(high_codes), dtype=bool)
        for low, top in _NON_WORD_RANGES:
            word &= ~((high_codes >= low) & (high_codes <= top))
        mask[high] = word
    return mask


def tokenize(text: str, masked: tuple[tuple[int, int], ...] = ()) -> Words:
    """Words of ``text`` with their spans, skipping words that start inside a ``masked`` span."""
    empty = Words(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.uint64))
    if not text:
        return empty
    codes = np.frombuffer(_casefolded(text).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    is_word = _word_mask(codes)
    padded = np.concatenate([[False], is_word, [False]])
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    starts = edges[0::2].astype(np.int64)
    ends = edges[1::2].astype(np.int64)
    if masked and len(starts):
        keep = np.ones(len(starts), dtype=bool)
        for m_start, m_end in masked:
            keep &= ~((starts >= m_start) & (starts < m_end))
        starts, ends = starts[keep], ends[keep]
    if not len(starts):
        return empty
    return Words(starts, ends, span_hashes(codes, starts, ends))


def shingle_hashes(word_hashes: U64, size: int) -> U64:
    """Hash of every run of ``size`` consecutive words; element ``i`` starts at word ``i``."""
    count = len(word_hashes) - size + 1
    if count <= 0:
        return np.zeros(0, dtype=np.uint64)
    combined = np.zeros(count, dtype=np.uint64)
    for k in range(size):
        combined += word_hashes[k : k + count] * _POSITION_KEYS[k % len(_POSITION_KEYS)]
    return mix64(combined)


def sorted_unique(values: U64) -> U64:
    """Distinct values, sorted (a sort and a compare: faster than ``np.unique`` on uint64 here)."""
    ordered = np.sort(values)
    if len(ordered) < 2:
        return ordered
    keep = np.empty(len(ordered), dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


def document_shingles(text: str, masked: tuple[tuple[int, int], ...], size: int) -> U64:
    """Sorted distinct shingle hashes of one text: what the candidate index stores per document."""
    return sorted_unique(shingle_hashes(tokenize(text, masked).hashes, size))
