"""The words of ``repeated._WORD`` (split where scrapers glue fields) found and hashed with numpy.

``_WORD`` is ``[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\\d+|[^\\W\\d_]+``: Python's regex engine tries its four
branches at every character, which made finding words most of the cost of masking repeated chrome.
What the regex finds, read as rules on runs of characters:

* words never cross a run of letters (``[^\\W\\d_]``: word characters but digits and ``_``) or of
  decimal digits; a run of digits is one word;
* in a run of letters, from its first non-ASCII letter on, the rest of the run is one word (the last
  branch takes every letter, ASCII ones included);
* before that, ASCII letters split where a capital follows a lower-case letter ("standardsDiscussion")
  and before the last capital of several followed by a lower-case letter ("HTMLParser": HTML, Parser).

Each word is hashed from its case-folded characters (a polynomial over 64-bit integers, as
``reuse.tokens`` does), so two words get the same hash exactly when they case-fold to the same string
(hash collisions aside). ``tests/clean/test_repeated.py`` checks words and hashes against the regex.
"""

from __future__ import annotations

import re

import numpy as np
import numpy.typing as npt

from narratrace.clean.word_hash import span_hashes

U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]

_ASCII_UPPER = np.zeros(128, dtype=bool)
_ASCII_UPPER[ord("A") : ord("Z") + 1] = True
_ASCII_LOWER = np.zeros(128, dtype=bool)
_ASCII_LOWER[ord("a") : ord("z") + 1] = True
_LETTER = np.zeros(128, dtype=bool)  # [^\W\d_] among ASCII: the letters
_LETTER[_ASCII_UPPER | _ASCII_LOWER] = True
_DIGIT = np.zeros(128, dtype=bool)
_DIGIT[ord("0") : ord("9") + 1] = True


def _classes(codes: npt.NDArray[np.uint32]) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """Per character: a letter (``[^\\W\\d_]``), a decimal digit (``\\d``); as ``re`` decides them for str."""
    low = np.minimum(codes, 127)
    letter, digit = _LETTER[low], _DIGIT[low]
    high = codes >= 128
    if high.any():
        distinct, inverse = np.unique(codes[high], return_inverse=True)
        chars = [chr(c) for c in distinct.tolist()]
        letter[high] = np.array([c.isalnum() and not c.isdecimal() for c in chars], dtype=bool)[inverse.reshape(-1)]
        digit[high] = np.array([c.isdecimal() for c in chars], dtype=bool)[inverse.reshape(-1)]
    return letter, digit


# ASCII classes: 0 no word character, 1 capital, 2 lower-case letter, 3 digit.
_ASCII_CLASS = np.zeros(128, dtype=np.uint8)
_ASCII_CLASS[_ASCII_UPPER], _ASCII_CLASS[_ASCII_LOWER], _ASCII_CLASS[_DIGIT] = 1, 2, 3


def _starts_word(previous: int, current: int, following: int) -> bool:
    """Whether a word starts at a character of class ``current`` between the two given (ASCII text)."""
    if current == 3:
        return previous != 3
    if current in (1, 2):
        letter_run_start = previous not in (1, 2)
        return letter_run_start or (current == 1 and (previous == 2 or (previous == 1 and following == 2)))
    return False


# Indexed by previous * 16 + current * 4 + following.
_STARTS_WORD = np.array([_starts_word(k // 16, k // 4 % 4, k % 4) for k in range(64)], dtype=bool)


def _ascii_word_spans(codes: npt.NDArray[np.uint32]) -> tuple[I64, I64]:
    """``word_spans`` of an ASCII text: one look-up of (previous, current, following) classes per character."""
    classes = np.zeros(len(codes) + 2, dtype=np.uint8)
    classes[1:-1] = _ASCII_CLASS[codes]
    starts = _STARTS_WORD[classes[:-2] * 16 + classes[1:-1] * 4 + classes[2:]]
    word, following_word = classes[1:-1] > 0, classes[2:] > 0
    ends = word & (~following_word | np.append(starts[1:], True))
    return np.flatnonzero(starts).astype(np.int64), np.flatnonzero(ends).astype(np.int64) + 1


def word_spans(text: str) -> tuple[I64, I64]:
    """Start and end offsets of the words ``_WORD.finditer(text)`` finds, in order."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    n = len(codes)
    if not n:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    if text.isascii():
        return _ascii_word_spans(codes)
    letter, digit = _classes(codes)
    low = np.minimum(codes, 127)
    ascii_letter = letter & (codes < 128)
    upper, lower = _ASCII_UPPER[low] & ascii_letter, _ASCII_LOWER[low] & ascii_letter
    index = np.arange(n)
    before = np.concatenate([[False], letter[:-1]])
    letter_starts = letter & ~before
    digit_starts = digit & ~np.concatenate([[False], digit[:-1]])
    # The tail of a letter run: from its first non-ASCII letter to its end (one word).
    last_run_start = np.maximum.accumulate(np.where(letter_starts, index, -1))
    last_non_ascii = np.maximum.accumulate(np.where(letter & ~ascii_letter, index, -1))
    tail = letter & (last_non_ascii >= last_run_start)
    tail_starts = tail & ~np.concatenate([[False], tail[:-1]])
    previous_upper, previous_lower = np.concatenate([[False], upper[:-1]]), np.concatenate([[False], lower[:-1]])
    next_lower = np.concatenate([lower[1:], [False]])
    case_starts = upper & ~tail & (previous_lower | (previous_upper & next_lower))
    starts = np.flatnonzero(letter_starts | digit_starts | tail_starts | case_starts)
    # A word ends at the next word's start or where its run of letters or digits ends, whichever comes first.
    run_ends = (
        np.flatnonzero(
            (letter & ~np.concatenate([letter[1:], [False]])) | (digit & ~np.concatenate([digit[1:], [False]]))
        )
        + 1
    )
    next_start = np.append(starts[1:], n)
    ends = np.minimum(next_start, run_ends[np.searchsorted(run_ends, starts, side="right")])
    return starts.astype(np.int64), ends.astype(np.int64)


def word_hashes(text: str, pattern: re.Pattern[str]) -> U64:
    """A 64-bit hash of each word of ``pattern.findall(text)`` (``repeated._WORD``), from its case-folded form."""
    folded = text.casefold()
    if len(folded) == len(text):
        starts, ends = word_spans(text)
    else:  # a character case-folds to several ("ß"): hash the regex's words, case-folded one by one
        words = [word.casefold() for word in pattern.findall(text)]
        folded = "".join(words)
        ends = np.cumsum([len(word) for word in words], dtype=np.int64)
        starts = ends - np.array([len(word) for word in words], dtype=np.int64)
    return _polynomial(folded, starts, ends)


def _polynomial(text: str, starts: I64, ends: I64) -> U64:
    """The hash of each word span of ``text`` (``clean.word_hash``, as reuse's shingles hash their words)."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return span_hashes(codes, starts, ends)
