"""The ``narratrace`` command line. It parses arguments and calls the same functions a Python user calls.

Each analysis stage contributes its own commands through a ``register(app)`` function in its
``cli.py`` so this module stays a table of contents, not a second implementation.
"""

from __future__ import annotations

import typer

app = typer.Typer(
    name="narratrace",
    help=(
        "Narrative forensics on news. Ingest articles (text, HTML, JSONL/CSV, WARC, RSS/Atom), "
        "clean them, find shared text and who copied whom, and write a report.\n\n"
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


def _register_stages() -> None:
    # Imported here so that `narratrace --help` stays fast and a stage with a missing optional
    # dependency does not take the whole CLI down with it.
    from narratrace import pipeline_cli

    pipeline_cli.register(app)
    for module_name in ("narratrace.reuse.cli", "narratrace.techniques.cli"):
        try:
            module = __import__(module_name, fromlist=["register"])
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        module.register(app, train_app, evaluate_app)


def main() -> None:
    _register_stages()
    app()


if __name__ == "__main__":
    main()
