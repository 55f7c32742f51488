"""Options several commands share, and the help screen's look (one place for help text and validation)."""

from __future__ import annotations

import functools
import inspect
import typing
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperArgument, TyperOption

from narratrace.analysis import AnyStage, StageOption
from narratrace.console import checked_option
from narratrace.ingest import ReadOptions


class Engine(StrEnum):
    """Where the work runs (``narratrace.analysis.ENGINES``)."""

    local = "local"
    spark = "spark"


PathsArg = Annotated[
    list[Path],
    typer.Argument(
        help="Files or folders: .txt, .html, .jsonl, .csv, .warc(.gz), RSS/Atom .xml; folders are read recursively.",
        exists=True,
        metavar="PATH...",
        show_default=False,
    ),
]
DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="DB",
        help="SQLite file or postgresql+psycopg:// URL. Default: OUT/narratrace.db (analyze, reuse), "
        "./narratrace.db (ingest).",
    ),
]
OutOpt = Annotated[
    Path,
    typer.Option("--out", "-o", metavar="DIR", file_okay=False, help="Output folder (created if missing)."),
]
EngineOpt = Annotated[Engine, typer.Option("--engine", help="local (this machine, all cores) or spark.")]
InTurnOpt = Annotated[
    bool,
    typer.Option(
        "--in-turn",
        help="Run the stages one after another. By default (local engine, 2+ cores) stages that do not wait on "
        "each other run side by side: faster, with two stages' memory at once.",
    ),
]
MapOpt = Annotated[
    str | None,
    typer.Option(
        "--map",
        metavar="OURS=THEIRS,...",
        help="Field names of JSONL/CSV inputs, e.g. 'outlet=series,published=date'.",
    ),
]
MaxMbOpt = Annotated[
    float, typer.Option("--max-file-mb", metavar="MB", help="Refuse single-article files larger than this.")
]
MaxUnzippedMbOpt = Annotated[
    float,
    typer.Option(
        "--max-decompressed-mb",
        metavar="MB",
        help="Stop reading a compressed file (.gz) past this much content: decompression bombs stop here.",
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


def with_reading_options(command: Callable[..., None]) -> Callable[..., None]:
    """Give a command --map, --max-file-mb and --max-decompressed-mb; it receives them as ``reading: ReadOptions``.

    Every command that reads inputs takes the same three options; declaring them once keeps their help,
    defaults and checks the same everywhere.
    """
    signature = inspect.signature(command)
    hints = typing.get_type_hints(command, include_extras=True)
    keyword = inspect.Parameter.KEYWORD_ONLY
    reading_parameters = [
        inspect.Parameter("field_map", keyword, default=None, annotation=MapOpt),
        inspect.Parameter("max_file_mb", keyword, default=25.0, annotation=MaxMbOpt),
        inspect.Parameter("max_decompressed_mb", keyword, default=200.0, annotation=MaxUnzippedMbOpt),
    ]
    own = [p.replace(annotation=hints.get(p.name, p.annotation)) for p in signature.parameters.values()]
    plain = [p for p in own if p.name != "reading" and p.kind != inspect.Parameter.VAR_KEYWORD]
    rest = [p for p in own if p.kind == inspect.Parameter.VAR_KEYWORD]

    @functools.wraps(command)
    def with_reading(
        *args: Any,
        field_map: str | None = None,
        max_file_mb: float = 25.0,
        max_decompressed_mb: float = 200.0,
        **kwargs: Any,
    ) -> None:
        command(*args, reading=read_options(field_map, max_file_mb, max_decompressed_mb), **kwargs)

    with_reading.__signature__ = signature.replace(parameters=[*plain, *reading_parameters, *rest])  # type: ignore[attr-defined]
    return with_reading


def split_names(value: str | None) -> tuple[str, ...]:
    return tuple(name.strip() for name in (value or "").split(",") if name.strip())


def with_stage_options(stages: Sequence[AnyStage]) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Give a command every option the ``stages`` declare (``StageOption``), after its own parameters.

    The command receives them as ``**stage_options`` (by parameter name), so adding a stage with an option
    needs no edit here or in the command.
    """

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        signature = inspect.signature(command)
        hints = typing.get_type_hints(command, include_extras=True)  # the annotations are strings here
        own = [
            p.replace(annotation=hints.get(p.name, p.annotation))
            for p in signature.parameters.values()
            if p.kind != inspect.Parameter.VAR_KEYWORD
        ]
        extra = []
        for stage in stages:
            for option in stage.options:
                kind: Any = _choice_type(option) if option.choices else type(option.default)
                info = typer.Option(f"--{option.name}", help=f"({stage.name} stage) {option.help}")
                extra.append(
                    inspect.Parameter(
                        option.parameter,
                        inspect.Parameter.KEYWORD_ONLY,
                        default=option.default,
                        annotation=Annotated[kind, info],
                    )
                )
        command.__signature__ = signature.replace(parameters=[*own, *extra])  # type: ignore[attr-defined]
        return command

    return decorate


def _choice_type(option: StageOption) -> Any:
    """A text option's choices as an enum: typer then refuses any other value and lists the choices."""
    enum: Any = StrEnum
    return enum(option.parameter, {choice: choice for choice in option.choices})


def _display_type(param: TyperArgument | TyperOption, ctx: Any) -> str | None:
    """What the help screen shows beside an option: its metavar, its choices, or the click type's name.

    Typer 0.29 prints Python annotations there (``<bool>``, ``<list[Path]>``); a person reads ``DIR`` or
    ``local|spark`` better, and a flag needs nothing.
    """
    del ctx
    if isinstance(param, TyperOption) and param.is_flag:
        return None
    if param.metavar:
        return None if isinstance(param, TyperArgument) else param.metavar
    click_type = getattr(param, "type", None)
    choices = getattr(click_type, "choices", None) or getattr(getattr(param, "type_descriptor", None), "choices", None)
    if choices:
        return "|".join(str(getattr(c, "value", c)) for c in choices)
    return str(getattr(click_type, "name", "value")).upper()


TyperOption.display_type_rich = _display_type  # type: ignore[method-assign,assignment]
TyperArgument.display_type_rich = _display_type  # type: ignore[method-assign,assignment]
