"""The fast attribution inference path gives what the plain one gives: batching across articles and groups,
reusing the features' parse for source typing, the single-thread bfloat16 encoder, and hostile inputs."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest

from narratrace.claims import attribution
from narratrace.claims.attribution import extract_attributions
from narratrace.claims.attribution_encoder import encode_states, single_thread
from narratrace.claims.attribution_features import ENCODER, ENCODER_LAYER, parse_chunks, syntax_features, tokenize
from narratrace.claims.source_types import type_sources
from narratrace.nlp import english
from narratrace.techniques.encoder import encode_texts
from tests.claims.helpers import typing_case

ARTICLES = [
    '"We will not leave," Mayor Anna Kovacs told reporters on Monday, adding that the city had enough water.\n\n'
    "According to Reuters, two anonymous officials said the talks had stalled. The ministry denied it.",
    "The Defence Ministry said in a statement that its jets had struck a depot. He said it was a mistake.\n"
    "CBS News reported that US officials had been told in advance.",
    "Nothing here is said by anyone.",
]


def _records(found: list[list[attribution.Attribution]]) -> list[list[dict[str, object]]]:
    return [[a.to_record() for a in article] for article in found]


@pytest.fixture
def float32_encoder(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The tagger's encoder in float32: bfloat16 products round differently with the batch's shape."""
    from narratrace.claims import attribution_encoder

    monkeypatch.setattr(attribution_encoder, "bf16_is_native", lambda device="cpu": False)
    attribution_encoder._tagger_encoder.cache_clear()
    yield
    attribution_encoder._tagger_encoder.cache_clear()


@pytest.mark.usefixtures("float32_encoder")
def test_batched_articles_give_what_each_article_gives_alone() -> None:
    together = _records(extract_attributions(ARTICLES))
    alone = [_records(extract_attributions([text]))[0] for text in ARTICLES]
    # Ids differ (text-0, text-1… in the batch; text-0 alone), so compare the spans and types.
    strip = [[{k: v for k, v in r.items() if k != "article"} for r in article] for article in together]
    assert strip == [[{k: v for k, v in r.items() if k != "article"} for r in article] for article in alone]
    assert any(together), "the reporting sentences should yield attributions"


@pytest.mark.usefixtures("float32_encoder")
def test_small_groups_give_what_one_group_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    whole = _records(extract_attributions(ARTICLES))
    monkeypatch.setattr(attribution, "GROUP_CHARS", 50)  # one piece per group
    assert _records(extract_attributions(ARTICLES)) == whole


def test_source_typing_from_the_features_parse_matches_typing_from_windows() -> None:
    text, spans = typing_case()
    [[doc]] = parse_chunks([text])
    assert type_sources(text, spans, doc) == type_sources(text, spans)
    # A doc of another text is not used (the windows are parsed instead).
    assert type_sources(text, spans, english()("Something else.")) == type_sources(text, spans)


def test_syntax_features_from_given_docs_equal_parsing_inside() -> None:
    text = ARTICLES[0]
    _, offsets = tokenize(text, ENCODER)
    [docs] = parse_chunks([text])
    given = syntax_features(text, offsets, docs)
    assert np.array_equal(given, syntax_features(text, offsets))
    assert given[:, :-1].any(axis=1).all(), "every word piece takes its token's features"


def test_tagger_encoder_states_match_the_shared_encoder() -> None:
    [fast] = encode_states([ARTICLES[0]], ENCODER_LAYER, ENCODER)
    [plain] = encode_texts([ARTICLES[0]], ENCODER_LAYER, encoder=ENCODER, precision="fp32")
    assert np.array_equal(fast.offsets, plain.offsets)
    cosine = (fast.states * plain.states).sum(1) / (
        np.linalg.norm(fast.states, axis=1) * np.linalg.norm(plain.states, axis=1)
    )
    assert cosine.min() > 0.98  # bfloat16 weights where native; float32 (identical) elsewhere


def test_single_thread_restores_the_callers_setting() -> None:
    import torch

    before = torch.get_num_threads()
    with single_thread():
        assert torch.get_num_threads() == 1
    assert torch.get_num_threads() == before


@pytest.mark.parametrize("text", ["", " ", "word", "\n\n\n", "Он сказал, что переговоры провалились.", '“”"«»'])
def test_hostile_input_on_the_fast_path(text: str) -> None:
    [found] = extract_attributions([text, ""])[:1]
    for a in found:
        for span in (a.source, a.cue, a.content):
            assert span is None or text[span.start : span.end] == span.text


@pytest.mark.slow
def test_a_one_megabyte_article_passes_in_bounded_groups() -> None:
    # Measured on 1 MB of PTC articles: 53 CPU s, peak RSS 1.2 GB, 0.5 GB over the loaded models (docs/results).
    paragraph = ARTICLES[0] + "\n" + ARTICLES[1] + "\n"
    text = paragraph * (1_000_000 // len(paragraph))
    [found] = extract_attributions([text])
    assert len(found) > 1000
    assert all(text[a.content.start : a.content.end] == a.content.text for a in found)
