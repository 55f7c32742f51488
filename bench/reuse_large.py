"""One lean ``narratrace reuse`` run on a large corpus, logging each phase as it goes (for 1M documents).

    nice python -m bench.reuse_large CORPUS_JSONL [--engine local] > LOG

The steps are those the bench times (``bench.reuse_systems.run_narratrace``): read + clean into a
lean corpus, mask repeated chrome, ``find_reuse``, directions and the outlet network. Every
progress line is JSON: phase, documents or pairs done, wall and CPU seconds since the start (CPU of
this process and of its joined worker pools; apart, that of children still running, such as Spark's JVM)
and the peak PSS of the process tree so far, sampled every few seconds. A run stopped part way still says
how far each phase got and what it cost.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import resource
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psutil

from bench.reuse_systems import _read_articles


class _Meter:
    """Wall and CPU seconds since the start and the sampled peak PSS of the process tree."""

    def __init__(self, every: float = 5.0) -> None:
        self.start = time.perf_counter()
        self.peak = 0
        self._process = psutil.Process()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, args=(every,), daemon=True)
        self._thread.start()

    def _sample(self, every: float) -> None:
        while not self._stop.wait(every):
            total = 0
            for p in [self._process, *self._process.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    info = p.memory_full_info()
                    total += getattr(info, "pss", info.rss)
            self.peak = max(self.peak, total)

    def line(self, phase: str, done: int, total: int, follower: _Follower | None = None) -> None:
        own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
        # Children still running (Spark's JVM and its Python workers) are not in RUSAGE_CHILDREN until reaped.
        live = 0.0
        for child in self._process.children(recursive=True):
            with contextlib.suppress(psutil.Error):
                times = child.cpu_times()
                live += times.user + times.system
        record = {
            "phase": phase,
            "done": done,
            "total": total,
            "wall_s": round(time.perf_counter() - self.start, 1),
            "cpu_s": round(cpu, 1),
            "live_children_cpu_s": round(live, 1),
            "peak_pss_mb": round(self.peak / 2**20),
            "rss_mb": round(self._process.memory_info().rss / 2**20),
        }
        if follower is not None:
            record["waited_for_writer_s"] = round(follower.waited_s)
        print(json.dumps(record), flush=True)


class _Follower:
    """Articles from a JSONL file the generator is still writing, read as it grows, made as the reader makes them.

    ``waited_s`` is the wall time spent waiting for the writer (in the read + clean phase's wall time, not in its CPU).
    """

    def __init__(self, path: Path, limit: int) -> None:
        self.path, self.limit, self.waited_s = path, limit, 0.0

    def __iter__(self) -> Iterator[Any]:
        from narratrace.ingest.tabular import record_to_article

        pending, number = b"", 0
        with self.path.open("rb") as stream:
            while number < self.limit:
                line = stream.readline()
                if not line.endswith(b"\n"):  # the writer is behind: keep the partial line and wait
                    pending += line
                    self.waited_s += 1.0
                    time.sleep(1.0)
                    continue
                line, pending = pending + line, b""
                number += 1
                location = {"format": "jsonl", "record": f"line {number}"}
                yield record_to_article(json.loads(line), {}, str(self.path), location)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--engine", default="local")
    parser.add_argument("--every", type=int, default=50_000, help="log read + clean every this many documents")
    parser.add_argument("--pairs-out", type=Path, help="write the pairs' records here (JSONL), to compare runs")
    parser.add_argument("--no-spill", action="store_true", help="keep the postings in memory (the pre-spill path)")
    parser.add_argument("--follow", type=int, help="the corpus is still being written: read it as it grows, this many")
    args = parser.parse_args()
    if args.no_spill:
        from narratrace.reuse import local_engine

        local_engine.SPILL_POSTINGS_BYTES = 1 << 62

    import sklearn  # noqa: F401  (direction inference imports it on first use; outside the phases, as in the bench)

    from narratrace.provenance import infer_directions
    from narratrace.provenance.corpus import ReuseCorpus
    from narratrace.provenance.network import build_outlet_network
    from narratrace.reuse import find_reuse

    meter = _Meter()
    corpus = ReuseCorpus()
    follower = _Follower(args.corpus, args.follow) if args.follow else None
    articles = follower if follower is not None else _read_articles(args.corpus)
    for done, lean in enumerate(ReuseCorpus.lean_stream(articles), start=1):
        corpus.add(lean)
        if done % args.every == 0:
            meter.line("read_clean", done, 0, follower)
    meter.line("read_clean", len(corpus), len(corpus), follower)
    corpus.mask_repeated_chrome()
    meter.line("mask_chrome", len(corpus), len(corpus))
    marks: dict[str, int] = {}

    def progress(stage: str, done: int, total: int) -> None:
        step = max(1, total // 10)
        if done >= total or done // step != marks.get(stage, -1):
            marks[stage] = done // step
            meter.line(stage, done, total)

    result = find_reuse(corpus.sources, engine=args.engine, progress=progress)
    meter.line("find_reuse", len(result.pairs), len(result.pairs))
    if args.pairs_out:
        with args.pairs_out.open("w", encoding="utf-8") as out:
            for pair in result.pairs:
                out.write(json.dumps(dataclasses.asdict(pair), ensure_ascii=False, sort_keys=True) + "\n")
    directions = infer_directions(result.pairs, corpus.facts)
    build_outlet_network(result.pairs, directions, corpus.facts)
    meter.line("directions", len(directions), len(directions))


if __name__ == "__main__":
    main()
