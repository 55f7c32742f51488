"""Reuse and provenance against the hand-labelled real-news pairs (bench/data/reuse_pairs, see its GUIDE.md).

Runs what ``narratrace analyze`` runs (cleaning with the repeated-chrome pass, then the reuse stage) on each
whole dataset the labels draw on (corpus statistics matter), then scores the labelled pairs, per split:

- precision of ``copy``+``partial`` predictions on labelled pairs (a predicted reuse pair whose label is
  copy or partial is right; shared_quote, stock and unrelated labels make it wrong);
- recall of labelled copies, and of copies+partials (``none`` — the tool reports no pair — is a miss);
- the confusion table of kinds: label (rows) x predicted kind (columns, ``none`` when unreported);
- direction accuracy on labelled copies/partials with a known direction (``a->b``/``b->a``): of those the
  tool reported, the share whose ``Direction.source`` is the labelled source (undecided counts as wrong);
  labelled ``siblings`` are listed apart (right = the tool leaves the source undecided or calls them siblings).

Predicted kind names are mapped through ``KIND_ALIASES``; a name it does not know is kept as is in the table
and counted as a reuse prediction (the tool claims the two texts share text), with a warning.
The precision here is over a stratified sample that over-represents hard cases, not the tool's precision on
all pairs it reports; see the strata in pairs.jsonl.

Usage::

    python -m bench.reuse_realnews [--pairs bench/data/reuse_pairs/pairs.jsonl] [--json out.json] [--round 1]

Without ``--round`` the figures are given for all rounds and, when the file holds more than one labelling
round, for each round apart (``round 1 tune``, ...); with it, only that round's pairs are scored.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.reuse_pairs_data import PAIRS_FILE, SPLITS, load_dataset, read_pairs, round_of
from narratrace.pipeline import RunOptions, analyze_articles, clean_all
from narratrace.stages import REUSE

log = logging.getLogger(__name__)
REUSE_LABELS = ("copy", "partial")
LABEL_ORDER = ("copy", "partial", "shared_quote", "stock", "unrelated")
KIND_ALIASES = {
    "copy": "copy",
    "near_copy": "copy",
    "reprint": "copy",
    "rewrite": "copy",
    "wire_copy": "copy",
    "partial": "partial",
    "partial_copy": "partial",
    "passage": "partial",
    "shared_quote": "shared_quote",
    "quote": "shared_quote",
    "quotation": "shared_quote",
    "stock": "stock",
    "boilerplate": "stock",
    "template": "stock",
    "formulaic": "stock",
}
NOT_REUSE = frozenset({"shared_quote", "stock", "none"})


@dataclass(frozen=True)
class Prediction:
    kind: str  # mapped kind, or "none" when the tool reports no pair
    source: str | None  # the tool's source article id, None when undecided or unreported
    siblings: bool  # the tool says both copy a third text (when it has such a notion)


def mapped_kind(kind: str) -> str:
    if kind not in KIND_ALIASES:
        log.warning("unknown reuse kind %r: kept as is and counted as a reuse prediction", kind)
    return KIND_ALIASES.get(kind, kind)


def is_reuse_prediction(kind: str) -> bool:
    return kind not in NOT_REUSE


def _says_siblings(direction: Any) -> bool:
    """Whether a Direction marks the pair as siblings; read defensively, the attribute may not exist yet."""
    if getattr(direction, "siblings", False):
        return True
    return any("sibling" in str(getattr(e, "kind", "")) for e in getattr(direction, "evidence", ()))


def predict(datasets: set[str]) -> dict[tuple[str, str], Prediction]:
    """The tool's verdict on every pair it reports, over each whole dataset."""
    predictions: dict[tuple[str, str], Prediction] = {}
    for dataset in sorted(datasets):
        # What `narratrace analyze` runs: cleaning with the corpus-level chrome pass, then the reuse stage.
        analysis = analyze_articles(clean_all(load_dataset(dataset)), RunOptions(only=(REUSE.name,)))
        result = analysis.result(REUSE)
        for pair in result.pairs:
            direction = result.directions.get((pair.a, pair.b))
            predictions[(pair.a, pair.b)] = Prediction(
                kind=mapped_kind(pair.kind),
                source=direction.source if direction else None,
                siblings=_says_siblings(direction) if direction else False,
            )
        log.info("%s: %d articles, %d pairs reported", dataset, len(analysis.articles), len(result.pairs))
    return predictions


def _ratio(hits: int, total: int) -> dict[str, Any]:
    return {"hits": hits, "total": total, "value": hits / total if total else None}


