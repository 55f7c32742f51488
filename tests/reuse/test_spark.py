"""The Spark engine gives exactly the local engine's pairs and clusters."""

from __future__ import annotations

import random
import shutil

import pytest

from narratrace.reuse import ReuseOptions, find_reuse
from tests.reuse.synthetic import clean, paragraphs, sentence, substitute, vocabulary

pytestmark = [pytest.mark.spark, pytest.mark.slow]


def _corpus(size: int, seed: int = 11):
    rng = random.Random(seed)
    vocab = vocabulary(rng, 8000)
    originals = int(size * 0.8)
    articles = [clean(f"o{k:05d}", "\n\n".join(paragraphs(rng, vocab, 3))) for k in range(originals)]
    for k in range(size - originals):
        source = articles[rng.randrange(originals)].text.split("\n\n")
        kept = [substitute(rng, vocab, p, 0.03) for p in source if rng.random() < 0.8] or source[:1]
        if rng.random() < 0.3:
            kept.reverse()
        articles.append(clean(f"c{k:05d}", "\n\n".join([sentence(rng, vocab), *kept])))
    rng.shuffle(articles)
    return articles


def test_spark_and_local_engines_agree():
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("the spark engine needs Java")
    articles = _corpus(2000)
    options = ReuseOptions(workers=2)
    local = find_reuse(articles, options, engine="local")
    spark = find_reuse(articles, options, engine="spark")
    assert len(local.pairs) >= 300  # the corpus has ~400 copies; most find their source
    assert spark.pairs == local.pairs
    assert spark.clusters == local.clusters
