"""The second annotator's labels: blind sample drawn as documented, valid labels, and the agreement scorer."""

from __future__ import annotations

from typing import Any

from bench.reuse_pairs_agreement import BLIND_FIELDS, SAMPLE_SIZE, SECOND_FILE, sample, score
from bench.reuse_pairs_data import DIRECTIONS, LABELS, read_pairs, round_of


def test_second_annotator_labels_exactly_the_documented_sample() -> None:
    second = read_pairs(SECOND_FILE)
    drawn = sample(read_pairs())
    assert [row["pair_id"] for row in second] == [row["pair_id"] for row in drawn]
    assert len(second) == SAMPLE_SIZE
    for row in second:
        assert row["label"] in LABELS
        if row["label"] in ("copy", "partial"):
            assert row["direction"] in DIRECTIONS
        else:
            assert row["direction"] is None
        assert str(row["note"]).strip()


def test_sample_is_blind_round_one_and_stratified_by_split() -> None:
    rows = read_pairs()
    by_id = {row["pair_id"]: row for row in rows}
    drawn = sample(rows)
    assert all(set(row) == set(BLIND_FIELDS) for row in drawn), "no label, note or stratum shown"
    assert all(round_of(by_id[row["pair_id"]]) == 1 for row in drawn)
    tune = sum(row["split"] == "tune" for row in drawn)
    first_round = [row for row in rows if round_of(row) == 1]
    expected = round(SAMPLE_SIZE * sum(row["split"] == "tune" for row in first_round) / len(first_round))
    assert tune == expected


def test_score_kappa_and_direction_agreement() -> None:
    first: list[dict[str, Any]] = [
        {"pair_id": "1", "label": "copy", "direction": "a->b"},
        {"pair_id": "2", "label": "stock", "direction": None},
        {"pair_id": "3", "label": "unrelated", "direction": None},
        {"pair_id": "4", "label": "partial", "direction": "siblings"},
    ]
    second: list[dict[str, Any]] = [
        {"pair_id": "1", "label": "copy", "direction": "a->b", "note": "x"},
        {"pair_id": "2", "label": "unrelated", "direction": None, "note": "x"},
        {"pair_id": "3", "label": "unrelated", "direction": None, "note": "x"},
        {"pair_id": "4", "label": "partial", "direction": "unknown", "note": "x"},
    ]
    figures = score(first, second)
    assert figures["observed_agreement"] == 0.75
    assert figures["kappa_reuse"] == 1.0
    assert figures["kappa_stock_unrelated_merged"] == 1.0
    assert 0 < figures["kappa_kinds"] < 1
    assert figures["direction"] == {"both_reuse": 2, "agree": 1}
    assert figures["confusion"]["stock"] == {"unrelated": 1}
