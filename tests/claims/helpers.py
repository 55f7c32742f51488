"""Hand-built articles and attributions for the claims tests."""

from __future__ import annotations

from narratrace.claims.types import SOURCE_TYPES, Attribution, ClaimMention, TextSpan
from narratrace.clean import clean_article
from narratrace.clean.types import CleanArticle
from narratrace.ingest.article import Article

# Three attributions of different kinds: a quote with a named speaker, an outlet citing anonymous officials.
SAMPLE = (
    "The ministry denied the report on Monday.\n\n"
    '"We will not leave," Mayor Anna Kovacs told reporters, adding that the city had enough water. '
    "According to Reuters, two anonymous officials said the talks had stalled."
)


def check_offsets(text: str, attributions: list[Attribution]) -> None:
    """Every span lies in the text and reads what it says; a typed source exists; confidence is a probability."""
    for found in attributions:
        assert found.source_type in SOURCE_TYPES
        for span in (found.source, found.cue, found.content):
            if span is not None:
                assert 0 <= span.start < span.end <= len(text)
                assert text[span.start : span.end] == span.text
        assert (found.source is None) == (found.source_type == "unattributed")
        assert 0.0 <= found.confidence <= 1.0


def mention(article: str, source: str | None = None, source_type: str = "unattributed") -> ClaimMention:
    content = TextSpan(0, 10, "some claim")
    span = TextSpan(20, 20 + len(source), source) if source else None
    return ClaimMention(article, None, None, content, span, source_type if source else "unattributed")


def article(article_id: str, text: str, outlet: str | None = None, published: str | None = None) -> CleanArticle:
    return clean_article(Article(id=article_id, text=text, outlet=outlet, published=published))


def attribution(article: CleanArticle, source: str, content: str, source_type: str) -> Attribution:
    text = article.article.text
    start = text.index(source)
    content_start = text.index(content)
    return Attribution(
        article.id,
        TextSpan(start, start + len(source), source),
        None,
        TextSpan(content_start, content_start + len(content), content),
        source_type,
    )


def typing_case() -> tuple[str, list[tuple[int, int] | None]]:
    """A text with one source of each type (and a missing one), for the source-typing tests."""
    text = (
        "Garrett Marquis said it. Two anonymous US officials said it. CBS News reported it. "
        "SANA, citing unnamed sources and local media, reported it. The Defence Ministry said it. He said it."
    )
    spans = [
        (0, 15),
        (text.index("Two"), text.index(" said it. CBS")),
        (text.index("CBS"), text.index(" reported it. SANA")),
        (text.index("SANA"), text.index(", reported")),
        (text.index("The Defence"), text.index(" said it. He")),
        (text.index("He said"), text.index("He said") + 2),
        None,
    ]
    return text, spans
