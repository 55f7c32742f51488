"""JSONL, JSON and CSV/TSV corpora: one article per line, item or row.

Large corpora are streamed: memory stays bounded by one record, never the file. A bad record
is one ReadError (with its line/row number) and reading goes on; a file whose first records
are all bad is abandoned early, because it is almost certainly not a corpus of this format.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, Any, AnyStr

from narratrace.ingest.article import Article
from narratrace.ingest.dates import normalize_date
from narratrace.ingest.decode import bom_encoding, check_not_binary, decode_text, megabytes, open_input
from narratrace.ingest.outlet import outlet_from_url
from narratrace.ingest.types import TABULAR_FIELDS, InputRejected, ReadError, ReadOptions

# This many bad records before the first good one means the file is not what its name says.
_MAX_LEADING_ERRORS = 20
_ENCODING_SAMPLE = 64 * 1024


def read_tabular(path: Path, options: ReadOptions, format_name: str) -> Iterator[Article | ReadError]:
    """Articles from a JSONL/JSON/CSV/TSV file, using ``options.field_map`` to find each field."""
    if path.stat().st_size == 0:
        raise InputRejected("file is empty")
    if format_name in ("csv", "tsv"):
        records = _csv_records(path, options, delimiter="\t" if format_name == "tsv" else None)
    elif format_name == "json" and _starts_with_bracket(path, options):
        records = _json_document_records(path, options)
    elif format_name == "json" and not _first_line_is_json(path, options):
        # One pretty-printed object is one article: capped like any single-article file.
        records = _json_document_records(path, options, max_bytes=options.max_file_bytes)
    else:
        records = _jsonl_records(path, options)
    yield from _articles(records, path, options, format_name)


def _articles(
    records: Iterator[tuple[str, Mapping[str, Any] | str]], path: Path, options: ReadOptions, format_name: str
) -> Iterator[Article | ReadError]:
    source = str(path)
    good = bad = 0
    for location, record in records:
        try:
            if isinstance(record, str):
                raise InputRejected(record)
            article = record_to_article(record, options.field_map, source, {"format": format_name, "record": location})
        except InputRejected as exc:
            bad += 1
            yield ReadError(source, f"{location}: {exc}")
            if good == 0 and bad >= _MAX_LEADING_ERRORS:
                yield ReadError(source, f"stopped after {bad} bad records and no good one: not a {format_name} corpus?")
                return
            continue
        good += 1
        yield article
    if good == 0 and bad == 0:
        yield ReadError(source, "file has no records")


def _text_value(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict | list):
        return None
    text = str(value).strip()
    return text or None


def record_to_article(
    record: Mapping[str, Any], field_map: Mapping[str, str], source_path: str, metadata: dict[str, Any]
) -> Article:
    """One Article from a record; columns not used for an Article field are kept in ``metadata``."""
    columns = {name: field_map.get(name, name) for name in TABULAR_FIELDS}
    text = record.get(columns["text"])
    if not isinstance(text, str):
        missing = "has no" if text is None else "has a non-text"
        raise InputRejected(f"record {missing} {columns['text']!r} field (the article text)")
    if not text.strip():
        raise InputRejected(f"record has an empty {columns['text']!r} field")
    if "\x00" in text:  # PostgreSQL refuses NUL in text, and no article contains one
        raise InputRejected(f"record's {columns['text']!r} field contains NUL characters (binary data?)")
    url = _text_value(record.get(columns["url"]))
    title = _text_value(record.get(columns["title"]))
    outlet = _text_value(record.get(columns["outlet"])) or outlet_from_url(url)
    raw_date = record.get(columns["published"])
    published = normalize_date(raw_date)
    extra = {key: value for key, value in record.items() if key not in columns.values()}
    metadata = {**metadata, **extra}
    if raw_date not in (None, "") and published is None:
        metadata["published_raw"] = raw_date
    return Article.from_content(
        text, title, outlet, url, published, source_path, metadata, own_id=_text_value(record.get(columns["id"]))
    )


def _bounded_lines(stream: IO[AnyStr], limit: int, newline: AnyStr) -> Iterator[tuple[int, AnyStr | None]]:
    """(line number, line) per line; None for a line over ``limit`` units, which is skipped, not kept."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(newline):
            while line and not line.endswith(newline):  # drain the rest of the oversized line
                line = stream.readline(1024 * 1024)
            yield number, None
            continue
        yield number, line


