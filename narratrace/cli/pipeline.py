"""``narratrace ingest | analyze | reuse | report``: argument parsing and printing around ``narratrace.pipeline``."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import TaskID

from narratrace.analysis import AnyStage, Progress
from narratrace.cli.options import (
    DbOpt,
    Engine,
    EngineOpt,
    InTurnOpt,
    OutOpt,
    PathsArg,
    split_names,
    with_reading_options,
    with_stage_options,
)
from narratrace.console import checked_option, console, progress_bar
from narratrace.ingest import ReadError, ReadOptions
from narratrace.pipeline import IngestReport, RunOptions, analyze_paths, analyze_store, ingest_paths, write_outputs
from narratrace.stages import REUSE, STAGES, select_stages, stage_names
from narratrace.store import database_files, open_store

OnlyOpt = Annotated[
    str | None,
    typer.Option(metavar="STAGE,...", help=f"Run only these stages (and those they need): {', '.join(stage_names())}."),
]
# What a command gets when called directly; through the CLI, ``with_reading_options`` always passes the options given.
DEFAULT_READING = ReadOptions()
SkipOpt = Annotated[str | None, typer.Option(metavar="STAGE,...", help="Leave out these stages.")]


def report_read_errors(errors: Sequence[ReadError]) -> None:
    """One line per input that could not be read; paths and reasons print literally, never as markup."""
    for error in errors:
        console.print(f"  [red]skipped[/red] {escape(error.source_path)}: {escape(error.reason)}", highlight=False)


def print_ingest(report: IngestReport) -> None:
    console.print(
        f"read {report.read} article(s): {report.added} new, {report.duplicates} already stored; "
        f"{len(report.errors)} input(s) failed"
    )
    report_read_errors(report.errors)


@contextmanager
def progress_display() -> Iterator[Progress]:
    """A progress callback drawing one bar per task (ingest, clean, each stage's steps) with an ETA."""
    tasks: dict[str, TaskID] = {}
    adding = threading.Lock()  # stages running side by side report from their own threads
    with progress_bar() as bar:

        def progress(task: str, done: int, total: int) -> None:
            with adding:
                if task not in tasks:
                    tasks[task] = bar.add_task(task, total=total or None)
            bar.update(tasks[task], completed=done, total=total or None)

        yield progress


def run_options(
    engine: Engine, only: str | None, skip: str | None, stage_options: dict[str, object], in_turn: bool = False
) -> RunOptions:
    """The run's options, checked before any work: stage names first, then each chosen stage's own options."""
    side_by_side = False if in_turn else None  # None: side by side where it helps (``pipeline.run_stages``)
    options = RunOptions(engine.value, split_names(only), split_names(skip), stage_options, side_by_side)
    checked_option(lambda o: select_stages(o.only, o.skip), options, "--only/--skip")
    for stage in select_stages(options.only, options.skip):
        hint = "/".join(f"--{option.name}" for option in stage.options) or stage.name
        checked_option(stage.check, stage_options, hint, (ValueError, FileNotFoundError))
    return options


def _run(
    paths: Sequence[Path], out: Path, db: str | None, reading: ReadOptions, options: RunOptions, lean: bool = False
) -> None:
    """Run ``analyze_paths`` under progress bars, say what was read and written; exit 1 if an input failed."""
    with progress_display() as progress:
        report, written = analyze_paths(paths, out, db, reading, options, progress, lean=lean)
    print_ingest(report)
    console.print("wrote " + ", ".join(str(p) for p in written.values()))
    raise typer.Exit(1 if report.errors else 0)


@with_reading_options
def ingest(
    paths: PathsArg,
    db: DbOpt = None,
    reading: ReadOptions = DEFAULT_READING,
) -> None:
    """Read articles into the store; idempotent (the same article twice is one row) and resumable.

    A bad file is reported with the reason and skipped; the exit code is 1 when any input failed. An
    interrupted ingest is resumed by running the same command again.
    """
    db_location = db or "narratrace.db"
    store = open_store(db_location)
    try:
        with progress_display() as progress:
            done = 0

            def file_done(n: int) -> None:
                nonlocal done
                done += n
                progress("ingest", done, 0)

            report = ingest_paths(paths, store, reading, on_file_done=file_done, exclude=database_files(db_location))
    finally:
        store.close()
    print_ingest(report)
    raise typer.Exit(1 if report.errors else 0)


@with_stage_options(STAGES)
@with_reading_options
def analyze(
    paths: PathsArg,
    out: OutOpt = Path("out"),
    db: DbOpt = None,
    engine: EngineOpt = Engine.local,
    only: OnlyOpt = None,
    skip: SkipOpt = None,
    in_turn: InTurnOpt = False,
    reading: ReadOptions = DEFAULT_READING,
    **stage_options: object,
) -> None:
    """Ingest PATHS, run the analysis stages, write OUT/report.html, OUT/analysis.json and the exports.

    The report covers every article in the store, so adding paths to an existing --db analyses the
    grown corpus. --only and --skip choose stages by name; a stage's own options say which stage they are for.

    \b
    Example:
      narratrace analyze ../shared/seeds --out out --skip techniques
    """
    options = run_options(engine, only, skip, stage_options, in_turn)
    _run(paths, out, db, reading, options)


@with_reading_options
def reuse(
    paths: PathsArg,
    out: OutOpt = Path("out"),
    db: DbOpt = None,
    engine: EngineOpt = Engine.local,
    reading: ReadOptions = DEFAULT_READING,
) -> None:
    """Which articles share text, exactly where, what each copy changed, and who copied whom.

    The same pipeline as `analyze` with only the reuse stage, run lean: articles are held as cleaned text,
    offsets, provenance facts and a compressed original, so a 100k-article corpus fits in a few GB (see
    docs/reuse.md). Writes OUT/pairs.jsonl, OUT/clusters.jsonl and the outlet network (outlet_edges.csv,
    outlets.gexf, outlets.graphml); no report.
    """
    options = run_options(engine, REUSE.name, None, {})
    _run(paths, out, db, reading, options, lean=True)


@with_stage_options(STAGES)
def report(
    source: Annotated[
        Path | None,
        typer.Argument(
            help="An analysis.json to re-render; omit to analyse the store given by --db.",
            exists=True,
            dir_okay=False,
            metavar="[ANALYSIS.JSON]",
        ),
    ] = None,
    db: DbOpt = None,
    out: OutOpt = Path("out"),
    engine: EngineOpt = Engine.local,
    only: OnlyOpt = None,
    skip: SkipOpt = None,
    in_turn: InTurnOpt = False,
    **stage_options: object,
) -> None:
    """Write the report: from an existing analysis.json, or by analysing a store.

    Without --db the store is OUT/narratrace.db (where `analyze` keeps it) if that exists, else
    ./narratrace.db (where `ingest` keeps it); a store that does not exist is an error, not an empty report.
    """
    if source is not None:
        from narratrace.report.exports import write_document_outputs
        from narratrace.report.html import read_document

        try:
            doc = read_document(source)
        except (ValueError, RecursionError) as exc:  # unreadable, not JSON, not an analysis document
            raise typer.BadParameter(str(exc), param_hint="ANALYSIS.JSON") from None
        out.mkdir(parents=True, exist_ok=True)
        written = write_document_outputs(doc, out)
        console.print(f"wrote {written['report.html']}; {len(written)} file(s) in all")
        return
    options = run_options(engine, only, skip, stage_options, in_turn)
    db_location = db or str(out / "narratrace.db" if (out / "narratrace.db").exists() else "narratrace.db")
    if database_files(db_location) and not Path(db_location).is_file():
        raise typer.BadParameter(
            f"no store at {db_location}: run `narratrace ingest` or `analyze` first", param_hint="--db"
        )
    store = open_store(db_location)
    try:
        with progress_display() as progress:
            analysis = analyze_store(store, options, progress=progress)
    finally:
        store.close()
    written = write_outputs(analysis, out)
    console.print(f"wrote {written['report.html']} and {written['analysis.json']}; {len(written)} file(s) in all")


def stage_command(stage: AnyStage) -> Callable[..., None]:
    """``narratrace NAME PATH… --out DIR``: ``analyze`` with only ``stage`` and the stages it needs."""

    @with_stage_options(select_stages(only=[stage.name]))
    @with_reading_options
    def command(
        paths: PathsArg,
        out: OutOpt = Path("out"),
        db: DbOpt = None,
        engine: EngineOpt = Engine.local,
        reading: ReadOptions = DEFAULT_READING,
        **stage_options: object,
    ) -> None:
        options = run_options(engine, stage.name, None, stage_options)
        _run(paths, out, db, reading, options)

    command.__name__ = stage.name
    return command


def register(app: typer.Typer) -> None:
    for command in (ingest, analyze, reuse, report):
        app.command()(command)
    for stage in STAGES:
        if stage.command_help:
            app.command(stage.name, help=stage.command_help)(stage_command(stage))
