"""Cheap signs that two close statements of one story are different claims, as score penalties per pair.

Statements of one story share their subject and words, so MiniLM puts them close even when they assert
different facts. Two differences recur among the wrong matches of the labelled pairs (bench/data/claim_path_pairs,
tune half) and can be read without NER:

- **A warning or plan against a past event, or against a topic**: "the rebels may be preparing a new offensive"
  and "the rebels staged last spring's offensive", or "concerns over a potential offensive in the north"
  (GUIDE.md: a past event versus a warning, a topic versus an assertion: different claims). A
  statement is *prospective* when it has a modal of the future or a plan word (regex), and the other side counts
  when the tagger finds a past verb in it, or no verb at all, and it is not prospective.
- **Numbers that disagree**: "the unemployment rate fell to 4.8%" / "... fell to 5.4%"; "Clinton needs 67
  delegates" / "71 delegates short". Two statements that both give numbers and share none (regex; names such
  as "COVID-19" are no numbers) measure different things, or the same thing differently.

Both are penalties, not vetoes: a paraphrase can round a number or move a tense, and the cosine still decides
when it is high. The sizes are tuned in ``matching.MatchOptions`` (the number penalty is off there).

One difference is a veto: **numbers that disagree in articles days apart** ("the unemployment rate fell to 5.8%"
in June's jobs report, "... fell to 4.8%" in October's). Within one story one fact is often given as different
numbers ("30 percent" / "4,901 more murders"), which is why the plain number penalty is off; a week or a month
later, different numbers are the next report of a recurring figure, not the same claim repeated.

And one difference is time alone: **attributed contents a month or more apart** score less
(``time_gap_adjustment``). Contents of one running subject read alike for months ("the story about Clinton's
emails", "the investigation into her server"), and MiniLM cannot tell a claim repeated from the next turn of the
subject; a claim that truly recurs ("the White Helmets stage chemical attacks") is restated closely and still joins.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from narratrace.claims.linkage import PairAdjustment

# Words that put the event after the statement: "will", "may be preparing", "plans to", "is set to", "'ll". Weak
# modals are left out: "would" is mostly reported speech or a condition ("said it would", "a rule that would"),
# and "may / might / could have" speculates about the past; a bare "may", "might" or "could" counts only before
# "be ...ing" ("may be preparing"). Lower case only: "May 2018" is a month, "Will" a name.
_PROSPECTIVE = re.compile(
    r"\b(?:will|won't|shall|going to|about to|set to|poised to|plan(?:s|ning)? to|prepar(?:e|es|ing)|"
    r"intend(?:s|ing)? to|threaten(?:s|ing)? to|(?:may|might|could) be \w+ing)\b|['’]ll\b"
)
# A number standing alone, not a part of a name ("COVID-19", "F-35", "G7"); commas are thousands separators.
_NUMBER = re.compile(r"(?<![\w.])(?<![A-Za-z]-)\d+(?:[.,]\d+)*(?![\w-])")
_HAVE = frozenset({"have", "has", "had", "'ve", "’ve"})


def is_prospective(text: str) -> bool:
    """Whether a statement speaks of something to come: a modal, or a plan, preparation or expectation."""
    return _PROSPECTIVE.search(text) is not None


def numbers(text: str) -> frozenset[str]:
    """The numbers a statement gives, normalised ("5,000" and "5000" agree; "4.8%" gives "4.8")."""
    return frozenset(match.group().replace(",", "") for match in _NUMBER.finditer(text))


def has_past_verb(doc: object) -> bool:
    """Whether a tagged spaCy ``Doc`` has a past verb: a simple past ("staged") or a perfect ("have staged")."""
    tokens = list(doc)  # type: ignore[call-overload]
    for position, token in enumerate(tokens):
        if token.tag_ == "VBD":
            return True
        if token.tag_ == "VBN" and any(t.lower_ in _HAVE for t in tokens[max(0, position - 3) : position]):
            return True
    return False


def has_verb(doc: object) -> bool:
    """Whether a tagged spaCy ``Doc`` has any verb (an infinitive or participle too): "to ban all Muslims" and "a
    ban on Muslims entering the country" state a proposal; "Texas' near-total abortion ban" only names one."""
    return any(token.tag_.startswith("VB") or token.tag_ == "MD" for token in doc)  # type: ignore[attr-defined]


