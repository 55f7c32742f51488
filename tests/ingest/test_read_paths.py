from __future__ import annotations

from pathlib import Path

import pytest

from narratrace.ingest import ReadError, ReadOptions, input_files, read_paths
from narratrace.ingest.outlet import outlet_from_filename, outlet_from_url
from tests.ingest.helpers import article_html, read_all


def _tree(root: Path) -> None:
    (root / "b").mkdir()
    (root / "a").mkdir()
    (root / ".hidden").mkdir()
    (root / "b" / "2.txt").write_text("Second body text.", encoding="utf-8")
    (root / "a" / "1.txt").write_text("First body text.", encoding="utf-8")
    (root / "a" / "page.htm").write_text(article_html(), encoding="utf-8")
    (root / "a" / "1.meta.json").write_text('{"outlet": "X"}', encoding="utf-8")
    (root / ".hidden" / "x.txt").write_text("hidden", encoding="utf-8")
    (root / ".DS_Store").write_bytes(b"\x00\x01")


def test_folders_are_walked_sorted_without_hidden_files_or_sidecars(tmp_path: Path) -> None:
    _tree(tmp_path)
    articles, errors = read_all(tmp_path)
    assert errors == []
    assert [Path(a.source_path or "").relative_to(tmp_path).as_posix() for a in articles] == [
        "a/1.txt",
        "a/page.htm",
        "b/2.txt",
    ]
    assert articles[0].outlet == "X"
    assert len(input_files([tmp_path])) == 3


def test_read_paths_accepts_a_single_path_and_is_deterministic(tmp_path: Path) -> None:
    _tree(tmp_path)
    first = [a.id for a in read_paths(str(tmp_path)) if not isinstance(a, ReadError)]
    second = [a.id for a in read_paths(tmp_path) if not isinstance(a, ReadError)]
    assert first == second and len(first) == 3


def test_content_sniffing_for_unknown_extensions(tmp_path: Path) -> None:
    (tmp_path / "page.dat").write_text(article_html(), encoding="utf-8")
    (tmp_path / "records.dump").write_text('{"text": "from jsonl"}\n', encoding="utf-8")
    (tmp_path / "README").write_text("Just some plain text.", encoding="utf-8")
    articles, errors = read_all(tmp_path)
    assert errors == []
    formats = {Path(a.source_path or "").name: a.metadata.get("format") for a in articles}
    assert formats == {"page.dat": "html", "records.dump": "jsonl", "README": "text"}


def test_forced_format(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(article_html(), encoding="utf-8")
    (article,), _ = read_all(tmp_path, options=ReadOptions(format="html"))
    assert article.metadata["format"] == "html" and "<p>" not in article.text
    with pytest.raises(ValueError, match="unknown input format"):
        ReadOptions(format="pdf")


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.sputniknews.com/world/1", "sputniknews.com"),
        ("https://de.sputniknews.com/politik/2", "sputniknews.com"),
        ("http://news.bbc.co.uk/2/hi/1.stm", "bbc.co.uk"),
        ("www.presstv.ir/Detail/1", "presstv.ir"),
        ("http://192.168.1.5/a", "192.168.1.5"),
        ("not a url", None),
        ("", None),
        (None, None),
    ],
)
def test_outlet_from_url(url: str | None, outlet: str | None) -> None:
    assert outlet_from_url(url) == outlet


def test_outlet_from_filename() -> None:
    assert outlet_from_filename(Path("RT__2018-07-20_story.txt")) == "RT"
    assert outlet_from_filename(Path("000_dde608e2cd51ca34.txt")) is None
    assert outlet_from_filename(Path("__nothing.txt")) is None
