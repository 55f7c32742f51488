"""Attribution models holding several heads (an ensemble over encoder layers): training, averaging, saving."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from narratrace.claims.attribution_data import GoldAttribution
from narratrace.claims.attribution_features import N_SYNTAX, TokenInputs
from narratrace.claims.attribution_model import AttributionTagger

WIDTH = 4  # states per encoder layer in these toy inputs
TEXT = "Officials said the plan would fail. " * 6


def toy_inputs(seed: int, n_layers: int) -> TokenInputs:
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", TEXT)]
    features = np.random.default_rng(seed).normal(size=(len(words), n_layers * WIDTH + N_SYNTAX))
    return TokenInputs(np.asarray(words, dtype=np.int64), features.astype(np.float32))


GOLD = [GoldAttribution((0, 9), (10, 14), (15, 34))]
SMALL = {"hidden": 8, "dilations": (1, 2), "epochs": 1, "batch_size": 2, "encoder": "mpnet-base"}


def trained(layers: tuple[int, ...], inputs: list[TokenInputs], **params: object) -> AttributionTagger:
    tagger = AttributionTagger(**SMALL, encoder_layers=layers, **params)  # type: ignore[arg-type]
    return tagger.fit([TEXT] * len(inputs), [GOLD] * len(inputs), inputs)


def only(inputs: list[TokenInputs], columns: np.ndarray) -> list[TokenInputs]:
    return [TokenInputs(x.offsets, x.features[:, columns]) for x in inputs]


def test_an_ensemble_averages_its_heads_each_on_its_own_layers(tmp_path: Path) -> None:
    both = [toy_inputs(seed, 2) for seed in range(3)]  # layers 6 and 8, then the syntax block
    syntax = np.arange(2 * WIDTH, 2 * WIDTH + N_SYNTAX)
    layer_six = np.concatenate([np.arange(WIDTH), syntax])
    six, six_eight = trained((6,), only(both, layer_six)), trained((6, 8), both)
    joined = AttributionTagger.ensemble([six, six_eight], content_gap_chars=0)
    assert (joined.encoder_layers, joined.head_layers, joined.content_gap_chars) == ((6, 8), ((6,), (6, 8)), 0)
    expected = [
        (a + b) / 2
        for a, b in zip(six.predict_probs(only(both, layer_six)), six_eight.predict_probs(both), strict=True)
    ]
    for got, want in zip(joined.predict_probs(both), expected, strict=True):
        np.testing.assert_allclose(got, want, atol=1e-6)
    joined.save(tmp_path)
    assert {p.name for p in tmp_path.iterdir()} == {"config.json", "head.safetensors", "head.1.safetensors"}
    again = AttributionTagger.load(tmp_path)
    assert again.get_params() == joined.get_params()
    # Saved in fp16: the reloaded ensemble's probabilities move in the last digits only.
    for got, want in zip(again.predict_probs(both), expected, strict=True):
        np.testing.assert_allclose(got, want, atol=2e-2)


def test_fit_trains_one_head_per_entry_and_one_head_configs_stay_as_before(tmp_path: Path) -> None:
    both = [toy_inputs(seed, 2) for seed in range(2)]
    ensemble = trained((6, 8), both, head_layers=[[6], [6, 8]])
    assert [net.input_dim for net in ensemble.nets_] == [WIDTH + N_SYNTAX, 2 * WIDTH + N_SYNTAX]
    single = trained((6, 8), both)
    assert len(single.nets_) == 1 and single.head_layers is None
    single.save(tmp_path)
    config = json.loads((tmp_path / "config.json").read_text(encoding="utf-8"))
    assert "head_layers" not in config["params"] and "input_dims" not in config
    assert {p.name for p in tmp_path.iterdir()} == {"config.json", "head.safetensors"}


def test_heads_must_read_layers_the_encoder_gives() -> None:
    with pytest.raises(ValueError, match="not all among"):
        AttributionTagger(encoder_layers=(6,), head_layers=[[6], [8]])
    with pytest.raises(ValueError, match="one-head taggers"):
        AttributionTagger.ensemble([AttributionTagger(), AttributionTagger(encoder="mpnet-base")])


def test_head_seeds_make_two_heads_on_the_same_layers_differ(tmp_path: Path) -> None:
    inputs = [toy_inputs(seed, 1) for seed in range(3)]
    same = trained((2,), inputs, head_layers=[[2], [2]])
    seeded = trained((2,), inputs, head_layers=[[2], [2]], head_seeds=[18, 19])
    weights = [[p.detach().numpy() for p in net.parameters()] for net in (*same.nets_, *seeded.nets_)]
    assert all(np.array_equal(a, b) for a, b in zip(weights[0], weights[1], strict=True))  # one seed: twins
    assert not all(np.array_equal(a, b) for a, b in zip(weights[2], weights[3], strict=True))
    # The first seeded head is the one-head model of that seed.
    alone = trained((2,), inputs, seed=18)
    assert all(np.array_equal(a.detach().numpy(), b) for a, b in zip(alone.net_.parameters(), weights[2], strict=True))
    seeded.save(tmp_path)
    assert json.loads((tmp_path / "config.json").read_text())["params"]["head_seeds"] == [18, 19]
    assert AttributionTagger.load(tmp_path).head_seeds == (18, 19)
    same.save(tmp_path / "same")
    assert "head_seeds" not in json.loads((tmp_path / "same" / "config.json").read_text())["params"]
    with pytest.raises(ValueError, match="head seeds"):
        AttributionTagger(head_layers=[[6]], encoder_layers=(6,), head_seeds=[1, 2])


def test_training_survives_epochs_with_more_chunks_than_the_first() -> None:
    """Each epoch shifts the chunk edges, so an epoch can hold more chunks than the first, for which the
    learning-rate schedule is sized; training once raised there ("Tried to step 2449 times")."""
    inputs = [toy_inputs(seed, 1) for seed in range(12)]
    # 36 words in chunks of 9: 4 chunks a text when an epoch's shift is 0, 5 otherwise. Seed 23 draws shift 0
    # for the first epoch, so the later ones hold 60 batches against the first's 48.
    assert int(np.random.default_rng(23).integers(0, 9)) == 0
    params = {**SMALL, "epochs": 4, "batch_size": 1, "chunk_tokens": 9}
    tagger = AttributionTagger(**params, encoder_layers=(6,), seed=23)  # type: ignore[arg-type]
    tagger.fit([TEXT] * len(inputs), [GOLD] * len(inputs), inputs)
    assert len(tagger.predict_probs(inputs[:1])[0]) == len(inputs[0].offsets)
