"""`narratrace analyze` end to end on the seeds: the foundation issue's acceptance, as a user runs it."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

REPO = Path(__file__).resolve().parents[2]


def _run_analyze(*args: str) -> subprocess.CompletedProcess[str]:
    from narratrace.techniques.weights import cache_root

    # A bare environment (no HOME of the user's): the unpacked encoder weights are pointed to explicitly,
    # so that they are neither unpacked again nor written into the repository.
    env = {"HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin", "HOME": str(REPO), "NARRATRACE_CACHE": str(cache_root())}
    return subprocess.run(
        [sys.executable, "-m", "narratrace.cli", "analyze", *args],
        capture_output=True,
        text=True,
        timeout=900,
        env=env,
    )


@pytest.fixture(scope="module")
def seeds_analysis(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Path]:
    from tests.conftest import shared_path

    out = tmp_path_factory.mktemp("out")
    result = _run_analyze(str(shared_path("seeds")), "--out", str(out))
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads((out / "analysis.json").read_text(encoding="utf-8")), out


def _by_seed(doc: dict) -> dict[str, dict]:
    return {Path(a["source_path"]).name[:3]: a for a in doc["articles"]}


@pytest.mark.slow
def test_outputs_exist_and_validate(seeds_analysis: tuple[dict, Path]) -> None:
    doc, out = seeds_analysis
    schema = json.loads((REPO / "docs" / "analysis.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(doc, schema)
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<html" in html.lower() and len(doc["articles"]) == 5
    for name in ("pairs.jsonl", "clusters.jsonl", "outlets.gexf", "outlets.graphml", "outlet_edges.csv"):
        assert (out / name).exists(), name
    with (out / "techniques.csv").open(encoding="utf-8", newline="") as handle:
        fragments = list(csv.DictReader(handle))
    assert len(fragments) == sum(len(record["techniques"]) for record in doc["articles"]) > 0
    texts = {record["id"]: record["original_text"] for record in doc["articles"]}
    row = fragments[0]
    assert row["fragment"] == texts[row["article_id"]][int(row["start"]) : int(row["end"])]


@pytest.mark.slow
def test_seed_boilerplate_dates_and_reuse(seeds_analysis: tuple[dict, Path]) -> None:
    doc, _ = seeds_analysis
    seeds = _by_seed(doc)
    flagged = {k for k, a in seeds.items() if any(w["kind"] == "date_mismatch" for w in a["warnings"])}
    assert flagged == {"001", "004"}
    kinds_001 = {b["kind"] for b in seeds["001"]["boilerplate"]}
    assert {"dateline", "navigation", "read_more", "related_headlines", "tags", "comment_form"} <= kinds_001
    for article in doc["articles"]:
        for line in article["boilerplate"]:
            assert article["original_text"][line["start"] : line["end"]] == line["text"]
            assert line["text"] not in article["text"]
    copies = {
        frozenset((Path(_id_to_path(doc, p["a"])).name[:3], Path(_id_to_path(doc, p["b"])).name[:3]))
        for p in doc["reuse"]
        if p["kind"] == "copy"
    }
    assert frozenset(("000", "002")) in copies


def _id_to_path(doc: dict, article_id: str) -> str:
    return next(a["source_path"] for a in doc["articles"] if a["id"] == article_id)


@pytest.mark.slow
def test_bad_inputs_are_reported_and_the_rest_analysed(tmp_path: Path) -> None:
    from tests.conftest import shared_path

    corpus = tmp_path / "corpus"
    shutil.copytree(shared_path("seeds"), corpus)
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "broken.warc.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    (corpus / "evil.html").write_text(
        "<html><head><title>x</title></head><body><script>alert(1)</script>"
        "<p>The council voted on Tuesday to close the harbour after the storm damaged the pier badly.</p>"
        "<p>Residents said the decision came too late, and that repairs </script><img src=x onerror=alert(2)>"
        " would take many months to complete.</p></body></html>",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = _run_analyze(str(corpus), "--out", str(out), "--skip", "techniques")
    assert result.returncode == 1  # some inputs failed ...
    doc = json.loads((out / "analysis.json").read_text(encoding="utf-8"))
    failed = {Path(e["source_path"]).name for e in doc["inputs"]["errors"]}
    assert {"binary.txt", "empty.txt", "broken.warc.gz"} <= failed
    assert all(e["reason"] for e in doc["inputs"]["errors"])
    assert len(doc["articles"]) >= 5  # ... and everything else was analysed
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<img src=x onerror" not in html and "<script>alert(1)" not in html


def test_unknown_technique_model_is_refused_before_any_work(tmp_path: Path) -> None:
    import typer
    from typer.testing import CliRunner

    from narratrace.cli import pipeline as pipeline_cli

    app = typer.Typer()
    pipeline_cli.register(app)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["analyze", str(tmp_path), "--out", str(out), "--techniques-model", "no-such-model"]
    )
    assert result.exit_code != 0
    assert "nor a folder" in result.output and "techniques-model" in result.output
    assert not out.exists()  # nothing ingested, nothing written


@pytest.mark.slow
def test_the_service_answers_from_the_seeds_analysis(seeds_analysis: tuple[dict, Path]) -> None:
    """`narratrace serve out`: 002's copy of 000 and the story of the evacuation, asked as a script would."""
    from fastapi.testclient import TestClient

    from narratrace.serve import create_app

    doc, _ = seeds_analysis
    seeds = _by_seed(doc)
    client = TestClient(create_app(doc))
    copies = client.get("/api/pairs", params={"kind": "copy"}).json()["items"]
    assert {seeds["000"]["id"], seeds["002"]["id"]} in [{p["a"], p["b"]} for p in copies]
    detail = client.get(f"/api/articles/{seeds['002']['id']}").json()
    assert any(p["kind"] == "copy" and seeds["000"]["id"] in (p["a"], p["b"]) for p in detail["pairs"])
    story = client.get(f"/api/stories/{seeds['000']['story']}").json()
    assert {seeds[s]["id"] for s in ("000", "001", "002", "003")} <= {a["id"] for a in story["articles"]}
    assert seeds["004"]["id"] not in {a["id"] for a in story["articles"]}
