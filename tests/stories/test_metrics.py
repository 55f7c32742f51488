from __future__ import annotations

import pytest

from narratrace.stories.metrics import score_clustering


def test_perfect_and_all_singletons() -> None:
    truth = {"a": "1", "b": "1", "c": "2", "d": "2"}
    perfect = score_clustering({"a": "x", "b": "x", "c": "y", "d": "y"}, truth)
    assert perfect.pairwise_f1 == perfect.bcubed_f1 == perfect.adjusted_rand == 1.0
    singletons = score_clustering({}, truth)
    assert singletons.pairwise_recall == 0.0 and singletons.bcubed_precision == 1.0
    assert singletons.bcubed_recall == pytest.approx(0.5)


def test_one_big_cluster() -> None:
    truth = {"a": "1", "b": "1", "c": "2", "d": "2"}
    merged = score_clustering(dict.fromkeys(truth, "all"), truth)
    assert merged.pairwise_precision == pytest.approx(2 / 6)
    assert merged.bcubed_precision == pytest.approx(0.5) and merged.bcubed_recall == 1.0
    assert score_clustering({}, {}).articles == 0
