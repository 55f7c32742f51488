"""The stage contract: what every analysis stage looks like, and the ``Analysis`` they fill in.

A stage (reuse and provenance, techniques, stories, claims, framing, …) is one object with:

* ``name``, ``title`` (the report's navigation), ``needs`` (names of earlier stages it cannot run without)
  and ``reads`` (earlier stages whose results it uses when they ran, ``StageContext.earlier``); the pipeline
  starts a stage once those have finished, and runs stages that wait on nothing unfinished side by side;
* ``options``: its command-line options (``StageOption``), which ``analyze`` offers as its own;
* ``command_help``: when set, ``narratrace NAME PATH… --out DIR`` runs this stage (and what it needs) alone;
* ``run(context) -> result``: the work, on the cleaned articles and earlier stages' results;
* ``document(result, context) -> DocumentSection``: its part of ``analysis.json`` (top-level keys,
  plus fields of each article record), described by ``schema()`` (its part of ``docs/analysis.schema.json``);
* ``tables(doc) -> list[Table]``: its export tables (CSV, Parquet, JSON Lines), read from the document
  so that a re-rendered ``analysis.json`` gives the same files;
* ``report(doc, refs, options) -> list[ReportSection]``: its sections of ``report.html`` (a template and
  the plain values it shows, each a navigation entry), also read from the document;
* ``files(result, out_dir)``: any other file it writes from its in-memory result (the outlet network's
  GEXF/GraphML).

``narratrace.stages.STAGES`` lists the stages in pipeline order; that one list drives the pipeline,
``analysis.json``, the exports, the report's navigation and ``analyze --only/--skip``. Adding a stage is one
module and one line there. The shape follows spaCy's pipeline components (a name, what it needs, how it
serialises) and scikit-learn's habit of one small interface for many implementations.

This module sits below every stage and belongs to none, so stages and the report can all import it.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar, cast, runtime_checkable

from narratrace.clean.types import CleanArticle
from narratrace.ingest.article import Article
from narratrace.ingest.types import ReadError
from narratrace.store import Store

# Where work runs: ``local`` (this machine, all cores) or ``spark`` (PySpark, ``local[*]`` or a cluster).
ENGINES = ("local", "spark")

# A plain-JSON value as it appears in analysis.json. Values are built from dicts, lists, strings and
# numbers only; ``object`` keeps mypy honest without pretending to know each stage's record shape.
JsonObject = dict[str, object]
Document = Mapping[str, object]

# progress(task, done, total): called as a stage advances, for progress bars with an ETA.
Progress = Callable[[str, int, int], None]

ResultT = TypeVar("ResultT")
ResultT_co = TypeVar("ResultT_co", covariant=True)


def no_progress(task: str, done: int, total: int) -> None:
    """The progress callback that reports nothing (library use, tests)."""
    del task, done, total


@dataclass(frozen=True)
class StageOption:
    """One command-line option a stage adds to ``analyze`` (and to its own command).

    ``name`` is the option's long name without dashes (``techniques-model``); its value reaches the
    stage as ``context.option(name)``. ``choices`` limits a text option to those values (shown in --help).
    """

    name: str
    help: str
    default: str | int | float | bool
    choices: tuple[str, ...] = ()

    @property
    def parameter(self) -> str:
        """The Python identifier the CLI uses for the option (``techniques_model``)."""
        return self.name.replace("-", "_")


@dataclass
class StageContext:
    """What a stage's ``run`` sees: the corpus, the settings, earlier stages' results, a progress callback.

    ``articles`` holds the cleaned articles, or is empty in *lean* runs (``narratrace reuse`` on a large
    corpus), where a stage that can work lean reads ``raw_articles()`` instead — a fresh stream of the
    stored articles each call, which it may clean and reduce as it needs.
    """

    articles: Sequence[CleanArticle]
    raw_articles: Callable[[], Iterable[Article]] = lambda: iter(())
    engine: str = "local"
    options: Mapping[str, object] = field(default_factory=dict)
    results: dict[str, object] = field(default_factory=dict)
    progress: Progress = no_progress
    lean: bool = False
    # The run's store, for stages that keep state between runs (story ids); None in library runs on lists.
    store: Store | None = None

    def option(self, name: str, default: object = None) -> object:
        return self.options.get(name.replace("-", "_"), default)

    def result(self, stage: Stage[ResultT]) -> ResultT:
        """An earlier stage's result (typed by the stage object); KeyError if it did not run."""
        return stage.result_of(self.results)

    def earlier(self, name: str, kind: type[ResultT]) -> ResultT | None:
        """Stage ``name``'s result if that stage ran and its result is a ``kind``, else None.

        For stages that use another's result when it is there (``kind`` may be a runtime-checkable
        protocol such as ``StoryGrouping``, so sibling stages need not import each other).
        """
        result = self.results.get(name)
        return result if isinstance(result, kind) else None


