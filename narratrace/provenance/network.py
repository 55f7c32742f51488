"""The content-sharing network: outlets linked by who copied whom, and one DAG per story.

Edges run from the source outlet to the copying outlet (Starbird et al. 2018's "echo-system").
Articles without a known outlet become ``unknown:<article id>`` nodes so that no copy is hidden.
All node and edge attributes are strings, ints, floats or bools, so GEXF and GraphML can hold them.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import networkx as nx

from narratrace.clean.types import CleanArticle
from narratrace.measures import linked_groups
from narratrace.output_files import spreadsheet_safe, write_atomic, xml_safe
from narratrace.provenance.direction import SHARED_QUOTE
from narratrace.provenance.facts import UNKNOWN_NODE, ArticleFacts, as_facts, outlet_node
from narratrace.provenance.siblings import WIRE_SIBLING
from narratrace.provenance.types import Direction
from narratrace.reuse.types import ReusePair

MAX_EXAMPLES = 5
EDGE_COLUMNS = ("source", "target", "weight", "passages", "shared_chars", "mean_confidence", "first_seen", "examples")


def _directed_copies(
    pairs: Sequence[ReusePair], directions: Mapping[tuple[str, str], Direction]
) -> list[tuple[ReusePair, str, str, Direction]]:
    """(pair, source id, copy id, direction) for copy pairs with a decided direction."""
    out = []
    for pair in pairs:
        direction = directions.get((pair.a, pair.b))
        if pair.kind == SHARED_QUOTE or direction is None or direction.source not in (pair.a, pair.b):
            continue
        copy = pair.b if direction.source == pair.a else pair.a
        out.append((pair, direction.source, copy, direction))
    return out


def build_outlet_network(
    pairs: Sequence[ReusePair],
    directions: Mapping[tuple[str, str], Direction],
    articles: Mapping[str, CleanArticle | ArticleFacts],
) -> nx.DiGraph:
    """Outlet-level directed, weighted network of copying.

    Edge attributes: ``weight`` (copied articles), ``passages``, ``shared_chars`` (of the copy),
    ``mean_confidence``, ``first_seen`` (earliest published date of a copy, "" when none is dated)
    and ``examples`` ("source>copy" article ids, up to five). Node attributes: ``label``,
    ``articles`` (in any copy pair), ``as_source`` and ``as_copy`` counts, ``unknown``. Pairs left
    undecided are counted on their nodes (``undecided``) and in ``graph.graph["undecided_pairs"]``.
    Same-outlet copies are kept as self-loops. Wire siblings (articles carrying one wire story whose
    text is absent) get the wire as their source: a ``wire:<name>`` node with an edge to each of them.
    """
    graph = nx.DiGraph()
    edges: dict[tuple[str, str], dict[str, object]] = {}
    confidences: dict[tuple[str, str], list[float]] = defaultdict(list)
    articles_of: dict[str, set[str]] = defaultdict(set)
    facts: dict[str, ArticleFacts] = {}

    def facts_of(article_id: str) -> ArticleFacts:
        if article_id not in facts:
            facts[article_id] = as_facts(articles[article_id])
        return facts[article_id]

    def node_of(article_id: str) -> str:
        node = facts_of(article_id).network_node
        if node not in graph:
            graph.add_node(
                node, label=node, articles=0, as_source=0, as_copy=0, undecided=0, unknown=node.startswith(UNKNOWN_NODE)
            )
        articles_of[node].add(article_id)
        return node

    for pair, source, copy, direction in _directed_copies(pairs, directions):
        source_node, copy_node = node_of(source), node_of(copy)
        graph.nodes[source_node]["as_source"] += 1
        graph.nodes[copy_node]["as_copy"] += 1
        edge = edges.setdefault(
            (source_node, copy_node), {"weight": 0, "passages": 0, "shared_chars": 0, "first_seen": "", "examples": []}
        )
        edge["weight"] = int(edge["weight"]) + 1  # type: ignore[call-overload]
        edge["passages"] = int(edge["passages"]) + len(pair.passages)  # type: ignore[call-overload]
        side_is_a = copy == pair.a
        edge["shared_chars"] = int(edge["shared_chars"]) + sum(  # type: ignore[call-overload]
            (p.a_end - p.a_start) if side_is_a else (p.b_end - p.b_start) for p in pair.passages
        )
        examples = edge["examples"]
        assert isinstance(examples, list)
        if len(examples) < MAX_EXAMPLES:
            examples.append(f"{source}>{copy}")
        seen = facts_of(copy).published_day if not facts_of(copy).date_warning else ""  # not a flagged crawl date
        if seen and (not edge["first_seen"] or seen < str(edge["first_seen"])):
            edge["first_seen"] = seen
        confidences[(source_node, copy_node)].append(direction.confidence)

    _add_wire_sources(graph, pairs, directions, node_of, edges, confidences)

    undecided = 0
    for pair in pairs:
        verdict = directions.get((pair.a, pair.b))
        if pair.kind != SHARED_QUOTE and (verdict is None or verdict.source is None):
            undecided += 1
            for article_id in (pair.a, pair.b):
                graph.nodes[node_of(article_id)]["undecided"] += 1

    for (source_node, copy_node), attrs in edges.items():
        values = confidences[(source_node, copy_node)]
        examples = attrs.pop("examples")
        assert isinstance(examples, list)
        graph.add_edge(
            source_node,
            copy_node,
            **attrs,
            examples=" ".join(examples),
            mean_confidence=round(sum(values) / len(values), 4),
        )
    for node, ids in articles_of.items():
        graph.nodes[node]["articles"] = len(ids)
    graph.graph["undecided_pairs"] = undecided
    return graph


def _add_wire_sources(
    graph: nx.DiGraph,
    pairs: Sequence[ReusePair],
    directions: Mapping[tuple[str, str], Direction],
    node_of: Callable[[str], str],
    edges: dict[tuple[str, str], dict[str, object]],
    confidences: dict[tuple[str, str], list[float]],
) -> None:
    """A ``wire:<name>`` source node for wire siblings: each sibling article is one copy of the wire."""
    linked: set[tuple[str, str]] = set()
    for pair in pairs:
        verdict = directions.get((pair.a, pair.b))
        if verdict is None:
            continue
        for item in verdict.evidence:
            if item.kind != WIRE_SIBLING:
                continue
            wire_node = str(item.data.get("wire_node", f"wire:{item.data.get('wire')}"))
            if wire_node not in graph:
                graph.add_node(
                    wire_node, label=wire_node, articles=0, as_source=0, as_copy=0, undecided=0, unknown=False
                )
            for article_id in (pair.a, pair.b):
                if (wire_node, article_id) in linked:
                    continue
                linked.add((wire_node, article_id))
                copy_node = node_of(article_id)
                graph.nodes[wire_node]["as_source"] += 1
                graph.nodes[copy_node]["as_copy"] += 1
                edge = edges.setdefault(
                    (wire_node, copy_node),
                    {"weight": 0, "passages": 0, "shared_chars": 0, "first_seen": "", "examples": []},
                )
                edge["weight"] = int(edge["weight"]) + 1  # type: ignore[call-overload]
                examples = edge["examples"]
                assert isinstance(examples, list)
                if len(examples) < MAX_EXAMPLES:
                    examples.append(f"{wire_node}>{article_id}")
                confidences[(wire_node, copy_node)].append(verdict.confidence)


def write_network(graph: nx.DiGraph, out_dir: Path | str) -> dict[str, Path]:
    """Write ``outlet_edges.csv``, ``outlets.gexf`` and ``outlets.graphml`` into ``out_dir``, each atomically."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {"csv": out / "outlet_edges.csv", "gexf": out / "outlets.gexf", "graphml": out / "outlets.graphml"}

    def write_csv(temp: Path) -> None:
        with temp.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(EDGE_COLUMNS)
            for source, target, attrs in sorted(
                graph.edges(data=True), key=lambda e: (-int(e[2].get("weight", 0)), e[0], e[1])
            ):
                row = [source, target, *(attrs.get(column, "") for column in EDGE_COLUMNS[2:])]
                writer.writerow([spreadsheet_safe(cell) for cell in row])

    write_atomic(paths["csv"], write_csv)
    xml_graph = _xml_safe_graph(graph)
    write_atomic(paths["gexf"], lambda temp: nx.write_gexf(xml_graph, temp))
    write_atomic(paths["graphml"], lambda temp: nx.write_graphml(xml_graph, temp))
    return paths


