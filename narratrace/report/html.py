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

from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from narratrace import stages as registry
from narratrace.analysis import AnyStage, ReportSection
from narratrace.document import ReportOptions, article_refs, as_text, json_for_script
from narratrace.report.view import article_rows, summary


def _environment() -> Environment:
    # The report's own templates first, then each stage's (``<stage package>/templates``, where it has one).
    packages = tuple(dict.fromkeys(type(stage).__module__.rsplit(".", 1)[0] for stage in registry.STAGES))
    return _environment_for(packages)


@cache
def _environment_for(packages: tuple[str, ...]) -> Environment:
    env = Environment(
        loader=ChoiceLoader(
            [PackageLoader("narratrace.report", "templates")]
            + [PackageLoader(p, "templates") for p in packages if files(p).joinpath("templates").is_dir()]
        ),
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

    The page has the corpus summary, the articles, and a section per stage that ran (the document's
    ``stages``; every registered stage for a document that predates that list). Missing fields render as
    "nothing found"; a document that is not a JSON object is rejected with a ValueError, since nothing
    sensible can be shown for it.
    """
    if not isinstance(doc, dict):
        raise ValueError(f"an analysis document must be a JSON object, not {type(doc).__name__}")
    options = options or ReportOptions()
    refs = article_refs(doc)
    env = _environment()
    sections = [s for stage in _stages_in(doc) for s in stage.report(doc, refs, options)]
    scripts = {name: json_for_script(data) for s in sections for name, data in s.scripts.items()}
    script = _static("report.js")
    context = {
        "summary": summary(doc),
        "articles": article_rows(doc, refs, options.max_articles),
        "sections": [(s, _render_section(env, s)) for s in sections],
        "data_scripts": scripts,
        "options": options,
        "css": Markup(_static("report.css")),
        "script": Markup(script),
        "script_hash": _script_hash(script),
    }
    return env.get_template("report.html").render(context)


def _stages_in(doc: dict[str, Any]) -> list[AnyStage]:
    ran = doc.get("stages")
    if not isinstance(ran, list):
        return list(registry.STAGES)
    names = {as_text(name) for name in ran}
    return [stage for stage in registry.STAGES if stage.name in names]


def _render_section(env: Environment, section: ReportSection) -> Markup:
    # Each section renders alone, autoescaped, with only its own values; the result is markup built
    # by our templates, so the page template can place it as it is.
    return Markup(env.get_template(section.template).render(dict(section.context)))


def read_document(path: str | Path) -> dict[str, Any]:
    """Read an analysis.json file; unreadable, non-JSON or non-object files raise ValueError."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"cannot read {path}: {exc}") from exc
    try:
        doc = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path} is not valid JSON: {exc}") from exc
    if not isinstance(doc, dict):
        raise ValueError(f"an analysis document must be a JSON object, not {type(doc).__name__}")
    return doc


def render_report_from_json(path: str | Path, options: ReportOptions | None = None) -> str:
    """Read an analysis.json file and render it; unreadable or invalid files raise ValueError."""
    return render_report(read_document(path), options)
