"""What the stories stage finds: articles covering one event (a story), stories sharing a theme (a narrative)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StoryAssignment:
    """One article's place: its story, that story's narrative, and how well it fits (1.0 for a story's first)."""

    article: str
    story: str
    narrative: str
    score: float
    new_story: bool = False  # this article started the story

    def to_record(self) -> dict[str, object]:
        """A ``stories.jsonl`` row."""
        return {"id": self.article, "story": self.story, "narrative": self.narrative, "score": round(self.score, 4)}


@dataclass(frozen=True)
class StorySummary:
    """A story at a glance. Dates are ISO days; None when no member has a trustworthy date."""

    id: str
    narrative: str
    title: str | None  # the most central member's title (closest to the story's mean embedding)
    articles: tuple[str, ...]  # in the order they joined
    first_article: str  # the earliest dated member, else the first to join
    start: str | None
    end: str | None
    outlets: tuple[str, ...]  # most articles first
    key_entities: tuple[str, ...]  # most mentioned first

    def to_record(self) -> dict[str, object]:
        return {
            "id": self.id,
            "narrative": self.narrative,
            "title": self.title,
            "articles": list(self.articles),
            "first_article": self.first_article,
            "start": self.start,
            "end": self.end,
            "outlets": list(self.outlets),
            "key_entities": list(self.key_entities),
        }


@dataclass(frozen=True)
class NarrativeSummary:
    """Stories that keep telling one theme across events, with no time limit."""

    id: str
    title: str | None  # the title of its largest story
    stories: tuple[str, ...]  # in the order they joined
    articles: int
    start: str | None
    end: str | None
    outlets: tuple[str, ...]
    key_entities: tuple[str, ...]

    def to_record(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "stories": list(self.stories),
            "articles": self.articles,
            "start": self.start,
            "end": self.end,
            "outlets": list(self.outlets),
            "key_entities": list(self.key_entities),
        }


@dataclass(frozen=True)
class StoryResult:
    """Assignments of the articles asked about (input order), and summaries of the stories and narratives they touch."""

    assignments: tuple[StoryAssignment, ...]
    stories: tuple[StorySummary, ...]
    narratives: tuple[NarrativeSummary, ...]

    def to_record(self) -> dict[str, object]:
        return {
            "assignments": [a.to_record() for a in self.assignments],
            "stories": [s.to_record() for s in self.stories],
            "narratives": [n.to_record() for n in self.narratives],
        }
