"""Teacher pseudo-labels for attribution students: tag unlabelled news with a saved model, save as PolNeAR.

    OMP_NUM_THREADS=1 nice python -m bench.attribution_pseudo --out /tmp/pseudo [--model accurate]
        [--corpora allsides,ptc] [--limit N]

Unlabelled text: AllSides lead excerpts (``data/stories/allsides.jsonl``, title dropped) and PTC articles
(``data/ptc/articles``); never PolNeAR's dev split. The folder is written in batches and resumed where it stopped
(articles with a text file are skipped). Train a student on it with ``narratrace train attribution --extra-gold
DIR`` or ``python -m bench.attribution_inner --extra-gold DIR``.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

from narratrace.claims.attribution import load_attribution_model
from narratrace.claims.attribution_pseudo import safe_name, write_pseudo_corpus

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NARRATRACE_SHARED", REPO.parent / "shared"))
BATCH = 16


def _normalised(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def unlabelled(corpus: str) -> Iterator[tuple[str, str]]:
    """(name, text) of one unlabelled corpus, in a fixed order."""
    if corpus == "allsides":
        with (SHARED / "data" / "stories" / "allsides.jsonl").open(encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                yield record["id"], _normalised(record["text"])
    elif corpus == "ptc":
        for path in sorted((SHARED / "data" / "ptc" / "articles").glob("*.txt")):
            yield f"ptc-{path.stem}", _normalised(path.read_text(encoding="utf-8"))
    else:
        raise SystemExit(f"unknown corpus {corpus!r} (allsides, ptc)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="PolNeAR-shaped folder to write (outside the repo)")
    parser.add_argument("--model", default="accurate", help="teacher: a shipped model's name or a folder")
    parser.add_argument("--corpora", default="allsides,ptc")
    parser.add_argument("--limit", type=int, default=None, help="at most this many articles per corpus")
    args = parser.parse_args()
    teacher = load_attribution_model(args.model)
    started, done, found, characters = time.perf_counter(), 0, 0, 0
    for corpus in args.corpora.split(","):
        articles = [(n, t) for n, t in unlabelled(corpus) if t.strip()][: args.limit]
        todo = [(n, t) for n, t in articles if not (args.out / "text" / f"{safe_name(n)}.txt").exists()]
        for start in range(0, len(todo), BATCH):
            names, texts = zip(*todo[start : start + BATCH], strict=True)
            predicted = teacher.predict_gold(list(texts))
            write_pseudo_corpus(args.out, names, texts, predicted)
            done += len(texts)
            found += sum(map(len, predicted))
            characters += sum(map(len, texts))
            print(
                f"{corpus}: {start + len(texts)}/{len(todo)} articles, {found} attributions, "
                f"{characters / 1e3:.0f}k chars, {time.perf_counter() - started:.0f} s",
                flush=True,
            )
    print(f"teacher {args.model}: {done} articles tagged, {found} attributions -> {args.out}")


if __name__ == "__main__":
    main()
