"""Reading an analysis.json document defensively, and the security-relevant helpers every report view uses.

The document may come from a file someone else wrote, so every field is read defensively: a missing or
mistyped field yields an empty value, never an exception. Stage views (``narratrace/*/report_view.py``) and
the report build on these; nothing here produces HTML, except ``json_for_script``'s script-safe JSON.

* ``segment_text`` cuts a text at every boundary of a set of (possibly overlapping or
  nested) intervals, so each piece can be wrapped in exactly one element: overlapping
  highlights then never produce crossed tags, and the text itself always goes through the
  template's autoescaping.
* ``json_for_script`` serialises data for ``<script type="application/json">`` so that an
  article containing ``</script>`` cannot end the script element early.
* ``safe_url`` keeps only http(s) links: ``javascript:`` and ``data:`` URLs are never rendered.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

# Inside a JSON string these escapes are equivalent to the raw characters, so JSON.parse
# returns the same data; outside of JSON strings the characters cannot occur.
_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def json_for_script(data: Any) -> Markup:
    """JSON that is safe to place verbatim between ``<script type="application/json">`` tags."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str, allow_nan=False)
    for raw, escaped in _SCRIPT_ESCAPES.items():
        text = text.replace(raw, escaped)
    return Markup(text)


def safe_url(value: Any) -> str | None:
    """``value`` when it is an absolute http(s) URL with a host, else None (rendered as plain text)."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    # Browsers ignore control characters and whitespace inside a scheme ("java\tscript:"),
    # so a URL containing any is not worth the risk.
    if not url or any(ord(ch) < 0x21 or ch == "\x7f" for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


@dataclass(frozen=True)
class Segment:
    """A piece of text and the indices of the intervals that cover all of it.

    A zero-length interval (an insertion point) yields a segment with empty ``text``.
    """

    text: str
    marks: tuple[int, ...]


def clamp_span(start: Any, end: Any, length: int) -> tuple[int, int] | None:
    """``(start, end)`` as ints clamped to ``[0, length]``, or None when not a usable span."""
    if isinstance(start, bool) or isinstance(end, bool):
        return None
    if not isinstance(start, int | float) or not isinstance(end, int | float):
        return None
    if not (math.isfinite(start) and math.isfinite(end)):
        return None
    lo, hi = max(0, min(int(start), length)), max(0, min(int(end), length))
    return (lo, hi) if lo <= hi else None


def segment_text(text: str, intervals: Sequence[tuple[int, int]]) -> list[Segment]:
    """Split ``text`` at every interval boundary; each segment lists the intervals covering it.

    Intervals are clamped to the text; ones with start > end are ignored. The sweep is
    O((n + k) log k) plus the size of the output, so thousands of spans stay cheap.
    """
    length = len(text)
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    points: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(intervals):
        span = clamp_span(start, end, length)
        if span is None:
            continue
        lo, hi = span
        if lo == hi:
            points.setdefault(lo, []).append(index)
        else:
            starts.setdefault(lo, []).append(index)
            ends.setdefault(hi, []).append(index)
    boundaries = sorted({0, length, *starts, *ends, *points})
    active: set[int] = set()
    segments: list[Segment] = []
    for position, next_position in zip(boundaries, [*boundaries[1:], None], strict=True):
        active.difference_update(ends.get(position, ()))
        active.update(starts.get(position, ()))
        for index in points.get(position, ()):
            segments.append(Segment("", (index,)))
        if next_position is not None and next_position > position:
            segments.append(Segment(text[position:next_position], tuple(sorted(active))))
    return segments


@dataclass(frozen=True)
class ReportOptions:
    """Caps that keep the report usable in a browser when the corpus is large.

    Everything beyond a cap is still in analysis.json and the exports; the report says so.
    """

    max_articles: int = 2000  # rows in the articles table
    max_pairs: int = 300  # reuse pairs drawn side by side
    max_technique_articles: int = 300  # articles whose full text is shown with technique highlights
    max_spans_per_article: int = 3000
    max_outlet_columns: int = 12


def as_list(value: Any) -> list[Any]:
    """Lists and tuples (a document straight from ``build_analysis_document`` still has tuples)."""
    if isinstance(value, list):
        return value
    return list(value) if isinstance(value, tuple) else []


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def as_text(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def as_number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if value == value and abs(value) != float("inf") else None


def as_int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


@dataclass(frozen=True)
class ArticleRef:
    id: str
    outlet: str
    title: str
    file: str = ""  # the file the article came from, when it is the only article of that file

    @property
    def label(self) -> str:
        if self.outlet and self.title:
            return f"{self.outlet}: {self.title}"
        return self.title or self.outlet or self.file or self.id

    @property
    def heading(self) -> str:
        """The title, else the file's name, else "(no title)": beside the outlet and the id, which are shown apart."""
        return self.title or self.file or "(no title)"

    @property
    def short(self) -> str:
        """The outlet when known, else a shortened title, else its file's name, else the start of the id."""
        if self.outlet:
            return self.outlet
        return _shortened(self.title or self.file, 48) if self.title or self.file else self.id[:12]


