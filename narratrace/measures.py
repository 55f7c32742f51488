"""Corpus measures every stage and view shares, defined once: words, sentences, rates per 1,000 words, linked groups.

One definition each, so an article's technique rate in ``analysis.json``, in ``technique_profiles.csv`` and in
the report's story comparison are the same number, and "articles that belong together" means the same
thing in the outlet network's story DAGs and in the report.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

# A word: letters/digits, with inner hyphens and apostrophes ("so-called", "Assad's") kept in one word.
WORD_RE = re.compile(r"\w+(?:[-'’]\w+)*")


# A sentence ends at . ! or ? (and closing quotes or brackets) before whitespace and a capital, digit or opening
# quote, or at a line break: fast, and good enough for news, where headlines and captions have no full stop.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])|\n+")


_CLOSING_QUOTES = '"\u201d\u2019'
# A full stop after a title or an initial rarely ends a sentence in news: "New York Gov. Andrew Cuomo", "the U.S.
# Embassy", "John F. Kennedy". Cutting there gave ~8% of the sentences of real news leads as fragments ("The U.S.").
_CUT_AFTER = re.compile(
    r"(?:\b(?:Gov|Sens?|Reps?|Rev|Dr|Gen|Mr|Mrs|Ms|St|Lt|Col|Fr|Msgr|Sgt|Prof|Jr|Sr)|(?<![\w.])(?:[A-Z]\.)*[A-Z])\.$"
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text``, whitespace trimmed, empty ones dropped.

    A sentence that ends on a title or an initial ("Gov.", "U.S.", "J.") runs on into the next in the same paragraph,
    and a closing quote after the full stop stays with its sentence (“... a ‘White House employee.”)."""
    mended: list[tuple[int, int]] = []
    for start, end in _split_at_stops(text):
        while end < len(text) and text[end] in _CLOSING_QUOTES:
            end += 1
        previous_end = mended[-1][1] if mended else 0
        # Only the last few characters are searched: a search from 0 would read the text once per sentence.
        if (
            mended
            and _CUT_AFTER.search(text, max(0, previous_end - 16), previous_end)
            and "\n\n" not in text[previous_end:start]
        ):
            mended[-1] = (mended[-1][0], end)
        else:
            mended.append((start, end))
    return mended


def _split_at_stops(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    position = 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(text)))
    trimmed = []
    for start, end in spans:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            trimmed.append((start, end))
    return trimmed


def count_words(text: str) -> int:
    return sum(1 for _ in WORD_RE.finditer(text))


def per_1000_words(count: float, words: int) -> float:
    """``count`` per 1,000 words, rounded to 3 decimals; 0 for an empty text (nothing to compare)."""
    return round(count * 1000.0 / words, 3) if words > 0 else 0.0


def linked_groups(links: Iterable[tuple[str, str]]) -> list[list[str]]:
    """Connected groups of ids joined by ``links`` (e.g. articles joined by copy pairs), largest first.

    Each group is sorted; groups of equal size are ordered by their ids, so the result is deterministic.
    """
    parent: dict[str, str] = {}

    def find(item: str) -> str:
        root = parent.setdefault(item, item)
        while parent[root] != root:
            root = parent[root]
        while parent[item] != root:
            parent[item], item = root, parent[item]
        return root

    for a, b in links:
        root_a, root_b = find(a), find(b)
        if root_a != root_b:
            parent[max(root_a, root_b)] = min(root_a, root_b)
    groups: dict[str, list[str]] = defaultdict(list)
    for item in parent:
        groups[find(item)].append(item)
    return sorted((sorted(g) for g in groups.values()), key=lambda g: (-len(g), g))
