"""Order-preserving parallel map over a stream, for stages that clean or prepare many articles.

``concurrent.futures`` ``Executor.map`` submits its whole input at once, which for a 100k-article
corpus would hold every article as a pending task; here the input is fed a batch at a time, so
at most two batches (``2 * batch_size`` items) are in flight. Small inputs stay in-process, where starting workers
would cost more than it saves.
"""

from __future__ import annotations

import atexit
import itertools
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class MapPool(Protocol):
    """What the pooled steps need of a pool: ``Executor.map`` (local processes) or ``spark.SparkMap``."""

    def map(self, function: Callable[..., Any], /, *iterables: Iterable[Any]) -> Iterator[Any]: ...


def map_in_batches(
    function: Callable[[T], R],
    items: Iterable[T],
    workers: int | None = None,
    *,
    min_parallel: int = 4000,
    batch_size: int = 2048,
    chunksize: int = 64,
) -> Iterator[R]:
    """``function`` over ``items``, in order; across ``workers`` processes once ``min_parallel`` items are seen.

    ``function`` must be picklable (a module-level function).
    """
    workers = workers or os.cpu_count() or 1
    stream = iter(items)
    head = list(itertools.islice(stream, min_parallel))
    if workers < 2 or len(head) < min_parallel:
        yield from map(function, head)
        yield from map(function, stream)  # empty unless workers < 2
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        # Two batches in flight: the next is read and queued before the current one's results are taken, so
        # the workers never wait for the reader at a batch boundary.
        current = pool.map(function, head, chunksize=chunksize)
        while True:
            batch = list(itertools.islice(stream, batch_size))
            following = pool.map(function, batch, chunksize=chunksize) if batch else None
            yield from current
            if following is None:
                return
            current = following


# Spawned worker pools, kept for the rest of the process: a worker loads its models (MiniLM, spaCy: several
# CPU seconds each) on its first task, and the stories, claims and embedding steps of one run then share
# those loaded models instead of starting and loading a pool per step.
_SPAWNED: dict[int, ProcessPoolExecutor] = {}
_SPAWNING = threading.Lock()  # stages running side by side ask for the pool at once: one pool, not two


def spawned_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` *spawned* processes, created on first use and reused until ``close_spawned_pools``.

    Spawned, not forked: an earlier step may have run torch on several threads, and forking a process whose
    OpenMP pool is up can hang the child. Tasks must be module-level functions; each sets its own threads.
    """
    with _SPAWNING:
        pool = _SPAWNED.get(workers)
        if pool is None or getattr(pool, "_broken", False):
            pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
            _SPAWNED[workers] = pool
        return pool


def close_spawned_pools() -> None:
    """Stop every spawned pool (their workers hold models: ~1 GB each)."""
    while _SPAWNED:
        _, pool = _SPAWNED.popitem()
        pool.shutdown(wait=True, cancel_futures=True)


atexit.register(close_spawned_pools)


def worker_count(max_workers: int = 4) -> int:
    """Workers for a CPU-bound step: one per core, at most ``max_workers`` (each holds its own models)."""
    return min(os.cpu_count() or 1, max_workers)


def pool_for(items: int, min_items: int) -> ProcessPoolExecutor | None:
    """The shared spawned pool when there are ``min_items`` items or more and two cores or more, else None
    (stay in-process: starting workers would cost more than it saves)."""
    workers = worker_count()
    return spawned_pool(workers) if workers >= 2 and items >= min_items else None


def distinct_texts(texts: Sequence[str]) -> tuple[list[str], list[int]]:
    """The distinct texts in order of first appearance, and each text's position among them.

    Wire copies, syndicated and re-crawled pages repeat a text word for word: the per-text steps (story
    features, framing's parse, attribution tagging) work once per distinct text and copies take its result."""
    first: dict[str, int] = {}
    positions = [first.setdefault(text, len(first)) for text in texts]
    return list(first), positions
