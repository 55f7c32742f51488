"""The tagger head's forward pass for inference in bfloat16, its convolutions written as matrix products.

A head of width 128 spends most of its time in six small ``Conv1d`` (kernel 3, dilated); in bfloat16 those run
barely faster than in float32 on CPU, while a matrix product runs ~3x faster where bfloat16 is native (AMX).
So each convolution becomes one product with its three kernel taps side by side, ``hidden @ [W0 | W1 | W2]``,
and the taps' outputs are added shifted by the dilation: ``out[t] = W0 h[t-d] + W1 h[t] + W2 h[t+d] + b`` with
zeros past either end of the chunk, as ``Conv1d(padding=d)`` pads. Probabilities move by ~4e-4 on average (at
most ~1e-2) against the float32 head (docs/results/attribution_speed.md); training stays float32.
"""

from __future__ import annotations

from typing import Any

import torch
from torch import nn

from narratrace.techniques.encoder import resolve_precision


class MatmulHead:
    """A bfloat16 copy of a trained ``AttributionNet`` (without a recurrent layer) that returns float32 logits."""

    def __init__(self, net: Any) -> None:  # an ``AttributionNet`` (whose module imports this one)
        def copy(tensor: torch.Tensor) -> torch.Tensor:
            return tensor.detach().to(torch.bfloat16).contiguous()

        project = net.project[1]  # after the dropout
        self.project_weight, self.project_bias = copy(project.weight.T), copy(project.bias)
        self.convs: list[tuple[torch.Tensor, torch.Tensor, int]] = []
        for conv in net.convs:
            if conv.kernel_size[0] != 3 or conv.padding[0] != conv.dilation[0]:
                raise ValueError("the matrix-product head takes kernel-3 convolutions padded by their dilation")
            taps = torch.cat([conv.weight[:, :, tap] for tap in range(3)], dim=0).T  # (hidden, 3 * hidden)
            self.convs.append((copy(taps), copy(conv.bias), int(conv.dilation[0])))
        self.out_weight, self.out_bias = copy(net.out.weight.T), copy(net.out.bias)
        self.parts = int(net.out.out_features) // 3

    def __call__(self, inputs: torch.Tensor) -> torch.Tensor:
        """(batch, tokens, input_dim) -> float32 logits (batch, tokens, parts, 3), like ``AttributionNet``."""
        hidden = nn.functional.gelu(inputs.to(torch.bfloat16) @ self.project_weight + self.project_bias)
        width = hidden.shape[-1]
        for taps, bias, dilation in self.convs:
            stacked = hidden @ taps  # (batch, tokens, 3 * hidden): the previous, own and next tap
            out = stacked[..., width : 2 * width] + bias
            out[:, dilation:] += stacked[:, :-dilation, :width]
            out[:, :-dilation] += stacked[:, dilation:, 2 * width :]
            hidden = hidden + nn.functional.gelu(out)
        logits = (hidden @ self.out_weight + self.out_bias).float()
        return logits.reshape(*logits.shape[:2], self.parts, 3)


def inference_head(net: Any, precision: str) -> Any:
    """What runs ``net`` at inference: ``net`` itself in float32, a ``MatmulHead`` when ``precision`` resolves to
    bfloat16 (``"auto"``: where the CPU runs bfloat16 natively). A recurrent head always runs in float32."""
    if resolve_precision(precision) == "bf16" and getattr(net, "recurrent", None) is None:
        return MatmulHead(net)
    return net
