"""One reuse system run on one corpus, in its own process, so its time and memory are its own.

``python -m bench.reuse_systems SYSTEM CORPUS_JSONL OUT_DIR [--threshold T] [--profile]``
writes ``OUT_DIR/predictions.jsonl`` (one pair a line: a, b, kind, passages, source) and
``OUT_DIR/run.json`` (wall seconds from reading the corpus to the last result, per phase, CPU
seconds of the process and its workers over the same span, and the process's own peak RSS). The
parent (``bench/reuse.py``) samples the RSS of the whole process tree as well, which is what counts
for Spark's JVM.

Only the standard library is imported at module level: the text-dedup system runs under
its own virtualenv, where narratrace is not installed.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

SHINGLE_WORDS = 5
NUM_PERM = 128
_NON_ALPHA = re.compile(r"\W+", re.UNICODE)
TEXTDEDUP_PYTHON = Path("/tmp/tdvenv/bin/python")


def _records(corpus: Path) -> Iterator[dict[str, Any]]:
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def _read_articles(corpus: Path) -> Iterator[Any]:
    """Articles the way the CLI reads them, with narratrace's reader, as a stream."""
    from narratrace.ingest import ReadOptions, read_paths
    from narratrace.ingest.article import Article

    # The reader's default caps suit hostile input; this corpus is genuine, and any read error
    # aborts the run rather than letting a system be scored on part of the corpus.
    options = ReadOptions(max_decompressed_bytes=8 * 2**30)
    for item in read_paths([corpus], options):
        if not isinstance(item, Article):
            raise SystemExit(f"read error, refusing to score a partial corpus: {item}")
        yield item


class _PhaseClock:
    """Wall seconds per phase into ``phases[name]``, CPU seconds (workers included) into ``phases[name + "_cpu"]``."""

    def __init__(self, phases: dict[str, float]) -> None:
        self.phases = phases
        self.wall, self.cpu = time.perf_counter(), _cpu_seconds()

    def lap(self, name: str) -> None:
        wall, cpu = time.perf_counter(), _cpu_seconds()
        self.phases[name], self.phases[name + "_cpu"] = wall - self.wall, cpu - self.cpu
        self.wall, self.cpu = wall, cpu


def run_narratrace(corpus: Path, engine: str, phases: dict[str, float]) -> list[dict[str, Any]]:
    """What ``narratrace reuse`` runs (``ReuseStage.run`` lean), step by step so each step is timed.

    Read + clean into a lean corpus on all cores, mask each outlet's repeated chrome, find pairs, infer
    directions, build the outlet network. Storing the articles in SQLite and writing the output files
    are left out: the MinHashLSH anchor does neither (see ``bench.reuse_scaling``).
    """
    from narratrace.provenance import infer_directions
    from narratrace.provenance.corpus import ReuseCorpus
    from narratrace.provenance.network import build_outlet_network
    from narratrace.reuse import find_reuse

    clock = _PhaseClock(phases)
    lean = ReuseCorpus.from_articles(_read_articles(corpus))
    clock.lap("read_clean")
    lean.mask_repeated_chrome()
    clock.lap("mask_chrome")
    result = find_reuse(lean.sources, engine=engine)
    clock.lap("find_reuse")
    directions = infer_directions(result.pairs, lean.facts)
    build_outlet_network(result.pairs, directions, lean.facts)
    clock.lap("infer_directions")
    out = []
    for pair in result.pairs:
        direction = directions.get((pair.a, pair.b))
        out.append(
            {
                "a": pair.a,
                "b": pair.b,
                "kind": pair.kind,
                "passages": [[p.a_start, p.a_end, p.b_start, p.b_end] for p in pair.passages],
                "source": direction.source if direction is not None else None,
            }
        )
    return out


def _shingles(text: str) -> list[bytes]:
    words = [w for w in _NON_ALPHA.split(text.lower()) if w]
    if len(words) < SHINGLE_WORDS:
        return [" ".join(words).encode()] if words else []
    return list({" ".join(words[i : i + SHINGLE_WORDS]).encode() for i in range(len(words) - SHINGLE_WORDS + 1)})


