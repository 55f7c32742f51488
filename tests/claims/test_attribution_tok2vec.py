"""The ``spacy-tok2vec`` encoder: the tagger's states are the parse's own tok2vec rows on MiniLM's word pieces."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from narratrace.claims import attribution_features
from narratrace.claims.attribution import extract_attributions
from narratrace.claims.attribution_data import GoldAttribution
from narratrace.claims.attribution_features import (
    ENCODER,
    TOK2VEC_ENCODER,
    TOK2VEC_WIDTH,
    parse_chunks,
    parsed_token_inputs,
    syntax_width,
    tok2vec_states,
    tokenize,
)
from narratrace.claims.attribution_model import AttributionTagger
from tests.claims.helpers import SAMPLE, check_offsets

HOSTILE = [
    "",
    "a",
    "   \n\n  ",
    "Der Minister sagte, die Gespräche seien gescheitert. «Nein», antwortete sie.",
    "中文新闻",
]


def _expected_rows(text: str, offsets: np.ndarray, docs: list, chunk_chars: int) -> np.ndarray:
    """Per piece, the tensor row of the token holding its first character, found one token at a time."""
    expected = np.zeros((len(offsets), TOK2VEC_WIDTH), dtype=np.float32)
    for row, start in enumerate(offsets[:, 0].tolist()):
        doc = docs[start // chunk_chars]
        local = start - (start // chunk_chars) * chunk_chars
        token = next((t for t in doc if t.idx <= local < t.idx + len(t)), None)
        if token is not None:
            expected[row] = doc.tensor[token.i]
    return expected


def test_each_piece_takes_its_tokens_tensor_row() -> None:
    offsets = tokenize(SAMPLE, ENCODER)[1]
    docs = parse_chunks([SAMPLE], "no_ner")[0]
    states = tok2vec_states(offsets, docs)
    assert states.shape == (len(offsets), TOK2VEC_WIDTH)
    np.testing.assert_array_equal(states, _expected_rows(SAMPLE, offsets, docs, attribution_features.PARSE_CHUNK_CHARS))
    # Word pieces of one word ("Kovacs" -> several pieces) share their token's row; different words differ.
    assert np.abs(states).sum(axis=1).min() > 0
    assert len(np.unique(states, axis=0)) == len(docs[0]) - sum(t.is_space for t in docs[0])


def test_inputs_are_tok2vec_rows_then_syntax_columns() -> None:
    inputs, docs = parsed_token_inputs([SAMPLE], TOK2VEC_ENCODER, (1,), "no_ner")
    x = inputs[0]
    np.testing.assert_array_equal(x.offsets, tokenize(SAMPLE, ENCODER)[1])
    assert x.features.shape == (len(x.offsets), TOK2VEC_WIDTH + syntax_width("no_ner"))
    np.testing.assert_array_equal(x.features[:, :TOK2VEC_WIDTH], tok2vec_states(x.offsets, docs[0]))
    # The syntax block is the one the MiniLM models read.
    minilm_syntax = attribution_features.syntax_features(SAMPLE, x.offsets, docs[0], "no_ner")
    np.testing.assert_array_equal(x.features[:, TOK2VEC_WIDTH:], minilm_syntax)


def test_minilm_states_with_the_tok2vec_rows_beside_them() -> None:
    """``minilm-l6+spacy-tok2vec``: MiniLM's layer states, then the parse's tok2vec rows, then the syntax block."""
    alone, docs = parsed_token_inputs([SAMPLE], ENCODER, (3,), "no_ner")
    both, _ = parsed_token_inputs([SAMPLE], f"{ENCODER}+{TOK2VEC_ENCODER}", (3,), "no_ner")
    width = alone[0].features.shape[1] - syntax_width("no_ner")
    np.testing.assert_array_equal(both[0].offsets, alone[0].offsets)
    assert both[0].features.shape[1] == width + TOK2VEC_WIDTH + syntax_width("no_ner")
    np.testing.assert_array_equal(both[0].features[:, :width], alone[0].features[:, :width])
    rows = tok2vec_states(both[0].offsets, docs[0])
    np.testing.assert_array_equal(both[0].features[:, width : width + TOK2VEC_WIDTH], rows)
    np.testing.assert_array_equal(both[0].features[:, width + TOK2VEC_WIDTH :], alone[0].features[:, width:])


def test_a_text_parsed_in_chunks_maps_each_piece_to_its_chunk(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(attribution_features, "PARSE_CHUNK_CHARS", 70)
    text = SAMPLE * 3
    inputs, docs = parsed_token_inputs([text], TOK2VEC_ENCODER, (1,), "no_ner")
    assert len(docs[0]) == -(-len(text) // 70)
    offsets = inputs[0].offsets
    expected = _expected_rows(text, offsets, docs[0], 70)
    np.testing.assert_array_equal(inputs[0].features[:, :TOK2VEC_WIDTH], expected)
    assert np.abs(expected).sum(axis=1).min() > 0  # no piece fell between chunks


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text(text: str) -> None:
    inputs, _ = parsed_token_inputs([text], TOK2VEC_ENCODER, (1,), "no_ner")
    assert inputs[0].features.shape == (len(inputs[0].offsets), TOK2VEC_WIDTH + syntax_width("no_ner"))
    assert np.isfinite(inputs[0].features).all()


@pytest.fixture(scope="module")
def tiny_tagger(tmp_path_factory: pytest.TempPathFactory) -> AttributionTagger:
    """A tok2vec tagger fitted for one epoch on the sample: only the plumbing is under test, not its quality."""
    quote = SAMPLE.index('"We')
    gold = [
        GoldAttribution(
            source=(SAMPLE.index("Mayor"), SAMPLE.index(" told")),
            cue=(SAMPLE.index("told"), SAMPLE.index("told") + 4),
            content=(quote + 1, SAMPLE.index(',"')),
        )
    ]
    tagger = AttributionTagger(hidden=16, epochs=1, encoder=TOK2VEC_ENCODER, encoder_layers=(1,), syntax="no_ner")
    tagger.fit([SAMPLE], [gold])
    return AttributionTagger.load(tagger.save(tmp_path_factory.mktemp("tok2vec")))


def test_a_tok2vec_model_saves_loads_and_extracts(tiny_tagger: AttributionTagger) -> None:
    assert tiny_tagger.encoder == TOK2VEC_ENCODER
    assert tiny_tagger.input_dim_ == TOK2VEC_WIDTH + syntax_width("no_ner")
    for text, found in zip([SAMPLE, *HOSTILE], extract_attributions([SAMPLE, *HOSTILE], tiny_tagger), strict=True):
        check_offsets(text, found)


@pytest.mark.slow
def test_a_megabyte_text_passes(tiny_tagger: AttributionTagger) -> None:
    text = (SAMPLE + "\n\n") * (1_000_000 // (len(SAMPLE) + 2))
    check_offsets(text, extract_attributions([text], tiny_tagger)[0])


def test_the_cli_trains_a_tok2vec_model(tmp_path: Path) -> None:
    """``--encoder spacy-tok2vec`` whatever ``--layers`` says: one cache file name, a model that reloads."""
    from typer.testing import CliRunner

    from narratrace import cli
    from tests.claims.test_attribution_cli import _small_polnear

    cli._register_commands()
    data, out, cache = _small_polnear(tmp_path / "polnear"), tmp_path / "model", tmp_path / "cache"
    arguments = ["train", "attribution", "--data", str(data), "--out", str(out), "--cache", str(cache)]
    arguments += ["--epochs", "1", "--hidden", "16", "--encoder", "spacy-tok2vec", "--layers", "3"]
    result = CliRunner().invoke(cli.app, arguments)
    assert result.exit_code == 0, result.output
    assert {p.name.split(".", 1)[1] for p in cache.iterdir()} == {"spacy-tok2vec-1.no_ner.npz"}
    tagger = AttributionTagger.load(out)
    assert (tagger.encoder, tagger.encoder_layers) == (TOK2VEC_ENCODER, (1,))


def test_the_shipped_fast_model_reads_tok2vec_and_finds_attributions() -> None:
    from narratrace.claims.attribution import ATTRIBUTION_MODELS, load_attribution_model

    fast = load_attribution_model("fast")
    assert ATTRIBUTION_MODELS["fast"].name == "model_fast"
    assert fast.encoder == TOK2VEC_ENCODER
    found = extract_attributions([SAMPLE, *HOSTILE], "fast")
    for text, attributions in zip([SAMPLE, *HOSTILE], found, strict=True):
        check_offsets(text, attributions)
    assert found[0], "the sample's reported speech is found"
    assert all(a.content.text.strip() for a in found[0])
