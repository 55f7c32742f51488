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
    When a direction is decided and its source is ``b``, the record is written from source to copy:
    ``a`` is the source, the passages' a/b sides and containments swap, and each edit's op ``added`` and
    ``removed`` swap with its sides, so that "added" is what the copy added (edits are computed in id order).
    """
    flip = direction is not None and direction.source == pair.b and pair.a != pair.b
    a, b = (pair.b, pair.a) if flip else (pair.a, pair.b)
    a_text, b_text = original_text(a), original_text(b)
    passages = []
    for p in pair.passages:
        spans = asdict(p)
        if flip:
            spans |= {"a_start": p.b_start, "a_end": p.b_end, "b_start": p.a_start, "b_end": p.a_end}
        passages.append(
            {
                **spans,
                "a_text": a_text[spans["a_start"] : spans["a_end"]],
                "b_text": b_text[spans["b_start"] : spans["b_end"]],
            }
        )
    edits = []
    for e in pair.edits:
        edit = asdict(e)
        if flip:
            edit = {**edit, **_flipped_edit(edit)}
        edits.append(edit)
    return {
        "a": a,
        "b": b,
        "kind": pair.kind,
        "containment_a": pair.containment_b if flip else pair.containment_a,
        "containment_b": pair.containment_a if flip else pair.containment_b,
        "passages": passages,
        "direction": direction_record(direction),
        "edits": edits,
        "oriented": "source_to_copy" if direction is not None and direction.source in (pair.a, pair.b) else "id_order",
    }


def _flipped_edit(edit: dict[str, Any]) -> dict[str, Any]:
    """An edit seen from the other side: op added <-> removed, and the a_/b_ fields swapped."""
    out: dict[str, Any] = {"op": {"added": "removed", "removed": "added"}.get(edit["op"], edit["op"])}
    for key, value in edit.items():
        if key.startswith("a_") and "b_" + key[2:] in edit:
            out["b_" + key[2:]] = value
        elif key.startswith("b_") and "a_" + key[2:] in edit:
            out["a_" + key[2:]] = value
    return out


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
