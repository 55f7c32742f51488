"""Claims-stage throughput (articles/s) on real articles: AllSides excerpts plus PTC full-length articles.

NARRATRACE_SHARED=../shared nice python -m bench.claims_speed [N]
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from narratrace.claims.matching import find_claims
from narratrace.clean import clean_article
from narratrace.ingest.article import Article

SHARED = Path(os.environ.get("NARRATRACE_SHARED", Path(__file__).resolve().parents[2] / "shared"))


def corpus(limit: int) -> list[Article]:
    articles = []
    for line in (SHARED / "data/stories/allsides.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        articles.append(Article(id=row["id"], text=row["text"], outlet=row["source"], published=row["date"]))
    for path in sorted((SHARED / "data/ptc/articles").glob("*.txt")):
        articles.append(Article(id=path.stem, text=path.read_text(encoding="utf-8")))
    return articles[:limit]


def main() -> None:
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    cleaned = [clean_article(a) for a in corpus(limit)]
    words = sum(len(c.text.split()) for c in cleaned)
    find_claims(cleaned[:5])  # load spaCy and MiniLM outside the timing
    start = time.perf_counter()
    claims = find_claims(cleaned)
    seconds = time.perf_counter() - start
    rate = len(cleaned) / seconds
    print(f"{len(cleaned)} articles ({words} words): {len(claims)} claims in {seconds:.1f} s = {rate:.1f} articles/s")


if __name__ == "__main__":
    main()
