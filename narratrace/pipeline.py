"""The end-to-end pipeline: ingest -> store -> clean -> stages -> report and exports.

One library function per command (``ingest_paths``, ``analyze_paths``, ``analyze_store``); the CLI only
parses arguments and prints, so a Python user gets the same behaviour as a shell user. The stages and their
order come from ``narratrace.stages.STAGES``.
"""

from __future__ import annotations

import queue
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.exc import DataError, IntegrityError

from narratrace import stages as registry
from narratrace.analysis import ENGINES, Analysis, AnyStage, DocumentSection, Progress, StageContext, no_progress
from narratrace.clean import CleanArticle, clean_article, strip_repeated_chrome
from narratrace.ingest import ReadError, ReadOptions, input_files, read_paths
from narratrace.ingest.article import Article
from narratrace.parallel import map_in_batches, worker_count
from narratrace.stages import select_stages
from narratrace.store import Store, database_files, open_store

ProgressCallback = Callable[[int], None]


@dataclass
class IngestReport:
    read: int = 0
    added: int = 0
    errors: list[ReadError] = field(default_factory=list)

    @property
    def duplicates(self) -> int:
        return self.read - self.added


def ingest_paths(
    paths: Iterable[str | Path],
    store: Store,
    options: ReadOptions | None = None,
    batch_size: int = 200,
    on_file_done: ProgressCallback | None = None,
    exclude: Sequence[str | Path] = (),
) -> IngestReport:
    """Read every file under ``paths`` into ``store``.

    Articles are committed in batches; a source file is marked done only after all its
    articles are committed, so an interrupted run can simply be started again: finished
    files are skipped and articles already stored are not duplicated. Files at or under an
    ``exclude`` path are not read (``analyze`` excludes its own output folder and store, which may
    sit inside an input folder: a second run must not ingest the first run's report).
    """
    report = IngestReport()
    batch: list[Article] = []
    per_source: Counter[str] = Counter()
    failed: set[str] = set()
    pending_done: list[str] = []
    current: str | None = None

    def reject(article: Article, reason: str) -> None:
        source = _source_of(article)
        report.read -= 1
        report.errors.append(ReadError(source, reason))
        failed.add(source)

    def flush() -> None:
        for article in store.conflicting(batch) if batch else []:
            batch.remove(article)
            reject(article, f"id {article.id!r} is already taken by another article's text; not stored")
        if batch:
            try:
                report.added += store.add_articles(batch)
            except _RECORD_ERRORS:
                # One record the database refuses must not cost the rest of its batch: retry one by one.
                for article in batch:
                    try:
                        report.added += store.add_articles([article])
                    except _RECORD_ERRORS as exc:
                        reject(article, f"article {article.id} could not be stored: {exc}")
            batch.clear()
        for source in pending_done:
            if source not in failed:
                store.record_source(source, "done", None, per_source[source])
        pending_done.clear()

    readable = [p for p in input_files(paths, exclude) if not store.source_is_done(str(p))]
    for item in read_paths(readable, options or ReadOptions()):
        source = _source_of(item)
        if source != current and current is not None:
            pending_done.append(current)
            if on_file_done:
                on_file_done(1)
        current = source
        if isinstance(item, ReadError):
            report.errors.append(item)
            failed.add(source)
            store.record_source(source, "error", item.reason, per_source[source])
            continue
        report.read += 1
        per_source[source] += 1
        batch.append(item)
        if len(batch) >= batch_size:
            flush()
    if current is not None:
        pending_done.append(current)
    flush()
    if on_file_done and current is not None:
        on_file_done(1)
    return report


# Errors one record can cause in the database (an encoding it refuses, a value out of range); a
# database that is down or full fails every record alike, and is raised.
_RECORD_ERRORS: tuple[type[Exception], ...] = (UnicodeError, ValueError, DataError, IntegrityError)


def _source_of(item: Article | ReadError) -> str:
    # Readers name the file itself, also for records inside a WARC, JSONL or feed; a '#' in a
    # file name is part of the name.
    return item.source_path or ""


def clean_all(
    articles: Iterable[Article], workers: int | None = None, progress: Progress = no_progress, total: int = 0
) -> list[CleanArticle]:
    """Clean every article, in order (large corpora across all cores), then remove each outlet's repeated chrome.

    Page chrome that one outlet repeats across many articles (a footer, a comment widget) is only visible in
    the corpus as a whole, so it is found after every article is cleaned (``strip_repeated_chrome``).
    """
    cleaned: list[CleanArticle] = []
    for done, article in enumerate(map_in_batches(clean_article, articles, workers), start=1):
        cleaned.append(article)
        if done % 100 == 0 or done == total:
            progress("clean", done, total)
    return strip_repeated_chrome(cleaned)


