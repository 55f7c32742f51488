"""What the framing stage finds: how each outlet labels the actors a corpus keeps mentioning.

All offsets are code-point offsets into ``Article.text`` (the original text as ingest read it), like every
other position narratrace reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

# How a label attaches to its entity:
#   appositive       "the White Helmets, a volunteer rescue group"
#   modifier         "Western-backed White Helmets", "unarmed volunteers" (adjectives on the name itself)
#   predicate        "the White Helmets are a propaganda tool", "... was designated a terrorist group"
#   relative_clause  "the NGO, which claims to be acting as a volunteer rescue group"
#   scare_quote      the name or its descriptor in quotation marks: White Helmets "aid group"
#   so_called        "the so-called 'White Helmets'", "the so-called rescue group"
#   name             the name used for it: "Daesh" vs "ISIS"; "Syrian Civil Defence"
#   description      a noun phrase that refers to it: "a fake volunteer rescue group called the 'White Helmets'"
LABEL_KINDS = (
    "appositive",
    "modifier",
    "predicate",
    "relative_clause",
    "scare_quote",
    "so_called",
    "name",
    "description",
)

_EDGE_NOISE = re.compile(r"^[\W_]+|[\W_]+$")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an|this|that|these|those)\s+", re.IGNORECASE)


@lru_cache(maxsize=2**16)  # a corpus repeats its labels ("the group", names) thousands of times
def normalise_label(text: str) -> str:
    """The form labels are counted under: case-folded, quotation marks gone (an apostrophe inside a word stays:
    "the country's"), no leading article or edge punctuation."""
    folded = " ".join(text.replace("\u2019", "'").casefold().split())
    folded = re.sub("[\"\u2018\u201c\u201d]|(?<!\\w)'|'(?!\\w)", "", folded)
    folded = _LEADING_ARTICLE.sub("", _EDGE_NOISE.sub("", folded))
    return _EDGE_NOISE.sub("", folded)


@dataclass(frozen=True)
class Label:
    """One way one article labels one entity, at ``start:end`` of the article's original text."""

    entity: str  # the entity's canonical name
    article: str
    outlet: str | None
    text: str
    start: int
    end: int
    kind: str  # one of LABEL_KINDS
    mention_start: int  # the mention the label attaches to (a name, or a description taken to refer to it)
    mention_end: int
    mention_text: str

    @property
    def normalised(self) -> str:
        return normalise_label(self.text)

    def to_record(self) -> dict[str, object]:
        return {
            "text": self.text,
            "article": self.article,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "mention": {"start": self.mention_start, "end": self.mention_end, "text": self.mention_text},
        }


@dataclass(frozen=True)
class LabelCount:
    """How often one outlet used one (normalised) label of one kind for one entity."""

    label: str
    kind: str
    count: int
    articles: int

    def to_record(self) -> dict[str, object]:
        return {"label": self.label, "kind": self.kind, "count": self.count, "articles": self.articles}


@dataclass(frozen=True)
class OutletFraming:
    """Everything one outlet (or one article, when outlets are unknown) called one entity."""

    entity: str
    outlet: str  # the outlet, "unknown" when ingest found none
    labels: tuple[Label, ...]
    counts: tuple[LabelCount, ...]  # most frequent first

    def to_record(self) -> dict[str, object]:
        return {
            "entity": self.entity,
            "outlet": self.outlet,
            "labels": [label.to_record() for label in self.labels],
            "counts": [count.to_record() for count in self.counts],
        }


@dataclass(frozen=True)
class Entity:
    """A salient actor: its canonical name, the names merged into it and how often the corpus mentions it."""

    name: str
    aliases: tuple[str, ...]  # normalised surface forms merged into it
    mentions: int
    articles: int

    def to_record(self) -> dict[str, object]:
        return {"name": self.name, "aliases": list(self.aliases), "mentions": self.mentions, "articles": self.articles}


@dataclass(frozen=True)
class FramingResult:
    """The framing of every salient entity, per outlet, most mentioned entity first."""

    entities: tuple[Entity, ...]
    framings: tuple[OutletFraming, ...]
    outlets_known: bool  # False when no article had an outlet (tables then use one column per article)
    article_outlets: dict[str, str] = field(default_factory=dict)  # article id -> outlet (or "unknown")
    stats: dict[str, float] = field(default_factory=dict)  # articles, sentences parsed, seconds, ...

    def labels(self) -> tuple[Label, ...]:
        return tuple(label for framing in self.framings for label in framing.labels)

    def records(self) -> list[dict[str, object]]:
        """The ``framing.jsonl`` rows: one per (entity, outlet)."""
        return [framing.to_record() for framing in self.framings]

    def to_record(self) -> dict[str, object]:
        return {
            "entities": [entity.to_record() for entity in self.entities],
            "framings": self.records(),
            "outlets_known": self.outlets_known,
            "stats": dict(self.stats),
        }


@dataclass(frozen=True)
class TableCell:
    """The top labels one column used for one entity (names apart: they would crowd out the characterisations)."""

    column: str
    labels: tuple[LabelCount, ...]
    names: tuple[LabelCount, ...]
    labels_left_out: int = 0  # distinct labels beyond the top ones (all of them are in framing.jsonl)

    def to_record(self) -> dict[str, object]:
        return {
            "column": self.column,
            "labels": [count.to_record() for count in self.labels],
            "names": [count.to_record() for count in self.names],
            "labels_left_out": self.labels_left_out,
        }


@dataclass(frozen=True)
class TableRow:
    """One entity's row of a side-by-side framing table for one story (``story`` None: the whole corpus)."""

    story: str | None
    entity: str
    columns: tuple[str, ...]  # outlets, or article ids when outlets are unknown
    cells: tuple[TableCell, ...]  # one per column, in ``columns`` order

    def to_record(self) -> dict[str, object]:
        return {
            "story": self.story,
            "entity": self.entity,
            "columns": list(self.columns),
            "cells": [cell.to_record() for cell in self.cells],
        }
