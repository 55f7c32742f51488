"""The outlets-cited bench: what it lists from a `narratrace claims` output, and how it scores labels."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from bench import outlets_cited

TEXT = "CBS News reported it. According to the media outlet, it was so. A source told CNN the rest."


def _output(folder: Path) -> Path:
    media = TEXT.index("the media outlet")
    source = TEXT.index("A source")
    cnn = TEXT.index("CNN")
    attributions = [
        {"source": {"start": media, "end": media + 16, "text": "the media outlet"}, "source_type": "outlet",
         "refers_to": {"start": 0, "end": 8, "text": "CBS News"}, "via": None},
        {"source": {"start": source, "end": source + 8, "text": "A source"}, "source_type": "anonymous",
         "refers_to": None, "via": {"start": cnn, "end": cnn + 3, "text": "CNN"}},
        {"source": {"start": 0, "end": 8, "text": "CBS News"}, "source_type": "outlet", "refers_to": None, "via": None},
    ]  # fmt: skip
    folder.mkdir()
    (folder / "articles.jsonl").write_text(json.dumps({"id": "a1", "text": TEXT, "original_text": TEXT}) + "\n")
    (folder / "attributions.jsonl").write_text(json.dumps({"id": "a1", "attributions": attributions}) + "\n")
    return folder


def test_lists_vias_and_unnamed_outlet_referents_only(tmp_path: Path) -> None:
    items = list(outlets_cited.found_items(_output(tmp_path / "out")))
    assert [(i["kind"], i["source"], i["found"]) for i in items] == [
        ("referent", "the media outlet", "CBS News"),
        ("via", "A source", "CNN"),
    ]
    assert "told CNN" in items[1]["context"]


def test_scores_labelled_items_and_counts_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _output(tmp_path / "out")
    labels = tmp_path / "labels.jsonl"
    label = {"article": "a1", "kind": "via", "source_start": TEXT.index("A source"), "verdict": "wrong"}
    labels.write_text(json.dumps(label) + "\n")
    monkeypatch.setattr(sys, "argv", ["outlets_cited", str(out), "--labels", str(labels)])
    outlets_cited.main()
    printed = capsys.readouterr().out
    assert "via: 1 labelled, precision 0.000 (0/1); 0 unlabelled" in printed
    assert "referent: 0 labelled, precision - (0/0); 1 unlabelled" in printed


def test_shipped_labels_are_well_formed() -> None:
    rows = [json.loads(line) for line in outlets_cited.LABELS.open(encoding="utf-8")]
    keys = {(r["article"], r["kind"], r["source_start"]) for r in rows}
    assert len(keys) == len(rows) > 150
    assert {r["verdict"] for r in rows} <= {"right", "wrong"}
    assert {r["set"] for r in rows} == {"polnear", "allsides", "ptc"}
