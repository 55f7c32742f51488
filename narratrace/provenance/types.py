"""Who copied whom: the direction of a reuse pair and the evidence for it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Evidence:
    """One reason to believe a direction. ``favours`` is the article id it points to as the source."""

    kind: str  # date, credit, containment, outlet_prior, story_role, shared_quote
    favours: str | None
    weight: float
    detail: str
    data: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Direction:
    source: str | None  # article id of the original, None when undecided
    confidence: float  # 0.5 = coin flip, 1.0 = certain
    evidence: tuple[Evidence, ...] = ()
