"""The Spark engine: the local engine's candidate generation and alignment, distributed by Spark.

The corpus goes in as Parquet (or an Arrow table; ``_source_frame``) -> postings (doc, shingle) from
the same hashing code, in ``mapInArrow`` -> repartition by shingle, so each shingle's postings list
sits in one partition -> in each partition the local engine's ``find_candidates`` counts shared
shingles per document pair (document-frequency cap included) -> group by pair and sum -> keep pairs
with >= min_shared shingles -> the local engine's ``worth_aligning`` test on each document's word count and
tweet flag -> join the two texts of the pairs left -> the same alignment function per pair in
``mapPartitions``, each text prepared once per task while its pairs follow one another.
Results are identical to the local engine's. (A DataFrame self-join on the shingle did the same
counting ~2.5x slower at 10k documents on 2 cores.)

Runs on ``local[*]`` by default. Set ``NARRATRACE_SPARK_MASTER`` to use another master; under
``spark-submit`` the master (and everything else) comes from spark-submit. See docs/reuse.md.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from narratrace.reuse.candidates import document_bits, indexed_shingles, list_pair_rows
from narratrace.reuse.options import ReuseOptions
from narratrace.reuse.pairs import build_pair
from narratrace.reuse.prepared import PreparedText, SourceText, prepare
from narratrace.reuse.significance import (
    ShingleRarity,
    background_for,
    index_hashes,
    may_share_quotation,
    worth_aligning,
)
from narratrace.reuse.tokens import tokenize
from narratrace.reuse.tweets import tweet_spans
from narratrace.reuse.types import ReusePair
from narratrace.spark import spark_session

_SOURCE_SCHEMA = (
    "doc long, id string, text string, masked array<array<long>>, segments array<array<long>>, clean_length long"
)


def _source_from_row(row: Any, prefix: str) -> SourceText:
    return SourceText(
        id=row[f"{prefix}id"],
        text=row[f"{prefix}text"],
        masked=tuple((int(s), int(e)) for s, e in row[f"{prefix}masked"]),
        segments=tuple((int(c), int(o), int(n)) for c, o, n in row[f"{prefix}segments"]),
        clean_length=int(row[f"{prefix}clean_length"]),
    )


# Sources turned into Arrow columns at a time: a packed corpus is decoded a batch at a time, never whole.
_TABLE_BATCH = 20_000


def _source_schema() -> Any:
    import pyarrow as pa

    pairs = pa.list_(pa.list_(pa.int64()))
    return pa.schema(
        [
            ("doc", pa.int64()),
            ("id", pa.string()),
            ("text", pa.large_string()),
            ("masked", pairs),
            ("segments", pairs),
            ("clean_length", pa.int64()),
        ]
    )


def _source_batches(sources: Sequence[SourceText]) -> Iterator[Any]:
    """The corpus as Arrow record batches of ``_TABLE_BATCH`` sources: columns, not rows through pickles."""
    import pyarrow as pa

    schema = _source_schema()
    pairs = schema.field("masked").type
    for first in range(0, len(sources), _TABLE_BATCH):
        batch = [sources[i] for i in range(first, min(first + _TABLE_BATCH, len(sources)))]
        columns = [
            pa.array(range(first, first + len(batch)), pa.int64()),
            pa.array([s.id for s in batch], pa.string()),
            pa.array([s.text for s in batch], pa.large_string()),
            pa.array([[list(m) for m in s.masked] for s in batch], pairs),
            pa.array([[list(g) for g in s.segments] for s in batch], pairs),
            pa.array([s.clean_length for s in batch], pa.int64()),
        ]
        yield pa.record_batch(columns, schema=schema)


def _staging_folder(spark: Any) -> str | None:
    """Where the corpus is written for Spark to read, or None to hand it over in memory.

    ``NARRATRACE_SPARK_STAGING`` names a folder every executor can read (a shared file system); on a
    ``local`` master a temporary folder of this machine serves. Handed over in memory, the whole corpus
    sits twice in memory at once: as an Arrow table in this process and in the JVM's heap (~5.5 GB each
    at 1M articles, beside the driver's own corpus); read from Parquet, the JVM streams it from disk.
    """
    staging = os.environ.get("NARRATRACE_SPARK_STAGING")
    if staging:
        return staging
    if str(spark.sparkContext.master).startswith("local"):
        return tempfile.gettempdir()
    return None


@contextmanager
def _source_frame(spark: Any, sources: Sequence[SourceText]) -> Iterator[Any]:
    """The corpus as a DataFrame of ``_SOURCE_SCHEMA``: staged as Parquet where it can be, else from memory."""
    import pyarrow as pa

    folder = _staging_folder(spark)
    if folder is None:
        table = pa.Table.from_batches(list(_source_batches(sources)), schema=_source_schema())
        yield spark.createDataFrame(table, _SOURCE_SCHEMA)
        return
    import pyarrow.parquet as pq

    staged = Path(tempfile.mkdtemp(prefix="narratrace-corpus-", dir=folder))
    try:
        path = staged / "sources.parquet"
        with pq.ParquetWriter(path, _source_schema()) as writer:
            for batch in _source_batches(sources):
                writer.write_batch(batch)
        yield spark.read.schema(_SOURCE_SCHEMA).parquet(str(path))
    finally:
        shutil.rmtree(staged, ignore_errors=True)


def _posting_batches(batches: Iterable[Any], options: ReuseOptions, bits: int) -> Iterator[Any]:
    """(doc, h) postings of each Arrow batch of documents, built with numpy, one batch out per batch in."""
    import pyarrow as pa

    background = background_for(options)
    for batch in batches:
        docs: list[np.ndarray] = [np.zeros(0, np.int64)]
        hashes: list[np.ndarray] = [np.zeros(0, np.int64)]
        columns = batch.to_pydict()
        for doc, text, masked in zip(columns["doc"], columns["text"], columns["masked"], strict=True):
            spans = tuple((int(s), int(e)) for s, e in masked)
            plain, quoted, _ = index_hashes(SourceText("", text, spans, (), len(text)), options, background)
            # The local engine's index keys, shifted right: < 2**63, so they fit Spark's signed long.
            keys = indexed_shingles(plain, bits, quoted).astype(np.int64)
            docs.append(np.full(len(keys), doc, dtype=np.int64))
            hashes.append(keys)
        yield pa.RecordBatch.from_arrays(
            [pa.array(np.concatenate(docs)), pa.array(np.concatenate(hashes))], names=["doc", "h"]
        )


def _partition_candidates(batches: Iterable[Any], document_count: int, max_df: int) -> Iterator[Any]:
    """Pairs sharing shingles within one partition's postings, counted by ``find_candidates``."""
    import pyarrow as pa

    docs, hashes = [], []
    for batch in batches:
        docs.append(batch.column(0).to_numpy().astype(np.uint64))
        hashes.append(batch.column(1).to_numpy().astype(np.uint64))
    if not docs:
        return
    bits = document_bits(document_count)
    keys = (np.concatenate(hashes) << np.uint64(bits)) | np.concatenate(docs)
    first, second, weight, quoted, fingerprint, frequent, frequency = list_pair_rows(keys, document_count, max_df)
    # Frequent shingles travel in the same stream, as rows (a_doc = -1, b_doc = document frequency, shared = value).
    no_doc = np.full(len(frequent), -1, np.int64)
    zeros = np.zeros(len(no_doc), np.int64)
    yield pa.RecordBatch.from_arrays(
        [
            pa.array(np.concatenate([first, no_doc])),
            pa.array(np.concatenate([second, frequency])),
            pa.array(np.concatenate([weight, frequent.astype(np.int64)])),
            pa.array(np.concatenate([quoted, zeros])),
            pa.array(np.concatenate([fingerprint.view(np.int64), zeros])),
        ],
        names=["a_doc", "b_doc", "shared", "quoted", "list"],
    )


