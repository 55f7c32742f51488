"""Acceptance on the five seed articles, read and cleaned the way the CLI does it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from narratrace.clean import clean_article
from narratrace.clean.types import CleanArticle
from narratrace.ingest import read_paths
from narratrace.ingest.article import Article
from narratrace.reuse import ReuseResult, find_reuse
from tests.conftest import shared_path


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


@pytest.fixture(scope="module")
def seeds() -> dict[str, CleanArticle]:
    folder: Path = shared_path("seeds")
    articles = [item for item in read_paths(folder) if isinstance(item, Article)]
    assert len(articles) == 5
    # Key by the file-name prefix (000..004) so the test reads like the brief.
    return {Path(a.source_path or "").name[:3]: clean_article(a) for a in articles}


@pytest.fixture(scope="module")
def result(seeds: dict[str, CleanArticle]) -> ReuseResult:
    return find_reuse(list(seeds.values()))


def _pair(result: ReuseResult, seeds: dict[str, CleanArticle], x: str, y: str):
    ids = {seeds[x].id, seeds[y].id}
    matches = [p for p in result.pairs if {p.a, p.b} == ids]
    return matches[0] if matches else None


def test_only_the_two_expected_pairs(result, seeds):
    names = {a.id: name for name, a in seeds.items()}
    found = sorted(tuple(sorted((names[p.a], names[p.b]))) for p in result.pairs)
    assert found == [("000", "002"), ("001", "003")]


def test_000_002_aligned_in_every_shared_paragraph(result, seeds):
    pair = _pair(result, seeds, "000", "002")
    assert pair.kind == "copy"
    a_text = seeds["000"].article.text if pair.a == seeds["000"].id else seeds["002"].article.text
    text_000 = seeds["000"].article.text
    spans_000 = [(p.a_start, p.a_end) if pair.a == seeds["000"].id else (p.b_start, p.b_end) for p in pair.passages]
    del a_text
    aligned_000 = " ".join(text_000[s:e] for s, e in spans_000)
    # Paragraphs 002 copied from 000 (whole or in part) are inside the aligned text ...
    for snippet in (
        "and their families from southern Syria",
        "two anonymous US officials said to be familiar with the evacuation plans",
        "The officials and a member of the group AP reached for comment",
        "This is the worst day of my life",
        "Planning for the operation was said to have been accelerated after last week's NATO summit.",
        "The US temporarily froze $200 million",
        "blatant embodiment of US, French, British",
        "Earlier, military sources speaking to Sputnik Arabic",
        "amid the Syrian army's advance.",
    ):
        assert snippet in aligned_000, snippet
    # ... and what 002 did not take is not: the opening and the closing paragraph of 000.
    for snippet in ("ramped up plans", "US officials have told the AP", "have been the media arm"):
        assert snippet not in aligned_000, snippet
    # Boundaries sit on the true edges: every passage starts and ends on the same words in both.
    text_002 = seeds["002"].article.text
    for passage in pair.passages:
        first = (passage.a_start, passage.a_end) if pair.a == seeds["000"].id else (passage.b_start, passage.b_end)
        second = (passage.b_start, passage.b_end) if pair.a == seeds["000"].id else (passage.a_start, passage.a_end)
        words_000 = _words(text_000[first[0] : first[1]])
        words_002 = _words(text_002[second[0] : second[1]])
        assert words_000[:3] == words_002[:3] and words_000[-3:] == words_002[-3:]
    assert text_000[spans_000[-1][1] - len("army's advance.") : spans_000[-1][1]] == "army's advance."


def test_000_002_edits_list_what_002_added(result, seeds):
    pair = _pair(result, seeds, "000", "002")
    zero_is_a = pair.a == seeds["000"].id
    added_by_002 = " ".join(
        (e.b_text if zero_is_a else e.a_text)
        for e in pair.edits
        if e.op in (("added", "changed") if zero_is_a else ("removed", "changed"))
    )
    for snippet in (
        "US authorities have invited ISIS terrorists",
        "Sputnikenews.com reports",
        "The evacuation is expected to take place",
        "self-described rescue organization",
        "launched missile strikes",
    ):
        assert snippet in added_by_002, snippet


def test_000_002_direction_credits_sputnik(result, seeds):
    from narratrace.provenance import infer_directions

    pair = _pair(result, seeds, "000", "002")
    directions = infer_directions(result.pairs, {a.id: a for a in seeds.values()})
    direction = directions[(pair.a, pair.b)]
    assert direction.source == seeds["000"].id
    assert any(e.kind == "credit" for e in direction.evidence)


def test_001_003_linked_only_by_their_shared_quote(result, seeds):
    pair = _pair(result, seeds, "001", "003")
    assert pair.kind == "shared_quote"
    (passage,) = pair.passages
    one_is_a = pair.a == seeds["001"].id
    span_001 = (passage.a_start, passage.a_end) if one_is_a else (passage.b_start, passage.b_end)
    quoted = seeds["001"].article.text[span_001[0] : span_001[1]]
    assert _words(quoted) == _words("no retribution on anyone in the southwest")


def test_clusters_cover_the_shared_passages(result, seeds):
    # The passages of the two pairs are disjoint, so each is its own cluster of two members.
    assert len(result.clusters) == sum(len(p.passages) for p in result.pairs)
    for cluster in result.clusters:
        assert len({member[0] for member in cluster.members}) == 2
