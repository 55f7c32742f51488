"""Headline-case runs: titles of linked articles, books and videos, which are page furniture, not prose.

"Related:" lists, "Read more" links and book promos print other pages' titles in headline case
("Rand Paul Scores Direct Hit On Donald Trump"): every word capitalised, the short function words
too. Two pages of one site share such lists without either reusing the other's reporting, so the
shingles touching these words are no evidence of reuse. Names and titles of office in prose keep
their function words lower case ("Syrian Observatory for Human Rights"), and a sentence capitalises
only its first word, so neither is taken for a headline.
"""

from __future__ import annotations

import re

import numpy as np
import numpy.typing as npt

from narratrace.reuse.tokens import Words

# Short function words that prose writes in lower case and headline case capitalises.
_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "on",
        "to",
        "in",
        "for",
        "and",
        "by",
        "at",
        "with",
        "from",
        "as",
        "is",
        "are",
        "but",
        "or",
        "about",
        "into",
        "over",
        "after",
        "than",
        "its",
    ]
)
# A run needs this many capitalised words in a row to be a headline (a name with a title is shorter).
MIN_HEADLINE_WORDS = 5
_BREAK = re.compile(r"[.!?:;\n\"\u201c\u201d]")


def headline_words(text: str, words: Words) -> npt.NDArray[np.bool_]:
    """True for each word inside a run of >= ``MIN_HEADLINE_WORDS`` capitalised words that capitalises
    a function word after its first word."""
    count = len(words)
    flags = np.zeros(count, dtype=bool)
    if count < MIN_HEADLINE_WORDS:
        return flags
    capital = _capitalised(text, words.starts)
    # A sentence or line ends a run: "... Theresa May. The talks" is no headline.
    marks = np.array([m.start() for m in _BREAK.finditer(text)], dtype=np.int64)
    between = np.searchsorted(marks, words.starts[1:]) - np.searchsorted(marks, words.ends[:-1])
    # Runs: consecutive capitalised words, a new run after a lower-case word or a break.
    opens = capital.copy()
    opens[1:] &= ~capital[:-1] | (between > 0)
    run_starts = np.flatnonzero(opens)
    # A run ends at the first word after it that is not capitalised or follows a break.
    closes = ~capital
    closes[1:] |= between > 0
    close_at = np.append(np.flatnonzero(closes), count)
    run_ends = close_at[np.searchsorted(close_at, run_starts, side="right")]
    starts, ends = words.starts, words.ends
    for first, stop in zip(run_starts.tolist(), run_ends.tolist(), strict=True):  # the few long runs only
        if stop - first >= MIN_HEADLINE_WORDS and any(
            text[starts[m] : ends[m]].casefold() in _FUNCTION_WORDS for m in range(first + 1, stop)
        ):
            flags[first:stop] = True
    return flags


def _capitalised(text: str, starts: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    """Whether each word's first character is upper-case or a digit (decided once per distinct character)."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)[starts]
    distinct, inverse = np.unique(codes, return_inverse=True)
    capital = np.array([chr(c).isupper() or chr(c).isdigit() for c in distinct.tolist()], dtype=bool)
    return capital[inverse.reshape(-1)]


def headline_shingles(flags: npt.NDArray[np.bool_], size: int) -> npt.NDArray[np.bool_]:
    """True for each shingle (``size`` words from word k) touching a headline word."""
    count = len(flags) - size + 1
    if count <= 0:
        return np.zeros(max(count, 0), dtype=bool)
    touched = np.concatenate([[0], np.cumsum(flags)])
    return np.asarray(touched[size : size + count] - touched[:count] > 0)
