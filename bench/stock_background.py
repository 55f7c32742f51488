"""Learn the stock-phrase background shipped in ``narratrace/reuse/data/stock_background.npz``.

    NARRATRACE_SHARED=../shared python -m bench.stock_background

Reads the unlabelled news in ``$NARRATRACE_SHARED/data`` (PTC articles, PolNeAR texts, AllSides
texts, extraction ground-truth bodies; never the seeds) and keeps the word 5-grams found in >= 3
documents of >= 2 of these collections (``narratrace.reuse.background.learn_background``).
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Iterator
from pathlib import Path

from narratrace.reuse.background import BACKGROUND_FILE, learn_background

REPO = Path(__file__).resolve().parents[1]


def _text_files(folder: Path) -> Iterator[str]:
    for path in sorted(folder.glob("*.txt")):
        yield path.read_text(encoding="utf-8", errors="replace").lstrip("\ufeff")


def collections(shared: Path) -> dict[str, list[str]]:
    data = shared / "data"
    allsides = [
        json.loads(line)["text"]
        for line in (data / "stories" / "allsides.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    truth = json.loads((data / "extraction" / "ground-truth.json").read_text(encoding="utf-8"))
    return {
        "ptc": list(_text_files(data / "ptc" / "articles")),
        "polnear": list(_text_files(data / "attribution" / "text")),
        "allsides": allsides,
        "extraction": [entry["articleBody"] for entry in truth.values()],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--shared", type=Path, default=Path(os.environ.get("NARRATRACE_SHARED", REPO.parent / "shared"))
    )
    parser.add_argument("--min-documents", type=int, default=3)
    parser.add_argument("--min-collections", type=int, default=2)
    parser.add_argument("--out", type=Path, default=BACKGROUND_FILE)
    args = parser.parse_args()
    texts = collections(args.shared)
    background = learn_background(texts, 5, args.min_documents, args.min_collections)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    background.save(args.out)
    sizes = {name: len(t) for name, t in texts.items()}
    print(f"{len(background):,} stock shingles from {background.documents:,} documents {sizes} -> {args.out}")


if __name__ == "__main__":
    main()
