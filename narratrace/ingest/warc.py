"""WARC archives (plain or gzipped): each HTML page fetched with status 200 becomes an Article.

Records are streamed, so archive size only costs time. Requests, metadata, redirects,
errors and non-HTML payloads are skipped silently: they are not articles. A page that fails
(too large, no article text) is one ReadError; a truncated archive keeps every record before
the cut and then reports the rest as one ReadError.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from narratrace.ingest.article import Article
from narratrace.ingest.decode import decode_text, megabytes, open_input
from narratrace.ingest.html import declared_charset, read_html
from narratrace.ingest.types import InputRejected, ReadError, ReadOptions

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _is_html_page(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = (record.http_headers.get_statuscode() or "").strip()
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return status == "200" and content_type.startswith(_HTML_TYPES)


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip("'\"") or None
    return None


def _drain(record: Any) -> int:
    """Read the rest of a record; return how many of its declared bytes are missing (truncation)."""
    while record.raw_stream.read(1024 * 1024):
        pass
    return int(getattr(record.raw_stream, "limit", 0) or 0)


def read_warc(path: Path, options: ReadOptions) -> Iterator[Article | ReadError]:
    """Articles from the HTML response records of a WARC file."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    source = str(path)
    if path.stat().st_size == 0:
        raise InputRejected("file is empty")
    pages = 0
    truncated = False
    with open_input(path, options) as stream:
        if not stream.peek(5)[:5] == b"WARC/":
            raise InputRejected("not a WARC file (it does not start with a WARC/1.x record)")
        try:
            for number, record in enumerate(ArchiveIterator(stream), start=1):
                page = _read_record(record, number, source, options) if _is_html_page(record) else None
                if _drain(record) > 0:
                    # A cut gzip stream explains itself when the ``with`` block ends; say it once.
                    if getattr(stream.raw, "failure", None) is None:
                        yield ReadError(source, f"the archive is truncated inside record {number}; the rest is missing")
                    truncated = True
                    break
                if page is not None:
                    pages += 1
                    yield page
        except ArchiveLoadFailed as exc:
            message = str(exc).splitlines()[0] if str(exc) else "unreadable record"
            yield ReadError(source, f"unreadable record after {pages} page(s): {message}")
            return
        except (AttributeError, ValueError):  # warcio trips over a record header cut short
            yield ReadError(source, f"the archive is truncated inside a record header after {pages} page(s)")
            return
    if pages == 0 and not truncated:
        yield ReadError(source, "the archive holds no HTML pages with status 200")


def _read_record(record: Any, number: int, source: str, options: ReadOptions) -> Article | ReadError:
    uri = record.rec_headers.get_header("WARC-Target-URI")
    where = f"record {number} ({uri or 'no URI'})"
    try:
        payload = record.content_stream().read(options.max_file_bytes + 1)
        if len(payload) > options.max_file_bytes:
            raise InputRejected(f"page is larger than {megabytes(options.max_file_bytes)}, the limit")
        if not payload.strip():
            raise InputRejected("page is empty")
        content_type = record.http_headers.get_header("Content-Type") or ""
        decoded = decode_text(payload, _charset(content_type) or declared_charset(payload))
        metadata: dict[str, Any] = {
            "format": "warc",
            "warc_record_id": record.rec_headers.get_header("WARC-Record-ID"),
            "warc_date": record.rec_headers.get_header("WARC-Date"),
            **decoded.metadata(),
        }
        return read_html(decoded.text, url=uri, source_path=source, metadata=metadata)
    except InputRejected as exc:
        return ReadError(source, f"{where}: {exc}")
    except Exception as exc:  # one hostile page must not end the archive
        return ReadError(source, f"{where}: unexpected {type(exc).__name__}: {exc}"[:500])
