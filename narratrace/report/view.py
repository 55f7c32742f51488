"""Turn ``analysis.json`` into what the report template shows: corpus summary, articles, reuse, network.

The document may come from a file someone else wrote, so every field is read defensively:
a missing or mistyped field yields an empty value, never an exception. Nothing here produces
HTML: strings stay plain and the template escapes them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from narratrace.report.segments import safe_url


@dataclass(frozen=True)
class ReportOptions:
    """Caps that keep the report usable in a browser when the corpus is large.

    Everything beyond a cap is still in analysis.json and the exports; the report says so.
    """

    max_articles: int = 2000  # rows in the articles table
    max_pairs: int = 300  # reuse pairs drawn side by side
    max_technique_articles: int = 300  # articles whose full text is shown with technique highlights
    max_spans_per_article: int = 3000
    max_outlet_columns: int = 12


def as_list(value: Any) -> list[Any]:
    """Lists and tuples (a document straight from ``build_analysis_document`` still has tuples)."""
    if isinstance(value, list):
        return value
    return list(value) if isinstance(value, tuple) else []


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def as_text(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def as_number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if value == value and abs(value) != float("inf") else None


@dataclass(frozen=True)
class ArticleRef:
    id: str
    outlet: str
    title: str

    @property
    def label(self) -> str:
        if self.outlet and self.title:
            return f"{self.outlet}: {self.title}"
        return self.title or self.outlet or self.id

    @property
    def short(self) -> str:
        """The outlet when known, else a shortened title, else the start of the id."""
        if self.outlet:
            return self.outlet
        if self.title:
            return self.title if len(self.title) <= 48 else self.title[:47].rstrip() + "…"
        return self.id[:12]


@dataclass
class ArticleRow:
    index: int
    ref: ArticleRef
    url: str | None  # only when http(s); otherwise the raw value is shown as text
    raw_url: str
    published: str
    published_source: str
    source_path: str
    warnings: list[tuple[str, str]]  # (kind, message)
    boilerplate: list[tuple[str, str]]  # (kind, removed line)
    text: str
    word_count: int


def article_refs(doc: Mapping[str, Any]) -> dict[str, ArticleRef]:
    refs: dict[str, ArticleRef] = {}
    for record in as_list(doc.get("articles")):
        record = as_dict(record)
        article_id = as_text(record.get("id"))
        refs[article_id] = ArticleRef(article_id, as_text(record.get("outlet")), as_text(record.get("title")))
    return refs


def ref_for(refs: Mapping[str, ArticleRef], article_id: Any) -> ArticleRef:
    key = as_text(article_id)
    return refs.get(key) or ArticleRef(key, "", "")


def article_rows(doc: Mapping[str, Any], limit: int) -> list[ArticleRow]:
    rows = []
    for index, record in enumerate(as_list(doc.get("articles"))[:limit]):
        record = as_dict(record)
        text = as_text(record.get("text"))
        rows.append(
            ArticleRow(
                index=index,
                ref=ArticleRef(as_text(record.get("id")), as_text(record.get("outlet")), as_text(record.get("title"))),
                url=safe_url(record.get("url")),
                raw_url=as_text(record.get("url")),
                published=as_text(record.get("published")),
                published_source=as_text(record.get("published_source")),
                source_path=as_text(record.get("source_path")),
                warnings=[
                    (as_text(as_dict(w).get("kind")) or "warning", as_text(as_dict(w).get("message")))
                    for w in as_list(record.get("warnings"))
                ],
                boilerplate=[
                    (as_text(as_dict(b).get("kind")), as_text(as_dict(b).get("text")))
                    for b in as_list(record.get("boilerplate"))
                ],
                text=text,
                word_count=len(text.split()),
            )
        )
    return rows


@dataclass
class Summary:
    articles: int
    outlets: int
    pairs: int
    copies: int
    shared_quotes: int
    clusters: int
    warnings: int
    warning_kinds: list[tuple[str, int]]
    read_errors: list[tuple[str, str]]  # (source path, reason)
    inputs: list[str]
    generator: str
    generated_at: str
    schema_version: str


def summary(doc: Mapping[str, Any]) -> Summary:
    articles = [as_dict(a) for a in as_list(doc.get("articles"))]
    pairs = [as_dict(p) for p in as_list(doc.get("reuse"))]
    kinds: dict[str, int] = {}
    for record in articles:
        for warning in as_list(record.get("warnings")):
            kind = as_text(as_dict(warning).get("kind")) or "warning"
            kinds[kind] = kinds.get(kind, 0) + 1
    inputs = as_dict(doc.get("inputs"))
    return Summary(
        articles=len(articles),
        outlets=len({as_text(a.get("outlet")) for a in articles if a.get("outlet")}),
        pairs=len(pairs),
        copies=sum(1 for p in pairs if p.get("kind") == "copy"),
        shared_quotes=sum(1 for p in pairs if p.get("kind") == "shared_quote"),
        clusters=len(as_list(doc.get("clusters"))),
        warnings=sum(kinds.values()),
        warning_kinds=sorted(kinds.items()),
        read_errors=[
            (as_text(as_dict(e).get("source_path")), as_text(as_dict(e).get("reason")))
            for e in as_list(inputs.get("errors"))
        ],
        inputs=[as_text(p) for p in as_list(inputs.get("paths"))],
        generator=as_text(doc.get("generator")),
        generated_at=as_text(doc.get("generated_at")),
        schema_version=as_text(doc.get("schema_version")),
    )


def as_int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


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
        nodes.append({"id": node_id, "attrs": {k: _plain(v) for k, v in node.items() if k != "id"}})
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
    rows = []
    for edge in network["edges"]:
        attrs = edge["attrs"]
        examples = attrs.get("examples")
        rows.append(
            {
                "source": edge["source"],
                "target": edge["target"],
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
