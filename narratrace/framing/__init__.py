"""Framing: how each outlet labels the same actors.

>>> from narratrace.framing import find_framing, framing_table
>>> result = find_framing(clean_articles, min_mentions=2)       # doctest: +SKIP
>>> rows = framing_table(result, stories={"a1": "s1", "a2": "s1"})  # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from narratrace.framing.types import (
    LABEL_KINDS,
    Entity,
    FramingResult,
    Label,
    LabelCount,
    OutletFraming,
    TableCell,
    TableRow,
    normalise_label,
)

__all__ = [
    "LABEL_KINDS",
    "Entity",
    "FramingResult",
    "Label",
    "LabelCount",
    "OutletFraming",
    "TableCell",
    "TableRow",
    "count_labels",
    "find_framing",
    "framing_table",
    "normalise_label",
]

if TYPE_CHECKING:  # the real signatures for type checkers; at run time they load on first use (below)
    from narratrace.framing.find import count_labels, find_framing
    from narratrace.framing.table import framing_table


def __getattr__(name: str) -> object:
    # find_framing and framing_table pull in spaCy: imported on first use, so the stage registry (and
    # `narratrace --help`) stays light.
    if name in ("count_labels", "find_framing"):
        from narratrace.framing import find

        return getattr(find, name)
    if name == "framing_table":
        from narratrace.framing.table import framing_table

        return framing_table
    raise AttributeError(name)
