"""StoryIndex: stable ids, incremental adds, time windows, copies, and state that survives JSON and a store."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from narratrace.reuse.types import ReusePair
from narratrace.store import open_store
from narratrace.stories import StoryIndex
from narratrace.stories.features import normalise_entity
from narratrace.stories.summary import summarize
from tests.stories.helpers import corpus, feature


def stories_of(index: StoryIndex, ids: list[str]) -> dict[str, str]:
    return {i: a.story for i in ids if (a := index.assignment(i))}


def test_same_input_same_stories_and_ids() -> None:
    first, second = StoryIndex(), StoryIndex()
    one = first.add_features(corpus())
    two = second.add_features(corpus())
    assert [a.to_record() for a in one] == [a.to_record() for a in two]
    by_id = {a.article: a for a in one}
    assert by_id["a1"].story == by_id["a3"].story != by_id["a2"].story
    assert by_id["a2"].story == by_id["a5"].story
    assert by_id["a1"].new_story and not by_id["a3"].new_story


def test_a_year_later_is_another_story_of_the_same_narrative() -> None:
    placed = {a.article: a for a in StoryIndex().add_features(corpus())}
    assert placed["a6"].story != placed["a1"].story
    assert placed["a6"].narrative == placed["a1"].narrative
    assert placed["a4"].narrative != placed["a1"].narrative
    assert placed["a7"].story in {placed["a1"].story, placed["a6"].story}  # undated: close content decides


def test_incremental_in_date_order_equals_all_at_once() -> None:
    articles = [f for f in corpus() if f.day is not None]
    whole = StoryIndex()
    whole.add_features(articles)
    stepwise = StoryIndex()
    for day in sorted({f.day for f in articles if f.day is not None}):
        stepwise.add_features([f for f in articles if f.day == day])
    ids = [f.id for f in articles]
    assert stories_of(whole, ids) == stories_of(stepwise, ids)


def test_placed_articles_never_move() -> None:
    index = StoryIndex()
    before = {a.article: a.story for a in index.add_features(corpus()[:3])}
    again = index.add_features(corpus())
    assert all(a.story == before[a.article] for a in again if a.article in before)
    assert len(index.articles_) == len(corpus())


def test_a_copy_joins_its_original_whatever_it_says() -> None:
    index = StoryIndex()
    index.add_features([feature("original", 0, "2020-01-01", 1)])
    copy = feature("copy", 2, "2023-06-01", 2)
    pairs = [ReusePair("copy", "original", passages=(), kind="copy")]
    assert index.add_features([copy], pairs)[0].story == index.assignment("original").story  # type: ignore[union-attr]
    fresh = StoryIndex()
    fresh.add_features([feature("original", 0, "2020-01-01", 1)])
    quote = feature("quote", 2, "2023-06-01", 3)
    pairs = [ReusePair("original", "quote", passages=(), kind="shared_quote")]
    assert fresh.add_features([quote], pairs)[0].story != fresh.assignment("original").story  # type: ignore[union-attr]


def test_state_round_trip_scores_as_if_never_saved() -> None:
    articles = corpus()
    kept = StoryIndex()
    kept.add_features(articles[:4])
    reloaded = StoryIndex.from_state(json.loads(json.dumps(kept.to_state())))
    assert reloaded.to_state() == kept.to_state()
    assert reloaded.entity_names_["entity0"] == Counter({"Entity0": 2})  # how names are written is kept too
    late = [a.to_record() for a in kept.add_features(articles[4:])]
    assert [a.to_record() for a in reloaded.add_features(articles[4:])] == late


def test_store_keeps_state_and_rows(tmp_path: Path) -> None:
    index = StoryIndex(story_threshold=0.6)
    rows = [a.to_record() for a in index.add_features(corpus()[:4])]
    store = open_store(tmp_path / "stories.db")
    assert store.load_story_state() is None
    store.save_story_state(index.to_state(), rows)
    store.close()

    reopened = open_store(tmp_path / "stories.db")
    state = reopened.load_story_state()
    assert state is not None
    loaded = StoryIndex.from_state(state)
    assert loaded.story_threshold == 0.6
    assert loaded.to_state() == index.to_state()
    assert sorted(r["id"] for r in reopened.story_assignments()) == sorted(str(r["id"]) for r in rows)
    more = [a.to_record() for a in loaded.add_features(corpus())]
    reopened.save_story_state(loaded.to_state(), more)
    assert len(reopened.story_assignments()) == len(corpus())
    assert reopened.load_story_state("other") is None


def test_an_undated_story_names_an_original_not_its_copy_as_first() -> None:
    index = StoryIndex()
    index.add_features([feature("a-copy", 0, None, 1), feature("b-original", 0, None, 2), feature("c", 0, None, 3)])
    [story] = summarize(index)[0]
    assert story.first_article == "a-copy"  # no dates, no directions: the first to join
    [story] = summarize(index, copiers=frozenset({"a-copy", "c"}))[0]
    assert story.first_article == "b-original"
    index.add_features([feature("d-dated", 0, "2020-01-01", 4)])
    [story] = summarize(index, copiers=frozenset({"a-copy"}))[0]
    assert story.first_article == "d-dated"  # a date decides before a direction


def test_entity_names_lose_quotation_marks() -> None:
    assert normalise_entity("‘White Helmets") == normalise_entity("the “White Helmets”") == "white helmets"
    assert normalise_entity("U.S.") == "us" and normalise_entity("Trump's") == "trump"
    assert normalise_entity("’s GOP") == "gop"  # a possessive the model cut from the word before
