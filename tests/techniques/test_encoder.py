"""Both frozen encoders: offsets into the original text, window stitching, shapes, offline loading."""

from __future__ import annotations

import numpy as np
import pytest

from narratrace.techniques.encoder import (
    ENCODERS,
    WINDOW_CORE,
    bf16_is_native,
    encode_texts,
    encoder_spec,
    resolve_precision,
)
from narratrace.techniques.tagger import ENCODER_DEFAULTS, TechniqueTagger

TEXT = "\ufeffThe “so-called” experts — naïve, 怪しい — said: LIES!!! 🙂\nSecond line."


@pytest.mark.parametrize("encoder", sorted(ENCODERS))
def test_offsets_point_into_the_original_text(encoder: str) -> None:
    (encoded,) = encode_texts([TEXT], n_layers=2, layers=(1, 2), encoder=encoder)
    spec = encoder_spec(encoder)
    assert encoded.states.shape == (len(encoded.offsets), 2 * spec.hidden_size)
    assert np.isfinite(encoded.states).all()
    starts, ends = encoded.offsets[:, 0], encoded.offsets[:, 1]
    assert (starts >= 0).all() and (ends <= len(TEXT)).all() and (starts < ends).all()
    pieces = {TEXT[s:e].lower() for s, e in encoded.offsets}
    assert "lies" in pieces or "li" in pieces  # word pieces are lower-cased slices of the text
    assert any("experts" in TEXT[s:e] for s, e in encoded.offsets)


@pytest.mark.parametrize("encoder", sorted(ENCODERS))
def test_long_texts_are_stitched_from_windows(encoder: str) -> None:
    text = " ".join(f"word{i % 50} alpha" for i in range(WINDOW_CORE * 2))
    short, long = encode_texts([text[:200], text], n_layers=1, encoder=encoder, precision="fp32")
    assert len(long.offsets) > 2 * WINDOW_CORE
    # Every token got a state from some window (none left at the zeros it started with).
    assert (np.abs(long.states).sum(axis=1) > 0).all()
    # Padding is masked: a text's states do not depend on what it is batched with.
    (alone,) = encode_texts([text[:200]], n_layers=1, encoder=encoder, precision="fp32")
    np.testing.assert_allclose(short.states, alone.states, atol=1e-4)
    # In bfloat16 the batch's shape changes the rounding a little (~0.1% of the norm), no more.
    short_bf16, _ = encode_texts([text[:200], text], n_layers=1, encoder=encoder, precision="bf16")
    (alone_bf16,) = encode_texts([text[:200]], n_layers=1, encoder=encoder, precision="bf16")
    assert np.linalg.norm(short_bf16.states - alone_bf16.states) < 0.01 * np.linalg.norm(alone_bf16.states)


def test_unknown_encoder_and_layers_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown encoder"):
        encode_texts(["text"], n_layers=1, encoder="bert-large")
    with pytest.raises(ValueError, match="layers 1 to 6"):
        encode_texts(["text"], n_layers=7, encoder="minilm-l6")
    with pytest.raises(ValueError, match="unknown encoder"):
        TechniqueTagger.for_encoder("bert-large")


def test_encoder_defaults_name_known_encoders_and_layers() -> None:
    for name, defaults in ENCODER_DEFAULTS.items():
        tagger = TechniqueTagger.for_encoder(name, epochs=1)
        assert tagger.encoder == name and tagger.epochs == 1
        assert 1 <= tagger.n_layers <= encoder_spec(name).n_layers
        assert all(1 <= layer < tagger.n_layers for layer in tagger.extra_layers)
        assert tagger.classifier_c == defaults["classifier_c"]


@pytest.mark.parametrize("encoder", sorted(ENCODERS))
def test_bfloat16_states_stay_close_to_float32_ones(encoder: str) -> None:
    texts = [TEXT, "The regime's notorious propaganda machine lies, again and again. " * 20]
    exact = encode_texts(texts, n_layers=2, encoder=encoder, precision="fp32")
    rounded = encode_texts(texts, n_layers=2, encoder=encoder, precision="bf16")
    for a, b in zip(exact, rounded, strict=True):
        assert b.states.dtype == np.float32 and b.states.shape == a.states.shape
        np.testing.assert_array_equal(a.offsets, b.offsets)
        # bfloat16 keeps 8 bits of mantissa: states move by ~1% of their norm, not more.
        assert 0 < np.linalg.norm(a.states - b.states) / np.linalg.norm(a.states) < 0.03


def test_precision_auto_takes_bfloat16_only_where_it_is_native() -> None:
    assert resolve_precision("fp32") == "fp32" and resolve_precision("bf16") == "bf16"
    assert resolve_precision("auto") == ("bf16" if bf16_is_native("cpu") else "fp32")
    with pytest.raises(ValueError, match="precision must be one of"):
        resolve_precision("half")
    with pytest.raises(ValueError, match="precision must be one of"):
        encode_texts(["text"], n_layers=1, precision="int8")
