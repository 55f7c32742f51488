"""The one record every reader yields and every later stage consumes."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

# A lone UTF-16 surrogate ("\ud800" in JSON, "&#xD800;" in a feed) is a valid Python character but no
# encoding can write it: one in a batch would make the store refuse the whole batch.
_SURROGATE = re.compile("[\ud800-\udfff]")


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
        gave one of its own (``own_id``: a JSONL/CSV ``id`` field is kept as is).

        Lone surrogates become U+FFFD (one character for one, so offsets hold), and ``metadata`` says so
        under ``decode_warning``, as for undecodable bytes."""
        fields = (text, title, outlet, url, published, own_id)
        clean = tuple(_without_surrogates(v) for v in fields)
        metadata = _without_surrogates(metadata) if metadata is not None else {}
        if clean != fields and "decode_warning" not in metadata:
            metadata["decode_warning"] = "invalid characters (lone UTF-16 surrogates) replaced by U+FFFD"
        text, title, outlet, url, published, own_id = clean
        return cls(
            id=own_id or content_id(text, title, outlet, url),
            text=text,
            title=title,
            outlet=outlet,
            url=url,
            published=published,
            source_path=source_path,
            metadata=metadata,
        )


def _without_surrogates(value: Any) -> Any:
    """``value`` with lone surrogates replaced by U+FFFD, in strings inside dicts and lists too."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {_without_surrogates(k): _without_surrogates(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_without_surrogates(v) for v in value)
    return value


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
