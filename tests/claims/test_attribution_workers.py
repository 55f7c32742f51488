"""Attribution extraction in worker processes and on Spark gives exactly what one process gives."""

from __future__ import annotations

import shutil

import pytest

from narratrace.claims import attribution_workers
from narratrace.claims.attribution import extract_attributions
from narratrace.claims.attribution_workers import attributions_for
from tests.claims.helpers import article
from tests.conftest import shared_path

pytestmark = pytest.mark.slow


def _articles() -> list:
    seeds = sorted(shared_path("seeds").glob("*.txt"))
    texts = [path.read_text(encoding="utf-8") for path in seeds]
    # Several batches of two, an empty article and a one-word one among them.
    return [article(f"a{i}", text) for i, text in enumerate([*texts, "", "Hello", *texts[:2]])]


def test_batches_in_spawned_workers_give_the_plain_result(monkeypatch: pytest.MonkeyPatch) -> None:
    articles = _articles()
    monkeypatch.setattr(attribution_workers, "MIN_PARALLEL_ARTICLES", 1)
    seen: list[tuple[int, int]] = []
    parallel = attributions_for(articles, workers=2, progress=lambda d, t: seen.append((d, t)), batch_articles=2)
    plain = extract_attributions(articles)
    assert sum(map(len, plain)) > 10
    assert parallel == plain
    # The two repeated seeds are tagged once (their copies take the same attributions, as `plain` shows):
    # progress counts distinct texts.
    distinct = len({a.article.text for a in articles})
    assert distinct == len(articles) - 2
    assert seen[-1] == (distinct, distinct) and len(seen) == (distinct + 1) // 2
    copy, original = parallel[-1], parallel[1]  # the last article repeats the second's text
    assert [(x.source, x.cue, x.content) for x in copy] == [(x.source, x.cue, x.content) for x in original]
    assert copy and {x.article for x in copy} == {articles[-1].id}


@pytest.mark.spark
def test_spark_gives_the_plain_result() -> None:
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("the spark engine needs Java")
    articles = _articles()
    assert attributions_for(articles, engine="spark", batch_articles=3) == extract_attributions(articles)
