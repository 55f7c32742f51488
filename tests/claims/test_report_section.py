"""The claims section of the report says who states a claim in each article, escaped like everything else."""

from __future__ import annotations

from typing import Any, cast

from narratrace.claims.stage import ClaimsStage
from narratrace.claims.types import ClaimMention, TextSpan
from narratrace.document import ReportOptions
from narratrace.report.html import _environment, _render_section


def _mention(
    article: str, source: str | None, source_type: str, referent: str | None = None, via: str | None = None
) -> dict[str, object]:
    span = TextSpan(0, len(source), source) if source else None
    refers_to = TextSpan(0, len(referent), referent) if referent else None
    channel = TextSpan(9, 9 + len(via), via) if via else None
    mention = ClaimMention(article, None, None, TextSpan(0, 5, "claim"), span, source_type, refers_to, channel)
    return mention.to_record()


def test_each_article_names_who_says_it_with_a_pronoun_resolved() -> None:
    claim = {
        "claim": "The plan was dropped",
        "articles": ["a", "b", "c", "d", "e"],
        "independent_origins": 3,
        "why": "3 articles, 3 independent origins: no copies or shared sources among them",
        "mentions": [
            _mention("a", "he", "person", "Garrett Marquis"),
            _mention("b", "<script>alert(1)</script>", "outlet"),
            _mention("c", None, "unattributed"),
            _mention("d", "the source", "anonymous", via="CBS"),
            _mention("e", "sources speaking to <b>Sputnik</b>", "anonymous", via="<b>Sputnik</b>"),
        ],
    }
    [section] = ClaimsStage().report({"claims": [claim], "articles": []}, {}, ReportOptions())
    shown = cast(list[dict[str, Any]], section.context["claims"])
    who = [a["who"] for a in shown[0]["articles"]]
    assert who[:4] == [
        "he (Garrett Marquis), person",
        "<script>alert(1)</script>, outlet",
        "the article itself",
        "the source, anonymous, via CBS",
    ]
    assert who[4] == "sources speaking to <b>Sputnik</b>, anonymous"  # the outlet is in the source's own words
    html = str(_render_section(_environment(), section))
    assert "he (Garrett Marquis), person" in html
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_the_origins_cell_gives_the_range_when_some_articles_name_no_source() -> None:
    """4 origins, at least 2: the cell reads "2–4"; a claim whose floor is its count shows the count alone."""
    ranged = {
        "claim": "The plan was dropped",
        "articles": ["a", "b"],
        "independent_origins": 4,
        "independent_origins_at_least": 2,
        "why": "4 articles, 4 independent origins: no copies or shared sources among them",
        "mentions": [_mention("a", None, "unattributed"), _mention("b", "Officials", "anonymous")],
    }
    exact = {**ranged, "independent_origins": 3, "independent_origins_at_least": 3}
    [section] = ClaimsStage().report({"claims": [ranged, exact], "articles": []}, {}, ReportOptions())
    html = str(_render_section(_environment(), section))
    assert '<td class="n">2–4</td>' in html
    assert '<td class="n">3</td>' in html


def test_the_reasoning_names_each_article_as_its_row_does_and_tells_one_outlets_articles_apart() -> None:
    from narratrace.document import article_refs

    records = [
        {"id": "1", "outlet": "wash-post", "title": "Trump quells critics"},
        {"id": "10", "outlet": "wash-post", "title": "Pence blames media"},
        {"id": "2", "outlet": "nyt", "title": "Anything"},
    ]
    claim = {
        "claim": "The plan was dropped",
        "articles": ["1", "10", "2"],
        "independent_origins": 2,
        "why": '3 articles, 2 independent origins: 1 and 10 are one origin — 10 quotes 1 ("1 in 2 voters, 10 polls")',
        "mentions": [_mention(a, None, "unattributed") for a in ("1", "10", "2")],
    }
    doc = {"claims": [claim], "articles": records}
    [section] = ClaimsStage().report(doc, article_refs(doc), ReportOptions())
    shown = cast(list[dict[str, Any]], section.context["claims"])[0]
    assert [a["name"] for a in shown["articles"]] == [
        "wash-post: Trump quells critics",
        "wash-post: Pence blames media",
        "nyt",
    ]
    # Whole ids only ("1" is not the start of "10"); the counts and the quoted statement keep their numbers.
    assert shown["why"] == (
        "3 articles, 2 independent origins: wash-post: Trump quells critics and wash-post: Pence blames media are one"
        ' origin — wash-post: Pence blames media quotes wash-post: Trump quells critics ("1 in 2 voters, 10 polls")'
    )


def test_the_first_seen_cell_names_same_day_ties_and_says_when_nothing_orders_the_articles() -> None:
    def claim(first_seen: str | None, ties: list[str]) -> dict[str, object]:
        articles = ["a", "b", "c", "d", "e", "f"]
        return {
            "claim": "The plan was dropped",
            "articles": articles,
            "first_seen": first_seen,
            "first_seen_ties": ties,
            "independent_origins": 6,
            "why": "6 articles, 6 independent origins: no copies or shared sources among them",
            "mentions": [_mention(a, None, "unattributed") for a in articles],
        }

    doc = {"claims": [claim("a", ["b", "c", "d", "e"]), claim(None, []), claim("a", [])], "articles": []}
    [section] = ClaimsStage().report(doc, {}, ReportOptions())
    html = str(_render_section(_environment(), section))
    assert "same day as b, c, d and 1 more: the day cannot order them" in html
    assert "undated: nothing orders them" in html
    assert html.count("same day as") == 1  # the third claim's first article stands alone
