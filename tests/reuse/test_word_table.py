"""The word-character table gives the same answer as the ASCII table and non-word ranges it is built from."""

from __future__ import annotations

import numpy as np

from narratrace.reuse import tokens


def test_word_table_equals_the_ranges_for_every_code_point() -> None:
    every = np.arange(0x110000, dtype=np.uint32)
    assert np.array_equal(tokens._word_mask(every), tokens._word_mask_by_ranges(every))
    assert tokens._word_mask(np.zeros(0, dtype=np.uint32)).shape == (0,)


def test_tokenize_on_odd_text() -> None:
    words = tokens.tokenize("İstanbul “quoted” é\udcff 日本語 x_y \U0001f600 Kelvin\u212a")
    assert len(words) == 6
