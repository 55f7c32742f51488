"""Scorer checks on cases worked out by hand (numbers in the comments)."""

from __future__ import annotations

import pytest

from narratrace.techniques.scoring import merge_intervals, score_joint, score_si, score_tc
from narratrace.techniques.span import TechniqueSpan


def spans(*rows: tuple[int, int, str]) -> list[TechniqueSpan]:
    return [TechniqueSpan(s, e, t, 1.0) for s, e, t in rows]


def test_partial_overlap_gets_partial_credit() -> None:
    # gold [0,10), predicted [5,15): overlap 5 -> P = 5/10, R = 5/10, F1 = 0.5
    score = score_si({"a": spans((5, 15, "x"))}, {"a": spans((0, 10, "y"))})
    assert score.precision == pytest.approx(0.5)
    assert score.recall == pytest.approx(0.5)
    assert score.f1 == pytest.approx(0.5)


def test_overlapping_gold_spans_are_merged_first() -> None:
    # gold [0,10) + [5,20) -> one span [0,20); predicted [0,10): P = 10/10 = 1, R = 10/20 = 0.5, F1 = 2/3
    score = score_si({"a": spans((0, 10, "x"))}, {"a": spans((0, 10, "y"), (5, 20, "z"))})
    assert score.n_gold == 1
    assert score.precision == pytest.approx(1.0)
    assert score.recall == pytest.approx(0.5)
    assert score.f1 == pytest.approx(2 / 3)


def test_two_predictions_inside_one_gold_span() -> None:
    # gold [0,20); predicted [0,5) and [10,20): P = (5/5 + 10/10)/2 = 1, R = (5/20 + 10/20)/1 = 0.75
    score = score_si({"a": spans((0, 5, "x"), (10, 20, "x"))}, {"a": spans((0, 20, "x"))})
    assert score.precision == pytest.approx(1.0)
    assert score.recall == pytest.approx(0.75)
    assert score.f1 == pytest.approx(2 * 0.75 / 1.75)


def test_spans_of_other_articles_never_match_and_no_predictions_score_zero() -> None:
    gold = {"a": spans((0, 10, "x"))}
    assert score_si({"b": spans((0, 10, "x"))}, gold).f1 == 0.0
    empty = score_si({}, gold)
    assert (empty.precision, empty.recall, empty.f1, empty.n_gold) == (0.0, 0.0, 0.0, 1)


def test_merge_keeps_touching_spans_apart() -> None:
    assert merge_intervals([(5, 8), (0, 5), (2, 4), (9, 9)]) == [(0, 5), (5, 8)]


def test_tc_matches_rows_on_the_same_span_to_agree_most() -> None:
    # Rows on [0,10) are {Loaded, Name} on both sides, in a different order: both count.
    # [20,30): gold Doubt, predicted Fear: wrong. micro-F1 = 2/3.
    gold = {"a": spans((0, 10, "Loaded"), (0, 10, "Name"), (20, 30, "Doubt"))}
    predicted = {"a": spans((0, 10, "Name"), (0, 10, "Loaded"), (20, 30, "Fear"))}
    score = score_tc(predicted, gold)
    assert score.micro_f1 == pytest.approx(2 / 3)
    assert score.per_technique_f1 == {"Doubt": 0.0, "Fear": 0.0, "Loaded": 1.0, "Name": 1.0}


def test_tc_per_technique_f1_by_hand() -> None:
    # gold: L, L, D; predicted: L, D, D on the same three spans -> L: tp 1, pred 1, gold 2 -> P 1, R .5,
    # F1 2/3; D: tp 1, pred 2, gold 1 -> P .5, R 1, F1 2/3; micro = 2/3.
    gold = {"a": spans((0, 5, "L"), (10, 15, "L"), (20, 25, "D"))}
    predicted = {"a": spans((0, 5, "L"), (10, 15, "D"), (20, 25, "D"))}
    score = score_tc(predicted, gold)
    assert score.micro_f1 == pytest.approx(2 / 3)
    assert score.per_technique_f1["L"] == pytest.approx(2 / 3)
    assert score.per_technique_f1["D"] == pytest.approx(2 / 3)


def test_joint_score_needs_matching_techniques_and_merges_within_one() -> None:
    # gold Loaded [0,10)+[5,15) -> Loaded [0,15); gold Doubt [0,10). Predicted Loaded [0,10), Name [0,10).
    # |S| = 2, |T| = 2. Only Loaded/Loaded pairs: P = (10/10)/2 = 0.5, R = (10/15)/2 = 1/3, F1 = 0.4
    gold = {"a": spans((0, 10, "Loaded"), (5, 15, "Loaded"), (0, 10, "Doubt"))}
    predicted = {"a": spans((0, 10, "Loaded"), (0, 10, "Name"))}
    score = score_joint(predicted, gold)
    assert (score.n_predicted, score.n_gold) == (2, 2)
    assert score.precision == pytest.approx(0.5)
    assert score.recall == pytest.approx(1 / 3)
    assert score.f1 == pytest.approx(0.4)
