"""Packed sources (the lean corpus's flat buffers) give back exactly the SourceTexts put in, and the same pairs."""

from __future__ import annotations

import random

import pytest

from narratrace.reuse import ReuseOptions, find_reuse
from narratrace.reuse.packed import PackedSources, source_ids, text_size_bound
from narratrace.reuse.prepared import SourceText
from tests.reuse.synthetic import clean, paragraphs, substitute, vocabulary


def _sources() -> list[SourceText]:
    return [
        SourceText("empty", "", (), (), 0, None),
        SourceText("one", "word", ((0, 4),), ((0, 0, 4),), 4, "2020-01-01"),
        SourceText("odd", "İstanbul “quoted” é\udcff 日本語 \U0001f600", (), ((0, 2, 5), (6, 9, 10)), 24, None),
        SourceText("long", "x " * 500_000, ((5, 9), (20, 30)), tuple((k, 2 * k, 1) for k in range(300)), 10**6),
    ]


def test_packed_sources_give_back_what_was_put_in() -> None:
    plain = _sources()
    packed = PackedSources(plain)
    assert len(packed) == len(plain)
    assert list(packed) == plain
    assert [packed[i] for i in range(-len(plain), 0)] == plain
    assert packed[1:3] == plain[1:3]
    assert list(packed.texts()) == [s.text for s in plain]
    assert source_ids(packed) == source_ids(plain) == [s.id for s in plain]
    assert text_size_bound(packed) >= text_size_bound(plain) == sum(len(s.text) for s in plain)
    with pytest.raises(IndexError):
        packed[len(plain)]


def test_masked_spans_can_be_replaced_and_cleared() -> None:
    packed = PackedSources(_sources())
    packed.set_masked(0, ((0, 0),))
    packed.set_masked(1, ())
    assert packed[0].masked == ((0, 0),) and packed[1].masked == () and packed.masked(3) == ((5, 9), (20, 30))


def test_find_reuse_on_packed_sources_equals_the_plain_list() -> None:
    rng = random.Random(4)
    vocab = vocabulary(rng, 2000)
    articles = [clean(f"d{k:03d}", "\n\n".join(paragraphs(rng, vocab, 4)), published="2020-01-02") for k in range(40)]
    for k in range(12):
        source = articles[rng.randrange(40)].text
        articles.append(clean(f"c{k:03d}", substitute(rng, vocab, source, 0.03)))
    plain = [SourceText.from_clean(a) for a in articles]
    options = ReuseOptions(workers=2, min_parallel_documents=10, min_parallel_pairs=2)
    expected = find_reuse(plain, options)
    assert len(expected.pairs) >= 12
    assert find_reuse(PackedSources(plain), options) == expected
    assert find_reuse(PackedSources(plain), ReuseOptions(workers=1)) == expected


def test_published_dates_by_id_without_decoding() -> None:
    from narratrace.reuse.packed import source_published

    plain = _sources()
    assert source_published(PackedSources(plain)) == source_published(plain) == {s.id: s.published for s in plain}
