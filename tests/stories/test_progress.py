"""Story grouping reports its progress in articles, up to the number of new articles."""

from __future__ import annotations

from narratrace.clean import clean_article
from narratrace.ingest.article import Article
from narratrace.stories import StoryIndex, group_stories


def test_progress_reaches_the_new_articles_and_never_goes_back() -> None:
    articles = [
        clean_article(
            Article(id=f"a{i}", title=f"Talks resume in round {i}", text=f"Delegates met on day {i} in Geneva.")
        )
        for i in range(5)
    ]
    index = StoryIndex()
    calls: list[tuple[int, int]] = []
    group_stories(articles[:3], index=index, progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (3, 3)
    calls.clear()
    group_stories(articles, index=index, progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (2, 2)  # only the two articles not placed yet are read
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
