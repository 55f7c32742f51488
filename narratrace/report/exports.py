"""Write an analysis to disk: analysis.json, report.html and the machine-readable exports.

Tables come flat, for the tools analysts load them into (pandas, R, spreadsheets): one row per
article (articles.*), per technique fragment (techniques.*) and per technique profile entry
(technique_profiles.csv); nested detail stays in analysis.json and the JSONL files.

Every file is written to a temporary name and renamed into place, so an interrupted run never
leaves a half-written report next to a complete one from an earlier run.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.parquet as pq

from narratrace.output_files import spreadsheet_safe, write_atomic
from narratrace.report.analysis_json import build_analysis_document
from narratrace.report.html import render_report
from narratrace.report.segments import clamp_span
from narratrace.report.view import as_dict, as_list, as_number, as_text

if TYPE_CHECKING:
    from narratrace.pipeline import Analysis

ARTICLE_COLUMNS = (
    "id", "outlet", "title", "url", "published", "published_source", "source_path",
    "words", "boilerplate_lines", "warnings", "technique_spans", "text",
)  # fmt: skip

_PARQUET_SCHEMA = pa.schema(
    [
        (name, pa.int64() if name in ("words", "boilerplate_lines", "technique_spans") else pa.string())
        for name in ARTICLE_COLUMNS
    ]
)

TECHNIQUE_COLUMNS = (
    "article_id", "outlet", "title", "start", "end", "technique", "confidence", "alternatives", "fragment",
)  # fmt: skip
_TECHNIQUE_PARQUET_SCHEMA = pa.schema(
    [
        (name, pa.int64() if name in ("start", "end") else pa.float64() if name == "confidence" else pa.string())
        for name in TECHNIQUE_COLUMNS
    ]
)
PROFILE_COLUMNS = ("scope", "id", "technique", "per_1000_words")


def article_table_rows(doc: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One flat row per article: the columns of articles.csv and articles.parquet."""
    rows = []
    for record in as_list(doc.get("articles")):
        record = as_dict(record)
        rows.append(
            {
                "id": as_text(record.get("id")),
                "outlet": as_text(record.get("outlet")),
                "title": as_text(record.get("title")),
                "url": as_text(record.get("url")),
                "published": as_text(record.get("published")),
                "published_source": as_text(record.get("published_source")),
                "source_path": as_text(record.get("source_path")),
                "words": len(as_text(record.get("text")).split()),
                "boilerplate_lines": len(as_list(record.get("boilerplate"))),
                "warnings": ";".join(as_text(as_dict(w).get("kind")) for w in as_list(record.get("warnings"))),
                "technique_spans": len(as_list(record.get("techniques"))),
                "text": as_text(record.get("text")),
            }
        )
    return rows


def technique_table_rows(doc: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One flat row per technique fragment: the columns of techniques.csv and techniques.parquet.

    ``start``/``end`` are code-point offsets into the article's original text, as everywhere in
    analysis.json; ``fragment`` is that text, so a table reader needs nothing else. Runner-up
    techniques read ``Technique=confidence`` joined by ``"; "`` (technique names contain commas).
    """
    rows = []
    for record in as_list(doc.get("articles")):
        record = as_dict(record)
        original = as_text(record.get("original_text"))
        for span in map(as_dict, as_list(record.get("techniques"))):
            # Offsets a hand-edited or hostile file spoils read as an empty fragment at 0, as in the report.
            start, end = clamp_span(span.get("start"), span.get("end"), len(original)) or (0, 0)
            alternatives = (as_dict(a) for a in as_list(span.get("alternatives")))
            rows.append(
                {
                    "article_id": as_text(record.get("id")),
                    "outlet": as_text(record.get("outlet")),
                    "title": as_text(record.get("title")),
                    "start": start,
                    "end": end,
                    "technique": as_text(span.get("technique")),
                    "confidence": as_number(span.get("confidence")),
                    "alternatives": "; ".join(
                        f"{as_text(a.get('technique'))}={as_text(a.get('confidence'))}" for a in alternatives
                    ),
                    "fragment": original[start:end],
                }
            )
    return rows


def technique_profile_rows(doc: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Techniques per 1,000 words, per outlet and per article (long format: pivot to compare)."""
    rows = [
        {"scope": "outlet", "id": as_text(outlet), "technique": as_text(name), "per_1000_words": as_number(rate)}
        for outlet, profile in as_dict(doc.get("outlet_techniques")).items()
        for name, rate in as_dict(profile).items()
    ]
    for record in map(as_dict, as_list(doc.get("articles"))):
        rows.extend(
            {
                "scope": "article",
                "id": as_text(record.get("id")),
                "technique": as_text(name),
                "per_1000_words": as_number(rate),
            }
            for name, rate in as_dict(record.get("technique_profile")).items()
        )
    return rows


def _write_text(path: Path, text: str) -> Path:
    return write_atomic(path, lambda temp: temp.write_text(text, encoding="utf-8"))


def _jsonl(records: Iterable[Any]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in records)


def _csv(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: spreadsheet_safe(v) for k, v in row.items()})
    return buffer.getvalue()


