"""Draw the candidate statement pairs that were then labelled by hand (bench/data/claim_pairs/pairs.jsonl).

Run once; kept so the draw can be repeated. Pairs are drawn so that roughly half should be the same claim:
per AllSides story, the cross-outlet sentence pair with the highest embedding cosine (mostly same claim) and
the pair sharing the most words among the rest (mostly hard negatives: same story, same entities, other
assertion); from PolNeAR, attributed contents of different articles with the highest TF-IDF cosine.

    NARRATRACE_SHARED=../shared python -m bench.claim_pairs_sample > /tmp/claim_pair_candidates.jsonl
"""

from __future__ import annotations

import json
import os
import random
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

SHARED = Path(os.environ.get("NARRATRACE_SHARED", Path(__file__).resolve().parents[2] / "shared"))
_SENTENCE = re.compile(r"[^\n]+?(?:[.!?][\"'”’)]*(?=\s|$)|$)")
_WORD = re.compile(r"[a-z0-9]+")
SEED = 18


def sentences(text: str) -> list[tuple[int, int]]:
    out = []
    for match in _SENTENCE.finditer(text):
        start, end = match.start(), match.end()
        chunk = text[start:end]
        start += len(chunk) - len(chunk.lstrip())
        end -= len(chunk) - len(chunk.rstrip())
        words = len(text[start:end].split())
        if 6 <= words <= 80 and not text[start:end].rstrip().endswith(("?", "...", "…")):
            out.append((start, end))
    return out


def allsides_pairs(n_stories: int) -> list[dict[str, object]]:
    from narratrace.nlp import embed_sentences

    rows = [json.loads(line) for line in (SHARED / "data/stories/allsides.jsonl").open(encoding="utf-8")]
    stories: dict[str, list[dict[str, object]]] = defaultdict(list)
    for row in rows:
        stories[row["cluster"]].append(row)
    names = sorted(name for name, members in stories.items() if len(members) >= 2)
    random.Random(SEED).shuffle(names)
    out: list[dict[str, object]] = []
    for name in names[:n_stories]:
        items = [(r, s, e) for r in stories[name] for s, e in sentences(str(r["text"]))]
        if len(items) < 2:
            continue
        vectors = embed_sentences([str(r["text"])[s:e] for r, s, e in items])
        cross = [
            (float(vectors[i] @ vectors[j]), i, j)
            for i in range(len(items))
            for j in range(i + 1, len(items))
            if items[i][0]["id"] != items[j][0]["id"]
        ]
        if not cross:
            continue
        best = max(cross)
        words = [set(_WORD.findall(str(r["text"])[s:e].lower())) for r, s, e in items]
        rest = [(len(words[i] & words[j]) / len(words[i] | words[j]), i, j) for _, i, j in cross if (i, j) != best[1:]]
        chosen = [best[1:]] + ([max(rest)[1:]] if rest else [])
        for i, j in chosen:
            out.append({"dataset": "allsides", "refs": [ref(items[i]), ref(items[j])]})
    return out


def ref(item: tuple[dict[str, object], int, int]) -> dict[str, object]:
    row, start, end = item
    return {"doc": row["id"], "start": start, "end": end, "text": str(row["text"])[start:end]}


def polnear_pairs(n_pairs: int) -> list[dict[str, object]]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    folder = SHARED / "data/attribution"
    contents: list[dict[str, Any]] = []
    for ann in sorted((folder / "attributions").glob("*.ann")):
        doc = ann.stem.rsplit("_", 1)[0]
        if any(c["doc"] == doc for c in contents[-3:]):
            pass
        text = (folder / "text" / f"{doc}.txt").read_text(encoding="utf-8")
        for line in ann.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) == 3 and parts[1].startswith("Content ") and ";" not in parts[1]:
                _, start, end = parts[1].split()
                span = text[int(start) : int(end)]
                if 8 <= len(span.split()) <= 60:
                    contents.append({"doc": doc, "start": int(start), "end": int(end), "text": span})
    unique = {(c["doc"], c["start"]): c for c in contents}
    contents = list(unique.values())
    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform([c["text"] for c in contents])
    sims = (matrix @ matrix.T).tocoo()
    scored = sorted(
        (
            (v, i, j)
            for i, j, v in zip(sims.row, sims.col, sims.data, strict=True)
            if i < j and v < 0.95 and contents[i]["doc"] != contents[j]["doc"]
        ),
        reverse=True,
    )
    out: list[dict[str, object]] = []
    used: set[int] = set()
    for _, i, j in scored:
        if i in used or j in used:
            continue
        used |= {i, j}
        out.append({"dataset": "polnear", "refs": [contents[i], contents[j]]})
        if len(out) >= n_pairs:
            break
    return out


def main() -> None:
    pairs = allsides_pairs(140) + polnear_pairs(50)
    for number, pair in enumerate(pairs):
        pair["id"] = f"cp{number:03d}"
        sys.stdout.write(json.dumps(pair, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
