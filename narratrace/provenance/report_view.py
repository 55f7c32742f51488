"""The text-reuse part of the report: pairs side by side with their edits, and reused-passage clusters."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from narratrace.document import (
    ArticleRef,
    as_dict,
    as_int,
    as_list,
    as_number,
    as_text,
    clamp_span,
    name_ids,
    ref_for,
    segment_text,
)
from narratrace.provenance.facts import UNKNOWN_NODE


@dataclass(frozen=True)
class Piece:
    """A run of text in a reuse cell; ``css`` empty for plain shared text, ``gap`` for an insertion point."""

    text: str
    css: str = ""
    note: str = ""


@dataclass
class PassageRow:
    a: list[Piece]
    b: list[Piece]
    score: float | None


@dataclass
class Evidence:
    kind: str
    detail: str
    favours: str
    weight: float | None


@dataclass
class PairView:
    number: int
    a: ArticleRef
    b: ArticleRef
    kind: str
    containment_a: float | None
    containment_b: float | None
    source_side: str | None  # "a", "b" or None when undecided
    confidence: float | None
    evidence: list[Evidence]
    rows: list[PassageRow]
    other_edits: list[tuple[str, str, str]] = field(default_factory=list)  # (op, a text, b text)

    @property
    def source(self) -> ArticleRef | None:
        return {"a": self.a, "b": self.b}.get(self.source_side or "")

    @property
    def copy(self) -> ArticleRef | None:
        return {"a": self.b, "b": self.a}.get(self.source_side or "")


def _edit_css(op: str, side: str, source_side: str | None) -> str:
    """Class of an edit's text on one side: what the later copy added, dropped or changed."""
    if op == "changed":
        return "ed-changed"
    if source_side is None:
        return "ed-only"
    return "ed-dropped" if side == source_side else "ed-added"


def _cell(text: str, offset: int, edits: list[dict[str, Any]], side: str, source_side: str | None) -> list[Piece]:
    other = "b" if side == "a" else "a"
    intervals: list[tuple[int, int]] = []
    styles: list[tuple[str, str]] = []
    for edit in edits:
        start, end = edit.get(f"{side}_start"), edit.get(f"{side}_end")
        if not isinstance(start, int) or not isinstance(end, int):
            continue
        op = as_text(edit.get("op"))
        other_text = as_text(edit.get(f"{other}_text"))
        if len(other_text) > 200:
            other_text = other_text[:200] + " …"
        note = f"{op}; other side: “{other_text}”" if other_text else op
        intervals.append((start - offset, end - offset))
        styles.append(("gap" if start == end else _edit_css(op, side, source_side), note))
    pieces = []
    for segment in segment_text(text, intervals):
        if not segment.marks:
            pieces.append(Piece(segment.text))
            continue
        css, note = styles[segment.marks[-1]]
        if not segment.text:
            css = "gap"
        pieces.append(Piece(segment.text, css, note))
    return pieces


def _within(edit: dict[str, Any], passage: dict[str, Any]) -> bool:
    for side in ("a", "b"):
        bounds = (
            edit.get(f"{side}_start"),
            edit.get(f"{side}_end"),
            passage.get(f"{side}_start"),
            passage.get(f"{side}_end"),
        )
        if not all(isinstance(v, int) for v in bounds):
            return False
        start, end, lo, hi = (as_int(v) for v in bounds)
        if not (lo <= start and end <= hi):
            return False
    return True


def _passage_text(passage: dict[str, Any], side: str, original: str) -> str:
    text = passage.get(f"{side}_text")
    if isinstance(text, str):
        return text
    span = clamp_span(passage.get(f"{side}_start"), passage.get(f"{side}_end"), len(original))
    return original[span[0] : span[1]] if span else ""


def _evidence(record: Mapping[str, Any], sides: Mapping[str, str], refs: Mapping[str, ArticleRef]) -> Evidence:
    """One piece of direction evidence with the pair's two articles called A and B, as the side-by-side table
    heads them (their hash ids read as noise in a sentence)."""
    favours = as_text(record.get("favours"))
    return Evidence(
        kind=as_text(record.get("kind")),
        detail=name_ids(as_text(record.get("detail")), sides),
        favours=f"{sides[favours]} ({ref_for(refs, favours).short})" if favours in sides else "",
        weight=as_number(record.get("weight")),
    )


def pair_views(doc: Mapping[str, Any], refs: Mapping[str, ArticleRef], limit: int) -> list[PairView]:
    originals = {
        as_text(as_dict(a).get("id")): as_text(as_dict(a).get("original_text")) for a in as_list(doc.get("articles"))
    }
    views = []
    for number, record in enumerate(as_list(doc.get("reuse"))[:limit], start=1):
        record = as_dict(record)
        a_id, b_id = as_text(record.get("a")), as_text(record.get("b"))
        direction = as_dict(record.get("direction"))
        source = as_text(direction.get("source")) if direction.get("source") is not None else ""
        source_side = "a" if source and source == a_id else "b" if source and source == b_id else None
        edits = [as_dict(e) for e in as_list(record.get("edits"))]
        passages = sorted(
            (as_dict(p) for p in as_list(record.get("passages"))),
            key=lambda p: as_int(p.get("a_start")),
        )
        placed: set[int] = set()
        rows = []
        for passage in passages:
            indices = [i for i, e in enumerate(edits) if i not in placed and _within(e, passage)]
            placed.update(indices)
            mine = [edits[i] for i in indices]
            a_cell, b_cell = (
                _cell(
                    _passage_text(passage, side, originals.get(side_id, "")),
                    as_int(passage.get(f"{side}_start")),
                    mine,
                    side,
                    source_side,
                )
                for side, side_id in (("a", a_id), ("b", b_id))
            )
            rows.append(PassageRow(a=a_cell, b=b_cell, score=as_number(passage.get("score"))))
        views.append(
            PairView(
                number=number,
                a=ref_for(refs, a_id),
                b=ref_for(refs, b_id),
                kind=as_text(record.get("kind")) or "copy",
                containment_a=as_number(record.get("containment_a")),
                containment_b=as_number(record.get("containment_b")),
                source_side=source_side,
                confidence=as_number(direction.get("confidence")),
                evidence=[
                    _evidence(as_dict(e), {a_id: "A", b_id: "B"}, refs) for e in as_list(direction.get("evidence"))
                ],
                rows=rows,
                other_edits=[
                    (as_text(e.get("op")), as_text(e.get("a_text")), as_text(e.get("b_text")))
                    for i, e in enumerate(edits)
                    if i not in placed
                ],
            )
        )
    return views


