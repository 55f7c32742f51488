"""What the claims stage finds: attributions (who said what) and claims repeated across articles.

All offsets are code-point offsets into ``Article.text`` (the original text as ingest read it), like every
other position narratrace reports.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from narratrace.claims.attribution_kinds import REPORTED_KINDS, attribution_kind, names_official_act

# How the source of an attribution is named. "outlet" covers news outlets and agencies (Reuters, SANA,
# CBS News); "anonymous" covers unnamed people ("two anonymous US officials", "military sources");
# "unattributed" is a bare assertion with no source at all.
SOURCE_TYPES = ("person", "organisation", "outlet", "anonymous", "unattributed")


@dataclass(frozen=True)
class TextSpan:
    start: int
    end: int
    text: str

    def to_record(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Attribution:
    """One attribution in one article: ``source`` (None when unattributed) said ``content`` (marked by ``cue``)."""

    article: str
    source: TextSpan | None
    cue: TextSpan | None
    content: TextSpan
    source_type: str  # one of SOURCE_TYPES
    confidence: float = 1.0
    # For a pronoun source ("he", "which"): the earlier words naming who it is ("Garrett Marquis"), when found.
    refers_to: TextSpan | None = None
    # The outlet the source spoke to or through ("military sources speaking to Sputnik Arabic"), when named.
    via: TextSpan | None = None

    def to_record(self) -> dict[str, object]:
        return {
            "source": self.source.to_record() if self.source else None,
            "cue": self.cue.to_record() if self.cue else None,
            "content": self.content.to_record(),
            "source_type": self.source_type,
            "refers_to": self.refers_to.to_record() if self.refers_to else None,
            "via": self.via.to_record() if self.via else None,
            "kind": self.kind,
            "confidence": round(self.confidence, 4),
        }

    @property
    def kind(self) -> str:
        """What the cue reports the source doing: "speech", "belief", "intention" or "other" (``attribution_kinds``)."""
        return attribution_kind(self.cue.text if self.cue else None)

    @property
    def reports_statement(self) -> bool:
        """Whether the cue reports a saying or a belief: only these count as sourcing."""
        return self.kind in REPORTED_KINDS

    @property
    def carries_claim(self) -> bool:
        """Whether the content is a claim resting on the source: what it said or believes, or an official act it
        did ("approved", "ruled"), which corroboration reads as the claim's origin; not an intention or a private
        act ("plans to", "bought")."""
        return self.reports_statement or (self.cue is not None and names_official_act(self.cue.text))

    @property
    def source_name(self) -> str | None:
        """Who the source is, in the text's words: the antecedent of a pronoun, else the source itself."""
        named = self.refers_to or self.source
        return named.text if named else None


@dataclass(frozen=True)
class ClaimMention:
    """Where one article states a claim."""

    article: str
    outlet: str | None
    published: str | None
    content: TextSpan
    source: TextSpan | None = None
    source_type: str = "unattributed"
    source_refers_to: TextSpan | None = None  # a pronoun source's antecedent (``Attribution.refers_to``)
    source_via: TextSpan | None = None  # the outlet the source spoke to (``Attribution.via``)
    cue: TextSpan | None = None  # the attribution's cue ("announced Monday"): an act's word makes it an act

    @property
    def source_name(self) -> str | None:
        """Who the source is, in the text's words (as ``Attribution.source_name``)."""
        named = self.source_refers_to or self.source
        return named.text if named else None

    def to_record(self) -> dict[str, object]:
        return {
            "article": self.article,
            "outlet": self.outlet,
            "published": self.published,
            "content": self.content.to_record(),
            "source": self.source.to_record() if self.source else None,
            "source_type": self.source_type,
            "source_refers_to": self.source_refers_to.to_record() if self.source_refers_to else None,
            "source_via": self.source_via.to_record() if self.source_via else None,
            "cue": self.cue.to_record() if self.cue else None,
        }


@dataclass(frozen=True)
class Claim:
    """One claim and every article that states it; ``independent_origins`` discounts copies and shared sources."""

    id: str
    text: str  # the claim in its most central mention (the first mention in a claim of two)
    mentions: tuple[ClaimMention, ...]
    first_seen: str | None  # article id of the earliest mention, when dates or copies order the first ones
    independent_origins: int
    origins: tuple[tuple[str, ...], ...] = ()  # article ids grouped by origin
    why: str = ""  # the reasoning in one sentence, e.g. "4 articles, 2 independent origins: ..."
    independent_origins_at_least: int = 0  # the count's floor: articles naming no source resting on others
    first_seen_ties: tuple[str, ...] = ()  # articles of ``first_seen``'s day that nothing puts after it
    extra: dict[str, object] = field(default_factory=dict)

    def to_record(self) -> dict[str, object]:
        """The ``claims.jsonl`` record: claim, articles, outlets, first_seen, independent_origins, why, plus
        id, origins and the mentions. An unknown outlet is listed as "unknown"."""
        articles: list[str] = []
        outlets: list[str] = []
        for mention in self.mentions:
            if mention.article not in articles:
                articles.append(mention.article)
            outlet = mention.outlet or "unknown"
            if outlet not in outlets:
                outlets.append(outlet)
        return {
            "id": self.id,
            "claim": self.text,
            "articles": articles,
            "outlets": outlets,
            "first_seen": self.first_seen,
            "first_seen_ties": list(self.first_seen_ties),
            "independent_origins": self.independent_origins,
            "independent_origins_at_least": self.independent_origins_at_least,
            "why": self.why,
            "origins": [list(group) for group in self.origins],
            "mentions": [mention.to_record() for mention in self.mentions],
        }
