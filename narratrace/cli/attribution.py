"""``narratrace train attribution`` and ``narratrace evaluate attribution``: the claims stage's tagger."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from narratrace.console import console

DataOpt = Annotated[
    Path,
    typer.Option(
        "--data",
        metavar="DIR",
        exists=True,
        file_okay=False,
        help="PolNeAR folder (text/, attributions/; ../shared/data/attribution). 17% of it (seed 18) is the dev split, "
        "never trained on.",
    ),
]
CacheOpt = Annotated[
    Path | None,
    typer.Option(
        "--cache",
        metavar="DIR",
        file_okay=False,
        help="Keep each article's encoder and parser features here: a second run skips most of the work.",
    ),
]


def _print_scores(metrics: dict[str, Any]) -> None:
    """Per part, precision / recall / F1 under exact offsets and under overlap (word Jaccard >= 0.5)."""
    scores = metrics["scores"]
    console.print(f"dev split: {metrics['dev_articles']} articles")
    console.print("part         exact P / R / F1        overlap P / R / F1")
    for part in ("Source", "Cue", "Content", "Attribution"):
        cells = []
        for mode in ("exact", "overlap"):
            s = scores[mode][part]
            cells.append(f"{s['precision']:.3f} / {s['recall']:.3f} / {s['f1']:.3f}")
        console.print(f"{part:<12} {cells[0]:<23} {cells[1]}")


def train_command(
    data: DataOpt,
    out: Annotated[Path, typer.Option("--out", "-o", metavar="DIR", file_okay=False, help="Where to save the model.")],
    epochs: Annotated[int, typer.Option(min=1, max=100, help="Passes over the training part.")] = 8,
    seed: Annotated[int, typer.Option(help="Seed of the head's initialisation and batch order.")] = 18,
    cache: CacheOpt = None,
    encoder: Annotated[
        str,
        typer.Option(
            help="Frozen encoder whose states the head reads: minilm-l6 (the default model), mpnet-base (the "
            "accurate one: --layers 6,8 --heads '6;6,8' --syntax full --head-precision fp32; ~3x the "
            "tagging time), spacy-tok2vec (no transformer: the parse's own tok2vec rows; --layers unused) or "
            "minilm-l6+spacy-tok2vec (MiniLM's states with those rows beside them; measured, not shipped).",
        ),
    ] = "minilm-l6",
    layers: Annotated[
        str,
        typer.Option(
            metavar="N[,N…]", help="Encoder layers read, states concatenated (default model: 3; accurate model: 6,8)."
        ),
    ] = "3",
    syntax: Annotated[
        str,
        typer.Option(
            help="Parse the syntax features come from: no_ner (tagger and parser only, the default model's; a third "
            "of the parse time) or full (spaCy whole, with entity columns: the accurate model's).",
        ),
    ] = "no_ner",
    heads: Annotated[
        str | None,
        typer.Option(
            metavar="N[,N…][;N[,N…]…]",
            help="Train an ensemble: one head per group of --layers, probabilities averaged (accurate model: '6;6,8').",
        ),
    ] = None,
    head_seeds: Annotated[
        str | None,
        typer.Option(
            metavar="N[,N…]",
            help="One seed per head of an ensemble (two heads may read the same layers: --heads '2;2' --head-seeds "
            "18,19); default: --seed for every head.",
        ),
    ] = None,
    hidden: Annotated[int, typer.Option(min=8, max=1024, help="Width of the head (both shipped models: 96).")] = 96,
    head_precision: Annotated[
        str,
        typer.Option(
            help="The head at inference: auto (bfloat16 where the CPU runs it natively: the default model's), fp32 "
            "or bf16. Training is float32 whatever this says.",
        ),
    ] = "auto",
    content_gap_chars: Annotated[
        int,
        typer.Option(
            min=0,
            help="Join content pieces this few characters apart in a paragraph (both shipped models: 0, no joining).",
        ),
    ] = 0,
    content_lines: Annotated[
        bool,
        typer.Option(
            help="Cut contents at line breaks, as sources and cues are (default model: on; accurate model: off).",
        ),
    ] = True,
    extra_gold: Annotated[
        list[Path] | None,
        typer.Option(
            "--extra-gold",
            metavar="DIR",
            exists=True,
            file_okay=False,
            help="A PolNeAR-shaped folder (text/, attributions/) whose every article is trained on too, e.g. a "
            "teacher's pseudo-labels from bench.attribution_pseudo; repeatable. None may hold a dev article.",
        ),
    ] = None,
    soft_teacher: Annotated[
        str | None,
        typer.Option(
            metavar="MODEL",
            help="Also learn this model's probabilities on every training text (a shipped model's name or a folder; "
            "the default model: accurate). Its outputs are kept in --cache.",
        ),
    ] = None,
    soft_weight: Annotated[
        float, typer.Option(min=0.0, help="Weight of the teacher's probabilities against the gold tags' loss.")
    ] = 1.0,
) -> None:
    """Train the attribution tagger (source / cue / content spans) on PolNeAR's training part, then score it.

    The shipped model (narratrace/claims/model) was trained with these defaults; on 2 busy cores one run takes
    about half an hour, mostly computing the encoder features (keep them with --cache). Set OMP_NUM_THREADS=1
    on a shared machine: torch's second thread mostly waits there.

    \b
    Example:
      narratrace train attribution --data ../shared/data/attribution --out my-model --cache /tmp/attr-cache
    """
    from narratrace.claims.attribution import layer_groups, train_attribution

    try:
        (encoder_layers,) = layer_groups(layers)
        head_layers = layer_groups(heads) if heads else None
        seeds = [int(number) for number in head_seeds.split(",")] if head_seeds else None
    except ValueError:
        raise typer.BadParameter(
            f"--layers, --heads and --head-seeds take comma-separated numbers, not {layers!r} {heads!r} {head_seeds!r}"
        ) from None
    if encoder == "spacy-tok2vec":
        encoder_layers = [1]  # tok2vec has one output; a fixed value keeps its input cache's file name stable
    if seeds and len(seeds) != len(head_layers or [()]):
        raise typer.BadParameter(f"--head-seeds gives {len(seeds)} seeds for {len(head_layers or [()])} heads")
    if head_precision not in ("auto", "fp32", "bf16"):
        raise typer.BadParameter(f"--head-precision is auto, fp32 or bf16, not {head_precision!r}")
    metrics = train_attribution(
        data,
        out,
        log=console.print,
        cache_dir=cache,
        extra_gold=extra_gold or [],
        soft_teacher=soft_teacher,
        soft_weight=soft_weight,
        epochs=epochs,
        seed=seed,
        encoder=encoder,
        encoder_layers=encoder_layers,
        syntax=syntax,
        head_layers=head_layers,
        head_seeds=seeds,
        hidden=hidden,
        head_precision=head_precision,
        content_gap_chars=content_gap_chars,
        content_lines=content_lines,
    )
    console.print(f"trained on {metrics['train_articles']} articles in {metrics['train_seconds']:.0f}s -> {out}")
    _print_scores(metrics)


def evaluate_command(
    data: DataOpt,
    model: Annotated[
        Path | None,
        typer.Option(
            "--model",
            metavar="DIR",
            exists=True,
            file_okay=False,
            help="A model folder from `train attribution` (default: the shipped one).",
        ),
    ] = None,
    cache: CacheOpt = None,
    name: Annotated[
        str,
        typer.Option(
            "--name",
            help="A shipped model by name when no --model is given: default (MiniLM), accurate (frozen MPNet) or fast "
            "(spaCy's tok2vec, no transformer).",
        ),
    ] = "default",
) -> None:
    """Score an attribution model on the dev split: span P / R / F1 per part, exact and overlapping."""
    from narratrace.claims.attribution import evaluate_attribution

    _print_scores(evaluate_attribution(data, model or name, cache))


def register(train_app: typer.Typer, evaluate_app: typer.Typer) -> None:
    train_app.command("attribution")(train_command)
    evaluate_app.command("attribution")(evaluate_command)
