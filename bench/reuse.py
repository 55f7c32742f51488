"""Text-reuse benchmark: narratrace (local and Spark engines) against doc-level MinHash baselines.

    python -m bench.reuse --sizes 1000,10000,100000 --engines local,spark,datasketch,textdedup

For every size N one corpus is generated (``bench.corpus_gen``, seed ``--seed``) and every
system runs on it in its own subprocess (``bench.reuse_systems``); the parent samples the
RSS of the subprocess's whole tree (Spark's JVM included) every 0.1 s. The baselines'
threshold is swept on N=1000 once and the best-F1 threshold used at every N. A system that
runs past ``--timeout`` seconds at some N is stopped and skipped at the larger sizes.
Results go to ``WORK/results.json`` and a Markdown table to ``WORK/results.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import psutil

from bench.corpus_gen import generate
from bench.docs_section import cpu_model
from bench.reuse_metrics import load_predictions, load_truth, score

REPO = Path(__file__).resolve().parents[1]
SWEEP = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
TEXTDEDUP_PYTHON = Path(os.environ.get("TEXTDEDUP_PYTHON", "/tmp/tdvenv/bin/python"))


def corpus_for(n_docs: int, seed: int, work: Path) -> Path:
    """The corpus folder for N docs, generated once and reused by later runs."""
    folder = work / f"corpus-{n_docs}-seed{seed}"
    if not (folder / "truth.json").exists():
        t = time.perf_counter()
        generate(n_docs, seed, folder)
        print(f"generated {folder} in {time.perf_counter() - t:.0f}s", flush=True)
    return folder


def _tree_rss(proc: psutil.Process) -> int:
    """Memory of the whole process tree: the sum of PSS (each shared page split among its sharers).

    Plain RSS would count every copy-on-write page of forked workers once per process.
    """
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        with contextlib.suppress(psutil.Error, AttributeError):
            info = p.memory_full_info()
            total += getattr(info, "pss", info.rss)
    return total


def run_system(
    system: str, corpus: Path, out: Path, timeout: float, threshold: float | None = None, profile: bool = False
) -> dict[str, Any]:
    """Run one system in a subprocess; its run.json plus the sampled peak tree RSS and status."""
    python = str(TEXTDEDUP_PYTHON) if system == "textdedup" else sys.executable
    cmd = [python, "-m", "bench.reuse_systems", system, str(corpus / "corpus.jsonl"), str(out)]
    if threshold is not None:
        cmd += ["--threshold", str(threshold)]
    if profile:
        cmd.append("--profile")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1", "PYTHONPATH": str(REPO)}
    out.mkdir(parents=True, exist_ok=True)
    for stale in ("predictions.jsonl", "run.json", "profile.txt"):  # a stopped run must leave nothing to compare
        (out / stale).unlink(missing_ok=True)
    log = (out / "stderr.log").open("w")
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    watched = psutil.Process(proc.pid)
    peak = 0
    status = "ok"
    while proc.poll() is None:
        with contextlib.suppress(psutil.Error):
            peak = max(peak, _tree_rss(watched))
        if time.perf_counter() - start > timeout:
            os.killpg(proc.pid, signal.SIGKILL)  # the group this call started, JVM included
            proc.wait()
            status = f"stopped after {timeout:.0f}s"
            break
        time.sleep(0.1)
    log.close()
    if status == "ok" and proc.returncode != 0:
        tail = (out / "stderr.log").read_text(errors="replace")[-600:]
        status = f"failed (exit {proc.returncode}): {tail.strip().splitlines()[-1] if tail.strip() else ''}"
    result: dict[str, Any] = {"system": system, "status": status, "threshold": threshold}
    if status == "ok":
        run = json.loads((out / "run.json").read_text())
        result.update(run)
        result["peak_rss_mb"] = max(peak / 2**20, run["own_peak_rss_mb"])
    return result


def sweep_threshold(system: str, corpus: Path, work: Path, timeout: float) -> tuple[float, list[dict[str, Any]]]:
    truth = load_truth(corpus / "truth.json")
    rows = []
    for t in SWEEP:
        out = work / f"sweep-{system}-{t}"
        res = run_system(system, corpus, out, timeout, threshold=t)
        if res["status"] != "ok":
            rows.append({"threshold": t, "status": res["status"]})
            continue
        s = score(truth, load_predictions(out / "predictions.jsonl"))
        rows.append({"threshold": t, "precision": s.precision, "recall": s.recall, "f1": s.f1})
        print(f"  {system} t={t}: P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f}", flush=True)
    best = max((r for r in rows if "f1" in r), key=lambda r: r["f1"])
    return float(best["threshold"]), rows


def machine() -> dict[str, str]:
    return {"nproc": str(os.cpu_count()), "cpu": cpu_model(), "python": platform.python_version()}


def _fmt(value: Any, spec: str) -> str:
    return "–" if value is None else format(value, spec)


def markdown(results: dict[str, Any]) -> str:
    """One table: a row per size and system."""
    lines = [
        "| N (true pairs) | system | wall s | × datasketch | peak MB: tree PSS (main RSS) | pair P (strict) | pair R "
        "| median boundary err (p90) | passages found | direction acc. |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size in results["sizes"]:
        n = f"{size['n_docs']:,} ({size['true_pairs']:,})"
        base = next((r for r in size["runs"] if r["system"] == "datasketch" and r["status"] == "ok"), None)
        for r in size["runs"]:
            name = r["system"] + (f" (t={r['threshold']})" if r.get("threshold") is not None else "")
            if r["status"] != "ok":
                lines.append(f"| {n} | {name} | {r['status']} | | | | | | | |")
                continue
            s = r["scores"]
            ratio = r["wall_s"] / base["wall_s"] if base else None
            err = s["boundary_error_median"]
            err_txt = "–" if err is None else f"{err:.0f} ({s['boundary_error_p90']:.0f})"
            lines.append(
                f"| {n} | {name} | {r['wall_s']:.1f} | {_fmt(ratio, '.2f')} | "
                f"{r['peak_rss_mb']:.0f} ({r['own_peak_rss_mb']:.0f}) | "
                f"{s['precision']:.4f} ({s['strict_precision']:.4f}) | {s['recall']:.4f} | {err_txt} | "
                f"{_fmt(s['passage_recall'], '.3f')} | "
                f"{_fmt(s['direction_accuracy'], '.3f')} |"
            )
    return "\n".join(lines) + "\n"


def engines_agree(work: Path, n: int) -> dict[str, Any] | None:
    """How far the Spark engine's output matches the local engine's on the same corpus."""
    local, spark = work / f"run-{n}-local" / "predictions.jsonl", work / f"run-{n}-spark" / "predictions.jsonl"
    if not (local.exists() and spark.exists()):
        return None
    a = {(p["a"], p["b"]): p for p in load_predictions(local)}
    b = {(p["a"], p["b"]): p for p in load_predictions(spark)}
    same = a.keys() & b.keys()
    return {
        "pairs_only_local": len(a.keys() - b.keys()),
        "pairs_only_spark": len(b.keys() - a.keys()),
        "pairs_both": len(same),
        "same_passages": sum(a[k]["passages"] == b[k]["passages"] for k in same),
        "same_source": sum(a[k]["source"] == b[k]["source"] for k in same),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--engines", default="local,spark,datasketch,textdedup")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work", type=Path, default=REPO / "bench" / "results" / "reuse")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per system per size")
    parser.add_argument("--threshold", type=float, default=None, help="skip the sweep; use this for baselines")
    parser.add_argument("--profile", action="store_true", help="cProfile the narratrace runs")
    parser.add_argument("--write-docs", action="store_true", help="rewrite the Text reuse section of docs")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    engines = [e.strip() for e in args.engines.split(",")]
    work: Path = args.work
    work.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "command": " ".join(["python -m bench.reuse", *sys.argv[1:]]),
        "seed": args.seed,
        "thresholds": {},
        "sweeps": {},
        "sizes": [],
    }
    for baseline in ("datasketch", "textdedup"):
        if baseline not in engines:
            continue
        if args.threshold is not None:
            results["thresholds"][baseline] = args.threshold
            continue
        print(f"sweeping {baseline} threshold on N=1000", flush=True)
        best, rows = sweep_threshold(baseline, corpus_for(1000, args.seed, work), work, args.timeout)
        results["thresholds"][baseline], results["sweeps"][baseline] = best, rows
    skipped: dict[str, str] = {}
    for n in sizes:
        corpus = corpus_for(n, args.seed, work)
        truth = load_truth(corpus / "truth.json")
        results["corpus_meta"] = {
            "n_real_originals": truth["meta"]["n_real_originals"],
            "natural_pairs": len(truth.get("natural_pairs", [])),
        }
        size: dict[str, Any] = {"n_docs": n, "true_pairs": len(truth["pairs"]), "runs": []}
        for system in engines:
            if system in skipped:
                size["runs"].append({"system": system, "status": skipped[system], "threshold": None})
                continue
            out = work / f"run-{n}-{system}"
            res = run_system(
                system,
                corpus,
                out,
                args.timeout,
                results["thresholds"].get(system),
                profile=args.profile and system in ("local", "spark"),
            )
            if res["status"] == "ok":
                res["scores"] = score(truth, load_predictions(out / "predictions.jsonl")).to_dict()
            else:
                skipped[system] = f"skipped: {res['status']} at N={n}"
            size["runs"].append(res)
            print(json.dumps({k: v for k, v in res.items() if k != "phases"}), flush=True)
        finished = {r["system"] for r in size["runs"] if r["status"] == "ok"}
        if {"local", "spark"} <= finished:
            size["engines_agree"] = engines_agree(work, n)
        results["sizes"].append(size)
        (work / "results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
        (work / "results.md").write_text(markdown(results), encoding="utf-8")
    print(markdown(results))
    if args.write_docs:
        from bench.reuse_docs import write_section

        write_section(results, work=work)


if __name__ == "__main__":
    main()
