"""A group of articles (a story, or a narrative of stories) as the index keeps it, and how it turns into JSON.

A group keeps running sums, never its members' raw features, so that adding an article costs the same however
large the corpus is. Arrays travel as base64 of little-endian float64 so that a saved and reloaded index scores
exactly as the one that never left memory.
"""

from __future__ import annotations

import base64
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np

GROUP_TERMS = 300  # a group's term vector keeps its strongest terms; the tail changes no cosine that matters
MATCH_ENTITIES = 20  # the entities a group is matched on (most mentioned)


def encode_array(array: np.ndarray, dtype: str = "<f8") -> str:
    """Base64 of the array's values; ``<f4`` halves the size and is exact for values that were float32."""
    return base64.b64encode(np.ascontiguousarray(array, dtype=dtype).tobytes()).decode("ascii")


def decode_array(text: str, width: int, dtype: str = "<f8") -> np.ndarray:
    flat = np.frombuffer(base64.b64decode(text), dtype=dtype).astype(np.float64)
    return flat.reshape(-1, width) if width else flat


@dataclass
class Group:
    """Running sums over a group's articles. ``members`` are article indices (stories) or story indices (narratives)."""

    id: str
    centroid_sum: np.ndarray
    members: list[int] = field(default_factory=list)
    terms: dict[int, float] = field(default_factory=dict)
    entities: Counter[str] = field(default_factory=Counter)
    start: int | None = None
    end: int | None = None
    articles: int = 0  # articles folded into the sums
    day_sum: int = 0  # over the dated members: their mean day anchors the story in time
    dated: int = 0
    parent: int = -1  # a story's narrative (index); -1 for narratives
    _match_entities: frozenset[str] | None = None
    _term_norm: float | None = None

    def add(self, embedding: np.ndarray, terms: dict[int, float], entities: tuple[str, ...], day: int | None) -> None:
        """Fold one article's features into the sums."""
        self.centroid_sum = self.centroid_sum + embedding
        self.articles += 1
        for index, weight in terms.items():
            self.terms[index] = self.terms.get(index, 0.0) + weight
        if len(self.terms) > GROUP_TERMS:
            strongest = sorted(self.terms.items(), key=lambda item: (-item[1], item[0]))[:GROUP_TERMS]
            self.terms = dict(strongest)
        self.entities.update(entities)
        if day is not None:
            self.day_sum += day
            self.dated += 1
            self.start = day if self.start is None else min(self.start, day)
            self.end = day if self.end is None else max(self.end, day)
        self._match_entities = None
        self._term_norm = None

    @property
    def mean_day(self) -> float | None:
        return self.day_sum / self.dated if self.dated else None

    def mean_embedding(self) -> np.ndarray:
        """The members' mean embedding: its dot product with an article is the article's mean cosine with them
        (average linkage), which, unlike the cosine with a unit centroid, does not grow more forgiving as a
        loose group grows."""
        return self.centroid_sum / self.articles if self.articles else self.centroid_sum

    def unit_centroid(self) -> np.ndarray:
        norm = float(np.linalg.norm(self.centroid_sum))
        return self.centroid_sum / norm if norm > 0 else self.centroid_sum

    def match_entities(self) -> frozenset[str]:
        if self._match_entities is None:
            self._match_entities = frozenset(e for e, _ in self.entities.most_common(MATCH_ENTITIES))
        return self._match_entities

    def term_cosine(self, unit_terms: dict[int, float]) -> float:
        """Cosine between the group's term vector and a unit-length article term vector."""
        if self._term_norm is None:
            self._term_norm = math.sqrt(sum(w * w for w in self.terms.values()))
        if not self._term_norm:
            return 0.0
        return sum(w * self.terms.get(i, 0.0) for i, w in unit_terms.items()) / self._term_norm

    def term_mean(self, unit_terms: dict[int, float]) -> float:
        """The article's mean term cosine with the members (average linkage; the pruned tail aside)."""
        if not self.articles:
            return 0.0
        return sum(w * self.terms.get(i, 0.0) for i, w in unit_terms.items()) / self.articles

    def entity_overlap(self, entities: frozenset[str]) -> float:
        """Shared entities over the geometric mean of the two sets' sizes (a cosine of sets)."""
        mine = self.match_entities()
        if not mine or not entities:
            return 0.0
        return len(mine & entities) / math.sqrt(len(mine) * len(entities))

    def to_state(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "members": self.members,
            "centroid_sum": encode_array(self.centroid_sum),
            "terms": [[i, w] for i, w in self.terms.items()],
            "entities": [[e, c] for e, c in self.entities.items()],
            "start": self.start,
            "end": self.end,
            "articles": self.articles,
            "day_sum": self.day_sum,
            "dated": self.dated,
            "parent": self.parent,
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Group:
        return cls(
            id=str(state["id"]),
            centroid_sum=decode_array(state["centroid_sum"], 0),
            members=[int(m) for m in state["members"]],
            terms={int(i): float(w) for i, w in state["terms"]},
            entities=Counter({str(e): int(c) for e, c in state["entities"]}),
            start=state["start"],
            end=state["end"],
            articles=int(state["articles"]),
            day_sum=int(state["day_sum"]),
            dated=int(state["dated"]),
            parent=int(state["parent"]),
        )


class GroupTable:
    """Mean embeddings (average linkage, for stories) or unit centroids (for narratives) and mean days of all
    groups as arrays, grown by doubling.

    Finding a new article's nearest groups is then one matrix-vector product, not a Python loop over groups.
    """

    def __init__(self, width: int, average_linkage: bool) -> None:
        self.average_linkage = average_linkage
        self.size = 0
        self.centroids = np.zeros((16, width))
        self.days = np.full(16, np.nan)

    @classmethod
    def of(cls, groups: list[Group], width: int, average_linkage: bool) -> GroupTable:
        table = cls(width, average_linkage)
        for row, group in enumerate(groups):
            table.update(row, group)
        return table

    def update(self, row: int, group: Group) -> None:
        """Write ``group`` at ``row`` (``row == size`` appends)."""
        if row >= len(self.centroids):
            grow = len(self.centroids)
            self.centroids = np.vstack([self.centroids, np.zeros((grow, self.centroids.shape[1]))])
            self.days = np.concatenate([self.days, np.full(grow, np.nan)])
        self.centroids[row] = group.mean_embedding() if self.average_linkage else group.unit_centroid()
        mean_day = group.mean_day
        self.days[row] = np.nan if mean_day is None else mean_day
        self.size = max(self.size, row + 1)

    def nearest(self, embedding: np.ndarray, count: int, day: int | None, window: int | None) -> list[int]:
        """Rows of the ``count`` groups nearest by embedding; with ``window``, only groups whose mean day is within
        that many days of ``day`` (a group or article without a date is never excluded). The mean, not the
        range, so that a story cannot creep forward one day-old article at a time."""
        if not self.size:
            return []
        sims = self.centroids[: self.size] @ embedding
        if day is not None and window is not None:
            gap = np.abs(self.days[: self.size] - day)
            sims = np.where(gap > window, -np.inf, sims)  # NaN gaps compare false: undated groups stay
        if count < self.size:
            top = np.argpartition(-sims, count)[:count]
            top = top[np.lexsort((top, -sims[top]))]
        else:
            top = np.lexsort((np.arange(self.size), -sims))
        return [int(i) for i in top if np.isfinite(sims[i])]
