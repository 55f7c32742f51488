"""The ``reuse`` stage: which articles share text, who copied whom, and the outlet network.

Reuse and provenance run as one stage because every answer an analyst reads about a shared passage (its
pair, its direction, its edge in the outlet network) comes from both. The stage always works on the lean
``ReuseCorpus`` (cleaned text, offset map, provenance facts, compressed original): in an ``analyze`` run it
is made from the cleaned articles, in a lean run (``narratrace reuse`` on a large corpus) straight from the
stored articles, cleaning on all cores. Both give the same pairs.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

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
from narratrace.document import ArticleRef, ReportOptions, as_list
from narratrace.output_files import write_jsonl
from narratrace.provenance.corpus import ReuseCorpus
from narratrace.provenance.direction import infer_directions
from narratrace.provenance.network import build_outlet_network, write_network
from narratrace.provenance.records import cluster_record, network_record, pair_record
from narratrace.provenance.report_view import cluster_views, edge_rows, network_data, pair_views
from narratrace.provenance.types import Direction
from narratrace.reuse import find_reuse, rank_key
from narratrace.reuse.types import ReuseCluster, ReusePair


@dataclass(frozen=True)
class ReuseAnalysis:
    """Pairs sorted by (a, b), passage clusters, a direction per pair (keyed (a, b)), the outlet network."""

    pairs: list[ReusePair]
    clusters: list[ReuseCluster]
    directions: dict[tuple[str, str], Direction]
    network: nx.DiGraph
    corpus: ReuseCorpus
    stock_pairs: list[ReusePair] = field(default_factory=list)  # only common phrasing; kept on request
    lean: bool = False  # made in a lean run: records go straight to the files

    def ranked(self) -> list[ReusePair]:
        """Linked pairs by significant shared text, most first, then the stock pairs (if kept) likewise."""
        return sorted(self.pairs, key=rank_key) + sorted(self.stock_pairs, key=rank_key)

    @property
    def copies(self) -> int:
        return sum(1 for p in self.pairs if p.kind == "copy")


KEEP_STOCK = StageOption(
    "keep-stock",
    "Also list pairs that share only common phrasing (kind stock); they never count as links or network edges.",
    False,
)


class ReuseStage(StageBase[ReuseAnalysis]):
    name = "reuse"
    title = "Text reuse"
    options: tuple[StageOption, ...] = (KEEP_STOCK,)

    def run(self, context: StageContext) -> ReuseAnalysis:
        if context.lean:
            corpus = ReuseCorpus()
            for done, lean in enumerate(ReuseCorpus.lean_stream(context.raw_articles()), start=1):
                corpus.add(lean)
                context.progress("clean (lean)", done, 0)
            corpus.mask_repeated_chrome()
        else:
            corpus = ReuseCorpus.from_clean(context.articles)
        keep_stock = bool(context.option(KEEP_STOCK.name, False))
        reuse = find_reuse(corpus.sources, engine=context.engine, keep_stock=keep_stock, progress=context.progress)
        context.progress("directions", 0, len(reuse.pairs))
        directions = infer_directions(reuse.pairs, corpus.facts)
        network = build_outlet_network(reuse.pairs, directions, corpus.facts)
        context.progress("directions", len(reuse.pairs), len(reuse.pairs))
        return ReuseAnalysis(
            list(reuse.pairs),
            list(reuse.clusters),
            dict(directions),
            network,
            corpus,
            list(reuse.stock_pairs),
            lean=context.lean,
        )

    def document(self, result: ReuseAnalysis, context: StageContext) -> DocumentSection:
        if context.lean:  # a lean run streams its records to the files instead (``files``)
            return DocumentSection()
        return DocumentSection(
            top={
                "reuse": list(self._pair_records(result)),
                "clusters": [cluster_record(c) for c in result.clusters],
                "outlet_network": network_record(result.network),
            }
        )

    @staticmethod
    def _pair_records(result: ReuseAnalysis) -> Iterator[JsonObject]:
        for pair in result.ranked():
            yield pair_record(pair, result.corpus.original_text, result.directions.get((pair.a, pair.b)))

    def tables(self, doc: Document) -> list[Table]:
        return [
            Table("pairs", as_list(doc.get("reuse")), formats=("jsonl",)),
            Table("clusters", as_list(doc.get("clusters")), formats=("jsonl",)),
        ]

    def report(self, doc: Document, refs: Mapping[str, ArticleRef], options: ReportOptions) -> list[ReportSection]:
        network = network_data(doc, refs)
        return [
            ReportSection(
                "reuse",
                "Text reuse",
                "_reuse.html",
                {
                    "pairs": pair_views(doc, refs, options.max_pairs),
                    "total_pairs": len(as_list(doc.get("reuse"))),
                    "clusters": cluster_views(doc, refs),
                    "options": options,
                },
            ),
            ReportSection(
                "network",
                "Outlet network",
                "_network.html",
                {"network": network, "edge_rows": edge_rows(network)},
                scripts={"nt-network": network},
            ),
        ]

    def files(self, result: ReuseAnalysis, out_dir: Path) -> dict[str, Path]:
        """outlet_edges.csv, outlets.gexf and outlets.graphml (Gephi, Cytoscape); in a lean run also pairs.jsonl
        and clusters.jsonl, written a record at a time (a 100k-article corpus has hundreds of MB of pairs)."""
        written = {path.name: path for path in write_network(result.network, out_dir).values()}
        if result.lean:
            written["pairs.jsonl"] = write_jsonl(out_dir / "pairs.jsonl", self._pair_records(result))
            written["clusters.jsonl"] = write_jsonl(out_dir / "clusters.jsonl", map(cluster_record, result.clusters))
        return written
