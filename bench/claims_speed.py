"""Claims-stage throughput on real articles: AllSides excerpts, PTC full-length articles, PolNeAR articles.

    NARRATRACE_SHARED=../shared nice python -m bench.claims_speed [N] [--profile]

Prints wall and CPU seconds (CPU time is the fairer figure on a shared machine: it does not count the time
other processes hold the cores) and words per CPU second, from which the 10,000-article estimate follows.
``--profile`` also prints the 25 most expensive functions (cProfile, cumulative).
"""

from __future__ import annotations

import cProfile
import json
import os
import pstats
import sys
import time
from pathlib import Path

from narratrace.claims.asserting import asserting
from narratrace.claims.matching import find_claims
from narratrace.clean import clean_article
from narratrace.ingest.article import Article
from narratrace.nlp import embed_sentences

SHARED = Path(os.environ.get("NARRATRACE_SHARED", Path(__file__).resolve().parents[2] / "shared"))


def corpus(limit: int) -> list[Article]:
    articles = []
    for line in (SHARED / "data/stories/allsides.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        articles.append(Article(id=row["id"], text=row["text"], outlet=row["source"], published=row["date"]))
    for path in sorted((SHARED / "data/ptc/articles").glob("*.txt")):
        articles.append(Article(id=path.stem, text=path.read_text(encoding="utf-8")))
    for path in sorted((SHARED / "data/attribution/text").glob("*.txt")):
        articles.append(Article(id="polnear-" + path.stem, text=path.read_text(encoding="utf-8")))
    return articles[:limit]


def main() -> None:
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    limit = int(arguments[0]) if arguments else 2000
    cleaned = [clean_article(a) for a in corpus(limit)]
    words = sum(len(c.text.split()) for c in cleaned)
    # Load MiniLM and the tagger outside the timing (a few articles may match nothing, so ask them directly).
    embed_sentences(["A warm-up sentence."])
    asserting(["A warm-up sentence."])
    profile = cProfile.Profile() if "--profile" in sys.argv else None
    wall, cpu = time.perf_counter(), time.process_time()
    if profile:
        profile.enable()
    claims = find_claims(cleaned)
    if profile:
        profile.disable()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(
        f"{len(cleaned)} articles ({words} words): {len(claims)} claims in {wall:.1f} s wall, {cpu:.1f} s CPU "
        f"= {len(cleaned) / wall:.1f} articles/s wall, {len(cleaned) / cpu:.1f} articles per CPU second, "
        f"{words / cpu:.0f} words per CPU second; 10,000 articles of 600 words = {6e6 / (words / cpu):.0f} CPU s"
    )
    if profile:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
