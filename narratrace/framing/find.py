"""find_framing: how each outlet labels the salient entities of a corpus."""

from __future__ import annotations

import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from narratrace.clean.types import CleanArticle
from narratrace.framing.entities import EntityIndex, drop_sentence_openers
from narratrace.framing.lexicon import BARE_NOUNS, GROUP_NOUNS, ROLE_TITLES
from narratrace.framing.names import NameMention
from narratrace.framing.passes import (
    PARSE_BATCH,
    SENTENCE_CHUNK,
    SentenceReading,
    SentenceToRead,
    first_pass_all,
    read_all,
)
from narratrace.framing.phrases import RawLabel
from narratrace.framing.types import Entity, FramingResult, Label, LabelCount, OutletFraming
from narratrace.parallel import MapPool

UNKNOWN_OUTLET = "unknown"
# Sentences longer than this are not prose (tables, run-on scraper output); their names still count.
MAX_SENTENCE_CHARS = 3000
_AFTER_CUE = re.compile(
    "^[\"'\u201d\u2019]?(?:\\s*[,(\u2013\u2014]|\\s+-\\s|\\s+(?:is|are|was|were|has been|have been|had been|remains?|"
    'remained|becomes?|became|seems?|who|which)\\b|\\s*["\u201c\u2018]|\\s+[a-z-]+\\s+(?:'
    + "|".join(sorted(GROUP_NOUNS))
    + r")\b|\s+(?:"
    + "|".join(sorted(GROUP_NOUNS))
    + r")\b)",
    re.IGNORECASE,
)
_BEFORE_CUE = re.compile(
    r"(?:\b(?:so[-\s]called|called|named|dubbed|known\s+as)\s*(?:the\s+)?[\"'\u201c\u2018]?\s*|[\"\u201c\u2018']\s*"
    r"|\b[a-z]+-[a-z]+\s+(?:the\s+)?|\b[a-z]{3,}(?:ed|ist|ic|al|ous|ful|ive|less|ent|ant|ary|ish)\s+(?:the\s+)?"
    # "the nonprofit group EcoHealth Alliance"; "Ohio Congressman Jim Jordan" (not "President X": too common to parse)
    r"|\b(?:" + "|".join(sorted(GROUP_NOUNS)) + r")\s+|\bsuch\s+as\s+(?:the\s+)?"
    r"|\b[A-Z][\w.]+\s+(?i:" + "|".join(sorted(t.rstrip(".") for t in ROLE_TITLES - {"president"})) + r")\.?\s+)$"
)
_DEFINITE_GROUP = re.compile(r"\b(?:the|this)\s+(?:[\w-]+\s+){0,3}(?:" + "|".join(sorted(GROUP_NOUNS)) + r")\b", re.I)


@dataclass(frozen=True)
class _Found:
    entity: str
    article: int
    kind: str
    start: int  # cleaned offsets
    end: int
    mention_start: int
    mention_end: int


def _has_cue(text: str, mention: NameMention) -> bool:
    return bool(
        _AFTER_CUE.match(text[mention.end : mention.end + 40])
        or _BEFORE_CUE.search(text[max(0, mention.start - 40) : mention.start])
    )


