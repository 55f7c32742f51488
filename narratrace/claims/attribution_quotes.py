"""Quotations the tagger left without a speaker: where a decoded content may run on over a line break, which
quotation continues the one before it, and which names its speaker right after it (`"...," the judge ruled.`)."""

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
            and text[text.rfind("\n", 0, start) + 1 : start] in ("", " ", "\t")  # it opens its line
            and _OPENING_QUOTE.match(text, previous.content[0])
        ):
            last_end = max(part[1] for part in (previous.source, previous.cue, previous.content) if part is not None)
            if last_end <= start and _BETWEEN_QUOTATIONS.fullmatch(text, last_end, start):
                attribution = out[index] = replace(attribution, source=previous.source, cue=previous.cue)
        previous = attribution
    return out


# Verbs that introduce a quotation's speaker after it: `"...," the judge ruled.` / `"...," said Mr. Smith.`
_SPEECH_VERB = (
    r"(?:said|says|say|told|tells|wrote|writes|added|adds|ruled|rules|explained|explains|stated|states|argued|argues|"
    r"noted|notes|warned|warns|insisted|insists|continued|concluded|declared|asked|asks|replied|tweeted|posted|"
    r"announced|recalled|remarked|observed|acknowledged|admitted|claimed|claims|contended|countered|emphasized|"
    r"stressed|testified|cautioned|complained|conceded|confirmed|maintained|responded|predicted|quipped|joked|"
    r"vowed|exclaimed|shouted|yelled|whispered|mused|pleaded|urged)"
)
# What may follow the verb in the speaker's sentence: "ruled on Wednesday", "told reporters", "wrote in an email".
_AFTER_VERB = r"(?:\s+[^\s\"“”]+){0,10}"
_SPEAKER_THEN_VERB = re.compile(rf"(?P<source>[^\"“”!?]{{2,120}}?)\s+(?P<cue>{_SPEECH_VERB}){_AFTER_VERB}\s*$")
_VERB_THEN_SPEAKER = re.compile(rf"(?P<cue>{_SPEECH_VERB})\s+(?P<source>[^\"“”!?,]{{2,80}})(?:,[^\"“”]*)?\s*$")
_QUOTE_ENDING_A_CLAUSE = re.compile(r"[,?!]\s*[\"”]$")
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n")
# A full stop after these ends no sentence: "Mr. Smith", "D.C. District Court", "U.S. officials".
_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Za-z]\.)*[A-Za-z]|Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|St|Jr|Sr|Fr|Rev|Prof)$"
)
_SUBJECT_START = re.compile(r"(?:[A-Z]|(?:he|she|they|we|i|it|the|a|an|one|two|three|officials?|sources?)\b)")
_MAX_SOURCE_WORDS = 12


def speakers_after_quotations(text: str, linked: Sequence[LinkedAttribution]) -> list[LinkedAttribution]:
    """A quotation with no source and no cue that ends its clause (`,"`) takes the speaker its sentence names right
    after it: `"The nationwide eviction moratorium is one such decision," D.C. District Court Judge Dabney
    Friedrich, a Trump appointee, ruled on Wednesday.` gives the judge (the words up to the appositive's comma) and
    "ruled"; `"...," said Mr. Smith.` gives Mr. Smith. Only a speech verb counts, and only a short subject."""
    out = list(linked)
    taken = {part for a in linked for part in (a.source, a.cue) if part is not None}
    for index, attribution in enumerate(out):
        start, end = attribution.content
        if attribution.source is not None or attribution.cue is not None:
            continue
        if not (_OPENING_QUOTE.match(text, start) and _QUOTE_ENDING_A_CLAUSE.search(text, start, end)):
            continue
        stop = _sentence_end(text, end, end + 200)
        if stop is None:
            continue
        window = text[end:stop]
        words = window.strip()
        found = _VERB_THEN_SPEAKER.fullmatch(words) or _SPEAKER_THEN_VERB.fullmatch(words)
        if found is None:
            continue
        offset = end + len(window) - len(window.lstrip())
        source_start = offset + found.start("source")
        source_text = found.group("source").split(",")[0].strip()
        if not _SUBJECT_START.match(source_text) or len(source_text.split()) > _MAX_SOURCE_WORDS:
            continue
        source = (source_start, source_start + len(source_text))
        cue = (offset + found.start("cue"), offset + found.end("cue"))
        if source in taken or cue in taken:
            continue
        out[index] = replace(attribution, source=source, cue=cue)
    return out


def _sentence_end(text: str, start: int, limit: int) -> int | None:
    """Where the sentence running from ``start`` ends (before ``limit``): a line break, or a full stop, "!" or "?"
    before a space that does not close an abbreviation."""
    for stop in _SENTENCE_END.finditer(text, start, limit):
        if stop.group() == "." and _ABBREVIATION.search(text, max(start, stop.start() - 12), stop.start()):
            continue
        return stop.start()
    return None