def _xml_safe_graph(graph: nx.DiGraph) -> nx.DiGraph:
    """A copy whose names and text attributes XML can hold (outlet names come from hostile input)."""
    safe = nx.relabel_nodes(graph, {node: xml_safe(node) for node in graph}, copy=True)
    for _, attrs in safe.nodes(data=True):
        attrs.update({key: xml_safe(value) for key, value in attrs.items()})
    for _, _, attrs in safe.edges(data=True):
        attrs.update({key: xml_safe(value) for key, value in attrs.items()})
    safe.graph.update({key: xml_safe(value) for key, value in safe.graph.items()})
    return safe


def story_dags(
    pairs: Sequence[ReusePair],
    directions: Mapping[tuple[str, str], Direction],
    articles: Mapping[str, CleanArticle],
) -> list[nx.DiGraph]:
    """One DAG of articles per connected story (articles linked by copy pairs), largest first.

    Nodes carry ``outlet``, ``published`` and ``title``; edges run source -> copy with
    ``confidence`` and ``passages``. Undecided pairs keep their articles in the story (listed in
    ``graph.graph["undecided"]``) but draw no edge. Where pairwise verdicts form a cycle, the least
    confident edge of the cycle is dropped (recorded in ``graph.graph["dropped"]``) so the result
    is acyclic. Shared-quote pairs do not make a story.
    """
    linked = [(pair.a, pair.b) for pair in pairs if pair.kind != SHARED_QUOTE]
    links = nx.Graph(linked)
    directed = {
        (source, copy): (direction, pair) for pair, source, copy, direction in _directed_copies(pairs, directions)
    }
    stories: list[nx.DiGraph] = []
    for component in linked_groups(linked):  # the one definition of articles that belong together
        dag = nx.DiGraph()
        for article_id in sorted(component):
            article = articles[article_id]
            dag.add_node(
                article_id,
                outlet=outlet_node(article),
                published=article.article.published or "",
                title=article.article.title or "",
            )
        undecided: list[str] = []
        for a, b in links.subgraph(component).edges():
            first, second = sorted((a, b))
            found = directed.get((first, second)) or directed.get((second, first))
            if found is None:
                undecided.append(f"{first}-{second}")
                continue
            direction, pair = found
            source = direction.source or first
            copy = second if source == first else first
            dag.add_edge(source, copy, confidence=round(direction.confidence, 4), passages=len(pair.passages))
        dag.graph["dropped"] = " ".join(_break_cycles(dag))
        dag.graph["undecided"] = " ".join(sorted(undecided))
        dag.graph["story_id"] = min(component)
        stories.append(dag)
    stories.sort(key=lambda g: (-g.number_of_nodes(), g.graph["story_id"]))
    return stories


def _break_cycles(dag: nx.DiGraph) -> list[str]:
    dropped: list[str] = []
    while True:
        try:
            cycle = nx.find_cycle(dag)
        except nx.NetworkXNoCycle:
            return dropped
        weakest = min(cycle, key=lambda edge: (dag.edges[edge[0], edge[1]]["confidence"], edge[0], edge[1]))
        dag.remove_edge(weakest[0], weakest[1])
        dropped.append(f"{weakest[0]}>{weakest[1]}")
