"""write_report writes every output, readable by the tools analysts use."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

import narratrace.provenance.stage
from narratrace.document import article_refs
from narratrace.pipeline import analyze_articles
from narratrace.report import ReportOptions, write_report
from narratrace.report.exports import article_table_rows
from narratrace.report.view import article_rows
from narratrace.serve.index import DocumentIndex
from narratrace.stages import REUSE
from narratrace.techniques.report_view import technique_section
from tests.report.samples import sample_analysis, sample_document

EXPECTED = {"analysis.json", "report.html", "articles.jsonl", "articles.csv", "articles.parquet"}
EXPECTED |= {"pairs.jsonl", "clusters.jsonl", "techniques.csv", "techniques.parquet", "technique_profiles.csv"}


def test_writes_every_output(tmp_path: Path) -> None:
    written = write_report(sample_analysis(), tmp_path)
    assert set(written) >= EXPECTED
    for path in written.values():
        assert path.exists() and path.stat().st_size > 0
    doc = json.loads((tmp_path / "analysis.json").read_text(encoding="utf-8"))
    assert doc["schema_version"] and len(doc["articles"]) == 3
    assert len((tmp_path / "pairs.jsonl").read_text().splitlines()) == 2
    assert json.loads((tmp_path / "clusters.jsonl").read_text().splitlines()[0])["id"] == "cluster-1"
    articles = [json.loads(line) for line in (tmp_path / "articles.jsonl").read_text().splitlines()]
    assert [a["id"] for a in articles] == [a["id"] for a in doc["articles"]]
    with (tmp_path / "articles.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["id"] for r in rows] == [a["id"] for a in doc["articles"]]
    table = pq.read_table(tmp_path / "articles.parquet")
    assert table.num_rows == 3
    assert table.column("technique_spans").to_pylist() == [3, 1, 0]
    assert "copycat.example" in (tmp_path / "report.html").read_text(encoding="utf-8")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "temporary files left behind"


def test_technique_tables_have_one_row_per_fragment_with_its_text(tmp_path: Path) -> None:
    write_report(sample_analysis(), tmp_path)
    doc = json.loads((tmp_path / "analysis.json").read_text(encoding="utf-8"))
    with (tmp_path / "techniques.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    expected = [
        (
            record["id"],
            span["technique"],
            span["start"],
            span["end"],
            record["original_text"][span["start"] : span["end"]],
        )
        for record in doc["articles"]
        for span in record["techniques"]
    ]
    assert len(expected) == 4
    assert [(r["article_id"], r["technique"], int(r["start"]), int(r["end"]), r["fragment"]) for r in rows] == expected
    assert rows[0]["fragment"] == "so-called"
    # Runner-ups stay readable although technique names contain commas; hostile names stay plain text.
    assert rows[1]["alternatives"] == "Loaded_Language=0.5; <script>alert(1)</script>=0.4"
    table = pq.read_table(tmp_path / "techniques.parquet")
    assert table.column("fragment").to_pylist() == [r["fragment"] for r in rows]
    assert table.column("confidence").to_pylist() == [0.9, 0.7, 0.4, 0.95]
    assert str(table.schema.field("start").type) == "int64"


def test_technique_profiles_table_covers_outlets_and_articles(tmp_path: Path) -> None:
    analysis = sample_analysis()
    write_report(analysis, tmp_path)
    with (tmp_path / "technique_profiles.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    by_key = {(r["scope"], r["id"], r["technique"]): float(r["per_1000_words"]) for r in rows}
    outlet = analysis.articles[1].article.outlet
    assert by_key[("outlet", outlet, "Loaded_Language")] == 45.5
    assert by_key[("article", analysis.articles[0].id, "Doubt")] == 40.0
    assert len(rows) == 2 + 1 + 3 + 1


def test_empty_corpus_writes_empty_exports(tmp_path: Path) -> None:
    written = write_report(analyze_articles([]), tmp_path / "new" / "out")
    assert set(written) >= EXPECTED
    assert pq.read_table(written["articles.parquet"]).num_rows == 0
    assert written["pairs.jsonl"].read_text() == ""
    assert written["articles.csv"].read_text().startswith("id,outlet,title")
    assert written["techniques.csv"].read_text().startswith("article_id,outlet,title,start,end,technique")
    assert pq.read_table(written["techniques.parquet"]).num_rows == 0


def test_csv_cells_cannot_become_spreadsheet_formulas(tmp_path: Path) -> None:
    analysis = sample_analysis()
    first = analysis.articles[0]
    evil = '=HYPERLINK("http://evil.example","click")'
    analysis.articles[0] = replace(first, article=replace(first.article, title=evil))
    write_report(analysis, tmp_path)
    with (tmp_path / "articles.csv").open(encoding="utf-8", newline="") as handle:
        titles = [r["title"] for r in csv.DictReader(handle)]
    assert "'" + evil in titles
    assert evil in pq.read_table(tmp_path / "articles.parquet").column("title").to_pylist()  # exact elsewhere


def test_network_files_come_from_the_provenance_stage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Any] = []

    def fake_write_network(graph: Any, out_dir: Path) -> dict[str, Path]:
        calls.append(graph)
        path = out_dir / "outlet_edges.csv"
        path.write_text("source,target\n", encoding="utf-8")
        return {"csv": path}

    monkeypatch.setattr(narratrace.provenance.stage, "write_network", fake_write_network)
    analysis = sample_analysis()
    written = write_report(analysis, tmp_path)
    assert calls == [analysis.result(REUSE).network]
    assert written["outlet_edges.csv"] == tmp_path / "outlet_edges.csv"


def test_technique_rows_survive_a_hand_edited_document() -> None:
    from narratrace.techniques.stage import technique_table_rows

    doc = {
        "articles": [
            {"id": "x", "original_text": "abcdef", "techniques": [{"start": -3, "end": "2", "technique": "Doubt"}]},
            {"id": "y", "original_text": None, "techniques": [{"start": None, "end": float("nan")}, "junk"]},
        ]
    }
    rows = technique_table_rows(doc)
    assert [(r["article_id"], r["start"], r["end"], r["fragment"]) for r in rows] == [
        ("x", 0, 0, ""),
        ("y", 0, 0, ""),
        ("y", 0, 0, ""),
    ]


def test_every_view_counts_an_articles_words_alike() -> None:
    """articles.csv, the report's article list, its technique blocks and the API give one word count: a dash between
    spaces, a bullet or a lone quotation mark is no word in any of them."""
    doc = sample_document()
    for record in doc["articles"]:
        record["text"] += ' — who "didn\'t" speak — • "'  # after every span: their offsets still hold
    rows = {row["id"]: row["words"] for row in article_table_rows(doc)}
    assert all(rows[r["id"]] < len(r["text"].split()) for r in doc["articles"])  # dashes, bullet, quote: no words
    refs = article_refs(doc)
    assert {row.ref.id: row.word_count for row in article_rows(doc, refs, limit=10)} == rows
    index = DocumentIndex(doc)
    assert {r["id"]: index.article_summary(r)["words"] for r in doc["articles"]} == rows
    blocks = technique_section(doc, refs, ReportOptions()).articles
    assert blocks and all(block.word_count == rows[block.ref.id] for block in blocks)
