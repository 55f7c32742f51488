"""``narratrace techniques``, ``narratrace train techniques`` and ``narratrace evaluate techniques``."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from narratrace.console import checked_option
from narratrace.techniques.data import article_id_from_path, read_article_text
from narratrace.techniques.span import TechniqueSpan

if TYPE_CHECKING:
    from narratrace.techniques.distil import SoftLabels
    from narratrace.techniques.tagger import TechniqueTagger


def _article_paths(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.glob("*.txt") if p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            raise typer.BadParameter(f"{path} does not exist")
    if not files:
        raise typer.BadParameter("no article files found")
    return files


def _read(path: Path) -> str:
    try:
        return read_article_text(path)
    except UnicodeDecodeError as exc:
        raise typer.BadParameter(f"{path} is not UTF-8 text ({exc.reason} at byte {exc.start})") from exc


def _read_span_rows(path: Path) -> dict[str, list[tuple[int, int]]]:
    try:  # utf-8-sig: a spreadsheet's BOM must not become part of the first article id
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise typer.BadParameter(f"cannot read {path}: {exc}", param_hint="--spans") from None
    rows: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        fields = line.split("\t")
        try:
            article_id, start, end = fields[0], int(fields[-2]), int(fields[-1])
        except (IndexError, ValueError) as exc:
            raise typer.BadParameter(f"{path}:{number}: expected article_id<TAB>start<TAB>end") from exc
        if not 0 <= start < end:
            raise typer.BadParameter(f"{path}:{number}: span {start}-{end} is empty or negative", param_hint="--spans")
        rows[article_id].append((start, end))
    return rows


def _check_spans_fit(wanted: dict[str, list[tuple[int, int]]], ids: list[str], texts: list[str]) -> None:
    """Every --spans row names a given article and lies inside its text (checked before the model loads)."""
    missing = set(wanted) - set(ids)
    if missing:
        raise typer.BadParameter(f"--spans names articles not given: {sorted(missing)[:5]}")
    for article_id, text in zip(ids, texts, strict=True):
        outside = [(start, end) for start, end in wanted.get(article_id, []) if end > len(text)]
        if outside:
            raise typer.BadParameter(
                f"--spans: article {article_id} has {len(text)} characters; span {outside[0]} ends past it"
            )


MODEL_HELP = "Shipped model (default: accurate, MPNet; fast: one MiniLM layer, ~20x quicker) or a model folder."


PRECISION_HELP = (
    "Encoder arithmetic: auto (bfloat16 where the CPU or GPU runs it natively: ~2x faster, held-back scores "
    "within 0.001), fp32 or bf16."
)


def _check_precision(precision: str) -> str:
    from narratrace.techniques.encoder import resolve_precision

    return checked_option(resolve_precision, precision, "--precision")


def _load(model: str, precision: str = "auto") -> TechniqueTagger:
    from narratrace.techniques import load_tagger

    try:
        return load_tagger(model, _check_precision(precision))
    except FileNotFoundError as exc:
        raise typer.BadParameter(str(exc), param_hint="--model") from exc


def techniques_command(
    articles: Annotated[list[Path], typer.Argument(help="Article .txt files or folders of them (raw UTF-8).")],
    out: Annotated[Path, typer.Option("--out", help="Output file.")],
    output_format: Annotated[str, typer.Option("--format", help="semeval | jsonl")] = "semeval",
    spans: Annotated[
        Path | None, typer.Option("--spans", help="TSV article_id<TAB>start<TAB>end: label these.")
    ] = None,
    threshold: Annotated[float | None, typer.Option("--threshold", help="Token threshold (default: tuned).")] = None,
    model: Annotated[str, typer.Option("--model", help=MODEL_HELP)] = "default",
    engine: Annotated[
        str, typer.Option("--engine", help="local (this process) or spark (batches tagged by Spark tasks).")
    ] = "local",
    precision: Annotated[str, typer.Option("--precision", help=PRECISION_HELP)] = "auto",
) -> None:
    """Find propaganda fragments and their techniques (or label given fragments with --spans)."""
    from narratrace.techniques import ENGINES, technique_profile

    if output_format not in ("semeval", "jsonl"):
        raise typer.BadParameter("--format must be semeval or jsonl")
    if engine not in ENGINES:
        raise typer.BadParameter(f"--engine must be one of {', '.join(ENGINES)}")
    if out.is_dir():
        raise typer.BadParameter(f"{out} is a folder; give a file name", param_hint="--out")
    files = _article_paths(articles)
    ids = [article_id_from_path(p) for p in files]
    texts = [_read(p) for p in files]
    wanted = _read_span_rows(spans) if spans is not None else {}
    _check_spans_fit(wanted, ids, texts)
    tagger = _load(model, precision)
    if spans is not None:
        results = [tagger.classify(text, wanted.get(i, [])) for i, text in zip(ids, texts, strict=True)]
    elif engine == "spark":
        from narratrace.techniques.spark_engine import detect_techniques_spark

        results = detect_techniques_spark(texts, model, threshold=threshold, precision=precision)
    else:
        results = tagger.predict(texts, threshold=threshold)
    with open(out, "w", encoding="utf-8") as handle:
        for article_id, path, text, found in zip(ids, files, texts, results, strict=True):
            if output_format == "semeval":
                for span in found:
                    handle.write(f"{article_id}\t{span.technique}\t{span.start}\t{span.end}\n")
            else:
                record = {
                    "article_id": article_id,
                    "path": str(path),
                    "spans": [_span_record(text, s) for s in found],
                    "profile_per_1000_words": technique_profile(text, found),
                }
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    typer.echo(f"{sum(len(r) for r in results)} spans in {len(files)} articles -> {out}")


def _span_record(text: str, span: TechniqueSpan) -> dict[str, object]:
    return span.to_record() | {"text": text[span.start : span.end]}


def train_command(
    data: Annotated[Path, typer.Option("--data", help="PTC folder (articles/, labels-tc.tsv).")],
    out: Annotated[
        str, typer.Option("--out", help="Model folder, or a shipped model's name (default, fast) to replace it.")
    ] = "default",
    epochs: Annotated[int, typer.Option("--epochs")] = 12,
    heads: Annotated[
        int | None,
        typer.Option(
            "--heads",
            min=1,
            help="Token taggers trained with different seeds on the same encoder states, averaged when predicting: "
            "steadier than one seed (default: 5 for mpnet-base, where the encoder dominates the time).",
        ),
    ] = None,
    device: Annotated[str, typer.Option("--device", help="cpu | cuda")] = "cpu",
    precision: Annotated[str, typer.Option("--precision", help=PRECISION_HELP)] = "auto",
    encoder: Annotated[
        str,
        typer.Option("--encoder", help="Frozen encoder: mpnet-base (the default model) or minilm-l6 (the fast one)."),
    ] = "mpnet-base",
    layers: Annotated[
        str | None,
        typer.Option(
            "--layers",
            help="Encoder layers whose states feed the tagger, e.g. 2 (layers 1 and 2) or 4,8 (default: 2,4,6 for "
            "mpnet-base, 1 for minilm-l6). Only layers up to the highest run: higher is slower; docs/benchmarks.md.",
        ),
    ] = None,
    use_all: Annotated[bool, typer.Option("--all", help="Train on every article, held-back split included.")] = False,
    limit: Annotated[
        int | None, typer.Option("--limit", help="Use only the first N training articles (smoke tests).")
    ] = None,
    teacher: Annotated[
        str | None,
        typer.Option(
            "--teacher",
            help="Distil: this model (default, fast or a folder) labels the --unlabelled texts, and the new model "
            "learns from its labels as well as from PTC. The shipped fast model is MiniLM taught by default.",
        ),
    ] = None,
    unlabelled: Annotated[
        list[Path] | None,
        typer.Option(
            "--unlabelled",
            help="Unlabelled news for --teacher: a folder of .txt files or a JSONL file with a text field "
            "(repeatable). Never pass PTC's held-back articles or texts you will evaluate on.",
        ),
    ] = None,
) -> None:
    """Train the technique tagger from scratch (fixed seeds) on the 80% split (or --all).

    With --teacher and --unlabelled it is distilled: e.g. `narratrace train techniques --data ../shared/data/ptc
    --encoder minilm-l6 --out fast --teacher default --unlabelled ../shared/data/attribution/text
    --unlabelled ../shared/data/stories/allsides.jsonl` (docs/benchmarks.md).
    """
    import logging
    import time

    from narratrace.techniques import SHIPPED_MODELS

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    from narratrace.techniques.data import held_back_split, load_ptc
    from narratrace.techniques.tagger import TechniqueTagger

    if device not in ("cpu", "cuda"):
        raise typer.BadParameter("--device must be cpu or cuda")
    _check_precision(precision)  # before the teacher's long labelling, not after
    from narratrace.techniques.encoder import ENCODERS

    if encoder not in ENCODERS:
        raise typer.BadParameter(f"known encoders: {', '.join(ENCODERS)}", param_hint="--encoder")
    chosen_layers = _parse_layers(layers, ENCODERS[encoder].n_layers) if layers else None
    if bool(teacher) != bool(unlabelled):
        raise typer.BadParameter("--teacher and --unlabelled go together", param_hint="--teacher")
    soft = _teach(teacher, unlabelled, precision) if teacher and unlabelled else []
    articles = load_ptc(data)
    training = articles if use_all else held_back_split(articles)[0]
    if limit is not None:
        training = training[:limit]
    started = time.perf_counter()
    overrides = dict(zip(("n_layers", "extra_layers"), chosen_layers, strict=True)) if chosen_layers else {}
    if heads is not None:
        overrides["n_heads"] = heads
    tagger = TechniqueTagger.for_encoder(encoder, epochs=epochs, device=device, precision=precision, **overrides)
    tagger.fit([a.text for a in training], [list(a.spans) for a in training], soft=soft)
    tagger.teacher_ = teacher
    target = tagger.save(SHIPPED_MODELS.get(out, Path(out)))
    typer.echo(
        f"trained on {len(training)} articles in {time.perf_counter() - started:.0f}s "
        f"(best epochs {', '.join(map(str, tagger.best_epochs_))}, "
        f"inner-validation SI F1 {tagger.validation_si_f1_:.3f}) -> {target}"
    )


def _teach(teacher: str, unlabelled: list[Path], precision: str) -> list[SoftLabels]:
    """The teacher's labels for the unlabelled texts, in batches under a progress bar."""
    from rich.progress import track

    from narratrace.techniques.distil import read_unlabelled

    model = _load(teacher, precision)
    try:
        texts = read_unlabelled(unlabelled)
    except (OSError, ValueError) as exc:
        raise typer.BadParameter(str(exc), param_hint="--unlabelled") from None
    batch = 64
    soft: list[SoftLabels] = []
    for start in track(range(0, len(texts), batch), description=f"teacher labels {len(texts)} texts"):
        soft.extend(model.soft_label(texts[start : start + batch]))
    return soft


