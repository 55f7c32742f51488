"""The bfloat16 matrix-product head gives the float32 convolutional head's probabilities, up to bfloat16 rounding."""

from __future__ import annotations

import pytest
import torch

from narratrace.claims.attribution import ATTRIBUTION_MODELS
from narratrace.claims.attribution_head import MatmulHead, inference_head
from narratrace.claims.attribution_model import AttributionNet, AttributionTagger


def _net(hidden: int = 32, recurrent: bool = False) -> AttributionNet:
    torch.manual_seed(3)
    return AttributionNet(input_dim=20, hidden=hidden, dropout=0.0, recurrent=recurrent).eval()


@pytest.mark.parametrize("tokens", [1, 5, 31, 33, 300])  # shorter and longer than the widest dilation (32)
def test_matmul_head_matches_the_convolutions(tokens: int) -> None:
    net = _net()
    inputs = torch.randn(2, tokens, 20)
    inputs[1, tokens // 2 :] = 0.0  # a padded row, as batches of chunks have
    with torch.inference_mode():
        expected = torch.softmax(net(inputs), -1)
        found = torch.softmax(MatmulHead(net)(inputs), -1)
    assert found.shape == expected.shape and found.dtype == torch.float32
    assert float((found - expected).abs().max()) < 0.03
    assert float((found - expected).abs().mean()) < 0.005


def test_precision_picks_the_head() -> None:
    net = _net()
    assert inference_head(net, "fp32") is net
    assert isinstance(inference_head(net, "bf16"), MatmulHead)
    assert inference_head(_net(recurrent=True), "bf16").recurrent is not None  # a GRU head stays float32
    with pytest.raises(ValueError, match="precision"):
        AttributionTagger(head_precision="int4")


def test_a_config_without_the_key_runs_the_head_in_float32() -> None:
    accurate = AttributionTagger.load(ATTRIBUTION_MODELS["accurate"])
    assert accurate.head_precision == "fp32"
    default = AttributionTagger.load(ATTRIBUTION_MODELS["default"])
    assert default.head_precision == "auto" and default.get_params()["head_precision"] == "auto"
