"""Bytes in, text out: size caps, gzip, binary detection and a best-effort decoding fallback.

Every reader goes through here so that hostile inputs (binary files, bombs, truncated
archives, mislabelled encodings) are refused with the same clear sentences everywhere.
"""

from __future__ import annotations

import codecs
import gzip
import io
import sys
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from narratrace.ingest.types import MEGABYTE, InputRejected, ReadOptions

GZIP_MAGIC = b"\x1f\x8b"
_SNIFF_BYTES = 64 * 1024
# Share of control characters above which bytes are "mostly non-text" even without NULs.
_MAX_CONTROL_SHARE = 0.10
# Control bytes that text does not contain (tab, newlines, form feed, vertical tab and escape are allowed).
_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in b"\t\n\r\f\x0b\x1b")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class DecodedText:
    """Text decoded from bytes, with how it was decoded and what was doubtful about it."""

    text: str
    encoding: str
    warning: str | None = None

    def metadata(self) -> dict[str, str]:
        """The ``encoding``/``decode_warning`` entries for ``Article.metadata``, when worth recording."""
        if self.warning is None and self.encoding in ("utf-8", "ascii"):
            return {}
        entries = {"encoding": self.encoding}
        if self.warning is not None:
            entries["decode_warning"] = self.warning
        return entries


def megabytes(size: int) -> str:
    """A byte count for messages: "25.0 MB", or "3.2 KB" for small ones."""
    if size < MEGABYTE:
        return f"{size / 1024:.1f} KB"
    return f"{size / MEGABYTE:.1f} MB"


class GuardedStream(io.RawIOBase):
    """A readable stream that ends at a byte budget or at broken compressed data, remembering why.

    It reports a clean end-of-file and keeps the reason in ``failure`` instead of raising:
    ``io.BufferedReader`` drops the bytes it already gathered for a read when the raw stream
    raises, and for a truncated archive those bytes are the records we promise to keep.
    ``open_input`` turns ``failure`` into an InputRejected once the caller has read what there was.
    """

    def __init__(self, inner: Any, limit: int, compressed: bool) -> None:
        self._inner = inner
        self._limit = limit
        self._compressed = compressed
        self.bytes_read = 0
        self.failure: str | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self.failure is not None:
            return 0
        wanted = min(len(buffer), self._limit + 1 - self.bytes_read)
        try:
            # read1: one step of decompression per call, so the bytes before a truncation are
            # handed out before gzip raises (its own buffer would drop them otherwise).
            chunk = self._inner.read1(wanted) if self._compressed else self._inner.read(wanted)
        except EOFError:
            self.failure = f"compressed data ends early (the file is truncated) after {megabytes(self.bytes_read)}"
            return 0
        except (gzip.BadGzipFile, zlib.error) as exc:
            self.failure = f"compressed data is corrupt after {megabytes(self.bytes_read)} ({exc})"
            return 0
        if self.bytes_read + len(chunk) > self._limit:
            what = "decompresses to" if self._compressed else "is"
            self.failure = (
                f"file {what} more than {megabytes(self._limit)}, the limit; stopped reading there "
                "(raise --max-decompressed-mb, or ReadOptions.max_decompressed_bytes, if this input is genuine)"
            )
            chunk = chunk[: self._limit - self.bytes_read]
        self.bytes_read += len(chunk)
        buffer[: len(chunk)] = chunk
        return len(chunk)

    def close(self) -> None:
        self._inner.close()
        super().close()


def is_gzip(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(2) == GZIP_MAGIC


@contextmanager
def open_input(path: Path, options: ReadOptions) -> Iterator[io.BufferedReader[GuardedStream]]:
    """A buffered binary stream of the file's content (gunzipped when gzip), capped by the options.

    When the data was cut short (truncation, corruption, the size cap) the stream simply ends;
    leaving the ``with`` block then raises InputRejected saying why, after the caller has used
    everything that could be read.
    """
    raw: Any = path.open("rb")
    compressed = raw.read(2) == GZIP_MAGIC
    raw.seek(0)
    if compressed:
        raw = gzip.GzipFile(fileobj=raw, mode="rb")
    # The cap guards against decompression bombs. A plain file streams whole: its size is already
    # on disk, and a 500 MB JSONL corpus is normal input, not an attack.
    limit = options.max_decompressed_bytes if compressed else sys.maxsize
    guarded = GuardedStream(raw, limit, compressed)
    with io.BufferedReader(guarded, 256 * 1024) as stream:
        yield stream
    if guarded.failure is not None:
        raise InputRejected(guarded.failure)


def read_whole(path: Path, options: ReadOptions) -> bytes:
    """All bytes of a single-article file, refusing empty and oversized ones before reading them."""
    size = path.stat().st_size
    if size == 0:
        raise InputRejected("file is empty")
    compressed = is_gzip(path)
    if not compressed and size > options.max_file_bytes:
        raise InputRejected(
            f"file is too large ({megabytes(size)}; a single-article file may be at most "
            f"{megabytes(options.max_file_bytes)}, --max-file-mb or ReadOptions.max_file_bytes changes this)"
        )
    with open_input(path, options) as stream:
        data = stream.read(options.max_file_bytes + 1)
    if len(data) > options.max_file_bytes:
        raise InputRejected(
            f"file decompresses to more than {megabytes(options.max_file_bytes)}, the limit for a "
            "single-article file (--max-file-mb or ReadOptions.max_file_bytes changes this)"
        )
    if not data.strip():
        raise InputRejected("file is empty (only whitespace)" if data else "compressed file is empty")
    return data


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark at the start of ``data`` names, if any."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def check_not_binary(data: bytes, max_nul_share: float = 0.0) -> None:
    """Refuse bytes that are not text: NUL bytes or mostly control characters (images, PDFs, archives).

    Streamed corpora pass a small ``max_nul_share``: one stray NUL in a million-row CSV is a
    bad row to report, not a reason to drop the file.
    """
    if bom_encoding(data) in ("utf-16", "utf-32"):
        return  # NULs are expected there
    sample = data[:_SNIFF_BYTES]
    if sample.count(b"\x00") > max_nul_share * len(sample):
        raise InputRejected("looks like a binary file (it contains NUL bytes), not text")
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if sample and controls / len(sample) > _MAX_CONTROL_SHARE:
        raise InputRejected("looks like a binary file (mostly control characters), not text")


def _valid_codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("'\"")).name
    except LookupError:
        return None


