"""Passage alignment of one candidate pair: seed, select, chain, trim.

1. **Seeds**: every shared word n-gram is an anchor ``(i, j)`` (word ``i`` of a, word ``j`` of b);
   anchors on one diagonal with consecutive ``i`` merge into a seed, a maximal exact run of
   at least n words.
2. **Selection**: seeds are taken longest first and trimmed so no word of either text is
   aligned twice (repeated sentences would otherwise align crosswise).
3. **Chaining**: in a's order, a seed extends an open chain when it continues forward in both
   texts within ``max_gap_words``; a moved paragraph starts its own chain, so reordering gives
   separate passages instead of one passage over-extended across the move.
4. **Gaps** between chained seeds are diffed word by word: that is where substitutions and
   inserted clauses are, and it gives the edits inside a passage.

Passage edges are the first and last matching words, widened only over punctuation both texts
share (a closing quote and full stop), so boundaries sit on the true edges of the shared text.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from narratrace.reuse.options import ReuseOptions
from narratrace.reuse.prepared import PreparedText

I64 = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Seed:
    """Words ``a[i:i+length]`` equal ``b[j:j+length]``."""

    i: int
    j: int
    length: int

    @property
    def i_end(self) -> int:
        return self.i + self.length

    @property
    def j_end(self) -> int:
        return self.j + self.length


@dataclass(frozen=True)
class GapEdit:
    """A difference inside a passage, in word indices (half-open ranges)."""

    op: str
    i: int
    i_end: int
    j: int
    j_end: int


@dataclass
class Chain:
    seeds: list[Seed]
    matched: int = 0
    gap_edits: list[GapEdit] = field(default_factory=list)

    @property
    def i(self) -> int:
        return self.seeds[0].i

    @property
    def i_end(self) -> int:
        return self.seeds[-1].i_end

    @property
    def j(self) -> int:
        return self.seeds[0].j

    @property
    def j_end(self) -> int:
        return self.seeds[-1].j_end


def find_anchors(a: PreparedText, b: PreparedText, max_repeats: int) -> tuple[I64, I64]:
    """All ``(i, j)`` where a's shingle ``i`` equals b's shingle ``j``, skipping over-repeated n-grams."""
    if not len(a.shingles) or not len(b.shingles):
        empty = np.zeros(0, np.int64)
        return empty, empty
    order_a, sorted_a = a.shingle_order, a.sorted_shingles  # kept per text, not sorted again per pair
    left = np.searchsorted(sorted_a, b.shingles, side="left")
    right = np.searchsorted(sorted_a, b.shingles, side="right")
    count_a = right - left
    count_b = b.shingle_repeats
    usable = (count_a >= 1) & (count_a <= max_repeats) & (count_b <= max_repeats)
    j_positions = np.flatnonzero(usable)
    counts = count_a[usable]
    if not len(j_positions):
        empty = np.zeros(0, np.int64)
        return empty, empty
    total = int(counts.sum())
    run_offsets = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
    i_positions = order_a[np.repeat(left[usable], counts) + run_offsets]
    return i_positions.astype(np.int64), np.repeat(j_positions, counts).astype(np.int64)


def find_seeds(i_anchor: I64, j_anchor: I64, shingle_words: int) -> list[Seed]:
    """Merge anchors on the same diagonal with consecutive ``i`` into maximal exact runs."""
    if not len(i_anchor):
        return []
    diagonal = j_anchor - i_anchor
    order = np.lexsort((i_anchor, diagonal))
    i_sorted, d_sorted = i_anchor[order], diagonal[order]
    breaks = np.flatnonzero((np.diff(d_sorted) != 0) | (np.diff(i_sorted) != 1)) + 1
    starts = np.concatenate([[0], breaks])
    ends = np.concatenate([breaks, [len(i_sorted)]]) - 1
    return [
        Seed(int(i_sorted[s]), int(i_sorted[s] + d_sorted[s]), int(i_sorted[e] - i_sorted[s]) + shingle_words)
        for s, e in zip(starts.tolist(), ends.tolist(), strict=True)
    ]


def select_one_to_one(seeds: list[Seed], words_a: int, words_b: int, min_length: int) -> list[Seed]:
    """Longest seeds first; later seeds keep only their longest stretch of not-yet-aligned words."""
    used_a = np.zeros(words_a, dtype=bool)
    used_b = np.zeros(words_b, dtype=bool)
    chosen: list[Seed] = []
    for seed in sorted(seeds, key=lambda s: (-s.length, s.i, s.j)):
        free = ~(used_a[seed.i : seed.i_end] | used_b[seed.j : seed.j_end])
        if not free.all():
            padded = np.concatenate([[False], free, [False]])
            edges = np.flatnonzero(padded[1:] != padded[:-1])
            if not len(edges):
                continue
            lengths = edges[1::2] - edges[0::2]
            best = int(np.argmax(lengths))
            offset, length = int(edges[2 * best]), int(lengths[best])
            seed = Seed(seed.i + offset, seed.j + offset, length)
        if seed.length < min_length:
            continue
        used_a[seed.i : seed.i_end] = True
        used_b[seed.j : seed.j_end] = True
        chosen.append(seed)
    return chosen


def chain_seeds(seeds: list[Seed], max_gap: int, a: PreparedText, b: PreparedText, max_break_gap: int) -> list[Chain]:
    """Group seeds (one-to-one) into chains that move forward in both texts with small gaps.

    A gap of more than ``max_break_gap`` words that spans a paragraph break in either text ends
    the chain: the copy stopped at the end of a paragraph and picked up again later, which is
    two shared passages, not one with a long change inside.
    """
    chains: list[Chain] = []
    open_chains: list[Chain] = []
    for seed in sorted(seeds, key=lambda s: (s.i, s.j)):
        # Seeds come in a's order, so a chain ending more than max_gap words back is finished.
        open_chains = [c for c in open_chains if seed.i - c.i_end <= max_gap]
        best: Chain | None = None
        best_gap = 0
        for chain in open_chains:
            gap_a, gap_b = seed.i - chain.i_end, seed.j - chain.j_end
            if not (0 <= gap_a <= max_gap and 0 <= gap_b <= max_gap):
                continue
            if max(gap_a, gap_b) > max_break_gap and (
                _crosses_break(a, chain.i_end, seed.i) or _crosses_break(b, chain.j_end, seed.j)
            ):
                continue
            if best is None or gap_a + gap_b < best_gap:
                best, best_gap = chain, gap_a + gap_b
        if best is None:
            chains.append(Chain([seed]))
            open_chains.append(chains[-1])
        else:
            best.seeds.append(seed)
    return chains


def diff_gaps(chain: Chain, a_hashes: npt.NDArray[np.uint64], b_hashes: npt.NDArray[np.uint64]) -> None:
    """Fill ``chain.matched`` and ``chain.gap_edits`` from a word diff between consecutive seeds."""
    chain.matched = sum(s.length for s in chain.seeds)
    for left, right in zip(chain.seeds, chain.seeds[1:], strict=False):
        gap_a = a_hashes[left.i_end : right.i].tolist()
        gap_b = b_hashes[left.j_end : right.j].tolist()
        if not gap_a or not gap_b:
            if gap_a or gap_b:
                op = "removed" if gap_a else "added"
                chain.gap_edits.append(GapEdit(op, left.i_end, right.i, left.j_end, right.j))
            continue
        matcher = difflib.SequenceMatcher(None, gap_a, gap_b, autojunk=False)
        for tag, a0, a1, b0, b1 in matcher.get_opcodes():
            if tag == "equal":
                chain.matched += a1 - a0
                continue
            op = {"replace": "changed", "delete": "removed", "insert": "added"}[tag]
            chain.gap_edits.append(GapEdit(op, left.i_end + a0, left.i_end + a1, left.j_end + b0, left.j_end + b1))


def _break_between(text: PreparedText, word: int) -> bool:
    """True when a line break separates word ``word - 1`` from word ``word``."""
    return bool(text.break_before[word])


def trim_paragraph_fragments(chain: Chain, a: PreparedText, b: PreparedText, max_words: int) -> None:
    """Cut a few words that run past a paragraph break in both texts at either end of a chain.

    Two copies of a paragraph are often followed by different paragraphs that happen to open
    alike ("The White Helmets ..."); those words match, but the shared text ends at the break.
    """
    last = chain.seeds[-1]
    for tail in range(min(max_words, last.length - 1), 0, -1):
        cut = last.i_end - tail
        if _break_between(a, cut) and _break_between(b, last.j_end - tail):
            chain.seeds[-1] = Seed(last.i, last.j, last.length - tail)
            break
    first = chain.seeds[0]
    for head in range(min(max_words, first.length - 1), 0, -1):
        if _break_between(a, first.i + head) and _break_between(b, first.j + head):
            chain.seeds[0] = Seed(first.i + head, first.j + head, first.length - head)
            break


def _crosses_break(text: PreparedText, first: int, end: int) -> bool:
    """True when a line break lies between word ``first - 1`` and word ``end`` (exclusive range)."""
    lo = int(text.words.ends[first - 1]) if first > 0 else 0
    hi = int(text.words.starts[end]) if end < len(text.words) else len(text.text)
    return "\n" in text.text[lo:hi]


def _nearest_run(
    a_hashes: npt.NDArray[np.uint64], b_hashes: npt.NDArray[np.uint64], i: int, j: int, max_gap: int, step: int
) -> Seed | None:
    """The closest exact run of >= 2 words starting at most ``max_gap`` words from ``(i, j)``.

    ``step`` -1 looks backwards from words ``i - 1``/``j - 1``, +1 forwards from ``i``/``j``.
    """
    best: tuple[int, int, int] | None = None
    for total in range(2 * max_gap + 1):
        for gap_a in range(max(0, total - max_gap), min(total, max_gap) + 1):
            gap_b = total - gap_a
            p = i - 1 - gap_a if step < 0 else i + gap_a
            q = j - 1 - gap_b if step < 0 else j + gap_b
            p2, q2 = p + step, q + step
            if min(p, q, p2, q2) < 0 or max(p, p2) >= len(a_hashes) or max(q, q2) >= len(b_hashes):
                continue
            if a_hashes[p] == b_hashes[q] and a_hashes[p2] == b_hashes[q2]:
                best = (p, q, 2)
                break
        if best is not None:
            break
    if best is None:
        return None
    p, q, length = best
    while True:  # grow the run away from the chain as far as it stays exact
        p_next, q_next = p + step * length, q + step * length
        if not (0 <= p_next < len(a_hashes) and 0 <= q_next < len(b_hashes)):
            break
        if a_hashes[p_next] != b_hashes[q_next]:
            break
        length += 1
    if step < 0:
        return Seed(p - length + 1, q - length + 1, length)
    return Seed(p, q, length)


def extend_chain_edges(chain: Chain, a: PreparedText, b: PreparedText, max_edge_gap: int) -> None:
    """Take in short exact runs (shorter than a shingle) just outside either end of a chain.

    A substitution among the first or last few words of a copied paragraph leaves a run too short
    to be a seed; without this the passage would start or stop a few words short of the true edge.
    Runs must be >= 2 words, at most ``max_edge_gap`` words away, and within the same paragraph.
    """
    a_hashes, b_hashes = a.words.hashes, b.words.hashes
    while True:  # backwards from the chain start
        run = _nearest_run(a_hashes, b_hashes, chain.i, chain.j, max_edge_gap, -1)
        if run is None or _crosses_break(a, run.i_end, chain.i) or _crosses_break(b, run.j_end, chain.j):
            break
        chain.seeds.insert(0, run)
    while True:  # forwards from the chain end
        run = _nearest_run(a_hashes, b_hashes, chain.i_end, chain.j_end, max_edge_gap, 1)
        if run is None or _crosses_break(a, chain.i_end, run.i) or _crosses_break(b, chain.j_end, run.j):
            break
        chain.seeds.append(run)


def align_chains(
    a: PreparedText, b: PreparedText, options: ReuseOptions, anchors: tuple[I64, I64] | None = None
) -> list[Chain]:
    """Chains of exact runs shared by ``a`` and ``b``, gaps diffed, in a's order.

    ``anchors`` are ``find_anchors``'s result when the caller already has it.
    """
    i_anchor, j_anchor = anchors if anchors is not None else find_anchors(a, b, options.max_anchor_repeats)
    seeds = find_seeds(i_anchor, j_anchor, options.shingle_words)
    seeds = select_one_to_one(seeds, len(a.words), len(b.words), options.shingle_words)
    chains = chain_seeds(seeds, options.max_gap_words, a, b, options.max_edge_gap_words)
    for chain in chains:
        trim_paragraph_fragments(chain, a, b, options.shingle_words - 1)
        extend_chain_edges(chain, a, b, options.max_edge_gap_words)
        diff_gaps(chain, a.words.hashes, b.words.hashes)
    return sorted(chains, key=lambda c: (c.i, c.j))
