"""Page chrome found by repetition: text that many articles of one outlet share is the outlet's template.

Line rules (clean/boilerplate.py) need line breaks and known phrases. A scraper that flattens a page
glues the site footer, comment widget ("Community standardsDiscussion Comment via Facebook"), byline
box or subscription pitch into the prose; but each such string recurs, word for word, across the
outlet's articles, while the stories do not. So: per outlet, count in how many articles each run of
``shingle_words`` words occurs (hashed word shingles counted with numpy, linear in the corpus), and remove
the runs that occur in at least ``max(min_articles, min_share * n)`` of the outlet's ``n`` articles.

Stories copied between a few articles of an outlet (an update, a republished wire piece) are reuse,
not chrome, and must survive: the outlet-level threshold stops a run shared by two or three articles
out of many, and a run covering most of an article is kept whatever its count (it is the story
itself), as are runs inside quotation marks (a statement many stories quote) and syndication credits.

>>> from narratrace.ingest.article import Article
>>> from narratrace.clean import clean_article
>>> footer = "Copyright Example News, all rights reserved."
>>> stories = ["Fishermen said the harbour would close for the winter.", "Turnout in the election rose again.",
...            "A storm cut power to four villages overnight.", "The budget leaves school funding flat."]
>>> cleaned = [clean_article(Article(id=str(i), text=f"{t} {footer}", outlet="Example")) for i, t in enumerate(stories)]
>>> strip_repeated_chrome(cleaned)[0].text
'Fishermen said the harbour would close for the winter.'
"""

from __future__ import annotations

import math
import os
import re
from collections import defaultdict, deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from narratrace.clean.glued_words import word_hashes, word_spans
from narratrace.clean.offsets import OffsetMap, OffsetMapBuilder
from narratrace.clean.types import CleanArticle, RemovedLine
from narratrace.ingest.outlet import outlet_from_url

# Words split where scrapers glue fields: "standardsDiscussion" -> standards|Discussion, "Facebook21" -> Facebook|21.
_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+|[^\W\d_]+")
_QUOTES = '"“”«»„'
# A syndication note ("adapted from its original source. Via SyndiGate.info") repeats like a footer but
# credits where the story came from; provenance reads credits from the cleaned text, so it stays.
_CREDIT = re.compile(
    r"\b(?:via\s+(?!(?:facebook|twitter|e-?mail|whatsapp|telegram|linkedin|google|instagram|reddit|x)\b)|"
    r"adapted from|originally (?:published|appeared)|republished|reprinted|courtesy of|source:)",
    re.IGNORECASE,
)
SHINGLE_WORDS = 6
MIN_ARTICLES = 3
MIN_SHARE = 0.3
# A repeated run covering more than this share of an article's words is the story itself, republished,
# unless it recurs in so many articles (half the outlet's, and twice the threshold) that it cannot be one story.
STORY_SHARE = 0.5
KEEP_SHINGLES = 2**25  # 256 MB of hashes per outlet held between the two passes
MIN_PARALLEL_TEXTS = 4000  # below this, starting worker processes costs more than it saves


def _words(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0).casefold()) for m in _WORD.finditer(text)]


# Odd multipliers, one per word position in a shingle, so a shingle's hash depends on word order.
_POSITION_KEYS = np.array([(0x9E3779B97F4A7C15 * (2 * k + 1)) & (2**64 - 1) | 1 for k in range(64)], dtype=np.uint64)


def _shingles(text: str, size: int) -> np.ndarray:
    """64-bit hashes of the text's overlapping ``size``-word runs, element ``i`` starting at word ``i``.

    Words (those of ``_WORD``) are found and hashed from their case-folded characters with numpy
    (``glued_words``) and combined with numpy, so no Python object is made per word or shingle.
    """
    hashes = word_hashes(text, _WORD)
    count = len(hashes) - size + 1
    if count <= 0:
        return np.zeros(0, dtype=np.uint64)
    combined = np.zeros(count, dtype=np.uint64)
    for k in range(size):
        combined += hashes[k : k + count] * _POSITION_KEYS[k % len(_POSITION_KEYS)]
    return combined


