"""One Spark session for every stage that runs on Spark (text reuse, technique and attribution tagging, story
features), and ``SparkMap``, a worker pool's ``map`` on Spark tasks.

Runs on ``local[*]`` by default. Set ``NARRATRACE_SPARK_MASTER`` to use another master; under
``spark-submit`` the master (and everything else) comes from spark-submit. See docs/reuse.md.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any


def spark_session() -> Any:
    """The active Spark session, or a new one (local[*] unless told otherwise)."""
    try:
        from pyspark.sql import SparkSession
    except ModuleNotFoundError as exc:  # pragma: no cover - depends on the optional extra
        raise RuntimeError("the spark engine needs PySpark: pip install 'narratrace[spark]'") from exc
    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    builder = (
        SparkSession.builder.appName("narratrace")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
    )
    master = os.environ.get("NARRATRACE_SPARK_MASTER")
    if master:
        builder = builder.master(master)
    elif "PYSPARK_GATEWAY_PORT" not in os.environ:  # not launched by spark-submit
        # Spark's 1 GB default driver heap cannot take in a 100k-article corpus (measured: out of
        # memory); in local mode the driver is also the only executor.
        memory = os.environ.get("NARRATRACE_SPARK_DRIVER_MEMORY", "3g")
        builder = builder.master("local[*]").config("spark.driver.memory", memory)
        # Local Python workers must run this interpreter and import this copy of narratrace.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        package_root = str(Path(__file__).resolve().parents[1])
        paths = os.environ.get("PYTHONPATH", "").split(os.pathsep)
        if package_root not in paths:
            os.environ["PYTHONPATH"] = os.pathsep.join([package_root, *[p for p in paths if p]])
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


class SparkMap:
    """``Executor.map`` on Spark tasks, for steps written against a worker pool (story features).

    The items are the ones a local pool would get (the same batches, in the same order), so a step whose
    result per item does not depend on the process gives the local result. ``map`` runs one Spark job and
    returns once it has finished, in input order.
    """

    def __init__(self, session: Any | None = None) -> None:
        self._context = (session or spark_session()).sparkContext

    def map(self, function: Callable[..., Any], *iterables: Iterable[Any]) -> Iterator[Any]:
        items = list(zip(*iterables, strict=True))
        if not items:
            return iter(())
        slices = min(len(items), max(1, self._context.defaultParallelism * 2))
        star = _Star(function)
        return iter(self._context.parallelize(items, numSlices=slices).map(star).collect())


def spark_map() -> SparkMap:
    """A ``SparkMap`` on the run's Spark session, for stages whose per-article steps take a pool."""
    return SparkMap()


class _Star:
    """``function(*args)`` as a picklable one-argument callable (a lambda would capture this module)."""

    def __init__(self, function: Callable[..., Any]) -> None:
        self.function = function

    def __call__(self, args: tuple[Any, ...]) -> Any:
        return self.function(*args)
