"""Embeddings computed in the shared worker processes (one torch thread each) equal those computed in-process
on one thread bit for bit, and those on several threads to rounding; the pool is reused between calls."""

import numpy as np
import pytest
import torch

from narratrace.nlp import embed_sentences
from narratrace.parallel import close_spawned_pools, pool_for, spawned_pool

TEXTS = [
    "The White Helmets staged a chemical attack in Syria, officials claimed.",
    "Officials claimed that the White Helmets faked a chemical attack in Syria.",
    "The central bank raised interest rates by half a point on Tuesday.",
    "Lawmakers in the Senate passed the infrastructure bill after weeks of debate.",
    "",
    "Rain.",
    "A much longer sentence about the storm that flooded the valley, closed the roads and cut power " * 8,
]


@pytest.mark.slow  # starts two worker processes that load torch and MiniLM
@pytest.mark.parametrize("precision", ["fp32", "bf16"])
def test_pooled_embeddings_equal_in_process(precision: str) -> None:
    # Batches of 2 at most so that several batches of different lengths go to the workers.
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        alone = embed_sentences(TEXTS, batch_size=2, precision=precision)
    finally:
        torch.set_num_threads(threads)
    pooled = embed_sentences(TEXTS, batch_size=2, precision=precision, pool=spawned_pool(2))
    assert pooled.dtype == np.float32 and pooled.shape == alone.shape
    assert np.array_equal(pooled, alone)
    # Several threads split the products differently: the last digits may move (bfloat16: ~1e-4).
    assert np.abs(embed_sentences(TEXTS, batch_size=2, precision=precision) - pooled).max() < 1e-3


def test_pool_is_shared_until_closed() -> None:
    first = spawned_pool(2)
    assert spawned_pool(2) is first
    close_spawned_pools()
    assert spawned_pool(2) is not first
    close_spawned_pools()


def test_small_inputs_stay_in_process() -> None:
    assert pool_for(10, min_items=512) is None
