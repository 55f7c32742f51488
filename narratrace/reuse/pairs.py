"""From aligned chains to a ReusePair: keep real passages, decide the kind, list the edits.

Everything is computed in cleaned-text coordinates and mapped to the ORIGINAL texts at the end
through each article's offset map.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from narratrace.reuse.align import Chain, align_chains, find_anchors
from narratrace.reuse.options import ReuseOptions
from narratrace.reuse.prepared import PreparedText
from narratrace.reuse.significance import (
    F64,
    I64,
    SharedEvidence,
    could_link,
    lifted_clause_weight,
    pair_kind,
    passage_evidence,
)
from narratrace.reuse.templates import is_template_pair
from narratrace.reuse.types import AlignedPassage, Edit, ReusePair

# Characters treated as the same when widening a passage edge over punctuation.
_EQUIVALENT = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u00ab": '"', "\u00bb": '"'})


@dataclass(frozen=True)
class _Passage:
    chain: Chain
    a_span: tuple[int, int]  # cleaned coordinates
    b_span: tuple[int, int]
    quoted: bool
    evidence: SharedEvidence


def _same_char(x: str, y: str) -> bool:
    return x.translate(_EQUIVALENT) == y.translate(_EQUIVALENT)


def _widen(
    a_text: str, b_text: str, a_span: tuple[int, int], b_span: tuple[int, int]
) -> tuple[tuple[int, int], tuple[int, int]]:
    """Extend both spans over punctuation the two texts share right before and after them."""
    a_start, a_end = a_span
    b_start, b_end = b_span
    while (
        a_end < len(a_text)
        and b_end < len(b_text)
        and not a_text[a_end].isspace()
        and not a_text[a_end].isalnum()
        and _same_char(a_text[a_end], b_text[b_end])
    ):
        a_end, b_end = a_end + 1, b_end + 1
    while (
        a_start > 0
        and b_start > 0
        and not a_text[a_start - 1].isspace()
        and not a_text[a_start - 1].isalnum()
        and _same_char(a_text[a_start - 1], b_text[b_start - 1])
    ):
        a_start, b_start = a_start - 1, b_start - 1
    return (a_start, a_end), (b_start, b_end)


def _word_span(text: PreparedText, first: int, end: int) -> tuple[int, int]:
    """Cleaned-text span from word ``first`` to the end of word ``end - 1``."""
    if end <= first:
        pos = int(text.words.starts[first]) if first < len(text.words) else len(text.text)
        return pos, pos
    return int(text.words.starts[first]), int(text.words.ends[end - 1])


def _keep_passages(
    a: PreparedText, b: PreparedText, chains: list[Chain], rare_anchors: tuple[I64, I64, F64], options: ReuseOptions
) -> list[_Passage]:
    rare_i, rare_j, weights = rare_anchors
    # Words repeated are the same evidence: a shingle counts once per pair, at its first anchor in
    # a's order (a poll question printed three times in each text is one question).
    order = np.lexsort((rare_j, rare_i))
    _, firsts = np.unique(a.shingles[rare_i[order]], return_index=True)
    counted = np.zeros(len(rare_i), dtype=bool)
    counted[order[firsts]] = True
    size = options.shingle_words
    kept: list[_Passage] = []
    for chain in chains:
        a_span = _word_span(a, chain.i, chain.i_end)
        b_span = _word_span(b, chain.j, chain.j_end)
        quoted = a.in_quotes(*a_span) and b.in_quotes(*b_span)
        minimum = options.min_quote_words if quoted else options.min_passage_words
        if chain.matched >= minimum:
            inside = (
                counted
                & (rare_i >= chain.i)
                & (rare_i + size <= chain.i_end)
                & (rare_j >= chain.j)
                & (rare_j + size <= chain.j_end)
            )
            evidence = passage_evidence(
                (rare_i[inside], rare_j[inside]),
                weights[inside],
                size,
                (a.quoted_words, b.quoted_words),
                (a.block_words, b.block_words),
                (a.tweet_words, b.tweet_words),
            )
            evidence = replace(evidence, span_a=chain.i_end - chain.i, span_b=chain.j_end - chain.j)
            kept.append(_Passage(chain, a_span, b_span, quoted, evidence))
    return kept


def _covered_share(word_count: int, ranges: list[tuple[int, int]]) -> float:
    if word_count == 0:
        return 0.0
    covered = np.zeros(word_count, dtype=bool)
    for start, end in ranges:
        covered[start:end] = True
    return float(covered.sum()) / word_count


def _unaligned_runs(text: PreparedText, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Runs of words outside every passage, split at line breaks (one edit per paragraph)."""
    count = len(text.words)
    outside = np.ones(count, dtype=bool)
    for start, end in ranges:
        outside[start:end] = False
    if not outside.any():
        return []
    previous_inside = np.concatenate([[True], ~outside[:-1]])
    starts = np.flatnonzero(outside & (previous_inside | text.break_before))
    stops = np.flatnonzero(~outside | (outside & (previous_inside | text.break_before)))
    stops = np.concatenate([stops, [count]])
    ends = stops[np.searchsorted(stops, starts, side="right")]
    return list(zip(starts.tolist(), ends.tolist(), strict=True))


class _EditBuilder:
    """Turns cleaned-text edits into Edit records: original offsets, and the words as cleaned."""

    def __init__(self, a: PreparedText, b: PreparedText) -> None:
        self.a, self.b = a, b
        self.edits: list[Edit] = []

    def add(self, op: str, a_span: tuple[int, int], b_span: tuple[int, int]) -> None:
        a_start, a_end = self.a.span_to_original(*a_span)
        b_start, b_end = self.b.span_to_original(*b_span)
        self.edits.append(
            Edit(
                op,
                a_start,
                a_end,
                b_start,
                b_end,
                self.a.text[a_span[0] : a_span[1]],
                self.b.text[b_span[0] : b_span[1]],
            )
        )


