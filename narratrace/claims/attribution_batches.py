"""How the attribution head's inputs are cut and batched, in training and at inference: rows of a text in chunks,
chunks padded into a batch, the training targets (gold BIO tags, a teacher's probabilities), one optimiser step.
Shared by the tagger's trainer and the benchmarks that train variants of it (``bench.attribution_tuned_layer``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import torch
from torch import nn

from narratrace.claims.attribution_data import PARTS, GoldAttribution
from narratrace.claims.attribution_decode import BEGIN, INSIDE


def bio_targets(offsets: np.ndarray, gold: Sequence[GoldAttribution]) -> np.ndarray:
    """(n_pieces, len(PARTS)) BIO labels: a piece is inside a span when it lies within it."""
    targets = np.zeros((len(offsets), len(PARTS)), dtype=np.int64)
    for column, part in enumerate(PARTS):
        spans = sorted({span for a in gold if (span := a.part(part)) is not None})
        for start, end in spans:
            inside = np.flatnonzero((offsets[:, 0] >= start) & (offsets[:, 1] <= end))
            if len(inside):
                targets[inside, column] = INSIDE
                targets[inside[0], column] = BEGIN
    return targets


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


def soft_rows(pieces: Sequence[np.ndarray], soft: Sequence[np.ndarray | None] | None) -> list[np.ndarray] | None:
    """Soft targets as float32 rows per text of ``pieces`` rows, all zeros where a text has none (zero rows add no
    loss)."""
    if soft is None:
        return None
    rows = []
    for x, probs in zip(pieces, soft, strict=True):
        if probs is not None and probs.shape != (len(x), len(PARTS), 3):
            raise ValueError(f"soft targets of shape {probs.shape} for {len(x)} pieces")
        rows.append(np.zeros((len(x), len(PARTS), 3), np.float32) if probs is None else probs.astype(np.float32))
    return rows


def soft_loss(logits: torch.Tensor, soft: torch.Tensor) -> torch.Tensor:
    """Cross-entropy against a teacher's probabilities, averaged over the rows (piece and part) that have them."""
    per_row = -(soft * nn.functional.log_softmax(logits, dim=-1)).sum(dim=-1)
    has_target = soft.sum(dim=-1) > 0
    return (per_row * has_target).sum() / has_target.sum().clamp(min=1)
