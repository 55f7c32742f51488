"""Claim matching's per-statement tagging in the shared worker processes, and its cheaper bookkeeping, give
exactly what the plain in-process computation gives."""

from __future__ import annotations

import numpy as np
import pytest

from narratrace.claims import asserting as asserting_module
from narratrace.claims.asserting import asserting, asserting_pooled
from narratrace.claims.linkage import _distinct
from narratrace.parallel import close_spawned_pools

TEXTS = [
    "The ministry said the convoy was attacked near the border on Sunday.",
    "Photos of the convoy, the border and the ministry.",
    "",
    "Rain.",
    "El ministerio dijo que el convoy fue atacado cerca de la frontera.",
    "Officials have denied that any chemical weapons were used in the town.",
    "word " * 2000,
]


def test_tags_do_not_depend_on_the_batch() -> None:
    whole = asserting(TEXTS)
    assert whole == [checked for text in TEXTS for checked in asserting([text])]
    assert whole[0] and not whole[1]


@pytest.mark.slow  # starts two worker processes that load spaCy
def test_pooled_assertion_check_equals_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(asserting_module, "MIN_POOLED_ASSERTING", 1)
    monkeypatch.setattr(asserting_module, "ASSERTING_CHUNK", 2)
    try:
        assert asserting_pooled(TEXTS) == asserting(TEXTS)
    finally:
        close_spawned_pools()


def test_distinct_texts_as_numpy_unique_gives_them() -> None:
    texts = ["b  said “so”", "a said it", 'b said "so"', "Ünïcode text", "a said   it", "", "z"]
    indices = np.array([0, 1, 2, 3, 4, 6])
    distinct, position = _distinct(texts, indices)
    keys = [" ".join(texts[i].replace("“", '"').replace("”", '"').split()) for i in indices.tolist()]
    expected, expected_position = np.unique(keys, return_inverse=True)
    assert distinct == expected.tolist()
    assert position.tolist() == expected_position.tolist()
    assert [distinct[p] for p in position.tolist()] == keys
