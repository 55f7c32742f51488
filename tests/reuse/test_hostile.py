"""Hostile input: empty texts, one gigantic line, a flood of identical texts, odd characters."""

from __future__ import annotations

import random

import numpy as np
import pytest

from narratrace.reuse import ReuseOptions, find_reuse
from narratrace.reuse.candidates import find_candidates, postings
from narratrace.reuse.tokens import document_shingles, mix64, tokenize
from tests.reuse.synthetic import clean, paragraphs, vocabulary


def test_empty_and_wordless_texts():
    articles = [clean("a", ""), clean("b", ""), clean("c", "   \n\n ... !!! "), clean("d", "one")]
    result = find_reuse(articles)
    assert result.pairs == [] and result.clusters == []
    assert find_reuse([]).pairs == []


def test_duplicate_ids_are_read_once():
    text = "\n\n".join(paragraphs(random.Random(1), vocabulary(random.Random(1)), 3))
    result = find_reuse([clean("a", text), clean("a", text), clean("b", text)])
    assert [(p.a, p.b) for p in result.pairs] == [("a", "b")]


@pytest.mark.slow
def test_five_megabyte_one_line_texts():
    rng = random.Random(2)
    vocab = vocabulary(rng)
    shared = " ".join(rng.choice(vocab) for _ in range(2000))
    words = 5_000_000 // 8
    first = " ".join(rng.choice(vocab) for _ in range(words)) + " " + shared
    second = shared + " " + " ".join(rng.choice(vocab) for _ in range(words))
    # One gigantic "word" too: a base64-like blob without spaces.
    blob = "x" * 5_000_000
    result = find_reuse([clean("a", first), clean("b", second), clean("c", blob)])
    (pair,) = result.pairs
    (passage,) = pair.passages
    assert first[passage.a_start : passage.a_end] == shared
    assert second[passage.b_start : passage.b_end] == shared


@pytest.mark.slow
def test_ten_thousand_identical_short_texts_do_not_blow_up():
    text = "Officials said the talks would resume on Monday after a short break in the capital."
    articles = [clean(f"id{k:05d}", text) for k in range(10_000)]
    result = find_reuse(articles, ReuseOptions(max_document_frequency=100))
    # Their shingles are in 10,000 documents: stock text, dropped from the index, so no pairs
    # (and no 50 million pair comparisons).
    assert result.pairs == []


def test_postings_lists_are_capped():
    common, rare = mix64(np.arange(1, 4, dtype=np.uint64)), mix64(np.arange(7, 9, dtype=np.uint64))
    shingles = [common] * 50 + [rare] * 2
    capped = find_candidates(postings(shingles, 52), 52, min_shared_shingles=2, max_document_frequency=10)
    assert capped.as_tuples() == [(50, 51, 2)]
    uncapped = find_candidates(postings(shingles, 52), 52, min_shared_shingles=2, max_document_frequency=100)
    assert len(uncapped) == 50 * 49 // 2 + 1
    assert set(uncapped.shared.tolist()) == {2, 3}


def test_repetitive_text_does_not_make_quadratic_anchors():
    text = "spam " * 20_000
    result = find_reuse([clean("a", text), clean("b", text + " eggs")])
    assert len(result.pairs) <= 1


def test_tokens_are_case_and_punctuation_insensitive_and_stable():
    first = tokenize("“Syria’s” army, said: HELLO-world")
    second = tokenize('"syria\'s" ARMY said hello world!')
    assert first.hashes.tolist() == second.hashes.tolist()
    # Deterministic across processes: fixed known value, not Python's salted hash().
    assert document_shingles("a b c d e", (), 5).tolist() == document_shingles("A b, c d E.", (), 5).tolist()
    text = "Ünïcödé wörds — and emoji 🙂 and surrogates \udcff here"
    words = tokenize(text)
    assert [text[s:e] for s, e in zip(words.starts, words.ends, strict=True)][:2] == ["Ünïcödé", "wörds"]


def test_masked_span_words_are_skipped():
    words = tokenize("keep these *banned in Russia* and these", masked=((11, 29),))
    assert len(words) == 4


def test_pair_counting_in_small_batches_gives_the_same_counts(monkeypatch):
    from narratrace.reuse import candidates

    rng = np.random.default_rng(0)
    shingles = [mix64(rng.integers(1, 40, size=25).astype(np.uint64)) for _ in range(60)]
    whole = find_candidates(postings(shingles, 60), 60, min_shared_shingles=1, max_document_frequency=100)
    monkeypatch.setattr(candidates, "_PAIR_BATCH", 7)
    batched = find_candidates(postings(shingles, 60), 60, min_shared_shingles=1, max_document_frequency=100)
    assert whole.as_tuples() == batched.as_tuples()
    assert len(whole) == 60 * 59 // 2
