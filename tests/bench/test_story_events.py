"""The hand-labelled PolNeAR stories (bench/data/story_events/labels.jsonl, and a second labeller's
labels_second.jsonl; the fresh windows 4-5 in labels_fresh.jsonl and labels_fresh_second.jsonl) are well formed and
refer to real PolNeAR articles, with the dates and publishers PolNeAR gives them."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import shared_path

EVENTS = Path(__file__).resolve().parents[2] / "bench" / "data" / "story_events"
LABELS = EVENTS / "labels.jsonl"
SECOND = EVENTS / "labels_second.jsonl"
FRESH = EVENTS / "labels_fresh.jsonl"
FRESH_SECOND = EVENTS / "labels_fresh_second.jsonl"
ALL_FILES = [LABELS, SECOND, FRESH, FRESH_SECOND]
FIELDS = {"file", "date", "outlet", "story", "narrative", "unsure"}
STORY_ID = re.compile(r"^w\d+-[a-z0-9]+(?:-[a-z0-9]+)*$")


def rows(path: Path = LABELS) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("path", ALL_FILES, ids=["first", "second", "fresh", "fresh-second"])
def test_labels_are_well_formed(path: Path) -> None:
    labelled = rows(path)
    assert len(labelled) >= 150
    assert all(set(r) == FIELDS for r in labelled)
    files = [r["file"] for r in labelled]
    assert len(files) == len(set(files)), "an article is labelled twice"
    assert all(isinstance(r["unsure"], bool) for r in labelled)
    assert all(isinstance(r["story"], str) and STORY_ID.match(r["story"]) for r in labelled)
    assert all(r["narrative"] is None or (isinstance(r["narrative"], str) and r["narrative"]) for r in labelled)
    # A story has one narrative, and its articles are at most two weeks apart (one event, its follow-ups).
    narratives: dict[object, set[object]] = defaultdict(set)
    days: dict[object, list[date]] = defaultdict(list)
    for r in labelled:
        narratives[r["story"]].add(r["narrative"])
        days[r["story"]].append(date.fromisoformat(str(r["date"])))
    assert all(len(n) == 1 for n in narratives.values())
    assert all((max(d) - min(d)).days <= 14 for d in days.values())
    sizes = Counter(r["story"] for r in labelled)
    assert sum(n for n in sizes.values() if n > 1) >= 40, "too few same-event articles to measure grouping"


def test_the_second_labeller_labelled_the_same_articles_and_agreement_is_scored() -> None:
    from bench.stories_polnear import agreement

    first, second = rows(LABELS), rows(SECOND)
    assert sorted(str(r["file"]) for r in first) == sorted(str(r["file"]) for r in second)
    assert {(r["file"], r["date"], r["outlet"]) for r in first} == {(r["file"], r["date"], r["outlet"]) for r in second}
    itself = agreement(LABELS, LABELS)
    assert all(scores["bcubed_f1"] == 1.0 and scores["adjusted_rand"] == 1.0 for scores in itself.values())
    scored = agreement(SECOND, LABELS)
    assert {"all 258", "window w1", "window w2", "window w3"} <= set(scored)
    assert 0.0 < scored["all 258"]["bcubed_f1"] < 1.0  # two readers differ on some articles


def test_the_fresh_windows_are_new_articles_labelled_twice() -> None:
    """Windows 4-5 hold none of windows 1-3's articles, and both labellers labelled the same ones."""
    fresh, second = rows(FRESH), rows(FRESH_SECOND)
    assert sorted(str(r["file"]) for r in fresh) == sorted(str(r["file"]) for r in second)
    assert not {r["file"] for r in fresh} & {r["file"] for r in rows(LABELS)}
    assert {str(r["story"]).split("-", 1)[0] for r in fresh} == {"w4", "w5"}


@pytest.mark.parametrize("path", [LABELS, FRESH], ids=["windows-1-3", "windows-4-5"])
def test_labels_refer_to_polnear_articles(path: Path) -> None:
    polnear = shared_path("data", "attribution")
    with (polnear / "metadata.tsv").open(encoding="utf-8") as handle:
        metadata = {row["filename"]: row for row in csv.DictReader(handle, delimiter="\t")}
    for r in rows(path):
        name = str(r["file"])
        assert name in metadata, name
        assert (polnear / "text" / f"{name}.txt").is_file(), name
        assert r["date"] == metadata[name]["publication_date"]
        assert r["outlet"] == metadata[name]["publisher"]


def test_tuning_windows_hold_out_window_three() -> None:
    """bench.stories_tune tunes on windows 1-2 and reports on window 3 (which holds both conventions)."""
    from bench.stories_tune import CONVENTIONS, TUNE_WINDOWS, polnear_part

    shared_path("data", "attribution", "metadata.tsv")
    tune = polnear_part(TUNE_WINDOWS)
    held_out = polnear_part({"w3"})
    assert tune.truth and held_out.truth
    assert not set(tune.truth) & set(held_out.truth)
    assert {a.id for a in tune.articles} == set(tune.truth)
    assert all(s.split("-", 1)[0] in TUNE_WINDOWS for s in tune.truth.values())
    assert set(held_out.truth.values()) >= CONVENTIONS and not CONVENTIONS & set(tune.truth.values())
    assert len(tune.truth) + len(held_out.truth) == len(rows())