class _Corpus:
    """The first pass over every article: sentences, salient mentions, and which sentences need a parse."""

    def __init__(self, articles: Sequence[CleanArticle], min_mentions: int, pool: MapPool | None = None) -> None:
        self.texts = [c.text for c in articles]
        self.sentences = []
        names: list[NameMention] = []
        for sentences, found in first_pass_all(self.texts, pool):
            self.sentences.append(sentences)
            names += found
        names = drop_sentence_openers(names, self.texts)
        self.index = EntityIndex(names, self.texts, max(1, min_mentions))
        self.by_sentence: dict[tuple[int, int], list[tuple[NameMention, str]]] = defaultdict(list)
        self.article_counts: dict[int, Counter[str]] = defaultdict(Counter)
        for mention in names:
            entity = self.index.entity(mention.key)
            if entity is not None:
                self.by_sentence[(mention.article, mention.sentence)].append((mention, entity))
                self.article_counts[mention.article][entity] += 1

    def group_like(self, entity: str) -> bool:
        return entity in self.index.groups

    def to_parse(self) -> Iterator[tuple[SentenceToRead, tuple[int, int]]]:
        """Each sentence the rules read, with its salient mentions as offsets into it (in ``by_sentence``
        order), and its (article, sentence number)."""
        for article, spans in enumerate(self.sentences):
            text = self.texts[article]
            for number, (start, end) in enumerate(spans):
                if end - start > MAX_SENTENCE_CHARS:
                    continue
                mentions = self.by_sentence.get((article, number), [])
                cue = any(_has_cue(text, m) for m, _ in mentions)
                if not cue and _DEFINITE_GROUP.search(text, start, end):
                    nearby = range(max(0, number - 2), number + 2)
                    cue = any(self.group_like(e) for n in nearby for _, e in self.by_sentence.get((article, n), []))
                if cue:
                    offsets = tuple((m.start - start, m.end - start) for m, _ in mentions)
                    yield (text[start:end], offsets), (article, number)

    def antecedent(
        self, article: int, sentence: int, position: int, words: frozenset[str], lexicon: dict[str, set[str]]
    ) -> str | None:
        """The entity "the group" at ``position`` refers to, when one group-like entity is the clear candidate.

        Candidates are the group-like entities named in the two sentences before (or, in a lede, just after).
        One candidate: it. Several: the one the corpus elsewhere calls by the description's words ("rescue" in
        "the so-called rescue group"), else the article's dominant entity (3+ mentions, twice the next).
        """
        before = [
            entity
            for number in range(max(0, sentence - 2), sentence + 1)
            for mention, entity in self.by_sentence.get((article, number), [])
            if (number < sentence or mention.end <= position) and self.group_like(entity)
        ]
        if not before and sentence < 2:  # a lede that opens with "The NGO, which ..." names it just after
            before = [
                entity
                for number in (sentence, sentence + 1)
                for mention, entity in self.by_sentence.get((article, number), [])
                if mention.start >= position and self.group_like(entity)
            ]
        candidates = Counter(before)
        if len(candidates) == 1:
            return next(iter(candidates))
        if not candidates:
            return None
        matching = [entity for entity in candidates if words & lexicon.get(entity, set())]
        if len(matching) == 1:
            return matching[0]
        counts = self.article_counts[article]
        ranked = sorted(candidates, key=lambda e: counts[e], reverse=True)
        top, second = counts[ranked[0]], counts[ranked[1]]
        return ranked[0] if top >= 3 and top >= 2 * second else None


@dataclass(frozen=True)
class _Description:
    """ "the group", "the so-called rescue group": resolved once every name's labels are known."""

    article: int
    sentence: int
    start: int  # cleaned offsets of the description
    end: int
    words: frozenset[str]  # its content words ("rescue"), matched against what each entity is called elsewhere
    labels: tuple[RawLabel, ...]  # offsets into the sentence


def _content_words(text: str) -> frozenset[str]:
    words = {w for w in re.findall(r"[a-z][a-z-]+", text.lower()) if len(w) > 2}
    return frozenset(words - STOP_WORDS - BARE_NOUNS - {"so-called", "called"})


def _labels_in_sentence(
    corpus: _Corpus, reading: SentenceReading, article: int, number: int, pending: list[_Description]
) -> list[_Found]:
    base, end_of_sentence = corpus.sentences[article][number]
    sentence = corpus.texts[article][base:end_of_sentence]
    found: list[_Found] = []
    mentions = corpus.by_sentence.get((article, number), [])
    for (mention, entity), raws in zip(mentions, reading.mention_labels, strict=True):
        for raw in raws:
            found.append(
                _Found(entity, article, raw.kind, base + raw.start, base + raw.end, mention.start, mention.end)
            )
    for (start, end), raws in reading.descriptions:
        if any(m.start - base < end and start < m.end - base for m, _ in mentions):
            continue  # "the White Helmets group": the name's own labels cover it
        words = _content_words(sentence[start:end])
        pending.append(_Description(article, number, base + start, base + end, words, raws))
    return found


def _resolve(corpus: _Corpus, pending: list[_Description], found: list[_Found]) -> list[_Found]:
    """Attach each description to the entity it refers to, where ``_Corpus.antecedent`` is confident."""
    lexicon: dict[str, set[str]] = defaultdict(set)
    for item in found:
        if item.kind != "name":
            lexicon[item.entity] |= _content_words(corpus.texts[item.article][item.start : item.end])
    resolved = []
    for description in pending:
        entity = corpus.antecedent(
            description.article, description.sentence, description.start, description.words, lexicon
        )
        if entity is None:
            continue
        base = corpus.sentences[description.article][description.sentence][0]
        for raw in description.labels:
            resolved.append(
                _Found(
                    entity,
                    description.article,
                    raw.kind,
                    base + raw.start,
                    base + raw.end,
                    description.start,
                    description.end,
                )
            )
    return resolved


