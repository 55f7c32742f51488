"""Write an analysis to disk: analysis.json, report.html and the machine-readable exports.

Tables come flat, for the tools analysts load them into (pandas, R, spreadsheets): one row per
article (articles.*) and each stage's tables (``Stage.tables``: techniques.*, technique_profiles.csv,
pairs.jsonl, …); nested detail stays in analysis.json and the JSONL files. Every table is read from
the document, so ``narratrace report analysis.json`` can rebuild them.

Every file is written through ``narratrace.output_files``: to a temporary name and renamed into place,
so an interrupted run never leaves a half-written report next to a complete one from an earlier run.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from narratrace import stages as registry
from narratrace.analysis import Analysis, Document, Table
from narratrace.document import as_dict, as_list, as_text
from narratrace.measures import count_words
from narratrace.output_files import spreadsheet_safe, write_atomic, write_jsonl
from narratrace.report.analysis_json import build_analysis_document
from narratrace.report.html import render_report

ARTICLE_COLUMNS = (
    "id", "outlet", "title", "url", "published", "published_source", "source_path",
    "words", "boilerplate_lines", "warnings", "technique_spans", "text",
)  # fmt: skip
_ARTICLE_TYPES = {"words": "int", "boilerplate_lines": "int", "technique_spans": "int"}
_PARQUET_TYPES = {"int": pa.int64(), "float": pa.float64()}


def article_table_rows(doc: Document) -> list[dict[str, Any]]:
    """One flat row per article: the columns of articles.csv and articles.parquet."""
    rows = []
    for record in map(as_dict, as_list(doc.get("articles"))):
        rows.append(
            {
                "id": as_text(record.get("id")),
                "outlet": as_text(record.get("outlet")),
                "title": as_text(record.get("title")),
                "url": as_text(record.get("url")),
                "published": as_text(record.get("published")),
                "published_source": as_text(record.get("published_source")),
                "source_path": as_text(record.get("source_path")),
                "words": count_words(as_text(record.get("text"))),
                "boilerplate_lines": len(as_list(record.get("boilerplate"))),
                "warnings": ";".join(as_text(as_dict(w).get("kind")) for w in as_list(record.get("warnings"))),
                "technique_spans": len(as_list(record.get("techniques"))),
                "text": as_text(record.get("text")),
            }
        )
    return rows


def _write_text(path: Path, text: str) -> Path:
    return write_atomic(path, lambda temp: temp.write_text(text, encoding="utf-8"))


def _csv(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: spreadsheet_safe(v) for k, v in row.items()})
    return buffer.getvalue()


def _write_parquet(path: Path, table: pa.Table) -> Path:
    return write_atomic(path, lambda temp: pq.write_table(table, temp))


def write_table(table: Table, out_dir: Path) -> dict[str, Path]:
    """``table`` in each of its formats: ``NAME.csv``, ``NAME.parquet``, ``NAME.jsonl``."""
    written: dict[str, Path] = {}
    columns = table.columns or tuple(dict.fromkeys(k for row in table.rows for k in row))
    for fmt in table.formats:
        path = out_dir / f"{table.name}.{fmt}"
        if fmt == "csv":
            written[path.name] = _write_text(path, _csv(table.rows, columns))
        elif fmt == "jsonl":
            written[path.name] = write_jsonl(path, table.rows)
        elif fmt == "parquet":
            schema = pa.schema([(c, _PARQUET_TYPES.get(table.types.get(c, ""), pa.string())) for c in columns])
            rows = [{c: row.get(c) for c in columns} for row in table.rows]
            written[path.name] = _write_parquet(path, pa.Table.from_pylist(rows, schema=schema))
        else:
            raise ValueError(f"unknown table format {fmt!r} for {table.name}")
    return written


def document_tables(doc: Document, stage_names: Iterable[str] | None = None) -> list[Table]:
    """The articles table and the tables of each stage in ``stage_names`` (default: the document's stages)."""
    ran = set(stage_names if stage_names is not None else map(as_text, as_list(doc.get("stages"))))
    tables = [Table("articles", article_table_rows(doc), ARTICLE_COLUMNS, ("csv", "parquet"), _ARTICLE_TYPES)]
    tables.append(Table("articles", as_list(doc.get("articles")), formats=("jsonl",)))
    for stage in registry.STAGES:
        if stage.name in ran or (stage_names is None and not isinstance(doc.get("stages"), list)):
            tables.extend(stage.tables(doc))
    return tables


def write_document_outputs(doc: dict[str, Any], out_dir: Path) -> dict[str, Path]:
    """Everything that can be derived from the analysis document alone: analysis.json, report.html, tables."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {
        "analysis.json": _write_text(
            out_dir / "analysis.json", json.dumps(doc, ensure_ascii=False, indent=1, default=str)
        ),
        "report.html": _write_text(out_dir / "report.html", render_report(doc)),
    }
    for table in document_tables(doc):
        written.update(write_table(table, out_dir))
    return written


def write_report(analysis: Analysis, out_dir: Path) -> dict[str, Path]:
    """Write every output of ``analysis`` into ``out_dir`` and return the written files by name.

    A full analysis gives analysis.json, report.html, the articles table and each stage's tables and files
    (the outlet network's GEXF/GraphML). A lean one (no articles held: ``narratrace reuse``) gives its stages'
    files only (the reuse stage then streams pairs.jsonl and clusters.jsonl), since there are no articles to
    report on.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    doc = build_analysis_document(analysis)
    # A lean run holds no articles to report on: its stages write their records as files.
    written = {} if analysis.lean else write_document_outputs(doc, out_dir)
    for stage in registry.STAGES:
        if stage.name in analysis.stages:
            written.update(stage.files(analysis.results[stage.name], out_dir))
    return written
