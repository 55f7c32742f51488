"""Clean stage: remove page chrome from extracted article text, keeping an exact offset map.

>>> from narratrace.ingest.article import Article
>>> text = "Listen Live\\n\\nThe minister said the talks had failed again today.\\n\\nREAD MORE: Other story"
>>> art = Article(id="x", text=text)
>>> cleaned = clean_article(art)
>>> cleaned.text
'The minister said the talks had failed again today.'
>>> [b.kind for b in cleaned.boilerplate]
['navigation', 'read_more']
"""

from __future__ import annotations

from narratrace.clean.boilerplate import (
    DISCLAIMER,
    Line,
    is_body_paragraph,
    is_widget_consent,
    may_hold_widget,
    split_lines,
    strong_kind,
    weak_kind,
    widget_blocks,
)
from narratrace.clean.dates import check_header_date, find_time_cues, header_day, looks_english
from narratrace.clean.language import language_warning
from narratrace.clean.offsets import OffsetMap, OffsetMapBuilder, Segment
from narratrace.clean.repeated import repeated_spans, strip_repeated_chrome
from narratrace.clean.types import ArticleWarning, CleanArticle, MarkedSpan, RemovedLine, TimeCue
from narratrace.ingest.article import Article
from narratrace.ingest.dates import parse_header_date

__all__ = [
    "ArticleWarning",
    "CleanArticle",
    "MarkedSpan",
    "OffsetMap",
    "RemovedLine",
    "Segment",
    "TimeCue",
    "clean_article",
    "repeated_spans",
    "strip_repeated_chrome",
]


def _normalised(text: str) -> str:
    return " ".join(text.casefold().split())


def _line_kinds(lines: list[Line], title: str, text: str) -> list[str | None]:
    """The boilerplate kind of each line, or None for lines to keep.

    Strong patterns (READ MORE, widget strings, tag lines, datelines in the chrome) decide on
    their own. Shape-only guesses (a short label, a headline-like line) apply only in the chrome
    before the first or after the last body paragraph, and only when *anchored*: next to a line
    already removed, or part of a run of three or more related-headline lines. A list that ends an
    article (tour dates, a results table) is thus kept, while a related-links block is not.
    """
    body = [i for i, line in enumerate(lines) if is_body_paragraph(line.text)]
    first_body, last_body = (body[0], body[-1]) if body else (len(lines), -1)
    kinds: list[str | None] = []
    weak: dict[int, str] = {}
    for index, line in enumerate(lines):
        in_chrome = index < first_body or index > last_body
        if DISCLAIMER.match(line.text):
            kinds.append(None)
            continue
        date_line = in_chrome and parse_header_date(line.text) is not None
        kinds.append(strong_kind(line, in_chrome, date_line))
        guess = weak_kind(line, before_body=index < first_body) if in_chrome and kinds[-1] is None else None
        if guess:
            weak[index] = guess
    widget_lines: set[int] = set()
    if may_hold_widget(text):
        widget_lines = {n for first, last in widget_blocks(lines) for n in range(first, last + 1)}
        widget_lines |= {n for n, line in enumerate(lines) if is_widget_consent(line.text)}
    for index in widget_lines:
        kinds[index] = "widget"
        weak.pop(index, None)
    # The article's own title repeated in the text is a headline wherever it stands in the chrome.
    for index in list(weak):
        if title and _normalised(lines[index].text) == title:
            kinds[index] = weak.pop(index)
    _anchor_runs(weak, kinds)
    changed = True
    while changed:
        changed = False
        for index, guess in list(weak.items()):
            neighbours = (index - 1, index + 1)
            if any(0 <= n < len(kinds) and kinds[n] is not None for n in neighbours):
                kinds[index] = guess
                del weak[index]
                changed = True
    return kinds


def _anchor_runs(weak: dict[int, str], kinds: list[str | None], minimum: int = 3) -> None:
    """Runs of ``minimum`` or more consecutive related-headline lines are a related-links block."""
    run: list[int] = []
    for index in [*sorted(weak), -2]:
        if run and (index != run[-1] + 1 or weak.get(index) != "related_headlines"):
            if len(run) >= minimum:
                for member in run:
                    kinds[member] = weak.pop(member)
            run = []
        if weak.get(index) == "related_headlines":
            run.append(index)


def clean_article(article: Article, *, relative_cues: bool = True) -> CleanArticle:
    """Remove boilerplate lines from ``article.text``, mark disclaimers, and check its dates.

    Kept lines are copied verbatim (without their indentation); paragraphs are joined by a
    blank line and lines within a paragraph by a newline, so the structure survives.
    ``relative_cues=False`` leaves relative time cues ("yesterday") out of ``time_cues``: no date check
    reads them, and a caller that keeps only dates and warnings (the lean reuse corpus) need not find them.
    """
    lines = split_lines(article.text)
    kinds = _line_kinds(lines, _normalised(article.title or ""), article.text)
    builder = OffsetMapBuilder(article.text)
    removed: list[RemovedLine] = []
    disclaimers: list[tuple[int, int]] = []
    clean_pos = 0
    for line, kind in zip(lines, kinds, strict=True):
        if kind is not None:
            removed.append(RemovedLine(line.start, line.end, line.text, kind))
            continue
        if clean_pos:
            separator = "\n\n" if line.blank_before else "\n"
            builder.insert(separator)
            clean_pos += len(separator)
        if DISCLAIMER.match(line.text):
            disclaimers.append((clean_pos, clean_pos + len(line.text)))
        builder.keep(line.start, line.end)
        clean_pos += line.end - line.start

    text, offsets = builder.build()
    # Other time references inside removed chrome (a related story's date) say nothing about the story; the
    # page's own datelines and updated stamps sit in the chrome and are kept.
    cues = [
        c
        for c in find_time_cues(article.text, header_day(article.published), relative=relative_cues)
        if c.kind in ("dateline", "updated") or not any(r.start <= c.start < r.end for r in removed)
    ]
    source = str(article.metadata.get("published_source") or "") or None
    # Whether the text reads as English matters only when it names years (see check_header_date).
    english = looks_english(article.text) if any(c.year is not None for c in cues) else True
    warnings = check_header_date(article.published, cues, source, english)
    if (language := language_warning(article.text)) is not None:
        warnings.append(language)
    return CleanArticle(
        article=article,
        text=text,
        offsets=offsets,
        boilerplate=tuple(removed),
        marked=tuple(MarkedSpan(s, e, "disclaimer") for s, e in disclaimers),
        time_cues=tuple(cues),
        warnings=tuple(warnings),
    )