def repeated_spans(
    texts: Sequence[str],
    groups: Sequence[str | None],
    *,
    min_articles: int = MIN_ARTICLES,
    min_share: float = MIN_SHARE,
    shingle_words: int = SHINGLE_WORDS,
    workers: int | None = None,
) -> list[list[tuple[int, int, int]]]:
    """For each text, the ``(start, end, articles)`` spans (its own coordinates) repeated across its group.

    ``groups[i]`` is text i's outlet; texts with None are never compared. ``articles`` is how many
    texts of the group contain the span's rarest shingle. Works on any texts (cleaned article text,
    or ``SourceText.text`` of a reuse corpus, whose ``masked`` spans can take the result). Outlets are
    independent, so from ``MIN_PARALLEL_TEXTS`` texts on they are processed on ``workers`` cores (all by default).
    """
    members: dict[str, list[int]] = defaultdict(list)
    for index, group in enumerate(groups):
        if group:
            members[group].append(index)
    # Jobs are made one at a time as they are handed out: each holds its outlet's texts, and ``texts`` may be
    # a sequence that decodes them on demand (a packed reuse corpus), which must not be decoded all at once.
    jobs = (
        _GroupJob([texts[i] for i in indices], max(min_articles, math.ceil(min_share * len(indices))), shingle_words)
        for indices in members.values()
    )
    workers = workers or os.cpu_count() or 1
    if workers > 1 and len(texts) >= MIN_PARALLEL_TEXTS and len(members) > 1:
        found = _map_bounded(jobs, min(workers, len(members)))
    else:
        found = [_group_spans(job) for job in jobs]
    result: list[list[tuple[int, int, int]]] = [[] for _ in texts]
    for indices, spans in zip(members.values(), found, strict=True):
        for index, text_spans in zip(indices, spans, strict=True):
            result[index] = text_spans
    return result


def _map_bounded(jobs: Iterator[_GroupJob], workers: int) -> list[list[list[tuple[int, int, int]]]]:
    """``_group_spans`` over ``jobs`` in order on ``workers`` processes, at most two jobs per worker in flight."""
    found: list[list[list[tuple[int, int, int]]]] = []
    with ProcessPoolExecutor(workers) as pool:
        pending: deque[Future[list[list[tuple[int, int, int]]]]] = deque()
        for job in jobs:
            pending.append(pool.submit(_group_spans, job))
            if len(pending) >= 2 * workers:
                found.append(pending.popleft().result())
        found.extend(future.result() for future in pending)
    return found


@dataclass(frozen=True)
class _GroupJob:
    """One outlet's texts and its article threshold (picklable, for a worker)."""

    texts: list[str]
    threshold: int
    shingle_words: int


def _group_spans(job: _GroupJob) -> list[list[tuple[int, int, int]]]:
    """The repeated spans of each text of one outlet."""
    texts, threshold, shingle_words = job.texts, job.threshold, job.shingle_words
    result: list[list[tuple[int, int, int]]] = [[] for _ in texts]
    if len(texts) < threshold:
        return result
    # Document frequency of every shingle: each text's distinct hashes, counted with numpy (one array of
    # hashes per outlet, not a dict of Python ints). The first texts' shingles are kept for the second pass,
    # up to ``KEEP_SHINGLES`` per outlet; the rest (a giant outlet's) are recomputed there.
    kept: list[np.ndarray] = []
    kept_size = 0
    distinct = []
    for text in texts:
        shingles = _shingles(text, shingle_words)
        distinct.append(np.unique(shingles))
        if len(kept) == len(distinct) - 1 and kept_size + len(shingles) <= KEEP_SHINGLES:
            kept.append(shingles)
            kept_size += len(shingles)
    keys, counts = np.unique(np.concatenate(distinct), return_counts=True) if distinct else (None, None)
    del distinct
    if keys is None or counts is None or not len(keys) or counts.max() < threshold:
        return result
    for n, text in enumerate(texts):
        hashes = kept[n] if n < len(kept) else _shingles(text, shingle_words)
        frequency = counts[np.searchsorted(keys, hashes)] if len(hashes) else np.zeros(0, dtype=np.int64)
        if not len(frequency) or frequency.max() < threshold:
            continue  # nothing repeated: no span (the common case, and the word spans are never built)
        result[n] = _runs(text, word_spans(text), frequency, threshold, shingle_words, len(texts))
    return result


