"""A text's encoder windows go in batches of similar length: every window is encoded once, and a short last
window is not padded to a full one."""

from __future__ import annotations

import numpy as np

from narratrace.claims.attribution_encoder import encode_states, length_batches
from narratrace.techniques.encoder import text_windows
from tests.claims.helpers import SAMPLE


def _length(window: tuple[int, tuple[int, int, int, int]]) -> int:
    return window[1][1] - window[1][0]


def test_every_window_once_and_short_ones_apart() -> None:
    for n_tokens in (0, 1, 100, 240, 700, 5000):
        windows = [(0, w) for w in text_windows(n_tokens)]
        batches = length_batches(windows, 8)
        assert sorted(w for batch in batches for w in batch) == sorted(windows)
        assert all(1 <= len(batch) <= 8 for batch in batches)
        for batch in batches:
            assert all(4 * _length(w) >= 3 * _length(batch[0]) for w in batch)
    # 700 tokens: three full-length windows together, the 44-token last one alone.
    assert [len(b) for b in length_batches([(0, w) for w in text_windows(700)], 8)] == [3, 1]


def test_long_texts_states_are_filled_everywhere() -> None:
    text = " ".join([SAMPLE] * 30)
    [encoded] = encode_states([text], 2, "minilm-l6")
    assert len(encoded.states) > 1000
    assert np.all(np.abs(encoded.states).sum(axis=1) > 0)  # no word piece left without its window's states
