"""The order of a claim's articles: trusted days first, a source before its copies, undated ones in input order."""

from __future__ import annotations

from narratrace.claims.first_seen import appearance_order
from narratrace.provenance.types import Direction


def _order(
    ids: list[str], days: list[int | None], directions: dict[tuple[str, str], Direction] | None = None
) -> list[str]:
    keys = appearance_order(ids, days, directions)
    return [article for _, article in sorted(zip(keys, ids, strict=True))]


def test_dated_articles_come_first_earliest_first_then_undated_in_input_order() -> None:
    assert _order(["a", "b", "c", "d"], [None, 20, None, 10]) == ["d", "b", "a", "c"]


def test_an_undated_source_comes_before_its_undated_copy_whatever_the_input_order() -> None:
    directions = {("copy", "original"): Direction(source="original", confidence=0.9)}
    assert _order(["copy", "original"], [None, None], directions) == ["original", "copy"]


def test_a_source_is_out_by_its_copys_day_even_when_its_own_date_is_unknown() -> None:
    # "original" is undated, "copy" dated day 5 copies it, "other" is dated day 7: the source was out by day 5.
    directions = {("original", "copy"): Direction(source="original", confidence=0.8)}
    assert _order(["other", "copy", "original"], [7, 5, None], directions) == ["original", "copy", "other"]


def test_undecided_directions_and_articles_outside_the_claim_change_nothing() -> None:
    directions = {
        ("a", "b"): Direction(source=None, confidence=0.5),
        ("b", "elsewhere"): Direction(source="elsewhere", confidence=0.9),
    }
    assert _order(["b", "a"], [None, None], directions) == ["b", "a"]


def test_a_cycle_of_directions_ends() -> None:
    directions = {
        ("a", "b"): Direction(source="a", confidence=0.7),
        ("b", "c"): Direction(source="b", confidence=0.7),
        ("c", "a"): Direction(source="c", confidence=0.7),
    }
    assert sorted(_order(["a", "b", "c"], [None, None, None], directions)) == ["a", "b", "c"]
