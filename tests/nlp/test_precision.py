"""MiniLM in bfloat16 (where the CPU runs it natively) gives the float32 cosines to within a few thousandths."""

import numpy as np
import pytest

from narratrace.nlp import embed_sentences

TEXTS = [
    "The White Helmets staged a chemical attack in Syria, officials claimed.",
    "Officials claimed that the White Helmets faked a chemical attack in Syria.",
    "The central bank raised interest rates by half a point on Tuesday.",
    "Lawmakers in the Senate passed the infrastructure bill after weeks of debate.",
]


def test_bf16_cosines_match_fp32() -> None:
    full, half = embed_sentences(TEXTS, precision="fp32"), embed_sentences(TEXTS, precision="bf16")
    assert half.dtype == np.float32
    assert np.allclose(np.linalg.norm(half, axis=1), 1.0, atol=1e-4)
    assert np.abs(full @ full.T - half @ half.T).max() < 0.01


def test_unknown_precision_is_refused() -> None:
    with pytest.raises(ValueError, match="precision"):
        embed_sentences(TEXTS, precision="int8")