def _fact_batches(batches: Iterable[Any]) -> Iterator[Any]:
    """(doc, words, tweet) of each document: what ``worth_aligning`` reads, worked out once per document."""
    import pyarrow as pa

    for batch in batches:
        columns = batch.to_pydict()
        words, tweets = [], []
        for text, masked in zip(columns["text"], columns["masked"], strict=True):
            words.append(len(tokenize(text, tuple((int(s), int(e)) for s, e in masked))))
            tweets.append(bool(tweet_spans(text)))
        yield pa.RecordBatch.from_arrays(
            [pa.array(columns["doc"], pa.int64()), pa.array(words, pa.int64()), pa.array(tweets, pa.bool_())],
            names=["doc", "words", "tweet"],
        )


def _worth_batches(batches: Iterable[Any], options: ReuseOptions) -> Iterator[Any]:
    """The candidates worth aligning, each with its ``quoted_evidence``: the local engine's ``id_ordered`` test."""
    import pyarrow as pa

    for batch in batches:
        columns = batch.to_pydict()
        kept: dict[str, list[Any]] = {"a_doc": [], "b_doc": [], "quoted_evidence": []}
        names = ("a_doc", "b_doc", "shared", "lists", "quoted", "a_words", "b_words", "a_tweet", "b_tweet")
        for a_doc, b_doc, shared, lists, quoted, a_words, b_words, a_tweet, b_tweet in zip(
            *(columns[c] for c in names), strict=True
        ):
            tweet = bool(a_tweet or b_tweet)
            if worth_aligning(shared, lists, quoted, a_words, b_words, options, tweet):
                kept["a_doc"].append(a_doc)
                kept["b_doc"].append(b_doc)
                kept["quoted_evidence"].append(may_share_quotation(quoted, tweet, options))
        yield pa.RecordBatch.from_arrays(
            [
                pa.array(kept["a_doc"], pa.int64()),
                pa.array(kept["b_doc"], pa.int64()),
                pa.array(kept["quoted_evidence"], pa.bool_()),
            ],
            names=["a_doc", "b_doc", "quoted_evidence"],
        )


# Texts prepared per Spark task and kept for the pairs after: rows come grouped by their second document
# (the last join sorts on it), so most of a text's pairs find it prepared, as the local engine's workers do.
_PREPARED_PER_TASK = 256


