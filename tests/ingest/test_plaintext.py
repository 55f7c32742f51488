from __future__ import annotations

import json
from pathlib import Path

import pytest

from narratrace.ingest.dates import normalize_date, parse_header_date
from narratrace.ingest.plaintext import split_headline
from tests.conftest import shared_path
from tests.ingest.helpers import read_all


def _seed(prefix: str) -> Path:
    seeds = shared_path("seeds")
    matches = sorted(seeds.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"seed {prefix} not found in {seeds}")
    return matches[0]


@pytest.mark.parametrize(("prefix", "published"), [("001", "2021-04-13"), ("004", "2024-10-20")])
def test_seed_dateline_sets_published_and_stays_in_text(prefix: str, published: str) -> None:
    path = _seed(prefix)
    (article,), errors = read_all(path)
    assert errors == []
    assert article.published == published
    assert article.metadata["published_source"] == "header_line"
    assert article.title is None
    first_line = path.read_text(encoding="utf-8").lstrip().splitlines()[0]
    assert article.text.lstrip().startswith(first_line)


@pytest.mark.parametrize("prefix", ["000", "003"])
def test_seed_headline_becomes_title_and_leaves_text(prefix: str) -> None:
    path = _seed(prefix)
    decoded = path.read_text(encoding="utf-8")
    (article,), _ = read_all(path)
    assert article.title == decoded.splitlines()[0].strip()
    offset = article.metadata["text_offset"]
    assert decoded[offset:] == article.text  # verbatim, and the offset points at it
    assert article.title not in article.text[:200]
    assert article.published is None


def test_seed_002_has_no_title() -> None:
    path = _seed("002")
    (article,), _ = read_all(path)
    assert article.title is None
    assert article.text == path.read_text(encoding="utf-8")
    assert "text_offset" not in article.metadata


def test_all_seeds_read_without_errors() -> None:
    articles, errors = read_all(shared_path("seeds"))
    assert errors == []
    assert len(articles) == len(list(shared_path("seeds").glob("*.txt")))
    assert len({a.id for a in articles}) == len(articles)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("23:55 GMT13 April 2021", "2021-04-13"),
        ("20 Oct 2024", "2024-10-20"),
        ("Updated: Monday, 5 March 2018 10:00 GMT", "2018-03-05"),
        ("2019-11-19", "2019-11-19"),
        ("US Rushes to Withdraw White Helmets", None),
        ("The 2020 election was close", None),
        ("May 2018", None),  # a month, not a publication day
        ("04/05/2021", None),  # day-first or month-first: ambiguous
        ("Listen Live", None),
        ("31 February 2021", None),
    ],
)
def test_parse_header_date(line: str, expected: str | None) -> None:
    assert parse_header_date(line) == expected


def test_normalize_date_forms() -> None:
    assert normalize_date("2021-04-13") == "2021-04-13"
    assert normalize_date("13 April 2021 23:55") == "2021-04-13T23:55:00"
    assert normalize_date(1618358100) == "2021-04-13T23:55:00+00:00"
    assert normalize_date("yesterday") is None
    assert normalize_date("") is None


def test_sentence_first_line_is_not_a_title() -> None:
    assert split_headline("The talks failed.\n\nMore text here.") == (None, None, 0)
    assert split_headline("Talks fail again\nno blank line follows\n") == (None, None, 0)
    assert split_headline("Talks fail again\n\n") == (None, None, 0)  # nothing under the headline
    assert split_headline("Talks fail again?\r\n\r\nBody.") == (None, "Talks fail again?", 21)


def test_filename_outlet_and_sidecar(tmp_path: Path) -> None:
    (tmp_path / "rt.com__story1.txt").write_text("Headline here\n\nBody of the first story.", encoding="utf-8")
    story = tmp_path / "story2.txt"
    story.write_text("Body of the second story without a headline.", encoding="utf-8")
    sidecar = {"url": "https://www.sputniknews.com/a/1", "published": "2018-07-20", "title": "Given title"}
    (tmp_path / "story2.meta.json").write_text(json.dumps(sidecar), encoding="utf-8")
    articles, errors = read_all(tmp_path)
    assert errors == []  # the sidecar is not an input of its own
    by_name = {Path(a.source_path or "").name: a for a in articles}
    assert by_name["rt.com__story1.txt"].outlet == "rt.com"
    second = by_name["story2.txt"]
    assert (second.outlet, second.url, second.title, second.published) == (
        "sputniknews.com",
        "https://www.sputniknews.com/a/1",
        "Given title",
        "2018-07-20",
    )
    assert second.metadata["published_source"] == "sidecar"


def test_broken_sidecar_is_a_warning_not_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Some body text.", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text("{not json", encoding="utf-8")
    (article,), errors = read_all(tmp_path)
    assert errors == []
    assert "not valid JSON" in article.metadata["sidecar_warning"]


def test_date_line_alone_is_not_an_article(tmp_path: Path) -> None:
    (tmp_path / "date_only.txt").write_text("20 Oct 2024\n", encoding="utf-8")
    _, errors = read_all(tmp_path)
    assert errors[0].reason == "file has only a date line, no article text"
