"""Summaries of stories and narratives, read from a story index's state."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Set
from datetime import date

import numpy as np

from narratrace.stories.index import StoryIndex
from narratrace.stories.types import NarrativeSummary, StorySummary

KEY_ENTITIES = 8


def _iso(day: int | None) -> str | None:
    return date.fromordinal(day).isoformat() if day is not None else None


def _by_count(values: Iterable[str | None]) -> tuple[str, ...]:
    """Most frequent first; ties in order of first appearance."""
    return tuple(value for value, _ in Counter(v for v in values if v).most_common())


def summarize_story(index: StoryIndex, row: int, copiers: Set[str] = frozenset()) -> StorySummary:
    """One story's summary. ``copiers``: articles reuse found copying another article (provenance's direction):
    with no member dated, the first article is the first to join that copies no one (an original, not its copy).
    """
    story = index.stories_[row]
    members = [index.articles_[m] for m in story.members]
    embeddings = np.stack([index.embeddings_row(m) for m in story.members])
    closeness = embeddings @ story.unit_centroid()
    titled = [n for n, m in enumerate(members) if m.title]
    central = max(titled, key=lambda n: (closeness[n], -n)) if titled else None
    dated = [m for m in members if m.day is not None]
    originals = [m for m in members if m.id not in copiers]
    first = min(dated, key=lambda m: m.day or 0) if dated else (originals or members)[0]
    return StorySummary(
        id=story.id,
        narrative=index.narratives_[story.parent].id,
        title=members[central].title if central is not None else None,
        articles=tuple(m.id for m in members),
        first_article=first.id,
        start=_iso(story.start),
        end=_iso(story.end),
        outlets=_by_count(m.outlet for m in members),
        key_entities=tuple(e for e, _ in story.entities.most_common(KEY_ENTITIES)),
    )


def summarize_narrative(index: StoryIndex, row: int) -> NarrativeSummary:
    narrative = index.narratives_[row]
    stories = [index.stories_[s] for s in narrative.members]
    largest = max(range(len(stories)), key=lambda n: (len(stories[n].members), -n))
    title = summarize_story(index, narrative.members[largest]).title
    members = [index.articles_[m] for s in stories for m in s.members]
    return NarrativeSummary(
        id=narrative.id,
        title=title,
        stories=tuple(s.id for s in stories),
        articles=len(members),
        start=_iso(narrative.start),
        end=_iso(narrative.end),
        outlets=_by_count(m.outlet for m in members),
        key_entities=tuple(e for e, _ in narrative.entities.most_common(KEY_ENTITIES)),
    )


def summarize(
    index: StoryIndex, story_ids: Iterable[str] | None = None, copiers: Set[str] = frozenset()
) -> tuple[tuple[StorySummary, ...], tuple[NarrativeSummary, ...]]:
    """Summaries of the named stories (all when None) and of their narratives, in the index's order
    (``copiers``: as ``summarize_story``)."""
    wanted = None if story_ids is None else set(story_ids)
    rows = [n for n, s in enumerate(index.stories_) if wanted is None or s.id in wanted]
    narratives = sorted({index.stories_[n].parent for n in rows})
    return (
        tuple(summarize_story(index, n, copiers) for n in rows),
        tuple(summarize_narrative(index, n) for n in narratives),
    )
