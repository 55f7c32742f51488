"""``narratrace serve``: one analysis over HTTP, read-only (the work is in ``narratrace.serve``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from narratrace.console import console

_LOOPBACK = ("127.0.0.1", "localhost", "::1")


def serve(
    source: Annotated[
        Path,
        typer.Argument(
            help="An analysis.json, or the --out folder of `narratrace analyze` that holds one.",
            exists=True,
            metavar="ANALYSIS",
        ),
    ],
    host: Annotated[
        str, typer.Option(help="Address to listen on; the default answers this machine only.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Serve an analysis read-only: the report at /, JSON under /api, the API described at /openapi.json.

    \b
    Ask it what a script needs:
      /api/pairs?kind=copy         copies, most shared text first
      /api/articles/ID             an article, its copies, claims, labels
      /api/claims?min_articles=3   claims in 3+ articles, their origins
      /api/stories/ID              a story's articles by date, framing
      /api/framing?entity=NAME     how each outlet labels NAME
      /api/network                 the outlet content-sharing network
    Lists take offset and limit. Nothing is written; Ctrl-C stops it.

    \b
    Example:
      narratrace analyze ../shared/seeds --out out && narratrace serve out
    """
    import uvicorn

    from narratrace.report.html import read_document
    from narratrace.serve import create_app

    path = source / "analysis.json" if source.is_dir() else source
    try:
        doc = read_document(path)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="ANALYSIS") from None
    if host not in _LOOPBACK:
        console.print(f"[yellow]listening on {host}: anyone who reaches this machine can read the analysis[/yellow]")
    console.print(f"serving {path} at http://{host}:{port}/ (API at /api, described at /openapi.json); Ctrl-C stops")
    uvicorn.run(create_app(doc), host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    app.command()(serve)
