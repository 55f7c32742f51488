"""Hostile input: nothing crashes, every distinct article gets a story."""

from __future__ import annotations

from narratrace.clean import clean_article
from narratrace.ingest.article import Article
from narratrace.stories import StoryIndex, group_stories


def test_empty_input() -> None:
    result = group_stories([])
    assert result.assignments == () and result.stories == () and result.narratives == ()
    assert StoryIndex().to_state()["articles"] == []


def test_odd_articles_each_get_a_story() -> None:
    texts = {
        "empty": "",
        "word": "Helmets",
        "huge": "The minister said the bridge would reopen next week. " * 20_000,  # ~1 MB
        "russian": "Министр заявил, что мост откроется на следующей неделе после ремонта.",
        "chinese": "部长表示，这座桥将在维修后于下周重新开放。",
        "symbols": "\u200b\ufeff ☃ ☃ ☃ <script>alert(1)</script> %%%",
    }
    articles = [
        clean_article(Article(key, text, title=None, published="not a date" if key == "word" else "2020-02-30"))
        for key, text in texts.items()
    ]
    articles.append(clean_article(Article("dup", "Helmets", published="2020-01-01")))
    result = group_stories(articles + articles[:2])  # repeats are placed once
    assert [a.article for a in result.assignments] == [a.id for a in articles]
    assert {s.id for s in result.stories} == {a.story for a in result.assignments}
    assert all(0.0 <= a.score <= 1.0 for a in result.assignments)
    assert all(s.start is None for s in result.stories if "huge" in s.articles)  # Feb 30th is no date
