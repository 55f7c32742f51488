"""Fast exact scans for patterns that Python's regex engine would otherwise try at every character.

``re`` skips ahead quickly only when a pattern starts with a literal or a case-sensitive character class.
A case-insensitive pattern, or one opening with ``\\b`` or a look-behind, is tried at every position of
the text, which made date and time-cue scanning most of the cost of cleaning an article. The helpers here
find the few positions where such a pattern can match with a scan the engine does skip through, then try
the pattern only there. They return exactly the matches the plain scan returns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence


def ascii_folded(text: str) -> str | None:
    """``text`` lower-cased so that a case-sensitive search for lower-case ASCII letters finds exactly what a
    case-insensitive search of ``text`` finds, at the same offsets; None when lower-casing changes its length.

    Besides the ASCII capitals, only the Kelvin sign lower-cases to an ASCII letter ("k"), and "İ" to two
    characters (hence None); "ſ" and "ı" match "s" and "i" case-insensitively (re's extra case pairs) without
    lower-casing to them, so they are replaced.
    """
    low = text.lower()
    if len(low) != len(text):
        return None
    return low.replace("ſ", "s").replace("ı", "i")


def matches_from(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` when every match starts at one of ``starts`` (ascending, duplicates allowed).

    ``pattern.match(text, pos)`` sees the text before ``pos`` (look-behinds, ``\\b``), so trying the pattern
    at each start in order, skipping starts inside the previous match, is what finditer does. The pattern must
    not match the empty string.
    """
    end = 0
    for start in starts:
        if start < end:
            continue
        match = pattern.match(text, start)
        if match is not None:
            yield match
            end = match.end()


def literal_starts(text: str, literals: Sequence[str]) -> list[int]:
    """Every position where one of ``literals`` occurs in ``text`` (overlaps included), ascending.

    ``str.find`` per literal: a few fast substring searches cost far less than one regex alternation that
    stops at every character its literals may start with.
    """
    found: set[int] = set()
    for literal in literals:
        position = text.find(literal)
        while position >= 0:
            found.add(position)
            position = text.find(literal, position + 1)
    return sorted(found)


_DIGIT_RUN = re.compile(r"\d+")


def digit_run_starts(text: str) -> Iterator[int]:
    """The first position of every run of digits (``(?<!\\d)\\d``)."""
    return (match.start() for match in _DIGIT_RUN.finditer(text))
