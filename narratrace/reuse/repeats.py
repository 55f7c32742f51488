"""Sentences a page prints more than once: forms and widgets, which are page furniture, not prose.

A poll embedded in a post prints its question three times (heading, label, form field), a
newsletter box repeats its pitch, a share bar its "Share this article". Prose almost never says
the same sentence twice word for word, so a sentence of at least ``MIN_REPEATED_WORDS`` words found
twice or more in one text is taken for a widget. Two posts of one site carrying the same poll
share it without either reusing the other's reporting, and the poll is carried by only a handful
of posts, so corpus document frequency alone leaves it full weight: the shingles touching these
words are no evidence of reuse (``prepared.prepare``), like headline-case runs (``headlines.py``).

A widget's other lines go with it: the short lines right after a line of repeated sentences (a
poll's answers, its "Email *" field and consent lines) are furniture too, up to the first line of
prose (``WIDGET_LINE_WORDS`` words or more) and at most ``MAX_WIDGET_LINES`` lines. Each poll
has its own answers, carried by the same handful of posts as its question.

A text most of whose words are repeated sentences is a body scraped twice, not a page with a
widget: then nothing is taken for furniture (its copies must still be found).

Sentences end at line breaks and at ``.``, ``!`` or ``?`` before a space, so chrome run together
on one line (scraped text without line breaks) is split too.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
import numpy.typing as npt

from narratrace.reuse.tokens import Words

# A repeated sentence shorter than this ("Email *", "Yes.") is too short to make a shingle anyway
# and too common in prose ("I don't know.") to call a widget.
MIN_REPEATED_WORDS = 5
# Repeated sentences beyond this share of a text's words make a duplicated body, not a widget.
MAX_FURNITURE_SHARE = 0.5
# Lines after a repeated-sentence line that belong to the same widget: short (answers, form fields,
# consent lines are under 15 words; a paragraph of prose is longer) and few.
WIDGET_LINE_WORDS = 16
MAX_WIDGET_LINES = 10
_NEWLINE = re.compile("\n")
_SENTENCE_END = re.compile(r"\n|[.!?][\"'\u201d\u2019)]*(?=\s)")


def repeated_sentence_words(text: str, words: Words) -> npt.NDArray[np.bool_]:
    """True for each word of a sentence (>= ``MIN_REPEATED_WORDS`` words) the text holds twice or more."""
    count = len(words)
    flags = np.zeros(count, dtype=bool)
    if count < 2 * MIN_REPEATED_WORDS:
        return flags
    ends = np.array([m.end() for m in _SENTENCE_END.finditer(text)], dtype=np.int64)
    # Sentence number of each word: how many sentence ends lie before its start.
    sentence = np.searchsorted(ends, words.starts, side="right")
    bounds = np.flatnonzero(np.diff(sentence)) + 1
    starts = np.concatenate([[0], bounds])
    stops = np.concatenate([bounds, [count]])
    hashes = words.hashes
    keys = [
        hashes[start:stop].tobytes() if stop - start >= MIN_REPEATED_WORDS else b""
        for start, stop in zip(starts.tolist(), stops.tolist(), strict=True)
    ]
    seen = Counter(keys)
    for key, start, stop in zip(keys, starts.tolist(), stops.tolist(), strict=True):
        if key and seen[key] > 1:
            flags[start:stop] = True
    if flags.any():
        flags |= _widget_lines(text, words, flags)
    if flags.sum() > MAX_FURNITURE_SHARE * count:
        flags[:] = False
    return flags


def _widget_lines(text: str, words: Words, repeated: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    """Words of the short lines that follow a line made of repeated sentences (see the module docstring)."""
    newlines = np.array([m.start() for m in _NEWLINE.finditer(text)], dtype=np.int64)
    line = np.searchsorted(newlines, words.starts, side="right")  # line number of each word
    lines = int(line[-1]) + 1
    counts = np.bincount(line, minlength=lines)
    repeated_counts = np.bincount(line, weights=repeated.astype(np.float64), minlength=lines)
    widget = np.zeros(lines, dtype=bool)
    after_repeat = -1  # lines since the last all-repeated line; -1 when none is open
    for number in range(lines):
        if counts[number] == 0:
            continue
        if repeated_counts[number] == counts[number]:
            after_repeat = 0
        elif 0 <= after_repeat < MAX_WIDGET_LINES and counts[number] < WIDGET_LINE_WORDS:
            widget[number] = True
            after_repeat += 1
        else:
            after_repeat = -1
    return np.asarray(widget[line])
