"""Whether a statement asserts something, read from spaCy's tagger alone: a subject and a finite verb (a bare
sentence's check), any verb, a past verb, or a past verb or none (the tense penalty's other side). Claim
matching tags only the statements in a matched pair; this is the dear part after blocking, so from
``MIN_POOLED_ASSERTING`` statements on it runs in the run's shared worker processes.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from narratrace.claims.differences import has_past_verb, has_past_verb_or_none, has_verb
from narratrace.claims.statements import has_subject_and_verb
from narratrace.parallel import pool_for

_PIPE_BATCH = 512
# From this many statements to check (~6 CPU ms each) the tagger runs in the run's shared worker processes,
# ASSERTING_CHUNK per task: below it, loading the tagger in two workers would cost more than it saves.
MIN_POOLED_ASSERTING = 512
ASSERTING_CHUNK = 256
# The assertion check reads the tagger's fine tags only: no parser, NER, lemmatizer or attribute ruler.
_TAGGER_ONLY = ("parser", "ner", "lemmatizer", "attribute_ruler")

CHECKS = {
    "subject-verb": has_subject_and_verb,
    "verb": has_verb,
    "past": has_past_verb,
    "past-or-verbless": has_past_verb_or_none,
}


def asserting(texts: Sequence[str], check: str = "subject-verb") -> list[bool]:
    """Whether each text passes ``CHECKS[check]`` (by default a subject and a finite verb), from the tagger alone."""
    from narratrace.nlp import english

    nlp = english(exclude=_TAGGER_ONLY)
    passes = CHECKS[check]
    return [passes(doc) for doc in nlp.pipe(texts, batch_size=_PIPE_BATCH)]


def asserting_pooled(texts: Sequence[str], check: str = "subject-verb") -> list[bool]:
    """``asserting``, in the shared worker processes from ``MIN_POOLED_ASSERTING`` texts on (same result: a
    text's tags do not depend on the texts batched with it)."""
    pool = pool_for(len(texts), MIN_POOLED_ASSERTING)
    if pool is None:
        return asserting(texts, check)
    chunks = [list(texts[n : n + ASSERTING_CHUNK]) for n in range(0, len(texts), ASSERTING_CHUNK)]
    return [checked for chunk in pool.map(partial(asserting, check=check), chunks) for checked in chunk]
