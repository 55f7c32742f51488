"""The labelled pairs on the claims stage's path (bench/data/claim_path_pairs): well-formed, each fresh draw kept
apart from what it checks."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import shared_path

PAIRS = Path(__file__).resolve().parents[2] / "bench/data/claim_path_pairs/pairs.jsonl"
FRESH_SPLIT = {3: "fresh", 4: "fresh2", 5: "fresh3"}


def _pairs() -> list[dict[str, object]]:
    return [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines()]


def test_every_pair_is_labelled_once_and_each_fresh_draw_has_its_own_split() -> None:
    pairs = _pairs()
    assert len({p["id"] for p in pairs}) == len(pairs)
    assert all(isinstance(p["same_claim"], bool) for p in pairs)
    for pair in pairs:
        draw = int(str(pair.get("draw", 1)))
        assert pair["split"] == FRESH_SPLIT.get(draw, pair["split"])
        assert pair["split"] in ("tune", "report") or draw in FRESH_SPLIT
        for side in ("a", "b"):
            ref = pair[side]
            assert isinstance(ref, dict) and 0 <= ref["start"] < ref["end"] and ref["kind"] in ("content", "bare")
    assert sum(p["split"] == "fresh3" for p in pairs) == 155


def test_the_third_fresh_draw_reads_articles_no_earlier_draw_read() -> None:
    shared_path("data", "attribution")
    from bench.claim_path_sample import path_corpus

    fifth = {(d, doc) for d, doc, _ in path_corpus(5)}
    for draw in (1, 2, 3, 4):
        assert not fifth & {(d, doc) for d, doc, _ in path_corpus(draw)}, f"draw 5 shares articles with draw {draw}"
    texts = {f"{d}:{doc}": text for d, doc, text in path_corpus(5)}
    for pair in (p for p in _pairs() if p.get("draw") == 5):
        for side in ("a", "b"):
            ref = pair[side]
            assert isinstance(ref, dict) and texts[f"{ref['dataset']}:{ref['doc']}"][ref["start"] : ref["end"]].strip()
