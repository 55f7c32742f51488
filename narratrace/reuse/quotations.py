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

Two apostrophes in a row are a double mark: some archives (the New York Times' among them) print
every quotation as ''like this'', and no word holds two apostrophes.

Single curly quotes are quotation marks too (British outlets print every quotation so), but the
closing one is also the apostrophe ("Syria’s", "the Smiths’ house"), so they count only in a strict
form (``_SINGLE_QUOTED``): ‘ at the start of a word, the first ’ after it that ends a word (not
followed by a letter), on one line, enclosing at least ``MIN_SINGLE_QUOTED_WORDS`` words ("rock
‘n’ roll" does not), and never inside a double quotation (a quote within a quote is quoted already).
Straight single quotes stay out: they are apostrophes far more often than marks.

Embedded posts are quotations without marks: a tweet is its author's words wherever it appears.
Scraped pages keep them as ``<tweet ...>text</tweet>`` markup, or as the rendered embed, a line
signed "— Name (@handle) Month D, YYYY" (``_TWEET_SIGNATURE``; scraped pages may run the next
paragraph on after it): the tweet is the text before the signature on its line (at most
``MAX_TWEET_CHARACTERS``), or the line above when the signature starts its line.
"""

from __future__ import annotations

import re

import numpy as np
import numpy.typing as npt

_DOUBLE_MARKS = '"\u201c\u201d\u201e\u201f\u00ab\u00bb\u301d\u301e\uff02'
_DOUBLE_QUOTES = re.compile(f"''|[{_DOUBLE_MARKS}]")
# Marks that can only open, or only close, a quotation; the rest (straight quotes) go by parity.
_OPENING = frozenset("\u201c\u201e\u00ab\u301d")
_CLOSING = frozenset("\u201d\u00bb\u301e")
_SINGLE_QUOTED = re.compile(r"(?<![^\s(\[\u2014\u2013-])\u2018(?=\w)([^\u2018\u2019\n]*?\S)\u2019(?!\w)")
MIN_SINGLE_QUOTED_WORDS = 3
_TWEET_MARKUP = re.compile(r"<tweet\b[^>\n]*>([^<]*)</tweet>", re.IGNORECASE)
_TWEET_SIGNATURE = re.compile(r"\s[\u2014\u2013-]+ [^\n\u2014]{1,80}\(@\w{1,30}\) [A-Z][a-z]+ \d{1,2}, \d{4}\b")
# A tweet holds 280 characters; a longer line before a signature is the outlet's prose and the tweet.
MAX_TWEET_CHARACTERS = 300
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
    """Sorted, disjoint spans (start, end) of quoted text: marked, or an embedded post (see the module docstring)."""
    double = _double_quotation_spans(text)
    spans = double + [s for s in _single_quotation_spans(text) if not _inside_any(s, double)] + _tweet_spans(text)
    if not spans:
        return np.zeros((0, 2), dtype=np.int64)
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return np.array(merged, dtype=np.int64)


def _inside_any(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in spans)


def _single_quotation_spans(text: str) -> list[tuple[int, int]]:
    if "\u2018" not in text:  # the pattern needs one; its look-behind would otherwise be tried at every character
        return []
    return [
        (m.start(1), m.end(1))
        for m in _SINGLE_QUOTED.finditer(text)
        if len(m.group(1).split()) >= MIN_SINGLE_QUOTED_WORDS
    ]


def _tweet_spans(text: str) -> list[tuple[int, int]]:
    # Markup needs a "<" and a signature a "(@": most texts have neither, and the patterns
    # (one case-blind, one opening with any space) would otherwise be tried at every character.
    spans = [(m.start(1), m.end(1)) for m in _TWEET_MARKUP.finditer(text)] if "<" in text else []
    if "(@" not in text:
        return spans
    for signature in _TWEET_SIGNATURE.finditer(text):
        line_start = text.rfind("\n", 0, signature.start()) + 1
        if not text[line_start : signature.start()].strip():  # the signature alone: the tweet is the line above
            end = max(0, line_start - 1)
            line_start = text.rfind("\n", 0, end) + 1
        else:
            end = signature.start()
        start = max(line_start, end - MAX_TWEET_CHARACTERS)
        if start > line_start:  # cut inside the line: start at the next word
            start = text.find(" ", start, end) + 1 or start
        if end > start:
            spans.append((start, end))
    return spans


def _double_quotation_spans(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of the text inside double quotation marks (see the module docstring)."""
    spans: list[tuple[int, int]] = []
    # No mark, no quotation: most texts skip the walk (substring tests are ~8x faster than the pattern's search).
    if "''" not in text and not any(mark in text for mark in _DOUBLE_MARKS):
        return spans
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
    return spans
