"""Claim matching against the hand-labelled statement pairs (bench/data/claim_pairs): tune on one half,
report on the other.

Statement texts are read from ../shared by reference (dataset, document id, offsets). The threshold (and the
entity bonus / number penalty) are chosen on the ``tune`` split by F1; precision, recall and F1 are reported
on the ``report`` split, with the share of same-claim pairs the TF-IDF blocking would let through.

    NARRATRACE_SHARED=../shared nice python -m bench.claims_matching
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import numpy as np

from narratrace.claims.blocking import candidate_pairs
from narratrace.claims.entity_features import combined_score, statement_features
from narratrace.claims.matching import MatchOptions
from narratrace.claims.shared_words import shared_words_adjustment

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NARRATRACE_SHARED", REPO.parent / "shared"))
PAIRS = REPO / "bench/data/claim_pairs/pairs.jsonl"


def _document_text(dataset: str, doc: str, cache: dict[str, str]) -> str:
    if not cache:
        for line in (SHARED / "data/stories/allsides.jsonl").open(encoding="utf-8"):
            row = json.loads(line)
            cache[row["id"]] = row["text"]
    if dataset == "allsides":
        return cache[doc]
    return (SHARED / "data/attribution/text" / f"{doc}.txt").read_text(encoding="utf-8")


def load_pairs() -> list[dict[str, object]]:
    cache: dict[str, str] = {}
    pairs = []
    for line in PAIRS.open(encoding="utf-8"):
        pair = json.loads(line)
        for side in ("a", "b"):
            ref = pair[side]
            text = _document_text(pair["dataset"], ref["doc"], cache)
            pair[f"{side}_text"] = text[ref["start"] : ref["end"]]
        pairs.append(pair)
    return pairs


def prf(predicted: list[bool], gold: list[bool]) -> tuple[float, float, float]:
    tp = sum(p and g for p, g in zip(predicted, gold, strict=True))
    fp = sum(p and not g for p, g in zip(predicted, gold, strict=True))
    fn = sum(g and not p for p, g in zip(predicted, gold, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main() -> None:
    from narratrace.nlp import embed_sentences

    if not SHARED.exists():
        raise SystemExit(f"shared data not found at {SHARED} (set NARRATRACE_SHARED)")
    pairs = load_pairs()
    texts = sorted({str(p[f"{s}_text"]) for p in pairs for s in ("a", "b")})
    index = {t: i for i, t in enumerate(texts)}
    features = statement_features(texts)
    vectors = embed_sentences(texts)
    rows = [(index[str(p["a_text"])], index[str(p["b_text"])], bool(p["same_claim"]), p["split"]) for p in pairs]
    cosines = [float(vectors[i] @ vectors[j]) for i, j, _, _ in rows]

    def scores(options: MatchOptions) -> list[float]:
        return [
            combined_score(c, features[i], features[j], options) for c, (i, j, _, _) in zip(cosines, rows, strict=True)
        ]

    def best_threshold(values: list[float], split: str) -> tuple[float, float]:
        gold = [g for _, _, g, s in rows if s == split]
        chosen = [v for v, (_, _, _, s) in zip(values, rows, strict=True) if s == split]
        grid = [t / 100 for t in range(20, 96)]
        return max((prf([v >= t for v in chosen], gold)[2], t) for t in grid)[::-1]

    base = MatchOptions()
    variants = {"cosine only": replace(base, entity_weight=0.0, number_penalty=0.0)}
    for weight in (0.1, 0.15, 0.25):
        for penalty in (0.0, 0.1):
            variants[f"+entities {weight}, numbers -{penalty}"] = replace(
                base, entity_weight=weight, number_penalty=penalty
            )
    n_tune = sum(1 for r in rows if r[3] == "tune")
    print(f"{len(rows)} pairs ({sum(r[2] for r in rows)} same claim); tune {n_tune}, report {len(rows) - n_tune}")
    print("| scorer | threshold (tuned) | tune F1 | report P | report R | report F1 |")
    print("|---|---|---|---|---|---|")
    results = []
    for name, options in variants.items():
        values = scores(options)
        threshold, tune_f1 = best_threshold(values, "tune")
        gold = [g for _, _, g, s in rows if s == "report"]
        predicted = [v >= threshold for v, r in zip(values, rows, strict=True) if r[3] == "report"]
        p, r, f = prf(predicted, gold)
        results.append((tune_f1, name, threshold))
        print(f"| {name} | {threshold:.2f} | {tune_f1:.3f} | {p:.3f} | {r:.3f} | {f:.3f} |")
    words = shared_words_adjustment(texts, MatchOptions().shared_words_weight)
    if words is not None:  # the stage's bonus for shared content words, without the NER terms
        bonus = words(np.array([i for i, _, _, _ in rows]), np.array([j for _, j, _, _ in rows]))
        values = [c + float(x) for c, x in zip(cosines, bonus, strict=True)]
        threshold, tune_f1 = best_threshold(values, "tune")
        gold = [g for _, _, g, s in rows if s == "report"]
        p, r, f = prf([v >= threshold for v, row in zip(values, rows, strict=True) if row[3] == "report"], gold)
        name = f"cosine + shared words {MatchOptions().shared_words_weight}"
        results.append((tune_f1, name, threshold))
        print(f"| {name} | {threshold:.2f} | {tune_f1:.3f} | {p:.3f} | {r:.3f} | {f:.3f} |")
    tune_f1, name, threshold = max(results)
    print(f"\nbest on tune: {name} at {threshold:.2f} (tune F1 {tune_f1:.3f})")
    for similarity in (0.1, 0.15, 0.2, 0.25):
        found = {(min(i, j), max(i, j)) for i, j, _ in candidate_pairs(texts, list(range(len(texts))), similarity, 50)}
        positives = [(min(i, j), max(i, j)) for i, j, g, s in rows if g and s == "report"]
        kept = sum(1 for pair in positives if pair in found)
        print(f"blocking at TF-IDF cosine >= {similarity}: {kept}/{len(positives)} report same-claim pairs kept")


if __name__ == "__main__":
    main()
