"""``render_report(doc)``: analysis.json -> one self-contained HTML file (the analyst's main view).

Self-contained means CSS, JS and data are inline: the file works from ``file://``, offline,
and loads nothing from the network. Security model, because article text is hostile input:

* Jinja2 autoescaping is on for every template; no user string is ever marked safe.
* Data for the JS goes through ``json_for_script`` into ``<script type="application/json">``.
* Links are rendered only for http(s) URLs (``safe_url``).
* A Content-Security-Policy allows only our own inline script (by its hash) and no network
  at all, so even a missed escape could not run injected script or fetch anything.
"""

from __future__ import annotations

import base64
import hashlib
import json
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from narratrace.report.reuse_view import cluster_views, pair_views
from narratrace.report.segments import json_for_script
from narratrace.report.technique_view import technique_section
from narratrace.report.view import (
    ReportOptions,
    article_refs,
    article_rows,
    as_list,
    edge_rows,
    network_data,
    summary,
)


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("narratrace.report", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html", "j2"), default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pct"] = lambda value: "" if value is None else f"{100 * value:.0f}%"
    env.filters["num"] = _number
    return env


def _number(value: Any, digits: int = 2) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "" if value is None else str(value)
    return f"{value:.{digits}f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


@cache
def _static(name: str) -> str:
    return files("narratrace.report").joinpath("static", name).read_text(encoding="utf-8")


def _script_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def render_report(doc: dict[str, Any], options: ReportOptions | None = None) -> str:
    """Render an ``analysis.json`` document (a plain dict) as one HTML page.

    Missing sections render as "nothing found"; a document that is not a JSON object is
    rejected with a ValueError, since nothing sensible can be shown for it.
    """
    if not isinstance(doc, dict):
        raise ValueError(f"an analysis document must be a JSON object, not {type(doc).__name__}")
    options = options or ReportOptions()
    refs = article_refs(doc)
    network = network_data(doc, refs)
    techniques = technique_section(doc, refs, options)
    script = _static("report.js")
    context = {
        "summary": summary(doc),
        "articles": article_rows(doc, options.max_articles),
        "pairs": pair_views(doc, refs, options.max_pairs),
        "total_pairs": len(as_list(doc.get("reuse"))),
        "clusters": cluster_views(doc, refs),
        "network": network,
        "edge_rows": edge_rows(network),
        "techniques": techniques,
        "options": options,
        "css": Markup(_static("report.css")),
        "script": Markup(script),
        "script_hash": _script_hash(script),
        "network_json": json_for_script(network),
        "spans_json": json_for_script(techniques.span_data),
    }
    return _environment().get_template("report.html").render(context)


def render_report_from_json(path: str | Path, options: ReportOptions | None = None) -> str:
    """Read an analysis.json file and render it; unreadable or invalid files raise ValueError."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"cannot read {path}: {exc}") from exc
    try:
        doc = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path} is not valid JSON: {exc}") from exc
    return render_report(doc, options)
