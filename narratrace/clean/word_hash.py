"""64-bit hashes of words (character spans of a text), computed for all words of a text at once with numpy.

One definition for the two places that hash words: repeated chrome (``clean.glued_words``) and reuse's
shingles (``reuse.tokens``). Deterministic across processes and machines (no salted Python ``hash()``), so
the local and Spark engines see the same hashes.

A word's hash is the polynomial ``sum((code_k + 1) * BASE**(k - start))`` over its characters, from prefix
sums over the whole text (uint64 arithmetic wraps modulo 2**64; BASE is odd, so ``BASE**-start`` exists and
shifts every word to position 0: the same word hashes the same wherever it stands), then mixed with
splitmix64's finaliser so that every input bit reaches every output bit.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]

BASE = 0x100000001B3
_BASE_INVERSE = pow(BASE, -1, 1 << 64)


class _Powers:
    """``BASE**k`` and ``BASE**-k`` modulo 2**64 for k up to the longest text so far (grown, never rebuilt)."""

    forward: U64 = np.ones(1, np.uint64)
    inverse: U64 = np.ones(1, np.uint64)

    @classmethod
    def ensure(cls, length: int) -> None:
        if len(cls.forward) > length:
            return
        size = max(length + 1, 2 * len(cls.forward), 8192)
        ones = np.ones(1, np.uint64)
        cls.forward = np.concatenate([ones, np.cumprod(np.full(size - 1, BASE, np.uint64), dtype=np.uint64)])
        cls.inverse = np.concatenate([ones, np.cumprod(np.full(size - 1, _BASE_INVERSE, np.uint64), dtype=np.uint64)])


def span_hashes(codes: npt.NDArray[np.uint32], starts: I64, ends: I64) -> U64:
    """The hash of each span ``codes[start:end]`` of a text's code points (already case-folded if wanted)."""
    if not len(starts):
        return np.zeros(0, np.uint64)
    wide = codes.astype(np.uint64)
    _Powers.ensure(len(wide) + 1)
    weighted = (wide + np.uint64(1)) * _Powers.forward[: len(wide)]
    prefix = np.concatenate([np.zeros(1, np.uint64), np.cumsum(weighted, dtype=np.uint64)])
    return mix64((prefix[ends] - prefix[starts]) * _Powers.inverse[starts])


def mix64(values: U64) -> U64:
    """splitmix64's finaliser: spreads every input bit over the whole 64-bit output."""
    x = values.copy()
    x ^= x >> np.uint64(30)
    x *= np.uint64(0xBF58476D1CE4E5B9)
    x ^= x >> np.uint64(27)
    x *= np.uint64(0x94D049BB133111EB)
    x ^= x >> np.uint64(31)
    return x
