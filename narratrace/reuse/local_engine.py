"""The local engine: shingling and alignment spread over all cores with concurrent.futures.

Worker processes are forked after the texts are put in a module global, so they read them
copy-on-write instead of receiving pickles; they send back only shingle arrays and pairs.
The same workers then align the candidates: the shingle rarity, known only once every text is
indexed, reaches them through one file they each read once (forking a second pool cost ~1 CPU-s
at 10k documents). Small inputs stay in-process, where starting processes would cost more than it saves.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from functools import lru_cache

import numpy as np

from narratrace.reuse.candidates import (
    CandidatePairs,
    PostingsBuffer,
    candidates_from_shared,
    document_bits,
    find_candidates,
    index_key,
)
from narratrace.reuse.options import ReuseOptions
from narratrace.reuse.packed import source_ids, text_size_bound
from narratrace.reuse.pairs import build_pair
from narratrace.reuse.prepared import PreparedText, SourceText, prepare
from narratrace.reuse.significance import (
    ShingleRarity,
    background_for,
    index_hashes,
    may_share_quotation,
    worth_aligning,
)
from narratrace.reuse.spill import SpilledPostings
from narratrace.reuse.tokens import U64
from narratrace.reuse.tweets import tweet_spans
from narratrace.reuse.types import ReusePair

Progress = Callable[[str, int, int], None]
# What candidate selection needs to know of a text besides its shingles: its word count, and whether it
# embeds a tweet (another text may print that tweet unmarked, which the index cannot see).
TextFacts = tuple[int, bool]

# Set in the parent right before the worker pool forks; read by the workers.
_SOURCES: Sequence[SourceText] = ()
_OPTIONS = ReuseOptions()
_RARITY: ShingleRarity | None = None
_RARITY_PATH: str | None = None  # in a worker: the rarity file _RARITY was read from

_SHINGLE_CHUNK = 256
_PAIR_CHUNK = 400


def _posting_chunk(indices: range) -> tuple[U64, list[TextFacts]]:
    """Posting keys of a run of documents, as one array (one small pickle per chunk), and their ``TextFacts``."""
    bits = document_bits(len(_SOURCES))
    background = background_for(_OPTIONS)
    keys, facts = [], []
    for k in indices:
        source = _SOURCES[k]
        plain, quoted, words = index_hashes(source, _OPTIONS, background)
        keys.append(index_key(plain, k, bits, quoted))
        facts.append((words, bool(tweet_spans(source.text))))
    return (np.concatenate(keys) if keys else np.zeros(0, np.uint64)), facts


@lru_cache(maxsize=2048)  # pairs come sorted by first text; the second is random
def _prepared(index: int) -> PreparedText:
    return prepare(_SOURCES[index], _OPTIONS.shingle_words, _RARITY.weights if _RARITY is not None else None)


def _save_rarity(rarity: ShingleRarity) -> str:
    """The rarity's counts in a temporary .npz file (the background each worker has already), for live workers."""
    handle, path = tempfile.mkstemp(prefix="narratrace-rarity-", suffix=".npz")
    with os.fdopen(handle, "wb") as file:
        np.savez(
            file,
            common=rarity.common,
            frequent=rarity.frequent,
            frequency=rarity.frequency,
            bits=np.int64(rarity.bits),
            full_documents=np.int64(rarity.full_documents),
        )
    return path


def _use_rarity(path: str) -> None:
    """In a worker forked before the rarity was known: read it from ``path`` once."""
    global _RARITY, _RARITY_PATH
    if path == _RARITY_PATH:
        return
    with np.load(path) as saved:
        _RARITY = ShingleRarity(
            background_for(_OPTIONS),
            saved["common"],
            int(saved["bits"]),
            saved["frequent"],
            saved["frequency"],
            int(saved["full_documents"]),
        )
    _RARITY_PATH = path
    _prepared.cache_clear()  # texts prepared under another rarity weigh their shingles differently


