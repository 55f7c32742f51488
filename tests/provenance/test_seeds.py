"""The seeds end to end: 000 -> 002 with a credit among the evidence; 001/003 only share a quote;
the 000/002 record is written from source to copy, so 002's own lines are "added"."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from narratrace.clean import clean_article
from narratrace.ingest import ReadOptions, read_paths
from narratrace.ingest.article import Article
from narratrace.provenance import build_outlet_network, infer_directions
from narratrace.provenance.records import pair_record
from narratrace.reuse import find_reuse


def test_seed_directions_and_edits(seeds_dir: Path) -> None:
    articles = [a for a in read_paths(sorted(seeds_dir.glob("*.txt")), ReadOptions()) if isinstance(a, Article)]
    by_seed = {Path(a.source_path or "").name[:3]: a.id for a in articles}
    cleaned = {a.id: clean_article(a) for a in articles}
    result = find_reuse(list(cleaned.values()))
    directions = infer_directions(result.pairs, cleaned)

    first, second = sorted((by_seed["000"], by_seed["002"]))
    assert (first, second) in directions
    verdict = directions[(first, second)]
    assert verdict.source == by_seed["000"]
    credits = [e for e in verdict.evidence if e.kind == "credit" and e.favours == by_seed["000"]]
    assert credits and "Sputnikenews.com" in credits[0].detail

    quote_key = tuple(sorted((by_seed["001"], by_seed["003"])))
    assert quote_key in directions
    assert directions[quote_key].source is None

    graph = build_outlet_network(result.pairs, directions, cleaned)
    assert list(graph.edges()) == [(f"unknown:{by_seed['000']}", f"unknown:{by_seed['002']}")]

    pair = next(p for p in result.pairs if (p.a, p.b) == (first, second))
    record = pair_record(pair, lambda i: cleaned[i].article.text, verdict)
    assert (record["a"], record["b"]) == (by_seed["000"], by_seed["002"])
    edits = cast(list[dict[str, Any]], record["edits"])
    added = " ".join(e["b_text"] for e in edits if e["op"] == "added")
    removed = " ".join(e["a_text"] for e in edits if e["op"] == "removed")
    assert "invited ISIS terrorists" in added and "disguised as a fake volunteer rescue group" in added
    assert "invited ISIS terrorists" not in removed
    for passage in cast(list[dict[str, Any]], record["passages"]):  # sides follow the flip: a is the source's text
        assert cleaned[by_seed["000"]].article.text[passage["a_start"] : passage["a_end"]] == passage["a_text"]
