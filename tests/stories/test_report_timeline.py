"""The story view's timeline: articles in date order, a flagged header date shown as such and not trusted."""

from __future__ import annotations

from narratrace.document import ReportOptions, article_refs
from narratrace.stories.stage import StoriesStage


def test_a_flagged_header_date_is_shown_as_untrusted_and_placed_with_the_undated() -> None:
    crawl_date = {"kind": "date_mismatch", "message": "published date 2021-04-13 is 3 years after the text's events"}
    doc = {
        "articles": [
            {
                "id": "a",
                "title": "Archived page",
                "outlet": "Sputnik",
                "published": "2021-04-13",
                "warnings": [crawl_date],
            },
            {"id": "b", "title": "The report", "outlet": "Press TV", "published": "2018-07-22T10:00:00"},
            {"id": "c", "title": "A repost", "outlet": "NewsPunch", "published": None},
        ],
        "stories": [{"id": "s1", "title": "Evacuation", "articles": ["a", "b", "c"]}],
    }
    (section,) = StoriesStage().report(doc, article_refs(doc), ReportOptions())
    stories = section.context["stories"]
    assert isinstance(stories, list) and len(stories) == 1
    story = stories[0]
    rows = [(row["date"], row["outlet"], row["date_note"]) for row in story["timeline"]]
    assert rows == [
        ("2018-07-22", "Press TV", ""),
        ("", "NewsPunch", ""),
        ("", "Sputnik", "header date 2021-04-13 not trusted"),
    ]
