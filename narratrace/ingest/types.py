"""The small records the readers share: what went wrong with an input, and how to read inputs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

MEGABYTE = 1024 * 1024
# The Article fields a JSONL/CSV corpus can fill; ``ReadOptions.field_map`` renames them.
TABULAR_FIELDS = ("id", "url", "outlet", "title", "published", "text")
FORMATS = ("text", "html", "jsonl", "json", "csv", "tsv", "warc", "feed")


@dataclass(frozen=True)
class ReadError:
    """An input (or one record inside it) that could not be turned into an Article.

    ``reason`` is a sentence a researcher can act on ("file is empty", "line 12 is not valid
    JSON: ..."), not a traceback: a corpus of hostile pages must yield a readable error list.
    """

    source_path: str
    reason: str


@dataclass(frozen=True)
class ReadOptions:
    """How to read a batch of inputs.

    ``field_map`` maps narratrace's field name to the input's column for JSONL/CSV
    (``{"outlet": "series", "published": "date"}``). ``max_file_bytes`` caps one
    single-article file (text, HTML, a feed, one WARC/JSONL record), because those are read
    whole into memory. ``max_decompressed_bytes`` caps what one compressed file may expand
    to, so a decompression bomb stops early instead of filling memory or disk. ``format``
    forces a reader ("text", "html", "jsonl", "json", "csv", "tsv", "warc", "feed") instead
    of detecting one from the extension and the first bytes.
    """

    field_map: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    max_file_bytes: int = 25 * MEGABYTE
    max_decompressed_bytes: int = 200 * MEGABYTE
    format: str | None = None

    def __post_init__(self) -> None:
        # Wrong options are a caller's mistake, not a bad file: fail loudly before reading anything.
        if self.format is not None and self.format not in FORMATS:
            raise ValueError(f"unknown input format {self.format!r}; expected one of {', '.join(FORMATS)}")
        unknown = sorted(set(self.field_map) - set(TABULAR_FIELDS))
        if unknown:
            raise ValueError(f"field_map keys must be among {', '.join(TABULAR_FIELDS)}; got {', '.join(unknown)}")
        if self.max_file_bytes <= 0 or self.max_decompressed_bytes <= 0:
            raise ValueError("max_file_bytes and max_decompressed_bytes must be positive")


class InputRejected(Exception):
    """Raised inside a reader when an input cannot be read; the dispatcher turns it into a ReadError.

    The message must already be the human sentence that ends up in ``ReadError.reason``.
    """
