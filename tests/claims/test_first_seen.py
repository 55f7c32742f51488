"""The order of a claim's articles: trusted days first, a source before its copies, undated ones in input order."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from narratrace.claims.first_seen import Appearance, appearance_order, copies_by_source, in_appearance_order
from narratrace.claims.statements import Statement
from narratrace.claims.types import TextSpan
from narratrace.provenance.types import Direction
from narratrace.reuse.types import ReusePair
from tests.claims.helpers import article


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


def _appearance(days: list[int | None], copies_of: Mapping[str, Collection[str]] | None = None) -> Appearance:
    articles = [article(f"art-{n}", "Officials said the bridge would reopen on Monday.") for n in range(len(days))]
    statements = [Statement(n, TextSpan(0, 10, "Officials ")) for n in range(len(days))]
    return in_appearance_order(list(range(len(days))), statements, articles, days, copies_of or {})


def test_articles_of_the_first_day_are_ties_unless_a_copy_orders_them() -> None:
    same_day = _appearance([3, 3, 5])
    assert same_day.first_seen == "art-0" and same_day.ties == ("art-1",)  # input order picked art-0
    copied = _appearance([3, 3, 5], {"art-1": {"art-0"}})  # art-0 copies art-1: art-1 was out first
    assert copied.first_seen == "art-1" and copied.ties == ()
    assert [copied.order[0]] == [1]
    alone = _appearance([4, 3, None])
    assert alone.first_seen == "art-1" and alone.ties == ()


def test_undated_articles_that_nothing_orders_have_no_first_one() -> None:
    assert _appearance([None, None]) == Appearance([0, 1], None, ())
    ordered = _appearance([None, None], {"art-1": {"art-0"}})
    assert ordered.first_seen == "art-1" and ordered.ties == ()
