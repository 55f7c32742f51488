"""Hand-built articles and pairs for provenance tests (identity offset maps, no cleaning)."""

from __future__ import annotations

from narratrace.clean.offsets import OffsetMap
from narratrace.clean.types import ArticleWarning, CleanArticle
from narratrace.ingest.article import Article
from narratrace.reuse.types import AlignedPassage, ReusePair

SHARED = (
    "Two anonymous officials said to be familiar with the plans noted that the allies were leading "
    "the operation to evacuate members of the group out of the country to neighbouring states."
)


def make_article(
    article_id: str,
    text: str,
    outlet: str | None = None,
    published: str | None = None,
    url: str | None = None,
    date_mismatch: bool = False,
) -> CleanArticle:
    warnings = (
        (ArticleWarning("date_mismatch", f"published date {published} is years after the text's events"),)
        if date_mismatch
        else ()
    )
    article = Article(id=article_id, text=text, outlet=outlet, published=published, url=url)
    return CleanArticle(article=article, text=text, offsets=OffsetMap.identity(len(text)), warnings=warnings)


def make_pair(
    a: CleanArticle,
    b: CleanArticle,
    containment_a: float = 0.9,
    containment_b: float = 0.9,
    kind: str = "copy",
    shared: str = SHARED,
) -> ReusePair:
    """A pair sharing ``shared``, which must occur in both texts."""
    assert a.id < b.id
    a_start, b_start = a.text.index(shared), b.text.index(shared)
    passage = AlignedPassage(a_start, a_start + len(shared), b_start, b_start + len(shared), 1.0)
    return ReusePair(a.id, b.id, (passage,), (), kind, containment_a, containment_b)
