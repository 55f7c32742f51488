"""Per word-piece inputs of the attribution tagger: frozen MiniLM states plus cheap syntactic features.

The syntactic features carry what a dependency-parse attribution finder would use (a reporting verb, its
subject, its clausal complement, quotation marks), so the small head does not have to learn them from
~700 articles: part of speech, dependency label, entity type, "is a reporting verb", "inside quotes",
"in the subject / complement of a reporting verb", and the signed distance to the nearest reporting verb.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np

from narratrace.nlp import english
from narratrace.techniques.encoder import encode_texts, tokenize

ENCODER = "minilm-l6"
ENCODER_LAYER = 6
REPORTING_LEMMAS = frozenset(
    line.strip()
    for line in resources.files("narratrace.claims")
    .joinpath("data/reporting_verbs.txt")
    .read_text("utf-8")
    .splitlines()
    if line.strip() and not line.startswith("#")
)
# Word lists read best as words, hence split() strings.
POS_TAGS = "ADJ ADP ADV AUX CCONJ DET INTJ NOUN NUM PART PRON PROPN PUNCT SCONJ SYM VERB X SPACE".split()  # noqa: SIM905
DEP_LABELS = (  # noqa: SIM905
    "ROOT acl acomp advcl advmod agent amod appos attr aux auxpass case cc ccomp compound conj csubj "
    "dative dep det dobj expl intj mark meta neg nmod npadvmod nsubj nsubjpass nummod oprd parataxis "
    "pcomp pobj poss preconj predet prep prt punct quantmod relcl xcomp "
).split()
ENTITY_TYPES = ("PERSON", "ORG", "NORP", "GPE", "FAC", "LOC", "WORK_OF_ART", "EVENT", "LAW")
N_SYNTAX = len(POS_TAGS) + len(DEP_LABELS) + len(ENTITY_TYPES) + 12
# spaCy parses in pieces this long at most: the parser's memory grows with the text, and 1 MB inputs pass.
PARSE_CHUNK_CHARS = 100_000


@dataclass(frozen=True)
class TokenInputs:
    offsets: np.ndarray  # (n, 2) character offsets of the word pieces
    features: np.ndarray  # (n, hidden + N_SYNTAX) float32


def _quote_depth(text: str) -> np.ndarray:
    """1 for characters inside double quotes (curly or straight, reset at each paragraph), else 0."""
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


def _token_features(doc: Any, offset: int, n_chars: int) -> tuple[np.ndarray, np.ndarray]:
    """(char -> token row map over the chunk, token feature rows) for one parsed chunk."""
    char_to_token = np.full(n_chars + 1, -1, dtype=np.int64)
    rows = np.zeros((len(doc), N_SYNTAX), dtype=np.float32)
    pos_index = {tag: i for i, tag in enumerate(POS_TAGS)}
    dep_index = {label: len(POS_TAGS) + i for i, label in enumerate(DEP_LABELS)}
    ent_index = {label: len(POS_TAGS) + len(DEP_LABELS) + i for i, label in enumerate(ENTITY_TYPES)}
    extra = len(POS_TAGS) + len(DEP_LABELS) + len(ENTITY_TYPES)
    reporting = [t.i for t in doc if t.lemma_.lower() in REPORTING_LEMMAS and t.pos_ in ("VERB", "AUX", "NOUN")]
    reporting_set = set(reporting)
    positions = np.asarray(reporting, dtype=np.int64)
    for token in doc:
        row = rows[token.i]
        char_to_token[token.idx : token.idx + len(token)] = token.i
        if token.pos_ in pos_index:
            row[pos_index[token.pos_]] = 1.0
        if token.dep_ in dep_index:
            row[dep_index[token.dep_]] = 1.0
        if token.ent_type_ in ent_index:
            row[ent_index[token.ent_type_]] = 1.0
        row[extra] = 1.0 if token.i in reporting_set else 0.0
        row[extra + 1] = 1.0 if token.is_sent_start else 0.0
        row[extra + 2] = 1.0 if token.text[:1].isupper() else 0.0
        row[extra + 3] = 1.0 if token.ent_iob_ == "B" else 0.0
        # Climb to the root: is the token in a reporting verb's subject, complement or prepositional phrase?
        child, head = token, token.head
        for _ in range(12):
            if head.i in reporting_set and child is not head:
                if child.dep_ in ("nsubj", "nsubjpass", "agent"):
                    row[extra + 4] = 1.0
                elif child.dep_ in ("ccomp", "xcomp", "parataxis", "dobj", "advcl"):
                    row[extra + 5] = 1.0
                elif child.dep_ == "prep":
                    row[extra + 6] = 1.0
                break
            if head is head.head:
                break
            child, head = head, head.head
        row[extra + 7] = 1.0 if token.head.i in reporting_set else 0.0
        if len(positions):
            gaps = positions - token.i
            nearest = gaps[np.argmin(np.abs(gaps))]
            same_sentence = doc[int(positions[np.argmin(np.abs(gaps))])].sent.start == token.sent.start
            row[extra + 8] = np.log1p(abs(nearest)) / 5.0 if same_sentence else 1.0
            row[extra + 9] = float(np.sign(nearest)) if same_sentence else 0.0
        row[extra + 10] = 1.0 if token.is_punct else 0.0
    del offset
    return char_to_token, rows


def syntax_features(text: str, offsets: np.ndarray) -> np.ndarray:
    """(n_pieces, N_SYNTAX) rows: each word piece takes the features of the spaCy token it starts in."""
    out = np.zeros((len(offsets), N_SYNTAX), dtype=np.float32)
    if not len(offsets):
        return out
    nlp = english()
    quotes = _quote_depth(text)
    for chunk_start in range(0, len(text), PARSE_CHUNK_CHARS):
        chunk = text[chunk_start : chunk_start + PARSE_CHUNK_CHARS]
        char_to_token, rows = _token_features(nlp(chunk), chunk_start, len(chunk))
        inside = (offsets[:, 0] >= chunk_start) & (offsets[:, 0] < chunk_start + len(chunk))
        local = char_to_token[offsets[inside, 0] - chunk_start]
        found = local >= 0
        picked = np.zeros((int(inside.sum()), N_SYNTAX), dtype=np.float32)
        picked[found] = rows[local[found]]
        out[inside] = picked
    out[:, -1] = quotes[np.minimum(offsets[:, 0], len(text))]
    return out


def token_inputs(texts: Sequence[str], batch_size: int = 32) -> list[TokenInputs]:
    """Word-piece offsets and tagger inputs (MiniLM layer-6 states + syntax) of each text."""
    encoded = encode_texts(list(texts), ENCODER_LAYER, batch_size=batch_size, encoder=ENCODER)
    inputs = []
    for text, enc in zip(texts, encoded, strict=True):
        syntax = syntax_features(text, enc.offsets)
        inputs.append(TokenInputs(enc.offsets, np.concatenate([enc.states, syntax], axis=1).astype(np.float32)))
    return inputs


__all__ = ["N_SYNTAX", "REPORTING_LEMMAS", "TokenInputs", "syntax_features", "token_inputs", "tokenize"]
