"""From per-token probabilities to character spans, and from gold spans to per-token targets.

Predicted spans follow the corpus' trimming convention: whole words, and no leading/trailing space,
newline, '.', ',', ':' or ';' (the annotators' fragments never have them).
"""

from __future__ import annotations

import numpy as np

TRIM_CHARS = " \n\t\r.,:;\ufeff"


def token_targets(offsets: np.ndarray, spans: list[tuple[int, int, int]], n_techniques: int) -> np.ndarray:
    """(n_tokens, 1 + n_techniques) 0/1: column 0 = inside any span, 1+k = inside a span of technique k."""
    targets = np.zeros((len(offsets), 1 + n_techniques), dtype=np.float32)
    if len(offsets) == 0:
        return targets
    starts, ends = offsets[:, 0], offsets[:, 1]
    for start, end, technique in spans:
        inside = (starts < end) & (ends > start)
        targets[inside, 0] = 1.0
        targets[inside, 1 + technique] = 1.0
    return targets


JOINERS = "-'’"


def _inside_word(text: str, i: int) -> bool:
    """Is the boundary before ``text[i]`` inside a word (hyphenated and apostrophe compounds count)?"""
    if i <= 0 or i >= len(text):
        return False
    left, right = text[i - 1], text[i]
    if left.isalnum() and right.isalnum():
        return True
    if right in JOINERS:
        return left.isalnum() and i + 1 < len(text) and text[i + 1].isalnum()
    if left in JOINERS:
        return right.isalnum() and i >= 2 and text[i - 2].isalnum()
    return False


def _snap(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow to whole words ("so-called", "don't" included), then trim separators at both ends."""
    while _inside_word(text, start):
        start -= 1
    while _inside_word(text, end):
        end += 1
    while start < end and text[start] in TRIM_CHARS:
        start += 1
    while end > start and text[end - 1] in TRIM_CHARS:
        end -= 1
    return start, end


def decode_spans(
    text: str,
    offsets: np.ndarray,
    inside: np.ndarray,
    threshold: float,
    max_gap: int = 0,
    low_threshold: float | None = None,
) -> list[tuple[int, int, float, int, int]]:
    """Runs of tokens with ``inside >= low_threshold`` (gaps up to ``max_gap`` tokens bridged) that hold
    at least one token ``>= threshold``, as (start, end, mean probability, first token, end token).

    Hysteresis, as in edge detection: a fragment needs one token the tagger is sure of, then takes in
    the neighbours it is less sure of. Fragment edges are where the tagger hesitates, and one threshold
    either cuts them short or admits weak fragments (docs/decisions.md). ``low_threshold`` None (or
    above ``threshold``) means a single threshold.
    """
    low = threshold if low_threshold is None else min(low_threshold, threshold)
    above = np.flatnonzero(inside >= low)
    if len(above) == 0:
        return []
    runs: list[list[int]] = [[int(above[0]), int(above[0])]]
    for index in above[1:]:
        newline_between = "\n" in text[offsets[runs[-1][1], 1] : offsets[index, 0]]
        if index - runs[-1][1] <= max_gap + 1 and not newline_between:
            runs[-1][1] = int(index)
        else:
            runs.append([int(index), int(index)])
    spans = []
    for first, last in runs:
        if inside[first : last + 1].max() < threshold:
            continue
        start, end = _snap(text, int(offsets[first, 0]), int(offsets[last, 1]))
        if end > start:
            spans.append((start, end, float(inside[first : last + 1].mean()), first, last + 1))
    return spans