def has_past_verb_or_none(doc: object) -> bool:
    """Whether a tagged ``Doc`` tells of a past event or of none: a past verb, or no verb at all (a noun phrase that
    names a topic, "concerns over a potential military attack", asserts no event to come)."""
    return has_past_verb(doc) or not has_verb(doc)


def number_adjustment(texts: Sequence[str], penalty: float) -> PairAdjustment | None:
    """``-penalty`` for a pair of embedded rows whose texts both give numbers and share none; None when unused."""
    if not penalty:
        return None
    found = [numbers(text) for text in texts]
    has_numbers = np.array([bool(n) for n in found], dtype=bool)
    if has_numbers.sum() < 2:
        return None
    cost = np.float32(penalty)

    def adjust(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        out = np.zeros(len(a), dtype=np.float32)
        # A Python set test only where both give numbers.
        out[_disjoint(found, a, b, np.flatnonzero(has_numbers[a] & has_numbers[b]))] = -cost
        return out

    return adjust


# A pair vetoed: below any threshold, so complete linkage never joins its two sides.
VETO = np.float32(10.0)


def dated_numbers_adjustment(
    texts: Sequence[str], days: Sequence[int | None], apart_days: int | None
) -> PairAdjustment | None:
    """``-VETO`` for a pair of embedded rows whose texts both give numbers, share none, and come from articles
    published more than ``apart_days`` apart (``days``: each row's publication day, None when unknown); None when
    unused (``apart_days`` None, or fewer than two dated rows with numbers)."""
    if apart_days is None:
        return None
    found = [numbers(text) for text in texts]
    usable = np.array([bool(n) and d is not None for n, d in zip(found, days, strict=True)], dtype=bool)
    if usable.sum() < 2:
        return None
    dated_apart = _dated_apart(days, apart_days)

    def adjust(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        out = np.zeros(len(a), dtype=np.float32)
        out[_disjoint(found, a, b, np.flatnonzero(usable[a] & usable[b] & dated_apart(a, b)))] = -VETO
        return out

    return adjust


def time_gap_adjustment(
    days: Sequence[int | None], apart_days: int | None, penalty: float, applies: np.ndarray | None = None
) -> PairAdjustment | None:
    """``-penalty`` for a pair of embedded rows from articles published more than ``apart_days`` apart (and,
    given ``applies``, with at least one such row); None when unused (no gap set, no penalty, or fewer than two
    dated rows)."""
    if apart_days is None or not penalty or sum(d is not None for d in days) < 2:
        return None
    dated_apart = _dated_apart(days, apart_days)
    cost = np.float32(penalty)

    def adjust(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        apart = dated_apart(a, b)
        if applies is not None:
            apart &= applies[a] | applies[b]
        return np.where(apart, -cost, np.float32(0.0)).astype(np.float32)

    return adjust


def _dated_apart(days: Sequence[int | None], apart_days: int) -> PairAdjustment:
    """For rows ``a[k]``, ``b[k]``: whether both articles are dated and published more than ``apart_days`` apart."""
    dated = np.array([d is not None for d in days], dtype=bool)
    day = np.array([d if d is not None else 0 for d in days], dtype=np.int64)
    return lambda a, b: dated[a] & dated[b] & (np.abs(day[a] - day[b]) > apart_days)


def _disjoint(found: Sequence[frozenset[str]], a: np.ndarray, b: np.ndarray, where: np.ndarray) -> np.ndarray:
    """The positions among ``where`` whose rows ``a[k]`` and ``b[k]`` give numbers sharing none."""
    keep = [not found[i] & found[j] for i, j in zip(a[where].tolist(), b[where].tolist(), strict=True)]
    return where[np.array(keep, dtype=bool)]


def tense_adjustment(
    prospective: np.ndarray, past_event: np.ndarray, penalty: float, applies: np.ndarray | None = None
) -> PairAdjustment:
    """``-penalty`` for a pair of embedded rows where one is prospective and the other a past event (and, given
    ``applies``, at least one side is such a row)."""
    cost = np.float32(penalty)

    def adjust(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        differ = (prospective[a] & past_event[b]) | (prospective[b] & past_event[a])
        if applies is not None:
            differ &= applies[a] | applies[b]
        return np.where(differ, -cost, np.float32(0.0)).astype(np.float32)

    return adjust