def _align_rows(rows: Iterable[Any], options: ReuseOptions, rarity: ShingleRarity) -> Iterator[ReusePair]:
    prepared: OrderedDict[int, PreparedText] = OrderedDict()

    def prepared_text(row: Any, prefix: str) -> tuple[str, PreparedText]:
        doc = row[f"{prefix}doc"]
        text = prepared.get(doc)
        if text is None:
            text = prepare(_source_from_row(row, prefix), options.shingle_words, rarity.weights)
            prepared[doc] = text
            if len(prepared) > _PREPARED_PER_TASK:
                prepared.popitem(last=False)
        else:
            prepared.move_to_end(doc)
        return row[f"{prefix}id"], text

    for row in rows:
        (id_a, a), (id_b, b) = prepared_text(row, "a_"), prepared_text(row, "b_")
        first, second = (a, b) if id_a <= id_b else (b, a)  # in id order, as the local engine aligns them
        pair = build_pair(first, second, options, row["quoted_evidence"])
        if pair is not None:
            yield pair


def find_pairs(sources: Sequence[SourceText], options: ReuseOptions, progress: Any = None) -> list[ReusePair]:
    """All reuse pairs among ``sources`` (distinct ids), sorted by (a, b), computed with Spark."""
    if len(sources) < 2:
        return []

    spark = spark_session()
    with _source_frame(spark, sources) as frame:
        return _pairs_of_frame(spark, frame, len(sources), options, progress)


def _pairs_of_frame(spark: Any, frame: Any, n_documents: int, options: ReuseOptions, progress: Any) -> list[ReusePair]:
    from pyspark.sql import functions as F

    docs = frame.repartition(max(1, spark.sparkContext.defaultParallelism * 2), "doc")
    bits = document_bits(n_documents)
    postings = docs.select("doc", "text", "masked").mapInArrow(
        lambda batches: _posting_batches(batches, options, bits), "doc long, h long"
    )
    # All postings of a shingle land in one partition, where the local engine's own counting runs
    # on them (document frequency cap included); partitions then only add up their pair counts.
    # A partition holds its postings in one numpy array: ~2,000 documents' worth (~15 MB) at most.
    max_df = options.max_document_frequency
    n_partitions = max(1, spark.sparkContext.defaultParallelism * 4, n_documents // 2000)
    partial = (
        postings.repartition(n_partitions, "h")
        .mapInArrow(
            lambda batches: _partition_candidates(batches, n_documents, max_df),
            "a_doc long, b_doc long, shared long, quoted long, list long",
        )
        .cache()
    )
    frequent_rows = partial.where(F.col("a_doc") < 0).select("shared", "b_doc").collect()
    frequent = np.array([row[0] for row in frequent_rows], dtype=np.uint64)
    frequency = np.array([row[1] for row in frequent_rows], dtype=np.int64)
    order = np.argsort(frequent, kind="stable")
    rarity = ShingleRarity.from_frequencies(background_for(options), frequent[order], frequency[order], bits, options)
    least = options.min_shared_shingles
    # One row per (pair, postings list) from each partition: identical lists from different
    # partitions merge on their fingerprint first, so the counts equal find_candidates' exactly.
    plain, quoted = F.col("quoted") == 0, F.col("quoted") == 1
    candidates = (
        partial.where(F.col("a_doc") >= 0)
        .groupBy("a_doc", "b_doc", "quoted", "list")
        .agg(F.sum("shared").alias("weight"))
        .groupBy("a_doc", "b_doc")
        .agg(
            F.sum(F.when(plain, F.col("weight")).otherwise(0)).alias("shared"),
            F.sum(F.when(quoted, F.col("weight")).otherwise(0)).alias("quoted"),
            F.sum(F.when(plain, 1).otherwise(0)).alias("lists"),
        )
        .where((F.col("shared") >= least) | (F.col("quoted") >= least))
    )
    if progress:
        progress("candidates", 0, 0)

    def side(frame: Any, prefix: str) -> Any:
        return frame.select(*[F.col(c).alias(f"{prefix}{c}") for c in frame.columns])

    # Candidates meet their documents' word counts and tweet flags first (small rows), and only those worth
    # aligning meet their texts: joining every candidate to both texts and re-reading them cost ~70% of the
    # alignment's time at 1M (docs/results/speed.md).
    facts = docs.select("doc", "text", "masked").mapInArrow(_fact_batches, "doc long, words long, tweet boolean")
    worth = (
        candidates.join(side(facts, "a_"), "a_doc")
        .join(side(facts, "b_"), "b_doc")
        .mapInArrow(lambda batches: _worth_batches(batches, options), "a_doc long, b_doc long, quoted_evidence boolean")
    )
    joined = worth.join(side(docs, "a_"), "a_doc").join(side(docs, "b_"), "b_doc")
    pairs: list[ReusePair] = joined.rdd.mapPartitions(lambda rows: _align_rows(rows, options, rarity)).collect()
    partial.unpersist()
    if progress:
        progress("align", len(pairs), len(pairs))
    pairs.sort(key=lambda p: (p.a, p.b))
    return pairs
