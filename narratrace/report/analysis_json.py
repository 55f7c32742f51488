"""Turn an analysis into the plain-JSON document ``analysis.json`` (schema: docs/analysis.schema.json).

The document's core is the corpus (articles, inputs); each stage that ran adds its section (top-level
keys and fields of each article record), listed in ``stages``. Every offset in the document points into
the article's ``original_text`` (what ingest read), except where a field says it is in the cleaned ``text``.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime

from narratrace import __version__
from narratrace.analysis import Analysis, JsonObject
from narratrace.clean.types import CleanArticle

ANALYSIS_SCHEMA_VERSION = "1.1"


def article_record(cleaned: CleanArticle) -> JsonObject:
    """An article's core record: metadata, cleaned and original text, and what the cleaner found."""
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
    }


def build_analysis_document(analysis: Analysis) -> JsonObject:
    articles = []
    for cleaned in analysis.articles:
        record = article_record(cleaned)
        for name in analysis.stages:
            record.update(analysis.sections[name].per_article.get(cleaned.id, {}))
        articles.append(record)
    doc: JsonObject = {
        "schema_version": ANALYSIS_SCHEMA_VERSION,
        "generator": f"narratrace {__version__}",
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "stages": list(analysis.stages),
        "inputs": {
            "paths": list(analysis.inputs),
            "errors": [{"source_path": e.source_path, "reason": e.reason} for e in analysis.read_errors],
        },
        "articles": articles,
    }
    for name in analysis.stages:
        doc.update(analysis.sections[name].top)
    return doc
