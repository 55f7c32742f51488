"""HTML pages: the article body via trafilatura, plus title, date, URL and outlet.

Options were chosen on ``bench/extraction.py`` (see docs/benchmarks.md, "HTML extraction"):
``favor_recall`` with comments off scores best; trafilatura's default keeps reader comments,
which are not the article. HTML-specific fixes run before the Article is built, because
``Article.text`` is never changed afterwards:

* text is rebuilt from trafilatura's body XML, one paragraph per block separated by a blank
  line, with the source's hard line wraps collapsed as a browser would (see ``_body_blocks``);
* leading blocks that only repeat the headline, or are a bare URL, are dropped;
* the title is the displayed ``<h1>`` when it agrees with og:title/``<title>``, else the
  declared title without its " | Site" suffix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lxml.html
from lxml import etree

from narratrace.ingest.article import Article, content_id
from narratrace.ingest.dates import normalize_date
from narratrace.ingest.decode import decode_text, read_whole
from narratrace.ingest.outlet import outlet_from_filename, outlet_from_url, read_sidecar
from narratrace.ingest.types import InputRejected, ReadOptions

# The trafilatura settings narratrace uses (measured, see the module docstring).
EXTRACTION_OPTIONS: dict[str, Any] = {"include_comments": False, "favor_recall": True, "include_tables": True}

# Fewer words than this is page chrome (a lone "Home" link), not an article; recall mode keeps such scraps.
MIN_ARTICLE_WORDS = 5
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_WHITESPACE = re.compile(r"\s+")
_MAX_TITLE_CHARS = 300
# The <h1> is taken as the title when it shares this much of its vocabulary with the declared title.
_MIN_HEADLINE_AGREEMENT = 0.5
_BARE_URL = re.compile(r"https?://\S+")
_MAX_LEADING_CHROME_BLOCKS = 3
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " // ")
_WORD = re.compile(r"\w+")
# Block elements whose text starts a new paragraph when a fragment is flattened to text.
_BLOCK_TAGS = frozenset(
    {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "table", "ul", "ol"}
    | {"dl", "dt", "dd", "section", "article", "header", "footer", "figure", "figcaption", "aside", "nav", "hr"}
)
_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "head")


@dataclass(frozen=True)
class PageMetadata:
    """What the page says about itself in its ``<head>``, read before trafilatura prunes the tree."""

    canonical_url: str | None = None
    site_name: str | None = None
    headlines: tuple[str, ...] = ()  # og:title, twitter:title, <title>, <h1>s: what a repeated headline may look like
    displayed_headline: str | None = None  # the article's <h1>, as the reader sees it


def _first_attribute(tree: Any, xpath: str, attribute: str) -> str | None:
    for element in tree.xpath(xpath):
        value = (element.get(attribute) or "").strip()
        if value:
            return value
    return None


def read_page_metadata(tree: Any) -> PageMetadata:
    """Canonical URL, site name and headline candidates of a parsed page."""
    url = _first_attribute(tree, "//link[@rel='canonical']", "href") or _first_attribute(
        tree, "//meta[@property='og:url']", "content"
    )
    if url is not None and not url.startswith(("http://", "https://")):
        url = None  # relative canonicals cannot stand alone as the article's address
    site = _first_attribute(tree, "//meta[@property='og:site_name']", "content")
    headlines = [
        _first_attribute(tree, "//meta[@property='og:title']", "content"),
        _first_attribute(tree, "//meta[@name='twitter:title']", "content"),
        *(element.text_content() for element in tree.xpath("//title | //h1")[:4]),
    ]
    h1 = tree.xpath("(//article//h1)[1]") or tree.xpath("(//h1)[1]")
    displayed = " ".join(h1[0].text_content().split()) if h1 else ""
    return PageMetadata(
        canonical_url=url,
        site_name=site,
        headlines=tuple(" ".join(h.split()) for h in headlines if h and h.strip()),
        displayed_headline=displayed if 0 < len(displayed) <= _MAX_TITLE_CHARS else None,
    )


def _words(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def strip_site_name(title: str, site_names: list[str]) -> str:
    """Drop a trailing " | Site" / " - Site" / " – Site" from a page title.

    The tail is dropped when it names the site (og:site_name, trafilatura's sitename, the
    domain), or when the separator is " | " and the tail is short: a dash inside a real
    headline ("Brexit - what now?") is kept unless the tail is the site's name.
    """
    names = {_words(name) for name in site_names if name and _words(name)}
    names |= {name.replace(" ", "") for name in names}
    for separator in _TITLE_SEPARATORS:
        head, found, tail = title.rpartition(separator)
        if not found or not head.strip():
            continue
        tail_words = _words(tail)
        names_site = bool(tail_words) and (
            tail_words in names
            or tail_words.replace(" ", "") in names
            or any(name and (name in tail_words or tail_words in name) for name in names)
        )
        if names_site or (separator == " | " and len(tail.split()) <= 4):
            return strip_site_name(head.strip(), site_names)
    return title.strip()


def choose_title(declared: str | None, page: PageMetadata, site_names: list[str]) -> str | None:
    """The headline readers see: the page's ``<h1>`` when it agrees with the declared title, else the declared one.

    og:title and ``<title>`` are often a shortened or SEO variant of the displayed headline, and
    carry the site's name; an ``<h1>`` that shares little with them is usually a logo or a
    section name, so it is only trusted when the two agree.
    """
    declared = strip_site_name(declared, site_names) if declared else None
    displayed = page.displayed_headline
    if displayed and declared:
        shown, stated = set(_WORD.findall(displayed.casefold())), set(_WORD.findall(declared.casefold()))
        if shown and stated and len(shown & stated) / len(shown | stated) >= _MIN_HEADLINE_AGREEMENT:
            return displayed
    return declared or None


def _body_blocks(body: Any) -> list[str]:
    """The paragraphs of trafilatura's body XML: one string per block, ``<br>`` lines kept inside it.

    trafilatura's own text output puts every paragraph *and* every line break on a line of its
    own and keeps the source's hard line wraps; the clean stage then sees half-sentences as
    separate lines. Here whitespace inside text collapses as a browser shows it, blocks are
    separated by a blank line, and only real line breaks and list items start a new line.
    """
    from trafilatura.xml import xmltotxt

    for element in body.iter():
        if element.text:
            element.text = _WHITESPACE.sub(" ", element.text)
        if element.tail:
            element.tail = _WHITESPACE.sub(" ", element.tail)
    blocks = []
    for child in body:
        lines = [line.strip() for line in xmltotxt(child, False).split("\n")]
        block = "\n".join(line for line in lines if line)
        if block:
            blocks.append(block)
    return blocks


def _drop_leading_chrome(blocks: list[str], headlines: list[str], site_names: list[str]) -> list[str]:
    """Without the first blocks that only repeat a headline or are a bare URL.

    trafilatura keeps the article's ``<h1>`` (and sometimes a printed permalink) as the first
    body block; the headline is already ``title``, and leaving it in would make every copy of
    a story share a "passage" that is only its headline. Only the top of the body is checked:
    a headline-like block further down is a subheading and stays.
    """
    variants = {_words(h) for h in headlines} | {_words(strip_site_name(h, site_names)) for h in headlines}
    variants.discard("")
    dropped = 0
    while blocks and dropped < _MAX_LEADING_CHROME_BLOCKS:
        block = blocks[0]
        if _words(block) not in variants and not _BARE_URL.fullmatch(block):
            break
        blocks = blocks[1:]
        dropped += 1
    return blocks


def extract_article(html: str, url: str | None = None) -> tuple[str, dict[str, Any]]:
    """(body text, fields) of one page; ``fields`` holds title, published, url, outlet and provenance notes."""
    import trafilatura
    from trafilatura.utils import load_html

    # Parsed once: trafilatura copies a tree it is given, so our metadata reads stay unaffected.
    tree = load_html(html)
    if tree is None:
        raise InputRejected("not an HTML page (it could not be parsed)")
    page = read_page_metadata(tree)
    url = url or page.canonical_url
    document: Any = trafilatura.bare_extraction(tree, url=url, with_metadata=True, **EXTRACTION_OPTIONS)
    if document is None or not getattr(document, "text", None):
        raise InputRejected("no article text found in the HTML page")
    found_url = getattr(document, "url", None)
    url = url or (found_url if isinstance(found_url, str) and found_url.startswith(("http://", "https://")) else None)
    site_names = [name for name in (page.site_name, document.sitename, document.hostname, outlet_from_url(url)) if name]
    title = choose_title(document.title, page, site_names)
    blocks = _body_blocks(document.body) if document.body is not None else [document.text]
    blocks = _drop_leading_chrome(blocks, [*page.headlines, *([title] if title else [])], site_names)
    if not blocks:
        raise InputRejected("no article text found in the HTML page (only its headline)")
    word_count = sum(len(_WORD.findall(block)) for block in blocks)
    if word_count < MIN_ARTICLE_WORDS:
        raise InputRejected(f"no article text found in the HTML page (only {word_count} word(s) of text)")
    fields: dict[str, Any] = {
        "title": title or None,
        "url": url,
        "outlet": outlet_from_url(url) or page.site_name or document.sitename or None,
        "published": normalize_date(document.date),
        "site_name": page.site_name or document.sitename,
    }
    return "\n\n".join(blocks), fields


def read_html(
    html: str,
    *,
    url: str | None = None,
    source_path: str | None = None,
    metadata: dict[str, Any] | None = None,
) -> Article:
    """One Article from an HTML string (``url`` from the caller wins over the page's canonical URL)."""
    text, fields = extract_article(html, url)
    article_metadata: dict[str, Any] = {"format": "html", **(metadata or {})}
    if fields["published"] is not None:
        article_metadata["published_source"] = "html_metadata"
    if fields["site_name"]:
        article_metadata["site_name"] = fields["site_name"]
    return Article.from_content(
        text=text,
        title=fields["title"],
        outlet=fields["outlet"],
        url=fields["url"],
        published=fields["published"],
        source_path=source_path,
        metadata=article_metadata,
    )


def declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "replace") if match else None


