from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingest.helpers import BODY, article_html, read_all, write_warc

PAGES = [
    ("https://www.rt.com/news/1", "200 OK", article_html("First story")),
    ("https://www.rt.com/news/missing", "404 Not Found", article_html("Gone")),
    ("https://sputniknews.com/world/2", "200 OK", article_html("Second story")),
]


@pytest.mark.parametrize("compressed", [False, True])
def test_warc_html_responses_become_articles(tmp_path: Path, compressed: bool) -> None:
    path = tmp_path / ("a.warc.gz" if compressed else "a.warc")
    write_warc(path, PAGES, gzip=compressed)
    articles, errors = read_all(path)
    assert errors == []
    assert [(a.url, a.outlet, a.title) for a in articles] == [
        ("https://www.rt.com/news/1", "rt.com", "First story"),
        ("https://sputniknews.com/world/2", "sputniknews.com", "Second story"),
    ]
    assert BODY.strip() in articles[0].text
    assert articles[0].metadata["format"] == "warc" and articles[0].metadata["warc_record_id"]


@pytest.mark.parametrize("compressed", [False, True])
def test_truncated_warc_keeps_what_was_read(tmp_path: Path, compressed: bool) -> None:
    full = write_warc(tmp_path / "full", PAGES, gzip=compressed)
    cut = tmp_path / ("cut.warc.gz" if compressed else "cut.warc")
    cut.write_bytes(full[: int(len(full) * 0.8)])
    (tmp_path / "z_after.txt").write_text("The batch goes on after the broken archive.", encoding="utf-8")
    articles, errors = read_all(cut, tmp_path / "z_after.txt")
    assert [a.url for a in articles[:1]] == ["https://www.rt.com/news/1"]
    assert articles[-1].source_path == str(tmp_path / "z_after.txt")
    assert len(errors) == 1 and "truncated" in errors[0].reason


def test_not_a_warc(tmp_path: Path) -> None:
    (tmp_path / "x.warc").write_text("hello, this is no archive\n" * 5, encoding="utf-8")
    _, errors = read_all(tmp_path)
    assert errors[0].reason.startswith("not a WARC file")


def test_warc_cut_inside_its_first_header(tmp_path: Path) -> None:
    full = write_warc(tmp_path / "full", PAGES, gzip=False)
    (tmp_path / "cut.warc").write_bytes(full[:30])
    articles, errors = read_all(tmp_path / "cut.warc")
    assert articles == [] and len(errors) == 1
    assert "truncated" in errors[0].reason and "Error" not in errors[0].reason
