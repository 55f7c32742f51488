"""The Spark engine: the same candidate generation as the local engine, as DataFrame operations.

shingle (the same hashing code, in mapPartitions) -> explode -> drop shingles whose document
frequency is outside [2, max_df] -> self-join on the hash -> group by document pair and count ->
keep pairs with >= min_shared shingles -> join the two texts -> the same alignment function per pair
in mapPartitions. Results are identical to the local engine's.

Runs on ``local[*]`` by default. Set ``NARRATRACE_SPARK_MASTER`` to use another master; under
``spark-submit`` the master (and everything else) comes from spark-submit. See docs/reuse.md.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from narratrace.reuse.candidates import document_bits, indexed_shingles
from narratrace.reuse.options import ReuseOptions
from narratrace.reuse.pairs import align_sources
from narratrace.reuse.prepared import SourceText
from narratrace.reuse.tokens import document_shingles
from narratrace.reuse.types import ReusePair

_SOURCE_SCHEMA = (
    "doc long, id string, text string, masked array<array<long>>, segments array<array<long>>, clean_length long"
)


def _session() -> Any:
    try:
        from pyspark.sql import SparkSession
    except ModuleNotFoundError as exc:  # pragma: no cover - depends on the optional extra
        raise RuntimeError("the spark engine needs PySpark: pip install 'narratrace[spark]'") from exc
    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    builder = (
        SparkSession.builder.appName("narratrace-reuse")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
    )
    master = os.environ.get("NARRATRACE_SPARK_MASTER")
    if master:
        builder = builder.master(master)
    elif "PYSPARK_GATEWAY_PORT" not in os.environ:  # not launched by spark-submit
        builder = builder.master("local[*]")
        # Local Python workers must run this interpreter and import this copy of narratrace.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        package_root = str(Path(__file__).resolve().parents[2])
        paths = os.environ.get("PYTHONPATH", "").split(os.pathsep)
        if package_root not in paths:
            os.environ["PYTHONPATH"] = os.pathsep.join([package_root, *[p for p in paths if p]])
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


def _source_row(index: int, source: SourceText) -> tuple[Any, ...]:
    return (
        index,
        source.id,
        source.text,
        [list(span) for span in source.masked],
        [list(segment) for segment in source.segments],
        source.clean_length,
    )


def _source_from_row(row: Any, prefix: str) -> SourceText:
    return SourceText(
        id=row[f"{prefix}id"],
        text=row[f"{prefix}text"],
        masked=tuple((int(s), int(e)) for s, e in row[f"{prefix}masked"]),
        segments=tuple((int(c), int(o), int(n)) for c, o, n in row[f"{prefix}segments"]),
        clean_length=int(row[f"{prefix}clean_length"]),
    )


def _shingle_rows(rows: Iterable[Any], shingle_words: int, bits: int) -> Iterator[tuple[int, list[int]]]:
    for row in rows:
        masked = tuple((int(s), int(e)) for s, e in row["masked"])
        hashes = document_shingles(row["text"], masked, shingle_words)
        # The local engine's index keys, shifted right: < 2**63, so they fit Spark's signed long.
        yield row["doc"], indexed_shingles(hashes, bits).astype("int64").tolist()


def _align_rows(rows: Iterable[Any], options: ReuseOptions) -> Iterator[ReusePair]:
    for row in rows:
        pair = align_sources(_source_from_row(row, "a_"), _source_from_row(row, "b_"), options)
        if pair is not None:
            yield pair


def find_pairs(sources: Sequence[SourceText], options: ReuseOptions, progress: Any = None) -> list[ReusePair]:
    """All reuse pairs among ``sources`` (distinct ids), sorted by (a, b), computed with Spark."""
    if len(sources) < 2:
        return []
    from pyspark.sql import functions as F

    spark = _session()
    docs = spark.createDataFrame([_source_row(k, s) for k, s in enumerate(sources)], _SOURCE_SCHEMA)
    docs = docs.repartition(max(1, spark.sparkContext.defaultParallelism * 2), "doc").cache()
    shingle_words, bits = options.shingle_words, document_bits(len(sources))
    shingled = docs.rdd.mapPartitions(lambda rows: _shingle_rows(rows, shingle_words, bits)).toDF(
        "doc long, shingles array<long>"
    )
    postings = shingled.select("doc", F.explode("shingles").alias("h"))
    frequency = postings.groupBy("h").agg(F.count("*").alias("df"))
    kept = postings.join(
        frequency.where((F.col("df") >= 2) & (F.col("df") <= options.max_document_frequency)), "h", "left_semi"
    )
    left, right = kept.alias("l"), kept.alias("r")
    candidates = (
        left.join(right, (F.col("l.h") == F.col("r.h")) & (F.col("l.doc") < F.col("r.doc")))
        .groupBy(F.col("l.doc").alias("a_doc"), F.col("r.doc").alias("b_doc"))
        .agg(F.count("*").alias("shared"))
        .where(F.col("shared") >= options.min_shared_shingles)
    )
    if progress:
        progress("candidates", 0, 0)

    def side(prefix: str) -> Any:
        return docs.select(*[F.col(c).alias(f"{prefix}{c}") for c in docs.columns])

    joined = candidates.join(side("a_"), "a_doc").join(side("b_"), "b_doc")
    pairs: list[ReusePair] = joined.rdd.mapPartitions(lambda rows: _align_rows(rows, options)).collect()
    docs.unpersist()
    if progress:
        progress("align", len(pairs), len(pairs))
    pairs.sort(key=lambda p: (p.a, p.b))
    return pairs
