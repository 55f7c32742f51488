"""Cutting work for the tagger into pieces whose memory is bounded, whatever the input's size.

The encoder states of one token take 9 KB with the default model, so a gigantic text (or a batch of
long ones) must not go through at once. Texts longer than ``SEGMENT_CHARS`` are tagged in segments cut
at line ends (their cues, such as repetition, are then per segment), and a batch holds at most
``BATCH_CHARS`` characters: 32 typical articles fit, so ordinary corpora batch as before.
"""

from __future__ import annotations

from collections.abc import Sequence

SEGMENT_CHARS = 100_000  # ~20k tokens
BATCH_CHARS = 200_000
BATCH_TEXTS = 32  # segments encoded together, unless BATCH_CHARS stops a batch first


def segment_bounds(text: str, limit: int | None = None) -> list[tuple[int, int]]:
    """(start, end) pieces of at most ``limit`` characters covering ``text``, cut after a newline when one
    lies in the second half of a piece, else after a space, else anywhere. An empty text is one piece."""
    limit = limit or SEGMENT_CHARS
    bounds, start = [], 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        newline, space = window.rfind("\n"), window.rfind(" ")
        if newline >= limit // 2:
            end = start + newline + 1
        elif space >= limit // 2:
            end = start + space + 1
        else:
            end = start + limit
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


def batches(pieces: list[tuple[int, int, int]], max_pieces: int, max_chars: int) -> list[list[tuple[int, int, int]]]:
    """Consecutive (text index, start, end) pieces grouped by count and total length."""
    grouped: list[list[tuple[int, int, int]]] = []
    size = 0
    for piece in pieces:
        length = piece[2] - piece[1]
        if not grouped or len(grouped[-1]) >= max_pieces or (size + length > max_chars and grouped[-1]):
            grouped.append([])
            size = 0
        grouped[-1].append(piece)
        size += length
    return grouped


def plan_batches(texts: Sequence[str], batch_size: int = BATCH_TEXTS) -> list[list[tuple[int, int, int]]]:
    """The (text index, start, end) segments of ``texts``, grouped as the tagger encodes them together."""
    pieces = [(index, start, end) for index, text in enumerate(texts) for start, end in segment_bounds(text)]
    return batches(pieces, batch_size, BATCH_CHARS)
