"""The ``framing`` stage: how each outlet labels the same actors (appositives, modifiers, "so-called", names)."""

from __future__ import annotations

from collections.abc import Mapping

from narratrace.analysis import (
    Document,
    DocumentSection,
    ReportSection,
    StageBase,
    StageContext,
    StageOption,
    StoryGrouping,
    Table,
)
from narratrace.clean.language import reads_english
from narratrace.document import ArticleRef, ReportOptions, as_dict, as_list, as_number, as_text, story_title
from narratrace.framing.types import FramingResult
from narratrace.spark import spark_map

MIN_MENTIONS = StageOption("framing-min-mentions", "Frame only actors named at least this often in the corpus.", 2)


class FramingStage(StageBase[FramingResult]):
    name = "framing"
    title = "Framing"
    reads: tuple[str, ...] = ("stories",)  # a table per story when stories ran
    options: tuple[StageOption, ...] = (MIN_MENTIONS,)
    command_help = (
        'How each outlet labels the same actors: appositives, modifiers, predicates, scare quotes, "so-called" '
        "and the names used, with counts and examples. Writes OUT/framing.jsonl and the report."
    )

    def run(self, context: StageContext) -> FramingResult:
        from narratrace.framing.find import find_framing  # spaCy loads only when the stage runs

        minimum = int(str(context.option(MIN_MENTIONS.name, MIN_MENTIONS.default)))
        context.progress("framing", 0, len(context.articles))
        # On Spark the first pass and the sentence parse run as Spark tasks (the same chunks, the same result).
        pool = spark_map() if context.engine == "spark" else None
        # The parse of cue sentences is the part that takes time: its progress is in sentences.
        result = find_framing(
            [a for a in context.articles if reads_english(a)],  # English rules: other languages give noise
            min_mentions=max(1, minimum),
            progress=lambda done, total: context.progress("framing: sentences parsed", done, total),
            pool=pool,
        )
        context.progress("framing", len(context.articles), len(context.articles))
        return result

    def document(self, result: FramingResult, context: StageContext) -> DocumentSection:
        from narratrace.framing.table import framing_table

        # A story per article when the stories stage ran, so each story gets its own side-by-side table.
        # mypy refuses protocols as type[...] arguments (type-abstract); isinstance on it is what is wanted here.
        grouping = context.earlier("stories", StoryGrouping)  # type: ignore[type-abstract]
        stories = dict(grouping.story_of()) if grouping is not None else {}
        return DocumentSection(
            top={
                "framing": result.records(),
                "framing_entities": [entity.to_record() for entity in result.entities],
                "framing_tables": [row.to_record() for row in framing_table(result, stories or None)],
            }
        )

    def tables(self, doc: Document) -> list[Table]:
        return [Table("framing", as_list(doc.get("framing")), formats=("jsonl",))]

    def report(self, doc: Document, refs: Mapping[str, ArticleRef], options: ReportOptions) -> list[ReportSection]:
        del options
        titles = {as_text(s.get("id")): story_title(s, refs) for s in map(as_dict, as_list(doc.get("stories")))}
        tables: dict[str, list[dict[str, object]]] = {}
        for row in map(as_dict, as_list(doc.get("framing_tables"))):
            story_id = as_text(row.get("story"))
            story = (f"Story: {titles[story_id]}" if titles.get(story_id) else story_id) or "All articles"
            columns = [as_text(c) for c in as_list(row.get("columns"))]
            cells = [_cell_lines(as_dict(c)) for c in as_list(row.get("cells"))]
            shown = [refs[c].short if c in refs else c for c in columns]
            tables.setdefault(story, []).append(
                {"entity": as_text(row.get("entity")), "columns": shown, "cells": cells}
            )
        return [ReportSection("framing", self.title, "_framing.html", {"tables": tables})]


def _cell_lines(cell: dict[str, object]) -> list[str]:
    """A table cell's labels, then names, each as "label ×count" (a scare quote in its quotes, so it does not
    read as the plain name), and how many labels were left out."""
    lines = []
    for x in map(as_dict, [*as_list(cell.get("labels")), *as_list(cell.get("names"))]):
        label = as_text(x.get("label"))
        lines.append(f"{f'“{label}”' if x.get('kind') == 'scare_quote' else label} ×{as_text(x.get('count'))}")
    left_out = as_number(cell.get("labels_left_out"))
    if left_out:
        lines.append(f"+{left_out:.0f} more (framing.jsonl)")
    return lines
