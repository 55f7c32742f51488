"""Small, security-relevant helpers the HTML report is built on.

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
from collections.abc import Sequence
from dataclasses import dataclass
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
