"""What provenance needs to know about one article, computed once however many pairs it is in."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from dateutil import parser as date_parser

from narratrace.clean.types import CleanArticle
from narratrace.ingest.outlet import outlet_from_url
from narratrace.provenance.credits import Credit, extract_credits, name_keys, normalise_outlet

# "Press TV - Members of ..." at the very start: an outlet naming itself, the way wire copy does.
_SELF_IDENTIFICATION = re.compile(r"\s*(?P<name>[A-Z][\w&.'’]*(?:\s+[A-Z][\w&.'’]*){0,3})\s+[—–\-]\s+\S")
_SELF_IDENTIFICATION_WINDOW = 80


@dataclass(frozen=True)
class PublishedDate:
    """A parsed ``Article.published``; ``has_time`` is False for date-only values."""

    value: datetime  # naive, UTC
    has_time: bool
    text: str
    origin: str = "metadata"  # metadata | dateline | updated (read from the text: the clean stage's TimeCues)


@dataclass(frozen=True)
class ArticleFacts:
    """Outlet identity, dated-ness and credits of one article. Credit offsets are in the ORIGINAL text."""

    id: str
    outlet_label: str | None  # the outlet as the reader gave it (or the URL's domain)
    identity: frozenset[str]  # name keys the article's own outlet is known by
    identity_source: str  # outlet | url | self-identification | unknown
    credits: tuple[Credit, ...]
    credit_keys: tuple[frozenset[str], ...]  # name_keys of each credit, same order
    published: PublishedDate | None
    date_warning: str | None  # why the published date is suspect (clean stage's date_mismatch)
    network_node: str  # the outlet node this article is drawn as in the outlet network
    text_length: int = 0  # characters of the original text (where shared passages sit in it)

    @property
    def published_day(self) -> str:
        """ISO day of the published date, "" when undated."""
        return self.published.value.date().isoformat() if self.published else ""


UNKNOWN_NODE = "unknown:"  # an article's own node when its outlet is unknown: "unknown:<article id>"


def outlet_node(article: CleanArticle) -> str:
    """The node an article's outlet is drawn as: its outlet, else its URL's domain, else ``unknown:<id>``."""
    outlet = (article.article.outlet or "").strip() or outlet_from_url(article.article.url)
    return outlet if outlet else f"{UNKNOWN_NODE}{article.id}"


def as_facts(article: CleanArticle | ArticleFacts) -> ArticleFacts:
    """Facts of a cleaned article; facts pass through (callers may hold either)."""
    return article if isinstance(article, ArticleFacts) else article_facts(article)


def article_facts(clean: CleanArticle) -> ArticleFacts:
    article = clean.article
    url_outlet = outlet_from_url(article.url)
    label = article.outlet or url_outlet
    identity: set[str] = set()
    source = "unknown"
    if article.outlet:
        identity |= name_keys(article.outlet)
        source = "outlet"
    if url_outlet:
        identity |= name_keys(url_outlet)
        source = "outlet" if article.outlet else "url"
    if not identity:
        # Only when nothing better is known: a leading "Outlet - " line. Names the article merely
        # mentions or credits are NOT its identity ("According to Sputnik" is a credit, not a byline).
        found = _SELF_IDENTIFICATION.match(clean.text[:_SELF_IDENTIFICATION_WINDOW])
        if found:
            identity |= name_keys(found.group("name"))
            label = found.group("name")
            source = "self-identification"
    credits = _credits_in_original(clean)
    published, date_warning = _published_date(clean)
    return ArticleFacts(
        id=article.id,
        outlet_label=label,
        identity=frozenset(identity),
        identity_source=source,
        credits=credits,
        credit_keys=tuple(name_keys(c.outlet_text) for c in credits),
        published=published,
        date_warning=date_warning,
        network_node=outlet_node(clean),
        text_length=len(article.text),
    )


def _published_date(clean: CleanArticle) -> tuple[PublishedDate | None, str | None]:
    """The date and why it is suspect: metadata first, the text's own dateline when that is missing or flagged.

    A dateline ("21.08.2013", "Sat 24 Aug 2013") is the outlet's own statement of the day; an
    "updated" stamp is a day on or after publication, so it is used only when no dateline is read.
    A flagged metadata date replaced by a dateline is no longer suspect.
    """
    metadata = parse_published(clean.article.published)
    warning = next((w.message for w in clean.warnings if w.kind == "date_mismatch"), None)
    if metadata is not None and warning is None:
        return metadata, None
    for kind in ("dateline", "updated"):
        cue = next((c for c in clean.time_cues if c.kind == kind and c.date), None)
        if cue is None or cue.date is None:
            continue
        parsed = parse_published(cue.date)
        if parsed is not None:
            return PublishedDate(parsed.value, False, f"{cue.date} ({kind} {cue.text.strip()!r})", kind), None
    return metadata, warning


def _credits_in_original(clean: CleanArticle) -> tuple[Credit, ...]:
    """Credits of the cleaned text (chrome like "READ MORE: X" is gone), mapped to original offsets.

    Credits inside masked spans (outlet disclaimers) are dropped: they are legal boilerplate.
    """
    masked = clean.masked_spans()
    out: list[Credit] = []
    for credit in extract_credits(clean.text, keep_unknown=True):
        if any(start <= credit.start < end for start, end in masked):
            continue
        start, end = clean.offsets.span_to_original(credit.start, credit.end)
        out.append(replace(credit, start=start, end=end))
    return tuple(out)


def parse_published(text: str | None) -> PublishedDate | None:
    """ISO date or datetime (as readers give it); anything unparseable counts as undated."""
    if not isinstance(text, str) or not text.strip() or len(text) > 64:
        return None
    raw = text.strip()
    try:
        value = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        try:
            value = date_parser.parse(raw)
        except (ValueError, OverflowError):
            return None
    if value.tzinfo is not None:
        try:
            value = value.astimezone(UTC).replace(tzinfo=None)
        except (OverflowError, ValueError):
            value = value.replace(tzinfo=None)  # year 1 or 9999 with an offset: keep the wall time
    has_time = bool(re.search(r"\d[T ]\d{1,2}:\d{2}", raw))
    return PublishedDate(value, has_time, raw)


def outlet_key(facts: ArticleFacts) -> str | None:
    """One key per outlet for counting priors and naming network nodes (None when unknown)."""
    if facts.identity_source in ("outlet", "url") and facts.outlet_label:
        return normalise_outlet(facts.outlet_label) or None
    return None
