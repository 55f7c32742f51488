"""Hostile articles pass through every meaning stage (stories, claims, framing) together without a crash.

Each stage's own tests feed it a 1 MB article (tests/stories/test_hostile.py, tests/claims/test_attribution.py,
tests/framing/test_labels.py); here a 250 KB one keeps the whole pipeline's run short.
"""

from __future__ import annotations

import pytest

from narratrace.clean import clean_article
from narratrace.framing.types import FramingResult
from narratrace.ingest.article import Article, content_id
from narratrace.pipeline import RunOptions, analyze_articles

SENTENCE = "The minister said on Monday that the White Helmets, a so-called rescue group, would leave Syria. "


def _article(text: str, outlet: str | None = None) -> Article:
    return Article(id=content_id(text, None, outlet), text=text, outlet=outlet)


@pytest.mark.slow
def test_empty_one_word_non_english_and_large_articles_pass_every_stage() -> None:
    texts = {
        "empty": "",
        "one word": "Syria",
        "russian": "Министр заявил в понедельник, что «Белые каски» покинут Сирию. " * 20,
        "chinese": "部长周一表示，白头盔组织将离开叙利亚。" * 30,
        "large": SENTENCE * (250_000 // len(SENTENCE)),
        "plain": SENTENCE * 3,
    }
    articles = [clean_article(_article(text, outlet)) for text, outlet in zip(texts.values(), "ab" * 3, strict=True)]
    analysis = analyze_articles(articles, RunOptions(only=("stories", "claims", "framing")))
    assert analysis.stages == ("reuse", "stories", "claims", "framing")
    stories = analysis.results["stories"]
    assert {a.article for a in stories.result.assignments} == {a.id for a in articles}  # type: ignore[attr-defined]
    attributions = analysis.results["claims"].attributions  # type: ignore[attr-defined]
    big = articles[4]
    for found in attributions[big.id]:
        assert big.article.text[found.content.start : found.content.end] == found.content.text
    # Russian and Chinese texts are flagged when cleaned and left out of the English-only stages, not misread.
    foreign = {articles[2].id, articles[3].id}
    for article in articles:
        flagged = any(w.kind == "not_english" for w in article.warnings)
        assert flagged == (article.id in foreign), article.article.text[:20]
    assert all(attributions[i] == [] for i in foreign)
    framing = analysis.results["framing"]
    assert isinstance(framing, FramingResult)
    assert not {label.article for label in framing.labels()} & foreign
    assert {label.article for label in framing.labels()}  # the English ones are still read
