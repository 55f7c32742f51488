"""The hand-read origins of drawn claims (bench/data/claim_origins: three draws and the claims three changes moved, two
readers each) are well formed: every group names articles of the claim's own mentions, no article is in two
groups, and both readers read the same sheet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ORIGINS = Path(__file__).resolve().parents[2] / "bench" / "data" / "claim_origins"
SHEETS = ["labels", "labels_draw2", "labels_draw3", "labels_moved", "labels_moved2", "labels_moved3"]
FIELDS = {"claim", "corpus", "stratum", "mentions", "not_the_claim", "origins", "unsure", "why"}


def rows(name: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in (ORIGINS / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("name", [*SHEETS, *(f"{s}_second" for s in SHEETS)])
def test_each_reading_is_well_formed(name: str) -> None:
    labelled = rows(name)
    assert len(labelled) >= 20
    for row in labelled:
        assert set(row) == FIELDS, row["claim"]
        mentions = row["mentions"]
        assert isinstance(mentions, list) and len(mentions) >= 2
        assert all(m[0] == row["corpus"] and isinstance(m[2], int) and m[2] < m[3] for m in mentions)
        articles = {m[1] for m in mentions}
        groups = row["origins"]
        assert isinstance(groups, list)
        grouped = [a for group in groups for a in group]
        assert len(grouped) == len(set(grouped)), f"{row['claim']}: an article in two origins"
        assert set(grouped) <= articles, f"{row['claim']}: an origin names an article without a mention"
        assert all(isinstance(n, int) and 1 <= n <= len(mentions) for n in row["not_the_claim"])  # type: ignore[attr-defined]
        assert isinstance(row["unsure"], bool) and row["why"]


@pytest.mark.parametrize("name", SHEETS)
def test_both_readers_read_the_same_sheet(name: str) -> None:
    first, second = rows(name), rows(f"{name}_second")
    assert [(r["claim"], r["mentions"]) for r in first] == [(r["claim"], r["mentions"]) for r in second]


def test_the_draws_hold_no_claim_twice() -> None:
    seen: set[tuple[object, ...]] = set()
    for name in ("labels", "labels_draw2", "labels_draw3"):
        mentions = {tuple(m) for row in rows(name) for m in row["mentions"]}  # type: ignore[attr-defined]
        assert not mentions & seen, f"{name} repeats a mention of an earlier draw"
        seen |= mentions
