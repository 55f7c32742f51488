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

from narratrace.clean.boilerplate import DISCLAIMER, classify_line, is_body_paragraph, split_lines
from narratrace.clean.dates import check_header_date, find_time_cues
from narratrace.clean.offsets import OffsetMap, OffsetMapBuilder, Segment
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
]


def clean_article(article: Article) -> CleanArticle:
    """Remove boilerplate lines from ``article.text``, mark disclaimers, and check its dates.

    Kept lines are copied verbatim (without their indentation); paragraphs are joined by a
    blank line and lines within a paragraph by a newline, so the structure survives.
    """
    lines = split_lines(article.text)
    body_indices = [i for i, line in enumerate(lines) if is_body_paragraph(line.text)]
    first_body = body_indices[0] if body_indices else len(lines)
    last_body = body_indices[-1] if body_indices else -1

    builder = OffsetMapBuilder(article.text)
    removed: list[RemovedLine] = []
    disclaimers: list[tuple[int, int]] = []
    clean_pos = 0
    kept_any = False
    for index, line in enumerate(lines):
        in_chrome = index < first_body or index > last_body
        if DISCLAIMER.match(line.text):
            kind = None
        else:
            date_line = in_chrome and parse_header_date(line.text) is not None
            kind = classify_line(line, in_chrome, date_line, before_body=index < first_body)
        if kind is not None:
            removed.append(RemovedLine(line.start, line.end, line.text, kind))
            continue
        if kept_any:
            separator = "\n\n" if line.blank_before else "\n"
            builder.insert(separator)
            clean_pos += len(separator)
        if DISCLAIMER.match(line.text):
            disclaimers.append((clean_pos, clean_pos + len(line.text)))
        builder.keep(line.start, line.end)
        clean_pos += line.end - line.start
        kept_any = True

    text, offsets = builder.build()
    # Time references inside removed chrome (the header dateline itself) say nothing about the story.
    cues = [c for c in find_time_cues(article.text) if not any(r.start <= c.start < r.end for r in removed)]
    warnings = check_header_date(article.published, cues, str(article.metadata.get("published_source") or "") or None)
    return CleanArticle(
        article=article,
        text=text,
        offsets=offsets,
        boilerplate=tuple(removed),
        marked=tuple(MarkedSpan(s, e, "disclaimer") for s, e in disclaimers),
        time_cues=tuple(cues),
        warnings=tuple(warnings),
    )
