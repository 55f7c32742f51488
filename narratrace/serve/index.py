"""Look-ups over one analysis.json document: what the service answers, without the web framework.

The document is read once into tables keyed the way an analyst asks (an article's pairs, the claims an
article repeats, a story's articles, an entity's labels per outlet), so a request is a dictionary look-up
and a filter, not a scan of the document. Every field is read defensively (``narratrace.document``): the
document may come from someone else, and a missing or mistyped field gives an empty answer, not an error.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from narratrace.document import as_dict, as_int, as_list, as_number, as_text
from narratrace.measures import count_words

# What an article list shows per article; the full record (text, spans, attributions) is one request away.
SUMMARY_FIELDS = ("id", "title", "outlet", "url", "published", "published_source", "story", "narrative")
# Kinds of shared text, strongest first (analysis.json `reuse[].kind`); `stock` pairs are never edges.
PAIR_KINDS = ("copy", "partial", "shared_quote", "stock")


@dataclass(frozen=True)
class Page:
    """One page of a filtered list: ``total`` matches, ``items`` from ``offset`` on."""

    total: int
    offset: int
    limit: int
    items: list[dict[str, Any]]

    def to_record(self) -> dict[str, Any]:
        return {"total": self.total, "offset": self.offset, "limit": self.limit, "items": self.items}


def page(records: Iterable[dict[str, Any]], offset: int, limit: int) -> Page:
    matching = list(records)
    return Page(len(matching), offset, limit, matching[offset : offset + limit])


def _records(value: Any) -> list[dict[str, Any]]:
    # Non-object entries are dropped: a hand-edited document may hold anything.
    return [item for item in as_list(value) if isinstance(item, dict)]


def _group(
    records: Iterable[dict[str, Any]], keys: Callable[[dict[str, Any]], Iterable[str]]
) -> dict[str, list[dict[str, Any]]]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        for key in dict.fromkeys(keys(record)):  # a record is listed once per key, in document order
            if key:
                groups[key].append(record)
    return dict(groups)


def _claim_articles(claim: dict[str, Any]) -> list[str]:
    return [as_text(a) for a in as_list(claim.get("articles"))]


def _label_articles(framing: dict[str, Any]) -> list[str]:
    return [as_text(as_dict(label).get("article")) for label in as_list(framing.get("labels"))]


class DocumentIndex:
    """Tables over one analysis document; every method returns plain JSON-ready values."""

    def __init__(self, doc: Mapping[str, Any]) -> None:
        self.doc = doc
        self.articles = {as_text(a.get("id")): a for a in _records(doc.get("articles")) if as_text(a.get("id"))}
        self.pairs = _records(doc.get("reuse"))
        self.claims = _records(doc.get("claims"))
        self.stories = {as_text(s.get("id")): s for s in _records(doc.get("stories"))}
        self.narratives = {as_text(n.get("id")): n for n in _records(doc.get("narratives"))}
        self.framing = _records(doc.get("framing"))
        self.claims_by_id = {as_text(c.get("id")): c for c in self.claims}
        self.pairs_by_article = _group(self.pairs, lambda p: (as_text(p.get("a")), as_text(p.get("b"))))
        self.claims_by_article = _group(self.claims, _claim_articles)
        self.framing_by_article = _group(self.framing, _label_articles)
        self.tables_by_story = _group(_records(doc.get("framing_tables")), lambda t: (as_text(t.get("story")),))

    # -- summaries -----------------------------------------------------------------------------------------

    def overview(self) -> dict[str, Any]:
        """What the document holds: its provenance, the stages that ran and how many of each thing."""
        kinds: dict[str, int] = defaultdict(int)
        for pair in self.pairs:
            kinds[as_text(pair.get("kind")) or "unknown"] += 1
        outlets = sorted({self.outlet_of(article_id) for article_id in self.articles} - {""})
        return {
            "generator": as_text(self.doc.get("generator")),
            "generated_at": as_text(self.doc.get("generated_at")),
            "schema_version": as_text(self.doc.get("schema_version")),
            "stages": [as_text(s) for s in as_list(self.doc.get("stages"))],
            "articles": len(self.articles),
            "outlets": outlets,
            "pairs": dict(sorted(kinds.items())),
            "stories": len(self.stories),
            "narratives": len(self.narratives),
            "claims": len(self.claims),
            "framed_entities": len({as_text(f.get("entity")) for f in self.framing}),
        }

    def outlet_of(self, article_id: str) -> str:
        return as_text(as_dict(self.articles.get(article_id)).get("outlet"))

    def article_summary(self, article: Mapping[str, Any]) -> dict[str, Any]:
        article_id = as_text(article.get("id"))
        summary = {field: article.get(field) for field in SUMMARY_FIELDS}
        summary.update(
            words=count_words(as_text(article.get("text"))),
            warnings=[as_text(as_dict(w).get("kind")) for w in as_list(article.get("warnings"))],
            attributions=len(as_list(article.get("attributions"))),
            techniques=len(as_list(article.get("techniques"))),
            pairs=len(self.pairs_by_article.get(article_id, ())),
            claims=len(self.claims_by_article.get(article_id, ())),
        )
        return summary

    # -- lists -----------------------------------------------------------------------------------------------

    def article_list(self, *, outlet: str | None, story: str | None, query: str | None) -> list[dict[str, Any]]:
        needle = (query or "").casefold()
        return [
            self.article_summary(article)
            for article in self.articles.values()
            if (outlet is None or as_text(article.get("outlet")) == outlet)
            and (story is None or as_text(article.get("story")) == story)
            and (not needle or needle in as_text(article.get("title")).casefold())
        ]

    def pair_list(
        self, *, kind: str | None, article: str | None, outlet: str | None, min_significance: float
    ) -> list[dict[str, Any]]:
        pairs = self.pairs_by_article.get(article, []) if article is not None else self.pairs
        return [
            pair
            for pair in pairs
            if (kind is None or as_text(pair.get("kind")) == kind)
            and (
                outlet is None
                or outlet in (self.outlet_of(as_text(pair.get("a"))), self.outlet_of(as_text(pair.get("b"))))
            )
            and (as_number(pair.get("significance")) or 0.0) >= min_significance
        ]

    def claim_list(
        self, *, article: str | None, outlet: str | None, min_articles: int, query: str | None
    ) -> list[dict[str, Any]]:
        claims = self.claims_by_article.get(article, []) if article is not None else self.claims
        needle = (query or "").casefold()
        return [
            claim
            for claim in claims
            if len(as_list(claim.get("articles"))) >= min_articles
            and (outlet is None or outlet in [as_text(o) for o in as_list(claim.get("outlets"))])
            and (not needle or needle in as_text(claim.get("claim")).casefold())
        ]

    def framing_list(self, *, entity: str | None, outlet: str | None) -> list[dict[str, Any]]:
        wanted = (entity or "").casefold()
        return [
            record
            for record in self.framing
            if (not wanted or as_text(record.get("entity")).casefold() == wanted)
            and (outlet is None or as_text(record.get("outlet")) == outlet)
        ]

    # -- one thing, with what hangs off it -------------------------------------------------------------------

    def article_detail(self, article_id: str) -> dict[str, Any] | None:
        """The full article record, plus its pairs, the claims it repeats and the labels it gives entities."""
        article = self.articles.get(article_id)
        if article is None:
            return None
        return {
            "article": article,
            "pairs": self.pairs_by_article.get(article_id, []),
            "claims": [_claim_brief(c) for c in self.claims_by_article.get(article_id, [])],
            "framing": [_labels_from(f, article_id) for f in self.framing_by_article.get(article_id, [])],
        }

    def story_detail(self, story_id: str) -> dict[str, Any] | None:
        """A story with its articles in time order (undated last) and its side-by-side framing tables."""
        story = self.stories.get(story_id)
        if story is None:
            return None
        members = [self.articles[a] for a in map(as_text, as_list(story.get("articles"))) if a in self.articles]
        members.sort(
            key=lambda a: (as_text(a.get("published")) == "", as_text(a.get("published")), as_text(a.get("id")))
        )
        return {
            "story": story,
            "narrative": self.narratives.get(as_text(story.get("narrative"))),
            "articles": [self.article_summary(a) for a in members],
            "framing_tables": self.tables_by_story.get(story_id, []),
        }

    def claim_detail(self, claim_id: str) -> dict[str, Any] | None:
        claim = self.claims_by_id.get(claim_id)
        if claim is None:
            return None
        articles = [self.articles[a] for a in _claim_articles(claim) if a in self.articles]
        return {"claim": claim, "articles": [self.article_summary(a) for a in articles]}


def _claim_brief(claim: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": claim.get("id"),
        "claim": claim.get("claim"),
        "articles": len(as_list(claim.get("articles"))),
        "independent_origins": as_int(claim.get("independent_origins")),
        "independent_origins_at_least": as_int(
            claim.get("independent_origins_at_least", claim.get("independent_origins"))
        ),
        "why": claim.get("why"),
    }


def _labels_from(framing: dict[str, Any], article_id: str) -> dict[str, Any]:
    labels = [label for label in as_list(framing.get("labels")) if as_text(as_dict(label).get("article")) == article_id]
    return {"entity": framing.get("entity"), "outlet": framing.get("outlet"), "labels": labels}
