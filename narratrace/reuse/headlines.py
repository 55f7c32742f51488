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
    starts, ends = words.starts.tolist(), words.ends.tolist()
    capital = [text[s].isupper() or text[s].isdigit() for s in starts]
    # A sentence or line ends a run: "... Theresa May. The talks" is no headline.
    marks = np.array([m.start() for m in _BREAK.finditer(text)], dtype=np.int64)
    between = np.searchsorted(marks, words.starts[1:]) - np.searchsorted(marks, words.ends[:-1])
    breaks = [False, *(between > 0).tolist()]
    run_start = 0
    for k in range(count + 1):
        if k < count and capital[k] and not (breaks[k] and k > run_start):
            continue
        if k - run_start >= MIN_HEADLINE_WORDS and any(
            text[starts[m] : ends[m]].casefold() in _FUNCTION_WORDS for m in range(run_start + 1, k)
        ):
            flags[run_start:k] = True
        run_start = k + 1 if k == count or not capital[k] else k
    return flags


def headline_shingles(flags: npt.NDArray[np.bool_], size: int) -> npt.NDArray[np.bool_]:
    """True for each shingle (``size`` words from word k) touching a headline word."""
    count = len(flags) - size + 1
    if count <= 0:
        return np.zeros(max(count, 0), dtype=bool)
    touched = np.concatenate([[0], np.cumsum(flags)])
    return np.asarray(touched[size : size + count] - touched[:count] > 0)