def write_document_outputs(doc: dict[str, Any], out_dir: Path) -> dict[str, Path]:
    """Everything that can be derived from the analysis document alone."""
    out_dir.mkdir(parents=True, exist_ok=True)
    rows = article_table_rows(doc)
    fragments = technique_table_rows(doc)
    written = {
        "analysis.json": _write_text(
            out_dir / "analysis.json", json.dumps(doc, ensure_ascii=False, indent=1, default=str)
        ),
        "report.html": _write_text(out_dir / "report.html", render_report(doc)),
        "articles.jsonl": _write_text(out_dir / "articles.jsonl", _jsonl(as_list(doc.get("articles")))),
        "articles.csv": _write_text(out_dir / "articles.csv", _csv(rows, ARTICLE_COLUMNS)),
        "techniques.csv": _write_text(out_dir / "techniques.csv", _csv(fragments, TECHNIQUE_COLUMNS)),
        "technique_profiles.csv": _write_text(
            out_dir / "technique_profiles.csv", _csv(technique_profile_rows(doc), PROFILE_COLUMNS)
        ),
        "pairs.jsonl": _write_text(out_dir / "pairs.jsonl", _jsonl(as_list(doc.get("reuse")))),
        "clusters.jsonl": _write_text(out_dir / "clusters.jsonl", _jsonl(as_list(doc.get("clusters")))),
    }
    for name, table in (
        ("articles.parquet", pa.Table.from_pylist(rows, schema=_PARQUET_SCHEMA)),
        ("techniques.parquet", pa.Table.from_pylist(fragments, schema=_TECHNIQUE_PARQUET_SCHEMA)),
    ):
        written[name] = _write_parquet(out_dir / name, table)
    return written


def _write_parquet(path: Path, table: pa.Table) -> Path:
    return write_atomic(path, lambda temp: pq.write_table(table, temp))


def _write_network_files(graph: Any, out_dir: Path) -> dict[str, Path]:
    """outlet_edges.csv, outlets.gexf, outlets.graphml via the provenance stage, when it offers them."""
    try:
        from narratrace.provenance import write_network  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        return {}
    result = write_network(graph, out_dir)
    if isinstance(result, Mapping):
        return {Path(v).name: Path(v) for v in result.values()}
    names = ("outlet_edges.csv", "outlets.gexf", "outlets.graphml")
    return {n: out_dir / n for n in names if (out_dir / n).exists()}


def write_report(analysis: Analysis, out_dir: Path) -> dict[str, Path]:
    """Write analysis.json, report.html, articles.{jsonl,csv,parquet}, techniques.{csv,parquet},
    technique_profiles.csv, pairs.jsonl, clusters.jsonl (and the outlet network files when the
    analysis has a networkx graph) into ``out_dir``.

    Returns the written files by name.
    """
    out_dir = Path(out_dir)
    written = write_document_outputs(build_analysis_document(analysis), out_dir)
    graph = analysis.network
    if graph is not None and hasattr(graph, "nodes") and hasattr(graph, "edges"):
        written.update(_write_network_files(graph, out_dir))
    return written
