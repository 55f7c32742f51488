"""Attribution extraction spread over processes (local engine) or Spark tasks, with progress per batch.

Tagging is per article and its cost is the encoder and the parser (~57 CPU ms per 1,000 characters), so a
large corpus is cut into batches of articles and each worker tags whole batches with the one model it loads.
An article's attributions do not depend on which articles share its batch (``extract_attributions`` tags
each piece on its own), so every engine and worker count gives the same result.

Local workers are *spawned*, not forked (``narratrace.parallel.spawned_pool``): an earlier stage in the same
run (techniques) may have run torch on several threads, and forking a process whose OpenMP pool is up can hang
the child. The pool is shared with the other steps of the run, so its workers load their models once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from functools import partial

from narratrace.claims.types import Attribution
from narratrace.clean.types import CleanArticle
from narratrace.parallel import distinct_texts, spawned_pool, worker_count

# Articles per task: large enough that a task's overhead (pickling, one parse call) is small against its
# work (~1 CPU s for 16 news articles), small enough for a progress bar to move.
BATCH_ARTICLES = 16
# Below this many articles, two workers loading the models (~10 s each) cost more than they save.
MIN_PARALLEL_ARTICLES = 64
# Each worker holds the encoder, spaCy and one group of states: ~1 GB.
MAX_WORKERS = 4

Batch = tuple[int, list[CleanArticle]]
BatchDone = Callable[[int, int], None]


def _tag_batch(batch: Batch, model: str | None = None) -> tuple[int, list[list[Attribution]]]:
    from narratrace.claims.attribution import extract_attributions

    number, articles = batch
    return number, extract_attributions(articles, model)


def _batches(articles: Sequence[CleanArticle], size: int) -> list[Batch]:
    return [(n, list(articles[start : start + size])) for n, start in enumerate(range(0, len(articles), size))]


def attributions_for(
    articles: Sequence[CleanArticle],
    engine: str = "local",
    workers: int | None = None,
    progress: BatchDone | None = None,
    batch_articles: int = BATCH_ARTICLES,
    model: str | None = None,
) -> list[list[Attribution]]:
    """``extract_attributions(articles, model)``, batch by batch, on ``engine``; ``progress(done, total)``
    counts distinct texts as their batches finish (local engine). ``model``: a shipped model's name or a folder.

    An article whose original text repeats an earlier one's word for word (a wire copy, a re-crawl) is not
    tagged again: attributions are offsets into that text, so the copy's are the same, under its own id."""
    texts, positions = distinct_texts([a.article.text for a in articles])
    if len(texts) < len(articles):
        firsts: dict[int, CleanArticle] = {}
        for article, position in zip(articles, positions, strict=True):
            firsts.setdefault(position, article)
        found = attributions_for(
            [firsts[n] for n in range(len(texts))], engine, workers, progress, batch_articles, model
        )
        return [
            [
                found_one if found_one.article == article.id else replace(found_one, article=article.id)
                for found_one in found[position]
            ]
            for article, position in zip(articles, positions, strict=True)
        ]
    batches = _batches(articles, batch_articles)
    tag = partial(_tag_batch, model=model)
    done: dict[int, list[list[Attribution]]] = {}
    if engine == "spark":
        done.update(_on_spark(batches, tag))
    else:
        for number, found in _locally(batches, len(articles), workers, tag):
            done[number] = found
            if progress is not None:
                progress(min(len(done) * batch_articles, len(articles)), len(articles))
    return [found for number in range(len(batches)) for found in done[number]]


TagBatch = Callable[[Batch], tuple[int, list[list[Attribution]]]]


def _locally(
    batches: list[Batch], articles: int, workers: int | None, tag: TagBatch = _tag_batch
) -> Iterator[tuple[int, list[list[Attribution]]]]:
    workers = min(workers or worker_count(MAX_WORKERS), MAX_WORKERS, len(batches))
    if workers < 2 or articles < MIN_PARALLEL_ARTICLES:
        yield from map(tag, batches)
        return
    # The run's shared pool: its workers may already hold MiniLM from the story features, and keep the
    # tagger loaded for later calls.
    yield from spawned_pool(workers).map(tag, batches)


def _on_spark(batches: list[Batch], tag: TagBatch = _tag_batch) -> list[tuple[int, list[list[Attribution]]]]:
    from narratrace.spark import spark_map

    return list(spark_map().map(tag, batches))
