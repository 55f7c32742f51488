"""A dependency-parse attribution finder, the baseline the trained tagger is measured against.

Cue-anchored: a reporting verb ("said", "told", "claimed") is the cue, its nominal subject's subtree the
source and its clausal complement's subtree (ccomp / xcomp / parataxis) the content; when the verb has no
complement the quotation in its sentence is the content. "according to X, Y" makes "according to" the cue,
X the source and the rest of the sentence the content.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from narratrace.claims.attribution_decode import LinkedAttribution
from narratrace.claims.attribution_features import PARSE_CHUNK_CHARS, REPORTING_LEMMAS
from narratrace.nlp import english

Span = tuple[int, int]
SUBJECTS = ("nsubj", "nsubjpass")
COMPLEMENTS = ("ccomp", "xcomp", "parataxis")


def _subtree_span(token: Any, offset: int) -> Span:
    tokens = list(token.subtree)
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    tokens = tokens or [token]
    return offset + tokens[0].idx, offset + tokens[-1].idx + len(tokens[-1])


def _quote_in(sentence: Any, offset: int, text: str) -> Span | None:
    chunk = sentence.text
    for opening, closing in (("“", "”"), ('"', '"')):
        start = chunk.find(opening)
        end = chunk.find(closing, start + 1) if start >= 0 else -1
        if start >= 0 and end > start:
            return offset + sentence.start_char + start, offset + sentence.start_char + end + 1
    del text
    return None


def _according_to(token: Any, offset: int) -> LinkedAttribution | None:
    to = next((child for child in token.children if child.lower_ == "to"), None)
    source = next((child for child in to.children if child.dep_ == "pobj"), None) if to is not None else None
    if to is None or source is None:
        return None
    phrase = _subtree_span(token, offset)
    sentence = token.sent
    rest = [t for t in sentence if not (phrase[0] <= offset + t.idx < phrase[1]) and not t.is_punct]
    if not rest:
        return None
    content = (offset + rest[0].idx, offset + rest[-1].idx + len(rest[-1]))
    cue = (offset + token.idx, offset + to.idx + len(to))
    return LinkedAttribution(_subtree_span(source, offset), cue, content, 0.5)


def _from_verb(token: Any, offset: int, text: str) -> LinkedAttribution | None:
    subject = next((child for child in token.children if child.dep_ in SUBJECTS), None)
    complement = next((child for child in token.children if child.dep_ in COMPLEMENTS), None)
    content = _subtree_span(complement, offset) if complement is not None else _quote_in(token.sent, offset, text)
    if content is None:
        return None
    source = _subtree_span(subject, offset) if subject is not None else None
    cue = (offset + token.idx, offset + token.idx + len(token))
    return LinkedAttribution(source, cue, content, 0.5)


def baseline_attributions(texts: Sequence[str]) -> list[list[LinkedAttribution]]:
    """Attributions found by the dependency rules, per text."""
    nlp = english()
    results = []
    for text in texts:
        found: list[LinkedAttribution] = []
        for offset in range(0, len(text), PARSE_CHUNK_CHARS):
            for token in nlp(text[offset : offset + PARSE_CHUNK_CHARS]):
                if token.lower_ == "according":
                    attribution = _according_to(token, offset)
                elif token.pos_ == "VERB" and token.lemma_.lower() in REPORTING_LEMMAS:
                    attribution = _from_verb(token, offset, text)
                else:
                    continue
                if attribution is not None:
                    found.append(attribution)
        results.append(found)
    return results
