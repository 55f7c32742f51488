"""Sourcing profiles: how an article, and an outlet across its articles, sources what it reports.

Counts of attributions, the share resting on anonymous sources, the outlets and agencies cited (with counts)
and self-citation — an outlet citing itself or a sister outlet (Sputnik citing "Sputnik Arabic"), which
looks like corroboration and is not. An outlet is cited when it is the source ("CBS News reported") or when
the source spoke to it ("military sources speaking to Sputnik Arabic": anonymous, and Sputnik Arabic cited). A
source that spoke to the outlet itself ("a source tells CNBC" in CNBC) is its own reporting: no outlet cited.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from narratrace.claims.outlet_mentions import joint_partners_in_full
from narratrace.claims.outlets import cited_outlets, is_agency, outlet_name, sister_outlets
from narratrace.claims.source_types import GROUP_PRONOUNS, RELATIVE_PRONOUNS
from narratrace.claims.types import Attribution
from narratrace.clean.types import CleanArticle
from narratrace.provenance.credits import names_match

UNKNOWN_OUTLET = "unknown"

# Pronouns that stay pronouns when typing found no antecedent: an outlet source, but not one to count by name.
_UNRESOLVED = GROUP_PRONOUNS | RELATIVE_PRONOUNS | {"it", "its", "this"}


@dataclass(frozen=True)
class SourcingProfile:
    """The sourcing of one article (``key`` = article id) or one outlet (``key`` = outlet name)."""

    key: str
    outlet: str
    articles: int
    attributions: int  # statements and beliefs with a source (bare assertions, intentions and acts not counted)
    anonymous: int
    outlets_cited: tuple[tuple[str, int], ...]  # (name, count), most cited first; one spelling per outlet
    agencies_cited: tuple[tuple[str, int], ...]  # the subset that are wire services or state agencies
    self_citations: tuple[tuple[str, int], ...]  # cited names that are this outlet or a sister outlet

    @property
    def anonymous_share(self) -> float:
        return self.anonymous / self.attributions if self.attributions else 0.0

    def to_record(self) -> dict[str, object]:
        return {
            "key": self.key,
            "outlet": self.outlet,
            "articles": self.articles,
            "attributions": self.attributions,
            "anonymous": self.anonymous,
            "anonymous_share": round(self.anonymous_share, 4),
            "outlets_cited": [{"name": name, "count": count} for name, count in self.outlets_cited],
            "agencies_cited": [{"name": name, "count": count} for name, count in self.agencies_cited],
            "self_citations": [{"name": name, "count": count} for name, count in self.self_citations],
        }


@dataclass
class _Tally:
    articles: int = 0
    attributions: int = 0
    anonymous: int = 0

    def __post_init__(self) -> None:
        self.cited: Counter[str] = Counter()
        self.agencies: Counter[str] = Counter()
        self.own: Counter[str] = Counter()

    def add(self, outlet: str | None, attributions: Sequence[Attribution], text: str = "") -> None:
        self.articles += 1
        # An act or an intention ("Trump signed", "the FDA wants") is not sourcing: only what a source said or
        # believes is counted, and only an outlet that said something is cited.
        reported = [a for a in attributions if a.reports_statement]
        # "SANA, citing unnamed sources": SANA is the source of one attribution and the via of another; one citation.
        named = [(a.source.start, a.source.end) for a in reported if a.source and a.source_type == "outlet"]
        # One naming of an outlet is one citation, however many contents it is the source of ("Sputnikenews.com
        # reports: officials said ..." gives the credit and the quoted statement one source span).
        counted: set[tuple[int, int]] = set()
        for attribution in reported:
            if attribution.source is None or attribution.source_type == "unattributed":
                continue
            self.attributions += 1
            if attribution.source_type == "anonymous":
                self.anonymous += 1
            if attribution.source_type == "outlet":
                name = attribution.source_name or ""
                span = (attribution.source.start, attribution.source.end)
                # "it said" with no antecedent found names no outlet
                if name.strip().lower() not in _UNRESOLVED and span not in counted:
                    counted.add(span)
                    # A pronoun counts as the outlet it stands for; a joint poll's short partner as named before.
                    self.cite(outlet, joint_partners_in_full(name, text, attribution.source.start))
            elif (via := attribution.via) is not None and not any(a < via.end and via.start < b for a, b in named):
                # "military sources speaking to Sputnik Arabic"
                self.cite(outlet, joint_partners_in_full(via.text, text, via.start), spoken_to=True)

    def cite(self, outlet: str | None, written: str, spoken_to: bool = False) -> None:
        names = cited_outlets(written)  # "The New York Times and The Washington Post": two citations
        for name in names:
            # A listed outlet is compared by its own name, a single one as written.
            said = name if len(names) > 1 or outlet_name(written) != name else written
            # A source that spoke to this very outlet ("a source tells CNBC" in CNBC) is its own reporting: no
            # outlet is cited. One that spoke to a sister ("speaking to Sputnik Arabic" in Sputnik) cites it, and
            # is a self-citation; so is the outlet citing itself as a source ("CNBC reported last week").
            if spoken_to and outlet and names_match(said, outlet):
                continue
            self.cited[name] += 1
            if is_agency(name):
                self.agencies[name] += 1
            if sister_outlets(outlet, said):
                self.own[name] += 1

    def profile(self, key: str, outlet: str) -> SourcingProfile:
        def ranked(counts: Counter[str]) -> tuple[tuple[str, int], ...]:
            return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))

        return SourcingProfile(
            key, outlet, self.articles, self.attributions, self.anonymous,
            ranked(self.cited), ranked(self.agencies), ranked(self.own),
        )  # fmt: skip


def sourcing_profiles(
    articles: Sequence[CleanArticle], attributions: Sequence[Sequence[Attribution]]
) -> tuple[list[SourcingProfile], list[SourcingProfile]]:
    """Per-article and per-outlet sourcing profiles. ``attributions[k]`` belong to ``articles[k]`` (missing
    entries mean none); articles without an outlet are pooled under "unknown", which is never self-citing."""
    per_article = []
    per_outlet: dict[str, _Tally] = {}
    for index, article in enumerate(articles):
        own = attributions[index] if index < len(attributions) else ()
        outlet = article.article.outlet
        tally = _Tally()
        tally.add(outlet, own, article.article.text)  # the original text: the attributions' offsets point into it
        per_article.append(tally.profile(article.id, outlet or UNKNOWN_OUTLET))
        per_outlet.setdefault(outlet or UNKNOWN_OUTLET, _Tally()).add(outlet, own, article.article.text)
    outlets = [tally.profile(name, name) for name, tally in sorted(per_outlet.items())]
    return per_article, outlets
