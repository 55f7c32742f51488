"""The ``claims`` stage: who said what (attributions), which claims recur across articles, and how many
independent origins each has once copies and shared sources are discounted."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from narratrace.analysis import Document, DocumentSection, ReportSection, StageBase, StageContext, StageOption, Table
from narratrace.claims.types import Attribution, Claim
from narratrace.clean.language import reads_english
from narratrace.document import (
    ArticleRef,
    ReportOptions,
    as_dict,
    as_list,
    as_number,
    as_text,
    distinct_names,
    name_ids,
    ref_for,
)
from narratrace.provenance.stage import ReuseAnalysis

if TYPE_CHECKING:  # the extractor and matcher load torch, spaCy and scikit-learn: only when the stage runs
    from narratrace.claims.profile import SourcingProfile

MIN_ARTICLES = StageOption("claims-min-articles", "List claims stated in at least this many articles.", 2)
ATTRIBUTION_MODEL = StageOption(
    "claims-attribution-model",
    "Attribution model: default (MiniLM encoder), accurate (two heads over frozen MPNet: dev span F1 Source 0.82 "
    "and Content 0.77 against 0.78 and 0.72, ~3x the tagging time; docs/results/attribution.md), fast (spaCy's "
    "tok2vec, no transformer: 0.72 and 0.68, ~40% less tagging time) or a folder from `narratrace train attribution`.",
    "default",
)
SOURCING_COLUMNS = ("outlet", "articles", "attributions", "anonymous", "anonymous_share", "outlets_cited",
                    "agencies_cited", "self_citations")  # fmt: skip


@dataclass(frozen=True)
class ClaimsAnalysis:
    """Attributions per article (in ``articles`` order), claims most repeated first, sourcing profiles."""

    attributions: dict[str, list[Attribution]]
    claims: list[Claim]
    article_sourcing: list[SourcingProfile]
    outlet_sourcing: list[SourcingProfile]


class ClaimsStage(StageBase[ClaimsAnalysis]):
    name = "claims"
    title = "Sources and claims"
    needs: tuple[str, ...] = ("reuse",)
    options: tuple[StageOption, ...] = (MIN_ARTICLES, ATTRIBUTION_MODEL)
    command_help = (
        "Where each claim comes from: every attribution (source, cue, content, source type), the claims repeated "
        "across articles with their first appearance and independent origins (copies and shared sources "
        "discounted, with the reasoning; an upper bound, with its floor where articles name no source), and each "
        "outlet's sourcing. Writes OUT/attributions.jsonl, "
        "OUT/claims.jsonl, OUT/sourcing.csv and the report."
    )

    def run(self, context: StageContext) -> ClaimsAnalysis:
        from narratrace.claims.attribution_workers import attributions_for
        from narratrace.claims.corroboration import carried_wires
        from narratrace.claims.matching import find_claims
        from narratrace.claims.profile import sourcing_profiles

        reuse = cast(ReuseAnalysis, context.results["reuse"])  # `needs` guarantees it ran
        # The attribution model and claim matching read English; other languages have no attributions here.
        articles = [a for a in context.articles if reads_english(a)]
        context.progress("attributions", 0, len(articles))
        model = str(context.option(ATTRIBUTION_MODEL.name, ATTRIBUTION_MODEL.default))
        attributions = attributions_for(
            articles,
            context.engine,
            progress=lambda done, total: context.progress("attributions", done, total),
            model=model,
        )
        context.progress("claims", 0, 1)
        wires = carried_wires(reuse.corpus.facts.values())  # read once by provenance; here only the carriers
        claims = find_claims(articles, attributions, reuse.pairs, reuse.directions, wires=wires)
        minimum = int(str(context.option(MIN_ARTICLES.name, MIN_ARTICLES.default)))
        claims = [c for c in claims if len({m.article for m in c.mentions}) >= minimum]
        context.progress("claims", 1, 1)
        per_article, per_outlet = sourcing_profiles(articles, attributions)
        found = {a.id: list(found) for a, found in zip(articles, attributions, strict=True)}
        return ClaimsAnalysis(
            {a.id: found.get(a.id, []) for a in context.articles},
            claims,
            per_article,
            per_outlet,
        )

    def document(self, result: ClaimsAnalysis, context: StageContext) -> DocumentSection:
        del context
        sourcing = {p.key: p.to_record() for p in result.article_sourcing}
        return DocumentSection(
            top={
                "claims": [claim.to_record() for claim in result.claims],
                "outlet_sourcing": [profile.to_record() for profile in result.outlet_sourcing],
            },
            per_article={
                article_id: {"attributions": [a.to_record() for a in found], "sourcing": sourcing.get(article_id, {})}
                for article_id, found in result.attributions.items()
            },
        )

    def tables(self, doc: Document) -> list[Table]:
        attributions = [
            {"id": as_text(a.get("id")), "attributions": as_list(a.get("attributions"))}
            for a in map(as_dict, as_list(doc.get("articles")))
            if "attributions" in a
        ]
        sourcing = [
            {
                **{k: as_dict(p).get(k) for k in SOURCING_COLUMNS[:5]},
                **{k: "; ".join(f"{as_text(as_dict(c).get('name'))} ({as_text(as_dict(c).get('count'))})"
                                for c in as_list(as_dict(p).get(k))) for k in SOURCING_COLUMNS[5:]},
            }
            for p in as_list(doc.get("outlet_sourcing"))
        ]  # fmt: skip
        return [
            Table("attributions", attributions, formats=("jsonl",)),
            Table("claims", as_list(doc.get("claims")), formats=("jsonl",)),
            Table("sourcing", sourcing, SOURCING_COLUMNS, ("csv",)),
        ]

    def report(self, doc: Document, refs: Mapping[str, ArticleRef], options: ReportOptions) -> list[ReportSection]:
        claims = []
        for claim in [as_dict(c) for c in as_list(doc.get("claims"))][: options.max_pairs]:
            who: dict[str, str] = {}
            for mention in map(as_dict, as_list(claim.get("mentions"))):
                who.setdefault(as_text(mention.get("article")), _who_says(mention))
            names = distinct_names(refs, [as_text(a) for a in as_list(claim.get("articles"))])
            articles = [{"name": name, "who": who.get(article, "")} for article, name in names.items()]
            claims.append(
                {
                    "text": as_text(claim.get("claim")),
                    "articles": articles,
                    "origins": as_number(claim.get("independent_origins")),
                    "at_least": as_number(claim.get("independent_origins_at_least")),
                    "first_seen": ref_for(refs, claim.get("first_seen")).short if claim.get("first_seen") else "",
                    "first_ties": [ref_for(refs, a).short for a in as_list(claim.get("first_seen_ties"))],
                    "why": _readable(as_text(claim.get("why")), names),
                }
            )
        sourcing = [as_dict(p) for p in as_list(doc.get("outlet_sourcing"))]
        attributions = sum(len(as_list(as_dict(a).get("attributions"))) for a in as_list(doc.get("articles")))
        context = {"claims": claims, "sourcing": sourcing, "attributions": attributions}
        return [ReportSection("claims", self.title, "_claims.html", context)]


def _who_says(mention: Mapping[str, object]) -> str:
    """Who states a claim in one article, as the report shows it: "he (Garrett Marquis), person"; "the source,
    anonymous, via CBS"."""
    source = as_dict(mention.get("source"))
    if not source:
        return "the article itself"
    name = " ".join(as_text(source.get("text")).split())
    referent = " ".join(as_text(as_dict(mention.get("source_refers_to")).get("text")).split())
    channel = " ".join(as_text(as_dict(mention.get("source_via")).get("text")).split())
    named = f"{name} ({referent})" if referent else name
    said = f"{named}, {as_text(mention.get('source_type'))}"
    return f"{said}, via {channel}" if channel and channel not in name else said


def _readable(why: str, names: Mapping[str, str]) -> str:
    """The reasoning with each article id named as the claim's row names it (``distinct_names``): whole ids only
    ("1" is not the start of "10"), after the counts and outside quoted statements, where an id such as "2" could
    be a number."""
    if not names:
        return why
    counts, colon, rest = why.partition(": ")
    if not colon:
        counts, rest = "", why
    parts = re.split(r'(\("[^"]*"\))', rest)  # quoted statements, kept as written
    named = "".join(part if n % 2 else name_ids(part, names) for n, part in enumerate(parts))
    return f"{counts}{colon}{named}"
