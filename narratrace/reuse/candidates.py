"""Candidate pairs from an inverted index of shingles, counting shared shingles per pair.

The index is a sort: every (shingle, document) posting is one uint64 key (see ``index_key``) in one
array; sorted, each run of keys with equal shingle bits is that shingle's postings list. Runs longer than
``max_document_frequency`` are stock phrases (or a flood of identical texts) and are skipped:
that caps the pairs one shingle can produce at ``max_df * (max_df - 1) / 2``.

A pair is a candidate when it shares at least ``min_shared_shingles`` distinct shingles. The
threshold is an absolute count, not a Jaccard ratio, so a short article pasted inside a long one,
or a copy keeping 30% of its source, is as easy to find as a whole-document copy.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from narratrace.reuse.tokens import U64, mix64, sorted_unique

I64 = npt.NDArray[np.int64]


_EMPTY_I64 = np.zeros(0, np.int64)
_EMPTY_U64 = np.zeros(0, np.uint64)


@dataclass(frozen=True)
class CandidatePairs:
    """Document index pairs (``first < second``), how many distinct indexed shingles each shares,
    and how many of those are inside quotation marks in both (see ``QUOTED_BIT``).

    ``common`` holds the indexed shingle values (``indexed_shingles``) found in more than
    ``max_document_frequency`` documents: corpus-common phrasing, which never counts as evidence.
    ``frequent`` holds the values found in ``FREQUENT_DOCUMENTS`` or more documents (sorted, common
    ones included) and ``frequency`` their document counts: text many documents carry is weaker
    evidence that two of them are linked (``significance.ShingleRarity.weights``).
    """

    first: I64
    second: I64
    shared: I64
    quoted: I64 = field(default_factory=lambda: _EMPTY_I64)
    common: U64 = field(default_factory=lambda: _EMPTY_U64)
    # Distinct postings lists among the shared shingles: the shingles of one shared run of text
    # sit in the same documents, so this counts the runs of shared text (see ``estimated_words``).
    lists: I64 = field(default_factory=lambda: _EMPTY_I64)
    frequent: U64 = field(default_factory=lambda: _EMPTY_U64)
    frequency: I64 = field(default_factory=lambda: _EMPTY_I64)

    def __len__(self) -> int:
        return len(self.first)

    def as_tuples(self) -> list[tuple[int, int, int]]:
        return list(zip(self.first.tolist(), self.second.tolist(), self.shared.tolist(), strict=True))


# The lowest bit of an indexed shingle value tells a plain shingle (0) from its quoted twin (1): a
# shingle lying inside a quotation is indexed twice, so a pair sharing twins shares a quotation.
QUOTED_BIT = np.uint64(1)
# Shingles in this many documents or more are reported with their document frequency; a shingle
# shared by two documents only is full evidence of a link between them.
FREQUENT_DOCUMENTS = 3


def document_bits(document_count: int) -> int:
    """Bits needed for a document index; the rest of a 64-bit posting key is the shingle hash."""
    return max(1, (max(document_count, 1) - 1).bit_length())


def index_key(hashes: U64, document: int, bits: int, quoted: U64 | None = None) -> U64:
    """Posting keys: the top ``64 - bits`` bits of each shingle hash, then the document index.

    Sorting one uint64 array of keys groups postings by shingle without an argsort and a gather
    (half the memory at 100k documents). Shingles that agree on the kept bits share a postings
    list; at 47+ bits such collisions are rare and only ever add a candidate that alignment, which
    compares full hashes, then rejects. Both engines use the same keys, so they agree exactly.
    """
    return (indexed_shingles(hashes, bits, quoted) << np.uint64(bits)) | np.uint64(document)


def indexed_shingles(hashes: U64, bits: int, quoted: U64 | None = None) -> U64:
    """Distinct shingle hashes of one document cut to the ``64 - bits`` bits the index keeps.

    ``quoted`` (hashes of the shingles inside quotation marks) are added again as quoted twins.
    """
    plain = indexed_values(np.asarray(hashes, dtype=np.uint64), bits)
    if quoted is not None and len(quoted):
        plain = np.concatenate([plain, indexed_values(np.asarray(quoted, dtype=np.uint64), bits) | QUOTED_BIT])
    return sorted_unique(plain)


def indexed_values(hashes: U64, bits: int) -> U64:
    """The index's value of each plain shingle hash (its quoted bit clear)."""
    return (hashes >> np.uint64(bits)) & ~QUOTED_BIT


