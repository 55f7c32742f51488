"""The "accurate" attribution model (a head over frozen MPNet states): loads offline, keeps offsets, survives
hostile input, and is chosen by name beside the default model."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from narratrace.claims.attribution import (
    ATTRIBUTION_MODELS,
    MODEL_DIR,
    attribution_model_dir,
    extract_attributions,
    load_attribution_model,
)
from narratrace.claims.attribution_workers import attributions_for
from tests.claims.helpers import SAMPLE, article, check_offsets


def test_the_accurate_model_reads_mpnet_and_the_default_stays_minilm() -> None:
    accurate, default = load_attribution_model("accurate"), load_attribution_model()
    # Two heads averaged: one reads MPNet layer 6, the other layers 6 and 8 (the encoder runs once, to layer 8).
    assert (accurate.encoder, accurate.encoder_layers, accurate.head_layers) == ("mpnet-base", (6, 8), ((6,), (6, 8)))
    assert (default.encoder, default.encoder_layers, default.syntax) == ("minilm-l6", (3,), "no_ner")
    assert accurate.syntax == "full"  # its config predates the key: a config without it means the full parse
    assert attribution_model_dir() == MODEL_DIR == ATTRIBUTION_MODELS["default"]
    # Only the head is shipped: no encoder weights in the folder.
    assert sum(p.stat().st_size for p in ATTRIBUTION_MODELS["accurate"].iterdir()) < 2_000_000


def test_an_unknown_model_name_is_refused() -> None:
    with pytest.raises(ValueError, match="neither default, accurate, fast nor a folder"):
        attribution_model_dir("most-accurate")


def test_it_loads_offline_in_a_fresh_process() -> None:
    code = (
        "from narratrace.claims.attribution import extract_attributions; import json; "
        f"print(json.dumps([[a.content.text for a in f] for f in extract_attributions([{SAMPLE!r}], 'accurate')]))"
    )
    environment = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    repo = Path(__file__).resolve().parents[2]
    output = subprocess.run([sys.executable, "-c", code], env=environment, cwd=repo, capture_output=True, text=True)
    assert output.returncode == 0, output.stderr[-2000:]
    [contents] = json.loads(output.stdout.strip().splitlines()[-1])
    assert contents and all(content in SAMPLE for content in contents)


def test_spans_have_valid_offsets() -> None:
    [found] = extract_attributions([SAMPLE], "accurate")
    assert found, "a quote with 'told reporters' and an 'according to' should be found"
    check_offsets(SAMPLE, found)
    sources = {a.source.text for a in found if a.source}
    assert any("Kovacs" in source for source in sources), sources


@pytest.mark.parametrize(
    "text",
    ["", "word", "Der Minister sagte am Montag, die Verhandlungen seien gescheitert.", "你好，世界。他说这是真的。"],
)
def test_hostile_input(text: str) -> None:
    [found] = extract_attributions([text], "accurate")
    check_offsets(text, found)


def test_the_claims_workers_pass_the_model_name_on() -> None:
    articles = [article("a", SAMPLE)]
    assert attributions_for(articles, model="accurate") == extract_attributions(articles, "accurate")


@pytest.mark.slow
def test_a_large_input_is_tagged_in_pieces() -> None:
    # 100 KB: MPNet costs ~4x MiniLM per character, and the pieces are what is tested, not the size.
    text = (SAMPLE + "\n") * (100_000 // (len(SAMPLE) + 1))
    [found] = extract_attributions([text], "accurate")
    assert found
    check_offsets(text, found)


def test_extra_layers_are_concatenated_after_the_main_one() -> None:
    from narratrace.claims.attribution_encoder import encode_states

    [alone] = encode_states([SAMPLE], 6, "minilm-l6")
    [both] = encode_states([SAMPLE], 6, "minilm-l6", extra_layers=(2,))
    assert both.states.shape == (len(alone.offsets), 2 * alone.states.shape[1])
    assert (both.offsets == alone.offsets).all()
    assert np.allclose(both.states[:, : alone.states.shape[1]], alone.states, atol=1e-2)
    with pytest.raises(ValueError, match="layers 1 to 6"):
        encode_states([SAMPLE], 6, "minilm-l6", extra_layers=(7,))
