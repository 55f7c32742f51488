"""Small builders shared by the ingest tests (fixtures are written into tmp_path, never shared data)."""

from __future__ import annotations

import io
from pathlib import Path

from narratrace.ingest import Article, ReadError, ReadOptions, read_paths

BODY = (
    "The minister said on Tuesday that the talks with the opposition had failed again, "
    "and that new elections could not be ruled out before the end of the year. "
)


def article_html(
    title: str = "Talks fail again", paragraphs: int = 6, extra_head: str = "", extra_body: str = ""
) -> str:
    body = "".join(f"<p>{BODY}Paragraph {i} adds its own detail about the negotiations.</p>" for i in range(paragraphs))
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title} | Example Times</title>{extra_head}</head>"
        f"<body><nav><a href='/'>Home</a><a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>{extra_body}<footer>© Example Times</footer></body></html>"
    )


def read_all(*paths: Path | str, options: ReadOptions | None = None) -> tuple[list[Article], list[ReadError]]:
    articles: list[Article] = []
    errors: list[ReadError] = []
    for item in read_paths(list(paths), options or ReadOptions()):
        (errors if isinstance(item, ReadError) else articles).append(item)  # type: ignore[arg-type]
    return articles, errors


def write_warc(path: Path, pages: list[tuple[str, str, str]], gzip: bool = False) -> bytes:
    """A WARC with one response record per (url, status line, html); returns its bytes."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    for url, status, html in pages:
        headers = StatusAndHeaders(status, [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()), http_headers=headers)
        writer.write_record(record)
    request = writer.create_warc_record(
        "https://www.example.com/x", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
    )
    writer.write_record(request)
    data = buffer.getvalue()
    path.write_bytes(data)
    return data
