"""Postings spilled to disk in partitions give exactly the candidates and pairs of the in-memory path."""

from __future__ import annotations

import random

import numpy as np
import pytest

from narratrace.reuse import ReuseOptions, find_reuse, local_engine, spill
from narratrace.reuse.candidates import candidates_from_shared, document_bits, find_candidates, postings
from narratrace.reuse.prepared import SourceText
from narratrace.reuse.spill import SpilledPostings, partition_bits
from tests.reuse.synthetic import clean, paragraphs, substitute, vocabulary


def _shingles(rng: np.random.Generator, documents: int) -> list[np.ndarray]:
    """Random shingle hashes with shared runs: every document takes some from a small common pool."""
    pool = rng.integers(0, 2**63, size=300, dtype=np.uint64)
    return [
        np.concatenate([rng.integers(0, 2**63, size=200, dtype=np.uint64), rng.choice(pool, 40)])
        for _ in range(documents)
    ]


@pytest.mark.parametrize("partition_bytes", [1 << 10, 1 << 27])
def test_spilled_candidates_equal_the_in_memory_ones(monkeypatch: pytest.MonkeyPatch, partition_bytes: int) -> None:
    monkeypatch.setattr(spill, "PARTITION_BYTES", partition_bytes)
    shingles = _shingles(np.random.default_rng(3), 80)
    keys = postings(shingles, 80)
    expected = find_candidates(keys.copy(), 80, min_shared_shingles=2, max_document_frequency=20)
    with SpilledPostings(len(keys)) as spilled:
        for start in range(0, len(keys), 997):  # chunks as the workers send them
            spilled.extend(keys[start : start + 997])
        shared = spilled.shared_keys(document_bits(80))
    assert np.all(shared[1:] >= shared[:-1])
    got = candidates_from_shared(shared, 80, min_shared_shingles=2, max_document_frequency=20)
    assert len(expected) > 0
    for field in ("first", "second", "shared", "quoted", "common", "lists", "frequent", "frequency"):
        assert np.array_equal(getattr(got, field), getattr(expected, field)), field


def test_partitions_stay_a_power_of_two_within_bounds() -> None:
    assert partition_bits(0) == 0
    assert partition_bits(10) == 0
    assert 1 << partition_bits(650_000_000) >= 650_000_000 * 8 // spill.PARTITION_BYTES
    assert partition_bits(10**15) == 8


def test_spilled_and_empty_postings() -> None:
    with SpilledPostings(1_000_000) as spilled:
        spilled.extend(np.zeros(0, np.uint64))
        assert len(spilled.shared_keys(4)) == 0


def test_find_reuse_with_spilled_postings_equals_in_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(9)
    vocab = vocabulary(rng, 2000)
    articles = [clean(f"d{k:03d}", "\n\n".join(paragraphs(rng, vocab, 4)), published="2020-01-02") for k in range(40)]
    for k in range(12):
        articles.append(clean(f"c{k:03d}", substitute(rng, vocab, articles[rng.randrange(40)].text, 0.03)))
    sources = [SourceText.from_clean(a) for a in articles]
    for workers in (1, 2):
        options = ReuseOptions(workers=workers, min_parallel_documents=10, min_parallel_pairs=2)
        expected = find_reuse(sources, options)
        assert len(expected.pairs) >= 12
        with monkeypatch.context() as patch:
            patch.setattr(local_engine, "SPILL_POSTINGS_BYTES", 0)
            patch.setattr(spill, "PARTITION_BYTES", 1 << 12)
            assert find_reuse(sources, options) == expected