@dataclass
class ClusterView:
    id: str
    earliest: str
    members: list[tuple[ArticleRef, int, int]]
    snippet: str


def cluster_views(
    doc: Mapping[str, Any], refs: Mapping[str, ArticleRef], snippet_chars: int = 280
) -> list[ClusterView]:
    originals = {
        as_text(as_dict(a).get("id")): as_text(as_dict(a).get("original_text")) for a in as_list(doc.get("articles"))
    }
    views = []
    for record in as_list(doc.get("clusters")):
        record = as_dict(record)
        members = []
        for member in as_list(record.get("members")):
            if isinstance(member, dict):  # {"article", "start", "end"}, as clusters.jsonl writes them
                member = [member.get("article"), member.get("start"), member.get("end")]
            if isinstance(member, list | tuple) and len(member) == 3:
                members.append((ref_for(refs, member[0]), as_int(member[1]), as_int(member[2])))
        snippet = ""
        if members:
            ref, start, end = members[0]
            snippet = originals.get(ref.id, "")[start:end]
            if len(snippet) > snippet_chars:
                snippet = snippet[:snippet_chars].rstrip() + " …"
        earliest = record.get("earliest")
        views.append(
            ClusterView(
                id=as_text(record.get("id")),
                earliest=ref_for(refs, earliest).label if earliest else "",
                members=members,
                snippet=snippet,
            )
        )
    return views


# ---- outlet network ---------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """Scalars and lists of scalars pass; anything else becomes its string form."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if as_number(value) is not None else None
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value][:50]
    return str(value)


def _examples(value: Any, refs: Mapping[str, ArticleRef]) -> list[str]:
    """Example copies ("source>copy" article ids, space-separated or a list) as readable lines."""
    items = value.split() if isinstance(value, str) else [as_text(v) for v in _flat(value)]
    lines = []
    for item in items[:20]:
        source, sep, copy = item.partition(">")
        if sep:
            lines.append(f"{ref_for(refs, source).short} → {ref_for(refs, copy).short}")
        else:
            lines.append(ref_for(refs, item).short if item in refs else item)
    return lines


def network_data(doc: Mapping[str, Any], refs: Mapping[str, ArticleRef]) -> dict[str, Any]:
    """Nodes and edges as the JS graph reads them: ids, labels and scalar attributes only."""
    network = as_dict(doc.get("outlet_network"))
    nodes = []
    seen: set[str] = set()
    for node in as_list(network.get("nodes")):
        node = as_dict(node)
        node_id = as_text(node.get("id"))
        if node_id in seen:
            continue
        seen.add(node_id)
        attrs = {k: _plain(v) for k, v in node.items() if k != "id"}
        if node_id.startswith(UNKNOWN_NODE):  # an article of no known outlet: drawn as its name, not its hash
            attrs["label"] = ref_for(refs, node_id.removeprefix(UNKNOWN_NODE)).short
        nodes.append({"id": node_id, "attrs": attrs})
    edges = []
    for edge in as_list(network.get("edges")):
        edge = as_dict(edge)
        source, target = as_text(edge.get("source")), as_text(edge.get("target"))
        for end in (source, target):
            if end not in seen:
                seen.add(end)
                nodes.append({"id": end, "attrs": {}})
        attrs = {k: _plain(v) for k, v in edge.items() if k not in ("source", "target")}
        if "examples" in edge:
            attrs["examples"] = _examples(edge["examples"], refs)
        edges.append({"source": source, "target": target, "attrs": attrs})
    return {"nodes": nodes, "edges": edges}


def edge_rows(network: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The network's edges as a table (the no-JS and screen-reader view of the graph)."""
    labels = {node["id"]: as_text(node["attrs"].get("label")) or node["id"] for node in network["nodes"]}
    rows = []
    for edge in network["edges"]:
        attrs = edge["attrs"]
        examples = attrs.get("examples")
        rows.append(
            {
                "source": labels.get(edge["source"], edge["source"]),
                "target": labels.get(edge["target"], edge["target"]),
                "weight": attrs.get("weight", ""),
                "first_seen": as_text(attrs.get("first_seen")),
                "examples": list(_flat(examples)) if examples is not None else [],
            }
        )
    return sorted(rows, key=lambda r: -(as_number(r["weight"]) or 0))


def _flat(value: Any) -> Iterable[Any]:
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, list):
            yield from _flat(item)
        else:
            yield item
