"""CPU seconds of ``find_claims`` on the stage's own path: the 825 articles of bench/data/claim_path_pairs' two
corpora, with their attributions (cached by ``bench.claims_path --cache``), in-process so that CPU time counts it
all. Run the earlier code's checkout beside it (same load) for a before/after.

    NARRATRACE_SHARED=../shared OMP_NUM_THREADS=1 nice python -m bench.claims_path_speed CACHE.json [RUNS]

(CACHE.json: the ``--cache`` path given to ``bench.claims_path``, which writes CACHE.1.json and CACHE.2.json.)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import narratrace.parallel as parallel
from bench.claims_path import DRAWS, corpus
from narratrace.claims.asserting import asserting
from narratrace.claims.matching import find_claims
from narratrace.nlp import embed_sentences


def main() -> None:
    parallel.worker_count = lambda max_workers=4: 1  # no worker processes whose CPU time would be missed
    cache = Path(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    articles, attributions = [], []
    for draw in DRAWS:
        found = corpus(draw, cache)
        articles += found[0]
        attributions += found[1]
    embed_sentences(["A warm-up sentence."])
    asserting(["A warm-up sentence."])
    for _ in range(runs):
        cpu, wall = time.process_time(), time.perf_counter()
        claims = find_claims(articles, attributions)
        print(
            f"{len(articles)} articles: {len(claims)} claims, {time.process_time() - cpu:.1f} CPU s, "
            f"{time.perf_counter() - wall:.1f} s wall",
            flush=True,
        )


if __name__ == "__main__":
    main()
