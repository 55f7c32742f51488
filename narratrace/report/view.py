"""Turn ``analysis.json`` into the report's own sections: the corpus summary and the articles table.

The document may come from a file someone else wrote, so every field is read defensively:
a missing or mistyped field yields an empty value, never an exception. Nothing here produces
HTML: strings stay plain and the template escapes them.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from narratrace.document import ArticleRef, as_dict, as_list, as_text, ref_for, safe_url
from narratrace.measures import count_words


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
    shown_id: str  # the id as the table shows it: whole, or the shortest prefix no other article shares


SHOWN_ID_CHARS = 24  # an id this long or shorter is shown whole; a longer one (a content hash) by a unique prefix


def shown_ids(ids: list[str], min_chars: int = 12) -> list[str]:
    """Each id as a table can show it: whole when short, else its shortest prefix (at least ``min_chars``) that
    no other id starts with, then "…". Cutting every id at a fixed width showed "allsides-5610-center" and
    "allsides-5623-right" both as "allsides-56"."""
    ordered = sorted(set(ids))
    shared: dict[str, int] = {}  # id -> the longest prefix it shares with another id (its neighbours when sorted)
    for left, right in itertools.pairwise(ordered):
        common = next(
            (n for n, (a, b) in enumerate(zip(left, right, strict=False)) if a != b), min(len(left), len(right))
        )
        shared[left] = max(shared.get(left, 0), common)
        shared[right] = max(shared.get(right, 0), common)
    shown = []
    for id_ in ids:
        width = max(min_chars, shared.get(id_, 0) + 1)
        shown.append(id_ if len(id_) <= SHOWN_ID_CHARS or width >= len(id_) else id_[:width] + "…")
    return shown


def article_rows(doc: Mapping[str, Any], refs: Mapping[str, ArticleRef], limit: int) -> list[ArticleRow]:
    rows = []
    records = [as_dict(record) for record in as_list(doc.get("articles"))[:limit]]
    shown = shown_ids([as_text(record.get("id")) for record in records])
    for index, record in enumerate(records):
        text = as_text(record.get("text"))
        rows.append(
            ArticleRow(
                index=index,
                ref=ref_for(refs, record.get("id")),
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
                word_count=count_words(text),  # as articles.csv and the technique profiles count
                shown_id=shown[index],
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
