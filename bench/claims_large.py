"""Large claims read by hand: which of a claim's mentions state the same thing, and does a matching variant keep them
together and the others apart?

    python -m bench.claims_large --runs RUNS --draw SHEET_DIR            # the sheet (seeded; from the shipped runs)
    python -m bench.claims_large --runs RUNS [--runs OTHER_RUNS ...]     # pair P / R / F1 of each run on the labels

RUNS is a folder of ``narratrace claims`` runs as ``bench.claims_origins`` reads them. The sheet holds claims of 5 to
12 mentions (readers say 53% of such claims' mentions state another claim: docs/results/claims.md), none holding
a mention of the origin sheets, without their headline; readers split each claim's mentions into sets stating one
proposition (bench/data/claim_large/GUIDE.md). Scoring looks at every pair of a labelled claim's mentions: a pair
is predicted together when the run puts both mentions in one claim. A variant that only splits claims is measured
in full here; one that joins more is not (the sample holds the shipped claims only).
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from bench.claims_origins import index_runs, load_run, mention_key, mention_lines

DATA = Path(__file__).resolve().parent / "data" / "claim_large"
ORIGIN_SHEETS = Path(__file__).resolve().parent / "data" / "claim_origins"
SEED = 20261213
PER_CORPUS = {"allsides": 12, "pages": 3, "ptc": 12, "polnear": 12}
SIZES = range(5, 13)


def draw(runs: Path, out: Path, seed: int = SEED) -> None:
    """A seeded sample of the runs' large claims, without their headline, as a sheet and its index."""
    rng = random.Random(seed)
    drawn = {
        tuple(m)
        for path in ORIGIN_SHEETS.glob("labels*.jsonl")
        for line in path.open()
        for m in json.loads(line)["mentions"]
    }
    sheet: list[str] = []
    index: list[dict[str, Any]] = []
    for corpus, count in PER_CORPUS.items():
        if not (runs / corpus).is_dir():
            continue
        claims, articles = load_run(runs / corpus)
        pool = [
            c
            for c in claims
            if len(c["mentions"]) in SIZES and not any(mention_key(corpus, m) in drawn for m in c["mentions"])
        ]
        for claim in rng.sample(pool, min(count, len(pool))):
            number = len(index) + 1
            heading = f"## L{number} ({corpus}): {len(claim['mentions'])} mentions"
            sheet.append("\n".join([heading, *mention_lines(claim, articles)]))
            keys = [list(mention_key(corpus, m)) for m in claim["mentions"]]
            index.append({"claim": f"L{number}", "corpus": corpus, "mentions": keys})
    out.mkdir(parents=True, exist_ok=True)
    (out / "sheet.md").write_text("\n\n".join(sheet) + "\n", encoding="utf-8")
    (out / "index.jsonl").write_text("".join(json.dumps(row) + "\n" for row in index), encoding="utf-8")
    print(f"{len(index)} claims, {sum(len(row['mentions']) for row in index)} mentions -> {out / 'sheet.md'}")


def score(runs: Path, index: Sequence[Mapping[str, Any]], labels: Mapping[str, Mapping[str, Any]]) -> dict[str, float]:
    """Pair precision, recall and F1 of a run's claims on the labelled mentions."""
    found, _ = index_runs(runs)
    tp = fp = fn = 0
    for row in index:
        set_of = {n: i for i, group in enumerate(labels[row["claim"]]["groups"]) for n in group}
        claim_of = {n: found.get(tuple(m)) for n, m in enumerate(row["mentions"], start=1)}
        for a, b in itertools.combinations(range(1, len(row["mentions"]) + 1), 2):
            same = set_of[a] == set_of[b]
            together = claim_of[a] is not None and claim_of[a] == claim_of[b]
            tp += same and together
            fp += together and not same
            fn += same and not together
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / (tp + fn) if tp + fn else float("nan")
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else float("nan")
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=Path, action="append", required=True, help="runs folder (repeat to compare)")
    parser.add_argument("--draw", type=Path, default=None, help="write the sheet and index here (first --runs)")
    parser.add_argument("--data", type=Path, default=DATA, help="folder with index.jsonl and labels*.jsonl")
    args = parser.parse_args()
    if args.draw is not None:
        draw(args.runs[0], args.draw)
        return
    index = [json.loads(line) for line in (args.data / "index.jsonl").read_text(encoding="utf-8").splitlines()]
    print("| runs | labels | pairs together, right / wrong / split | P | R | F1 |")
    print("| --- | --- | --- | --- | --- | --- |")
    for labels_path in sorted(args.data.glob("labels*.jsonl")):
        labels = {row["claim"]: row for row in map(json.loads, labels_path.read_text(encoding="utf-8").splitlines())}
        for runs in args.runs:
            s = score(runs, index, labels)
            print(
                f"| {runs} | {labels_path.name} | {s['tp']} / {s['fp']} / {s['fn']} | {s['precision']:.3f} | "
                f"{s['recall']:.3f} | {s['f1']:.3f} |"
            )


if __name__ == "__main__":
    main()