def score(rows: list[dict[str, Any]], predictions: dict[tuple[str, str], Prediction]) -> dict[str, Any]:
    """All figures for one set of labelled rows."""
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    predicted_reuse = right_reuse = 0
    copies = found_copies = reuse = found_reuse = 0
    direction_total = direction_right = direction_unreported = 0
    direction_misses: Counter[str] = Counter()  # known-direction pairs not got right: reversed or undecided
    siblings: Counter[str] = Counter()
    for row in rows:
        key = (min(row["a"], row["b"]), max(row["a"], row["b"]))
        prediction = predictions.get(key, Prediction("none", None, False))
        label = row["label"]
        confusion[label][prediction.kind] += 1
        positive = is_reuse_prediction(prediction.kind)
        if positive:
            predicted_reuse += 1
            right_reuse += label in REUSE_LABELS
        if label == "copy":
            copies += 1
            found_copies += positive
        if label in REUSE_LABELS:
            reuse += 1
            found_reuse += positive
            direction = row.get("direction")
            if direction in ("a->b", "b->a"):
                if not positive:
                    direction_unreported += 1
                    continue
                expected = key[0] if direction == "a->b" else key[1]
                direction_total += 1
                direction_right += prediction.source == expected
                if prediction.source != expected:
                    direction_misses["undecided" if prediction.source is None else "reversed"] += 1
            elif direction == "siblings" and positive:
                verdict = (
                    "siblings" if prediction.siblings else "undecided" if prediction.source is None else "one side"
                )
                siblings[verdict] += 1
    return {
        "pairs": len(rows),
        "labels": dict(Counter(row["label"] for row in rows)),
        "precision_copy_partial": _ratio(right_reuse, predicted_reuse),
        "recall_copy": _ratio(found_copies, copies),
        "recall_copy_partial": _ratio(found_reuse, reuse),
        "direction_accuracy": _ratio(direction_right, direction_total),
        "direction_known_unreported": direction_unreported,
        "direction_misses": dict(direction_misses),
        "siblings_verdicts": dict(siblings),
        "confusion": {label: dict(counts) for label, counts in confusion.items()},
    }


def _fmt(ratio: dict[str, Any]) -> str:
    value = ratio["value"]
    return f"{value:.3f} ({ratio['hits']}/{ratio['total']})" if value is not None else f"n/a (0/{ratio['total']})"


def markdown(results: dict[str, dict[str, Any]]) -> str:
    lines = [
        "| split | pairs | precision copy+partial | recall copy | recall copy+partial | direction accuracy |",
        "|---|---|---|---|---|---|",
    ]
    for split, figures in results.items():
        lines.append(
            f"| {split} | {figures['pairs']} | {_fmt(figures['precision_copy_partial'])} | "
            f"{_fmt(figures['recall_copy'])} | {_fmt(figures['recall_copy_partial'])} | "
            f"{_fmt(figures['direction_accuracy'])} |"
        )
    for split, figures in results.items():
        kinds = sorted({kind for counts in figures["confusion"].values() for kind in counts}, key=_kind_order)
        lines += ["", f"Confusion ({split}): label (rows) x predicted kind (columns)", ""]
        lines += ["| label | " + " | ".join(kinds) + " |", "|---|" + "---|" * len(kinds)]
        for label in LABEL_ORDER:
            counts = figures["confusion"].get(label, {})
            lines.append(f"| {label} | " + " | ".join(str(counts.get(kind, 0)) for kind in kinds) + " |")
        lines.append(
            f"\nKnown-direction reuse the tool did not report ({split}): {figures['direction_known_unreported']}; "
            f"known-direction pairs not right, by the tool's verdict: {figures['direction_misses'] or 'none'}; "
            f"labelled siblings the tool reported, by its verdict: {figures['siblings_verdicts'] or 'none'}"
        )
    return "\n".join(lines)


def _kind_order(kind: str) -> tuple[int, str]:
    order = (*LABEL_ORDER, "none")
    return (order.index(kind), kind) if kind in order else (len(LABEL_ORDER), kind)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=Path, default=PAIRS_FILE)
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    parser.add_argument("--round", type=int, help="score only the pairs of this labelling round")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    rows = [row for row in read_pairs(args.pairs) if args.round is None or round_of(row) == args.round]
    try:
        predictions = predict({str(row["dataset"]) for row in rows})
    except FileNotFoundError as missing:
        sys.exit(f"shared data not found ({missing}); set NARRATRACE_SHARED to the folder holding data/")
    results = {split: score([r for r in rows if r["split"] == split], predictions) for split in SPLITS}
    results["all"] = score(rows, predictions)
    rounds = sorted({round_of(row) for row in rows})
    if len(rounds) > 1:
        for number in rounds:
            for split in SPLITS:
                chosen = [r for r in rows if round_of(r) == number and r["split"] == split]
                results[f"round {number} {split}"] = score(chosen, predictions)
    print(f"reuse_realnews on {args.pairs} ({len(rows)} pairs), {datetime.now(UTC):%Y-%m-%d}\n")
    print(markdown(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
