from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from narratrace.ingest.html import html_fragment_to_text, read_html, strip_site_name
from narratrace.ingest.types import InputRejected
from tests.ingest.helpers import BODY, article_html, read_all


def test_html_reader_extracts_body_title_date_outlet() -> None:
    head = (
        "<link rel='canonical' href='https://www.example-times.com/world/talks-fail'>"
        "<meta property='og:site_name' content='Example Times'>"
        "<meta property='article:published_time' content='2021-04-13T10:00:00Z'>"
    )
    article = read_html(article_html(extra_head=head))
    assert article.title == "Talks fail again"  # " | Example Times" removed
    assert article.url == "https://www.example-times.com/world/talks-fail"
    assert article.outlet == "example-times.com"
    assert article.published is not None and article.published.startswith("2021-04-13")
    assert BODY.strip() in article.text
    assert "Home" not in article.text and "©" not in article.text
    assert not article.text.startswith("Talks fail again")  # the repeated headline is dropped
    assert "\n\n" in article.text  # paragraphs separated by blank lines


def test_caller_url_wins_over_canonical() -> None:
    head = "<link rel='canonical' href='https://www.example-times.com/a'>"
    article = read_html(article_html(extra_head=head), url="https://mirror.example.org/copy")
    assert article.url == "https://mirror.example.org/copy"
    assert article.outlet == "example.org"


def test_scripts_never_reach_the_text() -> None:
    script = "<script>var secretTracker = 'SCRIPTMARKER'; document.write('SCRIPTMARKER');</script>"
    noisy = "".join(script for _ in range(200))
    html = article_html(extra_head=noisy, extra_body=noisy + "<style>.x{color:red}</style>")
    html = html.replace("<p>", f"{script}<p>", 3)
    article = read_html(html)
    assert "SCRIPTMARKER" not in article.text
    assert "color:red" not in article.text
    assert BODY.strip() in article.text


@pytest.mark.parametrize(
    ("title", "sites", "expected"),
    [
        ("Talks fail again | Example Times", ["Example Times"], "Talks fail again"),
        ("Talks fail again - Example Times", ["Example Times"], "Talks fail again"),
        ("Talks fail again – BBC News", ["bbc.co.uk", "BBC News"], "Talks fail again"),
        ("Brexit - what now for the talks?", ["Example Times"], "Brexit - what now for the talks?"),
        ("Talks fail | World | Example", [], "Talks fail"),
        ("Just a title", ["Example"], "Just a title"),
    ],
)
def test_strip_site_name(title: str, sites: list[str], expected: str) -> None:
    assert strip_site_name(title, sites) == expected


def test_html_file_with_sidecar_and_gzip(tmp_path: Path) -> None:
    page = tmp_path / "page.html.gz"
    page.write_bytes(gzip.compress(article_html().encode()))
    (tmp_path / "page.html.meta.json").write_text(
        '{"url": "https://www.presstv.ir/Detail/1", "published": "2024-10-20"}'
    )
    (article,), errors = read_all(tmp_path)
    assert errors == []
    assert article.url == "https://www.presstv.ir/Detail/1"
    assert article.outlet == "presstv.ir"
    assert article.published == "2024-10-20"


def test_page_without_article_text_is_rejected() -> None:
    with pytest.raises(InputRejected, match="no article text"):
        read_html("<html><head><title>x</title></head><body><nav>Home</nav></body></html>")


def test_broken_html_is_handled(tmp_path: Path) -> None:
    broken = article_html().replace("</p>", "").replace("</article>", "<div><span><table><tr><td>")[:-40]
    (tmp_path / "a_broken.html").write_text(broken + "<<<>>><p unclosed", encoding="utf-8")
    (tmp_path / "b_garbage.html").write_text("<html><<<<>>>>&&&&;;;</html>", encoding="utf-8")
    (tmp_path / "c_good.html").write_text(article_html(), encoding="utf-8")
    articles, errors = read_all(tmp_path)
    names = [Path(a.source_path or "").name for a in articles]
    assert "c_good.html" in names  # the batch went on past the bad pages
    assert [Path(e.source_path).name for e in errors] == ["b_garbage.html"]
    assert "no article text" in errors[0].reason


def test_deeply_nested_html_does_not_crash(tmp_path: Path) -> None:
    nested = "<div>" * 20000 + f"<p>{BODY}</p>" + "</div>" * 20000
    (tmp_path / "deep.html").write_text(f"<html><body>{nested}</body></html>", encoding="utf-8")
    (tmp_path / "next.html").write_text(article_html(), encoding="utf-8")
    articles, errors = read_all(tmp_path)
    assert any(Path(a.source_path or "").name == "next.html" for a in articles)
    assert len(articles) + len(errors) == 2


def test_fragment_to_text_drops_scripts_and_keeps_paragraphs() -> None:
    fragment = "<p>One <b>bold</b> line.</p><script>evil()</script><ul><li>a</li><li>b</li></ul>tail<!-- note -->"
    assert html_fragment_to_text(fragment) == "One bold line.\n\na\n\nb\n\ntail"
    assert html_fragment_to_text("   ") == ""


def test_paragraph_structure_follows_the_page_not_the_source_wrapping() -> None:
    wrapped = "The minister said on Tuesday\nthat the talks with the opposition\nhad failed again."
    html = article_html().replace("</article>", f"<p>{wrapped}</p><p>First line<br>second line</p></article>")
    article = read_html(html)
    assert "The minister said on Tuesday that the talks with the opposition had failed again." in article.text
    assert "First line\nsecond line" in article.text  # a real <br> stays a line break inside the paragraph
    assert "\n\nFirst line" in article.text


def test_displayed_headline_is_preferred_when_it_agrees() -> None:
    head = "<meta property='og:title' content='Talks fail again as minister rules out deal'>"
    html = article_html(title="Talks fail again as minister rules out a deal", extra_head=head)
    assert read_html(html).title == "Talks fail again as minister rules out a deal"


def test_choose_title_ignores_an_h1_that_disagrees() -> None:
    from narratrace.ingest.html import PageMetadata, choose_title

    logo = PageMetadata(displayed_headline="Example Times")
    assert choose_title("Talks fail again | Example Times", logo, ["Example Times"]) == "Talks fail again"
    agreeing = PageMetadata(displayed_headline="Talks fail again – minister")
    assert choose_title("Talks fail again - minister", agreeing, []) == "Talks fail again – minister"
    assert choose_title(None, agreeing, []) is None
