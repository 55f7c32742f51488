"""The ``narratrace`` command line. It parses arguments and calls the same functions a Python user calls.

Each module of this package registers its commands (``register(app, …)``): ``pipeline`` (ingest, analyze,
reuse, report) and one per stage with commands of its own. The commands only parse arguments and print;
the work is in the library.
"""

from __future__ import annotations

import os
import sys

import typer

app = typer.Typer(
    name="narratrace",
    help=(
        "Narrative forensics on news. Ingest articles (text, HTML, JSONL/CSV, WARC, RSS/Atom), "
        "clean them, find shared text and who copied whom, how each is told, and write a report.\n\n"
        "Start with:  narratrace analyze ../shared/seeds --out out"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)
train_app = typer.Typer(help="Train narratrace's models from labelled data.", no_args_is_help=True)
evaluate_app = typer.Typer(help="Score narratrace's models on labelled data.", no_args_is_help=True)
app.add_typer(train_app, name="train")
app.add_typer(evaluate_app, name="evaluate")


def _register_commands() -> None:
    # Imported here so that `narratrace --help` stays fast.
    from narratrace.cli import attribution, pipeline, serve, techniques

    pipeline.register(app)
    serve.register(app)
    techniques.register(app, train_app, evaluate_app)
    attribution.register(train_app, evaluate_app)


# Failures a user can cause and fix (a bad file, path, store or value): one line, not a traceback.
_USER_ERRORS: tuple[type[BaseException], ...] = (OSError, ValueError, RuntimeError, OverflowError, RecursionError)


def main() -> None:
    """Run the CLI; an error escaping a command prints one line and exits 1.

    Commands check their options up front, but hostile input reaches places no option check sees (a
    store that is not a database, a span past the end of its text). ``NARRATRACE_DEBUG=1`` shows the
    traceback instead.
    """
    _register_commands()
    try:
        app()
    except Exception as exc:
        if os.environ.get("NARRATRACE_DEBUG"):
            raise
        from rich.markup import escape

        from narratrace.console import console

        kind = "error" if _is_user_error(exc) else f"internal error ({type(exc).__name__}; please report it)"
        console.print(f"[red]{kind}:[/red] {escape(str(exc) or type(exc).__name__)}", highlight=False)
        console.print("rerun with NARRATRACE_DEBUG=1 to see the traceback", style="dim")
        sys.exit(1)


def _is_user_error(exc: Exception) -> bool:
    from sqlalchemy.exc import SQLAlchemyError  # database errors (not a database, server down) are the user's to fix

    return isinstance(exc, (*_USER_ERRORS, SQLAlchemyError))


if __name__ == "__main__":
    main()
