"""Plain-text articles: an optional headline line or dateline, then the body.

Layout rules (general, for text dumps like ../shared/seeds):

* If the first non-empty line is nothing but a date/time stamp, it is a *header date*: it
  sets ``published`` and stays in ``text`` (the clean stage lists it as boilerplate, and
  keeping it keeps every offset honest).
* Otherwise, if the first line looks like a headline — short, not ending like a sentence,
  followed by a blank line — it becomes ``title`` and ``text`` starts after it;
  ``metadata["text_offset"]`` says where ``text`` starts in the decoded file.
* Everything else is body, verbatim.
"""

from __future__ import annotations

import re
from pathlib import Path

from narratrace.ingest.article import Article
from narratrace.ingest.dates import normalize_date, parse_header_date
from narratrace.ingest.decode import decode_text, read_whole
from narratrace.ingest.outlet import outlet_from_filename, outlet_from_url, read_sidecar
from narratrace.ingest.types import InputRejected, ReadOptions

_MAX_HEADLINE_CHARS = 200
_MAX_HEADLINE_WORDS = 30
# A line ending like this is a sentence or a label, not a headline ("?" and "!" are common in headlines).
_SENTENCE_END = re.compile(r"[.,;:…]['\"’”»)]*$")
_LINE = re.compile(r"[^\n]*(?:\n|$)")


def _lines_with_offsets(text: str) -> list[tuple[int, str]]:
    """(start offset, line without its terminator) for each line; '\\r\\n' counts as one terminator."""
    lines = []
    for match in _LINE.finditer(text):
        if match.start() == len(text) and not match.group():
            break
        lines.append((match.start(), match.group().rstrip("\r\n")))
    return lines


def is_headline(line: str) -> bool:
    """Short, has letters, several words, and does not end like a sentence."""
    stripped = line.strip()
    words = stripped.split()
    return (
        0 < len(stripped) <= _MAX_HEADLINE_CHARS
        and 2 <= len(words) <= _MAX_HEADLINE_WORDS
        and any(char.isalpha() for char in stripped)
        and not _SENTENCE_END.search(stripped)
    )


def split_headline(text: str) -> tuple[str | None, str | None, int]:
    """(header date, headline, offset where the body starts) for a decoded text file."""
    lines = _lines_with_offsets(text)
    first = next((i for i, (_, line) in enumerate(lines) if line.strip()), None)
    if first is None:
        return None, None, 0
    first_line = lines[first][1]
    header_date = parse_header_date(first_line)
    if header_date is not None:
        return header_date, None, 0
    followed_by_blank = first + 1 < len(lines) and not lines[first + 1][1].strip()
    if not followed_by_blank or not is_headline(first_line):
        return None, None, 0
    body = next((i for i in range(first + 1, len(lines)) if lines[i][1].strip()), None)
    if body is None:
        return None, None, 0  # a lone short line is the whole text, not a headline over nothing
    return None, first_line.strip(), lines[body][0]


def read_plaintext(path: Path, options: ReadOptions) -> Article:
    """One Article from a plain-text file (see the module docstring for the layout rules)."""
    decoded = decode_text(read_whole(path, options))
    header_date, title, text_offset = split_headline(decoded.text)
    text = decoded.text[text_offset:]
    if not text.strip():
        raise InputRejected("file has no article text (only whitespace)")
    if header_date is not None and len(text.strip().splitlines()) == 1:
        raise InputRejected("file has only a date line, no article text")
    metadata: dict[str, object] = {"format": "text", **decoded.metadata()}
    if title is not None:
        metadata["text_offset"] = text_offset
    published = header_date
    if header_date is not None:
        metadata["published_source"] = "header_line"

    sidecar = read_sidecar(path)
    url = outlet = None
    if sidecar is not None:
        if sidecar.warning:
            metadata["sidecar_warning"] = sidecar.warning
        url = sidecar.url
        outlet = sidecar.outlet
        if sidecar.title:
            if title is not None:
                metadata["headline_line"] = title
            title = sidecar.title
        sidecar_date = normalize_date(sidecar.published)
        if sidecar_date is not None:
            published = sidecar_date
            metadata["published_source"] = "sidecar"
    if outlet is None:
        outlet = outlet_from_filename(path) or outlet_from_url(url)
    return Article.from_content(
        text=text,
        title=title,
        outlet=outlet,
        url=url,
        published=published,
        source_path=str(path),
        metadata=metadata,
    )
