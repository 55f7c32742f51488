"""Outlets a source spoke to (``via``) and outlets an unnamed one stands for ("the newspaper" -> ``refers_to``),
read against hand labels.

    narratrace claims ../shared/data/ptc/articles --out OUT                  # any corpus; outlets optional
    python -m bench.outlets_cited OUT [OUT ...] [--list] [--labels FILE]

``--list`` prints every ``via`` and every unnamed-outlet referent with the text around it, for labelling;
``--labels`` (default ``bench/data/outlets_cited/labels.jsonl``, GUIDE.md beside it) scores those labelled:
a label names the article, the kind (``via`` or ``referent``), the source's start offset and the verdict.
Found items without a label are counted apart, so a changed rule shows what it added.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from narratrace.claims.outlet_mentions import generic_outlet_referent

LABELS = Path(__file__).resolve().parent / "data" / "outlets_cited" / "labels.jsonl"
CONTEXT = 60


def found_items(out: Path) -> Iterator[dict[str, Any]]:
    """Every via and unnamed-outlet referent of a ``narratrace claims`` output folder, with its context."""
    texts = {}
    for line in (out / "articles.jsonl").open(encoding="utf-8"):
        record = json.loads(line)
        texts[record["id"]] = record.get("original_text") or record["text"]
    for line in (out / "attributions.jsonl").open(encoding="utf-8"):
        record = json.loads(line)
        text = texts[record["id"]]
        for found in record["attributions"]:
            source = found["source"]
            if source is None:
                continue
            start, end = source["start"], source["end"]
            if found.get("via"):
                named = found["via"]
                kind = "via"
            elif found["source_type"] == "outlet" and found.get("refers_to"):
                if generic_outlet_referent(text, start, end) is None:
                    continue  # a pronoun's or a short paper name's referent: measured elsewhere
                named = found["refers_to"]
                kind = "referent"
            else:
                continue
            lo, hi = min(start, named["start"]), max(end, named["end"])
            yield {
                "article": record["id"],
                "kind": kind,
                "source_start": start,
                "source": source["text"],
                "found": named["text"],
                "context": " ".join(text[max(0, lo - CONTEXT) : hi + CONTEXT // 2].split()),
            }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("outs", nargs="+", type=Path, help="output folders of `narratrace claims`")
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--list", action="store_true", help="print every item with its context")
    args = parser.parse_args()
    labels = {}
    if args.labels.exists():
        for line in args.labels.open(encoding="utf-8"):
            label = json.loads(line)
            labels[(label["article"], label["kind"], label["source_start"])] = label
    tally: Counter[tuple[str, str]] = Counter()
    for out in args.outs:
        for item in found_items(out):
            label = labels.get((item["article"], item["kind"], item["source_start"]))
            verdict = "unlabelled" if label is None else label["verdict"]
            tally[(item["kind"], verdict)] += 1
            if args.list:
                print(json.dumps({**item, "verdict": verdict}, ensure_ascii=False))
    for kind in ("via", "referent"):
        right, wrong, open_ = (tally[(kind, v)] for v in ("right", "wrong", "unlabelled"))
        judged = right + wrong
        share = f"{right / judged:.3f}" if judged else "-"
        print(f"{kind}: {judged} labelled, precision {share} ({right}/{judged}); {open_} unlabelled")


if __name__ == "__main__":
    main()
