"""Outlet network and story DAGs."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx

from narratrace.clean.types import CleanArticle
from narratrace.provenance import build_outlet_network, story_dags, write_network
from narratrace.provenance.types import Direction
from narratrace.reuse.types import ReusePair
from tests.provenance.helpers import SHARED, make_article, make_pair


def _corpus() -> tuple[dict[str, CleanArticle], list[ReusePair], dict[tuple[str, str], Direction]]:
    articles = {
        "a1": make_article("a1", SHARED, outlet="rt.com", published="2021-01-01"),
        "a2": make_article("a2", SHARED, outlet="blog.example", published="2021-01-03"),
        "a3": make_article("a3", SHARED, outlet="blog.example", published="2021-01-02"),
        "a4": make_article("a4", SHARED),  # unknown outlet
        "q1": make_article("q1", SHARED, outlet="rt.com"),
        "q2": make_article("q2", SHARED, outlet="cnn.com"),
    }
    pairs = [
        make_pair(articles["a1"], articles["a2"]),
        make_pair(articles["a1"], articles["a3"]),
        make_pair(articles["a1"], articles["a4"]),
        make_pair(articles["a2"], articles["a3"]),
        make_pair(articles["q1"], articles["q2"], kind="shared_quote"),
    ]
    directions = {
        ("a1", "a2"): Direction("a1", 0.9),
        ("a1", "a3"): Direction("a1", 0.7),
        ("a1", "a4"): Direction("a1", 0.8),
        ("a2", "a3"): Direction(None, 0.5),
        ("q1", "q2"): Direction(None, 0.5),
    }
    return articles, pairs, directions


def test_outlet_network_edges_and_attributes() -> None:
    articles, pairs, directions = _corpus()
    graph = build_outlet_network(pairs, directions, articles)
    assert set(graph.edges()) == {("rt.com", "blog.example"), ("rt.com", "unknown:a4")}
    edge = graph.edges["rt.com", "blog.example"]
    assert edge["weight"] == 2 and edge["passages"] == 2
    assert edge["mean_confidence"] == 0.8
    assert edge["first_seen"] == "2021-01-02"
    assert edge["examples"] == "a1>a2 a1>a3"
    assert graph.nodes["unknown:a4"]["unknown"] is True
    assert graph.nodes["rt.com"]["as_source"] == 3
    assert graph.nodes["blog.example"]["undecided"] == 2
    assert graph.graph["undecided_pairs"] == 1
    assert "cnn.com" not in graph  # a shared quote is not content sharing


def test_write_network_round_trips(tmp_path: Path) -> None:
    articles, pairs, directions = _corpus()
    paths = write_network(build_outlet_network(pairs, directions, articles), tmp_path / "net")
    with paths["csv"].open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows[0]["source"] == "rt.com" and rows[0]["target"] == "blog.example" and rows[0]["weight"] == "2"
    for reader in (nx.read_gexf, nx.read_graphml):
        graph = reader(paths["gexf"] if reader is nx.read_gexf else paths["graphml"])
        assert graph.number_of_edges() == 2


def test_edge_table_cells_cannot_become_spreadsheet_formulas(tmp_path: Path) -> None:
    # Outlet names come from user input (metadata, --map, file names); a spreadsheet must show them as text.
    evil = '=HYPERLINK("http://evil.example","x")'
    articles = {
        "a1": make_article("a1", SHARED, outlet=evil, published="2021-01-01"),
        "a2": make_article("a2", SHARED, outlet="blog.example", published="2021-01-03"),
    }
    graph = build_outlet_network(
        [make_pair(articles["a1"], articles["a2"])], {("a1", "a2"): Direction("a1", 0.9)}, articles
    )
    paths = write_network(graph, tmp_path)
    with paths["csv"].open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows[0]["source"] == "'" + evil and rows[0]["target"] == "blog.example"
    assert evil in nx.read_graphml(paths["graphml"])  # exact in the graph files, which no spreadsheet runs


def test_network_files_hold_outlets_with_control_characters(tmp_path: Path) -> None:
    articles = {
        "a1": make_article("a1", SHARED, outlet="Evil\x01Out", published="2021-01-01"),
        "a2": make_article("a2", SHARED, outlet="blog.example", published="2021-01-03"),
    }
    graph = build_outlet_network(
        [make_pair(articles["a1"], articles["a2"])], {("a1", "a2"): Direction("a1", 0.9)}, articles
    )
    paths = write_network(graph, tmp_path)
    assert "Evil\ufffdOut" in nx.read_graphml(paths["graphml"]) and "Evil\ufffdOut" in nx.read_gexf(paths["gexf"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["outlet_edges.csv", "outlets.gexf", "outlets.graphml"]


def test_story_dags_group_and_direct() -> None:
    articles, pairs, directions = _corpus()
    stories = story_dags(pairs, directions, articles)
    assert len(stories) == 1
    dag = stories[0]
    assert set(dag.nodes()) == {"a1", "a2", "a3", "a4"}
    assert set(dag.edges()) == {("a1", "a2"), ("a1", "a3"), ("a1", "a4")}
    assert dag.graph["undecided"] == "a2-a3"
    assert dag.nodes["a1"]["outlet"] == "rt.com"


def test_story_dags_break_cycles_at_the_weakest_edge() -> None:
    articles = {i: make_article(i, SHARED) for i in ("x", "y", "z")}
    pairs = [make_pair(articles["x"], articles["y"]), make_pair(articles["y"], articles["z"]),
             make_pair(articles["x"], articles["z"])]  # fmt: skip
    directions = {("x", "y"): Direction("x", 0.9), ("y", "z"): Direction("y", 0.8), ("x", "z"): Direction("z", 0.6)}
    dag = story_dags(pairs, directions, articles)[0]
    assert nx.is_directed_acyclic_graph(dag)
    assert dag.graph["dropped"] == "z>x"


def test_empty_inputs() -> None:
    assert build_outlet_network([], {}, {}).number_of_nodes() == 0
    assert story_dags([], {}, {}) == []
