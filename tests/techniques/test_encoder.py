"""Both frozen encoders: offsets into the original text, window stitching, shapes, offline loading."""

from __future__ import annotations

import numpy as np
import pytest

from narratrace.techniques.encoder import ENCODERS, WINDOW_CORE, encode_texts, encoder_spec
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
    short, long = encode_texts([text[:200], text], n_layers=1, encoder=encoder)
    assert len(long.offsets) > 2 * WINDOW_CORE
    # Every token got a state from some window (none left at the zeros it started with).
    assert (np.abs(long.states).sum(axis=1) > 0).all()
    # Padding is masked: a text's states do not depend on what it is batched with.
    (alone,) = encode_texts([text[:200]], n_layers=1, encoder=encoder)
    np.testing.assert_allclose(short.states, alone.states, atol=1e-4)


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
