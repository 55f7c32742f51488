"""Wire and credit detection of ``narratrace.provenance`` against PolNeAR's per-article metadata.

PolNeAR's ``metadata.tsv`` marks each article's ``wire`` (AP, UPI, Reuters, AFP; ``NA`` where the
publisher's pages did not say, all of Western Journalism: left out) and its ``credit`` ("h/t: X",
a hat tip the publisher's page carried, often outside the article text). An article is predicted
wire copy when a *block* credit (byline, "(AP) —" dateline, "— Reuters" trailer, "By Reuters
Staff") names a wire of the gazetteer; the wire named must be the metadata's.

Articles are split by a hash of their file name: ``dev`` (looked at while writing the byline rules)
and ``test`` (reported). Usage::

    NARRATRACE_SHARED=../shared python -m bench.provenance_credits [--split test|dev|all]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
from pathlib import Path

from narratrace.provenance.credit_names import wire_name
from narratrace.provenance.credits import extract_credits, names_match

SHARED = Path(os.environ.get("NARRATRACE_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))


def split_of(name: str) -> str:
    return "dev" if hashlib.sha1(name.encode()).digest()[0] % 2 == 0 else "test"


def predicted_wires(text: str) -> set[str]:
    return {c.wire for c in extract_credits(text) if c.wire and c.scope == "block"}


def evaluate(split: str) -> dict[str, object]:
    folder = SHARED / "data" / "attribution"
    rows = list(csv.DictReader((folder / "metadata.tsv").open(encoding="utf-8"), delimiter="\t"))
    tp = fp = fn = wrong_wire = 0
    credit_total = credit_in_text = credit_found = 0
    errors: list[str] = []
    for row in rows:
        name = row["filename"]
        if split != "all" and split_of(name) != split:
            continue
        text = (folder / "text" / f"{name}.txt").read_text(encoding="utf-8")
        if row["wire"] != "NA":
            gold = wire_name(row["wire"]) if row["wire"] != "None" else None
            predicted = predicted_wires(text)
            if gold and predicted:
                tp += 1
                wrong_wire += gold not in predicted
            elif predicted:
                fp += 1
                errors.append(f"FP {name}: {sorted(predicted)}")
            elif gold:
                fn += 1
                errors.append(f"FN {name}: {gold}")
        if row["credit"] != "None":
            credited = row["credit"].split(":", 1)[-1].strip().rstrip(".")
            credit_total += 1
            credit_in_text += credited.lower() in text.lower()
            credit_found += any(names_match(c.outlet_text, credited) for c in extract_credits(text))
    return {
        "split": split,
        "wire_tp": tp,
        "wire_fp": fp,
        "wire_fn": fn,
        "wire_precision": round(tp / (tp + fp), 4) if tp + fp else None,
        "wire_recall": round(tp / (tp + fn), 4) if tp + fn else None,
        "wrong_wire_named": wrong_wire,
        "credited_articles": credit_total,
        "credit_name_in_text": credit_in_text,
        "credit_found": credit_found,
        "errors": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "test", "all"), default="test")
    args = parser.parse_args()
    print(json.dumps(evaluate(args.split), indent=1))


if __name__ == "__main__":
    main()