def postings(shingles_per_document: Sequence[U64] | Iterable[tuple[int, U64]], document_count: int) -> U64:
    """Posting keys of all documents (distinct shingles per document), unsorted."""
    items = (
        list(enumerate(shingles_per_document))
        if isinstance(shingles_per_document, Sequence)
        else list(shingles_per_document)
    )
    bits = document_bits(document_count)
    if not items:
        return np.zeros(0, np.uint64)
    return np.concatenate([index_key(h, index, bits) for index, h in items])


class PostingsBuffer:
    """Posting keys appended chunk by chunk into one array, so no second full-size copy is made.

    ``capacity`` should be an upper bound: the array is reserved up front and pages never written
    are never resident, so a generous bound costs address space, not memory. It grows if exceeded.
    """

    def __init__(self, capacity: int) -> None:
        self._array = np.empty(max(capacity, 1), dtype=np.uint64)
        self._size = 0

    def extend(self, keys: U64) -> None:
        needed = self._size + len(keys)
        if needed > len(self._array):
            grown = np.empty(max(needed, 2 * len(self._array)), dtype=np.uint64)
            grown[: self._size] = self._array[: self._size]
            self._array = grown
        self._array[self._size : needed] = keys
        self._size = needed

    def keys(self) -> U64:
        """The keys so far (a view: sorting it in place is fine)."""
        return self._array[: self._size]


# Pair occurrences materialised at once; batches are counted and merged, so memory stays bounded
# by the number of distinct pairs even when thousands of near-copies share every shingle.
_PAIR_BATCH = 4_000_000


def _count_distinct(encoded: I64, weights: I64) -> tuple[I64, I64]:
    """Distinct encoded pairs and the sum of their weights (a sort and run sums)."""
    if not len(encoded):
        return encoded, np.zeros(0, np.int64)
    order = np.argsort(encoded, kind="stable")
    ordered = encoded[order]
    starts = np.flatnonzero(np.concatenate([[True], ordered[1:] != ordered[:-1]]))
    return ordered[starts], np.add.reduceat(weights[order], starts).astype(np.int64)


def _merge_counts(keys: list[I64], counts: list[I64]) -> tuple[I64, I64]:
    all_keys, all_counts = np.concatenate(keys), np.concatenate(counts)
    if not len(all_keys):
        return all_keys, all_counts
    order = np.argsort(all_keys, kind="stable")
    all_keys, all_counts = all_keys[order], all_counts[order]
    starts = np.flatnonzero(np.concatenate([[True], all_keys[1:] != all_keys[:-1]]))
    return all_keys[starts], np.add.reduceat(all_counts, starts)


def list_fingerprints(documents: I64, run_starts: I64, run_sizes: I64) -> U64:
    """A 64-bit fingerprint of each postings list's documents (a sum of mixed document numbers, and the size)."""
    mixed = mix64(documents.astype(np.uint64) + np.uint64(1))
    prefix = np.concatenate([np.zeros(1, np.uint64), np.cumsum(mixed, dtype=np.uint64)])
    # Differences of wrapping prefix sums: lists need not be contiguous in ``documents``.
    sums: U64 = prefix[run_starts + run_sizes] - prefix[run_starts]
    return mix64(np.bitwise_xor(sums, run_sizes.astype(np.uint64)))


