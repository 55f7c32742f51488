"""What the analyst sees: every section, the reuse alignment, technique highlights, empty input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import html5lib
import pytest

from narratrace.document import json_for_script, safe_url, segment_text
from narratrace.pipeline import analyze_articles
from narratrace.report import ReportOptions, render_report, render_report_from_json
from narratrace.report.analysis_json import build_analysis_document
from narratrace.report.view import shown_ids
from tests.report.samples import LEGEND, sample_document

NS = "{http://www.w3.org/1999/xhtml}"
SECTIONS = ("summary", "articles", "reuse", "network", "techniques")


def parse(html: str) -> Any:
    return html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=True)


def text_of(element: Any) -> str:
    return "".join(element.itertext())


def by_id(tree: Any, element_id: str) -> Any:
    found = tree.find(f".//*[@id='{element_id}']")
    assert found is not None, element_id
    return found


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    return sample_document()


@pytest.fixture(scope="module")
def tree(doc: dict[str, Any]) -> Any:
    return parse(render_report(doc))


def test_every_section_is_present(tree: Any) -> None:
    for section in SECTIONS:
        assert by_id(tree, section).tag == f"{NS}section"


def test_summary_counts(tree: Any) -> None:
    summary = " ".join(text_of(by_id(tree, "summary")).split())
    assert "3 articles" in summary
    assert "2 reuse pairs" in summary
    assert "date_mismatch × 1" in summary


def test_article_rows_show_warning_badge_and_boilerplate(tree: Any, doc: dict[str, Any]) -> None:
    articles = by_id(tree, "articles")
    badges = [b for b in articles.iter(f"{NS}span") if "badge" in (b.get("class") or "").split()]
    assert [text_of(b) for b in badges] == ["date_mismatch"]
    assert "header date 2021-04-13 differs from text" in text_of(articles)
    copied = next(a for a in doc["articles"] if a["outlet"] == "copycat.example")
    assert copied["boilerplate"], "the sample's 'Read more' line should be removed by the cleaner"
    assert copied["boilerplate"][0]["text"] in text_of(articles)
    assert copied["text"] in text_of(articles)


def test_reuse_pair_alignment_direction_and_edits(tree: Any) -> None:
    pairs = [d for d in by_id(tree, "reuse").iter(f"{NS}details") if "pair" in (d.get("class") or "").split()]
    assert len(pairs) == 2
    copy, quote = pairs
    assert "kind-copy" in copy.get("class") and "kind-shared_quote" in quote.get("class")
    header = " ".join(text_of(copy.find(f"{NS}summary")).split())
    assert "Daily Wire Service → copycat.example" in header
    assert "confidence 0.83" in header
    assert "published 2 days earlier" in text_of(copy)
    cells = [td for td in copy.iter(f"{NS}td") if td.get("class") == "passage"]
    assert len(cells) == 2
    marks = {(m.get("class"), m.text) for m in cells[1].iter(f"{NS}mark")}
    assert ("ed-changed", "start") in marks
    assert ("ed-added", "northern ") in marks
    assert ("ed-changed", "begin") in {(m.get("class"), m.text) for m in cells[0].iter(f"{NS}mark")}
    assert any(s.get("class") == "gap" for s in cells[0].iter(f"{NS}span"))
    assert text_of(cells[0]).startswith("Officials said the evacuation of the volunteers would begin")


def test_clusters_are_listed(tree: Any) -> None:
    reuse = text_of(by_id(tree, "reuse"))
    assert "cluster-1" in reuse
    assert '"We will not abandon them," the minister said.' in reuse


def test_network_data_and_edge_table(tree: Any) -> None:
    network = json.loads(by_id(tree, "nt-network").text)
    assert {n["id"] for n in network["nodes"]} == {"Daily Wire Service", "copycat.example"}
    (edge,) = network["edges"]
    assert edge["attrs"]["weight"] == 3 and edge["attrs"]["first_seen"] == "2018-07-22"
    assert len(edge["attrs"]["examples"]) == 2
    assert "2018-07-22" in text_of(by_id(tree, "network"))


def test_technique_highlights_keep_text_intact(tree: Any, doc: dict[str, Any]) -> None:
    blocks = tree.findall(".//*[@data-tq-article]")
    assert len(blocks) == 2
    for block in blocks:
        original = doc["articles"][int(block.get("data-tq-article"))]["original_text"]
        assert text_of(block) == original
    spans = json.loads(by_id(tree, "nt-spans").text)
    assert spans["techniques"][:3] == [entry["name"] for entry in LEGEND]
    first = blocks[0]
    covered = [s for s in first.iter(f"{NS}span") if s.get("data-s")]
    # "so-called" is inside both the Doubt span and the Name_Calling span: one segment, two marks.
    assert any(s.text == "so-called" and len(s.get("data-s").split()) == 2 for s in covered)
    # Runner-up techniques travel with their span; a name outside the legend is dropped, not rendered.
    name_calling = next(row for row in spans["articles"]["0"] if spans["techniques"][row[0]] == "Name_Calling,Labeling")
    assert [[spans["techniques"][k], c] for k, c in name_calling[3]] == [["Loaded_Language", 0.5]]


def test_page_chrome_in_a_highlighted_text_is_marked_as_removed(doc: dict[str, Any]) -> None:
    with_chrome = json.loads(json.dumps(doc))
    article = with_chrome["articles"][0]
    original = article["original_text"]
    end = original.index(" ", 3)
    article["boilerplate"] = [{"start": 0, "end": end, "text": original[:end], "kind": "navigation"}]
    block = parse(render_report(with_chrome)).find(".//*[@data-tq-article='0']")
    assert text_of(block) == original  # offsets stay true: nothing dropped
    chrome = [s for s in block.iter(f"{NS}span") if s.get("class") == "chrome"]
    assert [text_of(s) for s in chrome] == [original[:end]]
    assert "navigation" in chrome[0].get("title")


def test_legend_controls_and_profiles(tree: Any) -> None:
    techniques = by_id(tree, "techniques")
    text = text_of(techniques)
    for entry in LEGEND:
        assert entry["definition"] in text
        assert entry["example"] in text
    assert "Casting doubt" in text  # the legend's title wins over the PTC label
    assert by_id(tree, "tq-threshold").get("type") == "range"
    boxes = [i for i in techniques.iter(f"{NS}input") if i.get("data-technique") is not None]
    assert len(boxes) == len(LEGEND) and all(b.get("type") == "checkbox" for b in boxes)
    runners_up = by_id(tree, "tq-runners-up")
    assert runners_up.get("type") == "checkbox" and runners_up.get("checked") is None  # off by default
    assert "Same story, different outlets" in text
    bars = [b for b in techniques.iter(f"{NS}span") if (b.get("class") or "").startswith("bar tc-")]
    assert bars and all("per 1,000 words" in b.get("title") for b in bars)


def test_empty_corpus_and_empty_document_render() -> None:
    for document in ({}, build_analysis_document(analyze_articles([]))):
        html = render_report(document)
        tree = parse(html)
        for section in SECTIONS:
            by_id(tree, section)
        assert "No articles in this analysis." in text_of(tree.find(f"{NS}body"))


def test_broken_fields_do_not_crash() -> None:
    doc: dict[str, Any] = {
        "articles": [
            {
                "id": 5,
                "original_text": "abc def",
                "text": None,
                "warnings": "nope",
                "techniques": [
                    {"start": -5, "end": 10**9, "technique": "Doubt", "confidence": "high"},
                    {"start": "x", "end": 3, "technique": "Doubt"},
                    {"start": 4, "end": 2, "technique": "Doubt"},
                    "garbage",
                ],
            },
            "not an article",
        ],
        "reuse": [{"a": "5", "b": "zz", "passages": [{"a_start": 0, "a_end": 3}], "edits": [{"op": "added"}]}, None],
        "clusters": [{"members": [["5", 0], "bad"]}],
        "outlet_network": {
            "nodes": [{"id": "x"}, {"id": "x"}],
            "edges": [{"source": "x", "target": "y", "weight": float("nan")}],
        },
        "outlet_techniques": {"x": {"Doubt": "many"}},
    }
    tree = parse(render_report(doc))
    block = tree.find(".//*[@data-tq-article]")
    assert text_of(block) == "abc def"


def test_caps_say_what_is_left_out(doc: dict[str, Any]) -> None:
    html = render_report(doc, ReportOptions(max_pairs=1))
    assert "Showing 1 of 2 pairs" in " ".join(text_of(parse(html).find(f"{NS}body")).split())


def test_not_a_document_is_rejected() -> None:
    with pytest.raises(ValueError, match="JSON object"):
        render_report([])  # type: ignore[arg-type]


def test_render_from_json_file(tmp_path: Path, doc: dict[str, Any]) -> None:
    path = tmp_path / "analysis.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert "copycat.example" in render_report_from_json(path)
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match="not valid JSON"):
        render_report_from_json(path)
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ValueError, match="cannot read"):
        render_report_from_json(path)


def test_segment_text_handles_nesting_and_overlap() -> None:
    text = "0123456789"
    segments = segment_text(text, [(0, 6), (2, 4), (3, 8), (5, 5), (-3, 2), (9, 7)])
    assert "".join(s.text for s in segments) == text
    assert [(s.text, s.marks) for s in segments] == [
        ("01", (0, 4)),
        ("2", (0, 1)),
        ("3", (0, 1, 2)),
        ("4", (0, 2)),
        ("", (3,)),
        ("5", (0, 2)),
        ("67", (2,)),
        ("89", ()),
    ]


def test_json_for_script_and_safe_url() -> None:
    encoded = json_for_script({"t": "</script><!-- & \u2028"})
    assert "<" not in encoded and ">" not in encoded and "&" not in encoded and "\u2028" not in encoded
    assert json.loads(str(encoded)) == {"t": "</script><!-- & \u2028"}
    assert safe_url("https://example.org/x?a=1") == "https://example.org/x?a=1"
    for bad in (
        "javascript:alert(1)",
        " JAVASCRIPT:x",
        "java\tscript:x",
        "data:text/html,x",
        "//evil.example",
        "http:",
        7,
        None,
    ):
        assert safe_url(bad) is None


def test_read_errors_are_listed_with_reasons(doc: dict[str, Any]) -> None:
    errors = [{"source_path": "in/bad.bin", "reason": "file is binary"}]
    broken = {**doc, "inputs": {"paths": ["in/"], "errors": errors}}
    summary = text_of(by_id(parse(render_report(broken)), "summary"))
    assert "in/bad.bin" in summary
    assert "file is binary" in summary
    assert "1 input(s) could not be read" in summary


def test_article_ids_are_shown_whole_or_by_a_prefix_no_other_id_shares() -> None:
    ids = ["allsides-5610-center", "allsides-5623-right", "a" * 64, "a" * 40 + "b" * 24, "c" * 64]
    shown = shown_ids(ids)
    assert shown[:2] == ids[:2]  # short ids whole, not "allsides-56" twice
    assert shown[2] == "a" * 41 + "…" and shown[3] == "a" * 40 + "b…"
    assert shown[4] == "c" * 12 + "…"
    assert len(set(shown)) == len(ids)
