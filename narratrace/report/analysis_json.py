"""Turn an analysis into the plain-JSON document ``analysis.json`` (schema: docs/analysis.schema.json).

Every offset in the document points into the article's ``original_text`` (what ingest read),
except where a field says it is in the cleaned ``text``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from narratrace import __version__
from narratrace.clean.types import CleanArticle
from narratrace.reuse.output import cluster_record, pair_record
from narratrace.techniques.span import TechniqueSpan

if TYPE_CHECKING:
    from narratrace.pipeline import Analysis

ANALYSIS_SCHEMA_VERSION = "1.0"


def article_record(
    cleaned: CleanArticle, techniques: Sequence[TechniqueSpan] = (), profile: Mapping[str, float] | None = None
) -> dict[str, Any]:
    art = cleaned.article
    return {
        "id": art.id,
        "source_path": art.source_path,
        "outlet": art.outlet,
        "url": art.url,
        "title": art.title,
        "published": art.published,
        "published_source": art.metadata.get("published_source"),
        "text": cleaned.text,
        "original_text": art.text,
        "boilerplate": [asdict(b) for b in cleaned.boilerplate],
        "disclaimers": [
            {"start": s, "end": e, "original": list(cleaned.offsets.span_to_original(s, e))}
            for s, e in cleaned.masked_spans()
        ],
        "time_cues": [asdict(c) for c in cleaned.time_cues],
        "warnings": [asdict(w) for w in cleaned.warnings],
        "techniques": [t.to_record() for t in techniques],
        "technique_profile": dict(profile or {}),
    }


def build_analysis_document(analysis: Analysis) -> dict[str, Any]:
    by_id = {c.id: c for c in analysis.articles}
    return {
        "schema_version": ANALYSIS_SCHEMA_VERSION,
        "generator": f"narratrace {__version__}",
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "inputs": {
            "paths": list(analysis.inputs),
            "errors": [{"source_path": e.source_path, "reason": e.reason} for e in analysis.read_errors],
        },
        "articles": [
            article_record(c, analysis.techniques.get(c.id, ()), analysis.technique_profiles.get(c.id))
            for c in analysis.articles
        ],
        "reuse": [
            pair_record(p, lambda i: by_id[i].article.text, analysis.directions.get((p.a, p.b))) for p in analysis.pairs
        ],
        "clusters": [cluster_record(c) for c in analysis.clusters],
        "outlet_network": analysis.network_json,
        "outlet_techniques": analysis.outlet_technique_profiles,
        "technique_model": analysis.technique_model,
        "technique_legend": technique_legend(),
    }


def technique_legend() -> list[dict[str, str]]:
    """The technique definitions the report shows, stored in the document so it re-renders as made."""
    from narratrace.techniques.taxonomy import TECHNIQUES

    return [{"name": t.name, "title": t.title, "definition": t.definition, "example": t.example} for t in TECHNIQUES]
