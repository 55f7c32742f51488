"""Ingest stage: turn files of any supported format into ``Article`` records.

>>> from narratrace.ingest import read_paths, ReadError
>>> for item in read_paths(["../shared/seeds"]):  # doctest: +SKIP
...     print(item.reason if isinstance(item, ReadError) else item.title)

Formats: plain text (``.txt``), HTML (``.html``), JSONL/JSON/CSV/TSV corpora, WARC (``.warc``,
``.warc.gz``) and RSS/Atom feeds; any of them may be gzipped. A bad input never stops a batch:
it becomes a ``ReadError`` and reading goes on with the next file (or record).
File naming conventions for outlets and ``NAME.meta.json`` sidecars: see ``narratrace.ingest.outlet``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from narratrace.ingest.article import Article, content_id
from narratrace.ingest.detect import check_regular_file, detect_format, input_files, iter_input_files
from narratrace.ingest.types import FORMATS, InputRejected, ReadError, ReadOptions

__all__ = ["FORMATS", "Article", "ReadError", "ReadOptions", "content_id", "input_files", "read_paths"]

Reader = Callable[[Path, ReadOptions], Iterator[Article | ReadError]]
DEFAULT_OPTIONS = ReadOptions()


def _reader_for(format_name: str) -> Reader:
    # Imported on demand: trafilatura and feedparser are slow to import and most batches need one reader.
    if format_name == "text":
        from narratrace.ingest.plaintext import read_plaintext

        return lambda path, options: iter([read_plaintext(path, options)])
    if format_name == "html":
        from narratrace.ingest.html import read_html_file

        return lambda path, options: iter([read_html_file(path, options)])
    if format_name in ("jsonl", "json", "csv", "tsv"):
        from narratrace.ingest.tabular import read_tabular

        return lambda path, options: read_tabular(path, options, format_name)
    if format_name == "warc":
        from narratrace.ingest.warc import read_warc

        return read_warc
    if format_name == "feed":
        from narratrace.ingest.feeds import read_feed

        return read_feed
    raise ValueError(f"unknown input format {format_name!r}; expected one of {', '.join(FORMATS)}")


def read_file(path: Path, options: ReadOptions = DEFAULT_OPTIONS) -> Iterator[Article | ReadError]:
    """Articles of one file; every failure, expected or not, becomes a ReadError for this file."""
    source = str(path)
    try:
        check_regular_file(path)
        format_name = detect_format(path, options)
        reader = _reader_for(format_name)
        yield from reader(path, options)
    except InputRejected as exc:
        yield ReadError(source, str(exc))
    except OSError as exc:
        yield ReadError(source, f"cannot read the file: {exc.strerror or exc}")
    except Exception as exc:  # a parser bug on one hostile file must not end the batch
        yield ReadError(source, f"unexpected {type(exc).__name__} while reading: {exc}"[:500])


def read_paths(
    paths: Iterable[str | Path] | str | Path, options: ReadOptions = DEFAULT_OPTIONS
) -> Iterator[Article | ReadError]:
    """Articles from files and folders (recursively, sorted); bad inputs yield ReadError and reading continues."""
    if isinstance(paths, str | Path):
        paths = [paths]
    for path in iter_input_files(paths):
        yield from read_file(path, options)