def _runs(
    text: str,
    spans: tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]],
    frequency: npt.NDArray[np.int64],
    threshold: int,
    size: int,
    group_size: int,
) -> list[tuple[int, int, int]]:
    """Merge the frequent shingles of one text into spans of words, dropping story-sized and quoted runs.

    ``spans``: start and end offsets of the text's words; ``frequency``: the count of each shingle (word k on).
    """
    starts, ends = spans[0].tolist(), spans[1].tolist()
    covered = _lowest_covering_count(frequency, threshold, size, len(starts)).tolist()
    found: list[tuple[int, int, int]] = []
    flags = np.concatenate([[False], np.asarray(covered, dtype=np.int64) > 0, [False]])
    edges = np.flatnonzero(flags[1:] != flags[:-1]).tolist()
    for position, stop in zip(edges[0::2], edges[1::2], strict=True):  # runs of covered words
        end = stop - 1
        start_char, end_char = starts[position], ends[end]
        run_words = end - position + 1
        quoted = any(q in text[start_char:end_char] for q in _QUOTES)
        count = min(covered[position : end + 1])
        story_sized = run_words > STORY_SHARE * len(starts) and count < max(2 * threshold, group_size / 2)
        end_char = _past_punctuation(text, end_char)
        credit = _CREDIT.search(text, start_char, end_char) is not None
        if not story_sized and not quoted and not credit and _stands_apart(text, start_char, end_char):
            found.append((start_char, end_char, count))
    return found


def _lowest_covering_count(
    frequency: npt.NDArray[np.int64], threshold: int, size: int, words: int
) -> npt.NDArray[np.int64]:
    """Per word: the lowest count among the shingles with at least ``threshold`` that cover it, else 0."""
    never = np.iinfo(np.int64).max
    counts = np.where(frequency >= threshold, frequency, never).astype(np.int64)
    # Word k is covered by the shingles starting at k - size + 1 .. k: a sliding minimum over a padded array.
    padded = np.concatenate(
        [np.full(size - 1, never, np.int64), counts, np.full(max(0, words - len(counts)), never, np.int64)]
    )
    lowest = np.lib.stride_tricks.sliding_window_view(padded, size).min(axis=1)[:words]
    return np.where(lowest == never, 0, lowest)


def _stands_apart(text: str, start: int, end: int) -> bool:
    """Chrome is a unit of its own: both ends at a boundary, not inside a sentence.

    A boundary is the text's edge, a line break, a separator or sentence end, a capitalised word
    following, or a field glued on with no space ("Facebook21.08.2013"). A beat's formula ("Applications
    for U.S. state unemployment insurance [rose to ...]") recurs too, but it runs on into the sentence.
    """
    before, after = text[max(0, start - 3) : start], text[end : end + 3]
    start_apart = (
        not before.strip()
        or "\n" in before
        or (before[-1:].isalnum() and not before[-1:].isspace())
        or before.rstrip()[-1:] in ".!?:|»›•·)]”’\"'"
    )
    end_apart = (
        not after.strip()
        or "\n" in after
        or (after[:1].isalnum())
        or after.lstrip()[:1] in "|•·«‹([©“‘\"'"
        or after.lstrip()[:1].isupper()
        or text[end - 1 : end] in ".!?:"
    )
    return start_apart and end_apart


def _past_punctuation(text: str, end: int) -> int:
    """Extend a run over the punctuation glued to its last word ("reserved." keeps no stray ".")."""
    while end < len(text) and not text[end].isspace() and not text[end].isalnum() and text[end] not in _QUOTES:
        end += 1
    return end


def outlet_group(article: CleanArticle) -> str | None:
    """The group an article's chrome is shared within: its outlet, else its URL's domain, else None."""
    outlet = (article.article.outlet or "").strip().casefold()
    return outlet or outlet_from_url(article.article.url)


def strip_repeated_chrome(
    articles: Sequence[CleanArticle],
    *,
    min_articles: int = MIN_ARTICLES,
    min_share: float = MIN_SHARE,
    shingle_words: int = SHINGLE_WORDS,
) -> list[CleanArticle]:
    """The articles with their outlet's repeated chrome removed, in input order.

    Each removed span is listed in ``boilerplate`` as ``RemovedLine(kind="repeated_chrome")`` in
    original offsets (one per verbatim piece when a span crosses a line the cleaner joined), and the
    offset map is rebuilt so ``offsets.span_to_original`` stays exact. Unchanged articles are returned
    as they are.
    """
    spans = repeated_spans(
        [a.text for a in articles],
        [outlet_group(a) for a in articles],
        min_articles=min_articles,
        min_share=min_share,
        shingle_words=shingle_words,
    )
    return [
        remove_spans(a, [(s, e) for s, e, _ in found]) if found else a for a, found in zip(articles, spans, strict=True)
    ]


