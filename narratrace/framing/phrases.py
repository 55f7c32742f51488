"""Where a label's phrase starts and ends: token spans as characters, grown to whole words and names, and the
check that what is left is a phrase (words, not cut mid-phrase)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from narratrace.framing.filters import has_open_quote, is_cut, is_proper
from narratrace.framing.lexicon import CLOSE_QUOTES, OPEN_QUOTES


@dataclass(frozen=True)
class RawLabel:
    kind: str
    start: int  # offsets into the sentence
    end: int


def span_chars(doc: Any, first: int, last: int) -> tuple[int, int]:
    """Character offsets of tokens first..last (inclusive), edge punctuation other than quotes and edge spaces
    dropped (a no-break space is a token of its own: "press secretary\xa0Jen Psaki")."""
    while first < last and (doc[first].is_space or (doc[first].is_punct and doc[first].text not in OPEN_QUOTES)):
        first += 1
    while last > first and (doc[last].is_space or (doc[last].is_punct and doc[last].text not in CLOSE_QUOTES)):
        last -= 1
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def whole_words(sentence: str, label: RawLabel) -> RawLabel:
    """A label cut inside a hyphenated word ("co-[host]", "anti-[gun]") grown to the whole word."""
    start, end = label.start, label.end
    while start > 1 and sentence[start - 1] == "-" and sentence[start - 2].isalnum():
        start -= 1
        while start > 0 and sentence[start - 1].isalnum():
            start -= 1
    while end + 1 < len(sentence) and sentence[end] == "-" and sentence[end + 1].isalnum():
        end += 1
        while end < len(sentence) and sentence[end].isalnum():
            end += 1
    return label if (start, end) == (label.start, label.end) else RawLabel(label.kind, start, end)


def whole_name(doc: Any, label: RawLabel) -> RawLabel:
    """A label that starts inside a name with "of" grown to the whole name ("Nation of [Islam leader]")."""
    span = doc.char_span(label.start, label.end, alignment_mode="expand")
    if span is None or len(span) == 0 or span.start < 2 or doc[span.start - 1].lower_ != "of":
        return label
    first = span.start - 2
    if not (is_proper(doc[first]) and is_proper(doc[span.start])):
        return label
    while first > 0 and is_proper(doc[first - 1]):
        first -= 1
    return RawLabel(label.kind, doc[first].idx, label.end)


def is_phrase(doc: Any, sentence: str, label: RawLabel) -> bool:
    """A label is words ("©", "-" are not) that do not stop mid-phrase ("who has criticized the governor for...")."""
    text = sentence[label.start : label.end]
    if not any(ch.isalpha() for ch in text) or has_open_quote(text, sentence[label.end :]):
        return False
    span = doc.char_span(label.start, label.end, alignment_mode="expand")
    words = [t for t in span or () if not t.is_punct]  # a closing quote after "Helmets" is tagged as a possessive
    return not words or not is_cut(doc, words[-1].i, sentence[words[-1].idx + len(words[-1]) :])


def name_end(doc: Any, phrase: Any) -> int:
    """The phrase's last token, moved to the end of a name it stops inside ("head of U.S. [Central Command]")."""
    last = phrase.right_edge.i
    while last + 1 < len(doc) and is_proper(doc[last]) and is_proper(doc[last + 1]) and doc[last].whitespace_:
        last += 1
    return int(last)
