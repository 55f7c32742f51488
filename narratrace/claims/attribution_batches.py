"""How the attribution head's inputs are cut and batched, in training and at inference: rows of a text in chunks,
chunks padded into a batch, one optimiser step. Shared by the tagger's trainer and the benchmarks that train
variants of it (``bench.attribution_tuned_layer``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import torch


def chunks(n_tokens: int, size: int) -> list[tuple[int, int]]:
    """``(start, end)`` pieces of at most ``size`` rows over ``n_tokens`` rows."""
    return [(start, min(n_tokens, start + size)) for start in range(0, n_tokens, size)]


def shifted_chunks(lengths: Sequence[int], size: int, generator: np.random.Generator) -> list[tuple[int, int, int]]:
    """``(text, start, end)`` training chunks of at most ``size`` rows over texts of ``lengths``, their edges moved by
    one random shift (drawn from ``generator``): each epoch, chunk edges fall on different tokens."""
    shift = int(generator.integers(0, size))
    return [
        (i, max(0, s - shift), max(0, e - shift) or e)
        for i, length in enumerate(lengths)
        for s, e in chunks(length + shift, size)
        if max(0, e - shift) > max(0, s - shift)
    ]


def training_step(loss: torch.Tensor, optimiser: torch.optim.Optimizer, scheduler: Any) -> float:
    """One optimiser step on ``loss`` and one step of a one-cycle ``scheduler``; the loss as a float."""
    optimiser.zero_grad()
    loss.backward()
    optimiser.step()
    # Epochs differ in chunk count (the shift moves chunk edges), so a run can take more batches than the schedule
    # was sized for: the rate then stays at its end, where OneCycleLR would raise.
    if scheduler.last_epoch < scheduler.total_steps:
        scheduler.step()
    return float(loss.detach())


def pad(arrays: list[np.ndarray], fill: float = 0) -> torch.Tensor:
    """Arrays of different lengths as one batch, the short ones filled with ``fill`` at the end."""
    longest = max(len(a) for a in arrays)
    batch = np.full((len(arrays), longest, *arrays[0].shape[1:]), fill, dtype=arrays[0].dtype)
    for row, array in enumerate(arrays):
        batch[row, : len(array)] = array
    return torch.from_numpy(batch)