@runtime_checkable
class StoryGrouping(Protocol):
    """What a result that groups articles into stories offers later stages (the stories stage's does)."""

    def story_of(self) -> Mapping[str, str]:
        """Article id -> story id."""
        ...


@dataclass(frozen=True)
class DocumentSection:
    """A stage's part of analysis.json: top-level keys, and extra fields per article record (by article id)."""

    top: JsonObject = field(default_factory=dict)
    per_article: Mapping[str, JsonObject] = field(default_factory=dict)


@dataclass(frozen=True)
class Table:
    """One export table: ``name`` is the file stem; it is written in each of ``formats`` (csv, parquet, jsonl).

    ``columns`` fixes the column order of CSV and Parquet; JSON Lines rows are written as they are (they
    may nest). ``types`` gives Parquet column types for non-text columns ("int", "float").
    """

    name: str
    rows: Sequence[Mapping[str, object]]
    columns: tuple[str, ...] = ()
    formats: tuple[str, ...] = ("csv",)
    types: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ReportSection:
    """A stage's section of report.html: ``template`` (found in ``<stage package>/templates``) and its values.

    ``scripts`` are data blocks for the report's script, embedded as JSON (``<script id=…>``), never as HTML.
    """

    anchor: str
    title: str
    template: str
    context: Mapping[str, object]
    scripts: Mapping[str, object] = field(default_factory=dict)


class Stage(Protocol[ResultT]):
    """One analysis stage. See the module docstring for what each part is for."""

    name: str
    title: str
    needs: tuple[str, ...]
    reads: tuple[str, ...]
    options: tuple[StageOption, ...]
    command_help: str

    def check(self, options: Mapping[str, object]) -> None: ...

    def run(self, context: StageContext) -> ResultT: ...

    def schema(self) -> JsonObject: ...

    def document(self, result: ResultT, context: StageContext) -> DocumentSection: ...

    def tables(self, doc: Document) -> list[Table]: ...

    def report(self, doc: Document, refs: Mapping[str, Any], options: Any) -> list[ReportSection]: ...

    def files(self, result: ResultT, out_dir: Path) -> dict[str, Path]: ...

    def result_of(self, results: Mapping[str, object]) -> ResultT: ...


# A stage of any result type, as the registry and the pipeline hold them (the result types differ).
AnyStage = Stage[Any]


@dataclass
class Analysis:
    """Everything one run found: the cleaned articles, what was read, and each stage's result by name."""

    articles: list[CleanArticle]
    inputs: tuple[str, ...] = ()
    read_errors: tuple[ReadError, ...] = ()
    results: dict[str, object] = field(default_factory=dict)
    sections: dict[str, DocumentSection] = field(default_factory=dict)  # each stage's analysis.json part
    stages: tuple[str, ...] = ()  # the stages that ran, in order
    lean: bool = False  # articles were not held (``narratrace reuse``): exports but no report

    def result(self, stage: Stage[ResultT]) -> ResultT:
        """A stage's result, typed by the stage object; KeyError if it did not run."""
        return stage.result_of(self.results)

    def ran(self, name: str) -> bool:
        return name in self.results


class StageBase(Generic[ResultT]):
    """Defaults for the optional parts of a stage: no tables, no report section, no extra files.

    A stage subclasses this, sets ``name``, ``title``, ``needs``, ``reads`` and ``options``, and writes ``run``
    and ``document``; ``result_of`` is inherited (it reads ``results[self.name]``).
    """

    name: str = ""
    title: str = ""
    needs: tuple[str, ...] = ()
    # Stages whose results ``run`` uses when they ran (``StageContext.earlier``): it starts after them.
    reads: tuple[str, ...] = ()
    options: tuple[StageOption, ...] = ()
    # Help of `narratrace NAME PATH… --out DIR` (this stage and what it needs, all outputs); "" for no command.
    command_help: str = ""

    def check(self, options: Mapping[str, object]) -> None:
        """Refuse bad option values (a ValueError or FileNotFoundError naming the choices) before any work."""
        del options

    def schema(self) -> JsonObject:
        """This stage's part of docs/analysis.schema.json: ``properties`` (top-level keys), ``required``,
        ``article_properties`` (fields it adds to each article) and ``$defs``.

        By default it is read from ``schema.json`` beside the stage's module; a stage without one adds nothing.
        """
        module = sys.modules[type(self).__module__]
        path = Path(module.__file__ or "").with_name("schema.json")
        loaded: JsonObject = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        return loaded

    def tables(self, doc: Document) -> list[Table]:
        del doc
        return []

    def report(self, doc: Document, refs: Mapping[str, Any], options: Any) -> list[ReportSection]:
        del doc, refs, options
        return []

    def files(self, result: ResultT, out_dir: Path) -> dict[str, Path]:
        del result, out_dir
        return {}

    def result_of(self, results: Mapping[str, object]) -> ResultT:
        return cast(ResultT, results[self.name])
