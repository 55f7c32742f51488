"""Who a pronoun source stands for: ``refers_to`` of the default attribution model against hand labels.

    NARRATRACE_SHARED=../shared python -m bench.source_referents [--split tune|report|all] [--errors]

Data: ``bench/data/source_referents/`` (GUIDE.md): 260 pronoun and relative-pronoun sources the default model
found in real news (PolNeAR training part: tune; PolNeAR dev split and PTC: report), each labelled with the
words naming its referent or NONE. The articles are read from ../shared as ``narratrace claims`` reads them and
tagged again; each labelled source is looked up by its start offset.

A resolution is right when it names the labelled referent (their ``source_key`` share the last word: "Garrett
Marquis" and "spokesperson Garrett Marquis", "The NGO" and "the NGO") or when both are none. Precision: right
among the sources given a referent; recall: right among those whose label names one.
"""

from __future__ import annotations

import argparse
import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

from narratrace.claims.attribution import extract_attributions
from narratrace.claims.sources import source_key
from narratrace.claims.types import Attribution
from narratrace.ingest import Article, read_paths

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NARRATRACE_SHARED", REPO.parent / "shared"))
DATA = REPO / "bench" / "data" / "source_referents"
FOLDERS = {"polnear": SHARED / "data" / "attribution" / "text", "ptc": SHARED / "data" / "ptc" / "articles"}
GROUPS = {"he": "he/she", "she": "he/she", "him": "he/she", "her": "he/she", "it": "it", "who": "relative",
          "which": "relative", "that": "relative", "whom": "relative"}  # fmt: skip


def load_rows() -> list[dict[str, Any]]:
    candidates = [json.loads(line) for line in (DATA / "candidates.jsonl").open(encoding="utf-8")]
    labels = [json.loads(line) for line in (DATA / "labels.jsonl").open(encoding="utf-8")]
    assert [c["id"] for c in candidates] == [label["id"] for label in labels], "labels out of step with candidates"
    return [
        {**c, "referent": label["referent"], "note": label["note"]} for c, label in zip(candidates, labels, strict=True)
    ]


def names_match(predicted: str | None, labelled: str) -> bool:
    if predicted is None or labelled == "NONE":
        return predicted is None and labelled == "NONE"
    a, b = source_key(predicted).split(), source_key(labelled).split()
    return bool(a and b and a[-1] == b[-1])


def resolve(rows: list[dict[str, Any]]) -> dict[int, str | None]:
    """Each row's predicted referent text (None: none given), by row; rows whose source the model no longer
    finds are left out."""
    keys = sorted({(r["corpus"], r["article"]) for r in rows})
    texts = {}
    for corpus, name in keys:
        read = [a for a in read_paths([FOLDERS[corpus] / f"{name}.txt"]) if isinstance(a, Article)]
        texts[(corpus, name)] = read[0].text
    found = extract_attributions([texts[k] for k in keys])
    by_source: dict[tuple[str, str, int], Attribution] = {}
    for key, attributions in zip(keys, found, strict=True):
        for attribution in attributions:
            if attribution.source is not None:
                by_source.setdefault((*key, attribution.source.start), attribution)
    out: dict[int, str | None] = {}
    for index, row in enumerate(rows):
        same = by_source.get((row["corpus"], row["article"], row["source"]["start"]))
        if same is not None:
            out[index] = same.refers_to.text if same.refers_to else None
    return out


def score(rows: list[dict[str, Any]], predicted: dict[int, str | None]) -> dict[str, Any]:
    counts: Counter[str] = Counter()
    for index, row in enumerate(rows):
        if index not in predicted:
            counts["source not found again"] += 1
            continue
        guess = predicted[index]
        group = GROUPS.get(row["source"]["text"].strip().lower(), "other")
        right = names_match(guess, row["referent"])
        for name in ("all", group):
            counts[f"{name} n"] += 1
            counts[f"{name} right"] += right
            counts[f"{name} given"] += guess is not None
            counts[f"{name} given right"] += guess is not None and right
            counts[f"{name} labelled"] += row["referent"] != "NONE"
            counts[f"{name} labelled right"] += row["referent"] != "NONE" and right
    table: dict[str, Any] = {}
    for name in ("all", "he/she", "it", "relative", "other"):
        n = counts[f"{name} n"]
        if not n:
            continue
        table[name] = {
            "n": n,
            "accuracy": round(counts[f"{name} right"] / n, 3),
            "precision": round(counts[f"{name} given right"] / max(counts[f"{name} given"], 1), 3),
            "recall": round(counts[f"{name} labelled right"] / max(counts[f"{name} labelled"], 1), 3),
            "given": counts[f"{name} given"],
            "labelled": counts[f"{name} labelled"],
        }
    table["not found again"] = counts["source not found again"]
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("tune", "report", "all"), default="all")
    parser.add_argument("--errors", action="store_true", help="print each wrong resolution")
    args = parser.parse_args()
    rows = load_rows()
    predicted = resolve(rows)
    for split in ("tune", "report") if args.split == "all" else (args.split,):
        chosen = [i for i, row in enumerate(rows) if row["split"] == split]
        subset = {n: predicted[i] for n, i in enumerate(chosen) if i in predicted}
        print(split, json.dumps(score([rows[i] for i in chosen], subset)))
        if args.errors:
            for i in chosen:
                row, guess = rows[i], predicted.get(i)
                if i in predicted and not names_match(guess, row["referent"]):
                    print(f"  {row['id']} {row['source']['text']!r}: predicted {guess!r}, labelled {row['referent']!r}")


if __name__ == "__main__":
    main()
