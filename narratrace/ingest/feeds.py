"""RSS and Atom feeds: one Article per entry that carries article text.

Feeds are read whole (feedparser needs the document), so a feed file shares the
single-file cap ``max_file_bytes``. feedparser only ever gets bytes, never a path or URL
string, so reading a feed can never trigger a network fetch.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from narratrace.ingest.article import Article
from narratrace.ingest.dates import normalize_date
from narratrace.ingest.decode import check_not_binary, read_whole
from narratrace.ingest.html import html_fragment_to_text
from narratrace.ingest.outlet import outlet_from_url
from narratrace.ingest.types import InputRejected, ReadError, ReadOptions

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _entry_body(entry: Any) -> tuple[str, str]:
    """(text, which field it came from): full content when the feed has it, else the summary."""
    candidates: list[tuple[Any, str]] = [(part, "content") for part in entry.get("content") or []]
    if entry.get("summary_detail"):
        candidates.append((entry["summary_detail"], "summary"))
    for detail, field_name in candidates:
        value = detail.get("value") or ""
        if not value.strip():
            continue
        is_html = (detail.get("type") or "text/html").lower() in _HTML_TYPES or "<" in value
        text = html_fragment_to_text(value) if is_html else value.strip()
        if text.strip():
            return text, field_name
    return "", ""


def _entry_title(entry: Any) -> str | None:
    detail = entry.get("title_detail") or {}
    title = entry.get("title") or ""
    if (detail.get("type") or "").lower() in _HTML_TYPES:
        title = html_fragment_to_text(title)
    return " ".join(title.split()) or None


def _entry_published(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        if entry.get(key):
            return normalize_date(entry[key])
    return normalize_date(entry.get("published") or entry.get("updated"))


def read_feed(path: Path, options: ReadOptions) -> Iterator[Article | ReadError]:
    """Articles from the entries of an RSS/Atom feed file."""
    import feedparser

    data = read_whole(path, options)
    check_not_binary(data)
    parsed = feedparser.parse(data)
    source = str(path)
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        reason = f"not a readable RSS/Atom feed ({problem})" if problem else "the feed has no entries"
        raise InputRejected(reason)
    feed_title = " ".join((parsed.feed.get("title") or "").split()) or None
    feed_link = parsed.feed.get("link")
    for number, entry in enumerate(parsed.entries, start=1):
        text, body_field = _entry_body(entry)
        link = entry.get("link") or None
        if not text.strip():
            yield ReadError(source, f"entry {number} ({link or 'no link'}) has no content or summary text")
            continue
        title = _entry_title(entry)
        outlet = outlet_from_url(link) or outlet_from_url(feed_link) or feed_title
        metadata: dict[str, Any] = {"format": "feed", "entry": number, "body_field": body_field}
        if entry.get("id"):
            metadata["guid"] = entry["id"]
        if feed_title:
            metadata["feed_title"] = feed_title
        if entry.get("author"):
            metadata["author"] = entry["author"]
        yield Article.from_content(
            text=text,
            title=title,
            outlet=outlet,
            url=link,
            published=_entry_published(entry),
            source_path=source,
            metadata=metadata,
        )
