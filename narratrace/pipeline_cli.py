"""``narratrace ingest | analyze | report``: the pipeline's commands."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from narratrace.console import checked_option, console, progress_bar
from narratrace.ingest import ReadError, ReadOptions
from narratrace.pipeline import IngestReport, analyze_articles, clean_all, ingest_paths, input_files, write_outputs
from narratrace.store import database_files, open_store

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
MaxUnzippedMbOpt = Annotated[
    float,
    typer.Option(
        "--max-decompressed-mb",
        help="Stop reading a compressed file (.gz) past this many MB of content: decompression bombs stop here.",
    ),
]


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


def read_options(field_map: str | None, max_file_mb: float = 25.0, max_decompressed_mb: float = 200.0) -> ReadOptions:
    """The reading options that --map, --max-file-mb and --max-decompressed-mb give; bad values are usage errors."""
    for value, option in ((max_file_mb, "--max-file-mb"), (max_decompressed_mb, "--max-decompressed-mb")):
        if not 0 < value < 1_000_000:  # also refuses nan and inf
            raise typer.BadParameter("give a size in MB above 0 (and below 1,000,000)", param_hint=option)
    mapping = checked_option(lambda m: ReadOptions(field_map=m), parse_field_map(field_map), "--map")
    return ReadOptions(
        field_map=mapping,
        max_file_bytes=int(max_file_mb * 1024 * 1024),
        max_decompressed_bytes=int(max_decompressed_mb * 1024 * 1024),
    )


def report_read_errors(errors: Sequence[ReadError]) -> None:
    """One line per input that could not be read; paths and reasons print literally, never as markup."""
    for error in errors:
        console.print(f"  [red]skipped[/red] {escape(error.source_path)}: {escape(error.reason)}", highlight=False)


def _ingest_with_progress(
    paths: list[Path], db: str, options: ReadOptions, exclude: Sequence[Path] = ()
) -> IngestReport:
    store = open_store(db)
    try:
        total = len(input_files(paths, exclude))
        with progress_bar() as progress:
            task = progress.add_task("ingest", total=total or None)
            report = ingest_paths(
                paths, store, options, on_file_done=lambda n: progress.advance(task, n), exclude=exclude
            )
            progress.update(task, completed=total)
    finally:
        store.close()
    console.print(
        f"read {report.read} article(s): {report.added} new, {report.duplicates} already stored; "
        f"{len(report.errors)} input(s) failed"
    )
    report_read_errors(report.errors)
    return report


def ingest(
    paths: PathsArg,
    db: DbOpt = None,
    field_map: MapOpt = None,
    max_file_mb: MaxMbOpt = 25.0,
    max_decompressed_mb: MaxUnzippedMbOpt = 200.0,
) -> None:
    """Read articles into the store (idempotent: the same article twice is one row).

    A bad file is reported with the reason and skipped; the exit code is 1 when any input
    failed, 0 otherwise. An interrupted ingest can simply be run again.
    """
    options = read_options(field_map, max_file_mb, max_decompressed_mb)
    db_location = db or "narratrace.db"
    report = _ingest_with_progress(paths, db_location, options, exclude=database_files(db_location))
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
    max_decompressed_mb: MaxUnzippedMbOpt = 200.0,
) -> None:
    """Ingest PATHS, run every analysis, and write OUT/report.html and OUT/analysis.json.

    The report covers every article in the store, so adding paths to an existing --db
    analyses the grown corpus. Example:  narratrace analyze ../shared/seeds --out out
    """
    model = _checked_model(techniques_model) if techniques else None
    options = read_options(field_map, max_file_mb, max_decompressed_mb)
    check_engine(engine)
    make_out_dir(out)
    db_location = db or str(out / "narratrace.db")
    own_files = [out, *database_files(db_location)]
    report = _ingest_with_progress(paths, db_location, options, exclude=own_files)
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
    """Write the report: from an existing analysis.json, or by analysing a store.

    Without --db the store is OUT/narratrace.db (where `analyze` keeps it) if that exists, else
    ./narratrace.db (where `ingest` keeps it); a store that does not exist is an error, not an empty report.
    """
    check_engine(engine)
    make_out_dir(out)
    if source is not None:
        from narratrace.report.html import render_report_from_json

        try:
            html = render_report_from_json(source)
        except (ValueError, RecursionError) as exc:  # unreadable, not JSON, not an analysis document
            raise typer.BadParameter(str(exc), param_hint="SOURCE") from None
        target = out / "report.html"
        target.write_text(html, encoding="utf-8")
        console.print(f"wrote {target}")
        return
    model = _checked_model(techniques_model) if techniques else None
    db_location = db or str(out / "narratrace.db" if (out / "narratrace.db").exists() else "narratrace.db")
    if database_files(db_location) and not Path(db_location).is_file():
        raise typer.BadParameter(
            f"no store at {db_location}: run `narratrace ingest` or `analyze` first", param_hint="--db"
        )
    written = _analyze_store(db_location, out, engine, model, [], None)
    console.print(f"wrote {written['report.html']} and {written['analysis.json']}")


def check_engine(engine: str) -> None:
    """Refuse an unknown engine before any work is done."""
    from narratrace.reuse import ENGINES

    if engine not in ENGINES:
        raise typer.BadParameter(f"choose one of {', '.join(ENGINES)}", param_hint="--engine")


def make_out_dir(out: Path) -> None:
    """Create the output folder first, so a bad --out fails before the work rather than after it."""
    if out.exists() and not out.is_dir():
        raise typer.BadParameter(f"{out} exists and is not a folder", param_hint="--out")
    out.mkdir(parents=True, exist_ok=True)


def register(app: typer.Typer) -> None:
    app.command()(ingest)
    app.command()(analyze)
    app.command()(report)
