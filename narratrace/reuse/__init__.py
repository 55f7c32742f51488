"""Text reuse at corpus scale: which articles share text, where, and how it was edited.

>>> from narratrace.clean.offsets import OffsetMap
>>> from narratrace.analysis import ENGINES
from narratrace.clean.types import CleanArticle
>>> from narratrace.ingest.article import Article
>>> body = "The minister said on Monday that the talks with the union had failed again after nine hours."
>>> def clean(id, text):
...     return CleanArticle(Article(id=id, text=text), text, OffsetMap.identity(len(text)))
>>> result = find_reuse([clean("a", body), clean("b", "Breaking. " + body)])
>>> [(p.a, p.b, p.kind, p.passages[0].b_start) for p in result.pairs]
[('a', 'b', 'copy', 10)]
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from narratrace.analysis import ENGINES
from narratrace.clean.types import CleanArticle
from narratrace.reuse.clusters import build_clusters
from narratrace.reuse.local_engine import Progress
from narratrace.reuse.options import ReuseOptions
from narratrace.reuse.packed import PackedSources, source_published
from narratrace.reuse.prepared import SourceText
from narratrace.reuse.types import AlignedPassage, Edit, ReuseCluster, ReusePair

__all__ = [
    "AlignedPassage",
    "Edit",
    "ReuseCluster",
    "ReuseOptions",
    "ReusePair",
    "ReuseResult",
    "find_reuse",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReuseResult:
    """Pairs sorted by (a, b) and clusters of passages shared across articles.

    ``pairs`` are the links (``copy``, ``partial``, ``shared_quote``); ``stock_pairs`` (filled only
    with ``keep_stock``) share only common or short phrasing and are kept apart so that nothing
    downstream (directions, outlet network, clusters) can take them for links.
    """

    pairs: list[ReusePair]
    clusters: list[ReuseCluster]
    stock_pairs: list[ReusePair] = field(default_factory=list)

    def ranked(self) -> list[ReusePair]:
        """Pairs by significant shared text, most first (ties: by containment, then ids)."""
        return sorted(self.pairs, key=rank_key)


def rank_key(pair: ReusePair) -> tuple[int, float, str, str]:
    """Sort key of pairs by significant shared text, most first (ties: by containment, then ids)."""
    return (-pair.significance, -max(pair.containment_a, pair.containment_b), pair.a, pair.b)


def _distinct_sources(articles: Sequence[CleanArticle | SourceText]) -> Sequence[SourceText]:
    """One SourceText per id: an id seen twice is the same article read twice (ids are content ids).

    A packed corpus (``ReuseCorpus.sources``) has distinct ids already and is passed on packed.
    """
    if isinstance(articles, PackedSources):
        return articles
    seen: set[str] = set()
    sources = []
    for article in articles:
        if article.id in seen:
            log.warning("article id %s appears more than once; keeping the first", article.id)
            continue
        seen.add(article.id)
        sources.append(article if isinstance(article, SourceText) else SourceText.from_clean(article))
    return sources


def find_reuse(
    articles: Sequence[CleanArticle | SourceText],
    options: ReuseOptions | None = None,
    engine: str = "local",
    *,
    keep_stock: bool | None = None,
    progress: Progress | None = None,
) -> ReuseResult:
    """Find every pair of articles sharing text, with aligned passages, edits and clusters.

    ``engine`` is ``local`` (all cores of this machine) or ``spark`` (PySpark; needs the
    ``spark`` extra). Both give identical results. ``articles`` may be cleaned articles or their
    lean ``SourceText`` form (what large runs keep; see ``narratrace.provenance.corpus``).
    ``keep_stock`` (default: ``options.keep_stock``, off) also returns the pairs that share only
    common phrasing, in ``stock_pairs``; it costs time, as every candidate is then aligned.
    ``progress(stage, done, total)`` is called as work advances, for progress bars.
    """
    options = options or ReuseOptions()
    if keep_stock is not None and keep_stock != options.keep_stock:
        options = replace(options, keep_stock=keep_stock)
    if engine not in ENGINES:
        raise ValueError(f"unknown reuse engine {engine!r}; choose one of {', '.join(ENGINES)}")
    sources = _distinct_sources(articles)
    if engine == "spark":
        from narratrace.reuse.spark_engine import find_pairs as find_pairs_spark

        pairs = find_pairs_spark(sources, options, progress=progress)
    else:
        from narratrace.reuse.local_engine import find_pairs

        pairs = find_pairs(sources, options, progress=progress)
    published = source_published(sources)
    links = [p for p in pairs if p.kind != "stock"]
    stock = [p for p in pairs if p.kind == "stock"]
    clusters = build_clusters(links, published, options.min_passage_words)
    return ReuseResult(pairs=links, clusters=clusters, stock_pairs=stock)
