from __future__ import annotations

from pathlib import Path

from tests.ingest.helpers import read_all

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example News</title><link>https://www.example.org/</link>
<item><title>First story</title><link>https://www.example.org/news/1</link>
<pubDate>Tue, 13 Apr 2021 23:55:00 GMT</pubDate><guid>a1</guid>
<description><![CDATA[<p>The minister said the talks had failed.</p><script>alert('x')</script>
<p>Second para.</p>]]></description>
</item>
<item><title>No body</title><link>https://www.example.org/news/2</link></item>
<item><title>Plain</title><description>Plain text summary only.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Site</title><id>urn:site</id>
<updated>2024-10-20T10:00:00Z</updated>
<entry><title>Atom entry</title><link href="http://www.presstv.ir/Detail/1"/><id>urn:e1</id>
<updated>2024-10-20T10:00:00Z</updated>
<content type="html">&lt;p&gt;Body of the atom entry.&lt;/p&gt;&lt;p&gt;More text.&lt;/p&gt;</content></entry></feed>"""


def test_rss_entries(tmp_path: Path) -> None:
    (tmp_path / "news.rss").write_text(RSS, encoding="utf-8")
    articles, errors = read_all(tmp_path)
    first, plain = articles
    assert first.text == "The minister said the talks had failed.\n\nSecond para."
    assert (first.title, first.url, first.outlet) == ("First story", "https://www.example.org/news/1", "example.org")
    assert first.published == "2021-04-13T23:55:00+00:00"
    assert first.metadata["guid"] == "a1"
    assert plain.text == "Plain text summary only."
    assert plain.outlet == "example.org"  # no entry link: the feed's own link
    assert len(errors) == 1 and "entry 2" in errors[0].reason


def test_atom_entries_detected_by_content(tmp_path: Path) -> None:
    (tmp_path / "feed.xml").write_text(ATOM, encoding="utf-8")
    (article,), errors = read_all(tmp_path)
    assert errors == []
    assert article.text == "Body of the atom entry.\n\nMore text."
    assert (article.outlet, article.published) == ("presstv.ir", "2024-10-20T10:00:00+00:00")
    assert article.metadata["feed_title"] == "Atom Site"


def test_feed_outlet_falls_back_to_feed_title(tmp_path: Path) -> None:
    feed = (
        "<rss version='2.0'><channel><title>Lonely Blog</title>"
        "<item><description>Body text.</description></item></channel></rss>"
    )
    (tmp_path / "f.rss").write_text(feed, encoding="utf-8")
    (article,), _ = read_all(tmp_path)
    assert article.outlet == "Lonely Blog"


def test_broken_feed_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "bad.rss").write_text("<rss><channel><item>", encoding="utf-8")
    _, errors = read_all(tmp_path)
    assert len(errors) == 1