def _utf8_lines(stream: io.BufferedReader[Any], limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Lines as UTF-8 bytes; a UTF-16/32 file (known by its BOM) is decoded as a whole, since its
    newlines are not single bytes and splitting on b"\\n" would cut characters in half."""
    encoding = bom_encoding(stream.peek(4)[:4])
    if encoding is None or encoding.startswith("utf-8"):
        yield from _bounded_lines(stream, limit, b"\n")
        return
    text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")
    try:
        for number, line in _bounded_lines(text, limit, "\n"):
            yield number, None if line is None else line.encode("utf-8")
    finally:
        text.detach()  # the caller's ``with`` closes the stream, and checks how reading ended


def _jsonl_records(path: Path, options: ReadOptions) -> Iterator[tuple[str, Mapping[str, Any] | str]]:
    with open_input(path, options) as stream:
        for number, line in _utf8_lines(stream, options.max_file_bytes):
            location = f"line {number}"
            if line is None:
                yield location, f"line is longer than {megabytes(options.max_file_bytes)} and was skipped"
                continue
            if not line.strip():
                continue
            try:
                record = json.loads(decode_text(line).text)
            except InputRejected:
                yield location, "line holds binary data or text in no known encoding"
                continue
            except ValueError as exc:
                yield location, f"not valid JSON ({exc})"
                continue
            except RecursionError:  # hostile nesting ([[[[…]]]]) ends this line, not the file
                yield location, "JSON nested too deeply to read"
                continue
            yield location, record if isinstance(record, dict) else "not a JSON object"


def _starts_with_bracket(path: Path, options: ReadOptions) -> bool:
    with open_input(path, options) as stream:
        return stream.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"[")


def _first_line_is_json(path: Path, options: ReadOptions) -> bool:
    """Whether a ``.json`` file reads as JSON Lines; a pretty-printed document's first line ("{") does not."""
    with open_input(path, options) as stream:
        for _, line in _utf8_lines(stream, options.max_file_bytes):
            if line is not None and line.strip():
                try:
                    json.loads(decode_text(line).text)
                except (ValueError, InputRejected, RecursionError):
                    return False
                return True
    return True


def _json_document_records(
    path: Path, options: ReadOptions, max_bytes: int | None = None
) -> Iterator[tuple[str, Mapping[str, Any] | str]]:
    """Items of a JSON array file, or the one object of a pretty-printed file. It must be parsed whole, so
    a compressed one is capped by max_decompressed_bytes, and any by ``max_bytes`` when given."""
    with open_input(path, options) as stream:
        data = stream.read() if max_bytes is None else stream.read(max_bytes + 1)
    if max_bytes is not None and len(data) > max_bytes:
        raise InputRejected(
            f"JSON document larger than {megabytes(max_bytes)} (--max-file-mb or ReadOptions.max_file_bytes)"
        )
    try:
        document = json.loads(decode_text(data).text)
    except (ValueError, RecursionError) as exc:
        raise InputRejected(f"not valid JSON ({exc})") from exc
    items = document if isinstance(document, list) else [document]
    for number, item in enumerate(items, start=1):
        yield f"item {number}", item if isinstance(item, dict) else "not a JSON object"


def _sniff_encoding(sample: bytes) -> tuple[str, dict[str, str]]:
    """Encoding for a streamed text file, chosen from its first bytes (a split last character is fine)."""
    check_not_binary(sample, max_nul_share=0.01)
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(sample, final=False)
        return "utf-8-sig", {}
    except UnicodeDecodeError:
        decoded = decode_text(sample)
        return decoded.encoding, decoded.metadata()


def _csv_records(
    path: Path, options: ReadOptions, delimiter: str | None
) -> Iterator[tuple[str, Mapping[str, Any] | str]]:
    with open_input(path, options) as stream:
        encoding, decode_metadata = _sniff_encoding(stream.peek(_ENCODING_SAMPLE)[:_ENCODING_SAMPLE])
        text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")
        header_line = text.readline()
        if delimiter is None:
            delimiter = max(",;\t|", key=header_line.count)
        header = next(csv.reader([header_line], delimiter=delimiter), [])
        if not any(name.strip() for name in header):
            raise InputRejected("CSV file has no header row")
        # Article bodies are far longer than csv's default 128 KB field limit.
        csv.field_size_limit(max(options.max_file_bytes, csv.field_size_limit()))
        reader = csv.reader(text, delimiter=delimiter)
        row_number = 1  # the header is row 1, as a spreadsheet shows it
        while True:
            row_number += 1
            location = f"row {row_number}"
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield location, f"broken CSV ({exc})"
                continue
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                yield location, f"row has {len(row)} fields but the header has {len(header)}"
                continue
            yield location, {**dict(zip(header, row, strict=False)), **decode_metadata}
