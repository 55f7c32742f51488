"""The seeds end to end: 000 -> 002 with a credit among the evidence; 001/003 only share a quote."""

from __future__ import annotations

from pathlib import Path

import pytest

from narratrace.ingest.article import Article
from narratrace.provenance import build_outlet_network, infer_directions


def test_seed_directions(seeds_dir: Path) -> None:
    reuse = pytest.importorskip("narratrace.reuse")
    if not hasattr(reuse, "find_reuse"):
        pytest.skip("narratrace.reuse.find_reuse is not available yet")
    from narratrace.clean import clean_article
    from narratrace.ingest import ReadOptions, read_paths

    articles = [a for a in read_paths(sorted(seeds_dir.glob("*.txt")), ReadOptions()) if isinstance(a, Article)]
    by_seed = {Path(a.source_path or "").name[:3]: a.id for a in articles}
    cleaned = {a.id: clean_article(a) for a in articles}
    result = reuse.find_reuse(list(cleaned.values()))
    directions = infer_directions(result.pairs, cleaned)

    first, second = sorted((by_seed["000"], by_seed["002"]))
    verdict = directions[(first, second)]
    assert verdict.source == by_seed["000"]
    credits = [e for e in verdict.evidence if e.kind == "credit" and e.favours == by_seed["000"]]
    assert credits and "Sputnikenews.com" in credits[0].detail

    quote_first, quote_second = sorted((by_seed["001"], by_seed["003"]))
    if (quote_first, quote_second) in directions:
        assert directions[(quote_first, quote_second)].source is None
    graph = build_outlet_network(result.pairs, directions, cleaned)
    assert list(graph.edges()) == [(f"unknown:{by_seed['000']}", f"unknown:{by_seed['002']}")]
