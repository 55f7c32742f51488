"""The propaganda-technique part of the report: highlighted texts, legend and technique profiles.

Highlights are cut into non-overlapping segments here (``segment_text``); each segment lists
the spans covering it, and the report's JS picks the colour from the spans that pass the
live confidence/technique filters. The legend comes from the document's
``technique_legend`` only, so a re-rendered old analysis.json shows the legend it was made with.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from narratrace.document import (
    ArticleRef,
    ReportOptions,
    as_dict,
    as_list,
    as_number,
    as_text,
    clamp_span,
    ref_for,
    segment_text,
)
from narratrace.measures import count_words, linked_groups, per_1000_words

PALETTE_SIZE = 14  # colours defined in report.css as .tc-0 ... .tc-13


@dataclass(frozen=True)
class TechniqueInfo:
    index: int
    name: str
    definition: str
    example: str
    title: str = ""  # human-readable title when the legend gives one

    @property
    def label(self) -> str:
        return self.title or self.name.replace("_", " ").replace(",", ", ")

    @property
    def css(self) -> str:
        return f"tc-{self.index % PALETTE_SIZE}"


@dataclass(frozen=True)
class HighlightSegment:
    text: str
    spans: str  # space-separated indices into the article's span list ("" = not highlighted)
    chrome: str = ""  # the kind of page chrome the cleaner removed here ("navigation", ...); "" in the article


@dataclass
class TechniqueArticle:
    index: int
    ref: ArticleRef
    segments: list[HighlightSegment]
    span_count: int
    word_count: int


@dataclass(frozen=True)
class Bar:
    technique: TechniqueInfo
    value: float
    width: float  # percent of the widest row in its table


@dataclass
class ProfileRow:
    label: str
    total: float
    bars: list[Bar]
    detail: str = ""


@dataclass
class StoryComparison:
    label: str
    rows: list[ProfileRow]


@dataclass
class TechniqueSection:
    legend: list[TechniqueInfo]
    articles: list[TechniqueArticle]
    hidden_articles: int
    span_data: dict[str, Any]
    article_profiles: list[ProfileRow]
    outlet_profiles: list[ProfileRow]
    outlet_matrix: tuple[list[str], list[tuple[TechniqueInfo, list[float]]]]
    stories: list[StoryComparison] = field(default_factory=list)

    @property
    def has_any(self) -> bool:
        return bool(self.span_data["articles"]) or bool(self.article_profiles) or bool(self.outlet_profiles)


def _legend(doc: Mapping[str, Any]) -> list[TechniqueInfo]:
    """The document's legend, then any technique that appears in the data but not in the legend."""
    names: list[str] = []
    info: dict[str, tuple[str, str, str]] = {}
    for entry in as_list(doc.get("technique_legend")):
        entry = as_dict(entry)
        name = as_text(entry.get("name"))
        if name and name not in info:
            names.append(name)
            info[name] = (as_text(entry.get("definition")), as_text(entry.get("example")), as_text(entry.get("title")))
    extra: set[str] = set()
    for record in as_list(doc.get("articles")):
        record = as_dict(record)
        extra.update(as_text(as_dict(s).get("technique")) for s in as_list(record.get("techniques")))
        extra.update(as_text(k) for k in as_dict(record.get("technique_profile")))
    for profile in as_dict(doc.get("outlet_techniques")).values():
        extra.update(as_text(k) for k in as_dict(profile))
    names.extend(sorted(n for n in extra - set(info) if n))
    return [TechniqueInfo(i, n, *info.get(n, ("", "", ""))) for i, n in enumerate(names)]


def _article_block(
    index: int, record: dict[str, Any], refs: Mapping[str, ArticleRef], lookup: Mapping[str, int], cap: int
) -> tuple[TechniqueArticle, list[list[Any]]]:
    text = as_text(record.get("original_text")) or as_text(record.get("text"))
    spans: list[list[Any]] = []
    intervals: list[tuple[int, int]] = []
    for span in as_list(record.get("techniques"))[:cap]:
        span = as_dict(span)
        bounds = clamp_span(span.get("start"), span.get("end"), len(text))
        technique = as_text(span.get("technique"))
        if bounds is None or bounds[0] == bounds[1] or technique not in lookup:
            continue
        raw = span.get("confidence")
        # Gold labels carry no confidence (always shown); a malformed one counts as 0 (hidden by default).
        confidence = 1.0 if raw is None else (as_number(raw) or 0.0)
        intervals.append(bounds)
        # [technique, confidence, length, [[runner-up technique, confidence], ...]]
        spans.append([lookup[technique], round(confidence, 4), bounds[1] - bounds[0], _alternatives(span, lookup)])
    # The original text is shown, so offsets stay true; what the cleaner removed (and the model never read) is
    # marked as page chrome rather than passed off as the article's words.
    chrome = [as_dict(line) for line in as_list(record.get("boilerplate"))]
    chrome_bounds = [clamp_span(line.get("start"), line.get("end"), len(text)) for line in chrome]
    kinds = [as_text(line.get("kind")) or "removed" for line, b in zip(chrome, chrome_bounds, strict=True) if b]
    intervals.extend(b for b in chrome_bounds if b)
    segments = []
    for segment in segment_text(text, intervals):
        marks = [m for m in segment.marks if m < len(spans)]
        removed = [kinds[m - len(spans)] for m in segment.marks if m >= len(spans)]
        segments.append(HighlightSegment(segment.text, " ".join(map(str, marks)), removed[-1] if removed else ""))
    ref = ref_for(refs, record.get("id"))
    return TechniqueArticle(index, ref, segments, len(spans), count_words(as_text(record.get("text")))), spans


