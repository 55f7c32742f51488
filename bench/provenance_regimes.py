"""Pair P/R and direction accuracy per generator regime (``bench.corpus_gen.REGIMES``).

For each regime and seed a corpus is generated; ``find_reuse`` + ``infer_directions`` run end to
end on it (pair precision/recall, direction accuracy over detected pairs with a true direction,
undecided = wrong), and ``infer_directions`` alone runs on the TRUE pairs (provenance only).
Seeds 11 were looked at while choosing weights; other seeds were used for no choice.

    python -m bench.provenance_regimes --docs 3000 --seeds 23,37 --out bench/out/regimes
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bench.corpus_gen import REGIMES, generate
from bench.provenance_directions import evaluate, load
from bench.reuse_metrics import load_truth, score
from bench.reuse_systems import run_narratrace
from narratrace.provenance import ProvenanceOptions


def run(regime: str, seed: int, docs: int, out: Path) -> dict[str, object]:
    corpus = out / f"{regime}-{docs}-s{seed}"
    if not (corpus / "truth.json").exists():
        generate(docs, seed, corpus, habits=REGIMES[regime])
    truth = load_truth(corpus / "truth.json")
    scores = score(truth, run_narratrace(corpus / "corpus.jsonl", "local", {}))
    articles, pairs, by_key = load(corpus)
    alone = evaluate(articles, pairs, by_key, ProvenanceOptions())
    return {
        "regime": regime,
        "seed": seed,
        "docs": docs,
        "pair_precision": round(scores.precision, 4),
        "pair_recall": round(scores.recall, 4),
        "direction_end_to_end": None if scores.direction_accuracy is None else round(scores.direction_accuracy, 4),
        "directed_pairs": scores.direction_pairs,
        "undecided_end_to_end": scores.direction_undecided,
        "direction_true_pairs": round(float(alone["accuracy"] or 0), 4),  # type: ignore[arg-type]
        "undecided_true_pairs": alone["undecided"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=3000)
    parser.add_argument("--seeds", default="23,37")
    parser.add_argument("--regimes", default=",".join(REGIMES))
    parser.add_argument("--out", type=Path, default=Path("bench/out/regimes"))
    args = parser.parse_args()
    rows = []
    for regime in args.regimes.split(","):
        for seed in (int(s) for s in args.seeds.split(",")):
            row = run(regime, seed, args.docs, args.out)
            rows.append(row)
            print(json.dumps(row), flush=True)
    (args.out / "results.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