def _run_span(text: PreparedText, first: int, end: int) -> tuple[int, int]:
    """Span of an unaligned run of words, with the punctuation that closes its last word."""
    start, stop = _word_span(text, first, end)
    while stop < len(text.text) and not text.text[stop].isspace() and not text.text[stop].isalnum():
        stop += 1
    return start, stop


def _edits(a: PreparedText, b: PreparedText, passages: list[_Passage], kind: str) -> tuple[Edit, ...]:
    builder = _EditBuilder(a, b)
    for passage in passages:
        for gap in passage.chain.gap_edits:
            builder.add(gap.op, _word_span(a, gap.i, gap.i_end), _word_span(b, gap.j, gap.j_end))
    if kind == "copy":
        a_ranges = [(p.chain.i, p.chain.i_end) for p in passages]
        b_ranges = [(p.chain.j, p.chain.j_end) for p in passages]
        by_a = sorted(passages, key=lambda p: p.chain.i)
        by_b = sorted(passages, key=lambda p: p.chain.j)
        for first, end in _unaligned_runs(a, a_ranges):
            # The edit point in b: just after the passage that precedes this run in a.
            before = [p for p in by_a if p.chain.i_end <= first]
            point = before[-1].b_span[1] if before else 0
            builder.add("removed", _run_span(a, first, end), (point, point))
        for first, end in _unaligned_runs(b, b_ranges):
            before = [p for p in by_b if p.chain.j_end <= first]
            point = before[-1].a_span[1] if before else 0
            builder.add("added", (point, point), _run_span(b, first, end))
    return tuple(sorted(builder.edits, key=lambda e: (e.b_start, e.a_start, e.op)))


def _rare_anchors(a: PreparedText, b: PreparedText, anchors: tuple[I64, I64]) -> tuple[I64, I64, F64]:
    """Anchors whose shingle counts as evidence, and its weight (1 each when weights are unknown)."""
    i_anchor, j_anchor = anchors
    if a.weights is None or b.weights is None:
        return i_anchor, j_anchor, np.ones(len(i_anchor), dtype=np.float64)
    # The same hash in both texts has the same weight; the smaller guards against hash-prefix collisions.
    weights = np.minimum(a.weights[i_anchor], b.weights[j_anchor])
    rare = weights > 0
    return i_anchor[rare], j_anchor[rare], weights[rare]


def build_pair(
    a: PreparedText, b: PreparedText, options: ReuseOptions, quoted_evidence: bool = True
) -> ReusePair | None:
    """The reuse pair of ``a`` and ``b`` (``a.id < b.id``), or None when they share nothing real.

    ``quoted_evidence`` False says the candidate index found no quotation the two share: then a
    pair whose rare shared shingles cannot add up to a copy or partial is not aligned at all.
    """
    anchors = find_anchors(a, b, options.max_anchor_repeats)
    rare_anchors = _rare_anchors(a, b, anchors)
    if not (options.keep_stock or quoted_evidence) and not could_link(
        rare_anchors[0], rare_anchors[1], len(a.words), len(b.words), options
    ):
        return None
    chains = align_chains(a, b, options, anchors)
    passages = _keep_passages(a, b, chains, rare_anchors, options)
    if not passages:
        return None
    evidence = sum((p.evidence for p in passages), SharedEvidence())
    spans = [(p.chain.i, p.chain.i_end, p.chain.j, p.chain.j_end) for p in passages]
    clauses = lifted_clause_weight(spans, [p.evidence.weight for p in passages], options.max_edge_gap_words)
    evidence = replace(evidence, clause_weight=clauses)
    kind = pair_kind(evidence, len(a.words), len(b.words), options)
    if kind == "partial" and is_template_pair(
        a,
        b,
        [(p.chain.i_end, p.chain.j_end) for p in passages],
        [p.evidence.weight for p in passages],
        options.min_partial_words,
    ):
        # A house template's editions share its wording, not reporting: only their quotations can link them.
        kind = "shared_quote" if evidence.quoted_weight >= options.min_shared_quote_words else "stock"
    if kind == "stock" and not options.keep_stock:
        return None
    aligned: list[AlignedPassage] = []
    widened: list[_Passage] = []
    for passage in passages:
        a_span, b_span = _widen(a.text, b.text, passage.a_span, passage.b_span)
        widened.append(_Passage(passage.chain, a_span, b_span, passage.quoted, passage.evidence))
        a_start, a_end = a.span_to_original(*a_span)
        b_start, b_end = b.span_to_original(*b_span)
        words = max(passage.chain.i_end - passage.chain.i, passage.chain.j_end - passage.chain.j)
        score = round(passage.chain.matched / words, 4)
        aligned.append(AlignedPassage(a_start, a_end, b_start, b_end, score, passage.evidence.significance))
    return ReusePair(
        a=a.source.id,
        b=b.source.id,
        passages=tuple(aligned),
        edits=_edits(a, b, widened, kind),
        kind=kind,
        containment_a=round(_covered_share(len(a.words), [(p.chain.i, p.chain.i_end) for p in passages]), 4),
        containment_b=round(_covered_share(len(b.words), [(p.chain.j, p.chain.j_end) for p in passages]), 4),
        significance=evidence.significance,
    )
