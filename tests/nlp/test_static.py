"""The static sentence vectors distilled from MiniLM: unit length, meaning-bearing, robust to odd input."""

import numpy as np

from narratrace.nlp import embed_sentences, embed_static


def test_static_vectors_are_unit_length_and_rank_paraphrases_first() -> None:
    texts = [
        "The White Helmets staged a chemical attack in Syria, officials claimed.",
        "Officials claimed that the White Helmets faked a chemical attack in Syria.",
        "The central bank raised interest rates by half a point on Tuesday.",
    ]
    vectors = embed_static(texts)
    assert vectors.shape == (3, 128) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    similarity = vectors @ vectors.T
    assert similarity[0, 1] > similarity[0, 2] + 0.2
    # The static cosines order pairs the way MiniLM does on these (what the blocking filter relies on).
    minilm = embed_sentences(texts)
    assert (minilm[0] @ minilm[1] > minilm[0] @ minilm[2]) == (similarity[0, 1] > similarity[0, 2])


def test_static_vectors_take_hostile_input() -> None:
    texts = ["", "word", "x" * 1_000_000, "Путин заявил, что переговоры продолжатся.", "中文新闻 标题", "🙂 " * 50]
    vectors = embed_static(texts)
    assert vectors.shape == (len(texts), 128)
    assert not np.isnan(vectors).any()
    assert np.linalg.norm(vectors[0]) == 0.0  # nothing to embed: a zero vector, never NaN
    assert embed_static([]).shape == (0, 128)
