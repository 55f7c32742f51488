"""The order in which a claim's articles appeared: what its ``first_seen`` names and its mentions follow.

An article's day is its publication day as the cleaner trusts it (``clean.dates.publication_day``): a header date
flagged as a page's crawl or archive date does not count, and a dateline that opens the text does. The reuse
stage's copies add what dates cannot: an article that another one copied was out before its copy, so a source
takes the earliest day among its copies, and of two articles on one day, or both undated, the source comes first.
Only copied text counts (``copy`` and ``partial`` pairs with a decided direction): two articles quoting one
statement say nothing of which came first. Articles that nothing dates keep input order after the dated ones: an
undated article is first only when nothing says otherwise.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import NamedTuple

from narratrace.claims.statements import Statement
from narratrace.clean.types import CleanArticle
from narratrace.provenance.types import Direction
from narratrace.reuse.types import ReusePair

OrderKey = tuple[bool, int, int, int]  # (undated, day, sources above it, input position)
COPIED_KINDS = frozenset({"copy", "partial"})


def copies_by_source(
    pairs: Sequence[ReusePair], directions: Mapping[tuple[str, str], Direction] | None
) -> dict[str, frozenset[str]]:
    """Each article -> the articles that copy its text (decided directions of copied text), once per corpus."""
    copies: dict[str, set[str]] = {}
    for pair in pairs:
        direction = (directions or {}).get((pair.a, pair.b))
        if pair.kind not in COPIED_KINDS or direction is None or direction.source not in (pair.a, pair.b):
            continue
        copies.setdefault(direction.source, set()).add(pair.b if direction.source == pair.a else pair.a)
    return {source: frozenset(copied) for source, copied in copies.items()}


def _below(start: str, edges: Mapping[str, Collection[str]]) -> set[str]:
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
    article_ids: Sequence[str], days: Sequence[int | None], copies_of: Mapping[str, Collection[str]] | None = None
) -> list[OrderKey]:
    """A sort key per article (``article_ids`` in input order, ``days`` their publication days, ``copies_of``
    from ``copies_by_source``), in that order: earliest first, a source before its copies, undated articles last
    in input order."""
    members = set(article_ids)
    copies = {article: [c for c in (copies_of or {}).get(article, ()) if c in members] for article in article_ids}
    sources: dict[str, list[str]] = {article: [] for article in article_ids}
    for source, copied in copies.items():
        for copy in copied:
            sources[copy].append(source)
    day_of = dict(zip(article_ids, days, strict=True))
    keys = []
    for position, article in enumerate(article_ids):
        known = [d for d in (day_of[article], *(day_of[c] for c in _below(article, copies))) if d is not None]
        earliest = min(known) if known else None
        keys.append((earliest is None, earliest or 0, len(_below(article, sources)), position))
    return keys


class Appearance(NamedTuple):
    """A claim's statements in order of appearance, the article that came first and those nothing sets apart
    from it."""

    order: list[int]  # indices into the statements
    first_seen: str | None  # None when nothing dates or orders the first articles (input order alone)
    ties: tuple[str, ...]  # other articles of the first one's day that no copy puts after it


def in_appearance_order(
    members: Sequence[int],
    statements: Sequence[Statement],
    articles: Sequence[CleanArticle],
    days: Sequence[int | None],
    copies_of: Mapping[str, Collection[str]],
) -> Appearance:
    """A claim's statements (``members``, indices into ``statements``) in the order their articles appeared
    (``days``: each article's publication day), and in text order within an article.

    Of articles published the same day, input order decides which is listed first, and an analyst reading
    "first seen" must know that: the others of that day are its ``ties``. Undated articles that no copy orders
    have no first one at all.
    """
    indices = sorted({statements[i].article_index for i in members})
    ids = [articles[n].id for n in indices]
    keys = appearance_order(ids, [days[n] for n in indices], copies_of)
    by_article = dict(zip(indices, keys, strict=True))
    order = sorted(members, key=lambda i: (by_article[statements[i].article_index], statements[i].content.start))
    first = min(range(len(keys)), key=keys.__getitem__)
    ties = tuple(ids[n] for n, key in enumerate(keys) if n != first and key[:3] == keys[first][:3])
    if keys[first][0] and ties:
        return Appearance(order, None, ())
    return Appearance(order, ids[first], ties)
