"""Framing's parse in the shared worker processes gives exactly what one process gives: a sentence's reading
does not depend on which sentences share its spaCy batch or its worker task."""

from __future__ import annotations

import json

import pytest

from narratrace.clean import clean_article
from narratrace.clean.types import CleanArticle
from narratrace.framing import FramingResult, find_framing
from narratrace.framing import passes as framing_passes
from narratrace.framing.passes import read_sentences
from narratrace.ingest import read_paths
from narratrace.ingest.article import Article
from narratrace.parallel import close_spawned_pools
from tests.conftest import shared_path


def _seeds() -> list[CleanArticle]:
    articles = [clean_article(a) for a in read_paths([shared_path("seeds")]) if isinstance(a, Article)]
    # Odd articles among them: empty, one word, non-English, a run-on line.
    odd = ["", "Word", "Los Cascos Blancos, la llamada ONG, evacuaron a sus miembros.", "White Helmets, " * 400]
    return articles + [clean_article(a) for a in _plain(odd)]


def _plain(texts: list[str]) -> list:
    from narratrace.ingest.article import Article

    return [Article(f"odd{n}", text) for n, text in enumerate(texts)]


def _records(result: FramingResult) -> str:
    rows = [e.to_record() for e in result.entities] + [f.to_record() for f in result.framings]
    return json.dumps(rows, sort_keys=True, default=str)


def test_readings_do_not_depend_on_the_batch() -> None:
    sentences = [
        ("The White Helmets, a so-called rescue group, left Syria.", ((4, 17),)),
        ("Critics call the group a propaganda outfit.", ()),
        ("", ()),
        ("Assad's government, which denies it, blamed the rebels.", ((0, 7),)),
        ("Rain.", ()),
    ]
    whole = read_sentences(sentences, batch_size=128)
    one_by_one = [reading for item in sentences for reading in read_sentences([item], batch_size=1)]
    assert whole == one_by_one
    assert any(labels for labels in whole[0].mention_labels[0])  # the rules found something to compare


@pytest.mark.slow  # starts two worker processes that load spaCy
def test_pooled_parse_equals_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    articles = _seeds()
    monkeypatch.setattr(framing_passes, "SENTENCE_CHUNK", 3)  # several tasks per worker
    alone = find_framing(articles, processes=1)
    try:
        pooled = find_framing(articles, processes=2)
        monkeypatch.setattr(framing_passes, "MIN_POOLED_SENTENCES", 1)
        monkeypatch.setattr(framing_passes, "MIN_POOLED_ARTICLES", 1)
        monkeypatch.setattr(framing_passes, "ARTICLE_CHUNK", 2)  # article numbers must carry across chunks
        automatic = find_framing(articles)  # the shared pool, chosen by size, for the first pass too
    finally:
        close_spawned_pools()
    assert alone.stats["sentences_parsed"] > 10 and alone.framings
    assert _records(pooled) == _records(alone) == _records(automatic)


@pytest.mark.slow
@pytest.mark.spark
def test_spark_parse_equals_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("the spark engine needs Java")
    from narratrace.spark import SparkMap

    articles = _seeds()
    monkeypatch.setattr(framing_passes, "SENTENCE_CHUNK", 3)  # several Spark tasks
    monkeypatch.setattr(framing_passes, "ARTICLE_CHUNK", 2)  # article numbers must carry across chunks
    alone = find_framing(articles, processes=1)
    on_spark = find_framing(articles, pool=SparkMap())
    assert alone.stats["sentences_parsed"] > 10 and alone.framings
    assert _records(on_spark) == _records(alone)
