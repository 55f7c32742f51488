"""A small AllSides sample: the default settings find most same-event pairs without merging unrelated ones."""

from __future__ import annotations

import json
import random

import pytest

from narratrace.clean import clean_article
from narratrace.ingest.article import Article
from narratrace.stories import group_stories
from narratrace.stories.metrics import score_clustering
from tests.conftest import shared_path


@pytest.mark.slow
def test_allsides_sample_groups_same_event_coverage() -> None:
    rows = [json.loads(line) for line in shared_path("data", "stories", "allsides.jsonl").open(encoding="utf-8")]
    stories = sorted({r["cluster"] for r in rows})
    sample = set(random.Random(5).sample(stories, 40))
    rows = [r for r in rows if r["cluster"] in sample]
    articles = [
        clean_article(Article(r["id"], r["text"], r["title"], r.get("source"), r.get("url"), r.get("date")))
        for r in rows
    ]
    result = group_stories(articles)
    predicted = {a.article: a.story for a in result.assignments}
    scores = score_clustering(predicted, {r["id"]: r["cluster"] for r in rows})
    assert scores.bcubed_f1 > 0.8
    assert scores.pairwise_precision > 0.6
    assert len(result.narratives) < len(result.stories)
    assert all(s.start <= s.end for s in result.stories if s.start and s.end)
    assert sum(s.start is not None for s in result.stories) > len(result.stories) / 2
