"""framing's two per-article passes, which the shared worker processes (or Spark tasks) can run on chunks: the
first pass (sentences and candidate names) and the parse of cue sentences, read by the dependency rules.

Both read each distinct input once: a text or sentence that recurs (wire copies, re-crawled pages,
boilerplate) gives the same result, so repeats cost a dictionary look-up instead of a pass.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from narratrace.framing.labels import definite_descriptions, labels_for_description, labels_for_mention
from narratrace.framing.names import NameMention, find_names
from narratrace.framing.phrases import RawLabel
from narratrace.measures import split_sentences
from narratrace.parallel import MapPool, distinct_texts, pool_for, spawned_pool

PARSE_BATCH = 128
# Fine-grained tags and the parse are all the rules read: no NER, lemmas or coarse POS (attribute_ruler
# alone took 40% of the parse time).
_PARSE_EXCLUDE = ("ner", "lemmatizer", "attribute_ruler")
# From this many sentences to parse (~1.5 CPU ms each) the shared workers parse them, SENTENCE_CHUNK per task
# (~0.4 s): below it, loading the parser in two workers would cost more than it saves.
MIN_POOLED_SENTENCES = 1024
SENTENCE_CHUNK = 256
MIN_POOLED_ARTICLES = 1000  # the first pass (sentences, candidate names) in the shared workers, from this many
ARTICLE_CHUNK = 128

FirstPass = tuple[list[tuple[int, int]], list[NameMention]]  # an article's sentence spans and candidate names


def first_pass(texts: Sequence[str], first_article: int = 0) -> list[FirstPass]:
    """Each text's sentences and candidate names (``find_names``), numbered from ``first_article``; module-level,
    so the shared worker processes can run it on chunks of articles."""
    found = []
    for number, text in enumerate(texts, start=first_article):
        sentences = split_sentences(text)
        found.append((sentences, find_names(number, text, sentences)))
    return found


def first_pass_all(texts: list[str], pool: MapPool | None) -> Iterator[FirstPass]:
    """``first_pass`` over every article, in order: in ``pool``, else the shared worker pool from
    ``MIN_POOLED_ARTICLES`` distinct texts on (~1.5 CPU ms an article, pure regular expressions).

    A text that recurs (a wire copy, a re-crawled page) is read once: its sentences and names are the first
    copy's, renumbered to each article."""
    distinct, distinct_of = distinct_texts(texts)
    pool = pool if pool is not None else pool_for(len(distinct), MIN_POOLED_ARTICLES)
    if pool is None:
        passes = first_pass(distinct)
    else:
        starts = range(0, len(distinct), ARTICLE_CHUNK)
        passes = [
            found
            for chunk in pool.map(first_pass, [distinct[n : n + ARTICLE_CHUNK] for n in starts], starts)
            for found in chunk
        ]
    for article, number in enumerate(distinct_of):
        sentences, names = passes[number]
        yield sentences, names if article == number else [replace(name, article=article) for name in names]


@dataclass(frozen=True)
class SentenceReading:
    """What the dependency rules read in one parsed sentence (offsets into the sentence): the labels of each
    given mention, in the order given, and each definite description's span with its labels."""

    mention_labels: tuple[tuple[RawLabel, ...], ...]
    descriptions: tuple[tuple[tuple[int, int], tuple[RawLabel, ...]], ...]


# (sentence text, its salient mentions' offsets into the sentence)
SentenceToRead = tuple[str, tuple[tuple[int, int], ...]]


def read_sentence(doc: Any, mentions: Sequence[tuple[int, int]]) -> SentenceReading:
    """The rules over one parsed sentence: everything ``find_framing`` needs from its ``Doc``."""
    text = doc.text  # built from every token on each access: once per sentence, not once per mention
    return SentenceReading(
        tuple(tuple(labels_for_mention(doc, text, start, end)) for start, end in mentions),
        tuple(
            (span, tuple(raws)) for span, raws in map(partial(labels_for_description, doc), definite_descriptions(doc))
        ),
    )


def read_sentences(sentences: Sequence[SentenceToRead], batch_size: int = PARSE_BATCH) -> list[SentenceReading]:
    """Parse each sentence (tags and dependencies) and read it (``read_sentence``); a module-level function,
    so the shared worker processes can run it on chunks."""
    from narratrace.nlp import english

    nlp = english(exclude=_PARSE_EXCLUDE)
    docs = nlp.pipe(sentences, as_tuples=True, batch_size=batch_size)
    return [read_sentence(doc, mentions) for doc, mentions in docs]


def read_all(
    sentences: list[SentenceToRead], processes: int | None, batch_size: int, pool: MapPool | None
) -> Iterator[SentenceReading]:
    """``read_sentences`` over every sentence, in order: in the shared worker pool when there are enough, a chunk
    per task (all submitted at once; results taken in order as they finish)."""
    if pool is None and processes is None:
        pool = pool_for(len(sentences), MIN_POOLED_SENTENCES)
    elif pool is None and processes is not None:
        pool = spawned_pool(processes) if processes > 1 else None
    if pool is None:
        yield from read_sentences(sentences, batch_size)
        return
    chunks = [sentences[n : n + SENTENCE_CHUNK] for n in range(0, len(sentences), SENTENCE_CHUNK)]
    for readings in pool.map(read_sentences, chunks, [batch_size] * len(chunks)):
        yield from readings
