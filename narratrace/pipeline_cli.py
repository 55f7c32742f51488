"""``narratrace ingest | analyze | report``: the pipeline's commands."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from narratrace.console import checked_option, console, progress_bar
from narratrace.ingest import ReadOptions, count_inputs
from narratrace.pipeline import IngestReport, analyze_articles, clean_all, ingest_paths, write_outputs
from narratrace.store import open_store

PathsArg = Annotated[
    list[Path],
    typer.Argument(
        help="Files or folders: .txt, .html, .jsonl, .csv, .warc(.gz), RSS/Atom .xml; folders are read recursively."
    ),
]
DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="SQLite file or postgresql:// URL. Default: narratrace.db (ingest) or OUT/narratrace.db (analyze).",
    ),
]
MapOpt = Annotated[
    str | None,
    typer.Option("--map", help="Field names of JSONL/CSV inputs, ours=theirs, e.g. 'outlet=series,published=date'."),
]
MaxMbOpt = Annotated[float, typer.Option("--max-file-mb", help="Refuse single-article files larger than this (MB).")]


def parse_field_map(spec: str | None) -> dict[str, str]:
    """'outlet=series,published=date' -> {'outlet': 'series', 'published': 'date'}."""
    mapping: dict[str, str] = {}
    for item in (spec or "").split(","):
        if not item.strip():
            continue
        ours, sep, theirs = item.partition("=")
        if not sep or not ours.strip() or not theirs.strip():
            raise typer.BadParameter(f"expected ours=theirs, got {item!r}", param_hint="--map")
        mapping[ours.strip()] = theirs.strip()
    return mapping


def _read_options(field_map: str | None, max_file_mb: float) -> ReadOptions:
    return ReadOptions(field_map=parse_field_map(field_map), max_file_bytes=int(max_file_mb * 1024 * 1024))


def _ingest_with_progress(paths: list[Path], db: str, options: ReadOptions) -> IngestReport:
    store = open_store(db)
    try:
        total = count_inputs(paths)
        with progress_bar() as progress:
            task = progress.add_task("ingest", total=total or None)
            report = ingest_paths(paths, store, options, on_file_done=lambda n: progress.advance(task, n))
            progress.update(task, completed=total)
    finally:
        store.close()
    console.print(
        f"read {report.read} article(s): {report.added} new, {report.duplicates} already stored; "
        f"{len(report.errors)} input(s) failed"
    )
    for error in report.errors:
        console.print(f"  [red]skipped[/red] {error.source_path}: {error.reason}", markup=True, highlight=False)
    return report


def ingest(
    paths: PathsArg,
    db: DbOpt = None,
    field_map: MapOpt = None,
    max_file_mb: MaxMbOpt = 25.0,
) -> None:
    """Read articles into the store (idempotent: the same article twice is one row).

    A bad file is reported with the reason and skipped; the exit code is 1 when any input
    failed, 0 otherwise. An interrupted ingest can simply be run again.
    """
    report = _ingest_with_progress(paths, db or "narratrace.db", _read_options(field_map, max_file_mb))
    raise typer.Exit(1 if report.errors else 0)


TechniquesModelOpt = Annotated[
    str,
    typer.Option(
        "--techniques-model",
        help="Technique model: default (accurate, MPNet encoder, ~2 articles/s of 600 words on 2 cores with "
        "bfloat16), fast (one MiniLM layer, ~35 articles/s, less accurate) or a folder from "
        "`narratrace train techniques`.",
    ),
]


def _checked_model(name: str) -> str:
    """Refuse an unknown technique model before any work is done."""
    from narratrace.techniques import model_dir

    return checked_option(model_dir, name, "--techniques-model", (FileNotFoundError,))


def analyze(
    paths: PathsArg,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for report.html, analysis.json and exports.")] = Path(
        "out"
    ),
    db: DbOpt = None,
    engine: Annotated[
        str, typer.Option(help="Engine for text reuse and technique tagging: local (this machine) or spark.")
    ] = "local",
    techniques: Annotated[bool, typer.Option(help="Detect propaganda techniques.")] = True,
    techniques_model: TechniquesModelOpt = "default",
    field_map: MapOpt = None,
    max_file_mb: MaxMbOpt = 25.0,
) -> None:
    """Ingest PATHS, run every analysis, and write OUT/report.html and OUT/analysis.json.

    The report covers every article in the store, so adding paths to an existing --db
    analyses the grown corpus. Example:  narratrace analyze ../shared/seeds --out out
    """
    model = _checked_model(techniques_model) if techniques else None
    out.mkdir(parents=True, exist_ok=True)
    db_location = db or str(out / "narratrace.db")
    report = _ingest_with_progress(paths, db_location, _read_options(field_map, max_file_mb))
    written = _analyze_store(db_location, out, engine, model, [str(p) for p in paths], report)
    console.print(f"wrote {written['report.html']} and {written['analysis.json']}")
    raise typer.Exit(1 if report.errors else 0)


def _analyze_store(
    db: str, out: Path, engine: str, techniques_model: str | None, inputs: list[str], report: IngestReport | None
) -> dict[str, Path]:
    """``techniques_model``: the technique model to run, or None to skip the stage."""
    store = open_store(db)
    try:
        with console.status("cleaning articles"):
            articles = clean_all(store.articles())
    finally:
        store.close()
    with console.status(f"analysing {len(articles)} article(s)"):
        analysis = analyze_articles(
            articles,
            engine=engine,
            techniques_model=techniques_model,
            inputs=inputs,
            read_errors=report.errors if report else (),
        )
    return {name: Path(p) for name, p in write_outputs(analysis, out).items()}


def report(
    source: Annotated[
        Path | None,
        typer.Argument(help="An analysis.json to re-render; omit to analyse the store given by --db."),
    ] = None,
    db: DbOpt = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("out"),
    engine: Annotated[
        str, typer.Option(help="Engine for text reuse and technique tagging: local (this machine) or spark.")
    ] = "local",
    techniques: Annotated[bool, typer.Option(help="Detect propaganda techniques.")] = True,
    techniques_model: TechniquesModelOpt = "default",
) -> None:
    """Write the report: from an existing analysis.json, or by analysing a store."""
    out.mkdir(parents=True, exist_ok=True)
    if source is not None:
        from narratrace.report import render_report

        document = json.loads(source.read_text(encoding="utf-8"))
        target = out / "report.html"
        target.write_text(render_report(document), encoding="utf-8")
        console.print(f"wrote {target}")
        return
    model = _checked_model(techniques_model) if techniques else None
    written = _analyze_store(db or "narratrace.db", out, engine, model, [], None)
    console.print(f"wrote {written['report.html']} and {written['analysis.json']}")


def register(app: typer.Typer) -> None:
    app.command()(ingest)
    app.command()(analyze)
    app.command()(report)
