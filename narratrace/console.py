"""The CLI's stderr console, progress bars and option checks, shared by every command (stdout stays for data)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

console = Console(stderr=True)
T = TypeVar("T")


def checked_option(
    check: Callable[[T], object], value: T, option: str, errors: tuple[type[Exception], ...] = (ValueError,)
) -> T:
    """``value`` if ``check(value)`` passes; a usage error naming ``option`` if it raises one of ``errors``.

    Options are checked before any long work starts (loading a model, labelling texts), so a typo costs
    nothing.
    """
    try:
        check(value)
    except errors as exc:
        raise typer.BadParameter(str(exc), param_hint=option) from None
    return value


def progress_bar() -> Progress:
    """A transient bar per task: description, bar, done/total, elapsed time and the time left (ETA)."""
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    )
