"""JSON Lines records of reuse results (``pairs.jsonl``, ``clusters.jsonl``)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from narratrace.provenance.types import Direction
from narratrace.reuse.types import ReuseCluster, ReusePair


def direction_record(direction: Direction | None) -> dict[str, Any] | None:
    if direction is None:
        return None
    return {
        "source": direction.source,
        "confidence": direction.confidence,
        "evidence": [asdict(e) for e in direction.evidence],
    }


def pair_record(pair: ReusePair, original_text: Callable[[str], str], direction: Direction | None) -> dict[str, Any]:
    """One ``pairs.jsonl`` line: ids, kind, passages with their original text, direction, edits.

    ``original_text(article_id)`` gives an article's original text (held whole, or fetched on demand).
    """
    a_text, b_text = original_text(pair.a), original_text(pair.b)
    return {
        "a": pair.a,
        "b": pair.b,
        "kind": pair.kind,
        "containment_a": pair.containment_a,
        "containment_b": pair.containment_b,
        "significance": pair.significance,
        "passages": [
            {
                **asdict(p),
                "a_text": a_text[p.a_start : p.a_end],
                "b_text": b_text[p.b_start : p.b_end],
            }
            for p in pair.passages
        ],
        "direction": direction_record(direction),
        "edits": [asdict(e) for e in pair.edits],
    }


def cluster_record(cluster: ReuseCluster) -> dict[str, Any]:
    return {
        "id": cluster.id,
        "earliest": cluster.earliest,
        "members": [{"article": a, "start": s, "end": e} for a, s, e in cluster.members],
    }


def write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
