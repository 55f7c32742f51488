"""Quotations over several lines: where a decoded content may run on over a line break, and which quotation
with no speaker of its own continues the one before it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from narratrace.claims.attribution_decode import LinkedAttribution

_OPENING_QUOTE = re.compile(r"[“\"]")
# What may stand between a quotation with its speaker and the next one: the end of the first one's sentence and
# the line break (a paragraph's or a sentence's own line).
_BETWEEN_QUOTATIONS = re.compile(r"[\s.,;:!?]*\n\s*")


def quotation_open_at(text: str, start: int, line_end: int) -> bool:
    """Whether a double quotation (curly or straight) opened in ``text[start:line_end]`` is still open at its end,
    a line break: ``start`` is where a content begins, so a quotation opened on an earlier line of it counts."""
    line = text[start:line_end]
    curly_open, curly_close = line.rfind("“"), line.rfind("”")
    if curly_open >= 0 or curly_close >= 0:
        return curly_open > curly_close
    return line.count('"') % 2 == 1


def continued_quotations(text: str, linked: Sequence[LinkedAttribution]) -> list[LinkedAttribution]:
    """A quotation that opens a line, with no source and no cue of its own, takes the source and cue of the
    attribution just before it when that one is a quotation too and only a line break stands between them:

        “For as long as there have been White House press conferences, ...,” the group wrote on Monday.
        “We fully expect this tradition will continue.”

    PolNeAR reads such a paragraph as the same attribution (its content's hull runs over both); left alone, the
    claims stage took it as the article's own assertion and the sourcing counted it unattributed.
    """
    out = list(linked)
    previous = None
    for index in sorted(range(len(out)), key=lambda i: out[i].content):
        attribution = out[index]
        start = attribution.content[0]
        if (
            previous is not None
            and attribution.source is None
            and attribution.cue is None
            and previous.source is not None
            and _OPENING_QUOTE.match(text, start)
            and (start == 0 or text[start - 1] == "\n" or text[:start].endswith(("\n ", "\n\t")))
            and _OPENING_QUOTE.match(text, previous.content[0])
        ):
            last_end = max(part[1] for part in (previous.source, previous.cue, previous.content) if part is not None)
            if last_end <= start and _BETWEEN_QUOTATIONS.fullmatch(text, last_end, start):
                attribution = out[index] = replace(attribution, source=previous.source, cue=previous.cue)
        previous = attribution
    return out
