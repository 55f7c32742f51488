"""Generated articles and edited copies with known shared spans, for reuse tests."""

from __future__ import annotations

import random

from narratrace.clean.offsets import OffsetMap
from narratrace.clean.types import CleanArticle
from narratrace.ingest.article import Article

_SYLLABLES = ["ka", "lo", "mi", "ren", "tas", "vo", "zu", "pel", "dor", "fin", "gra", "hul", "ix", "jen", "qua", "sor"]


def vocabulary(rng: random.Random, size: int = 3000) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 4))))
    return sorted(words)


def sentence(rng: random.Random, vocab: list[str], length: int | None = None) -> str:
    words = [rng.choice(vocab) for _ in range(length or rng.randint(8, 20))]
    return " ".join(words).capitalize() + "."


def paragraphs(rng: random.Random, vocab: list[str], count: int) -> list[str]:
    return [" ".join(sentence(rng, vocab) for _ in range(rng.randint(2, 4))) for _ in range(count)]


def substitute(rng: random.Random, vocab: list[str], text: str, rate: float) -> str:
    words = text.split(" ")
    for k in range(len(words)):
        if rng.random() < rate and not words[k].endswith("."):
            words[k] = rng.choice(vocab)
    return " ".join(words)


def clean(article_id: str, text: str, published: str | None = None, outlet: str | None = None) -> CleanArticle:
    """A CleanArticle whose cleaned text is the original (identity offsets)."""
    article = Article(id=article_id, text=text, published=published, outlet=outlet)
    return CleanArticle(article=article, text=text, offsets=OffsetMap.identity(len(text)))
