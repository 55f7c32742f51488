"""Stories and narratives: which articles cover one event, and which stories tell one recurring theme.

``group_stories(articles)`` is the one call; a ``StoryIndex`` passed in (or loaded with
``StoryIndex.from_state``, e.g. from ``Store.load_story_state``) takes new articles into the stories it
already holds, keeping their ids.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from narratrace.clean.types import CleanArticle
from narratrace.parallel import MapPool
from narratrace.stories.features import ArticleFeatures, FeatureOptions, extract_features
from narratrace.stories.index import ReuseLink, StoryIndex
from narratrace.stories.summary import summarize
from narratrace.stories.types import NarrativeSummary, StoryAssignment, StoryResult, StorySummary

__all__ = [
    "ArticleFeatures",
    "FeatureOptions",
    "NarrativeSummary",
    "ReuseLink",
    "StoryAssignment",
    "StoryIndex",
    "StoryResult",
    "StorySummary",
    "extract_features",
    "group_stories",
]


def group_stories(
    articles: Sequence[CleanArticle],
    pairs: Iterable[ReuseLink] = (),
    index: StoryIndex | None = None,
    progress: Callable[[int, int], None] | None = None,
    pool: MapPool | None = None,
    copiers: Iterable[str] = (),
) -> StoryResult:
    """Place ``articles`` into stories and narratives (in ``index`` when given, which is updated in place).

    The result holds one assignment per distinct input article (input order) and summaries of the stories
    and narratives those articles belong to. ``copiers``: articles provenance found copying another; a story
    with no dated member names an original, not a copy, as its first article.
    """
    index = index if index is not None else StoryIndex()
    unique = list({a.id: a for a in articles}.values())
    assignments = index.add(unique, pairs, progress, pool)
    stories, narratives = summarize(index, {a.story for a in assignments}, frozenset(copiers))
    return StoryResult(tuple(assignments), stories, narratives)
