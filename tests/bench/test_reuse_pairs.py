"""The hand-labelled real-news reuse pairs: schema, labels, size, split rule, and ids that exist in ../shared."""

from __future__ import annotations

from collections import Counter

import pytest

from bench.reuse_pairs_data import (
    DATASETS,
    DIRECTIONS,
    LABELS,
    PAIRS_FILE,
    ROUNDS,
    SPLITS,
    dataset_of,
    load_dataset,
    pair_id,
    read_pairs,
    round_of,
    split_of,
)
from bench.reuse_realnews import Prediction, score
from tests.conftest import shared_path

FIELDS = {"pair_id", "dataset", "a", "b", "a_outlet", "b_outlet", "a_date", "b_date", "stratum", "split"}
FIELDS |= {"label", "direction", "note"}


@pytest.fixture(scope="module")
def rows() -> list[dict[str, object]]:
    return read_pairs()


def test_schema_and_allowed_values(rows: list[dict[str, object]]) -> None:
    for row in rows:
        assert set(row) - {"round"} == FIELDS, row["pair_id"]
        assert round_of(row) in ROUNDS and ("round" not in row or row["round"] != 1), "round 1 carries no field"
        assert row["dataset"] in DATASETS
        assert dataset_of(str(row["a"])) == dataset_of(str(row["b"])) == row["dataset"]
        assert str(row["a"]) < str(row["b"])
        assert row["pair_id"] == pair_id(str(row["a"]), str(row["b"]))
        assert row["label"] in LABELS
        if row["label"] in ("copy", "partial"):
            assert row["direction"] in DIRECTIONS, row["pair_id"]
        else:
            assert row["direction"] is None, row["pair_id"]
        assert isinstance(row["note"], str) and row["note"].strip()


def test_size_and_coverage(rows: list[dict[str, object]]) -> None:
    assert len(rows) >= 300
    assert len({row["pair_id"] for row in rows}) == len(rows), "a pair is labelled twice"
    labels = Counter(row["label"] for row in rows)
    assert labels["copy"] + labels["partial"] >= 40
    assert set(labels) == set(LABELS)


def test_later_rounds_add_pairs_without_relabelling(rows: list[dict[str, object]]) -> None:
    by_round = Counter(round_of(row) for row in rows)
    assert by_round[1] == 331, "round-1 pairs are kept as labelled (corrections go to GUIDE.md Errata)"
    assert by_round[2] == 141, "round-2 pairs are kept as labelled"
    assert by_round[3] >= 150


def test_round3_strata_and_no_tool_verdict_in_the_record(rows: list[dict[str, object]]) -> None:
    third = [row for row in rows if round_of(row) == 3]
    strata = {str(row["stratum"]) for row in third}
    assert {"containment", "story_overlap", "wire", "tool_shared_quote"} <= strata
    assert all(row["split"] == split_of(str(row["pair_id"])) for row in third)


def test_containment_counts_shared_shingles_over_the_shorter_text() -> None:
    from bench.reuse_pairs_candidates import shingle_containment
    from narratrace.ingest.article import Article

    body = "the quick brown fox jumps over the lazy dog near the river bank today"  # 14 words: 7 shingles
    articles = [
        Article(id="x:1", text=body),
        Article(id="x:2", text=body + " and then it rained all afternoon long over the hills"),
        Article(id="x:3", text="an unrelated text about markets, rates and the budget of a city council"),
    ]
    contained = shingle_containment(articles)
    assert contained[("x:1", "x:2")] == 1.0  # the shorter text wholly inside the longer
    assert ("x:1", "x:3") not in contained and ("x:2", "x:3") not in contained


def test_split_rule_is_reproducible(rows: list[dict[str, object]]) -> None:
    for row in rows:
        assert row["split"] == split_of(str(row["pair_id"]))
    shares = Counter(row["split"] for row in rows)
    assert set(shares) == set(SPLITS)
    assert 0.3 < shares["tune"] / len(rows) < 0.5


def test_no_article_text_in_the_label_file() -> None:
    longest_note = max(len(str(row["note"])) for row in read_pairs())
    assert longest_note < 400
    assert PAIRS_FILE.stat().st_size < 600 * len(read_pairs())  # references and one-line notes only


@pytest.mark.parametrize("dataset", DATASETS)
def test_ids_exist_in_shared_data(rows: list[dict[str, object]], dataset: str) -> None:
    shared_path("data")
    known = {article.id for article in load_dataset(dataset)}
    wanted = {str(row[side]) for row in rows if row["dataset"] == dataset for side in ("a", "b")}
    assert wanted, f"no pairs from {dataset}"
    assert wanted <= known, sorted(wanted - known)[:5]


def test_score_counts_unknown_kinds_as_reuse_and_unreported_as_misses() -> None:
    rows: list[dict[str, object]] = [
        {"a": "x:1", "b": "x:2", "label": "copy", "direction": "a->b"},
        {"a": "x:1", "b": "x:3", "label": "stock", "direction": None},
        {"a": "x:2", "b": "x:3", "label": "partial", "direction": "siblings"},
        {"a": "x:3", "b": "x:4", "label": "copy", "direction": "b->a"},
    ]
    predictions = {
        ("x:1", "x:2"): Prediction("copy", "x:1", False),
        ("x:1", "x:3"): Prediction("reprint_chain", None, False),  # unknown kind: a reuse claim
        ("x:2", "x:3"): Prediction("partial", None, True),
    }
    figures = score(rows, predictions)
    assert figures["precision_copy_partial"]["hits"] == 2
    assert figures["precision_copy_partial"]["total"] == 3
    assert figures["recall_copy"]["hits"] == 1 and figures["recall_copy"]["total"] == 2
    assert figures["direction_accuracy"]["value"] == 1.0
    assert figures["direction_known_unreported"] == 1
    assert figures["siblings_verdicts"] == {"siblings": 1}
    assert figures["confusion"]["copy"] == {"copy": 1, "none": 1}


def test_score_tells_reversed_from_undecided_directions() -> None:
    rows: list[dict[str, object]] = [
        {"a": "x:1", "b": "x:2", "label": "copy", "direction": "a->b"},
        {"a": "x:1", "b": "x:3", "label": "copy", "direction": "a->b"},
        {"a": "x:2", "b": "x:3", "label": "partial", "direction": "b->a"},
    ]
    predictions = {
        ("x:1", "x:2"): Prediction("copy", "x:2", False),  # reversed
        ("x:1", "x:3"): Prediction("copy", None, False),  # undecided
        ("x:2", "x:3"): Prediction("partial", "x:3", False),  # right
    }
    figures = score(rows, predictions)
    assert figures["direction_accuracy"]["hits"] == 1 and figures["direction_accuracy"]["total"] == 3
    assert figures["direction_misses"] == {"reversed": 1, "undecided": 1}
