"""Hostile inputs: each gets a clear ReadError (or is handled) and the batch always continues."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from narratrace.ingest import ReadOptions
from tests.ingest.helpers import article_html, read_all

GOOD = "A perfectly ordinary article body that must still be read after the bad file."


def _with_good_file(tmp_path: Path) -> Path:
    good = tmp_path / "zz_good.txt"
    good.write_text(GOOD, encoding="utf-8")
    return good


def _assert_batch_continued(articles: list, tmp_path: Path) -> None:
    assert articles[-1].source_path == str(tmp_path / "zz_good.txt")
    assert articles[-1].text == GOOD


def test_binary_file(tmp_path: Path) -> None:
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40)
    (tmp_path / "noise.html").write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 65]) * 500)
    _with_good_file(tmp_path)
    articles, errors = read_all(tmp_path)
    assert [e.reason for e in errors] == [
        "looks like a binary file (contains NUL bytes), not text".replace("(contains", "(it contains"),
        "looks like a binary file (mostly control characters), not text",
    ]
    _assert_batch_continued(articles, tmp_path)


def test_invalid_utf8_falls_back_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "legacy.txt").write_bytes("Le ministre a déclaré que les négociations ont échoué.".encode("cp1252"))
    (tmp_path / "mostly.txt").write_bytes("Ça va très bien, merci à tous. ".encode() * 20 + b"\xff broken byte")
    articles, errors = read_all(tmp_path)
    assert errors == []
    legacy, mostly = articles
    assert legacy.text == "Le ministre a déclaré que les négociations ont échoué."
    assert legacy.metadata["encoding"] == "cp1252"
    assert "not valid UTF-8" in legacy.metadata["decode_warning"]
    assert mostly.metadata["encoding"] == "utf-8"  # a few broken bytes do not garble the rest
    assert "Ça va très bien" in mostly.text and "\ufffd" in mostly.text
    assert "replaced by U+FFFD" in mostly.metadata["decode_warning"]


@pytest.mark.parametrize("name", ["empty.txt", "empty.html", "empty.jsonl", "empty.csv", "empty.warc", "empty.rss"])
def test_empty_files(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(b"")
    _with_good_file(tmp_path)
    articles, errors = read_all(tmp_path)
    assert len(errors) == 1 and "empty" in errors[0].reason
    _assert_batch_continued(articles, tmp_path)


def test_whitespace_only_file(tmp_path: Path) -> None:
    (tmp_path / "blank.txt").write_text("\n\n   \n", encoding="utf-8")
    _, errors = read_all(tmp_path)
    assert errors[0].reason == "file is empty (only whitespace)"


def test_50_mb_single_article_file_is_too_large(tmp_path: Path) -> None:
    big = tmp_path / "huge.html"
    with big.open("wb") as handle:  # sparse: the size is what matters, reading it would be the bug
        handle.truncate(50 * 1024 * 1024)
    _with_good_file(tmp_path)
    articles, errors = read_all(tmp_path)
    assert errors[0].reason.startswith("file is too large (50.0 MB; a single-article file may be at most 25.0 MB")
    _assert_batch_continued(articles, tmp_path)


@pytest.mark.slow
def test_50_mb_jsonl_is_streamed(tmp_path: Path) -> None:
    corpus = tmp_path / "big.jsonl"
    line = json.dumps({"text": "x " * 5000}) + "\n"
    count = 50 * 1024 * 1024 // len(line) + 1
    with corpus.open("w", encoding="utf-8") as handle:
        for _ in range(count):
            handle.write(line)
    assert corpus.stat().st_size > 50 * 1024 * 1024
    articles, errors = read_all(corpus, options=ReadOptions(max_file_bytes=1024 * 1024))
    assert errors == []
    assert len(articles) == count


def test_truncated_gzip_single_file(tmp_path: Path) -> None:
    data = gzip.compress(article_html().encode())
    (tmp_path / "cut.html.gz").write_bytes(data[: len(data) // 2])
    (tmp_path / "garbage.txt.gz").write_bytes(b"\x1f\x8b" + b"not really gzip data at all" * 10)
    _with_good_file(tmp_path)
    articles, errors = read_all(tmp_path)
    assert "truncated" in errors[0].reason
    assert "corrupt" in errors[1].reason or "truncated" in errors[1].reason
    _assert_batch_continued(articles, tmp_path)


def test_truncated_gzip_jsonl_keeps_the_lines_before_the_cut(tmp_path: Path) -> None:
    lines = "".join(json.dumps({"text": f"article number {i} " + "word " * 50}) + "\n" for i in range(2000))
    data = gzip.compress(lines.encode())
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    articles, errors = read_all(tmp_path)
    assert 100 < len(articles) < 2000
    assert articles[0].text.startswith("article number 0 ")
    # the last line before the cut may be half a line: at most one bad line, then the truncation
    assert "truncated" in errors[-1].reason and len(errors) <= 2


def test_decompression_bomb_stops_at_the_limit(tmp_path: Path) -> None:
    bomb = gzip.compress(b"A" * (20 * 1024 * 1024), compresslevel=9)  # 20 MB of one letter, ~20 KB packed
    assert len(bomb) < 100_000
    (tmp_path / "bomb.txt.gz").write_bytes(bomb)
    (tmp_path / "bomb.jsonl.gz").write_bytes(bomb)
    _with_good_file(tmp_path)
    options = ReadOptions(max_file_bytes=1024 * 1024, max_decompressed_bytes=4 * 1024 * 1024)
    articles, errors = read_all(tmp_path, options=options)
    reasons = [e.reason for e in errors]
    assert any("decompresses to more than 4.0 MB" in r for r in reasons)  # the streamed corpus
    assert any("decompresses to more than 1.0 MB" in r for r in reasons)  # the single-article file
    _assert_batch_continued(articles, tmp_path)


@pytest.mark.slow
def test_decompression_bomb_with_default_limits(tmp_path: Path) -> None:
    bomb = gzip.compress(b"A" * (210 * 1024 * 1024), compresslevel=9)
    (tmp_path / "bomb.jsonl.gz").write_bytes(bomb)
    _, errors = read_all(tmp_path)
    assert "more than 200.0 MB" in errors[-1].reason


def test_script_heavy_html(tmp_path: Path) -> None:
    scripts = "<script>window.SCRIPTMARKER = 1; for (;;) {}</script>" * 2000
    (tmp_path / "only_scripts.html").write_text(f"<html><head>{scripts}</head><body>{scripts}</body></html>")
    (tmp_path / "mixed.html").write_text(article_html(extra_head=scripts, extra_body=scripts))
    articles, errors = read_all(tmp_path)
    assert len(articles) == 1 and "SCRIPTMARKER" not in articles[0].text
    assert "no article text" in errors[0].reason


def test_missing_path_and_special_files(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # reading it would block forever
    _with_good_file(tmp_path)
    articles, errors = read_all(tmp_path / "does-not-exist.txt", tmp_path)
    assert errors[0].reason == "no such file or folder"
    assert errors[1].reason.startswith("not a regular file")
    _assert_batch_continued(articles, tmp_path)


def test_unreadable_file(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can read files without permission bits")
    locked = tmp_path / "locked.txt"
    locked.write_text("secret", encoding="utf-8")
    locked.chmod(0)
    _, errors = read_all(locked)
    assert "cannot" in errors[0].reason


def test_plain_corpus_larger_than_the_decompression_cap_is_read_whole(tmp_path: Path) -> None:
    # The cap is for compressed input (bombs); an uncompressed corpus of any size streams completely.
    import json as _json

    from narratrace.ingest import Article, ReadOptions, read_paths

    corpus = tmp_path / "big.jsonl"
    with corpus.open("w", encoding="utf-8") as fh:
        for i in range(400):
            fh.write(_json.dumps({"id": str(i), "text": f"Story {i} " + "word " * 200}) + "\n")
    items = list(read_paths([corpus], ReadOptions(max_decompressed_bytes=64 * 1024)))
    assert all(isinstance(item, Article) for item in items)
    assert len(items) == 400


def test_deeply_nested_json_line_costs_only_that_line(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a1", "text": GOOD}),
        '{"text": "deep", "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
        json.dumps({"id": "a3", "text": GOOD + " Third."}),
    ]
    (tmp_path / "d.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, errors = read_all(tmp_path / "d.jsonl")
    assert [a.id for a in articles] == ["a1", "a3"]
    assert len(errors) == 1 and "line 2" in errors[0].reason and "nested too deeply" in errors[0].reason


def test_page_declaring_utf16_in_ascii_bytes_is_read_as_utf8(tmp_path: Path) -> None:
    page = article_html(extra_head="<meta charset='utf-16'>").replace("<meta charset='utf-8'>", "")
    even = page.encode() + (b" " if len(page.encode()) % 2 else b"")  # decodes as (garbage) UTF-16 without error
    (tmp_path / "even.html").write_bytes(even)
    (tmp_path / "odd.html").write_bytes(even + b"\n")
    articles, errors = read_all(tmp_path)
    assert errors == [] and len(articles) == 2
    assert all("negotiations" in a.text for a in articles)


def test_hash_in_a_file_name_is_part_of_the_source(tmp_path: Path) -> None:
    from narratrace.pipeline import ingest_paths
    from narratrace.store import open_store

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "issue#1.txt").write_text(GOOD, encoding="utf-8")
    store = open_store(tmp_path / "s.db")
    ingest_paths([tmp_path / "in"], store)
    assert store.source_is_done(str(tmp_path / "in" / "issue#1.txt"))


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-8-sig"])
def test_jsonl_with_a_byte_order_mark(tmp_path: Path, encoding: str) -> None:
    rows = [{"id": f"u{i}", "text": f"{GOOD} Article {i}, café."} for i in range(3)]
    (tmp_path / "a.jsonl").write_bytes("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode(encoding))
    articles, errors = read_all(tmp_path / "a.jsonl")
    assert errors == []
    assert [a.id for a in articles] == ["u0", "u1", "u2"] and articles[2].text.endswith("Article 2, café.")


def test_pretty_printed_json_object_is_one_article(tmp_path: Path) -> None:
    (tmp_path / "one.json").write_text(json.dumps({"id": "p1", "title": "T", "text": GOOD}, indent=2), encoding="utf-8")
    (tmp_path / "lines.json").write_text(json.dumps({"id": "l1", "text": GOOD}) + "\n", encoding="utf-8")
    articles, errors = read_all(tmp_path)
    assert errors == [] and sorted(a.id for a in articles) == ["l1", "p1"]


def test_pretty_printed_json_object_is_capped_like_one_article(tmp_path: Path) -> None:
    (tmp_path / "big.json").write_text(json.dumps({"id": "b", "text": GOOD * 2000}, indent=2), encoding="utf-8")
    articles, errors = read_all(tmp_path / "big.json", options=ReadOptions(max_file_bytes=10_000))
    assert articles == [] and len(errors) == 1 and "larger than" in errors[0].reason
