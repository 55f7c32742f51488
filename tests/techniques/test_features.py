"""Cue extraction: the vectorised per-character facts behave as the rules in features.py say."""

from __future__ import annotations

import numpy as np

from narratrace.techniques.features import TOKEN_FEATURE_NAMES, analyse_text


def test_quotes_pair_within_a_line_and_unclosed_run_to_its_end() -> None:
    text = 'a "b c" d\n"e\nf'
    cues = analyse_text(text)
    quoted = "".join(c for c, q in zip(text, cues.char_in_quotes, strict=True) if q)
    assert quoted == '"b c' + '"e'  # opening marks are inside, closing ones outside
    assert not cues.char_in_quotes[text.index("d")]
    assert not cues.char_in_quotes[text.index("f")]  # a quote never spans a newline
    assert not cues.char_in_quotes[text.index("\n")]


def test_word_lines_repeats_and_empty_text() -> None:
    cues = analyse_text("Title here\n\nthe cat sat on the cat sat!")
    assert list(cues.char_word[:6]) == [0, 0, 0, 0, 0, -1]
    assert cues.char_line[cues.word_spans[2, 0]] == 2  # a newline belongs to the line after it
    trigram = TOKEN_FEATURE_NAMES.index("trigram_repeats")
    assert cues.word_features[[2, 3, 4], trigram].all()  # "the cat sat" occurs twice
    assert cues.word_features[:2, TOKEN_FEATURE_NAMES.index("in_title")].all()
    empty = analyse_text("")
    assert empty.word_features.shape == (0, len(TOKEN_FEATURE_NAMES))
    assert empty.char_in_quotes.shape == (0,)
    lone = analyse_text("\ud800 x")  # lone surrogates (bad decodes) do not break code-point arrays
    assert np.array_equal(lone.char_word, [-1, -1, 0])
