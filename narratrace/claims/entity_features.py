"""Optional pair terms from spaCy's NER: a bonus for the named entities two statements share and a penalty for
numbers that disagree. Both are off by default (``MatchOptions.entity_weight``, ``number_penalty``): on the tune
split of bench/data/claim_pairs they did not help, and NER would cost more than the rest of matching.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from narratrace.claims.linkage import PairAdjustment
from narratrace.claims.statements import has_subject_and_verb

if TYPE_CHECKING:
    from narratrace.claims.matching import MatchOptions

_NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"})
_NUMBER_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_PIPE_BATCH = 512


@dataclass(frozen=True)
class StatementFeatures:
    """What the optional entity and number terms need from one statement."""

    entities: frozenset[str]
    numbers: frozenset[str]
    asserts: bool  # has a subject and a finite verb


def statement_features(texts: Sequence[str]) -> list[StatementFeatures]:
    """Named entities, numbers and the subject-verb check for each text, from one batched spaCy pass
    (tagger and NER; the parser is not needed and costs the most)."""
    from narratrace.nlp import english

    nlp = english(exclude=("parser", "lemmatizer"))
    out = []
    for doc in nlp.pipe(texts, batch_size=_PIPE_BATCH):
        entities = frozenset(e.text.lower().removeprefix("the ") for e in doc.ents if e.label_ in _NAMED_LABELS)
        numbers = frozenset(
            m.group().replace(",", "") for e in doc.ents if e.label_ in _NUMBER_LABELS for m in _DIGITS.finditer(e.text)
        )
        out.append(StatementFeatures(entities, numbers, has_subject_and_verb(doc)))
    return out


def combined_score(cosine: float, a: StatementFeatures, b: StatementFeatures, options: MatchOptions) -> float:
    """Embedding cosine, plus shared entities, minus disagreeing numbers."""
    score = cosine
    union = a.entities | b.entities
    if union:
        score += options.entity_weight * len(a.entities & b.entities) / len(union)
    if a.numbers and b.numbers and not a.numbers & b.numbers:
        score -= options.number_penalty
    return score


def feature_adjustment(features: Sequence[StatementFeatures], options: MatchOptions) -> PairAdjustment | None:
    """The entity bonus and number penalty as a function of embedded rows; None when both weights are 0."""
    if not options.entity_weight and not options.number_penalty:
        return None

    def adjust(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return np.array(
            [
                combined_score(0.0, features[i], features[j], options)
                for i, j in zip(a.tolist(), b.tolist(), strict=True)
            ],
            dtype=np.float32,
        )

    return adjust
