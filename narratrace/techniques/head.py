"""The trained token tagger on top of the frozen encoder: a projection, three residual dilated
convolutions (receptive field ~29 tokens) and one output per token for "inside a propaganda fragment"
plus one per technique (multi-label: fragments overlap).

A BiLSTM was the first choice but trained at ~300 tokens/s on the shared 2-core machine against
~2,300 for these convolutions; the convolutions still see well past a phrase on each side.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import torch
from torch import nn

CHUNK_TOKENS = 256
DILATIONS = (1, 2, 4)


class TokenTaggerNet(nn.Module):
    """(batch, tokens, input_dim) -> logits (batch, tokens, 1 + n_techniques)."""

    def __init__(self, input_dim: int, hidden: int, n_techniques: int, dropout: float) -> None:
        super().__init__()
        self.project = nn.Sequential(nn.Dropout(dropout), nn.Linear(input_dim, hidden), nn.GELU())
        self.convs = nn.ModuleList(
            nn.Conv1d(hidden, hidden, kernel_size=5, padding=2 * d, dilation=d) for d in DILATIONS
        )
        self.dropout = nn.Dropout(dropout)
        self.out = nn.Linear(hidden, 1 + n_techniques)

    def forward(self, inputs: torch.Tensor) -> torch.Tensor:
        hidden = self.project(inputs).transpose(1, 2)
        for conv in self.convs:
            hidden = hidden + nn.functional.gelu(conv(self.dropout(hidden)))
        return self.out(hidden.transpose(1, 2))


def chunk_bounds(n_tokens: int, size: int = CHUNK_TOKENS) -> list[tuple[int, int]]:
    return [(start, min(n_tokens, start + size)) for start in range(0, n_tokens, size)]


def pad_batch(arrays: list[np.ndarray]) -> tuple[torch.Tensor, torch.Tensor]:
    """Stack (len_i, d) arrays into (batch, max_len, d) with a (batch, max_len) validity mask."""
    longest = max(len(a) for a in arrays)
    batch = np.zeros((len(arrays), longest, arrays[0].shape[1]), dtype=np.float32)
    mask = np.zeros((len(arrays), longest), dtype=bool)
    for row, array in enumerate(arrays):
        batch[row, : len(array)] = array
        mask[row, : len(array)] = True
    return torch.from_numpy(batch), torch.from_numpy(mask)


def predict_token_probs(
    net: TokenTaggerNet | Sequence[TokenTaggerNet], inputs: list[np.ndarray], batch_size: int = 64
) -> list[np.ndarray]:
    """Sigmoid outputs (n_tokens, 1 + n_techniques) per article; articles cut into chunks and batched.

    Several nets (an ensemble's heads) give the mean of their outputs, each batch padded once for all.
    """
    nets = [net] if isinstance(net, TokenTaggerNet) else list(net)
    n_outputs = nets[0].out.out_features
    results = [np.zeros((len(x), n_outputs), dtype=np.float32) for x in inputs]
    jobs = [(i, bounds) for i, x in enumerate(inputs) for bounds in chunk_bounds(len(x))]
    device = next(nets[0].parameters()).device
    for member in nets:
        member.eval()
    with torch.inference_mode():
        for batch_start in range(0, len(jobs), batch_size):
            batch = jobs[batch_start : batch_start + batch_size]
            tensor, _ = pad_batch([inputs[i][s:e] for i, (s, e) in batch])
            tensor = tensor.to(device)
            summed = torch.sigmoid(nets[0](tensor))
            for member in nets[1:]:
                summed += torch.sigmoid(member(tensor))
            probs = (summed / len(nets)).cpu().numpy()
            for row, (i, (s, e)) in enumerate(batch):
                results[i][s:e] = probs[row, : e - s]
    return results


def train_net(
    net: TokenTaggerNet,
    inputs: list[np.ndarray],
    targets: list[np.ndarray],
    epochs: int,
    learning_rate: float,
    seed: int,
    on_epoch_end: Any = None,
    batch_size: int = 16,
) -> None:
    """Adam on per-token BCE. ``on_epoch_end(epoch)`` may return True to stop early."""
    generator = np.random.default_rng(seed)
    torch.manual_seed(seed)
    chunks = [(i, bounds) for i, x in enumerate(inputs) for bounds in chunk_bounds(len(x))]
    optimiser = torch.optim.Adam(net.parameters(), lr=learning_rate)
    loss_fn = nn.BCEWithLogitsLoss(reduction="none")
    device = next(net.parameters()).device
    for epoch in range(epochs):
        net.train()
        order = generator.permutation(len(chunks))
        for batch_start in range(0, len(order), batch_size):
            batch = [chunks[k] for k in order[batch_start : batch_start + batch_size]]
            x, mask = pad_batch([inputs[i][s:e] for i, (s, e) in batch])
            y, _ = pad_batch([targets[i][s:e] for i, (s, e) in batch])
            x, y, mask = x.to(device), y.to(device), mask.to(device)
            per_output = loss_fn(net(x), y)
            # The "inside" output decides the spans: weight it as much as all technique outputs together.
            per_token = per_output[..., 0] + per_output[..., 1:].mean(dim=-1)
            loss = (per_token * mask).sum() / mask.sum()
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
        if on_epoch_end is not None and on_epoch_end(epoch):
            break
