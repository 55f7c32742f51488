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


def test_the_corpus_reaches_spark_the_same_staged_or_in_memory(tmp_path, monkeypatch):
    """Staged as Parquet (a local master, or NARRATRACE_SPARK_STAGING) or handed over as an Arrow table
    (another master), Spark sees the same rows, and the staged copy is removed afterwards."""
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("the spark engine needs Java")
    from narratrace.reuse import _distinct_sources, spark_engine
    from narratrace.spark import spark_session

    sources = _distinct_sources(_corpus(60, seed=3))
    spark = spark_session()

    def rows(frame):
        return sorted(tuple(r) for r in frame.collect())

    monkeypatch.setenv("NARRATRACE_SPARK_STAGING", str(tmp_path))
    with spark_engine._source_frame(spark, sources) as frame:
        assert len(list(tmp_path.iterdir())) == 1
        staged = rows(frame)
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setattr(spark_engine, "_staging_folder", lambda _spark: None)
    with spark_engine._source_frame(spark, sources) as frame:
        in_memory = rows(frame)
    assert staged == in_memory
    assert len(staged) == 60
    assert [row[0] for row in staged] == list(range(60))
    assert staged[5][1] == sources[5].id and staged[5][2] == sources[5].text


def test_spark_and_local_engines_agree_on_news_like_text(tmp_path):
    """The generator's corpus (real articles with their quotations and tweets, stock phrasing, copies that cut
    and add): Spark tests ``worth_aligning`` on word counts and tweet flags of its own pass, before the texts."""
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("the spark engine needs Java")
    from bench.corpus_gen import generate
    from bench.reuse_systems import _read_articles
    from narratrace.provenance.corpus import ReuseCorpus
    from tests.conftest import shared_path

    folder = generate(800, seed=53, out_dir=tmp_path, ptc_dir=shared_path("data", "ptc", "articles"), stock_phrases=200)
    lean = ReuseCorpus.from_articles(_read_articles(folder / "corpus.jsonl"))
    lean.mask_repeated_chrome()
    local = find_reuse(lean.sources, engine="local")
    spark = find_reuse(lean.sources, engine="spark")
    assert len(local.pairs) >= 50
    assert {p.kind for p in local.pairs} >= {"copy", "shared_quote"}
    assert spark.pairs == local.pairs
    assert spark.clusters == local.clusters