@dataclass(frozen=True)
class RunOptions:
    """How to run the stages: which (``only``/``skip`` by name), on which engine, with which stage options.

    ``stage_options`` holds each stage's command-line options by parameter name (``techniques_model``).
    ``side_by_side``: run stages that do not wait on each other at the same time (``run_stages``; None: on the
    local engine with two cores or more); False runs them one after another, holding one stage's memory at once.
    """

    engine: str = "local"
    only: tuple[str, ...] = ()
    skip: tuple[str, ...] = ()
    stage_options: Mapping[str, object] = field(default_factory=dict)
    side_by_side: bool | None = None

    def stages(self) -> list[AnyStage]:
        """The chosen stages, checked: unknown names, engines or option values are ValueErrors, before work."""
        if self.engine not in ENGINES:
            raise ValueError(f"unknown engine {self.engine!r}; choose one of {', '.join(ENGINES)}")
        chosen = select_stages(self.only, self.skip)
        for stage in chosen:
            stage.check(self.stage_options)
        return chosen


def run_stages(context: StageContext, stages: Sequence[AnyStage], side_by_side: bool | None = None) -> Analysis:
    """Run ``stages`` on ``context``; each result and its analysis.json section land in the Analysis.

    A stage starts once the earlier stages it ``needs`` or ``reads`` have finished. ``side_by_side`` (default:
    on the local engine with two cores or more) runs the stages that wait on nothing left unfinished at the same
    time, each in a thread, instead of one after another: their heavy steps go to the shared worker processes,
    and one stage's single-core steps (clustering, counting) then overlap another's pooled work instead of
    leaving a core idle (docs/results/throughput.md). The results are the same either way, since a stage reads
    only the results it waits for; an error is raised once the stages already started have stopped.
    """
    if side_by_side is None:
        side_by_side = context.engine == "local" and worker_count() >= 2
    if side_by_side and len(stages) > 1:
        return analysis_from_results(context, stages, run_side_by_side(context, stages))
    for stage in stages:
        context.results[stage.name] = stage.run(context)
    return analysis_from_results(context, stages)


def waits_for(stage: AnyStage, stages: Sequence[AnyStage]) -> list[str]:
    """The stages before ``stage`` in ``stages`` whose results it needs or reads."""
    wanted = {*stage.needs, *stage.reads}
    earlier = [s.name for s in stages[: list(stages).index(stage)]]
    return [name for name in earlier if name in wanted]


def run_side_by_side(context: StageContext, stages: Sequence[AnyStage]) -> dict[str, DocumentSection]:
    """Every stage in its own thread, started when what it ``waits_for`` has finished; returns each stage's
    analysis.json section, made in its thread too (one stage's document while others still work). The first
    error (in stage order) is raised after every started stage has stopped, and a stage waiting on a failed one
    never starts."""
    finished: queue.Queue[str] = queue.Queue()
    errors: dict[str, BaseException] = {}
    sections: dict[str, DocumentSection] = {}
    done: set[str] = set()

    def run(stage: AnyStage) -> None:
        try:
            result = context.results[stage.name] = stage.run(context)
            sections[stage.name] = stage.document(result, context)
        except BaseException as exc:  # re-raised in the calling thread
            errors[stage.name] = exc
        finally:
            finished.put(stage.name)

    def start_ready(started: set[str]) -> None:
        for stage in stages:
            waits = waits_for(stage, stages)
            if stage.name in started or not all(name in done for name in waits):
                continue
            started.add(stage.name)
            if any(name in errors for name in waits):
                finished.put(stage.name)  # what it waits for failed: it does not run
                continue
            # Daemon threads: an interrupted run (Ctrl-C) exits without waiting for the stages still working.
            threading.Thread(target=run, args=(stage,), name=f"stage-{stage.name}", daemon=True).start()

    started: set[str] = set()
    start_ready(started)
    while len(done) < len(stages):
        try:
            done.add(finished.get(timeout=0.5))  # a timeout keeps Ctrl-C responsive in this thread
        except queue.Empty:
            continue
        if not errors:
            start_ready(started)
        elif len(done) == len(started):
            break
    for stage in stages:
        if stage.name in errors:
            raise errors[stage.name]
    return sections


