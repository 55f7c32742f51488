"""Posting keys kept on disk in shingle-ordered partitions, so a million documents' postings never sit in memory.

At 1M documents the postings are ~650M uint64 keys (~5.2 GB), and most of them are shingles found in one
document only, which ``find_candidates`` throws away right after sorting. Here the keys are appended to one
file per range of their top bits (the top bits of a key are the top bits of its shingle hash) as the workers
send them; then each file is read, sorted and reduced to the postings in runs of two or more, one at a time.
A key's partition is a monotone function of the key, so the partitions' sorted shared keys, concatenated in
partition order, are exactly the sorted shared keys of the whole array: the candidates are identical to
those of the in-memory path. Memory then holds one partition (~128 MB) and the shared keys, not every key.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import BinaryIO

import numpy as np

from narratrace.reuse.candidates import in_runs_of_two_or_more
from narratrace.reuse.tokens import U64

# Bytes of keys per partition aimed at; the partition count is a power of two, at most _MAX_PARTITIONS.
PARTITION_BYTES = 1 << 27
_MAX_PARTITIONS = 256


def partition_bits(expected_keys: int) -> int:
    """Top key bits that pick a partition, so that ``expected_keys`` make ~``PARTITION_BYTES`` per file."""
    wanted = max(1, -(-expected_keys * 8 // PARTITION_BYTES))
    return min(max(wanted - 1, 0).bit_length(), _MAX_PARTITIONS.bit_length() - 1)


class SpilledPostings:
    """Posting keys appended chunk by chunk into partition files under a temporary folder.

    Use as a context manager (or call ``close``): the folder is removed at the end.
    """

    def __init__(self, expected_keys: int, folder: str | None = None) -> None:
        self._bits = partition_bits(expected_keys)
        self._folder = Path(tempfile.mkdtemp(prefix="narratrace-postings-", dir=folder))
        self._paths = [self._folder / f"part-{p:03d}.u64" for p in range(1 << self._bits)]
        self._files: list[BinaryIO] = [path.open("wb") for path in self._paths]
        self.size = 0

    def __enter__(self) -> SpilledPostings:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        for file in self._files:
            file.close()
        shutil.rmtree(self._folder, ignore_errors=True)

    def extend(self, keys: U64) -> None:
        keys = np.asarray(keys, dtype=np.uint64)
        self.size += len(keys)
        if not self._bits:
            self._files[0].write(keys.tobytes())
            return
        part = (keys >> np.uint64(64 - self._bits)).astype(np.int64)
        order = np.argsort(part, kind="stable")
        bounds = np.searchsorted(part[order], np.arange(len(self._files) + 1))
        ordered = keys[order]
        for p, file in enumerate(self._files):
            if bounds[p + 1] > bounds[p]:
                file.write(ordered[bounds[p] : bounds[p + 1]].tobytes())

    def shared_keys(self, document_bits: int) -> U64:
        """All keys sorted, keeping only those whose shingle bits equal a neighbour's (a run of 2+)."""
        for file in self._files:
            file.flush()
        kept: list[U64] = [np.zeros(0, np.uint64)]
        for path in self._paths:
            keys = np.fromfile(path, dtype=np.uint64)
            path.unlink()  # its pages leave the page cache; the disk is given back as we go
            keys.sort()
            kept.append(keys[in_runs_of_two_or_more(keys, document_bits)])
            del keys
        return np.concatenate(kept)
