"""Shortcuts in quotation finding and anchor finding give exactly what their plain forms give.

* ``quotations``: a text without the character a pattern needs skips that pattern; the plain form
  runs every pattern on every text.
* ``align.find_anchors``: each prepared text keeps its sorted shingles; the plain form sorts both
  texts' shingles again for the pair.
* ``local_engine``: the shingle workers align too, the rarity sent to them in a file, instead of a
  second pool forked once it is known (``test_significance`` compares whole runs, one and two workers).
"""

from __future__ import annotations

import json
import os
import random

import numpy as np
import pytest

from narratrace.reuse import local_engine, quotations
from narratrace.reuse.align import find_anchors
from narratrace.reuse.options import ReuseOptions
from narratrace.reuse.prepared import PreparedText, SourceText, prepare
from narratrace.reuse.significance import ShingleRarity, background_for
from tests.conftest import shared_path


def _plain_double(text: str) -> list[tuple[int, int]]:
    """The line walk with no precheck: a text with no mark must come out empty."""
    return [] if quotations._DOUBLE_QUOTES.search(text) is None else quotations._double_quotation_spans(text)


def _plain_quotation_spans(text: str) -> list[list[int]]:
    """``quotation_spans`` with every pattern run on the text, as it was before the prechecks."""
    double = _plain_double(text)
    single = [
        (m.start(1), m.end(1))
        for m in quotations._SINGLE_QUOTED.finditer(text)
        if len(m.group(1).split()) >= quotations.MIN_SINGLE_QUOTED_WORDS
    ]
    tweets = [(m.start(1), m.end(1)) for m in quotations._TWEET_MARKUP.finditer(text)]
    for signature in quotations._TWEET_SIGNATURE.finditer(text):
        line_start = text.rfind("\n", 0, signature.start()) + 1
        if not text[line_start : signature.start()].strip():
            end = max(0, line_start - 1)
            line_start = text.rfind("\n", 0, end) + 1
        else:
            end = signature.start()
        start = max(line_start, end - quotations.MAX_TWEET_CHARACTERS)
        if start > line_start:
            start = text.find(" ", start, end) + 1 or start
        if end > start:
            tweets.append((start, end))
    spans = double + [s for s in single if not quotations._inside_any(s, double)] + tweets
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


_PIECES = ["word", "said", "Paul", "\u201c", "\u201d", '"', "''", "'", "\u2018", "\u2019", "\u00ab", "\u00bb",
           "\uff02", "(@", "(@handle) May 3, 2021", " \u2014 Jo Bloggs ", "<tweet>", "</tweet>", "<TWEET a=1>",
           "\n", "\n\n", " ", " ", " ", "\u00e9t\u00e9", "\u4e2d\u6587", "-", "(", "["]  # fmt: skip


def _random_texts(count: int) -> list[str]:
    rng = random.Random(17)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randrange(0, 60))) for _ in range(count)]


_HOSTILE = ["", "x", "''", '"', "\u201c", "\u2018one two three\u2019", "\u00e9" * 200_000, '"' * 5000 + "\n" * 5000]


@pytest.mark.parametrize("text", _HOSTILE + _random_texts(3000))
def test_quotation_spans_equal_the_plain_form(text: str) -> None:
    assert quotations.quotation_spans(text).tolist() == _plain_quotation_spans(text)


def test_quotation_spans_equal_the_plain_form_on_news() -> None:
    path = shared_path("data", "stories", "allsides.jsonl")
    texts = [
        value
        for line in path.read_text(encoding="utf-8").splitlines()[:400]
        for value in json.loads(line).values()
        if isinstance(value, str)
    ]
    quoted = [text for text in texts if quotations.quotation_spans(text).size]
    assert quoted, "the sample should hold quotations"
    for text in texts:
        assert quotations.quotation_spans(text).tolist() == _plain_quotation_spans(text)


def _plain_anchors(a: PreparedText, b: PreparedText, max_repeats: int) -> tuple[list[int], list[int]]:
    """``find_anchors`` as it was: both texts' shingles sorted again for the pair."""
    if not len(a.shingles) or not len(b.shingles):
        return [], []
    order_a = np.argsort(a.shingles, kind="stable")
    sorted_a = a.shingles[order_a]
    left = np.searchsorted(sorted_a, b.shingles, side="left")
    count_a = np.searchsorted(sorted_a, b.shingles, side="right") - left
    sorted_b = np.sort(b.shingles)
    count_b = np.searchsorted(sorted_b, b.shingles, side="right") - np.searchsorted(sorted_b, b.shingles)
    i_found, j_found = [], []
    for j in range(len(b.shingles)):
        if 1 <= count_a[j] <= max_repeats and count_b[j] <= max_repeats:
            for k in range(count_a[j]):
                i_found.append(int(order_a[left[j] + k]))
                j_found.append(j)
    return i_found, j_found


def _prepared(text: str, name: str) -> PreparedText:
    return prepare(SourceText(name, text, (), ((0, 0, len(text)),), len(text)), 5)


@pytest.mark.parametrize("seed", range(40))
def test_find_anchors_equals_the_plain_form(seed: int) -> None:
    rng = random.Random(seed)
    vocabulary = [f"w{k}" for k in range(rng.choice([3, 8, 40]))]  # few words: many repeated shingles
    shared = [rng.choice(vocabulary) for _ in range(rng.randrange(0, 80))]
    a_words = [rng.choice(vocabulary) for _ in range(rng.randrange(0, 60))] + shared
    b_words = shared + [rng.choice(vocabulary) for _ in range(rng.randrange(0, 60))]
    a, b = _prepared(" ".join(a_words), "a"), _prepared(" ".join(b_words), "b")
    for max_repeats in (1, 2, 8):
        i_found, j_found = find_anchors(a, b, max_repeats)
        assert (i_found.tolist(), j_found.tolist()) == _plain_anchors(a, b, max_repeats)
        # Asked again (the kept sorted shingles now in use), the answer is the same.
        assert [x.tolist() for x in find_anchors(a, b, max_repeats)] == [i_found.tolist(), j_found.tolist()]


def test_kept_sorted_shingles_describe_the_text() -> None:
    text = _prepared("one two three four five one two three four five six", "t")
    assert np.array_equal(text.sorted_shingles, np.sort(text.shingles))
    assert np.array_equal(text.shingles[text.shingle_order], text.sorted_shingles)
    assert text.shingle_repeats.tolist() == [int((text.shingles == h).sum()) for h in text.shingles]


def test_rarity_sent_to_live_workers_weighs_as_the_parents() -> None:
    """The shingle workers get the rarity from a file: read back, it gives every shingle the same weight."""
    rng = np.random.default_rng(5)
    frequent = np.unique(rng.integers(0, 2**40, 500, dtype=np.uint64))
    frequency = rng.integers(3, 300, len(frequent)).astype(np.int64)
    options = ReuseOptions()
    rarity = ShingleRarity.from_frequencies(background_for(options), frequent, frequency, 14, options)
    path = local_engine._save_rarity(rarity)
    try:
        local_engine._use_rarity(path)
        received = local_engine._RARITY
        assert received is not None
        hashes = np.concatenate([frequent << np.uint64(14), rng.integers(0, 2**63, 500, dtype=np.uint64)])
        assert np.array_equal(received.weights(hashes), rarity.weights(hashes))
        assert (received.weights(hashes) < 1).any() and (received.weights(hashes) == 0).any()
    finally:
        os.unlink(path)
        local_engine._RARITY = None
        local_engine._RARITY_PATH = None