def read_html_file(path: Path, options: ReadOptions) -> Article:
    """One Article from an HTML file; a ``NAME.meta.json`` sidecar may give url/outlet/title/published."""
    data = read_whole(path, options)
    decoded = decode_text(data, declared_charset(data))
    sidecar = read_sidecar(path)
    article = read_html(
        decoded.text,
        url=sidecar.url if sidecar else None,
        source_path=str(path),
        metadata=decoded.metadata(),
    )
    outlet = (sidecar.outlet if sidecar else None) or outlet_from_filename(path)
    if sidecar is None and outlet is None:
        return article
    changes: dict[str, Any] = {}
    if outlet:
        changes["outlet"] = outlet
    if sidecar is not None:
        if sidecar.title:
            changes["title"] = sidecar.title
        published = normalize_date(sidecar.published)
        if published:
            changes["published"] = published
            article.metadata["published_source"] = "sidecar"
        if sidecar.warning:
            article.metadata["sidecar_warning"] = sidecar.warning
    return _replace_identity(article, **changes)


def _replace_identity(article: Article, **changes: Any) -> Article:
    from dataclasses import replace

    updated = replace(article, **changes)
    return replace(updated, id=content_id(updated.text, updated.title, updated.outlet, updated.url))


def html_fragment_to_text(fragment: str) -> str:
    """Visible text of an HTML fragment (feed content), one paragraph per block element, scripts dropped."""
    if not fragment.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    # Collected first: dropping while iterating would skip siblings.
    unwanted = [*root.iter(*_DROP_TAGS), *root.iter(etree.Comment)]
    for element in unwanted:
        if element.getparent() is not None:
            element.drop_tree()
    parts: list[str] = []
    _flatten(root, parts)
    paragraphs = [" ".join(block.split()) for block in "".join(parts).split("\n")]
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def _flatten(element: Any, parts: list[str]) -> None:
    block = isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS
    if block:
        parts.append("\n")
    if element.text:
        parts.append(element.text)
    for child in element:
        _flatten(child, parts)
        if child.tail:
            parts.append(child.tail)
    if block:
        parts.append("\n")
