from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from narratrace.ingest import ReadOptions, content_id
from tests.ingest.helpers import read_all


def _jsonl(path: Path, records: list[object]) -> None:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n", encoding="utf-8")


def test_jsonl_with_field_map_keeps_own_ids(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    _jsonl(
        corpus,
        [
            {"id": 17, "series": "RT", "date": "2018-07-20", "text": "First body.", "title": "One", "lang": "en"},
            {"series": "Sputnik", "date": "not a date", "text": "Second body.", "url": "https://sputniknews.com/a"},
        ],
    )
    options = ReadOptions(field_map={"outlet": "series", "published": "date"})
    (first, second), errors = read_all(corpus, options=options)
    assert errors == []
    assert (first.id, first.outlet, first.published, first.title, first.text) == (
        "17",
        "RT",
        "2018-07-20",
        "One",
        "First body.",
    )
    assert first.metadata["lang"] == "en"  # unknown fields go to metadata
    assert "series" not in first.metadata
    assert second.id == content_id("Second body.", None, "Sputnik", "https://sputniknews.com/a")
    assert second.published is None and second.metadata["published_raw"] == "not a date"
    assert first.source_path == str(corpus)


def test_jsonl_bad_lines_are_errors_not_the_file(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    _jsonl(
        corpus,
        [{"text": "ok one"}, "{broken json", "[1, 2]", {"title": "no text"}, "", {"text": "   "}, {"text": "ok two"}],
    )
    articles, errors = read_all(corpus)
    assert [a.text for a in articles] == ["ok one", "ok two"]
    reasons = [e.reason for e in errors]
    assert reasons[0].startswith("line 2: not valid JSON")
    assert reasons[1] == "line 3: not a JSON object"
    assert "line 4: record has no 'text' field" in reasons[2]
    assert "line 6: record has an empty 'text' field" in reasons[3]


def test_jsonl_oversized_line_is_skipped(tmp_path: Path) -> None:
    corpus = tmp_path / "big.jsonl"
    _jsonl(corpus, [{"text": "x" * 5000}, {"text": "small"}])
    articles, errors = read_all(corpus, options=ReadOptions(max_file_bytes=1000))
    assert [a.text for a in articles] == ["small"]
    assert "line 1: line is longer than" in errors[0].reason


def test_gzipped_jsonl_and_json_array(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(b'{"text": "from gzip"}\n'))
    (tmp_path / "b.json").write_text(json.dumps([{"text": "from array", "id": "x1"}, 5]), encoding="utf-8")
    articles, errors = read_all(tmp_path)
    assert [(a.text, a.id) for a in articles][1] == ("from array", "x1")
    assert articles[0].text == "from gzip"
    assert errors[0].reason == "item 2: not a JSON object"


def test_not_a_jsonl_file_gives_up_early(tmp_path: Path) -> None:
    (tmp_path / "prose.jsonl").write_text("This is prose.\n" * 1000, encoding="utf-8")
    _, errors = read_all(tmp_path)
    assert len(errors) == 21
    assert "no good one" in errors[-1].reason


def test_csv_with_field_map_multiline_and_bad_rows(tmp_path: Path) -> None:
    corpus = tmp_path / "c.csv"
    corpus.write_text(
        'id,source,title,text,topic\n1,RT,"A, title","Body with\nnewline",war\n2,TASS,t,"x",a,EXTRA\n3,,t3,Third,\n',
        encoding="utf-8",
    )
    articles, errors = read_all(corpus, options=ReadOptions(field_map={"outlet": "source"}))
    assert [(a.id, a.outlet, a.title, a.text) for a in articles] == [
        ("1", "RT", "A, title", "Body with\nnewline"),
        ("3", None, "t3", "Third"),
    ]
    assert articles[0].metadata["topic"] == "war"
    assert errors[0].reason == "row 3: row has 6 fields but the header has 5"


def test_tsv_and_semicolon_csv(tmp_path: Path) -> None:
    (tmp_path / "a.tsv").write_text("title\ttext\nT\tTab body\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("title;text\nT;Semicolon body\n", encoding="utf-8")
    articles, errors = read_all(tmp_path)
    assert errors == []
    assert [a.text for a in articles] == ["Tab body", "Semicolon body"]


def test_csv_in_legacy_encoding(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_bytes("title,text\nCafé,Le café était fermé à Genève déjà.\n".encode("cp1252"))
    (article,), errors = read_all(tmp_path)
    assert errors == []
    assert article.text == "Le café était fermé à Genève déjà."
    assert "decode_warning" in article.metadata


def test_field_map_must_name_article_fields() -> None:
    with pytest.raises(ValueError, match="field_map keys"):
        ReadOptions(field_map={"body": "text"})


def test_stray_nul_in_a_large_csv_is_one_bad_row(tmp_path: Path) -> None:
    rows = b"A,some good text here\n" * 500
    (tmp_path / "c.csv").write_bytes(b"title,text\n" + rows + b"B,bad \x00 row\nC,after\n")
    articles, errors = read_all(tmp_path)
    assert len(articles) == 501 and articles[-1].text == "after"
    assert errors[0].reason.startswith("row 502: record's 'text' field contains NUL")
