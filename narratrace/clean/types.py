"""What the clean stage hands to every analysis."""

from __future__ import annotations

from dataclasses import dataclass, field

from narratrace.clean.offsets import OffsetMap
from narratrace.ingest.article import Article


@dataclass(frozen=True)
class RemovedLine:
    """A line the cleaner took out, with its position in the *original* text."""

    start: int
    end: int
    text: str
    kind: str  # dateline, navigation, read_more, related_headlines, tags, comment_form, newsletter, share, widget, ...


@dataclass(frozen=True)
class MarkedSpan:
    """A span kept in the cleaned text but flagged, in *cleaned* coordinates.

    Outlet disclaimers ("*... banned in Russia") stay readable, but reuse detection masks
    them: two outlets sharing a legal boilerplate footnote have not shared a story.
    """

    start: int
    end: int
    kind: str  # disclaimer


@dataclass(frozen=True)
class TimeCue:
    """A reference to event time in the text (original coordinates)."""

    start: int
    end: int
    text: str
    kind: str  # absolute_date, year, relative, dateline (the article's own date line), updated ("Last updated ...")
    year: int | None = None
    date: str | None = None  # ISO yyyy-mm-dd when the cue names a whole day (datelines, updated stamps)
    # Set when the year sits in a background clause, so it is history the article recalls, not an event it
    # reports: "open_ended" ("since 2003", runs up to the article's present), "history" ("founded in 1998",
    # "which it bought in 2017", "the 1967 war", "In 2010, ..."). None for event times.
    background: str | None = None


@dataclass(frozen=True)
class ArticleWarning:
    kind: str  # date_mismatch, date_conflict, decode, ...
    message: str
    evidence: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class CleanArticle:
    """An article with boilerplate removed; ``offsets`` maps ``text`` back to ``article.text``."""

    article: Article
    text: str
    offsets: OffsetMap
    boilerplate: tuple[RemovedLine, ...] = ()
    marked: tuple[MarkedSpan, ...] = ()
    time_cues: tuple[TimeCue, ...] = ()
    warnings: tuple[ArticleWarning, ...] = ()

    @property
    def id(self) -> str:
        return self.article.id

    @property
    def header_date_flagged(self) -> bool:
        """Whether the date check found the header date to be a crawl or archive date (``date_mismatch``)."""
        return any(w.kind == "date_mismatch" for w in self.warnings)

    def masked_spans(self) -> tuple[tuple[int, int], ...]:
        """Cleaned-text spans that analyses of shared content must ignore."""
        return tuple((m.start, m.end) for m in self.marked if m.kind == "disclaimer")
