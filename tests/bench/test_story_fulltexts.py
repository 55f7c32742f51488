"""The story labels of other domains' full texts (bench/data/story_pages: the extraction pages; story_ptc: PTC's
articles; each labelled by two labellers apart) are well formed, refer to the shared data's texts, and are read
by bench.stories_fulltexts."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

from tests.conftest import shared_path

DATA = Path(__file__).resolve().parents[2] / "bench" / "data"
FIELDS = {"file", "date", "outlet", "story", "narrative", "unsure"}
SETS = {"pages": ("x", 109), "ptc": ("p", 296)}


def rows(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("name", sorted(SETS))
@pytest.mark.parametrize("labeller", ["labels.jsonl", "labels_second.jsonl"])
def test_labels_are_well_formed(name: str, labeller: str) -> None:
    prefix, count = SETS[name]
    labelled = rows(DATA / f"story_{name}" / labeller)
    assert len(labelled) == count
    assert all(set(r) == FIELDS for r in labelled)
    assert len({r["file"] for r in labelled}) == count, "a text is labelled twice"
    story_id = re.compile(rf"^{prefix}-[a-z0-9]+(?:-[a-z0-9]+)*$")
    assert all(isinstance(r["story"], str) and story_id.match(r["story"]) for r in labelled)
    assert all(isinstance(r["unsure"], bool) for r in labelled)
    narratives: dict[object, set[object]] = defaultdict(set)
    for r in labelled:
        narratives[r["story"]].add(r["narrative"])
    assert all(len(n) == 1 for n in narratives.values()), "a story has one narrative"
    assert sum(1 for r in labelled if sum(s["story"] == r["story"] for s in labelled) > 1) >= 20


@pytest.mark.parametrize("name", sorted(SETS))
def test_both_labellers_labelled_the_same_texts_and_agreement_is_scored(name: str) -> None:
    from bench.stories_polnear import agreement

    first, second = DATA / f"story_{name}" / "labels.jsonl", DATA / f"story_{name}" / "labels_second.jsonl"
    assert sorted(str(r["file"]) for r in rows(first)) == sorted(str(r["file"]) for r in rows(second))
    itself = agreement(first, first)
    assert all(scores["bcubed_f1"] == 1.0 for scores in itself.values())
    scored = agreement(second, first)
    assert 0.9 < scored[f"all {SETS[name][1]}"]["bcubed_f1"] <= 1.0


def test_page_labels_name_the_extraction_pages() -> None:
    truth = json.loads(shared_path("data", "extraction", "ground-truth.json").read_text(encoding="utf-8"))
    assert {r["file"] for r in rows(DATA / "story_pages" / "labels.jsonl")} == set(truth)


def test_ptc_labels_name_ptc_articles_and_the_loader_reads_them() -> None:
    from bench.stories_data import load_ptc

    articles = shared_path("data", "ptc", "articles")
    labelled = {str(r["file"]) for r in rows(DATA / "story_ptc" / "labels.jsonl")}
    assert labelled == {p.stem for p in articles.glob("*.txt")}
    loaded = load_ptc()
    assert {a.id for a in loaded} == labelled
    assert all(a.article.published is None and a.article.title for a in loaded)
