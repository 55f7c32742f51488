"""The "no_ner" syntax variant (the default model's parse): tagger and parser only, POS from fine tags, reporting
words by their forms, and NER run for source typing on the sentences that need it."""

from __future__ import annotations

import numpy as np
import pytest

from narratrace.claims.attribution_features import (
    ENCODER,
    N_SYNTAX,
    REPORTING_LEMMAS,
    parse_chunks,
    syntax_features,
    syntax_width,
    tokenize,
)
from narratrace.claims.attribution_model import AttributionTagger, syntax_flags
from narratrace.claims.attribution_syntax import add_source_entities, check_variant, coarse_pos, reporting_forms
from narratrace.claims.source_types import type_sources
from tests.claims.helpers import SAMPLE, typing_case

TEXT = (
    '"We will not leave," Mayor Anna Kovacs told reporters on Monday, adding that the city had enough water. '
    "According to Reuters, two officials said the talks had stalled.\n\nThe ministry denied it. It claims the "
    "talks go on. The weather in Lisbon was mild."
)


def test_reporting_forms_cover_regular_and_irregular_inflections() -> None:
    forms = reporting_forms(REPORTING_LEMMAS)
    assert {"said", "says", "told", "according", "claimed", "claims", "admitted", "wrote"} <= forms
    assert "the" not in forms and "weather" not in forms


def test_no_ner_features_match_the_full_parse_where_they_overlap() -> None:
    _, offsets = tokenize(TEXT, ENCODER)
    full = syntax_features(TEXT, offsets, variant="full")
    fast = syntax_features(TEXT, offsets, variant="no_ner")
    assert fast.shape == (len(offsets), syntax_width("no_ner")) and full.shape[1] == N_SYNTAX
    # The flag columns (reporting word, sentence start, subject of a reporting verb, ..., quotes) close both.
    assert np.array_equal(fast[:, -12:][:, [0, 1, 4, 5, 7, 11]], full[:, -12:][:, [0, 1, 4, 5, 7, 11]])
    assert fast[:, -12].sum() >= 4, "said, told, according, claims are reporting words"
    pos_agreement = (fast[:, :18].argmax(1) == full[:, :18].argmax(1)).mean()
    assert pos_agreement > 0.9
    flags_fast, flags_full = syntax_flags(fast, "no_ner"), syntax_flags(full, "full")
    assert np.array_equal(flags_fast.sentence_start, flags_full.sentence_start)


def test_coarse_pos_tells_auxiliaries_and_subordinators_by_their_role() -> None:
    assert coarse_pos("VBZ", "aux") == "AUX" and coarse_pos("VBD", "ROOT", "was") == "AUX"
    assert coarse_pos("VBD", "ROOT", "said") == "VERB"
    assert coarse_pos("IN", "mark") == "SCONJ" and coarse_pos("IN", "prep") == "ADP"
    assert coarse_pos("DT", "nsubj") == "PRON" and coarse_pos("NOT-A-TAG", "dep") == "X"


def test_entities_are_added_only_around_the_sources() -> None:
    [[doc]] = parse_chunks([TEXT], "no_ner")
    [[other]] = parse_chunks(["Nothing is said here by Anna Kovacs."], "no_ner")
    assert not doc.has_annotation("ENT_IOB")
    start = TEXT.index("Mayor")
    add_source_entities([doc, other], [[(start, start + len("Mayor Anna Kovacs"))], []])
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels.get("Anna Kovacs") == "PERSON"
    assert "Lisbon" not in labels, "text far from a source is not run through NER"
    assert other.has_annotation("ENT_IOB") and not other.ents, "a doc without sources gets no entities"
    add_source_entities([doc], [[(TEXT.index("Lisbon"), TEXT.index("Lisbon") + 6)]])
    assert "Lisbon" not in {e.text for e in doc.ents}, "a doc with entities is left as it is"


def test_source_typing_from_the_no_ner_parse_matches_typing_from_windows() -> None:
    text, spans = typing_case()
    [[doc]] = parse_chunks([text], "no_ner")
    assert type_sources(text, spans, doc) == type_sources(text, spans)


@pytest.mark.parametrize("text", ["", "x", "Ça va? Он сказал, что всё хорошо.", "said " * 2000])
def test_hostile_text_parses_in_both_variants(text: str) -> None:
    _, offsets = tokenize(text, ENCODER)
    for variant in ("full", "no_ner"):
        assert syntax_features(text, offsets, variant=variant).shape == (len(offsets), syntax_width(variant))
    [[doc]] = parse_chunks([text or " "], "no_ner")
    add_source_entities([doc], [[(0, len(text))]])


def test_an_unknown_variant_is_refused() -> None:
    with pytest.raises(ValueError, match="syntax variant"):
        check_variant("no_parse")
    with pytest.raises(ValueError, match="syntax variant"):
        AttributionTagger(syntax="no_parse")


def test_the_default_model_reads_its_variant_from_its_config() -> None:
    from narratrace.claims.attribution import extract_attributions, load_attribution_model

    model = load_attribution_model()
    assert model.syntax == "no_ner" and model.input_dim_ == 384 + syntax_width("no_ner")
    [found] = extract_attributions([SAMPLE])
    assert any(a.source and "Kovacs" in a.source.text and a.source_type == "person" for a in found), found