def remove_spans(
    article: CleanArticle, spans: Sequence[tuple[int, int]], kind: str = "repeated_chrome"
) -> CleanArticle:
    """``article`` with the cleaned-text ``spans`` removed, recorded, and the offset map composed."""
    text = article.text
    keep: list[tuple[int, int]] = []
    removed: list[RemovedLine] = []
    position = 0
    for start, end in sorted(spans):
        start = max(start, position)
        if end <= start:
            continue
        # Take one side's whitespace along so "a CHROME b" becomes "a b", not "a  b".
        if (start == 0 or text[start - 1].isspace()) and end < len(text) and text[end] in " \t":
            while end < len(text) and text[end] in " \t":
                end += 1
        keep.append((position, start))
        removed.extend(_removed_pieces(article, start, end, kind))
        position = end
    keep.append((position, len(text)))
    keep = _trim_whitespace(text, keep)
    builder = OffsetMapBuilder(article.article.text)
    for start, end in keep:
        _copy_clean_range(builder, article.offsets, text, start, end)
    new_text, offsets = builder.build()
    return _rebuilt(article, new_text, offsets, removed)


def _trim_whitespace(text: str, keep: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop the whitespace a removed span leaves at the start or end of the text."""
    keep = [(s, e) for s, e in keep if e > s]
    while keep and not text[keep[0][0] : keep[0][1]].strip():
        keep.pop(0)
    while keep and not text[keep[-1][0] : keep[-1][1]].strip():
        keep.pop()
    if keep:
        first, last = keep[0], keep[-1]
        keep[0] = (first[0] + len(text[first[0] : first[1]]) - len(text[first[0] : first[1]].lstrip()), first[1])
        last = keep[-1]
        keep[-1] = (last[0], last[0] + len(text[last[0] : last[1]].rstrip()))
    return keep


def _removed_pieces(article: CleanArticle, start: int, end: int, kind: str) -> list[RemovedLine]:
    pieces: list[RemovedLine] = []
    for segment in article.offsets.segments:
        lo, hi = max(start, segment.clean_start), min(end, segment.clean_end)
        if lo >= hi:
            continue
        orig_lo = segment.orig_start + lo - segment.clean_start
        orig_hi = segment.orig_start + hi - segment.clean_start
        piece = article.article.text[orig_lo:orig_hi]
        if piece.strip():
            pieces.append(RemovedLine(orig_lo, orig_hi, piece, kind))
    return pieces


def _copy_clean_range(builder: OffsetMapBuilder, offsets: OffsetMap, text: str, start: int, end: int) -> None:
    """Append ``text[start:end]``: verbatim original where the old map has segments, inserted text elsewhere."""
    position = start
    for segment in offsets.segments:
        if segment.clean_end <= position or segment.clean_start >= end:
            continue
        if segment.clean_start > position:
            builder.insert(text[position : segment.clean_start])
            position = segment.clean_start
        stop = min(end, segment.clean_end)
        builder.keep(
            segment.orig_start + position - segment.clean_start, segment.orig_start + stop - segment.clean_start
        )
        position = stop
    if position < end:
        builder.insert(text[position:end])


def _rebuilt(
    article: CleanArticle,
    text: str,
    offsets: OffsetMap,
    removed: list[RemovedLine],
) -> CleanArticle:
    """The article with new text and map; marked spans (cleaned coordinates) are carried over through the original."""
    marked = []
    for span in article.marked:
        orig_start, orig_end = article.offsets.span_to_original(span.start, span.end)
        new_start, new_end = offsets.to_clean(orig_start), offsets.to_clean(orig_end - 1)
        if new_start is not None and new_end is not None:
            marked.append(replace(span, start=new_start, end=new_end + 1))
    boilerplate = tuple(sorted((*article.boilerplate, *removed), key=lambda line: line.start))
    return replace(article, text=text, offsets=offsets, boilerplate=boilerplate, marked=tuple(marked))
