"""A corpus held the lean way for reuse and provenance: what they need of each article, no more.

A 100k-article run holding every ``Article`` and ``CleanArticle`` keeps each text twice, plus the
cleaning records (~1.4 GB at 100k). Alignment needs only the cleaned text and its offset map
(``SourceText``), direction inference only ``ArticleFacts``, and the outputs only the original text
of the articles that are in a pair, which is kept zlib-compressed until asked for. The sources are packed
(``PackedSources``: one UTF-8 buffer of cleaned texts, one array of offset segments), so 1M articles fit
in memory and forked workers read them without copying.

>>> from narratrace.ingest.article import Article
>>> corpus = ReuseCorpus.from_articles([Article(id="a", text="One line.")])
>>> corpus.original_text("a"), corpus.sources[0].text, corpus.facts["a"].network_node
('One line.', 'One line.', 'unknown:a')
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from narratrace.clean import clean_article
from narratrace.clean.repeated import repeated_spans
from narratrace.clean.types import CleanArticle
from narratrace.ingest.article import Article
from narratrace.parallel import map_in_batches
from narratrace.provenance.facts import UNKNOWN_NODE, ArticleFacts, article_facts
from narratrace.reuse.packed import PackedSources
from narratrace.reuse.prepared import SourceText

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LeanArticle:
    """One article reduced to what reuse and provenance use."""

    source: SourceText
    facts: ArticleFacts
    # None when cleaning removed nothing: the original is then the cleaned text, kept once (and not compressed).
    compressed_original: bytes | None


def lean_article(article: Article) -> LeanArticle:
    """Clean one article and keep its lean parts (runs in worker processes).

    Relative time cues are not looked for: the lean parts keep only the dates and warnings, which never
    read them (``lean_from_clean`` of a fully cleaned article gives the same parts).
    """
    return lean_from_clean(clean_article(article, relative_cues=False))


def lean_from_clean(cleaned: CleanArticle) -> LeanArticle:
    """The lean parts of a cleaned article."""
    original = cleaned.article.text
    compressed = None if original == cleaned.text else zlib.compress(original.encode("utf-8"), 1)
    return LeanArticle(SourceText.from_clean(cleaned), article_facts(cleaned), compressed)


@dataclass
class ReuseCorpus:
    """Articles in lean form, in input order; ids are distinct (a repeated id keeps its first article)."""

    sources: PackedSources = field(default_factory=PackedSources)
    facts: dict[str, ArticleFacts] = field(default_factory=dict)
    # The compressed original, or the index of the source whose cleaned text is the original.
    _originals: dict[str, bytes | int] = field(default_factory=dict)

    def add(self, lean: LeanArticle) -> bool:
        """Add one article; False (and a warning) when its id is already here."""
        if lean.source.id in self.facts:
            log.warning("article id %s appears more than once; keeping the first", lean.source.id)
            return False
        original = len(self.sources) if lean.compressed_original is None else lean.compressed_original
        self.sources.append(lean.source)
        self.facts[lean.source.id] = lean.facts
        self._originals[lean.source.id] = original
        return True

    def mask_repeated_chrome(self) -> int:
        """Mask each outlet's repeated chrome (footers, widget strings) in the lean texts; returns the spans masked.

        The lean counterpart of ``strip_repeated_chrome``: articles were cleaned one by one in workers, and
        chrome that repeats across an outlet shows only in the corpus as a whole. Articles of an unknown
        outlet are never grouped.
        """
        nodes = [self.facts[article_id].network_node for article_id in self.sources.ids]
        groups = [None if node.startswith(UNKNOWN_NODE) else node for node in nodes]
        found = repeated_spans(self.sources.texts(), groups)
        masked = 0
        for index, spans in enumerate(found):
            if spans:
                extra = tuple((start, end) for start, end, _ in spans)
                self.sources.set_masked(index, tuple(sorted({*self.sources.masked(index), *extra})))
                masked += len(spans)
        return masked

    def original_text(self, article_id: str) -> str:
        original = self._originals[article_id]
        if isinstance(original, int):
            return self.sources.text(original)
        return zlib.decompress(original).decode("utf-8")

    def __len__(self) -> int:
        return len(self.sources)

    @staticmethod
    def lean_stream(articles: Iterable[Article], workers: int | None = None) -> Iterator[LeanArticle]:
        """Clean and reduce ``articles`` (a stream is fine) across all cores, in order, one at a time."""
        return map_in_batches(lean_article, articles, workers)

    @classmethod
    def from_articles(cls, articles: Iterable[Article], workers: int | None = None) -> ReuseCorpus:
        """Clean and reduce ``articles`` (a stream is fine), across all cores for large inputs."""
        corpus = cls()
        for lean in cls.lean_stream(articles, workers):
            corpus.add(lean)
        return corpus

    @classmethod
    def from_clean(cls, articles: Iterable[CleanArticle]) -> ReuseCorpus:
        """Reduce articles that are already cleaned (``analyze`` holds them whole for the other stages)."""
        corpus = cls()
        for cleaned in articles:
            corpus.add(lean_from_clean(cleaned))
        return corpus
