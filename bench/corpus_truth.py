"""Ground truth of the reuse benchmark, computed from word origin tags (see ``bench.corpus_gen``)."""

from __future__ import annotations

from dataclasses import dataclass, field

MIN_PASSAGE_WORDS = 10
GAP_WORDS = 3
# Marks a quotation opens with: a shared quotation is a link (``shared_quote``) however short.
_QUOTE_OPENERS = "\"“‘'«"


@dataclass
class Doc:
    """One generated document: paragraphs of words, each word with its origin tag."""

    index: int
    outlet: int
    title: str
    paragraphs: list[list[str]]
    tags: list[list[int]]
    published: str | None
    kind: str  # original_real | original_filler | copy
    parent: int | None = None
    root: int | None = None
    edits: list[dict[str, object]] = field(default_factory=list)
    source_name: str | None = None  # PTC file name for real originals
    written: str | None = None  # when the page went up: ``published``, or a hidden time when it is undated

    def render(self) -> tuple[str, list[int], list[int], list[int]]:
        """Text plus, per word in reading order: start offset, end offset and tag."""
        parts: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        flat_tags: list[int] = []
        pos = 0
        for p_index, (words, tags) in enumerate(zip(self.paragraphs, self.tags, strict=True)):
            if p_index:
                parts.append("\n\n")
                pos += 2
            for w_index, word in enumerate(words):
                if w_index:
                    parts.append(" ")
                    pos += 1
                starts.append(pos)
                parts.append(word)
                pos += len(word)
                ends.append(pos)
            flat_tags.extend(tags)
        return "".join(parts), starts, ends, flat_tags


def ancestors(docs: dict[int, Doc], index: int) -> list[int]:
    out = []
    parent = docs[index].parent
    while parent is not None:
        out.append(parent)
        parent = docs[parent].parent
    return out


def true_passages(
    x: tuple[list[int], list[int], list[int]], y: tuple[list[int], list[int], list[int]]
) -> list[list[int]]:
    """True passages of X and Y (see module doc), as [x_start, x_end, y_start, y_end] char offsets."""
    x_starts, x_ends, x_tags = x
    y_starts, y_ends, y_tags = y
    y_pos = {t: j for j, t in enumerate(y_tags)}
    matches = [(i, y_pos[t]) for i, t in enumerate(x_tags) if t in y_pos]
    out: list[list[int]] = []
    run: list[tuple[int, int]] = []

    def close() -> None:
        if len(run) >= MIN_PASSAGE_WORDS:
            (i0, j0), (i1, j1) = run[0], run[-1]
            out.append([x_starts[i0], x_ends[i1], y_starts[j0], y_ends[j1]])

    for i, j in matches:
        if run and 0 < i - run[-1][0] <= GAP_WORDS + 1 and 0 < j - run[-1][1] <= GAP_WORDS + 1:
            run.append((i, j))
        else:
            close()
            run = [(i, j)]
    close()
    return out


def lifted_sentence(passages: list[str]) -> bool:
    """Whether a pair's only shared text, its true passages as written, is one sentence of the texts' own.

    The labelling guide (bench/data/reuse_pairs/GUIDE.md) puts "a single lifted clause or sentence that is
    neither quotation nor formulaic" below reuse: such a pair is a true pair by word origin (a copy of a
    copy that kept one sentence of its ancestor) that no analyst calls a copy or partial. A passage that
    opens with a quotation mark is a shared quotation, which is a link, so it is no lifted sentence.
    """
    if len(passages) != 1:
        return False
    words = passages[0].split()
    if not words or words[0][0] in _QUOTE_OPENERS:
        return False
    return not any(word.rstrip("\"'”’)").endswith((".", "!", "?")) for word in words[:-1])