def _align_chunk(pairs: list[tuple[int, int, bool]], rarity_path: str | None = None) -> list[ReusePair]:
    if rarity_path is not None:
        _use_rarity(rarity_path)
    found = []
    for first, second, quoted_evidence in pairs:
        pair = build_pair(_prepared(first), _prepared(second), _OPTIONS, quoted_evidence)
        if pair is not None:
            found.append(pair)
    return found


@contextmanager
def _frozen_for_fork() -> Iterator[None]:
    """The parent's objects moved out of the collector's reach while workers fork, then given back.

    A full collection in a worker writes to the header of every tracked object it inherited (the corpus's
    per-article facts, ~1M objects at 1M articles), copying each page on write: a frozen object is never
    visited, so its pages stay shared.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _worker_count(options: ReuseOptions) -> int:
    return max(1, options.workers or os.cpu_count() or 1)


def _chunks(items: Sequence[tuple[int, int, bool]], size: int) -> Iterator[list[tuple[int, int, bool]]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def id_ordered(
    candidates: CandidatePairs, sources: Sequence[SourceText], options: ReuseOptions, facts: list[TextFacts]
) -> list[tuple[int, int, bool]]:
    """Candidates worth aligning, smaller id first, grouped by first text for cache reuse.

    The flag says whether the two may share a quotation (then short shared text may still count): one the
    index found in both, or a tweet one of them embeds.
    """
    ordered = []
    ids = source_ids(sources)  # a packed corpus would decode two texts per candidate for their ids
    quoted_counts = candidates.quoted if len(candidates.quoted) else np.zeros(len(candidates), np.int64)
    list_counts = candidates.lists if len(candidates.lists) else np.ones(len(candidates), np.int64)
    for first, second, shared, lists, quoted in zip(
        candidates.first.tolist(),
        candidates.second.tolist(),
        candidates.shared.tolist(),
        list_counts.tolist(),
        quoted_counts.tolist(),
        strict=True,
    ):
        (words_first, tweet_first), (words_second, tweet_second) = facts[first], facts[second]
        tweet = tweet_first or tweet_second
        if not worth_aligning(shared, lists, quoted, words_first, words_second, options, tweet):
            continue
        if ids[first] > ids[second]:
            first, second = second, first
        ordered.append((first, second, may_share_quotation(quoted, tweet, options)))
    ordered.sort()
    return ordered


def by_linked_group(ordered: list[tuple[int, int, bool]], document_count: int) -> list[tuple[int, int, bool]]:
    """``ordered`` regrouped so that pairs among the same texts (a story and its copies) sit together.

    Each worker prepares (tokenises, shingles) every text of the pairs it aligns and keeps it for its next
    pairs; pairs sorted by first text alone sent most texts to both workers, prepared twice. Grouped by
    connected component of the candidate graph, a text's pairs mostly land in one chunk, one worker.
    Each pair is aligned on its own and the pairs are sorted at the end, so the order changes nothing else.
    """
    if len(ordered) < 2:
        return ordered
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    first = np.fromiter((pair[0] for pair in ordered), dtype=np.int64, count=len(ordered))
    second = np.fromiter((pair[1] for pair in ordered), dtype=np.int64, count=len(ordered))
    graph = coo_matrix((np.ones(len(ordered), dtype=np.int8), (first, second)), shape=(document_count,) * 2)
    _, labels = connected_components(graph, directed=False)
    order = np.lexsort((second, first, labels[first]))
    return [ordered[k] for k in order.tolist()]


# Postings that may take more bytes than this (by the upper bound on their count) go to disk (``spill``).
SPILL_POSTINGS_BYTES = 1 << 30
# Text characters per posting expected (~650 shingles for ~5 KB of news text), for the spill's partition sizes.
_CHARACTERS_PER_POSTING = 8


def _collect(
    postings: PostingsBuffer | SpilledPostings,
    chunks: list[range],
    results: Iterator[tuple[U64, list[TextFacts]]],
    facts: list[TextFacts],
    progress: Progress | None,
) -> None:
    """Each chunk's posting keys into ``postings`` (memory or disk) and its texts' facts onto ``facts``."""
    total = chunks[-1].stop if chunks else 0
    for chunk, (chunk_keys, chunk_facts) in zip(chunks, results, strict=True):
        postings.extend(chunk_keys)
        facts.extend(chunk_facts)
        if progress:
            progress("shingle", chunk.stop, total)


def _candidates(
    sources: Sequence[SourceText],
    options: ReuseOptions,
    chunks: list[range],
    results: Iterator[tuple[U64, list[TextFacts]]],
    facts: list[TextFacts],
    progress: Progress | None,
) -> CandidatePairs:
    """``find_candidates`` over every chunk's postings, kept in memory or, above ``SPILL_POSTINGS_BYTES``, on
    disk (the same candidates either way); fills ``facts``."""
    counting = (len(sources), options.min_shared_shingles, options.max_document_frequency)
    # A text of n characters has at most (n + 1) / 2 words, so at most that many shingles.
    bound = (text_size_bound(sources) + len(sources)) // 2
    if bound * 8 <= SPILL_POSTINGS_BYTES:
        buffer = PostingsBuffer(bound)
        _collect(buffer, chunks, results, facts, progress)
        keys = buffer.keys()
        del buffer
        return find_candidates(keys, *counting)
    with SpilledPostings(text_size_bound(sources) // _CHARACTERS_PER_POSTING) as spilled:
        _collect(spilled, chunks, results, facts, progress)
        shared_keys = spilled.shared_keys(document_bits(len(sources)))
    return candidates_from_shared(shared_keys, *counting)


def find_pairs(
    sources: Sequence[SourceText], options: ReuseOptions, progress: Progress | None = None
) -> list[ReusePair]:
    """All reuse pairs among ``sources`` (distinct ids), sorted by (a, b)."""
    global _SOURCES, _OPTIONS, _RARITY
    _SOURCES, _OPTIONS, _RARITY = sources, options, None
    _prepared.cache_clear()
    workers = _worker_count(options)
    use_pool_for_shingles = workers > 1 and len(sources) >= options.min_parallel_documents
    executor: ProcessPoolExecutor | None = None
    rarity_path: str | None = None
    try:
        chunks = [range(s, min(s + _SHINGLE_CHUNK, len(sources))) for s in range(0, len(sources), _SHINGLE_CHUNK)]
        if use_pool_for_shingles:
            executor = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
            with _frozen_for_fork():  # the workers are forked at the first submit
                results: Iterator[tuple[U64, list[TextFacts]]] = executor.map(_posting_chunk, chunks)
        else:
            results = map(_posting_chunk, chunks)
        facts: list[TextFacts] = []
        candidates = _candidates(sources, options, chunks, results, facts, progress)
        _RARITY = rarity = ShingleRarity.from_frequencies(
            background_for(options),
            candidates.frequent,
            candidates.frequency,
            document_bits(len(sources)),
            options,
        )
        ordered = id_ordered(candidates, sources, options, facts)
        del facts
        if progress:
            progress("candidates", len(ordered), len(ordered))
        pairs: list[ReusePair] = []
        pair_chunks = list(_chunks(by_linked_group(ordered, len(sources)), _PAIR_CHUNK))
        if workers > 1 and len(ordered) >= options.min_parallel_pairs:
            if executor is None:  # forked now, the workers have the rarity already
                executor = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
            else:  # the shingle workers were forked before the rarity was known
                rarity_path = _save_rarity(rarity)
            with _frozen_for_fork():
                aligned: Iterator[list[ReusePair]] = executor.map(
                    _align_chunk, pair_chunks, [rarity_path] * len(pair_chunks)
                )
        else:
            aligned = map(_align_chunk, pair_chunks)
        done = 0
        for chunk_pairs, found in zip(pair_chunks, aligned, strict=True):
            pairs.extend(found)
            done += len(chunk_pairs)
            if progress:
                progress("align", done, len(ordered))
    finally:
        if executor is not None:
            executor.shutdown()
        if rarity_path is not None:
            os.unlink(rarity_path)
        _SOURCES, _RARITY = (), None
        _prepared.cache_clear()
    pairs.sort(key=lambda p: (p.a, p.b))
    return pairs
