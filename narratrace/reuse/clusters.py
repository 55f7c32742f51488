"""Group passages reused across articles into clusters (connected overlapping passages).

Each aligned passage is two occurrences (one per article) linked together; occurrences in the
same article that overlap are the same text, so they are linked too. A connected component is one
reused passage family. Its members are the merged spans per article; its earliest witness is the
member article with the earliest known publication date.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Mapping, Sequence

from narratrace.reuse.significance import LINK_KINDS
from narratrace.reuse.types import ReuseCluster, ReusePair


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, x: int, y: int) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            self.parent[max(rx, ry)] = min(rx, ry)


def _merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _date_key(value: str | None) -> str | None:
    """Sortable form of an ISO date/datetime (date part first); None when absent or not ISO-like."""
    if not value or len(value) < 4 or not value[:4].isdigit():
        return None
    return value.strip()


def build_clusters(
    pairs: Sequence[ReusePair], published: Mapping[str, str | None], min_significance: int = 8
) -> list[ReuseCluster]:
    """Clusters of passages shared by >= 2 articles, in a deterministic order.

    ``stock`` pairs never link, and other pairs only through passages with at least
    ``min_significance`` significant words (or of unknown significance; a quotation needs
    fewer, see ``shared_quote``): a stock sentence that two copy pairs also happen to share
    cannot chain their families together.
    """
    occurrences: list[tuple[str, int, int]] = []
    for pair in pairs:
        if pair.kind not in LINK_KINDS:
            continue
        for passage in pair.passages:
            needed = min(min_significance, 1) if pair.kind == "shared_quote" else min_significance
            if passage.significance is not None and passage.significance < needed:
                continue
            occurrences.append((pair.a, passage.a_start, passage.a_end))
            occurrences.append((pair.b, passage.b_start, passage.b_end))
    union = _UnionFind(len(occurrences))
    for index in range(0, len(occurrences), 2):
        union.union(index, index + 1)
    by_article: dict[str, list[int]] = defaultdict(list)
    for index, (article, _, _) in enumerate(occurrences):
        by_article[article].append(index)
    for indices in by_article.values():
        # Sweep in start order; an occurrence overlapping the running span joins its group.
        indices.sort(key=lambda k: occurrences[k][1:])
        current_end, current_index = -1, -1
        for k in indices:
            _, start, end = occurrences[k]
            if start < current_end:
                union.union(current_index, k)
                current_end = max(current_end, end)
            else:
                current_end, current_index = end, k
    components: dict[int, list[tuple[str, int, int]]] = defaultdict(list)
    for index, occurrence in enumerate(occurrences):
        components[union.find(index)].append(occurrence)
    clusters: list[tuple[tuple[tuple[str, int, int], ...], str | None]] = []
    for component in components.values():
        spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for article, start, end in component:
            spans[article].append((start, end))
        merged = tuple(
            (article, start, end) for article in sorted(spans) for start, end in _merge_spans(spans[article])
        )
        dated = [(key, article) for article in spans if (key := _date_key(published.get(article))) is not None]
        clusters.append((merged, min(dated)[1] if dated else None))
    clusters.sort()
    result = []
    for members, earliest in clusters:
        digest = hashlib.sha1(repr(members).encode()).hexdigest()[:12]
        result.append(ReuseCluster(id=f"c{digest}", members=members, earliest=earliest))
    return result