def article_refs(doc: Mapping[str, Any]) -> dict[str, ArticleRef]:
    """Each article's id, outlet, title and, where no other article came from the same file, the file's name: an
    untitled text file is known to its user by that name ("002_713bd97f.txt"), not by its id."""
    records = [as_dict(record) for record in as_list(doc.get("articles"))]
    paths = Counter(as_text(record.get("source_path")) for record in records)
    refs: dict[str, ArticleRef] = {}
    for record in records:
        article_id, path = as_text(record.get("id")), as_text(record.get("source_path"))
        file = PurePath(path).name if path and paths[path] == 1 else ""
        refs[article_id] = ArticleRef(article_id, as_text(record.get("outlet")), as_text(record.get("title")), file)
    return refs


def ref_for(refs: Mapping[str, ArticleRef], article_id: Any) -> ArticleRef:
    key = as_text(article_id)
    return refs.get(key) or ArticleRef(key, "", "")


def distinct_names(refs: Mapping[str, ArticleRef], article_ids: Sequence[str]) -> dict[str, str]:
    """Each article's ``short`` name, told apart where several of ``article_ids`` share one: "wash-post copies
    wash-post" says nothing, so an outlet's articles take a shortened title ("wash-post: Thin-skinned Trump…"),
    else their file or id; names still alike take the start of the id."""
    shorts = {article_id: ref_for(refs, article_id).short for article_id in article_ids}
    shared = {name for name, count in Counter(shorts.values()).items() if count > 1}
    names = {}
    for article_id, short in shorts.items():
        ref = ref_for(refs, article_id)
        detail = ref.title if ref.outlet else ""
        detail = detail or ref.file or ref.id[:12]
        names[article_id] = f"{short}: {_shortened(detail, 32)}" if short in shared else short
    alike = {name for name, count in Counter(names.values()).items() if count > 1}
    return {key: f"{name} [{key[:6]}]" if name in alike else name for key, name in names.items()}


def _shortened(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def name_ids(text: str, names: Mapping[str, str]) -> str:
    """``text`` with each article id in ``names`` replaced by its name: whole ids only ("1" is not the start of
    "10", nor a part of "v1.2")."""
    names = {article_id: name for article_id, name in names.items() if article_id}  # "" would match everywhere
    if not names:
        return text
    ids = "|".join(re.escape(article_id) for article_id in sorted(names, key=len, reverse=True))
    return re.sub(rf"(?<![\w.-])(?:{ids})(?![\w-]|[.,]\w)", lambda m: names[m.group()], text)


def story_title(story: Mapping[str, Any], refs: Mapping[str, ArticleRef]) -> str:
    """A story summary's title, else the name of its first article (a story of untitled articles would
    otherwise be headed by its hash id or by nothing)."""
    first = story.get("first_article")
    return as_text(story.get("title")) or (ref_for(refs, first).short if first else "") or "(untitled)"
