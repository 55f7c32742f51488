"""The end-to-end pipeline: ingest -> clean -> store -> analyses -> report.

The CLI's ``ingest``, ``analyze`` and ``report`` commands are thin wrappers around these
functions, so a Python user gets the same behaviour as a shell user.
"""

from __future__ import annotations

import contextlib
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.exc import DataError, IntegrityError

from narratrace.clean import CleanArticle, clean_article
from narratrace.ingest import ReadError, ReadOptions, read_paths
from narratrace.ingest.article import Article
from narratrace.ingest.detect import iter_input_files
from narratrace.parallel import map_in_batches
from narratrace.store import Store

ProgressCallback = Callable[[int], None]


@dataclass
class IngestReport:
    read: int = 0
    added: int = 0
    errors: list[ReadError] = field(default_factory=list)

    @property
    def duplicates(self) -> int:
        return self.read - self.added


@dataclass
class Analysis:
    """Everything the analyses found, ready for the report and the JSON writers."""

    articles: list[CleanArticle]
    inputs: Sequence[str] = ()
    read_errors: Sequence[ReadError] = ()
    pairs: list[Any] = field(default_factory=list)
    clusters: list[Any] = field(default_factory=list)
    directions: dict[tuple[str, str], Any] = field(default_factory=dict)
    network: Any = None
    techniques: dict[str, list[Any]] = field(default_factory=dict)
    technique_profiles: dict[str, dict[str, float]] = field(default_factory=dict)
    outlet_technique_profiles: dict[str, dict[str, float]] = field(default_factory=dict)
    technique_model: str | None = None  # shipped model name or folder that found the spans

    @property
    def network_json(self) -> dict[str, Any]:
        graph = self.network
        if graph is None:
            return {"nodes": [], "edges": []}
        return {
            "nodes": [
                {"id": str(n), **_scalars(d)} for n, d in sorted(graph.nodes(data=True), key=lambda x: str(x[0]))
            ],
            "edges": [
                {"source": str(u), "target": str(v), **_scalars(d)}
                for u, v, d in sorted(graph.edges(data=True), key=lambda x: (str(x[0]), str(x[1])))
            ],
        }


def _scalars(data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, str) and value[:1] in "[{":
            with contextlib.suppress(ValueError):
                value = json.loads(value)
        out[key] = value
    return out


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


def input_files(paths: Iterable[str | Path], exclude: Sequence[str | Path] = ()) -> list[Path]:
    """The files ``ingest_paths`` reads: every input file, less those at or under an ``exclude`` path."""
    skipped = [_resolved(Path(p)) for p in exclude]
    if not skipped:
        return list(iter_input_files(paths))
    return [path for path in iter_input_files(paths) if not any(_resolved(path).is_relative_to(s) for s in skipped)]


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: reading it reports the error later
        return path.absolute()


def _source_of(item: Article | ReadError) -> str:
    # Readers name the file itself, also for records inside a WARC, JSONL or feed; a '#' in a
    # file name is part of the name.
    return item.source_path or ""


def clean_all(articles: Iterable[Article], workers: int | None = None) -> list[CleanArticle]:
    """Clean every article, in order; large corpora are spread over all cores."""
    return list(map_in_batches(clean_article, articles, workers))


def analyze_articles(
    articles: list[CleanArticle],
    engine: str = "local",
    inputs: Sequence[str] = (),
    read_errors: Sequence[ReadError] = (),
    techniques_model: str | None = "default",
) -> Analysis:
    """Run every analysis narratrace has on cleaned articles.

    ``engine`` (``local`` or ``spark``) runs text reuse and technique tagging. ``techniques_model`` names a
    shipped technique model ("default": accurate; "fast": ~20x quicker) or a model folder; None skips
    technique tagging.
    """
    from narratrace.provenance import build_outlet_network, infer_directions
    from narratrace.reuse import find_reuse

    analysis = Analysis(articles=articles, inputs=inputs, read_errors=read_errors)
    by_id = {a.id: a for a in articles}
    reuse = find_reuse(articles, engine=engine)
    analysis.pairs, analysis.clusters = list(reuse.pairs), list(reuse.clusters)
    analysis.directions = dict(infer_directions(analysis.pairs, by_id))
    analysis.network = build_outlet_network(analysis.pairs, analysis.directions, by_id)
    if techniques_model is not None:
        _add_techniques(analysis, techniques_model, engine)
    return analysis


def _add_techniques(analysis: Analysis, model: str, engine: str = "local") -> None:
    from narratrace.techniques import detect_techniques, technique_profile

    texts = [a.article.text for a in analysis.articles]
    found = detect_techniques(texts, model=model, engine=engine)
    analysis.technique_model = model
    words_by_outlet: Counter[str] = Counter()
    counts_by_outlet: dict[str, Counter[str]] = defaultdict(Counter)
    for cleaned, all_spans in zip(analysis.articles, found, strict=True):
        # Spans inside page chrome (a related headline of another story) say nothing about this article.
        spans = [s for s in all_spans if not any(b.start < s.end and s.start < b.end for b in cleaned.boilerplate)]
        analysis.techniques[cleaned.id] = spans
        analysis.technique_profiles[cleaned.id] = technique_profile(cleaned.article.text, spans)
        outlet = cleaned.article.outlet or "unknown"
        words_by_outlet[outlet] += len(cleaned.text.split())
        counts_by_outlet[outlet].update(s.technique for s in spans)
    analysis.outlet_technique_profiles = {
        outlet: {t: round(1000 * n / max(words_by_outlet[outlet], 1), 3) for t, n in sorted(counts.items())}
        for outlet, counts in sorted(counts_by_outlet.items())
    }


def write_outputs(analysis: Analysis, out_dir: str | Path) -> dict[str, Path]:
    """Write analysis.json, report.html and the machine-readable exports into ``out_dir``."""
    from narratrace.report import write_report

    return write_report(analysis, Path(out_dir))
