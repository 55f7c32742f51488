"""Attribution extraction throughput: CPU seconds per 1,000 characters, before and after, in one run.

    NARRATRACE_SHARED=../shared nice python -m bench.attribution_speed [--articles 90] [--before DIR] [--no-f1]
        [--models default,accurate] [--paired 3]

Each code version runs in its own child process (``PYTHONPATH=DIR``; ``DIR`` is a plain export of an
earlier commit, e.g. ``git archive COMMIT narratrace | tar -x -C /tmp/before``; without ``--before`` only
this checkout is measured; ``--models`` measures this checkout's shipped models by name, each in a child of
its own; with ``--paired N``, two of them side by side, at the same time, N times, so that both see the same load
on a shared machine). Per version: CPU seconds (``resource.getrusage``, children included, model
loading excluded) of ``extract_attributions`` over the same real articles (a third each from PolNeAR,
AllSides and PTC), articles per CPU second, the projection for 10,000 articles of 4,000 characters on
two busy cores (CPU seconds / 2: two worker processes), peak memory, and overlap F1 per part on the PolNeAR
dev split (``evaluate_attribution`` without a cache, so the encoder and parser really run).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NARRATRACE_SHARED", REPO.parent / "shared"))
PARTS = ("Source", "Cue", "Content", "Attribution")


def corpus(limit: int) -> list[str]:
    """``limit`` real article texts: equal shares of PolNeAR, AllSides and PTC, in a fixed order."""
    share = max(1, limit // 3)
    polnear = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "data/attribution/text").glob("*.txt"))]
    ptc = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "data/ptc/articles").glob("*.txt"))]
    allsides = []
    with (SHARED / "data/stories/allsides.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            allsides.append(json.loads(line)["text"])
            if len(allsides) == share:
                break
    # Every 5th PolNeAR article: the outlets interleave alphabetically, so the sample spans all seven.
    return polnear[::5][:share] + allsides + ptc[:share]


def _cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure(limit: int, with_f1: bool, model: str | None = None) -> dict[str, Any]:
    """Run in the child: throughput of ``extract_attributions`` and dev F1 of whatever ``narratrace`` imports."""
    from narratrace.claims.attribution import evaluate_attribution, extract_attributions, load_attribution_model

    texts = corpus(limit)
    started = _cpu_seconds()
    load_attribution_model(model)
    extract_attributions(["The minister said on Monday that the talks had failed."], model)  # loads the encoder
    loading = _cpu_seconds() - started
    started = _cpu_seconds()
    found = extract_attributions(texts, model)
    cpu = _cpu_seconds() - started
    chars = sum(len(t) for t in texts)
    result: dict[str, Any] = {
        "articles": len(texts),
        "chars": chars,
        "attributions": sum(len(f) for f in found),
        "spans": [[[a.source and a.source.start, a.cue and a.cue.start, a.content.start] for a in f] for f in found],
        "load_cpu_s": round(loading, 1),
        "cpu_s": round(cpu, 2),
        "cpu_ms_per_1000_chars": round(1000 * cpu / (chars / 1000), 1),
        "articles_per_cpu_s": round(len(texts) / cpu, 2),
        "minutes_10k_articles_2_cores": round(1e4 * 4 * cpu / (chars / 1000) / 2 / 60, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    if with_f1:
        scores = evaluate_attribution(SHARED / "data" / "attribution", model)["scores"]["overlap"]
        result["overlap_f1"] = {part: round(scores[part]["f1"], 4) for part in PARTS}
    return result


def run_version(code_dir: Path, limit: int, with_f1: bool, model: str | None = None) -> dict[str, Any]:
    environment = dict(os.environ, PYTHONPATH=str(code_dir), NARRATRACE_SHARED=str(SHARED))
    command = [sys.executable, __file__, "--child", "--articles", str(limit)] + ([] if with_f1 else ["--no-f1"])
    command += ["--model", model] if model else []
    output = subprocess.run(command, env=environment, cwd=code_dir, capture_output=True, text=True, check=True)
    return dict(json.loads(output.stdout.strip().splitlines()[-1]))


def agreement(before: dict[str, Any], after: dict[str, Any]) -> float:
    """Share of attributions (source, cue and content starts) found identically by both versions."""
    same = total = 0
    for old, new in zip(before["spans"], after["spans"], strict=True):
        old_set, new_set = {tuple(a) for a in old}, {tuple(a) for a in new}
        same += len(old_set & new_set)
        total += max(len(old_set), len(new_set))
    return same / max(1, total)


def paired_runs(names: list[str], limit: int, repeats: int) -> list[dict[str, dict[str, Any]]]:
    """Two shipped models (names or folders) measured side by side, each in its own child, ``repeats`` times; the
    order they start in alternates."""
    from concurrent.futures import ThreadPoolExecutor

    if len(names) != 2:
        raise SystemExit(f"--paired compares two models, not {names}")
    runs = []
    for repeat in range(repeats):
        order = names if repeat % 2 == 0 else names[::-1]
        with ThreadPoolExecutor(2) as pool:
            futures = {name: pool.submit(run_version, REPO, limit, False, name) for name in order}
            runs.append({name: futures[name].result() for name in names})
        first, second = (runs[-1][name]["cpu_ms_per_1000_chars"] for name in names)
        print(f"run {repeat + 1}: {names[0]} {first}, {names[1]} {second} CPU ms / 1,000 chars", flush=True)
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=90)
    parser.add_argument("--before", type=Path, default=None, help="code folder of the version to compare with")
    parser.add_argument("--no-f1", action="store_true", help="skip the dev-split F1 (throughput only)")
    parser.add_argument("--models", default=None, help="shipped models to compare by name (default,accurate)")
    parser.add_argument("--paired", type=int, default=0, help="with two --models: N side-by-side runs")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--model", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.articles, not args.no_f1, args.model)))
        return
    if not (SHARED / "data" / "attribution").exists():
        raise SystemExit(f"shared data not found at {SHARED} (set NARRATRACE_SHARED)")
    if args.models and args.paired:
        names = args.models.split(",")
        runs = paired_runs(names, args.articles, args.paired)
        saving = [1 - run[names[1]]["cpu_ms_per_1000_chars"] / run[names[0]]["cpu_ms_per_1000_chars"] for run in runs]
        print(f"{names[1]} against {names[0]}: saving " + " / ".join(f"{100 * x:.1f}%" for x in saving))
        print(f"Attributions found identically by both (last run): {agreement(*(runs[-1][n] for n in names)):.3f}")
        return
    if args.models:
        results = {name: run_version(REPO, args.articles, not args.no_f1, name) for name in args.models.split(",")}
    else:
        versions = {"after": REPO} if args.before is None else {"before": args.before.resolve(), "after": REPO}
        results = {name: run_version(folder, args.articles, not args.no_f1) for name, folder in versions.items()}
    print("| version | CPU ms / 1,000 chars | articles / CPU s | 10k articles, 2 cores (min) | peak MB |", end="")
    print(" overlap F1 S / Cue / Content / Attr |" if not args.no_f1 else "")
    print("|---" * (6 if not args.no_f1 else 5) + "|")
    for name, r in results.items():
        row = f"| {name} | {r['cpu_ms_per_1000_chars']} | {r['articles_per_cpu_s']} | "
        row += f"{r['minutes_10k_articles_2_cores']} | {r['peak_rss_mb']} |"
        if "overlap_f1" in r:
            row += " " + " / ".join(f"{r['overlap_f1'][p]:.3f}" for p in PARTS) + " |"
        print(row)
    first = next(iter(results.values()))
    loading = ", ".join(f"{name}: {r['load_cpu_s']} CPU s" for name, r in results.items())
    print(f"\n{first['articles']} articles, {first['chars']} characters; model loading excluded ({loading}).")
    if "before" in results:
        print(f"Attributions found identically by both: {agreement(results['before'], results['after']):.3f}")
        print(f"Attributions: before {results['before']['attributions']}, after {results['after']['attributions']}")


if __name__ == "__main__":
    main()
