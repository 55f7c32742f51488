"""From per-piece BIO probabilities to spans, and from spans of the three parts to linked attributions.

Decoding works on words, not word pieces: every piece of a word takes the tag of the word's first piece,
so a span never starts or ends inside a word. Linking pairs each content span with the nearest cue in
the same paragraph, and that cue with the nearest source: attribution parts sit close to each other
("X said Y", "Y, X said", "according to X, Y").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

Span = tuple[int, int]
OUTSIDE, BEGIN, INSIDE = 0, 1, 2


@dataclass(frozen=True)
class ScoredSpan:
    start: int
    end: int
    score: float  # mean probability of "in the span" over its pieces


@dataclass(frozen=True)
class LinkedAttribution:
    source: Span | None
    cue: Span | None
    content: Span
    confidence: float


def word_starts(offsets: np.ndarray, text: str) -> np.ndarray:
    """True for the pieces that start a word: a piece glued to an alphanumeric predecessor continues it."""
    starts = np.ones(len(offsets), dtype=bool)
    for i in range(1, len(offsets)):
        previous_end, start = int(offsets[i - 1, 1]), int(offsets[i, 0])
        if start == previous_end and start > 0 and text[start - 1].isalnum() and text[start : start + 1].isalnum():
            starts[i] = False
    return starts


def merge_close(text: str, spans: list[ScoredSpan], max_gap_chars: int) -> list[ScoredSpan]:
    """Join spans separated by at most ``max_gap_chars`` within a paragraph (a content clause cut in two)."""
    merged: list[ScoredSpan] = []
    for span in spans:
        if merged and span.start - merged[-1].end <= max_gap_chars and "\n" not in text[merged[-1].end : span.start]:
            last = merged[-1]
            merged[-1] = ScoredSpan(last.start, span.end, (last.score + span.score) / 2)
        else:
            merged.append(span)
    return merged


def decode_spans(text: str, offsets: np.ndarray, probs: np.ndarray) -> list[ScoredSpan]:
    """Spans of one part from (n_pieces, 3) O/B/I probabilities; an I after O opens a span, as a B does."""
    if not len(offsets):
        return []
    tags = probs.argmax(axis=1)
    first = word_starts(offsets, text)
    word_tag = OUTSIDE
    for i in range(len(tags)):
        if first[i]:
            word_tag = int(tags[i])
        else:
            tags[i] = INSIDE if word_tag != OUTSIDE else OUTSIDE
    inside = probs[:, BEGIN] + probs[:, INSIDE]
    spans: list[ScoredSpan] = []
    open_at = -1
    for i in range(len(tags) + 1):
        tag = int(tags[i]) if i < len(tags) else OUTSIDE
        if open_at >= 0 and (tag == OUTSIDE or (tag == BEGIN and first[i])):
            spans.append(ScoredSpan(int(offsets[open_at, 0]), int(offsets[i - 1, 1]), float(inside[open_at:i].mean())))
            open_at = -1
        if tag != OUTSIDE and open_at < 0:
            open_at = i
    return spans


def _gap(a: Span, b: Span) -> int:
    return max(0, b[0] - a[1], a[0] - b[1])


def _same_paragraph(text: str, a: Span, b: Span) -> bool:
    low, high = min(a[1], b[1]), max(a[0], b[0])
    return "\n" not in text[low:high] if low < high else True


def _nearest(text: str, anchor: Span, candidates: list[ScoredSpan], max_chars: int) -> ScoredSpan | None:
    best: tuple[int, ScoredSpan] | None = None
    for candidate in candidates:
        span = (candidate.start, candidate.end)
        gap = _gap(anchor, span)
        if gap <= max_chars and _same_paragraph(text, anchor, span) and (best is None or gap < best[0]):
            best = (gap, candidate)
    return best[1] if best else None


def link_parts(text: str, spans: Mapping[str, list[ScoredSpan]], max_chars: int) -> list[LinkedAttribution]:
    """One attribution per cue (its nearest content and nearest source), and one per content no cue took.

    Anchoring on cues keeps every cue and its source even when two cues share one content span
    ("X said, and Y agreed, that ..."); a content without a cue nearby stays, unattributed.
    """
    linked = []
    taken: set[tuple[int, int]] = set()
    for cue in spans["Cue"]:
        cue_span = (cue.start, cue.end)
        content = _nearest(text, cue_span, spans["Content"], max_chars)
        if content is None:
            continue
        taken.add((content.start, content.end))
        source = _nearest(text, cue_span, spans["Source"], max_chars)
        scores = [content.score, cue.score] + ([source.score] if source else [])
        linked.append(
            LinkedAttribution(
                (source.start, source.end) if source else None,
                cue_span,
                (content.start, content.end),
                float(np.mean(scores)),
            )
        )
    for content in spans["Content"]:
        if (content.start, content.end) in taken:
            continue
        # No cue took this content: it keeps the nearest cue (shared) and that cue's source, if any.
        content_span = (content.start, content.end)
        shared_cue = _nearest(text, content_span, spans["Cue"], max_chars)
        shared_span = (shared_cue.start, shared_cue.end) if shared_cue else None
        its_source = _nearest(text, shared_span, spans["Source"], max_chars) if shared_span else None
        scores = [content.score] + [part.score for part in (shared_cue, its_source) if part is not None]
        source_span = (its_source.start, its_source.end) if its_source else None
        linked.append(LinkedAttribution(source_span, shared_span, content_span, float(np.mean(scores))))
    return linked
