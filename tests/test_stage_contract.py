"""Adding a stage is one module and one registry line: a toy stage appears in every output and obeys --skip."""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, cast

import html5lib
import jsonschema
import pytest
import typer
from typer.testing import CliRunner

from narratrace import stages as registry
from narratrace.analysis import (
    Document,
    DocumentSection,
    JsonObject,
    ReportSection,
    StageBase,
    StageContext,
    StageOption,
    Table,
)
from narratrace.cli import pipeline as pipeline_cli
from narratrace.document import as_dict, as_list, as_text
from narratrace.measures import count_words
from narratrace.report.schema import analysis_schema

# ---- the one new module: a toy stage counting words per article -------------------------------------------


class WordsStage(StageBase[dict[str, int]]):
    name = "words"
    title = "Words per article"
    options: tuple[StageOption, ...] = (StageOption("words-minimum", "Count only articles this long.", 0),)

    def run(self, context: StageContext) -> dict[str, int]:
        minimum = int(str(context.option("words-minimum", 0)))
        counts = {a.id: count_words(a.text) for a in context.articles}
        return {k: v for k, v in counts.items() if v >= minimum}

    def document(self, result: dict[str, int], context: StageContext) -> DocumentSection:
        return DocumentSection(
            top={"word_total": sum(result.values())},
            per_article={article_id: {"words": n} for article_id, n in result.items()},
        )

    def schema(self) -> JsonObject:
        return {
            "properties": {"word_total": {"type": "integer", "minimum": 0}},
            "required": ["word_total"],
            "article_properties": {"words": {"type": "integer", "minimum": 0}},
        }

    def tables(self, doc: Document) -> list[Table]:
        rows = [
            {"id": as_text(a.get("id")), "words": a.get("words")}
            for a in map(as_dict, as_list(doc.get("articles")))
            if "words" in a
        ]
        return [Table("words", rows, ("id", "words"), ("csv", "jsonl"))]

    def report(self, doc: Document, refs: Mapping[str, Any], options: Any) -> list[ReportSection]:
        rows = [[t.id, t.words] for t in (_Row(a) for a in map(as_dict, as_list(doc.get("articles")))) if t.words]
        return [ReportSection("words", self.title, "_table.html", {"anchor": "words", "title": self.title,
                                                                     "intro": "", "columns": ["article", "words"],
                                                                     "rows": rows})]  # fmt: skip


class _Row:
    def __init__(self, record: dict[str, Any]) -> None:
        self.id, self.words = as_text(record.get("id")), record.get("words")


# ---- the one registry line ----------------------------------------------------------------------------------


@pytest.fixture
def with_words_stage(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "STAGES", (*registry.STAGES, WordsStage()))


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    for number, text in enumerate(["One two three four.", "Five six seven eight nine ten.", "Eleven."]):
        (folder / f"{number}.txt").write_text(f"Headline {number}\n\n{text}\n", encoding="utf-8")
    return folder


def _analyze(tmp_path: Path, out: str, *args: str) -> tuple[int, Path]:
    app = typer.Typer()
    pipeline_cli.register(app)
    target = tmp_path / out
    result = CliRunner().invoke(app, ["analyze", str(tmp_path / "in"), "--out", str(target), *args])
    assert result.exit_code == 0, result.output
    return result.exit_code, target


def test_a_registered_stage_appears_in_json_exports_report_and_obeys_skip(
    tmp_path: Path, with_words_stage: None
) -> None:
    _corpus(tmp_path / "in")
    _, out = _analyze(tmp_path, "with", "--only", "reuse,words")
    doc = json.loads((out / "analysis.json").read_text(encoding="utf-8"))
    assert doc["stages"] == ["reuse", "words"]
    jsonschema.validate(doc, analysis_schema())
    assert doc["word_total"] == sum(a["words"] for a in doc["articles"]) > 0
    with (out / "words.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(int(r["words"]) for r in rows) == sorted(a["words"] for a in doc["articles"])
    tree = html5lib.parse((out / "report.html").read_text(encoding="utf-8"), namespaceHTMLElements=False)
    nav = [a.text for a in tree.iter("a") if (a.get("href") or "").startswith("#")]
    assert "Words per article" in nav and tree.find(".//section[@id='words']") is not None

    _, skipped = _analyze(tmp_path, "without", "--only", "reuse,words", "--skip", "words")
    doc = json.loads((skipped / "analysis.json").read_text(encoding="utf-8"))
    assert "words" not in doc["stages"] and "word_total" not in doc
    assert not (skipped / "words.csv").exists()
    assert "Words per article" not in (skipped / "report.html").read_text(encoding="utf-8")


def test_stage_options_reach_the_stage_through_the_library(tmp_path: Path, with_words_stage: None) -> None:
    from narratrace.clean import clean_article
    from narratrace.ingest import Article, read_paths
    from narratrace.pipeline import RunOptions, analyze_articles

    articles = [clean_article(a) for a in read_paths([_corpus(tmp_path / "in")]) if isinstance(a, Article)]
    options = RunOptions(only=("words",), stage_options={"words_minimum": 5})
    analysis = analyze_articles(articles, options)
    assert analysis.stages == ("words",)
    assert list(cast(dict[str, int], analysis.results["words"]).values()) == [6]  # 4 and 1 words are under the minimum


def test_unknown_and_needed_stages_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown stage 'nope'"):
        registry.select_stages(skip=["nope"])
    assert [s.name for s in registry.select_stages(only=["techniques"])] == ["techniques"]


def test_the_documented_schema_is_the_registry_s() -> None:
    documented = json.loads((Path(__file__).parents[1] / "docs" / "analysis.schema.json").read_text("utf-8"))
    assert documented == analysis_schema()
