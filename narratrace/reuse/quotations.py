"""Where a text quotes someone: spans between double quotation marks, across lines where news puts them.

Three conventions of news text decide the rules:

* a quotation opened and closed on one line is the span between the marks;
* a quotation of several paragraphs opens a mark at the start of every paragraph and closes only at
  the end, so a quotation left open runs to the end of its line (the next paragraph opens its own);
* a quoted letter or statement whose middle paragraphs carry no marks at all (one opening mark,
  one closing mark several lines below): a quotation left open continues over the following lines
  that carry no mark, when the first mark after them closes it. If the next mark opens a new
  quotation instead, or none comes within ``MAX_CARRIED_LINES``, the open quotation was a stray
  mark and stops at the end of its line as before.

Single quotes are left out on purpose: the same characters are apostrophes ("Syria’s"), which would
open phantom quotations. Two apostrophes in a row are a double mark: some archives (the New York
Times' among them) print every quotation as ''like this'', and no word holds two apostrophes.
"""

from __future__ import annotations

import re

import numpy as np
import numpy.typing as npt

_DOUBLE_QUOTES = re.compile("''|[\"\u201c\u201d\u201e\u201f\u00ab\u00bb\u301d\u301e\uff02]")
# Marks that can only open, or only close, a quotation; the rest (straight quotes) go by parity.
_OPENING = frozenset("\u201c\u201e\u00ab\u301d")
_CLOSING = frozenset("\u201d\u00bb\u301e")
# A letter or statement quoted without marks on its middle paragraphs rarely runs longer; an open
# mark with no close this far below is a stray one.
MAX_CARRIED_LINES = 15


def _closes_carried(line: str, mark: int, mark_end: int) -> bool:
    """Whether the mark ``line[mark:mark_end]`` closes a quotation carried from lines above.

    Curly and angle marks say so themselves; a straight quote closes when it follows a word or
    punctuation and is not followed by one (``...this."`` closes, ``said "We`` opens).
    """
    char = line[mark]
    if char in _CLOSING:
        return True
    if char in _OPENING:
        return False
    after = line[mark_end : mark_end + 1]
    return mark > 0 and not line[mark - 1].isspace() and not after.isalnum()


def quotation_spans(text: str) -> npt.NDArray[np.int64]:
    """Spans (start, end) of the text inside double quotation marks (see the module docstring)."""
    spans: list[tuple[int, int]] = []
    carried: tuple[int, int] | None = None  # (index in spans of a quotation left open, lines carried since)
    line_start = 0
    for line in text.split("\n"):
        # (start, end) of each mark; a quotation's text starts after its opening mark's end.
        marks = [(m.start() + line_start, m.end() + line_start) for m in _DOUBLE_QUOTES.finditer(line)]
        line_end = line_start + len(line)
        first = 0
        if carried is not None:
            if not marks:
                carried = (carried[0], carried[1] + 1) if carried[1] < MAX_CARRIED_LINES else None
                line_start = line_end + 1
                continue
            if _closes_carried(line, marks[0][0] - line_start, marks[0][1] - line_start):
                spans[carried[0]] = (spans[carried[0]][0], marks[0][0])
                first = 1
            carried = None
        for k in range(first, len(marks), 2):
            if k + 1 < len(marks):
                spans.append((marks[k][1], marks[k + 1][0]))
            else:
                spans.append((marks[k][1], line_end))
                carried = (len(spans) - 1, 1)
        line_start = line_end + 1
    if not spans:
        return np.zeros((0, 2), dtype=np.int64)
    return np.array(spans, dtype=np.int64)
