"""Story features on the Spark engine: the lead NER and the embedding batches run as Spark tasks, and the
features (so the stories) are the in-process ones."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from narratrace.clean import clean_article
from narratrace.ingest import read_paths
from narratrace.ingest.article import Article
from narratrace.stories import group_stories
from narratrace.stories.features import extract_features
from tests.conftest import shared_path
from tests.stories.test_pooled_features import LEADS

pytestmark = [pytest.mark.spark, pytest.mark.slow]


def test_spark_features_and_stories_equal_in_process() -> None:
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("the spark engine needs Java")
    import torch

    from narratrace.spark import SparkMap

    articles = [clean_article(a) for a in read_paths([shared_path("seeds")]) if isinstance(a, Article)]
    articles += [clean_article(Article(f"odd{n}", text)) for n, text in enumerate(LEADS)]
    previous = torch.get_num_threads()
    torch.set_num_threads(1)  # Spark tasks embed on one thread, as the local workers do
    try:
        alone = extract_features(articles)
        local = group_stories(articles)
    finally:
        torch.set_num_threads(previous)
    spark = extract_features(articles, pool=SparkMap())
    assert any(f.entities for f in alone)
    for a, b in zip(spark, alone, strict=True):
        assert (a.id, a.terms, a.day, a.entities) == (b.id, b.terms, b.day, b.entities)
        assert np.array_equal(a.embedding, b.embedding)
    on_spark = group_stories(articles, pool=SparkMap())
    assert [(s.article, s.story, s.narrative) for s in on_spark.assignments] == [
        (s.article, s.story, s.narrative) for s in local.assignments
    ]
