"""The reuse benchmark's corpus generator: deterministic, and its ground truth holds up against the text."""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any

import pytest

from bench.corpus_gen import generate
from bench.corpus_sources import load_ptc, natural_pairs
from bench.corpus_truth import lifted_sentence, true_passages
from bench.reuse_metrics import boundary_errors, score
from tests.conftest import shared_path


def _read(folder: Path) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    docs = {}
    with (folder / "corpus.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            docs[record["id"]] = record
    return docs, json.loads((folder / "truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    ptc = shared_path("data", "ptc", "articles")
    folder = generate(600, seed=3, out_dir=tmp_path_factory.mktemp("c600"), ptc_dir=ptc)
    return _read(folder)


def test_same_seed_same_corpus(tmp_path: Path) -> None:
    ptc = shared_path("data", "ptc", "articles")
    first = generate(120, seed=5, out_dir=tmp_path / "one", ptc_dir=ptc)
    second = generate(120, seed=5, out_dir=tmp_path / "two", ptc_dir=ptc)
    other = generate(120, seed=6, out_dir=tmp_path / "three", ptc_dir=ptc)
    for name in ("corpus.jsonl", "truth.json"):
        assert (first / name).read_bytes() == (second / name).read_bytes()
    assert (first / "corpus.jsonl").read_bytes() != (other / "corpus.jsonl").read_bytes()


def test_workers_and_resume_write_the_same_corpus(tmp_path: Path) -> None:
    ptc = shared_path("data", "ptc", "articles")
    one = generate(120, seed=5, out_dir=tmp_path / "one", ptc_dir=ptc, stock_phrases=50)
    forked = generate(120, seed=5, out_dir=tmp_path / "two", ptc_dir=ptc, stock_phrases=50, workers=2)
    expected = (one / "corpus.jsonl").read_bytes()
    assert (forked / "corpus.jsonl").read_bytes() == expected
    assert (forked / "truth.json").read_bytes() == (one / "truth.json").read_bytes()
    cut = tmp_path / "cut"
    cut.mkdir()
    (cut / "corpus.jsonl").write_bytes(expected[: len(expected) // 3])  # interrupted mid-line
    generate(120, seed=5, out_dir=cut, ptc_dir=ptc, stock_phrases=50, with_truth=False, resume=True)
    assert (cut / "corpus.jsonl").read_bytes() == expected
    assert not (cut / "truth.json").exists()


def test_corpus_shape(corpus: tuple[dict[str, dict[str, Any]], dict[str, Any]]) -> None:
    docs, truth = corpus
    assert len(docs) == 600
    assert all(set(r) == {"id", "url", "outlet", "title", "published", "text"} for r in docs.values())
    copies = [d for d in truth["docs"].values() if d["kind"] == "copy"]
    assert len(copies) == 60
    # Copies of copies exist, and no copy is published by its source's outlet.
    assert any(truth["docs"][d["parent"]]["kind"] == "copy" for d in copies)
    assert all(d["outlet"] != truth["docs"][d["parent"]]["outlet"] for d in copies)
    ops = {e["op"] for d in copies for e in d["edits"]}
    assert {"delete_paragraphs", "substitute_words", "credit", "exact_copy"} <= ops
    assert len({r["outlet"] for r in docs.values()}) > 20
    assert any(r["published"] is None for r in docs.values())


def test_every_true_passage_is_shared_text(corpus: tuple[dict[str, dict[str, Any]], dict[str, Any]]) -> None:
    docs, truth = corpus
    assert truth["pairs"]
    for pair in truth["pairs"]:
        assert pair["a"] < pair["b"]
        a_text, b_text = docs[pair["a"]]["text"], docs[pair["b"]]["text"]
        for a0, a1, b0, b1 in pair["passages"]:
            a_part, b_part = a_text[a0:a1], b_text[b0:b1]
            assert len(a_part.split()) >= 10
            if a_part != b_part:  # only word substitutions tell them apart
                ratio = difflib.SequenceMatcher(None, a_part.split(), b_part.split(), autojunk=False).ratio()
                assert ratio > 0.8, (pair["a"], pair["b"], a_part[:80], b_part[:80])
            # Edges sit on word boundaries.
            assert a0 == 0 or a_text[a0 - 1].isspace()
            assert a1 == len(a_text) or a_text[a1].isspace()


def test_exact_copies_share_their_whole_text(corpus: tuple[dict[str, dict[str, Any]], dict[str, Any]]) -> None:
    docs, truth = corpus
    by_pair = {(p["a"], p["b"]): p for p in truth["pairs"]}
    exact = [(i, d) for i, d in truth["docs"].items() if {"op": "exact_copy"} in d["edits"]]
    assert exact
    for doc_id, meta in exact:
        parent = meta["parent"]
        assert docs[doc_id]["text"] == docs[parent]["text"]
        pair = by_pair[tuple(sorted((doc_id, parent)))]
        assert pair["source"] == parent and pair["relation"] == "direct"


def test_direction_points_to_the_ancestor(corpus: tuple[dict[str, dict[str, Any]], dict[str, Any]]) -> None:
    _, truth = corpus
    for pair in truth["pairs"]:
        if pair["relation"] == "sibling":
            assert pair["source"] is None
            continue
        child = pair["b"] if pair["source"] == pair["a"] else pair["a"]
        line = []
        node = truth["docs"][child]["parent"]
        while node is not None:
            line.append(node)
            node = truth["docs"][node]["parent"]
        assert pair["source"] in line


def test_a_lifted_sentence_is_one_passage_of_one_unquoted_sentence() -> None:
    assert lifted_sentence(["He was charged shortly before holding a news conference Friday."])
    assert lifted_sentence(["a clause cut before its end, of some ten words or more"])
    assert not lifted_sentence(["They found trace amounts of marijuana. Officers seized the drugs."])
    assert not lifted_sentence(["Was he charged? He held a news conference on Friday afternoon."])
    assert not lifted_sentence(["\u201cThese people are truly crazy, and the pontiff talks of atonement.\u201d"])
    assert not lifted_sentence(["One sentence shared here by the two.", "And another one further on, too."])
    assert not lifted_sentence([])


def test_lifted_sentence_pairs_share_one_passage(corpus: tuple[dict[str, dict[str, Any]], dict[str, Any]]) -> None:
    docs, truth = corpus
    flagged = [pair for pair in truth["pairs"] if pair["lifted_sentence"]]
    assert len(flagged) < len(truth["pairs"]) / 10
    for pair in flagged:
        ((a0, a1, _, _),) = pair["passages"]
        assert lifted_sentence([docs[pair["a"]]["text"][a0:a1]])
    assert all(not pair["lifted_sentence"] for pair in truth["pairs"] if len(pair["passages"]) > 1)


def test_real_originals_share_no_long_span() -> None:
    ptc, stats = load_ptc(shared_path("data", "ptc", "articles"))
    assert stats["residual_shared_shingles"] == 0
    assert len(ptc) > 250
    # Shorter common spans (quotes, stock phrases) remain and are declared instead.
    declared = natural_pairs(ptc)
    assert declared and all(a < b for a, b in declared)


def test_true_passages_bridge_substitutions_not_reorders() -> None:
    words = list(range(30))
    x = ([i * 10 for i in words], [i * 10 + 5 for i in words], words)
    # y: same 30 tags, one substituted (tag 999), then the last ten moved to the front.
    y_tags = words[20:] + words[:5] + [999] + words[6:20]
    y = ([i * 10 for i in range(30)], [i * 10 + 5 for i in range(30)], y_tags)
    passages = true_passages(x, y)
    assert passages == [[0, 195, 100, 295], [200, 295, 0, 95]]


def test_scores_group_split_passages() -> None:
    truth_passages = [(0, 100, 0, 100), (150, 300, 102, 252)]
    merged = [(0, 300, 0, 252)]
    errors, found = boundary_errors(truth_passages, merged)
    assert errors == [0, 0, 0, 0] and found == 2
    off = [(10, 290, 0, 250)]
    assert sorted(boundary_errors(truth_passages, off)[0]) == [0, 2, 10, 10]
    assert boundary_errors(truth_passages, [(400, 500, 400, 500)]) == ([], 0)


def test_score_counts_pairs_and_directions() -> None:
    truth: dict[str, Any] = {
        "docs": {"a": {"root": "a"}, "b": {"root": "a"}, "c": {"root": "a"}},
        "real_originals": {},
        "natural_pairs": [],
        "pairs": [
            {"a": "a", "b": "b", "source": "a", "relation": "direct", "passages": [[0, 50, 0, 50]]},
            {"a": "b", "b": "c", "source": None, "relation": "sibling", "passages": [[0, 50, 10, 60]]},
        ],
    }
    predictions: list[dict[str, Any]] = [
        {"a": "a", "b": "b", "kind": "copy", "passages": [[0, 48, 0, 50]], "source": "b"},
        {"a": "a", "b": "d", "kind": "copy", "passages": [], "source": None},
    ]
    s = score(truth, predictions)
    assert (s.precision, s.recall) == (0.5, 0.5)
    assert s.direction_accuracy == 0.0 and s.direction_pairs == 1
    assert s.boundary_error_median == 0.0 and s.passage_recall == 1.0


def test_copies_of_undated_pages_come_after_them() -> None:
    """An undated page still went up at some time: its dated copies follow it, not a random day in two years."""
    from bench.corpus_gen import REGIMES, Generator

    ptc = shared_path("data", "ptc", "articles")
    generator = Generator(1500, seed=9, ptc_dir=ptc, habits=REGIMES["cut"])
    docs = generator.docs
    assert all(doc.written is not None for doc in docs.values())
    checked = 0
    for doc in docs.values():
        parent = docs.get(doc.parent) if doc.parent is not None else None
        if parent is None or parent.published is not None or doc.published is None:
            continue
        assert parent.written is not None and doc.published[:10] >= parent.written[:10]
        checked += 1
    assert checked > 0
