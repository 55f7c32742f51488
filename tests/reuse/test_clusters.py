"""Clusters of passages shared across articles, and parallel == in-process results."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from narratrace.clean.types import ArticleWarning
from narratrace.reuse import ReuseOptions, find_reuse
from narratrace.reuse.clusters import build_clusters
from narratrace.reuse.types import AlignedPassage, ReusePair
from tests.reuse.synthetic import clean, paragraphs, sentence, vocabulary


def test_overlapping_passages_form_one_cluster_with_earliest_witness():
    pairs = [
        ReusePair("a", "b", (AlignedPassage(0, 100, 10, 110, 1.0),)),
        ReusePair("b", "c", (AlignedPassage(50, 150, 0, 100, 1.0),)),  # overlaps b's 10..110
        ReusePair("d", "e", (AlignedPassage(0, 40, 0, 40, 1.0),)),
    ]
    published = {"a": "2018-07-20", "b": "2018-07-19T10:00:00", "c": None, "d": None, "e": None}
    clusters = build_clusters(pairs, published)
    assert len(clusters) == 2
    big = next(c for c in clusters if len(c.members) == 3)
    assert big.members == (("a", 0, 100), ("b", 10, 150), ("c", 0, 100))
    assert big.earliest == "b"
    small = next(c for c in clusters if len(c.members) == 2)
    assert small.earliest is None
    assert len({c.id for c in clusters}) == 2


def test_three_copies_of_one_text_make_one_cluster():
    rng = random.Random(3)
    vocab = vocabulary(rng)
    text = "\n\n".join(paragraphs(rng, vocab, 3))
    articles = [
        clean("x", text, published="2020-01-02"),
        clean("y", sentence(rng, vocab) + "\n\n" + text, published="2020-01-01"),
        clean("z", text + "\n\n" + sentence(rng, vocab)),
    ]
    result = find_reuse(articles)
    assert len(result.pairs) == 3
    (cluster,) = result.clusters
    assert {m[0] for m in cluster.members} == {"x", "y", "z"}
    assert cluster.earliest == "y"


def test_a_flagged_header_date_does_not_make_its_page_the_earliest_witness():
    rng = random.Random(3)
    vocab = vocabulary(rng)
    text = "\n\n".join(paragraphs(rng, vocab, 3))
    crawl_date = ArticleWarning("date_mismatch", "published date 2021-04-13 is 3 years after the text's events")
    archived = clean("archived", sentence(rng, vocab) + "\n\n" + text, published="2021-04-13")
    articles = [
        clean("x", text, published="2021-05-02"),
        replace(archived, warnings=(crawl_date,)),
        clean("z", text + "\n\n" + sentence(rng, vocab)),
    ]
    (cluster,) = find_reuse(articles).clusters
    assert cluster.earliest == "x"  # the crawl date would have been the earliest


@pytest.mark.slow
def test_worker_processes_give_the_in_process_result():
    rng = random.Random(4)
    vocab = vocabulary(rng)
    articles = [clean(f"o{k:04d}", "\n\n".join(paragraphs(rng, vocab, 3))) for k in range(500)]
    for k in range(150):
        source = articles[rng.randrange(500)].text
        articles.append(clean(f"c{k:04d}", sentence(rng, vocab) + "\n\n" + source))
    parallel = find_reuse(articles, ReuseOptions(workers=2, min_parallel_documents=1, min_parallel_pairs=1))
    serial = find_reuse(articles, ReuseOptions(workers=1))
    assert len(serial.pairs) >= 150
    assert parallel == serial