def analysis_from_results(
    context: StageContext,
    stages: Sequence[AnyStage] | None = None,
    sections: Mapping[str, DocumentSection] | None = None,
) -> Analysis:
    """An Analysis of the results in ``context`` (by stage name), with each stage's analysis.json section.

    ``stages`` defaults to every registered stage that has a result: a result made elsewhere (a test, a
    notebook) reports like one the pipeline made. ``sections``: those already made, by stage name.
    """
    chosen = list(stages) if stages is not None else [s for s in registry.STAGES if s.name in context.results]
    analysis = Analysis(articles=list(context.articles), results=context.results)
    for stage in chosen:
        made = (sections or {}).get(stage.name)
        analysis.sections[stage.name] = (
            made if made is not None else stage.document(context.results[stage.name], context)
        )
    analysis.stages = tuple(stage.name for stage in chosen)
    return analysis


def analyze_articles(
    articles: list[CleanArticle],
    options: RunOptions | None = None,
    inputs: Sequence[str] = (),
    read_errors: Sequence[ReadError] = (),
    progress: Progress = no_progress,
) -> Analysis:
    """Run the chosen stages (all by default) on cleaned articles.

    >>> analysis = analyze_articles(articles, RunOptions(skip=("techniques",)))   # doctest: +SKIP
    >>> analysis.result(REUSE).pairs                                               # doctest: +SKIP
    """
    options = options or RunOptions()
    context = StageContext(
        articles=articles,
        raw_articles=lambda: (c.article for c in articles),
        engine=options.engine,
        options=options.stage_options,
        progress=progress,
    )
    analysis = run_stages(context, options.stages(), options.side_by_side)
    analysis.inputs, analysis.read_errors = tuple(inputs), tuple(read_errors)
    return analysis


def analyze_store(
    store: Store,
    options: RunOptions | None = None,
    inputs: Sequence[str] = (),
    read_errors: Sequence[ReadError] = (),
    progress: Progress = no_progress,
    lean: bool = False,
) -> Analysis:
    """Clean every stored article and run the chosen stages.

    ``lean`` runs stages that can work from a stream of stored articles (``reuse``) without holding the
    cleaned corpus: what ``narratrace reuse`` does for corpora of 100k+ articles. A lean Analysis has no
    articles, so it makes exports and network files but no report.
    """
    options = options or RunOptions()
    stages = options.stages()
    articles = [] if lean else clean_all(store.articles(), progress=progress, total=store.count())
    context = StageContext(
        articles=articles,
        raw_articles=store.articles,
        engine=options.engine,
        options=options.stage_options,
        progress=progress,
        lean=lean,
        store=store,
    )
    analysis = run_stages(context, stages, options.side_by_side)
    analysis.inputs, analysis.read_errors, analysis.lean = tuple(inputs), tuple(read_errors), lean
    return analysis


def analyze_paths(
    paths: Sequence[str | Path],
    out_dir: str | Path,
    db: str | None = None,
    read_options: ReadOptions | None = None,
    options: RunOptions | None = None,
    progress: Progress = no_progress,
    lean: bool = False,
) -> tuple[IngestReport, dict[str, Path]]:
    """``narratrace analyze`` (and, with ``lean`` and only the reuse stage, ``narratrace reuse``).

    Ingests ``paths`` into the store (``db``, default ``OUT/narratrace.db``), runs the stages on every stored
    article and writes the outputs into ``out_dir``. The output folder and the store are never read as input,
    even inside an input folder. Returns the ingest report and the written files by name.
    """
    options = options or RunOptions()
    options.stages()  # bad names and option values fail before anything is read
    missing = [str(p) for p in paths if not Path(p).exists()]
    if missing:
        raise FileNotFoundError(f"no such file or folder: {', '.join(missing)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    db_location = db or str(out / "narratrace.db")
    store = open_store(db_location)
    try:
        own_files = [out, *database_files(db_location)]
        total = len(input_files(paths, own_files))
        done = 0

        def file_done(n: int) -> None:
            nonlocal done
            done += n
            progress("ingest", done, total)

        report = ingest_paths(paths, store, read_options, on_file_done=file_done, exclude=own_files)
        analysis = analyze_store(store, options, [str(p) for p in paths], report.errors, progress, lean=lean)
    finally:
        store.close()
    return report, write_outputs(analysis, out)


def write_outputs(analysis: Analysis, out_dir: str | Path) -> dict[str, Path]:
    """Write analysis.json, report.html and every stage's exports into ``out_dir`` (a lean run: exports only)."""
    from narratrace.report import write_report

    return write_report(analysis, Path(out_dir))
