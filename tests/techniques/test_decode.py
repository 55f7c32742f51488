"""Token probabilities -> character spans, and gold spans -> token targets."""

from __future__ import annotations

import numpy as np

from narratrace.techniques.decode import decode_spans, token_targets
from narratrace.techniques.encoder import tokenize


def test_runs_become_whole_word_spans_without_trailing_punctuation() -> None:
    text = "They are the so-called experts, again."
    _, offsets = tokenize(text)
    words = [text[s:e] for s, e in offsets]
    inside = np.zeros(len(offsets))
    inside[words.index("-") : words.index("experts") + 2] = 0.9  # '-', 'called', 'experts', ','
    (span,) = decode_spans(text, offsets, inside, threshold=0.5)
    assert text[span[0] : span[1]] == "so-called experts"
    assert span[2] == 0.9


def test_gaps_are_bridged_only_within_a_line() -> None:
    text = "one two three\nfour five"
    _, offsets = tokenize(text)
    inside = np.array([0.9, 0.1, 0.9, 0.9, 0.9])
    assert [text[s:e] for s, e, *_ in decode_spans(text, offsets, inside, 0.5, max_gap=0)] == [
        "one",
        "three",
        "four five",
    ]
    assert [text[s:e] for s, e, *_ in decode_spans(text, offsets, inside, 0.5, max_gap=1)] == [
        "one two three",
        "four five",
    ]
    assert decode_spans("", np.zeros((0, 2), dtype=np.int64), np.zeros(0), 0.5) == []


def test_token_targets_mark_overlapping_tokens() -> None:
    offsets = np.array([[0, 3], [4, 7], [8, 11]])
    targets = token_targets(offsets, [(4, 11, 2), (5, 6, 0)], n_techniques=3)
    assert targets[:, 0].tolist() == [0, 1, 1]
    assert targets[:, 1].tolist() == [0, 1, 0]
    assert targets[:, 3].tolist() == [0, 1, 1]


def test_hysteresis_extends_sure_fragments_over_unsure_edges_only() -> None:
    text = "alpha beta gamma delta epsilon zeta"
    _, offsets = tokenize(text)
    assert len(offsets) == 6
    # One run above 0.3 ('beta' to 'epsilon') holding one sure token ('gamma'): hysteresis takes it whole.
    inside = np.array([0.1, 0.35, 0.8, 0.35, 0.35, 0.1])
    assert [text[s:e] for s, e, *_ in decode_spans(text, offsets, inside, 0.5)] == ["gamma"]
    hysteresis = decode_spans(text, offsets, inside, 0.5, low_threshold=0.3)
    assert [text[s:e] for s, e, *_ in hysteresis] == ["beta gamma delta epsilon"]
    inside[2] = 0.45  # no sure token left: nothing, however low the edge threshold
    assert decode_spans(text, offsets, inside, 0.5, low_threshold=0.3) == []
    # A low threshold above the threshold is the plain threshold.
    assert decode_spans(text, offsets, inside, 0.4, low_threshold=0.9) == decode_spans(text, offsets, inside, 0.4)