def decode_text(data: bytes, declared_encoding: str | None = None) -> DecodedText:
    """Decode bytes as text: BOM, then the declared encoding, then UTF-8, then charset detection.

    A file that is UTF-8 except for a few broken bytes keeps UTF-8 (with U+FFFD for the broken
    bytes): guessing a legacy code page for it would garble every accented letter instead.
    """
    check_not_binary(data)
    bom = bom_encoding(data)
    if bom is not None:
        try:
            return DecodedText(data.decode(bom), bom)
        except UnicodeDecodeError:
            pass
    declared = _valid_codec(declared_encoding)
    if declared is not None and declared.startswith(("utf-16", "utf-32")):
        # A page saying UTF-16 in ASCII-compatible bytes cannot be UTF-16: the HTML standard reads it as
        # UTF-8, and trusting it would turn any even-length page into CJK noise.
        declared = None
    if declared is not None and declared not in ("utf-8", "ascii"):
        try:
            return DecodedText(data.decode(declared), declared)
        except UnicodeDecodeError:
            pass
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    lossy = data.decode("utf-8", errors="replace")
    replaced = lossy.count("\ufffd")
    good_non_ascii = sum(1 for char in lossy if ord(char) > 0x7F) - replaced
    if good_non_ascii >= 4 * replaced:
        return DecodedText(
            lossy, "utf-8", f"{replaced} invalid UTF-8 byte sequence(s) replaced by U+FFFD (first at byte {first_bad})"
        )
    return _detect_encoding(data, first_bad)


_WESTERN_EXTRAS = frozenset("’‘“”–—…€«»°·•")


def _looks_western(data: bytes) -> bool:
    """Whether bytes read as cp1252 look like a Western European language: mostly ASCII letters,
    the rest accented Latin letters or typographic punctuation.

    charset_normalizer is unreliable on short Latin texts (it picks mac_latin2 or cp775 for
    "Le café était fermé"), and cp1252 is by far the most common legacy encoding on the web.
    Cyrillic in cp1251 read as cp1252 fails the test: nearly all of its letters are non-ASCII.
    """
    try:
        text = data[:MEGABYTE].decode("cp1252")
    except UnicodeDecodeError:
        return False
    letters = [char for char in text if char.isalpha()]
    non_ascii = [char for char in text if ord(char) > 0x7F]
    if not letters or not non_ascii:
        return False
    latin = sum(1 for char in non_ascii if ("\u00c0" <= char <= "\u00ff" and char.isalpha()) or char in _WESTERN_EXTRAS)
    non_ascii_letters = sum(1 for char in letters if ord(char) > 0x7F)
    return latin >= 0.9 * len(non_ascii) and non_ascii_letters <= 0.3 * len(letters)


def _detect_encoding(data: bytes, first_bad: int) -> DecodedText:
    from charset_normalizer import from_bytes

    if _looks_western(data):
        encoding = "cp1252"
    else:
        best = from_bytes(data[: 4 * MEGABYTE]).best()
        if best is None or best.encoding is None:
            raise InputRejected(
                f"cannot decode the file: it is not UTF-8 (bad byte at {first_bad}) and no text encoding fits"
            )
        encoding = best.encoding
    text = data.decode(encoding, errors="replace")
    unreadable = sum(
        1 for char in text[:_SNIFF_BYTES] if char == "\ufffd" or (ord(char) < 0x20 and char not in "\t\n\r\f")
    )
    if unreadable > 0.05 * min(len(text), _SNIFF_BYTES):
        raise InputRejected(f"cannot decode the file: it is not UTF-8 and as {encoding} it is mostly unreadable")
    return DecodedText(
        text, encoding, f"not valid UTF-8 (first bad byte at {first_bad}); decoded as {encoding} by charset detection"
    )
