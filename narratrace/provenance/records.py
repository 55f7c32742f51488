"""Plain-JSON records of reuse and provenance results: ``analysis.json``'s ``reuse``, ``clusters`` and
``outlet_network`` sections, and the lines of ``pairs.jsonl`` and ``clusters.jsonl``."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from dataclasses import asdict

import networkx as nx

from narratrace.analysis import JsonObject
from narratrace.provenance.types import Direction
from narratrace.reuse.types import ReuseCluster, ReusePair


def direction_record(direction: Direction | None, flip: bool = False) -> JsonObject | None:
    """A direction with its evidence; ``flip``: the record's a and b are the pair's b and a (``pair_record``), so
    each finding's a/b-keyed data is turned to match ("a_published" is then the record's a's date)."""
    if direction is None:
        return None
    evidence = [asdict(e) for e in direction.evidence]
    if flip:
        evidence = [{**e, "data": _flipped_data(e["data"])} for e in evidence]
    return {"source": direction.source, "confidence": direction.confidence, "evidence": evidence}


def _flipped_data(data: JsonObject) -> JsonObject:
    """Evidence data seen from the other side: a_X <-> b_X, X_a <-> X_b, a_to_b <-> b_to_a; the text-shape
    features, antisymmetric in a and b (``shape.shape_features``), negate."""
    out: JsonObject = {}
    for key, value in data.items():
        if key in ("a_to_b", "b_to_a"):
            key = "b_to_a" if key == "a_to_b" else "a_to_b"
        elif key[:2] in ("a_", "b_") and {"a_": "b_", "b_": "a_"}[key[:2]] + key[2:] in data:
            key = {"a_": "b_", "b_": "a_"}[key[:2]] + key[2:]
        elif key[-2:] in ("_a", "_b") and key[:-2] + {"_a": "_b", "_b": "_a"}[key[-2:]] in data:
            key = key[:-2] + {"_a": "_b", "_b": "_a"}[key[-2:]]
        elif key == "features" and isinstance(value, list):
            value = [0.0 - float(x) for x in value if isinstance(x, int | float)]  # 0.0 - 0.0 is 0.0, not -0.0
        out[key] = value
    return out


def pair_record(pair: ReusePair, original_text: Callable[[str], str], direction: Direction | None) -> JsonObject:
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
        "significance": pair.significance,
        "passages": passages,
        "direction": direction_record(direction, flip),
        "edits": edits,
        "oriented": "source_to_copy" if direction is not None and direction.source in (pair.a, pair.b) else "id_order",
    }


def _flipped_edit(edit: JsonObject) -> JsonObject:
    """An edit seen from the other side: op added <-> removed, and the a_/b_ fields swapped."""
    op = str(edit["op"])
    out: JsonObject = {"op": {"added": "removed", "removed": "added"}.get(op, op)}
    for key, value in edit.items():
        if key.startswith("a_") and "b_" + key[2:] in edit:
            out["b_" + key[2:]] = value
        elif key.startswith("b_") and "a_" + key[2:] in edit:
            out["a_" + key[2:]] = value
    return out


def cluster_record(cluster: ReuseCluster) -> JsonObject:
    return {
        "id": cluster.id,
        "earliest": cluster.earliest,
        "members": [{"article": a, "start": s, "end": e} for a, s, e in cluster.members],
    }


def network_record(graph: nx.DiGraph | None) -> JsonObject:
    """The outlet network as ``{"nodes": [...], "edges": [...]}``, sorted so equal graphs give equal JSON."""
    if graph is None:
        return {"nodes": [], "edges": []}
    return {
        "nodes": [{"id": str(n), **_scalars(d)} for n, d in sorted(graph.nodes(data=True), key=lambda x: str(x[0]))],
        "edges": [
            {"source": str(u), "target": str(v), **_scalars(d)}
            for u, v, d in sorted(graph.edges(data=True), key=lambda x: (str(x[0]), str(x[1])))
        ],
    }


def _scalars(data: dict[str, object]) -> JsonObject:
    # GEXF and GraphML hold only scalars, so list-valued attributes travel in the graph as JSON text;
    # analysis.json has no such limit and gets them back as lists.
    out: JsonObject = {}
    for key, value in data.items():
        if isinstance(value, str) and value[:1] in "[{":
            with contextlib.suppress(ValueError):
                value = json.loads(value)
        out[key] = value
    return out