def _distinct_lists(documents: I64, run_starts: I64, run_sizes: I64) -> tuple[I64, I64, I64]:
    """Identical postings lists merged: (start, size, how many shingles share that exact list).

    The shingles of one shared sentence (or of a whole copied article) all sit in the same
    documents; counting their document pairs once, weighted, instead of once per shingle, is
    what keeps shared phrasing from multiplying the counting work. Lists are compared by a
    64-bit fingerprint of their documents (a sum of mixed document numbers, and the size).
    """
    if not len(run_starts):
        return run_starts, run_sizes, np.zeros(0, np.int64)
    fingerprints = list_fingerprints(documents, run_starts, run_sizes)
    order = np.argsort(fingerprints, kind="stable")
    ordered = fingerprints[order]
    firsts = np.flatnonzero(np.concatenate([[True], ordered[1:] != ordered[:-1]]))
    weights = np.diff(np.concatenate([firsts, [len(order)]])).astype(np.int64)
    kept = order[firsts]
    return run_starts[kept], run_sizes[kept], weights


def _count_pairs_in_postings_lists(
    documents: I64, run_starts: I64, run_sizes: I64, run_weights: I64
) -> tuple[I64, I64]:
    """Every within-run document pair (``first * 2**32 + second``, first < second) with its weighted count."""
    keys: list[I64] = [np.zeros(0, np.int64)]
    counts: list[I64] = [np.zeros(0, np.int64)]
    pending = 0
    for size in np.unique(run_sizes).tolist():
        of_size = run_sizes == size
        starts_of_size, weights_of_size = run_starts[of_size], run_weights[of_size]
        upper_i, upper_j = np.triu_indices(size, 1)
        rows_per_batch = max(1, _PAIR_BATCH // len(upper_i))
        for batch in range(0, len(starts_of_size), rows_per_batch):
            starts = starts_of_size[batch : batch + rows_per_batch]
            # One row per postings list; documents in a run are sorted, so first < second below.
            rows = documents[starts[:, None] + np.arange(size)[None, :]]
            encoded = (rows[:, upper_i].ravel() << np.int64(32)) | rows[:, upper_j].ravel()
            weights = np.repeat(weights_of_size[batch : batch + rows_per_batch], len(upper_i))
            batch_keys, batch_counts = _count_distinct(encoded, weights)
            keys.append(batch_keys)
            counts.append(batch_counts)
            pending += len(batch_keys)
            if pending > _PAIR_BATCH:
                merged = _merge_counts(keys, counts)
                keys, counts, pending = [merged[0]], [merged[1]], len(merged[0])
    return _merge_counts(keys, counts)


_SCAN_BLOCK = 1 << 22


def in_runs_of_two_or_more(sorted_keys: U64, bits: int) -> npt.NDArray[np.bool_]:
    """True for postings whose shingle bits equal a neighbour's (the key array is sorted)."""
    n = len(sorted_keys)
    same_as_next = np.zeros(n, dtype=bool)
    shift = np.uint64(bits)
    for start in range(0, n - 1, _SCAN_BLOCK):
        stop = min(n - 1, start + _SCAN_BLOCK)
        same_as_next[start:stop] = (sorted_keys[start + 1 : stop + 1] >> shift) == (sorted_keys[start:stop] >> shift)
    in_run = same_as_next.copy()
    in_run[1:] |= same_as_next[:-1]
    return in_run


def find_candidates(
    keys: U64,
    document_count: int,
    min_shared_shingles: int,
    max_document_frequency: int,
) -> CandidatePairs:
    """Pairs of documents sharing at least ``min_shared_shingles`` indexed shingles (or quoted twins).

    ``keys`` are posting keys from :func:`postings`; the array is sorted in place.
    """
    if len(keys) == 0:
        return CandidatePairs(_EMPTY_I64, _EMPTY_I64, _EMPTY_I64)
    bits = document_bits(document_count)
    keys.sort()
    # Only postings in runs of two or more are kept from here on. Most shingles occur once, so the
    # per-run arrays are built for that small remainder only; the full array is scanned in blocks
    # (one bool per posting) rather than shifted whole, which at 100k documents saved ~1.7 GB.
    shared_keys = keys[in_runs_of_two_or_more(keys, bits)]
    return candidates_from_shared(shared_keys, document_count, min_shared_shingles, max_document_frequency)


def candidates_from_shared(
    shared_keys: U64, document_count: int, min_shared_shingles: int, max_document_frequency: int
) -> CandidatePairs:
    """``find_candidates`` given only the sorted postings in runs of two or more (``spill.SpilledPostings``)."""
    bits = document_bits(document_count)
    if not len(shared_keys):
        return CandidatePairs(_EMPTY_I64, _EMPTY_I64, _EMPTY_I64)
    shingles = shared_keys >> np.uint64(bits)
    boundaries = np.flatnonzero(shingles[1:] != shingles[:-1]) + 1
    del shingles
    run_starts = np.concatenate([np.zeros(1, np.int64), boundaries.astype(np.int64)])
    run_sizes = np.diff(np.concatenate([run_starts, [len(shared_keys)]]))
    run_values = shared_keys[run_starts] >> np.uint64(bits)
    quoted_run = (run_values & QUOTED_BIT).astype(bool)
    common = run_values[(run_sizes > max_document_frequency) & ~quoted_run]
    frequent = (run_sizes >= FREQUENT_DOCUMENTS) & ~quoted_run
    kept = (run_sizes >= 2) & (run_sizes <= max_document_frequency)
    plain = _pair_counts(shared_keys, bits, run_starts[kept & ~quoted_run], run_sizes[kept & ~quoted_run], True)
    quoted = _pair_counts(shared_keys, bits, run_starts[kept & quoted_run], run_sizes[kept & quoted_run], False)
    pair_keys = np.union1d(plain[0], quoted[0])
    packed, quoted_counts = _counts_at(pair_keys, *plain), _counts_at(pair_keys, *quoted)
    shared_counts, lists = packed >> _LIST_BITS, packed & ((1 << _LIST_BITS) - 1)
    keep = (shared_counts >= min_shared_shingles) | (quoted_counts >= min_shared_shingles)
    pair_keys = pair_keys[keep]
    return CandidatePairs(
        pair_keys >> np.int64(32),
        pair_keys & np.int64(0xFFFFFFFF),
        shared_counts[keep],
        quoted_counts[keep],
        np.sort(common),
        lists[keep],
        run_values[frequent],  # sorted: the keys were
        run_sizes[frequent].astype(np.int64),
    )


# A pair's shared-shingle count and its count of distinct lists are summed in one int64:
# (weight << _LIST_BITS) | 1 per list (a pair holds far fewer than 2**24 distinct lists).
_LIST_BITS = 24


def _pair_counts(shared_keys: U64, bits: int, run_starts: I64, run_sizes: I64, pack_lists: bool) -> tuple[I64, I64]:
    """Document pairs (encoded) and how many of the given postings lists hold both.

    ``pack_lists``: the count is ``shared << _LIST_BITS | distinct lists`` instead.
    """
    in_run = np.zeros(len(shared_keys) + 1, dtype=np.int64)
    np.add.at(in_run, run_starts, 1)
    np.add.at(in_run, run_starts + run_sizes, -1)
    mask = np.cumsum(in_run[:-1]) > 0
    documents = (shared_keys[mask] & np.uint64((1 << bits) - 1)).astype(np.int64)
    new_starts = np.concatenate([np.zeros(1, np.int64), np.cumsum(run_sizes)[:-1]]).astype(np.int64)
    starts, sizes, weights = _distinct_lists(documents, new_starts[: len(run_sizes)], run_sizes)
    if pack_lists:
        weights = (weights << np.int64(_LIST_BITS)) | np.int64(1)
    return _count_pairs_in_postings_lists(documents, starts, sizes, weights)


def _counts_at(pair_keys: I64, keys: I64, counts: I64) -> I64:
    """``counts`` of ``keys`` (sorted, distinct) looked up for every pair key; 0 where absent."""
    if not len(keys):
        return np.zeros(len(pair_keys), np.int64)
    at = np.minimum(np.searchsorted(keys, pair_keys), len(keys) - 1)
    return np.where(keys[at] == pair_keys, counts[at], 0).astype(np.int64)


def list_pair_rows(
    keys: U64, document_count: int, max_document_frequency: int
) -> tuple[I64, I64, I64, I64, U64, U64, I64]:
    """What ``find_candidates`` counts, before counting: one row per (document pair, distinct postings list).

    Returns ``first, second, weight, quoted (0/1), fingerprint`` rows and, as the last two arrays,
    the frequent values and their document frequencies (``CandidatePairs.frequent``/``frequency``).
    Summing weights per pair gives ``shared``/``quoted``; counting distinct fingerprints per pair
    gives ``lists``. The Spark engine sums rows from many partitions this way,
    so its counts equal the local engine's exactly wherever a shingle's postings land.
    """
    if len(keys) == 0:
        return _EMPTY_I64, _EMPTY_I64, _EMPTY_I64, _EMPTY_I64, _EMPTY_U64, _EMPTY_U64, _EMPTY_I64
    bits = document_bits(document_count)
    keys.sort()
    shared_keys = keys[in_runs_of_two_or_more(keys, bits)]
    if not len(shared_keys):
        return _EMPTY_I64, _EMPTY_I64, _EMPTY_I64, _EMPTY_I64, _EMPTY_U64, _EMPTY_U64, _EMPTY_I64
    shingles = shared_keys >> np.uint64(bits)
    run_starts = np.concatenate([np.zeros(1, np.int64), (np.flatnonzero(shingles[1:] != shingles[:-1]) + 1)])
    run_sizes = np.diff(np.concatenate([run_starts, [len(shared_keys)]]))
    quoted_run = (shingles[run_starts] & QUOTED_BIT).astype(bool)
    frequent = (run_sizes >= FREQUENT_DOCUMENTS) & ~quoted_run
    frequent_values, frequency = shingles[run_starts][frequent], run_sizes[frequent].astype(np.int64)
    kept = (run_sizes >= 2) & (run_sizes <= max_document_frequency)
    columns: list[list[np.ndarray]] = [[], [], [], [], []]
    documents = (shared_keys & np.uint64((1 << bits) - 1)).astype(np.int64)
    for is_quoted in (False, True):
        select = kept & (quoted_run == is_quoted)
        starts, sizes = run_starts[select], run_sizes[select]
        if not len(starts):
            continue
        fingerprints = (
            list_fingerprints(documents, starts, sizes) if not is_quoted else np.zeros(len(starts), np.uint64)
        )
        order = np.argsort(fingerprints, kind="stable")
        fingerprints, starts, sizes = fingerprints[order], starts[order], sizes[order]
        firsts = np.flatnonzero(np.concatenate([[True], fingerprints[1:] != fingerprints[:-1]]))
        weights = np.diff(np.concatenate([firsts, [len(starts)]]))
        if is_quoted:  # quoted lists are not merged: each row weighs one
            firsts, weights = np.arange(len(starts)), np.ones(len(starts), np.int64)
        for size in np.unique(sizes[firsts]).tolist():
            of_size = firsts[sizes[firsts] == size]
            upper_i, upper_j = np.triu_indices(size, 1)
            rows = documents[starts[of_size][:, None] + np.arange(size)[None, :]]
            count = len(upper_i)
            columns[0].append(rows[:, upper_i].ravel())
            columns[1].append(rows[:, upper_j].ravel())
            columns[2].append(np.repeat(weights[np.searchsorted(firsts, of_size)], count).astype(np.int64))
            columns[3].append(np.full(len(of_size) * count, int(is_quoted), np.int64))
            columns[4].append(np.repeat(fingerprints[of_size], count))
    if not columns[0]:
        return _EMPTY_I64, _EMPTY_I64, _EMPTY_I64, _EMPTY_I64, _EMPTY_U64, frequent_values, frequency
    first, second, weight, quoted = (np.concatenate(c).astype(np.int64) for c in columns[:4])
    fingerprints = np.concatenate(columns[4]).astype(np.uint64)
    return first, second, weight, quoted, fingerprints, frequent_values, frequency