def _alternatives(span: Mapping[str, Any], lookup: Mapping[str, int]) -> list[list[float]]:
    """Runner-up techniques of a span, as [technique index, confidence]; unknown or malformed ones dropped."""
    found = []
    for entry in as_list(span.get("alternatives"))[:3]:
        entry = as_dict(entry)
        technique = as_text(entry.get("technique"))
        if technique in lookup:
            found.append([lookup[technique], round(as_number(entry.get("confidence")) or 0.0, 4)])
    return found


def _profile_rows(
    profiles: Sequence[tuple[str, Mapping[str, Any], str]], legend: list[TechniqueInfo]
) -> list[ProfileRow]:
    """Stacked bars scaled to the largest total, so rows compare at a glance."""
    values = []
    for label, profile, detail in profiles:
        per_technique = [(t, as_number(profile.get(t.name)) or 0.0) for t in legend]
        values.append((label, [(t, v) for t, v in per_technique if v > 0], detail))
    widest = max((sum(v for _, v in bars) for _, bars, _ in values), default=0.0) or 1.0
    return [
        ProfileRow(
            label, round(sum(v for _, v in bars), 2), [Bar(t, round(v, 2), 100 * v / widest) for t, v in bars], detail
        )
        for label, bars, detail in values
    ]


def _story_groups(doc: Mapping[str, Any]) -> list[tuple[str, list[str]]]:
    """Stories from the document when present, else groups of articles linked by text reuse."""
    groups: list[tuple[str, list[str]]] = []
    for number, story in enumerate(as_list(doc.get("stories")), start=1):
        story = as_dict(story)
        members = as_list(story.get("articles")) or as_list(story.get("members"))
        ids = [
            as_text(as_dict(m).get("id") or as_dict(m).get("article_id")) if isinstance(m, dict) else as_text(m)
            for m in members
        ]
        label = as_text(story.get("label") or story.get("title") or story.get("id")) or f"story {number}"
        groups.append((label, ids))
    if groups:
        return groups
    # Without stories, articles linked by copied text (not by a shared quote) stand in for them.
    links = (
        (as_text(pair.get("a")), as_text(pair.get("b")))
        for pair in map(as_dict, as_list(doc.get("reuse")))
        if pair.get("kind") != "shared_quote"
    )
    ordered = linked_groups(links)
    refs = {as_text(as_dict(a).get("id")): as_dict(a) for a in as_list(doc.get("articles"))}
    groups = []
    for number, ids in enumerate(ordered, start=1):
        titles = [as_text(refs.get(i, {}).get("title")) for i in sorted(ids)]
        title = next((t for t in titles if t), "")
        title = title if len(title) <= 70 else title[:69].rstrip() + "…"
        groups.append((f"Story {number} (linked by text reuse){': ' + title if title else ''}", sorted(ids)))
    return groups


def _story_comparisons(doc: Mapping[str, Any], legend: list[TechniqueInfo]) -> list[StoryComparison]:
    records = {as_text(as_dict(a).get("id")): as_dict(a) for a in as_list(doc.get("articles"))}
    comparisons = []
    for label, ids in _story_groups(doc):
        words: Counter[str] = Counter()
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        articles: Counter[str] = Counter()
        for article_id in ids:
            record = records.get(article_id)
            if record is None:
                continue
            outlet = as_text(record.get("outlet")) or "unknown"
            articles[outlet] += 1
            words[outlet] += count_words(as_text(record.get("original_text")))
            counts[outlet].update(as_text(as_dict(s).get("technique")) for s in as_list(record.get("techniques")))
        if len(words) < 2:
            continue  # a comparison needs two outlets
        profiles = [
            (
                outlet,
                {t: per_1000_words(n, words[outlet]) for t, n in counts[outlet].items()},
                f"{articles[outlet]} article(s), {words[outlet]} words",
            )
            for outlet in sorted(words)
        ]
        comparisons.append(StoryComparison(label, _profile_rows(profiles, legend)))
    return comparisons


def technique_section(
    doc: Mapping[str, Any], refs: Mapping[str, ArticleRef], options: ReportOptions
) -> TechniqueSection:
    legend = _legend(doc)
    lookup = {t.name: t.index for t in legend}
    records = [as_dict(a) for a in as_list(doc.get("articles"))]
    blocks: list[TechniqueArticle] = []
    span_data: dict[str, Any] = {
        "techniques": [t.name for t in legend],
        "labels": [t.label for t in legend],
        "articles": {},
    }
    for index, record in enumerate(records[: options.max_technique_articles]):
        block, spans = _article_block(index, record, refs, lookup, options.max_spans_per_article)
        if spans:
            blocks.append(block)
            span_data["articles"][str(index)] = spans
    article_profiles = _profile_rows(
        [
            (ref_for(refs, r.get("id")).label, as_dict(r.get("technique_profile")), "")
            for r in records[: options.max_articles]
            if as_dict(r.get("technique_profile"))
        ],
        legend,
    )
    outlet_techniques = {as_text(k): as_dict(v) for k, v in as_dict(doc.get("outlet_techniques")).items()}
    outlet_profiles = _profile_rows([(o, p, "") for o, p in sorted(outlet_techniques.items())], legend)
    columns = sorted(outlet_techniques, key=lambda o: -sum(as_number(v) or 0 for v in outlet_techniques[o].values()))
    columns = columns[: options.max_outlet_columns]
    matrix = [(t, [round(as_number(outlet_techniques[o].get(t.name)) or 0.0, 2) for o in columns]) for t in legend]
    return TechniqueSection(
        legend=legend,
        articles=blocks,
        hidden_articles=max(0, len(records) - options.max_technique_articles),
        span_data=span_data,
        article_profiles=article_profiles,
        outlet_profiles=outlet_profiles,
        outlet_matrix=(columns, matrix),
        stories=_story_comparisons(doc, legend),
    )
