"""The clean stage on the five seed articles, against a hand-checked fixture."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from narratrace.clean import CleanArticle, clean_article
from narratrace.ingest import read_paths
from narratrace.ingest.article import Article

EXPECTED = json.loads((Path(__file__).parents[1] / "fixtures" / "seeds_expected.json").read_text(encoding="utf-8"))


def _norm(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


@pytest.fixture(scope="module")
def cleaned_seeds() -> dict[str, CleanArticle]:
    from tests.conftest import shared_path

    articles = [a for a in read_paths([shared_path("seeds")]) if isinstance(a, Article)]
    assert len(articles) == 5
    return {Path(a.source_path or "").name[:3]: clean_article(a) for a in articles}


@pytest.mark.parametrize("seed", sorted(k for k in EXPECTED if not k.startswith("_")))
def test_boilerplate_is_exactly_the_hand_checked_lines(cleaned_seeds: dict[str, CleanArticle], seed: str) -> None:
    cleaned = cleaned_seeds[seed]
    expected = EXPECTED[seed]["boilerplate"]
    removed = [(b.kind, _norm(b.text)) for b in cleaned.boilerplate]
    assert len(removed) == len(expected), removed
    for (kind, prefix), (got_kind, got_text) in zip(expected, removed, strict=True):
        assert got_kind == kind and got_text.startswith(_norm(prefix)), (kind, prefix, got_kind, got_text)
        assert _norm(prefix) not in _norm(cleaned.text) or kind == "read_more"


@pytest.mark.parametrize("seed", sorted(k for k in EXPECTED if not k.startswith("_")))
def test_no_body_paragraph_is_lost(cleaned_seeds: dict[str, CleanArticle], seed: str) -> None:
    cleaned = cleaned_seeds[seed]
    original_lines = [_norm(line) for line in cleaned.article.text.splitlines() if line.strip()]
    clean_text = _norm(cleaned.text)
    for opening in EXPECTED[seed]["body_openings"]:
        paragraph = next(line for line in original_lines if line.startswith(_norm(opening)))
        assert paragraph in clean_text, opening


def test_removed_lines_point_into_the_original(cleaned_seeds: dict[str, CleanArticle]) -> None:
    for cleaned in cleaned_seeds.values():
        for line in cleaned.boilerplate:
            assert cleaned.article.text[line.start : line.end] == line.text
        for seg in cleaned.offsets.segments:
            assert cleaned.text[seg.clean_start : seg.clean_end] == cleaned.article.text[seg.orig_start : seg.orig_end]


def test_disclaimers_are_kept_and_marked(cleaned_seeds: dict[str, CleanArticle]) -> None:
    for seed, expected in EXPECTED.items():
        if seed.startswith("_"):
            continue
        cleaned = cleaned_seeds[seed]
        marked = [_norm(cleaned.text[s:e]) for s, e in cleaned.masked_spans()]
        assert len(marked) == len(expected.get("disclaimers", []))
        for prefix, text in zip(expected.get("disclaimers", []), marked, strict=True):
            assert text.startswith(_norm(prefix))


def test_misleading_header_dates_are_flagged(cleaned_seeds: dict[str, CleanArticle]) -> None:
    flagged = {seed for seed, c in cleaned_seeds.items() if any(w.kind == "date_mismatch" for w in c.warnings)}
    assert flagged == {"001", "004"}
    warning = next(w for w in cleaned_seeds["001"].warnings if w.kind == "date_mismatch")
    assert warning.evidence["latest_year_in_text"] == 2018
    assert cleaned_seeds["001"].article.published.startswith("2021-04-13")  # type: ignore[union-attr]
