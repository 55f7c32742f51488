"""The vectorised headline-run finder flags exactly the words the plain loop over words flags."""

from __future__ import annotations

import random

import numpy as np
import numpy.typing as npt

from narratrace.reuse import headlines
from narratrace.reuse.tokens import Words, tokenize


def _loop_form(text: str, words: Words) -> npt.NDArray[np.bool_]:
    """The plain form: one pass over the words, closing a run at a lower-case word or a break."""
    count = len(words)
    flags = np.zeros(count, dtype=bool)
    if count < headlines.MIN_HEADLINE_WORDS:
        return flags
    starts, ends = words.starts.tolist(), words.ends.tolist()
    capital = [text[s].isupper() or text[s].isdigit() for s in starts]
    marks = np.array([m.start() for m in headlines._BREAK.finditer(text)], dtype=np.int64)
    between = np.searchsorted(marks, words.starts[1:]) - np.searchsorted(marks, words.ends[:-1])
    breaks = [False, *(between > 0).tolist()]
    run_start = 0
    for k in range(count + 1):
        if k < count and capital[k] and not (breaks[k] and k > run_start):
            continue
        if k - run_start >= headlines.MIN_HEADLINE_WORDS and any(
            text[starts[m] : ends[m]].casefold() in headlines._FUNCTION_WORDS for m in range(run_start + 1, k)
        ):
            flags[run_start:k] = True
        run_start = k + 1 if k == count or not capital[k] else k
    return flags


_PIECES = ["Rand", "Paul", "Scores", "Hit", "On", "The", "the", "of", "Of", "And", "x", "İstanbul", "ıa", "Émile",
           "9", "2020", ". ", ": ", "\n", "“", "”", '"', " ", " ", " ", "For", "über", "\udcff"]  # fmt: skip


def test_headline_runs_match_the_loop_form() -> None:
    rng = random.Random(8)
    texts = ["", "One", "Rand Paul Scores Direct Hit On Donald Trump", "A B C D E F"]
    texts += ["".join(rng.choice(_PIECES) for _ in range(rng.randrange(0, 60))) for _ in range(3000)]
    # Mostly capitalised words, so that many runs are long enough to be headlines.
    capitals = ["Rand", "Paul", "On", "The", "Of", "For", "9", "Émile", "İstanbul", "the", ". ", "\n"]
    texts += [" ".join(rng.choice(capitals) for _ in range(rng.randrange(0, 30))) for _ in range(3000)]
    flagged = 0
    for text in texts:
        words = tokenize(text)
        fast = headlines.headline_words(text, words)
        assert np.array_equal(fast, _loop_form(text, words)), text
        flagged += int(fast.sum())
    assert flagged > 1000
