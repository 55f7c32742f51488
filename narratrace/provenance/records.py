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


def direction_record(direction: Direction | None) -> JsonObject | None:
    if direction is None:
        return None
    return {
        "source": direction.source,
        "confidence": direction.confidence,
        "evidence": [asdict(e) for e in direction.evidence],
    }


def pair_record(pair: ReusePair, original_text: Callable[[str], str], direction: Direction | None) -> JsonObject:
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
