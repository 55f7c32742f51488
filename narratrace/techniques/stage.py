"""The ``techniques`` stage: propaganda-technique fragments per article, and rates per outlet."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from narratrace.analysis import Document, DocumentSection, ReportSection, StageBase, StageContext, StageOption, Table
from narratrace.clean.language import reads_english
from narratrace.document import ArticleRef, ReportOptions, as_dict, as_list, as_number, as_text, clamp_span
from narratrace.measures import count_words, per_1000_words
from narratrace.techniques import detect_techniques, model_dir, technique_profile
from narratrace.techniques.report_view import technique_section
from narratrace.techniques.span import TechniqueSpan
from narratrace.techniques.taxonomy import TECHNIQUES

MODEL_OPTION = StageOption(
    "techniques-model",
    "Technique model: default (accurate, MPNet encoder, ~2 articles/s of 600 words on 2 cores with bfloat16), "
    "fast (one MiniLM layer, ~35 articles/s, less accurate) or a folder from `narratrace train techniques`.",
    "default",
)
TECHNIQUE_COLUMNS = (
    "article_id", "outlet", "title", "start", "end", "technique", "confidence", "alternatives", "fragment",
)  # fmt: skip
PROFILE_COLUMNS = ("scope", "id", "technique", "per_1000_words")


@dataclass(frozen=True)
class TechniqueAnalysis:
    """Fragments per article id (page chrome excluded), their rates per 1,000 words, and per outlet."""

    model: str
    spans: dict[str, list[TechniqueSpan]]
    profiles: dict[str, dict[str, float]]
    outlet_profiles: dict[str, dict[str, float]]


class TechniquesStage(StageBase[TechniqueAnalysis]):
    name = "techniques"
    title = "Propaganda techniques"
    options: tuple[StageOption, ...] = (MODEL_OPTION,)

    def check(self, options: Mapping[str, object]) -> None:
        """Refuse an unknown model before any work (FileNotFoundError names the choices)."""
        model_dir(str(options.get(MODEL_OPTION.parameter, MODEL_OPTION.default)))

    def run(self, context: StageContext) -> TechniqueAnalysis:
        model = str(context.option(MODEL_OPTION.name, MODEL_OPTION.default))
        english = [reads_english(a) for a in context.articles]  # English models: other languages give noise
        texts = [a.article.text if reads else "" for a, reads in zip(context.articles, english, strict=True)]

        def batches_done(done: int, total: int) -> None:
            context.progress("techniques (batches)", done, total)

        found = detect_techniques(texts, model=model, engine=context.engine, progress=batches_done)
        spans: dict[str, list[TechniqueSpan]] = {}
        profiles: dict[str, dict[str, float]] = {}
        words_by_outlet: Counter[str] = Counter()
        counts_by_outlet: dict[str, Counter[str]] = defaultdict(Counter)
        for cleaned, all_spans, reads in zip(context.articles, found, english, strict=True):
            # Spans inside page chrome (a related headline of another story) say nothing about this article.
            kept = [s for s in all_spans if not any(b.start < s.end and s.start < b.end for b in cleaned.boilerplate)]
            spans[cleaned.id] = kept
            profiles[cleaned.id] = technique_profile(cleaned.article.text, kept)
            outlet = cleaned.article.outlet or "unknown"
            words_by_outlet[outlet] += count_words(cleaned.article.text) if reads else 0
            counts_by_outlet[outlet].update(s.technique for s in kept)
        outlet_profiles = {
            outlet: {t: per_1000_words(n, words_by_outlet[outlet]) for t, n in sorted(counts.items())}
            for outlet, counts in sorted(counts_by_outlet.items())
        }
        return TechniqueAnalysis(model, spans, profiles, outlet_profiles)

    def document(self, result: TechniqueAnalysis, context: StageContext) -> DocumentSection:
        ids = [a.id for a in context.articles] or list(result.spans)
        return DocumentSection(
            top={
                "outlet_techniques": result.outlet_profiles,
                "technique_model": result.model,
                "technique_legend": technique_legend(),
            },
            per_article={
                article_id: {
                    "techniques": [s.to_record() for s in result.spans.get(article_id, [])],
                    "technique_profile": result.profiles.get(article_id, {}),
                }
                for article_id in ids
            },
        )

    def tables(self, doc: Document) -> list[Table]:
        return [
            Table(
                "techniques",
                technique_table_rows(doc),
                TECHNIQUE_COLUMNS,
                ("csv", "parquet"),
                {"start": "int", "end": "int", "confidence": "float"},
            ),
            Table("technique_profiles", technique_profile_rows(doc), PROFILE_COLUMNS, ("csv",)),
        ]

    def report(self, doc: Document, refs: Mapping[str, ArticleRef], options: ReportOptions) -> list[ReportSection]:
        section = technique_section(doc, refs, options)
        return [
            ReportSection(
                "techniques",
                self.title,
                "_techniques.html",
                {"techniques": section},
                scripts={"nt-spans": section.span_data},
            )
        ]


def technique_legend() -> list[dict[str, str]]:
    """The technique definitions the report shows, stored in the document so it re-renders as made."""
    return [{"name": t.name, "title": t.title, "definition": t.definition, "example": t.example} for t in TECHNIQUES]


def technique_table_rows(doc: Document) -> list[dict[str, object]]:
    """One flat row per technique fragment: the columns of techniques.csv and techniques.parquet.

    ``start``/``end`` are code-point offsets into the article's original text, as everywhere in
    analysis.json; ``fragment`` is that text, so a table reader needs nothing else. Runner-up
    techniques read ``Technique=confidence`` joined by ``"; "`` (technique names contain commas).
    """
    rows: list[dict[str, object]] = []
    for record in map(as_dict, as_list(doc.get("articles"))):
        original = as_text(record.get("original_text"))
        for span in map(as_dict, as_list(record.get("techniques"))):
            # Offsets a hand-edited or hostile file spoils read as an empty fragment at 0, as in the report.
            start, end = clamp_span(span.get("start"), span.get("end"), len(original)) or (0, 0)
            alternatives = (as_dict(a) for a in as_list(span.get("alternatives")))
            rows.append(
                {
                    "article_id": as_text(record.get("id")),
                    "outlet": as_text(record.get("outlet")),
                    "title": as_text(record.get("title")),
                    "start": start,
                    "end": end,
                    "technique": as_text(span.get("technique")),
                    "confidence": as_number(span.get("confidence")),
                    "alternatives": "; ".join(
                        f"{as_text(a.get('technique'))}={as_text(a.get('confidence'))}" for a in alternatives
                    ),
                    "fragment": original[start:end],
                }
            )
    return rows


def technique_profile_rows(doc: Document) -> list[dict[str, object]]:
    """Techniques per 1,000 words, per outlet and per article (long format: pivot to compare)."""
    rows: list[dict[str, object]] = [
        {"scope": "outlet", "id": as_text(outlet), "technique": as_text(name), "per_1000_words": as_number(rate)}
        for outlet, profile in as_dict(doc.get("outlet_techniques")).items()
        for name, rate in as_dict(profile).items()
    ]
    for record in map(as_dict, as_list(doc.get("articles"))):
        rows.extend(
            {
                "scope": "article",
                "id": as_text(record.get("id")),
                "technique": as_text(name),
                "per_1000_words": as_number(rate),
            }
            for name, rate in as_dict(record.get("technique_profile")).items()
        )
    return rows
