"""Order-preserving parallel map over a stream, for stages that clean or prepare many articles.

``concurrent.futures`` ``Executor.map`` submits its whole input at once, which for a 100k-article
corpus would hold every article as a pending task; here the input is fed a batch at a time, so
at most two batches (``2 * batch_size`` items) are in flight. Small inputs stay in-process, where starting workers
would cost more than it saves.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


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