def run_datasketch(corpus: Path, threshold: float, phases: dict[str, float]) -> list[dict[str, Any]]:
    """Doc-level MinHashLSH as its documentation suggests: index every doc, query every doc.

    A candidate pair is kept when its MinHash-estimated Jaccard reaches the threshold too
    (LSH alone lets through pairs below it by design).
    """
    from datasketch import MinHash, MinHashLSH

    t = time.perf_counter()
    ids: list[str] = []
    hashes: list[MinHash] = []
    for record in _records(corpus):
        mh = MinHash(num_perm=NUM_PERM, seed=1)
        mh.update_batch(_shingles(record["text"]))
        ids.append(record["id"])
        hashes.append(mh)
    phases["minhash"] = time.perf_counter() - t
    t = time.perf_counter()
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    with lsh.insertion_session() as session:
        for key, mh in zip(ids, hashes, strict=True):
            session.insert(key, mh)
    index = {key: n for n, key in enumerate(ids)}
    pairs: set[tuple[str, str]] = set()
    for key, mh in zip(ids, hashes, strict=True):
        for other in lsh.query(mh):
            if other != key:
                a, b = sorted((key, other))
                if (a, b) not in pairs and hashes[index[a]].jaccard(hashes[index[b]]) >= threshold:
                    pairs.add((a, b))
    phases["lsh"] = time.perf_counter() - t
    return [{"a": a, "b": b, "kind": "doc", "passages": [], "source": None} for a, b in sorted(pairs)]


def run_textdedup(corpus: Path, threshold: float, work: Path, phases: dict[str, float]) -> list[dict[str, Any]]:
    """text-dedup's MinHash script (its CLI, as documented), clusters read from its debug dump."""
    import pickle

    out = work / "textdedup-out"
    cmd = [
        sys.executable,
        "-m",
        "text_dedup.minhash",
        "--path",
        "json",
        "--data_files",
        str(corpus),
        "--split",
        "train",
        "--column",
        "text",
        "--idx_column",
        "id",
        "--cache_dir",
        str(work / "hf-cache"),
        "--ngram",
        str(SHINGLE_WORDS),
        "--num_perm",
        str(NUM_PERM),
        "--threshold",
        str(threshold),
        "--hash_func",
        "xxh3",
        "--num_proc",
        "2",
        "--output",
        str(out),
        "--debug",
    ]
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=(work / "textdedup.log").open("w"))
    phases["textdedup"] = time.perf_counter() - t
    with (out / "uf.pkl").open("rb") as fh:
        uf = pickle.load(fh)
    clusters: dict[Any, list[str]] = {}
    for node in list(uf.parent):
        clusters.setdefault(uf.find(node), []).append(str(node))
    pairs = set()
    for members in clusters.values():
        members.sort()
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                pairs.add((a, b))
    return [{"a": a, "b": b, "kind": "doc", "passages": [], "source": None} for a, b in sorted(pairs)]


def _own_peak_rss_kb() -> int:
    """This process's RSS high-water mark since exec.

    Not ``ru_maxrss``: Linux carries the forking parent's RSS into a child's ``ru_maxrss``
    across exec, so every worker would report at least the orchestrator's size. Children
    (Spark's JVM, text-dedup's pool) are covered by the parent's sampling of the tree.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (worker pools are joined before a system returns)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("system", choices=["local", "spark", "datasketch", "textdedup"])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--profile", action="store_true", help="write a cProfile of the run to OUT/profile.txt")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    phases: dict[str, float] = {}
    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    # Imports are not the system's work: load them before the clock starts.
    if args.system in ("local", "spark"):
        # Direction inference imports scikit-learn on first use; datasketch's own imports are outside too.
        import sklearn.linear_model  # noqa: F401

        import narratrace.clean
        import narratrace.ingest
        import narratrace.provenance
        import narratrace.reuse  # noqa: F401
    elif args.system == "datasketch":
        import datasketch  # noqa: F401
    start, cpu_start = time.perf_counter(), _cpu_seconds()
    if args.system in ("local", "spark"):
        predictions = run_narratrace(args.corpus, args.system, phases)
    elif args.system == "datasketch":
        predictions = run_datasketch(args.corpus, args.threshold, phases)
    else:
        predictions = run_textdedup(args.corpus, args.threshold, args.out, phases)
    wall, cpu = time.perf_counter() - start, _cpu_seconds() - cpu_start
    if profiler is not None:
        import io
        import pstats

        profiler.disable()
        buffer = io.StringIO()
        pstats.Stats(profiler, stream=buffer).sort_stats("cumulative").print_stats(45)
        (args.out / "profile.txt").write_text(buffer.getvalue(), encoding="utf-8")
    with (args.out / "predictions.jsonl").open("w", encoding="utf-8") as fh:
        for p in predictions:
            fh.write(json.dumps(p) + "\n")
    own_rss_kb = _own_peak_rss_kb()
    run = {"system": args.system, "wall_s": wall, "cpu_s": cpu, "phases": phases, "own_peak_rss_mb": own_rss_kb / 1024}
    (args.out / "run.json").write_text(json.dumps(run), encoding="utf-8")


if __name__ == "__main__":
    main()
