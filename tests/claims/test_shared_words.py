"""The bonus for content words two statements share (``shared_words``), in the pair scores and the linkage."""

import math

import numpy as np
import pytest

from narratrace.claims.linkage import Candidates, pair_scores
from narratrace.claims.matching import MatchOptions, claim_groups
from narratrace.claims.shared_words import shared_words_adjustment
from narratrace.claims.statements import Statement
from narratrace.claims.types import TextSpan


def test_the_bonus_is_the_weighted_jaccard_overlap_of_content_words() -> None:
    texts = [
        "Cases fell 34% in two weeks",
        "cases fell by 34% over two weeks",  # the same content words: {cases, fell, 34, weeks}
        "Deaths passed 600,000",
        "the and of",  # stop words only: no content word
    ]
    adjust = shared_words_adjustment(texts, 0.2)
    assert adjust is not None
    a, b = np.array([0, 0, 1, 0]), np.array([1, 2, 2, 3])
    # "two", "by", "over" are stop words (scikit-learn's English list, as the blocking's): 4 of 4 words shared.
    assert adjust(a, b).tolist() == pytest.approx([0.2, 0.0, 0.0, 0.0])
    assert adjust(a, b).dtype == np.float32
    half = shared_words_adjustment(["White Helmets evacuated", "White Helmets staged attacks"], 1.0)
    assert half is not None and half(np.array([0]), np.array([1])).tolist() == pytest.approx([2 / 5])


def test_no_weight_no_text_or_no_content_word_gives_no_adjustment() -> None:
    assert shared_words_adjustment(["a claim", "another claim"], 0.0) is None
    assert shared_words_adjustment([], 0.2) is None
    assert shared_words_adjustment(["the and of", "it is"], 0.2) is None


def test_the_bonus_is_the_same_for_pairs_scored_in_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    from narratrace.claims import shared_words

    rng = np.random.default_rng(3)
    vocabulary = [f"word{n}" for n in range(40)]
    texts = [" ".join(rng.choice(vocabulary, size=6)) for _ in range(30)]
    a, b = rng.integers(0, 30, size=500), rng.integers(0, 30, size=500)
    whole = shared_words_adjustment(texts, 0.3)
    monkeypatch.setattr(shared_words, "_CHUNK_PAIRS", 7)
    chunked = shared_words_adjustment(texts, 0.3)
    assert whole is not None and chunked is not None
    assert np.array_equal(whole(a, b), chunked(a, b))
    sets = [set(t.split()) for t in texts]
    expected = [0.3 * len(sets[i] & sets[j]) / len(sets[i] | sets[j]) for i, j in zip(a, b, strict=True)]
    assert whole(a, b).tolist() == pytest.approx(expected, abs=1e-6)


def _bare(*texts: str) -> list[Statement]:
    return [Statement(n, TextSpan(0, len(t), t)) for n, t in enumerate(texts)]


def _pair(cosine: float) -> Candidates:
    vectors = np.array([[1.0, 0.0], [cosine, math.sqrt(1 - cosine**2)]], dtype=np.float32)
    return Candidates(np.array([0]), np.array([1]), np.arange(2), vectors)


def test_shared_words_join_a_restatement_that_the_cosine_alone_leaves_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    from narratrace.claims import matching

    monkeypatch.setattr(matching, "asserting_pooled", lambda texts, check="subject-verb": [True] * len(texts))
    same = _bare("The Senate passed the infrastructure law.", "The infrastructure law passed the Senate on Tuesday.")
    other = _bare("The Senate passed the infrastructure law.", "Democrats hope to pass a budget plan this fall.")
    off = MatchOptions(threshold=0.6, cluster_threshold=0.6, shared_words_weight=0.0)
    on = MatchOptions(threshold=0.6, cluster_threshold=0.6, shared_words_weight=0.2)
    assert claim_groups(same, _pair(0.55), off) == []
    assert claim_groups(same, _pair(0.55), on) == [[0, 1]]  # 4 of 5 content words shared: +0.16
    assert claim_groups(other, _pair(0.55), on) == []  # no word shared: the cosine alone decides
    scores = pair_scores(_pair(0.55), shared_words_adjustment([s.content.text for s in same], 0.2))
    assert scores.tolist() == pytest.approx([0.55 + 0.2 * 4 / 5], abs=1e-6)


def test_with_idf_a_shared_rare_word_counts_more_than_a_shared_common_one() -> None:
    texts = [
        "Trump praised the tariff",
        "Trump criticised the judge",
        "Trump met the governor",
        "Biden backed the tariff",
    ]
    plain = shared_words_adjustment(texts, 1.0)
    weighted = shared_words_adjustment(texts, 1.0, idf=True)
    assert plain is not None and weighted is not None
    a, b = np.array([0, 0]), np.array([1, 3])  # "trump" (3 of 4 texts) shared; "tariff" (2 of 4) shared
    assert plain(a, b).tolist() == pytest.approx([1 / 5, 1 / 5])
    common, rare = weighted(a, b).tolist()
    assert rare > common > 0
