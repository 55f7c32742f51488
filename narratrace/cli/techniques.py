"""``narratrace techniques``, ``narratrace train techniques`` and ``narratrace evaluate techniques``."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.progress import TaskID

from narratrace.cli.options import Engine, EngineOpt
from narratrace.console import checked_option, console, progress_bar

T = TypeVar("T")


class OutputFormat(StrEnum):
    semeval = "semeval"
    jsonl = "jsonl"


class Precision(StrEnum):
    auto = "auto"
    fp32 = "fp32"
    bf16 = "bf16"


class Split(StrEnum):
    heldout = "heldout"
    all = "all"


class Device(StrEnum):
    cpu = "cpu"
    cuda = "cuda"


class Encoder(StrEnum):
    mpnet_base = "mpnet-base"
    minilm_l6 = "minilm-l6"


ModelOpt = Annotated[
    str,
    typer.Option(
        "--model",
        metavar="NAME|DIR",
        help="Shipped model (default: accurate, MPNet; fast: one MiniLM layer, ~20x quicker) or a model folder.",
    ),
]
PrecisionOpt = Annotated[
    Precision,
    typer.Option(
        "--precision",
        help="Encoder arithmetic: auto (bfloat16 where the CPU or GPU runs it natively: ~2x faster, held-back "
        "scores within 0.001), fp32 or bf16.",
    ),
]
PtcOpt = Annotated[
    Path,
    typer.Option("--data", metavar="DIR", exists=True, file_okay=False, help="PTC folder (articles/, labels-tc.tsv)."),
]


def _checked_model(model: str) -> str:
    from narratrace.techniques import model_dir

    return checked_option(model_dir, model, "--model", (FileNotFoundError,))


def techniques_command(
    articles: Annotated[
        list[Path],
        typer.Argument(
            help="Article files (raw UTF-8 text, PTC style: the id is the file name's digits) or folders of "
            ".txt files. To tag articles in other formats, use `narratrace analyze`.",
            exists=True,
            metavar="ARTICLE...",
        ),
    ],
    out: Annotated[Path, typer.Option("--out", metavar="FILE", dir_okay=False, help="Output file.")],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="semeval (SemEval-2020 Task 11 lines) or jsonl.")
    ] = OutputFormat.semeval,
    spans: Annotated[
        Path | None,
        typer.Option(
            "--spans",
            metavar="TSV",
            exists=True,
            dir_okay=False,
            help="Rows article_id<TAB>start<TAB>end: label these.",
        ),
    ] = None,
    threshold: Annotated[
        float | None, typer.Option("--threshold", min=0.0, max=1.0, help="Token threshold (default: tuned).")
    ] = None,
    model: ModelOpt = "default",
    engine: EngineOpt = Engine.local,
    precision: PrecisionOpt = Precision.auto,
) -> None:
    """Find propaganda fragments and their techniques (or label given fragments with --spans)."""
    from narratrace.techniques.files import (
        check_spans_fit,
        read_article_files,
        read_span_rows,
        tag_articles,
        write_technique_file,
    )

    found = _usage(lambda: read_article_files(articles), "ARTICLE...")
    wanted = _usage(lambda: read_span_rows(spans), "--spans") if spans is not None else None
    if wanted is not None:
        _usage(lambda: check_spans_fit(wanted, found), "--spans")
    _checked_model(model)
    results = tag_articles(found, model, engine.value, precision.value, threshold, wanted)
    write_technique_file(out, found, results, output_format.value)
    console.print(f"{sum(len(r) for r in results)} spans in {len(found)} articles -> {out}")


def _usage(work: Callable[[], T], option: str) -> T:
    """``work()``, with a ValueError turned into a usage error naming ``option``."""
    try:
        return work()
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint=option) from None


def train_command(
    data: PtcOpt,
    out: Annotated[
        str,
        typer.Option("--out", metavar="NAME|DIR", help="Model folder, or a shipped model's name to replace it."),
    ] = "default",
    epochs: Annotated[int, typer.Option("--epochs", min=1)] = 12,
    heads: Annotated[
        int | None,
        typer.Option(
            "--heads",
            min=1,
            help="Token taggers trained with different seeds on the same encoder states, averaged when predicting: "
            "steadier than one seed (default: 5 for mpnet-base, where the encoder dominates the time).",
        ),
    ] = None,
    device: Annotated[Device, typer.Option("--device")] = Device.cpu,
    precision: PrecisionOpt = Precision.auto,
    encoder: Annotated[
        Encoder, typer.Option("--encoder", help="Frozen encoder: mpnet-base (the default model) or minilm-l6 (fast).")
    ] = Encoder.mpnet_base,
    layers: Annotated[
        str | None,
        typer.Option(
            "--layers",
            metavar="N[,N...]",
            help="Encoder layers whose states feed the tagger, e.g. 2 (layers 1 and 2) or 4,8 (default: 2,4,6 for "
            "mpnet-base, 1 for minilm-l6). Only layers up to the highest run: higher is slower.",
        ),
    ] = None,
    use_all: Annotated[bool, typer.Option("--all", help="Train on every article, held-back split included.")] = False,
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, help="Use only the first N training articles (smoke tests).")
    ] = None,
    teacher: Annotated[
        str | None,
        typer.Option(
            "--teacher",
            metavar="NAME|DIR",
            help="Distil: this model labels the --unlabelled texts, and the new model learns from its labels as "
            "well as from PTC. The shipped fast model is MiniLM taught by default.",
        ),
    ] = None,
    unlabelled: Annotated[
        list[Path] | None,
        typer.Option(
            "--unlabelled",
            metavar="DIR|JSONL",
            exists=True,
            help="Unlabelled news for --teacher: a folder of .txt files or a JSONL file with a text field "
            "(repeatable). Never pass PTC's held-back articles or texts you will evaluate on.",
        ),
    ] = None,
) -> None:
    """Train the technique tagger from scratch (fixed seeds) on PTC's 80% split (or --all).

    With --teacher and --unlabelled it is distilled, as the shipped fast model was:

    \b
      narratrace train techniques --data ../shared/data/ptc --encoder minilm-l6 --out fast \\
        --teacher default --unlabelled ../shared/data/attribution/text \\
        --unlabelled ../shared/data/stories/allsides.jsonl
    """
    import logging

    from narratrace.techniques.training import train_techniques

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    if bool(teacher) != bool(unlabelled):
        raise typer.BadParameter("--teacher and --unlabelled go together", param_hint="--teacher")
    if teacher:
        _checked_model(teacher)
    tasks: dict[str, TaskID] = {}
    with progress_bar() as bar:

        def progress(done: int, total: int) -> None:
            tasks.setdefault("label", bar.add_task("teacher labels", total=total))
            bar.update(tasks["label"], completed=done)

        run = _usage(
            lambda: train_techniques(
                data,
                out,
                encoder=encoder.value,
                epochs=epochs,
                heads=heads,
                layers=layers,
                device=device.value,
                precision=precision.value,
                use_all=use_all,
                limit=limit,
                teacher=teacher,
                unlabelled=unlabelled or (),
                progress=progress,
            ),
            "--layers/--teacher",
        )
    console.print(
        f"trained on {run.articles} articles in {run.seconds:.0f}s (best epochs "
        f"{', '.join(map(str, run.best_epochs))}, inner-validation SI F1 {run.validation_si_f1:.3f}) -> {run.saved_to}"
    )


def evaluate_command(
    data: PtcOpt,
    split: Annotated[Split, typer.Option("--split", help="heldout (the 20% never trained on) or all.")] = Split.heldout,
    model: ModelOpt = "default",
    precision: PrecisionOpt = Precision.auto,
) -> None:
    """Score a technique model: SI F1, TC micro-F1 (gold spans given), joint F1, per-technique F1."""
    from narratrace.techniques.training import evaluate_techniques

    _checked_model(model)
    typer.echo(evaluate_techniques(data, split.value, model, precision.value))


def register(app: typer.Typer, train_app: typer.Typer, evaluate_app: typer.Typer) -> None:
    app.command("techniques")(techniques_command)
    train_app.command("techniques")(train_command)
    evaluate_app.command("techniques")(evaluate_command)