def _parse_layers(text: str, n_available: int) -> tuple[int, tuple[int, ...]]:
    """``"2"`` -> layers 1 and 2 (the lowest layer keeps word identity); ``"4,8"`` -> layers 4 and 8."""
    try:
        numbers = sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        raise typer.BadParameter("layers are numbers such as 2 or 4,8", param_hint="--layers") from None
    if not numbers or not all(1 <= n <= n_available for n in numbers):
        raise typer.BadParameter(f"this encoder has layers 1 to {n_available}", param_hint="--layers")
    if len(numbers) == 1:
        return numbers[0], (1,) if numbers[0] > 1 else ()
    return numbers[-1], tuple(numbers[:-1])


def evaluate_command(
    data: Annotated[Path, typer.Option("--data", help="PTC folder (articles/, labels-tc.tsv).")],
    split: Annotated[str, typer.Option("--split", help="heldout | all")] = "heldout",
    model: Annotated[str, typer.Option("--model", help=MODEL_HELP)] = "default",
    precision: Annotated[str, typer.Option("--precision", help=PRECISION_HELP)] = "auto",
) -> None:
    """Score the tagger: SI F1, TC micro-F1 (gold spans given), joint F1, per-technique F1."""
    from narratrace.techniques.data import held_back_split, load_ptc
    from narratrace.techniques.evaluation import evaluate_tagger, format_report

    if split not in ("heldout", "all"):
        raise typer.BadParameter("--split must be heldout or all")
    articles = load_ptc(data)
    chosen = held_back_split(articles)[1] if split == "heldout" else articles
    tagger = _load(model, precision)
    typer.echo(format_report(evaluate_tagger(tagger, chosen)))


def register(app: typer.Typer, train_app: typer.Typer, evaluate_app: typer.Typer) -> None:
    app.command("techniques")(techniques_command)
    train_app.command("techniques")(train_command)
    evaluate_app.command("techniques")(evaluate_command)
