"""The one record every reader yields and every later stage consumes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Article:
    """A news article as read from its source, before any cleaning.

    ``text`` is the article body exactly as the reader produced it (for HTML, the
    extractor's output). Every offset any later stage reports points into this
    string, so it is never modified after ingest.
    """

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None  # ISO-8601 date (YYYY-MM-DD) or datetime, as found
    source_path: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_content(
        cls,
        text: str,
        title: str | None = None,
        outlet: str | None = None,
        url: str | None = None,
        published: str | None = None,
        source_path: str | None = None,
        metadata: dict[str, Any] | None = None,
        own_id: str | None = None,
    ) -> Article:
        """An article whose id is derived from its content (see ``content_id``), unless the input
        gave one of its own (``own_id``: a JSONL/CSV ``id`` field is kept as is)."""
        return cls(
            id=own_id or content_id(text, title, outlet, url),
            text=text,
            title=title,
            outlet=outlet,
            url=url,
            published=published,
            source_path=source_path,
            metadata=metadata if metadata is not None else {},
        )


def content_id(text: str, title: str | None = None, outlet: str | None = None, url: str | None = None) -> str:
    """A stable id derived from what makes an article itself.

    The file path is deliberately left out: the same page read from two copies of a
    dump is one article. The outlet and URL are in: an exact copy republished by a
    second outlet is a second article, and finding it is the point of narratrace.
    """
    digest = hashlib.sha256()
    for part in (outlet or "", url or "", title or "", text):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return digest.hexdigest()[:16]
