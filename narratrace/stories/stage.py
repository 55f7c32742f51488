"""The ``stories`` stage: which articles cover one event (stories) and which stories one theme (narratives).

Story ids persist: the index is kept in the run's store, so articles added later join the stories they
belong to and earlier articles keep their story ids. Reuse pairs, when the reuse stage ran, tie a copy to
its original's story whatever the dates say.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from narratrace.analysis import Document, DocumentSection, ReportSection, StageBase, StageContext, Table
from narratrace.document import ArticleRef, ReportOptions, as_dict, as_list, as_text, ref_for, story_title
from narratrace.provenance.stage import ReuseAnalysis
from narratrace.spark import spark_map
from narratrace.stories import StoryIndex, StoryResult, group_stories
from narratrace.stories.index import ReuseLink


@dataclass(frozen=True)
class StoriesAnalysis:
    result: StoryResult

    def story_of(self) -> dict[str, str]:
        """Article id -> story id (what the framing stage groups its tables by)."""
        return {a.article: a.story for a in self.result.assignments}


class StoriesStage(StageBase[StoriesAnalysis]):
    name = "stories"
    title = "Stories"
    reads: tuple[str, ...] = ("reuse",)  # reuse links join stories when reuse ran
    command_help = (
        "Which articles tell one story (one event) and which stories one narrative (a theme across events), "
        "from text similarity, sentence embeddings, time and reuse links. Story ids persist in the store: run it "
        "again with more articles and they join the stories they belong to. Writes OUT/stories.jsonl, "
        "OUT/story_summaries.jsonl and the report."
    )

    def run(self, context: StageContext) -> StoriesAnalysis:
        reuse = context.earlier("reuse", ReuseAnalysis)
        pairs: list[ReuseLink] = list(reuse.pairs) if reuse is not None else []
        state = context.store.load_story_state() if context.store is not None else None
        index = StoryIndex.from_state(state) if state else StoryIndex()
        context.progress("stories", 0, len(context.articles))
        # The features (embeddings) take most of the time; placing the articles follows in seconds.
        # On Spark the features' batches (lead NER, embeddings) run as Spark tasks: the same batches, the same result.
        pool = spark_map() if context.engine == "spark" else None
        # The copy side of each pair whose direction provenance decided: never a story's first article when
        # no member is dated.
        directions = reuse.directions if reuse is not None else {}
        copiers = [
            p.a if directions[(p.a, p.b)].source == p.b else p.b
            for p in pairs
            if p.kind in ("copy", "partial") and (p.a, p.b) in directions and directions[(p.a, p.b)].source
        ]
        result = group_stories(
            context.articles,
            pairs,
            index,
            lambda done, total: context.progress("stories", done, total),
            pool,
            copiers,
        )
        context.progress("stories", len(context.articles), len(context.articles))
        if context.store is not None:
            context.store.save_story_state(index.to_state(), [a.to_record() for a in result.assignments])
        return StoriesAnalysis(result)

    def document(self, result: StoriesAnalysis, context: StageContext) -> DocumentSection:
        del context
        return DocumentSection(
            top={
                "stories": [s.to_record() for s in result.result.stories],
                "narratives": [n.to_record() for n in result.result.narratives],
            },
            per_article={
                a.article: {"story": a.story, "narrative": a.narrative, "story_score": round(a.score, 4)}
                for a in result.result.assignments
            },
        )

    def tables(self, doc: Document) -> list[Table]:
        rows = [
            {"id": as_text(a.get("id")), "story": a.get("story"), "narrative": a.get("narrative"),
             "score": a.get("story_score")}
            for a in map(as_dict, as_list(doc.get("articles")))
            if "story" in a
        ]  # fmt: skip
        return [
            Table("stories", rows, formats=("jsonl",)),
            Table("story_summaries", as_list(doc.get("stories")), formats=("jsonl",)),
            Table("narratives", as_list(doc.get("narratives")), formats=("jsonl",)),
        ]

    def report(self, doc: Document, refs: Mapping[str, ArticleRef], options: ReportOptions) -> list[ReportSection]:
        records = {as_text(a.get("id")): a for a in map(as_dict, as_list(doc.get("articles")))}
        stories = []
        for story in map(as_dict, as_list(doc.get("stories"))):
            members = [records.get(as_text(i), {}) for i in as_list(story.get("articles"))]
            # Side by side by outlet, on a timeline: each row one article, in date order (undated last). A header
            # date the cleaner flagged (a crawl or archive date) is shown as such and placed with the undated.
            timeline = sorted(
                (
                    {
                        "date": "" if _date_flagged(m) else as_text(m.get("published"))[:10],
                        "date_note": f"header date {as_text(m.get('published'))[:10]} not trusted"
                        if _date_flagged(m)
                        else "",
                        "outlet": as_text(m.get("outlet")) or "unknown",
                        "title": ref_for(refs, m.get("id")).label,
                    }
                    for m in members
                    if m
                ),
                key=lambda row: (row["date"] == "", row["date"], row["outlet"]),
            )
            stories.append(
                {
                    "title": story_title(story, refs),
                    "narrative": as_text(story.get("narrative")),
                    "span": " – ".join(x for x in (as_text(story.get("start")), as_text(story.get("end"))) if x),
                    "outlets": [as_text(o) for o in as_list(story.get("outlets"))],
                    "entities": [as_text(e) for e in as_list(story.get("key_entities"))][:8],
                    "timeline": timeline,
                }
            )
        narratives = {
            as_text(n.get("id")): as_text(n.get("title")) for n in map(as_dict, as_list(doc.get("narratives")))
        }
        stories.sort(key=lambda s: (-len(s["timeline"]), s["title"]))
        context = {"stories": stories[: options.max_pairs], "narratives": narratives}
        return [ReportSection("stories", self.title, "_stories.html", context)]


def _date_flagged(record: Mapping[str, Any]) -> bool:
    """Whether the cleaner found an article record's header date to be a crawl or archive date (``date_mismatch``),
    as ``clean.dates.publication_day`` does, so the timeline neither trusts nor hides it."""
    return any(as_dict(w).get("kind") == "date_mismatch" for w in as_list(record.get("warnings")))
