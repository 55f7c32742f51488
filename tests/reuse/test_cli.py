"""``narratrace reuse`` end to end on the seeds."""

from __future__ import annotations

import json

import typer
from typer.testing import CliRunner

from narratrace.cli.pipeline import register
from tests.conftest import shared_path


def test_reuse_command_writes_pairs_clusters_and_network(tmp_path):
    seeds = shared_path("seeds")
    app = typer.Typer()
    register(app)

    @app.command("noop")  # a second command keeps typer from collapsing the app into one command
    def noop() -> None: ...

    result = CliRunner().invoke(app, ["reuse", str(seeds), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    pairs = [json.loads(line) for line in (tmp_path / "pairs.jsonl").read_text().splitlines()]
    assert sorted(p["kind"] for p in pairs) == ["copy", "shared_quote"]
    copy = next(p for p in pairs if p["kind"] == "copy")
    assert set(copy) >= {"a", "b", "kind", "passages", "direction", "edits"}
    assert copy["direction"]["source"] in (copy["a"], copy["b"])
    for passage in copy["passages"]:
        assert set(passage) == {"a_start", "a_end", "b_start", "b_end", "score", "significance", "a_text", "b_text"}
        assert passage["a_text"] and passage["b_text"]
    clusters = [json.loads(line) for line in (tmp_path / "clusters.jsonl").read_text().splitlines()]
    assert clusters and all(len(c["members"]) >= 2 for c in clusters)
    for name in ("outlet_edges.csv", "outlets.gexf", "outlets.graphml"):
        assert (tmp_path / name).exists()


def test_unknown_engine_is_refused(tmp_path):
    app = typer.Typer()
    register(app)

    @app.command("noop")
    def noop() -> None: ...

    result = CliRunner().invoke(app, ["reuse", str(tmp_path), "--out", str(tmp_path), "--engine", "hadoop"])
    assert result.exit_code != 0
