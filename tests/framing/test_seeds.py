"""Acceptance on the five seed articles (2018 White Helmets evacuation), per article and per outlet."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from narratrace.clean import clean_article
from narratrace.clean.types import CleanArticle
from narratrace.framing import FramingResult, find_framing, framing_table
from narratrace.ingest import read_paths
from narratrace.ingest.article import Article

# The outlets the seeds come from, by file-name prefix (ingest reads OUTLET__file.txt as the outlet).
SEED_OUTLETS = {"000": "sputniknews.com", "001": "sputniknews.com", "002": "newspunch.com", "003": "unknown-a"}
SEED_OUTLETS["004"] = "presstv.ir"


def _clean(folder: Path) -> list[CleanArticle]:
    return [clean_article(a) for a in read_paths([folder]) if isinstance(a, Article)]


@pytest.fixture(scope="module")
def seeds_result(request: pytest.FixtureRequest) -> tuple[list[CleanArticle], FramingResult]:
    from tests.conftest import shared_path

    articles = _clean(shared_path("seeds"))
    return articles, find_framing(articles)


def _white_helmets_labels(result: FramingResult) -> list[tuple[str, str]]:
    return [(label.kind, label.text) for label in result.labels() if label.entity == "White Helmets"]


def test_white_helmets_labels_the_brief_names(seeds_result: tuple[list[CleanArticle], FramingResult]) -> None:
    articles, result = seeds_result
    # The most named actors of the five seeds, all in every article: Syria ("Syria's Idlib" is Syria too), the US
    # and the White Helmets, within one mention of each other.
    assert {"White Helmets", "United States", "Syria"} == {entity.name for entity in result.entities[:3]}
    labels = _white_helmets_labels(result)
    texts = [text for _, text in labels]
    assert ("so_called", 'the so-called "White Helmets"') in labels
    assert ("relative_clause", "The NGO, which claims to be acting as a volunteer rescue group") in labels
    assert any(text.startswith("ISIS terrorists") and text.endswith("a fake volunteer rescue group") for text in texts)
    assert any("unarmed volunteers" in text for text in texts)
    by_id = {a.article.id: a.article.text for a in articles}
    for label in result.labels():
        assert by_id[label.article][label.start : label.end] == label.text


def test_per_outlet_columns_from_file_names(tmp_path: Path) -> None:
    from tests.conftest import shared_path

    for path in sorted(shared_path("seeds").glob("*.txt")):
        outlet = SEED_OUTLETS[path.name[:3]]
        shutil.copy(path, tmp_path / f"{outlet}__{path.name}")
    articles = _clean(tmp_path)
    assert {a.article.outlet for a in articles} == set(SEED_OUTLETS.values())
    result = find_framing(articles)
    assert result.outlets_known
    outlets = {f.outlet for f in result.framings if f.entity == "White Helmets"}
    assert {"sputniknews.com", "newspunch.com", "presstv.ir"} <= outlets
    row = next(r for r in framing_table(result, top_labels=10) if r.entity == "White Helmets")
    assert set(row.columns) == set(SEED_OUTLETS.values())
    sputnik = row.cells[row.columns.index("sputniknews.com")]
    assert any(count.label.startswith("so-called") for count in sputnik.labels)
