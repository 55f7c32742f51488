"""Technique tagging on Spark: the local tagger's batches, spread over executors.

Tagging is the slowest stage (the default model reads ~2 articles of 600 words a second per two
cores), so a large corpus is tagged on a cluster. The driver plans the batches exactly as
``TechniqueTagger.predict`` does (``plan_batches``); each Spark task loads the model once per Python
worker and tags whole batches with ``predict_segments``. A batch is always encoded together, so the
fragments are those of the local engine.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from narratrace.techniques.batching import plan_batches
from narratrace.techniques.span import TechniqueSpan


def _tag_partition(
    model: str,
    precision: str,
    threshold: float | None,
    batches: Iterator[tuple[int, list[tuple[int, int, str]]]],
) -> Iterator[Any]:
    from narratrace.techniques import load_tagger

    tagger = load_tagger(model, precision)  # cached per Python worker
    for batch_id, pieces in batches:
        found = tagger.predict_segments([text for _, _, text in pieces], threshold)
        for (index, start, _), spans in zip(pieces, found, strict=True):
            yield batch_id, index, [replace(s, start=s.start + start, end=s.end + start) for s in spans]


def detect_techniques_spark(
    texts: Sequence[str], model: str | Path = "default", threshold: float | None = None, precision: str = "auto"
) -> list[list[TechniqueSpan]]:
    """``TechniqueTagger.predict`` with the batches tagged by Spark tasks; same results as the local engine
    where the executors resolve ``precision`` as the driver does (name ``"fp32"`` or ``"bf16"`` to be sure)."""
    from narratrace.spark import spark_session

    planned = plan_batches(texts)  # predict's default batches
    if not planned:
        return []
    rows = [
        (batch_id, [(index, start, texts[index][start:end]) for index, start, end in batch])
        for batch_id, batch in enumerate(planned)
    ]
    context = spark_session().sparkContext
    model_name = str(model)
    tagged = (
        context.parallelize(rows, numSlices=min(len(rows), max(1, context.defaultParallelism)))
        .mapPartitions(lambda part: _tag_partition(model_name, precision, threshold, part))
        .collect()
    )
    results: list[list[TechniqueSpan]] = [[] for _ in texts]
    # Segments of one text arrive in batch order, and within a batch in plan order: keep both.
    for _, index, spans in sorted(tagged, key=lambda row: row[0]):
        results[index].extend(spans)
    return results
