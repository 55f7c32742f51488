"""Agreement between the first labeller of the reuse pairs and a second one (GUIDE.md "Agreement").

``sample`` draws the round-1 pairs the second annotator re-labels (seeded, stratified by split, in
proportion) and writes them without their labels or notes, so the second annotator reads only the texts.
``score`` compares ``second_annotator.jsonl`` with ``pairs.jsonl``: Cohen's kappa on the five kinds and on
reuse / not reuse, the confusion between annotators, and agreement on direction where both say copy/partial.

Usage::

    python -m bench.reuse_pairs_agreement sample --out /tmp/second_blind.jsonl
    python -m bench.reuse_pairs_agreement score
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from pathlib import Path
from typing import Any

from sklearn.metrics import cohen_kappa_score

from bench.reuse_pairs_data import LABELS, PAIRS_FILE, SPLITS, read_pairs, round_of

SECOND_FILE = PAIRS_FILE.parent / "second_annotator.jsonl"
SAMPLE_SIZE = 60
SAMPLE_SEED = 61
REUSE_LABELS = ("copy", "partial")
BLIND_FIELDS = ("pair_id", "dataset", "a", "b", "a_outlet", "b_outlet", "a_date", "b_date", "split")


def sample(rows: list[dict[str, Any]], size: int = SAMPLE_SIZE, seed: int = SAMPLE_SEED) -> list[dict[str, Any]]:
    """Round-1 rows, ``size`` in all, each split in proportion to its share; blind (no label, note, stratum)."""
    rng = random.Random(seed)
    first_round = sorted((r for r in rows if round_of(r) == 1), key=lambda r: str(r["pair_id"]))
    drawn: list[dict[str, Any]] = []
    for split in SPLITS:
        pool = [r for r in first_round if r["split"] == split]
        drawn += rng.sample(pool, round(size * len(pool) / len(first_round)))
    rng.shuffle(drawn)
    return [{field: row[field] for field in BLIND_FIELDS} for row in drawn]


def _merged(labels: list[str]) -> list[str]:
    return ["nothing" if label in ("stock", "unrelated") else label for label in labels]


def score(first: list[dict[str, Any]], second: list[dict[str, Any]]) -> dict[str, Any]:
    """Kappa on kinds and on reuse/not, the annotator confusion, direction agreement where both say reuse."""
    by_id = {str(r["pair_id"]): r for r in first}
    pairs = [(by_id[str(s["pair_id"])], s) for s in second]
    one = [str(f["label"]) for f, _ in pairs]
    two = [str(s["label"]) for _, s in pairs]
    both_reuse = [(f, s) for f, s in pairs if f["label"] in REUSE_LABELS and s["label"] in REUSE_LABELS]
    return {
        "pairs": len(pairs),
        "observed_agreement": sum(a == b for a, b in zip(one, two, strict=True)) / max(len(pairs), 1),
        "kappa_kinds": float(cohen_kappa_score(one, two, labels=list(LABELS))) if pairs else None,
        "kappa_reuse": float(cohen_kappa_score([x in REUSE_LABELS for x in one], [x in REUSE_LABELS for x in two]))
        if pairs
        else None,
        # stock and unrelated both mean "nothing to report"; the guide's least certain boundary.
        "kappa_stock_unrelated_merged": float(cohen_kappa_score(_merged(one), _merged(two))) if pairs else None,
        "confusion": {label: dict(Counter(b for a, b in zip(one, two, strict=True) if a == label)) for label in LABELS},
        "direction": {
            "both_reuse": len(both_reuse),
            "agree": sum(f["direction"] == s["direction"] for f, s in both_reuse),
        },
        "disagreements": [
            {"pair_id": f["pair_id"], "first": f["label"], "second": s["label"], "second_note": s["note"]}
            for f, s in pairs
            if f["label"] != s["label"]
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    drawer = sub.add_parser("sample")
    drawer.add_argument("--out", type=Path, required=True)
    sub.add_parser("score")
    args = parser.parse_args()
    if args.command == "sample":
        with args.out.open("w", encoding="utf-8") as fh:
            for row in sample(read_pairs()):
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"{SAMPLE_SIZE} blind rows -> {args.out}")
    else:
        print(json.dumps(score(read_pairs(), read_pairs(SECOND_FILE)), indent=2))


if __name__ == "__main__":
    main()
