"""End to end on the real seed articles: ingest -> clean -> reuse/provenance -> report files."""

from __future__ import annotations

import json
from pathlib import Path

import html5lib
import pytest

from narratrace.ingest import read_paths
from narratrace.ingest.types import ReadError
from narratrace.pipeline import RunOptions, analyze_articles, clean_all
from narratrace.report import write_report
from tests.conftest import shared_path


@pytest.mark.slow
def test_seeds_report_is_complete(tmp_path: Path) -> None:
    items = list(read_paths([shared_path("seeds")]))
    articles = clean_all(i for i in items if not isinstance(i, ReadError))
    analysis = analyze_articles(articles, RunOptions(skip=("techniques",)))
    written = write_report(analysis, tmp_path)
    html = written["report.html"].read_text(encoding="utf-8")
    tree = html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False)
    doc = json.loads(written["analysis.json"].read_text(encoding="utf-8"))
    assert len(tree.findall(".//details[@class='article']")) == len(doc["articles"]) == len(articles)
    pairs = [d for d in tree.iter("details") if "pair" in (d.get("class") or "").split()]
    assert len(pairs) == len(doc["reuse"])
    for record in doc["articles"]:
        assert record["id"] in html
    network = json.loads(tree.find(".//script[@id='nt-network']").text)
    assert len(network["edges"]) == len(doc["outlet_network"]["edges"])
