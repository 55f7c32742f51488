"""Records of shared text between two articles. All offsets are into the ORIGINAL texts (``Article.text``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AlignedPassage:
    """``a.text[a_start:a_end]`` and ``b.text[b_start:b_end]`` are the same passage, possibly lightly edited.

    ``score`` is the share of aligned words that match exactly (1.0 = verbatim). ``significance``
    is how many of its words are *significant shared text*: covered by shared word 5-grams that
    are neither common in the corpus nor stock phrasing of news (``narratrace.reuse.significance``);
    None when unknown (a passage made by hand).
    """

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    score: float
    significance: int | None = None


@dataclass(frozen=True)
class Edit:
    """One difference inside or around the shared text, seen from ``a`` to ``b``.

    ``op`` is ``added`` (only in b), ``removed`` (only in a) or ``changed`` (a's words replaced by b's).
    Offsets are in the original texts; the side without text has an empty span at the edit point.
    """

    op: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    a_text: str
    b_text: str


@dataclass(frozen=True)
class ReusePair:
    """Two articles that share text. ``a`` < ``b`` by id, so a pair has one spelling."""

    a: str
    b: str
    passages: tuple[AlignedPassage, ...]
    edits: tuple[Edit, ...] = ()
    # copy (a substantial share of one text) | partial (substantial shared passages, a small share of
    # both) | shared_quote (only a quotation in common) | stock (only common or short phrasing in
    # common; found only on request and never a link between articles)
    kind: str = "copy"
    containment_a: float = 0.0  # share of a's (cleaned, unmasked) words inside shared passages
    containment_b: float = 0.0
    significance: int = 0  # significant shared words over all passages: what pairs are ranked by


@dataclass(frozen=True)
class ReuseCluster:
    """One passage reused across >= 2 articles."""

    id: str
    members: tuple[tuple[str, int, int], ...]  # (article id, start, end) in the original text
    earliest: str | None  # article id of the earliest witness, when dates allow
