"""Per word-piece inputs of the attribution tagger: frozen MiniLM states plus cheap syntactic features.

The syntactic features carry what a dependency-parse attribution finder would use (a reporting verb, its
subject, its clausal complement, quotation marks), so the small head does not have to learn them from
~700 articles: part of speech, dependency label, entity type, "is a reporting verb", "inside quotes",
"in the subject / complement of a reporting verb", and the signed distance to the nearest reporting verb.
A model's ``"syntax"`` variant (``attribution_syntax``) says which parse they come from: ``"no_ner"`` drops the
entity-type columns and reads POS and reporting words without the attribute ruler and lemmatizer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np

from narratrace.claims.attribution_encoder import encode_states
from narratrace.claims.attribution_syntax import REPORTING_TAGS, coarse_pos, reporting_forms, syntax_pipeline
from narratrace.techniques.encoder import tokenize

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
N_SYNTAX = len(POS_TAGS) + len(DEP_LABELS) + len(ENTITY_TYPES) + 12  # of the "full" variant
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


def syntax_width(variant: str = "full") -> int:
    """Number of syntax columns of ``variant``: ``"no_ner"`` has no entity-type columns."""
    return N_SYNTAX - (len(ENTITY_TYPES) if variant == "no_ner" else 0)


def flag_columns_start(variant: str = "full") -> int:
    """Where the 12 flag columns (reporting word, sentence start, ...) begin in the syntax block."""
    return syntax_width(variant) - 12


def _token_features(doc: Any, variant: str = "full") -> tuple[np.ndarray, np.ndarray]:
    """(char -> token row map over the parsed text, token feature rows) for one parsed chunk."""
    char_to_token = np.full(len(doc.text) + 1, -1, dtype=np.int64)
    rows = np.zeros((len(doc), syntax_width(variant)), dtype=np.float32)
    extra = flag_columns_start(variant)
    if not len(doc):
        return char_to_token, rows
    pos_index = {tag: i for i, tag in enumerate(POS_TAGS)}
    dep_index = {label: len(POS_TAGS) + i for i, label in enumerate(DEP_LABELS)}
    ent_index = {label: len(POS_TAGS) + len(DEP_LABELS) + i for i, label in enumerate(ENTITY_TYPES)}
    heads = [token.head.i for token in doc]
    deps = [token.dep_ for token in doc]
    full = variant == "full"
    if full:
        pos = [token.pos_ for token in doc]
        reporting = [t.i for t in doc if pos[t.i] in ("VERB", "AUX", "NOUN") and t.lemma_.lower() in REPORTING_LEMMAS]
    else:
        tags = [token.tag_ for token in doc]
        pos = [coarse_pos(tag, dep, t.lower_) for tag, dep, t in zip(tags, deps, doc, strict=True)]
        forms = reporting_forms(REPORTING_LEMMAS)
        reporting = [t.i for t in doc if tags[t.i] in REPORTING_TAGS and t.lower_ in forms]
    reporting_set = set(reporting)
    for token in doc:
        i = token.i
        row = rows[i]
        char_to_token[token.idx : token.idx + len(token)] = i
        if pos[i] in pos_index:
            row[pos_index[pos[i]]] = 1.0
        if deps[i] in dep_index:
            row[dep_index[deps[i]]] = 1.0
        row[extra + 2] = 1.0 if token.text[:1].isupper() else 0.0
        if full:  # without NER the "entity starts here" column stays 0
            if token.ent_type_ in ent_index:
                row[ent_index[token.ent_type_]] = 1.0
            row[extra + 3] = 1.0 if token.ent_iob_ == "B" else 0.0
        row[extra + 10] = 1.0 if token.is_punct else 0.0
        if not reporting_set:
            continue
        # Climb to the root: is the token in a reporting verb's subject, complement or prepositional phrase?
        child, head = i, heads[i]
        for _ in range(12):
            if head in reporting_set and child != head:
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
        row[extra + 7] = 1.0 if heads[i] in reporting_set else 0.0
    starts = np.fromiter((token.is_sent_start for token in doc), dtype=bool, count=len(doc))
    starts[0] = True
    rows[:, extra + 1] = starts
    rows[reporting, extra] = 1.0
    if reporting:
        _nearest_reporting(rows, extra, np.asarray(reporting, dtype=np.int64), starts)
    return char_to_token, rows


def _nearest_reporting(rows: np.ndarray, extra: int, positions: np.ndarray, sentence_starts: np.ndarray) -> None:
    """Signed log distance to the nearest reporting word (the earlier one on a tie), if in the same sentence."""
    tokens = np.arange(len(rows))
    sentence = np.maximum.accumulate(np.where(sentence_starts, tokens, 0))
    after = np.searchsorted(positions, tokens)  # first reporting word at or after each token
    before_gap = positions[np.maximum(after - 1, 0)] - tokens
    after_gap = positions[np.minimum(after, len(positions) - 1)] - tokens
    use_before = (after == len(positions)) | ((after > 0) & (np.abs(before_gap) <= np.abs(after_gap)))
    gap = np.where(use_before, before_gap, after_gap)
    same_sentence = sentence[tokens + gap] == sentence
    rows[:, extra + 8] = np.where(same_sentence, np.log1p(np.abs(gap)) / 5.0, 1.0)
    rows[:, extra + 9] = np.where(same_sentence, np.sign(gap), 0.0)


def parse_chunks(texts: Sequence[str], variant: str = "full") -> list[list[Any]]:
    """spaCy docs of each text, in ``PARSE_CHUNK_CHARS`` pieces, parsed in one batched stream by the pipeline
    of the syntax ``variant``."""
    chunks = [(index, start) for index, text in enumerate(texts) for start in range(0, len(text), PARSE_CHUNK_CHARS)]
    docs: list[list[Any]] = [[] for _ in texts]
    parsed = syntax_pipeline(variant).pipe(
        (texts[i][start : start + PARSE_CHUNK_CHARS] for i, start in chunks), batch_size=16
    )
    for (index, _), doc in zip(chunks, parsed, strict=True):
        docs[index].append(doc)
    return docs


def syntax_features(
    text: str, offsets: np.ndarray, docs: Sequence[Any] | None = None, variant: str = "full"
) -> np.ndarray:
    """(n_pieces, syntax_width(variant)) rows: each word piece takes the features of the spaCy token it starts in.

    ``docs``: the text already parsed by ``parse_chunks`` for the same variant (parsed here when not given).
    """
    width = syntax_width(variant)
    out = np.zeros((len(offsets), width), dtype=np.float32)
    if not len(offsets):
        return out
    quotes = _quote_depth(text)
    for number, doc in enumerate(docs if docs is not None else parse_chunks([text], variant)[0]):
        chunk_start = number * PARSE_CHUNK_CHARS
        char_to_token, rows = _token_features(doc, variant)
        inside = (offsets[:, 0] >= chunk_start) & (offsets[:, 0] < chunk_start + len(doc.text))
        local = char_to_token[offsets[inside, 0] - chunk_start]
        found = local >= 0
        picked = np.zeros((int(inside.sum()), width), dtype=np.float32)
        picked[found] = rows[local[found]]
        out[inside] = picked
    out[:, -1] = quotes[np.minimum(offsets[:, 0], len(text))]
    return out


def parsed_token_inputs(
    texts: Sequence[str], encoder: str = ENCODER, layers: Sequence[int] = (ENCODER_LAYER,), syntax: str = "full"
) -> tuple[list[TokenInputs], list[list[Any]]]:
    """``token_inputs`` of each text, and the spaCy docs they came from (source typing reads them too).

    ``encoder``, ``layers`` (states concatenated in that order) and ``syntax`` (the parse variant) are the
    model's (``config.json``)."""
    encoded = encode_states(texts, layers[0], encoder, extra_layers=layers[1:])
    docs = parse_chunks(texts, syntax)
    inputs = []
    for text, enc, text_docs in zip(texts, encoded, docs, strict=True):
        rows = syntax_features(text, enc.offsets, text_docs, syntax)
        inputs.append(TokenInputs(enc.offsets, np.concatenate([enc.states, rows], axis=1).astype(np.float32)))
    return inputs, docs


def token_inputs(
    texts: Sequence[str],
    batch_size: int = 32,
    encoder: str = ENCODER,
    layers: Sequence[int] = (ENCODER_LAYER,),
    syntax: str = "full",
) -> list[TokenInputs]:
    """Word-piece offsets and tagger inputs (by default MiniLM layer-6 states + full syntax) of each text."""
    del batch_size  # kept for callers; windows go to the encoder in length-sorted batches of its own size
    return parsed_token_inputs(texts, encoder, layers, syntax)[0]


__all__ = [
    "N_SYNTAX",
    "REPORTING_LEMMAS",
    "TokenInputs",
    "parse_chunks",
    "parsed_token_inputs",
    "syntax_features",
    "syntax_width",
    "token_inputs",
    "tokenize",
]
