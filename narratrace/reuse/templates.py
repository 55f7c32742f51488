"""House templates for recurring stories: the same sentences with different figures in each edition.

A monthly jobs column, a weekly jobless-claims brief or a live-blog tally reuses its outlet's
own wording ("The immigrant employment index, set to 100.0 in January 2009, fell ...") around
blanks filled with this month's numbers. Two editions share many such pieces, each cut short
where the figures differ, and no long passage; the guide calls that ``stock`` (house templates),
not reuse. A copy or a republished story carries the same figures, so its passages run on over
them; an edited copy whose figures were updated still has long passages between them.

A passage ends at a *template slot* when the first ``SLOT_WORDS`` words after it, in each text,
hold a figure and the figures differ. A pair with at least ``MIN_SLOTS`` slots, making at least
``MIN_SLOT_SHARE`` of its passages, and no passage long enough to be a partial on its own is a
template pair. Only ``partial`` pairs are judged so: two editions of one story a day apart, with
the casualty count updated, share most of a text, and are a ``copy`` by the guide.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from narratrace.reuse.prepared import PreparedText

SLOT_WORDS = 4
MIN_SLOTS = 3
MIN_SLOT_SHARE = 1 / 3
_FIGURE = re.compile(r"\d")


def _figures_after(text: PreparedText, end: int) -> list[str]:
    stop = min(len(text.words), end + SLOT_WORDS)
    words = (
        text.text[int(s) : int(e)] for s, e in zip(text.words.starts[end:stop], text.words.ends[end:stop], strict=True)
    )
    return [word for word in words if _FIGURE.search(word)]


def ends_at_slot(a: PreparedText, b: PreparedText, a_end: int, b_end: int) -> bool:
    """Whether passages ending at words ``a_end`` / ``b_end`` are followed by differing figures in both texts."""
    after_a, after_b = _figures_after(a, a_end), _figures_after(b, b_end)
    return bool(after_a) and bool(after_b) and after_a != after_b


def is_template_pair(
    a: PreparedText, b: PreparedText, ends: Sequence[tuple[int, int]], weights: Sequence[float], min_partial: float
) -> bool:
    """Whether passages ending at word pairs ``ends`` with own weights ``weights`` fill one template (module doc)."""
    if not ends or max(weights) >= min_partial:
        return False
    slots = sum(ends_at_slot(a, b, a_end, b_end) for a_end, b_end in ends)
    return slots >= MIN_SLOTS and slots >= MIN_SLOT_SHARE * len(ends)
