"""Propaganda techniques: accuracy on the held-back 20% PTC split and throughput of the shipped taggers.

    nice python -m bench.techniques [--model NAME_OR_DIR ...] [--write-docs]

Accuracy: SI F1, TC micro-F1 (gold spans given), joint (FLC) F1 and per-technique TC F1 on the
held-back split (ids sorted, shuffled with random.Random(13), last 20%), which training never saw.
Speed: articles/s of ``TechniqueTagger.predict`` on those articles in batches, after one warm-up batch.
Both shipped models ("default": MPNet encoder; "fast": one MiniLM layer) run side by side in one process,
each in the encoder precision ``auto`` picks here and, where that is bfloat16, again in float32.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.docs_section import run_line, write_section
from narratrace.techniques import model_dir
from narratrace.techniques.data import held_back_split, load_ptc
from narratrace.techniques.encoder import resolve_precision
from narratrace.techniques.evaluation import EvaluationReport, evaluate_tagger
from narratrace.techniques.features import WORD_RE
from narratrace.techniques.tagger import TechniqueTagger

REPO = Path(__file__).resolve().parents[1]
SECTION = "## Propaganda techniques"
PTC = Path(os.environ.get("NARRATRACE_SHARED", REPO.parent / "shared")) / "data" / "ptc"
TARGETS = {"SI F1": 0.45, "TC micro-F1": 0.63, "joint F1": 0.25, "articles/s of 600 words": 20.0}


@dataclass(frozen=True)
class ModelRun:
    name: str
    folder: Path
    config: dict[str, object]
    precision: str
    report: EvaluationReport
    articles_per_s: float
    words_per_s: float
    fp32: tuple[EvaluationReport, float] | None  # report and words/s in float32, when ``precision`` is not


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


def _distilled(config: dict[str, object]) -> str:
    if not config.get("soft_texts"):
        return ""
    return f" and {config['soft_texts']} unlabelled news texts labelled by the `{config['teacher']}` model"


def _heads(config: dict[str, object]) -> str:
    epochs = config.get("best_epochs", [config.get("best_epoch")])
    assert isinstance(epochs, list)
    if len(epochs) == 1:
        return f"best epoch {epochs[0]}"
    return f"{len(epochs)} heads averaged, best epochs {', '.join(map(str, epochs))}"


def describe(run: ModelRun) -> str:
    params = run.config["params"]
    assert isinstance(params, dict)
    # The layers the tagger reads, as ``TechniqueTagger._prepare`` picks them.
    layers = sorted({n for n in params.get("extra_layers", ()) if n < params["n_layers"]} | {params["n_layers"]})
    size_mb = sum(p.stat().st_size for p in run.folder.iterdir() if p.is_file()) / 1e6
    where = run.folder.relative_to(REPO) if run.folder.is_relative_to(REPO) else run.folder
    return (
        f"- `{run.name}` (`{where}`, {size_mb:.1f} MB shipped): frozen `{params.get('encoder', 'minilm-l6')}` "
        f"layers {', '.join(map(str, layers))} + dilated-convolution token tagger + softmax span classifier"
        f"{_classifier_rows(params)}; "
        f"trained on the 80% split{_distilled(run.config)} in {run.config.get('training_seconds', float('nan')):.0f} s "
        "on this machine's CPU "
        f"({_heads(run.config)}, inner-validation SI F1 {run.config['validation_si_f1']:.3f}, "
        f"span threshold {run.config['threshold']}, extended down to "
        f"{run.config.get('low_threshold', run.config['threshold'])}, gaps of {run.config['max_gap']} tokens bridged)."
    )


def _classifier_rows(params: dict[str, Any]) -> str:
    if float(params.get("decoded_span_weight", 0.0)) > 0:
        return " (fitted on gold rows and on its own fragments in the training articles)"
    return ""


def _fp32_rows(runs: list[ModelRun], row: Any) -> list[str]:
    """The same measures with a float32 encoder, for the models that ran in bfloat16."""
    if not any(r.fp32 for r in runs):
        return []
    # A model that already ran in float32 shows its own figures.
    reports = [r.fp32[0] if r.fp32 else r.report for r in runs]
    return [
        row("SI F1, float32 encoder", [r.si.f1 for r in reports]),
        row("TC micro-F1, float32 encoder", [r.tc.micro_f1 for r in reports]),
        row("joint F1, float32 encoder", [r.joint.f1 for r in reports]),
        row(
            "articles/s of 600 words, float32 encoder",
            [(r.fp32[1] if r.fp32 else r.words_per_s) / 600 for r in runs],
            fmt="{:.1f}",
        ),
    ]


def render(runs: list[ModelRun], texts: list[str], command: str) -> str:
    mean_words = sum(len(WORD_RE.findall(t)) for t in texts) / len(texts)
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    first = runs[0].report
    names = " | ".join(f"`{r.name}`" for r in runs)
    rule = " | ".join("---:" for _ in runs)

    def row(label: str, values: list[float], target: float | None = None, fmt: str = "{:.3f}") -> str:
        cells = " | ".join(fmt.format(v) for v in values)
        return f"| {label} | {cells} | {'' if target is None else fmt.format(target)} |"

    per_second_600 = [r.words_per_s / 600 for r in runs]
    lines = [
        SECTION,
        "",
        run_line(command, now),
        "",
        *(describe(r) for r in runs),
        "",
        f"Held-back split: {first.n_articles} articles, {first.si.n_gold} merged gold SI spans, "
        f"{first.tc.n_gold} TC rows.",
        "",
        f"| measure | {names} | target |",
        f"| --- | {rule} | ---: |",
        row("SI precision", [r.report.si.precision for r in runs]),
        row("SI recall", [r.report.si.recall for r in runs]),
        row("SI F1 (span identification)", [r.report.si.f1 for r in runs], TARGETS["SI F1"]),
        row("TC micro-F1 (gold spans given)", [r.report.tc.micro_f1 for r in runs], TARGETS["TC micro-F1"]),
        row("joint (FLC) precision", [r.report.joint.precision for r in runs]),
        row("joint (FLC) recall", [r.report.joint.recall for r in runs]),
        row("joint (FLC) F1", [r.report.joint.f1 for r in runs], TARGETS["joint F1"]),
        row("articles/s (held-back articles)", [r.articles_per_s for r in runs], fmt="{:.1f}"),
        row("articles/s of 600 words", per_second_600, TARGETS["articles/s of 600 words"], fmt="{:.1f}"),
        *_fp32_rows(runs, row),
        "",
        f"| technique (TC F1) | {names} |",
        f"| --- | {rule} |",
        *(
            f"| {name} | " + " | ".join(f"{r.report.tc.per_technique_f1.get(name, 0.0):.3f}" for r in runs) + " |"
            for name in first.tc.per_technique_f1
        ),
        "",
        f"Encoder precision: {', '.join(f'`{r.name}` {r.precision}' for r in runs)} (`auto`: bfloat16 where the "
        "CPU runs it natively). "
        f"Speed: `predict` in batches of 32, best of the runs after a warm-up batch; held-back articles average "
        f"{mean_words:.0f} words; 1-minute load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores when the "
        "report was written.",
        "",
        "Retrain (fixed seeds, encoders frozen): `narratrace train techniques --data ../shared/data/ptc` (default) and "
        "`narratrace train techniques --data ../shared/data/ptc --encoder minilm-l6 --out fast --epochs 16 "
        "--teacher default --unlabelled ../shared/data/attribution/text "
        "--unlabelled ../shared/data/stories/allsides.jsonl` (fast: the default model labels 2,299 unlabelled news "
        "texts first, ~10 min here in bfloat16, ~17 in float32). Both shipped models were trained in float32: add "
        "`--precision fp32` to redo them so (for `default` that reproduces its five heads bit for bit, checked on "
        "2026-11-23); with `auto`, a CPU with native bfloat16 trains slightly different heads. Re-score: "
        "`narratrace evaluate techniques --data ../shared/data/ptc --split heldout [--model fast]`.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--model", action="append", help="shipped model name or folder (repeatable)")
    parser.add_argument("--data", type=Path, default=PTC)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    _, held = held_back_split(load_ptc(args.data))
    texts = [a.text for a in held]
    runs = []
    for name in args.model or ["default", "fast"]:
        folder = model_dir(name)
        tagger = TechniqueTagger.load(folder)
        precision = resolve_precision(tagger.precision, tagger.device)
        report = evaluate_tagger(tagger, held)
        articles_per_s, words_per_s = measure_speed(tagger, texts, batch_size=32, repeats=args.repeats)
        fp32 = None
        if precision != "fp32":
            tagger.precision = "fp32"
            fp32 = (evaluate_tagger(tagger, held), measure_speed(tagger, texts, 32, args.repeats)[1])
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        runs.append(ModelRun(name, folder, config, precision, report, articles_per_s, words_per_s, fp32))
        print(
            f"{name} ({precision}): SI {report.si.f1:.3f} TC {report.tc.micro_f1:.3f} joint {report.joint.f1:.3f} "
            f"{words_per_s / 600:.1f} articles/s of 600 words"
            + (f"; fp32: SI {fp32[0].si.f1:.3f} {fp32[1] / 600:.1f} articles/s of 600 words" if fp32 else ""),
            flush=True,
        )
    section = render(runs, texts, "nice python -m bench.techniques --write-docs")
    print(section)
    if args.write_docs:
        write_section(section, name="techniques")


if __name__ == "__main__":
    main()
