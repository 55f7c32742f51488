"""The side-by-side framing table: per story, rows are entities, columns outlets (or articles), cells top labels."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from narratrace.framing.find import count_labels
from narratrace.framing.types import FramingResult, Label, LabelCount, TableCell, TableRow

# The devices that frame by themselves ("so-called", scare quotes) lead a cell whatever their count: a cell that
# shows "ngo x2" and leaves out 'the so-called "White Helmets"' hides the framing it exists to show.
_MARKED_KINDS = frozenset({"so_called", "scare_quote"})


def _telling_first(counts: tuple[LabelCount, ...]) -> list[LabelCount]:
    return sorted(counts, key=lambda c: (c.kind not in _MARKED_KINDS, -c.count, c.label))


def framing_table(
    result: FramingResult,
    stories: Mapping[str, str] | None = None,
    top_labels: int = 4,
    max_entities: int = 12,
) -> list[TableRow]:
    """One row per (story, entity) with labels; ``stories`` maps article id -> story id (None: one corpus table).
    A cell keeps ``top_labels`` labels, "so-called" and scare quotes first, then the most used, and counts the rest.

    Columns are outlets, or article ids when the corpus has no outlets. Entities come in corpus salience order,
    at most ``max_entities`` per story, and only those some column labelled beyond naming them.
    """
    by_story: dict[str | None, list[Label]] = defaultdict(list)
    for label in result.labels():
        story = stories.get(label.article) if stories is not None else None
        if stories is None or story is not None:
            by_story[story].append(label)
    order = {entity.name: i for i, entity in enumerate(result.entities)}
    rows: list[TableRow] = []
    for story in sorted(by_story, key=lambda s: (s is not None, s or "")):
        labels = by_story[story]
        column_of = (lambda lab: lab.outlet or "unknown") if result.outlets_known else (lambda lab: lab.article)
        cells: dict[str, dict[str, list[Label]]] = defaultdict(lambda: defaultdict(list))
        for label in labels:
            cells[label.entity][column_of(label)].append(label)
        columns = tuple(sorted({column_of(label) for label in labels}))
        described = [e for e in cells if any(lab.kind != "name" for col in cells[e].values() for lab in col)]
        for entity in sorted(described, key=lambda e: order.get(e, len(order)))[:max_entities]:
            row_cells = []
            for column in columns:
                column_labels = cells[entity].get(column, [])
                ranked = _telling_first(count_labels([lab for lab in column_labels if lab.kind != "name"]))
                names = count_labels([lab for lab in column_labels if lab.kind == "name"])
                row_cells.append(
                    TableCell(
                        column=column,
                        labels=tuple(ranked[:top_labels]),
                        names=names[:top_labels],
                        labels_left_out=max(0, len(ranked) - top_labels),
                    )
                )
            rows.append(TableRow(story, entity, columns, tuple(row_cells)))
    return rows
