"""Technique tagging, local engine against Spark (local mode) on the same texts: wall time and agreement.

    nice python -m bench.techniques_spark [--model fast] [--copies 4] [--write-docs]

The texts are the held-back PTC articles repeated ``--copies`` times. Spark runs in ``local[*]`` on this
machine, so the figure is Spark's overhead and its use of the cores, not a cluster's speed-up; the
point of the engine is that the same code and results carry over to a cluster.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time

from bench.docs_section import run_line, write_section
from bench.techniques import PTC
from narratrace.techniques import detect_techniques, load_tagger
from narratrace.techniques.data import held_back_split, load_ptc

SECTION = "## Technique tagging on Spark"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="fast")
    parser.add_argument("--copies", type=int, default=4)
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    texts = [a.text for a in held_back_split(load_ptc(PTC))[1]] * args.copies
    load_tagger(args.model).predict(texts[:4])  # warm-up: model load is not tagging
    timings, results = {}, {}
    for engine in ("local", "spark", "spark"):  # Spark twice: the first run starts the session and workers
        started = time.perf_counter()
        results[engine] = detect_techniques(texts, model=args.model, engine=engine)
        timings[engine if engine not in timings else "spark (warm)"] = time.perf_counter() - started
    agree = results["spark"] == results["local"]
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        SECTION,
        "",
        run_line(
            f"nice python -m bench.techniques_spark --model {args.model} --copies {args.copies} --write-docs", now
        ),
        "",
        f"{len(texts)} texts (the held-back PTC articles x {args.copies}), model `{args.model}`, Spark in "
        "`local[*]` on the same machine: the figure is Spark's overhead and its use of the cores, not a cluster's "
        "speed-up.",
        "",
        "| engine | wall s | articles/s | ratio to local |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, seconds in timings.items():
        lines.append(f"| {name} | {seconds:.1f} | {len(texts) / seconds:.1f} | {seconds / timings['local']:.2f} |")
    lines += ["", f"Same fragments from both engines: {'yes' if agree else 'NO'}.", ""]
    section = "\n".join(lines)
    print(section)
    if args.write_docs:
        write_section(section, name="techniques-spark")


if __name__ == "__main__":
    main()
