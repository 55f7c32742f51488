"""The order of a claim's articles: trusted days first, a source before its copies, undated ones in input order."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from narratrace.claims.first_seen import appearance_order, copies_by_source
from narratrace.provenance.types import Direction
from narratrace.reuse.types import ReusePair


def _order(ids: list[str], days: list[int | None], copies_of: Mapping[str, Collection[str]] | None = None) -> list[str]:
    keys = appearance_order(ids, days, copies_of)
    return [article for _, article in sorted(zip(keys, ids, strict=True))]


def test_dated_articles_come_first_earliest_first_then_undated_in_input_order() -> None:
    assert _order(["a", "b", "c", "d"], [None, 20, None, 10]) == ["d", "b", "a", "c"]


def test_an_undated_source_comes_before_its_undated_copy_whatever_the_input_order() -> None:
    assert _order(["copy", "original"], [None, None], {"original": {"copy"}}) == ["original", "copy"]


def test_a_source_is_out_by_its_copys_day_even_when_its_own_date_is_unknown() -> None:
    # "original" is undated, "copy" dated day 5 copies it, "other" is dated day 7: the source was out by day 5.
    assert _order(["other", "copy", "original"], [7, 5, None], {"original": {"copy"}}) == ["original", "copy", "other"]


def test_copies_outside_the_claim_change_nothing_and_a_cycle_ends() -> None:
    assert _order(["b", "a"], [None, None], {"b": {"elsewhere"}}) == ["b", "a"]
    cycle = {"a": {"b"}, "b": {"c"}, "c": {"a"}}
    assert sorted(_order(["a", "b", "c"], [None, None, None], cycle)) == ["a", "b", "c"]


def test_only_copied_text_with_a_decided_direction_says_who_came_first() -> None:
    pairs = [
        ReusePair("a", "b", (), kind="copy"),
        ReusePair("c", "d", (), kind="partial"),
        ReusePair("e", "f", (), kind="shared_quote"),  # both quote one statement: neither copied the other
        ReusePair("g", "h", (), kind="copy"),  # direction undecided
    ]
    directions = {
        ("a", "b"): Direction(source="b", confidence=0.9),
        ("c", "d"): Direction(source="c", confidence=0.7),
        ("e", "f"): Direction(source="e", confidence=0.8),
        ("g", "h"): Direction(source=None, confidence=0.5),
    }
    assert copies_by_source(pairs, directions) == {"b": frozenset({"a"}), "c": frozenset({"d"})}
    assert copies_by_source(pairs, None) == {}
