"""The order in which a claim's articles appeared: what its ``first_seen`` names and its mentions follow.

An article's day is its publication day as the cleaner trusts it (``clean.dates.publication_day``): a header date
flagged as a page's crawl or archive date does not count, and a dateline that opens the text does. Provenance's
directions add what dates cannot: an article that another one copied was out before its copy, so a source takes
the earliest day among its copies, and of two articles on one day, or both undated, the source comes first.
Articles that nothing dates keep input order after the dated ones: an undated article is first only when nothing
says otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from narratrace.claims.statements import Statement
from narratrace.clean.types import CleanArticle
from narratrace.provenance.types import Direction

OrderKey = tuple[bool, int, int, int]  # (undated, day, sources above it, input position)


def _copy_edges(
    article_ids: Sequence[str], directions: Mapping[tuple[str, str], Direction] | None
) -> dict[str, set[str]]:
    """Source -> the articles that copy it, among ``article_ids`` (decided directions only)."""
    members = set(article_ids)
    copies: dict[str, set[str]] = {article: set() for article in article_ids}
    for (a, b), direction in (directions or {}).items():
        if direction.source not in (a, b) or a not in members or b not in members or a == b:
            continue
        copies[direction.source].add(b if direction.source == a else a)
    return copies


def _below(start: str, edges: Mapping[str, set[str]]) -> set[str]:
    """Every article reached from ``start`` along ``edges``, ``start`` itself left out (cycles are safe)."""
    seen: set[str] = set()
    stack = list(edges.get(start, ()))
    while stack:
        article = stack.pop()
        if article in seen or article == start:
            continue
        seen.add(article)
        stack.extend(edges.get(article, ()))
    return seen


def appearance_order(
    article_ids: Sequence[str],
    days: Sequence[int | None],
    directions: Mapping[tuple[str, str], Direction] | None = None,
) -> list[OrderKey]:
    """A sort key per article (``article_ids`` in input order, ``days`` their publication days), in that order:
    earliest first, a source before its copies, undated articles last in input order."""
    copies = _copy_edges(article_ids, directions)
    sources: dict[str, set[str]] = {article: set() for article in article_ids}
    for source, copied in copies.items():
        for copy in copied:
            sources[copy].add(source)
    day_of = dict(zip(article_ids, days, strict=True))
    keys = []
    for position, article in enumerate(article_ids):
        known = [d for d in (day_of[article], *(day_of[c] for c in _below(article, copies))) if d is not None]
        earliest = min(known) if known else None
        keys.append((earliest is None, earliest or 0, len(_below(article, sources)), position))
    return keys


def in_appearance_order(
    members: Sequence[int],
    statements: Sequence[Statement],
    articles: Sequence[CleanArticle],
    days: Sequence[int | None],
    directions: Mapping[tuple[str, str], Direction] | None,
) -> list[int]:
    """A claim's statements (``members``, indices into ``statements``) in the order their articles appeared
    (``days``: each article's publication day), and in text order within an article."""
    indices = sorted({statements[i].article_index for i in members})
    keys = appearance_order([articles[n].id for n in indices], [days[n] for n in indices], directions)
    by_article = dict(zip(indices, keys, strict=True))
    return sorted(members, key=lambda i: (by_article[statements[i].article_index], statements[i].content.start))