def _to_label(found: _Found, clean: CleanArticle, column: str) -> Label | None:
    """The label in original coordinates, or None when its span would straddle text the cleaner removed."""
    start, end = clean.offsets.span_to_original(found.start, found.end)
    text = clean.article.text[start:end]
    if text.split() != clean.text[found.start : found.end].split():
        return None
    mention_start, mention_end = clean.offsets.span_to_original(found.mention_start, found.mention_end)
    return Label(
        entity=found.entity,
        article=clean.article.id,
        outlet=column,
        text=text,
        start=start,
        end=end,
        kind=found.kind,
        mention_start=mention_start,
        mention_end=mention_end,
        mention_text=clean.article.text[mention_start:mention_end],
    )


def count_labels(labels: Sequence[Label]) -> tuple[LabelCount, ...]:
    """(normalised label, kind) counts, most frequent first."""
    counts: Counter[tuple[str, str]] = Counter()
    articles: dict[tuple[str, str], set[str]] = defaultdict(set)
    for label in labels:
        key = (label.normalised, label.kind)
        if key[0]:
            counts[key] += 1
            articles[key].add(label.article)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple(LabelCount(text, kind, count, len(articles[(text, kind)])) for (text, kind), count in ordered)


def find_framing(
    articles: Sequence[CleanArticle],
    min_mentions: int = 2,
    processes: int | None = None,
    batch_size: int = PARSE_BATCH,
    progress: Callable[[int, int], None] | None = None,
    pool: MapPool | None = None,
) -> FramingResult:
    """How every outlet labels each entity the corpus mentions at least ``min_mentions`` times.

    Only sentences where a salient name meets a framing cue (a comma, quotes, "so-called", "is a", "which",
    "known as", an adjective before it) or "the group"-like descriptions near one are parsed: in the run's
    shared worker processes from ``MIN_POOLED_SENTENCES`` such sentences on (the result is the same);
    ``processes`` forces a count (1: in this process); ``pool`` a pool (``spark.SparkMap`` on Spark).
    ``progress(done, total)`` counts sentences parsed.
    """
    began = time.perf_counter()
    corpus = _Corpus(articles, min_mentions, pool)
    found: list[_Found] = []
    for mentions in corpus.by_sentence.values():
        found += [_Found(e, m.article, "name", m.start, m.end, m.start, m.end) for m, e in mentions]
    batch = list(corpus.to_parse())
    distinct: list[SentenceToRead] = []
    if batch:
        sentences, keys = [sentence for sentence, _ in batch], [key for _, key in batch]
        # A sentence that recurs with its mentions at the same places (wire copies, boilerplate) reads the same:
        # parsed once (spaCy's parse of a text does not depend on the texts batched with it).
        distinct = list(dict.fromkeys(sentences))
        readings: dict[SentenceToRead, SentenceReading] = {}
        for done, (sentence, reading) in enumerate(
            zip(distinct, read_all(distinct, processes, batch_size, pool), strict=True), start=1
        ):
            readings[sentence] = reading
            if progress is not None and (done % SENTENCE_CHUNK == 0 or done == len(distinct)):
                progress(done, len(distinct))
        pending: list[_Description] = []
        for sentence, (article, number) in zip(sentences, keys, strict=True):
            found += _labels_in_sentence(corpus, readings[sentence], article, number, pending)
        found += _resolve(corpus, pending, found)
    outlets_known = any(c.article.outlet for c in articles)
    columns = {c.article.id: c.article.outlet or UNKNOWN_OUTLET for c in articles}
    grouped: dict[tuple[str, str], dict[tuple[str, int, int], Label]] = defaultdict(dict)
    for item in found:
        clean = articles[item.article]
        label = _to_label(item, clean, columns[clean.article.id])
        if label is not None:
            grouped[(label.entity, columns[label.article])][(label.kind, label.start, label.end)] = label
    framings = []
    for (entity, outlet), unique in grouped.items():
        labels = tuple(sorted(unique.values(), key=lambda lab: (lab.article, lab.start, lab.kind)))
        framings.append(OutletFraming(entity, outlet, labels, count_labels(labels)))
    index = corpus.index
    articles_naming = Counter(entity for counts in corpus.article_counts.values() for entity in counts)
    entities = tuple(
        sorted(
            (
                Entity(name, tuple(index.members[name]), index.mention_counts[name], articles_naming[name])
                for name in index.salient
            ),
            key=lambda e: (-e.mentions, e.name),
        )
    )
    rank = {entity.name: i for i, entity in enumerate(entities)}
    framings.sort(key=lambda f: (rank.get(f.entity, len(rank)), f.outlet))
    stats = {
        "articles": float(len(articles)),
        "sentences": float(sum(len(s) for s in corpus.sentences)),
        "sentences_read": float(len(batch)),  # cue sentences the rules read
        "sentences_parsed": float(len(distinct)),  # distinct among them: each parsed once
        "seconds": round(time.perf_counter() - began, 3),
    }
    return FramingResult(entities, tuple(framings), outlets_known, columns, stats)
