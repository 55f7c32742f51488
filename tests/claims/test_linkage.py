"""Linkage, blocking and the statement cap: chains are cut, pairs are the true top-k, long articles are capped."""

import numpy as np
import pytest

from narratrace.claims import linkage
from narratrace.claims.blocking import candidate_pairs
from narratrace.claims.linkage import Candidates, block_and_embed, cluster_statements, pair_scores, split_component
from narratrace.claims.statements import MAX_STATEMENTS_PER_ARTICLE, article_statements

from .helpers import article


def _unit(*rows: list[float]) -> np.ndarray:
    vectors = np.array(rows, dtype=np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


# A chain: A is like B, B is like C, A is unlike C (cosines 0.8, 0.8, 0.28); D stands alone.
CHAIN = _unit([1.0, 0.0, 0.0], [0.8, 0.6, 0.0], [0.28, 0.96, 0.0], [0.0, 0.0, 1.0])


def _candidates(vectors: np.ndarray, pairs: list[tuple[int, int]]) -> Candidates:
    first = np.array([i for i, _ in pairs], dtype=np.int64)
    second = np.array([j for _, j in pairs], dtype=np.int64)
    return Candidates(first, second, np.arange(len(vectors)), vectors)


def test_complete_linkage_cuts_a_chain_that_components_would_join() -> None:
    candidates = _candidates(CHAIN, [(0, 1), (1, 2), (0, 2), (2, 3)])
    scores = pair_scores(candidates)
    assert scores == pytest.approx([0.8, 0.8, 0.28, 0.0], abs=1e-5)
    matched = scores >= 0.55
    assert cluster_statements(candidates, matched, 0.55, "single") == [[0, 1, 2]]
    complete = cluster_statements(candidates, matched, 0.55, "complete")
    assert len(complete) == 1 and complete[0] in ([0, 1], [1, 2])  # one end of the chain stays out
    assert all(len(group) > 1 for group in complete)  # a statement left alone is no claim


def test_cluster_cut_is_stricter_than_the_pair_threshold_when_asked() -> None:
    similarity = CHAIN[:3] @ CHAIN[:3].T
    assert len(set(split_component(similarity, 0.2, "complete").tolist())) == 1
    assert len(set(split_component(similarity, 0.85, "complete").tolist())) == 3
    assert len(set(split_component(similarity, 0.5, "average").tolist())) == 1  # A~C averages (0.8+0.28)/2
    assert len(set(split_component(similarity, 0.6, "average").tolist())) == 2


def test_unknown_linkage_is_refused() -> None:
    with pytest.raises(ValueError, match="linkage"):
        cluster_statements(_candidates(CHAIN, [(0, 1)]), np.array([True]), 0.5, "ward")


def test_oversized_components_are_split_greedily(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(linkage, "MAX_LINKAGE_SIZE", 2)
    labels = split_component(CHAIN[:3] @ CHAIN[:3].T, 0.55, "complete")
    assert labels.tolist() == [0, 0, 1]  # B joins A's claim; C does not match A, the leader


def test_pair_scores_in_chunks_equal_one_gather(monkeypatch: pytest.MonkeyPatch) -> None:
    generator = np.random.default_rng(5)
    vectors = generator.normal(size=(30, 16)).astype(np.float32)
    pairs = [(i, j) for i in range(30) for j in range(i + 1, 30) if (i * j) % 7 == 1]
    candidates = _candidates(vectors, pairs)
    whole = np.einsum("ij,ij->i", vectors[candidates.first], vectors[candidates.second])
    monkeypatch.setattr(linkage, "_SCORE_CHUNK", 4)
    assert pair_scores(candidates).tolist() == whole.tolist()


def test_big_components_are_split_in_chunks_as_the_square_matrix_would(monkeypatch: pytest.MonkeyPatch) -> None:
    # 60 statements around 4 directions, all joined into one component; an adjustment that depends on the pair.
    generator = np.random.default_rng(3)
    centres = generator.normal(size=(4, 8))
    vectors = centres[generator.integers(0, 4, 60)] + 0.35 * generator.normal(size=(60, 8))
    vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
    bonus = generator.uniform(-0.05, 0.05, 60).astype(np.float32)

    def adjust(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return bonus[a] * bonus[b] * 10

    candidates = _candidates(vectors, [(i, i + 1) for i in range(59)])
    matched = np.ones(59, dtype=bool)
    rows = np.arange(60)
    square = linkage._greedy_labels(linkage._similarities(rows, vectors, adjust), 0.7)
    monkeypatch.setattr(linkage, "_GREEDY_CHUNK", 7)
    chunked = linkage._greedy_labels_in_chunks(rows, vectors, adjust, 0.7)
    assert chunked.tolist() == square.tolist() and len(set(square.tolist())) > 1
    monkeypatch.setattr(linkage, "MAX_LINKAGE_SIZE", 10)
    groups = cluster_statements(candidates, matched, 0.7, "complete", adjust)
    expected = [sorted(np.flatnonzero(square == label).tolist()) for label in np.unique(square)]
    assert sorted(groups) == sorted(group for group in expected if len(group) > 1)


def test_blocking_keeps_each_statements_top_k_from_other_articles() -> None:
    texts = [
        "the senate passed the budget bill on friday",
        "senate passes budget bill friday after long debate",
        "budget bill passed by the senate",
        "the senate budget bill vote was close",
        "rain flooded the valley towns overnight",
        "valley towns flooded by overnight rain",
    ]
    groups = [0, 1, 2, 3, 4, 0]
    everything = candidate_pairs(texts, groups, 0.0, 100)
    assert all(i < j and groups[i] != groups[j] for i, j, _ in everything)
    assert [p[:2] for p in everything] == sorted({p[:2] for p in everything})
    top_one = candidate_pairs(texts, groups, 0.0, 1)
    for statement in range(len(texts)):
        scores = {(i, j): s for i, j, s in everything if statement in (i, j)}
        if scores:
            best = max(scores.values())
            kept = [s for (i, j), s in ((p[:2], p[2]) for p in top_one) if statement in (i, j)]
            assert kept and max(kept) == pytest.approx(best)
    assert candidate_pairs(texts, [0] * len(texts)) == []  # one article: nothing to compare


def test_copies_are_embedded_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import narratrace.nlp

    seen: list[list[str]] = []

    def fake_embed(texts: list[str], batch_size: int = 64, pool: object = None) -> np.ndarray:
        assert pool is None  # four statements stay in-process
        seen.append(list(texts))
        return _unit(*[[1.0, float(len(t)), 0.0] for t in texts])

    monkeypatch.setattr(narratrace.nlp, "embed_sentences", fake_embed)
    texts = [
        "The ministry said forty people were evacuated from the town.",
        "The ministry said forty people were evacuated from the town.",
        "The ministry said “forty” people were evacuated from the town.",
        'The ministry said "forty" people were evacuated from the town.',
    ]
    candidates = block_and_embed(texts, [0, 1, 2, 3], 0.1, 10)
    assert len(candidates.embedded) == 4 and len(seen) == 1 and len(seen[0]) == 2
    assert np.allclose(candidates.vectors[0], candidates.vectors[1])
    assert np.allclose(candidates.vectors[2], candidates.vectors[3])


def test_long_articles_keep_the_lead_and_claim_like_sentences() -> None:
    filler = [f"The weather in the valley was pleasant and mild on day number {w}." for w in "abcdefghij"]
    plain = [f"The weather in the valley was pleasant and mild for {w} of them." for w in ("all", "most", "some")]
    numbered = [f"The army said that {n} soldiers crossed the river near the town." for n in (12, 40, 75)]
    sentences = plain + filler[:5] + numbered + filler[5:]
    doc = article("long", " ".join(sentences))
    capped = article_statements(0, doc, max_statements=6)
    texts = [s.content.text for s in capped]
    assert texts[:3] == plain  # the lead
    assert texts[3:] == numbered  # then what gives numbers and cites someone, in text order
    assert [s.content.start for s in capped] == sorted(s.content.start for s in capped)
    assert len(article_statements(0, doc)) == len(sentences)  # under the default cap: everything
    assert article_statements(0, doc, max_statements=0) == []


def test_pairs_within_a_component_are_all_scored() -> None:
    # A matched chain brings in the pair that blocking never proposed (0, 2): linkage still sees its cosine.
    candidates = _candidates(CHAIN[:3], [(0, 1), (1, 2)])
    groups = cluster_statements(candidates, np.array([True, True]), 0.55, "complete")
    assert groups and not any({0, 2} <= set(g) for g in groups)


def test_a_megabyte_article_is_capped() -> None:
    sentence = "The council said on Monday that {n} new homes would be built near the river by spring. "
    text = "".join(sentence.format(n=n) for n in range(12_000))
    assert len(text) > 1_000_000
    statements = article_statements(0, article("big", text))
    assert len(statements) == MAX_STATEMENTS_PER_ARTICLE
    assert statements[0].content.text == sentence.format(n=0).strip()


def test_centring_takes_the_corpus_subject_out_and_leaves_a_few_statements_nearly_as_they_were() -> None:
    # Ten statements share one subject (the first axis) and differ on the others: their plain cosines all sit
    # near 0.8; with the subject taken out, two that say the same stay close and the rest fall apart.
    rng = np.random.default_rng(7)
    saying = rng.normal(size=(10, 8)).astype(np.float32)
    saying[1] = saying[0] + 0.05 * rng.normal(size=8).astype(np.float32)  # 1 says what 0 says
    vectors = _unit(*[[6.0, *row] for row in saying.tolist()])
    pairs = [(i, j) for i in range(10) for j in range(i + 1, 10)]
    plain = _candidates(vectors, pairs)
    centred = linkage.centred(plain, weight=1.0, prior=0)
    assert np.allclose(np.linalg.norm(centred.vectors, axis=1), 1.0, atol=1e-5)
    before, after = pair_scores(plain), pair_scores(centred)
    same = pairs.index((0, 1))
    others = np.delete(np.arange(len(pairs)), same)
    assert before[others].min() > 0.6  # the subject joins everything
    assert after[same] > 0.9 and after[others].mean() < 0.1 and after[others].max() < before[others].min()
    assert linkage.centred(plain, weight=0.0, prior=0) is plain
    # Two statements: the mean is mostly themselves; shrunk by n / (n + prior) their cosine barely moves.
    two = _candidates(vectors[:3:2], [(0, 1)])
    assert abs(float(pair_scores(linkage.centred(two, 1.0, prior=50))[0]) - float(pair_scores(two)[0])) < 0.1
    assert float(pair_scores(linkage.centred(two, 1.0, prior=0))[0]) < -0.99  # unshrunk, two point apart
