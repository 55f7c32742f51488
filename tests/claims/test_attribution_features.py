"""The syntax features read from ``Doc.to_array`` columns equal those of a per-token walk over spaCy ``Token``s (the
reference below, the tagger's features before they were vectorised), for both parse variants."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from narratrace.claims.attribution_features import (
    DEP_LABELS,
    ENTITY_TYPES,
    POS_TAGS,
    REPORTING_LEMMAS,
    _nearest_reporting,
    _quote_depth,
    _token_features,
    flag_columns_start,
    parse_chunks,
    syntax_width,
    tokens_offsets,
)
from narratrace.claims.attribution_syntax import REPORTING_TAGS, coarse_pos, reporting_forms
from tests.claims.helpers import SAMPLE
from tests.conftest import shared_path

HOSTILE = ["", "Hello", "   \n\n  ", "Der Minister sagte, die Gespräche seien gescheitert. «Nein», antwortete sie."]


def _reference(doc: Any, variant: str) -> tuple[np.ndarray, np.ndarray]:
    """One ``Token`` at a time, as the features were first computed."""
    char_to_token = np.full(len(doc.text) + 1, -1, dtype=np.int64)
    rows = np.zeros((len(doc), syntax_width(variant)), dtype=np.float32)
    extra = flag_columns_start(variant)
    if not len(doc):
        return char_to_token, rows
    pos_index = {tag: i for i, tag in enumerate(POS_TAGS)}
    dep_index = {label: len(POS_TAGS) + i for i, label in enumerate(DEP_LABELS)}
    ent_index = {label: len(POS_TAGS) + len(DEP_LABELS) + i for i, label in enumerate(ENTITY_TYPES)}
    heads, deps, full = [t.head.i for t in doc], [t.dep_ for t in doc], variant == "full"
    if full:
        pos = [t.pos_ for t in doc]
        reporting = [t.i for t in doc if pos[t.i] in ("VERB", "AUX", "NOUN") and t.lemma_.lower() in REPORTING_LEMMAS]
    else:
        pos = [coarse_pos(t.tag_, t.dep_, t.lower_) for t in doc]
        forms = reporting_forms(REPORTING_LEMMAS)
        reporting = [t.i for t in doc if t.tag_ in REPORTING_TAGS and t.lower_ in forms]
    for token in doc:
        i, row = token.i, rows[token.i]
        char_to_token[token.idx : token.idx + len(token)] = i
        if pos[i] in pos_index:
            row[pos_index[pos[i]]] = 1.0
        if deps[i] in dep_index:
            row[dep_index[deps[i]]] = 1.0
        row[extra + 2] = token.text[:1].isupper()
        if full:
            if token.ent_type_ in ent_index:
                row[ent_index[token.ent_type_]] = 1.0
            row[extra + 3] = token.ent_iob_ == "B"
        row[extra + 10] = token.is_punct
        if not reporting:
            continue
        child, head = i, heads[i]
        for _ in range(12):
            if head in reporting and child != head:
                if deps[child] in ("nsubj", "nsubjpass", "agent"):
                    row[extra + 4] = 1.0
                elif deps[child] in ("ccomp", "xcomp", "parataxis", "dobj", "advcl"):
                    row[extra + 5] = 1.0
                elif deps[child] == "prep":
                    row[extra + 6] = 1.0
                break
            if head == heads[head]:
                break
            child, head = head, heads[head]
        row[extra + 7] = heads[i] in reporting
    starts = np.fromiter((t.is_sent_start for t in doc), dtype=bool, count=len(doc))
    starts[0] = True
    rows[:, extra + 1] = starts
    rows[reporting, extra] = 1.0
    if reporting:
        _nearest_reporting(rows, extra, np.asarray(reporting, dtype=np.int64), starts)
    return char_to_token, rows


def _texts() -> list[str]:
    texts = [SAMPLE, *HOSTILE]
    try:
        folder = shared_path("data", "attribution", "text")
    except pytest.skip.Exception:
        return texts
    return texts + [p.read_text(encoding="utf-8") for p in sorted(Path(folder).glob("*.txt"))[::60]]


@pytest.mark.parametrize("variant", ["no_ner", "full"])
def test_vectorised_features_equal_the_per_token_reference(variant: str) -> None:
    texts = _texts()
    for text, docs in zip(texts, parse_chunks(texts, variant), strict=True):
        for doc in docs:
            char_to_token, rows = _token_features(doc, variant)
            expected_map, expected_rows = _reference(doc, variant)
            assert np.array_equal(char_to_token, expected_map), text[:60]
            assert np.array_equal(rows, expected_rows), text[:60]
    assert len(texts) > len(HOSTILE)


def test_token_offsets_count_within_each_run() -> None:
    assert tokens_offsets(np.array([2, 1, 3])).tolist() == [0, 1, 0, 0, 1, 2]
    assert tokens_offsets(np.array([], dtype=np.int64)).tolist() == []


def _reference_quote_depth(text: str) -> np.ndarray:
    inside = np.zeros(len(text) + 1, dtype=np.float32)
    state = False
    for i, char in enumerate(text):
        if char == "\n":
            state = False
        elif char in "“«" or (char == '"' and not state):
            state = True
        elif char in "”»" or (char == '"' and state):
            inside[i] = 1.0
            state = False
            continue
        inside[i] = 1.0 if state else 0.0
    return inside


@pytest.mark.parametrize(
    "text",
    [
        "",
        '"',
        'He said "no" and “yes” then ” stray « open\nnext "line',
        '“a “nested” b” c «d» "e"\n" f',
        "no quotes at all",
    ],
)
def test_quote_depth_equals_the_character_walk(text: str) -> None:
    assert np.array_equal(_quote_depth(text), _reference_quote_depth(text))


def test_quote_depth_on_real_articles() -> None:
    for text in _texts():
        assert np.array_equal(_quote_depth(text), _reference_quote_depth(text))
