"""Scaling of ``narratrace.reuse.find_reuse`` alone (no ingest, no cleaning) on generated corpora.

    nice python -m bench.reuse_scaling --sizes 1000,10000,100000 --write-docs

Each size runs in its own subprocess: random-word articles (6 paragraphs, ~250 words), 20% of
them edited copies of another (new intro sentence, first paragraph dropped, 3% word
substitutions). Reports wall time per phase, pairs found, the share of planted copies found, and
the peak RSS of the process tree (ru_maxrss of the process and of its worker children; the
corpus itself is in memory too). End-to-end quality against exact ground truth is in the
"Text reuse" section (``bench/reuse.py``).

    nice python -m bench.reuse_scaling --generator --stock-phrases 4000 --sizes 10000,50000 --work DIR

``--generator`` runs on ``bench.corpus_gen`` corpora instead (real PTC articles plus filler that,
with ``--stock-phrases``, shares stock phrasing as news does), with datasketch's doc-level
MinHashLSH run on the same corpus in the same run as the anchor: each system in its own
subprocess (``bench.reuse.run_system``), pair precision/recall scored against the truth, and
narratrace's time as a multiple of MinHashLSH's.

What is compared, so that both sides do the same kind of work: each system starts from the same
``corpus.jsonl`` on disk and its clock runs from opening the file to its last result; imports and
interpreter start-up are outside the clock for both. Reading is inside for both: MinHashLSH parses
the JSON lines and shingles the raw text; narratrace reads them with its ingest reader and cleans
them, which is part of what it must do to report offsets into the original text. For narratrace the
steps are those of ``ReuseStage.run`` in a lean run (``narratrace reuse``): read + clean on all
cores, mask repeated chrome, ``find_reuse``, directions, outlet network. Storing the articles in
SQLite and writing output files are outside the clock (MinHashLSH does neither). MinHashLSH runs in
one process, narratrace on every core: ``wall_s`` is what a user waits for, ``cpu_s`` (CPU seconds of
the process and its workers) is the work done, and on a machine shared with other jobs the ratio of
CPU seconds is the steadier of the two. Both ratios are reported (``ratio`` wall, ``cpu_ratio``).
``--systems local`` alone skips the anchor (for sizes where MinHashLSH would take hours).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

from bench.docs_section import run_line, write_section

REPO = Path(__file__).resolve().parents[1]
SECTION = "## Reuse engine scaling"


def _run_one(size: int, seed: int) -> dict[str, object]:
    sys.path.insert(0, str(REPO))
    from narratrace.reuse import find_reuse
    from tests.reuse.synthetic import clean, paragraphs, sentence, substitute, vocabulary

    rng = random.Random(seed)
    vocab = vocabulary(rng, 20000)
    originals = int(size * 0.8)
    articles = [clean(f"d{k:07d}", "\n\n".join(paragraphs(rng, vocab, 6))) for k in range(originals)]
    planted = set()
    for k in range(size - originals):
        source = rng.randrange(originals)
        body = articles[source].text.split("\n\n")[1:]
        text = "\n\n".join([sentence(rng, vocab), *(substitute(rng, vocab, p, 0.03) for p in body)])
        articles.append(clean(f"c{k:07d}", text))
        planted.add(tuple(sorted((articles[source].id, f"c{k:07d}"))))
    marks: dict[str, float] = {}
    start = time.perf_counter()

    def progress(stage: str, done: int, total: int) -> None:
        if done >= total:
            marks[stage] = time.perf_counter() - start

    result = find_reuse(articles, progress=progress)
    wall = time.perf_counter() - start
    found = {(p.a, p.b) for p in result.pairs}
    self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "size": size,
        "wall_s": round(wall, 2),
        "shingle_s": round(marks.get("shingle", 0.0), 2),
        "candidates_s": round(marks.get("candidates", 0.0) - marks.get("shingle", 0.0), 2),
        "align_s": round(wall - marks.get("candidates", 0.0), 2),
        "pairs": len(result.pairs),
        "planted_found": round(len(planted & found) / max(1, len(planted)), 4),
        "peak_rss_mb": round(self_rss + child_rss, 1),
    }


def _write_docs(rows: list[dict[str, object]], command: str) -> None:
    lines = [
        SECTION,
        "",
        run_line(command, dt.date.today().isoformat()),
        "",
        "`find_reuse` alone (no ingest, no cleaning) on random-word articles (6 paragraphs, ~250 words), 20% of "
        "them edited copies of another; peak RSS of the process tree, corpus included. 1-minute load average "
        f"{os.getloadavg()[0]:.1f} when the table was written.",
        "",
        "| N docs | wall s | shingle s | candidates s | align s | pairs | planted copies found | peak RSS MB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['size']:,} | {r['wall_s']} | {r['shingle_s']} | {r['candidates_s']} | {r['align_s']} "
            f"| {r['pairs']:,} | {r['planted_found']} | {r['peak_rss_mb']} |"
        )
    write_section("\n".join(lines) + "\n", name="reuse-scaling")


def _run_generator(sizes: list[int], seed: int, stock_phrases: int, work: Path, systems: list[str]) -> None:
    """narratrace and MinHashLSH side by side on generated corpora with shared phrasing."""
    from bench.corpus_gen import generate
    from bench.reuse import run_system
    from bench.reuse_metrics import load_predictions, load_truth, score

    rows = []
    for size in sizes:
        corpus = work / f"corpus-{size}-seed{seed}-stock{stock_phrases}"
        if not (corpus / "truth.json").exists():
            generate(size, seed, corpus, stock_phrases=stock_phrases, workers=os.cpu_count() or 1)
        truth = load_truth(corpus / "truth.json")
        row: dict[str, object] = {"size": size, "true_pairs": len(truth["pairs"])}
        for system in systems:
            out = work / f"run-{size}-{system}-stock{stock_phrases}"
            res = run_system(system, corpus, out, 3600.0, threshold=0.5 if system == "datasketch" else None)
            if res["status"] != "ok":
                row[system] = res["status"]
                continue
            predictions = load_predictions(out / "predictions.jsonl")
            scores = score(truth, predictions)
            kinds: dict[str, int] = {}
            for prediction in predictions:
                kinds[prediction["kind"]] = kinds.get(prediction["kind"], 0) + 1
            row[system] = {
                "wall_s": round(res["wall_s"], 1),
                "cpu_s": round(res.get("cpu_s", 0.0), 1),
                "phases": {k: round(v, 1) for k, v in res["phases"].items()},
                "peak_mb": round(res["peak_rss_mb"]),
                "precision": round(scores.precision, 4),
                "recall": round(scores.recall, 4),
                "pairs": len(predictions),
                "kinds": kinds,
            }
        if isinstance(row.get("local"), dict) and isinstance(row.get("datasketch"), dict):
            local, anchor = row["local"], row["datasketch"]
            row["ratio"] = round(local["wall_s"] / anchor["wall_s"], 2)  # type: ignore[index]
            row["cpu_ratio"] = round(local["cpu_s"] / max(anchor["cpu_s"], 1e-9), 2)  # type: ignore[index]
        row["load_avg_1min"] = round(os.getloadavg()[0], 1)
        print(json.dumps(row), flush=True)
        rows.append(row)
        (work / f"scaling-stock{stock_phrases}.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")
        (work / f"scaling-stock{stock_phrases}.md").write_text(_generator_table(rows), encoding="utf-8")


def _generator_table(rows: list[dict[str, object]]) -> str:
    """One line per size and system: wall and CPU seconds, the ratios to MinHashLSH, peak memory, P/R."""
    lines = [
        "| N docs | system | wall s | CPU s | × MinHashLSH wall (CPU) | peak tree MB | pair P | pair R | load |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        for system in ("local", "spark", "datasketch"):
            run = row.get(system)
            if run is None:
                continue
            if not isinstance(run, dict):
                lines.append(f"| {row['size']:,} | {system} | {run} | | | | | | |")
                continue
            ratio = f"{row['ratio']} ({row['cpu_ratio']})" if system != "datasketch" and "ratio" in row else ""
            lines.append(
                f"| {row['size']:,} | {system} | {run['wall_s']} | {run['cpu_s']} | {ratio} | {run['peak_mb']:,} "
                f"| {run['precision']} | {run['recall']} | {row.get('load_avg_1min', '')} |"
            )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--generator", action="store_true", help="bench.corpus_gen corpora, MinHashLSH alongside")
    parser.add_argument("--stock-phrases", type=int, default=0)
    parser.add_argument("--systems", default="local,datasketch")
    parser.add_argument("--work", type=Path, default=REPO / "bench" / "results" / "reuse-scaling")
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--write-docs", action="store_true")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generator:
        args.work.mkdir(parents=True, exist_ok=True)
        sizes = [int(s) for s in args.sizes.split(",")]
        _run_generator(sizes, args.seed, args.stock_phrases, args.work, args.systems.split(","))
        return
    if args.one:
        print(json.dumps(_run_one(args.one, args.seed)))
        return
    rows = []
    for size in [int(s) for s in args.sizes.split(",")]:
        out = subprocess.run(
            [sys.executable, "-m", "bench.reuse_scaling", "--one", str(size), "--seed", str(args.seed)],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        )
        row = json.loads(out.stdout.strip().splitlines()[-1])
        print(row, flush=True)
        rows.append(row)
    if args.write_docs:
        _write_docs(rows, "nice python -m bench.reuse_scaling --sizes " + args.sizes + " --write-docs")


if __name__ == "__main__":
    main()
