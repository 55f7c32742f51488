"""Per word-piece inputs of the attribution tagger: frozen MiniLM states plus cheap syntactic features.

The syntactic features carry what a dependency-parse attribution finder would use (a reporting verb, its
subject, its clausal complement, quotation marks), so the small head does not have to learn them from
~700 articles: part of speech, dependency label, entity type, "is a reporting verb", "inside quotes",
"in the subject / complement of a reporting verb", and the signed distance to the nearest reporting verb.
A model's ``"syntax"`` variant (``attribution_syntax``) says which parse they come from: ``"no_ner"`` drops the
entity-type columns and reads POS and reporting words without the attribute ruler and lemmatizer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np

from narratrace.claims.attribution_encoder import encode_states
from narratrace.claims.attribution_syntax import REPORTING_TAGS, coarse_pos, reporting_forms, syntax_pipeline
from narratrace.techniques.encoder import tokenize

ENCODER = "minilm-l6"
ENCODER_LAYER = 6
# An encoder name for no transformer at all: the states are the rows spaCy's tok2vec computes anyway for the parse
# (``doc.tensor``, 96-d), on the same word-piece grid as MiniLM's, so the head, decoding and typing stay unchanged
# (docs/results/attribution_speed.md). Its ``layers`` are not read.
TOK2VEC_ENCODER = "spacy-tok2vec"
TOK2VEC_WIDTH = 96  # en_core_web_sm's tok2vec output
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
# Docs per spaCy batch: 4-8 parsed ~10% faster than 16 and ~25% faster than 32 on 90 real articles (the parses
# are the same whatever the batch; docs/results/attribution_speed.md).
PARSE_BATCH_DOCS = 8


@dataclass(frozen=True)
class TokenInputs:
    offsets: np.ndarray  # (n, 2) character offsets of the word pieces
    features: np.ndarray  # (n, hidden + N_SYNTAX) float32


_QUOTE_EVENTS = re.compile('[\n“«”»"]')
# The New York Times archive writes a double quote as two apostrophes (''Born with a silver spoon,'' he said):
# 116 of PolNeAR's 840 articles. The models' input feature reads the marks above only (it was trained so).
_QUOTE_EVENTS_AND_APOSTROPHES = re.compile("''|[\n“«”»\"]")


def _quote_depth(text: str, events: re.Pattern[str] = _QUOTE_EVENTS) -> np.ndarray:
    """1 for characters inside double quotes (curly or straight, reset at each paragraph), else 0.

    A loop over the quote marks and line ends only (a stray closing mark counts as inside itself)."""
    inside = np.zeros(len(text) + 1, dtype=np.float32)
    state, opened = False, 0
    for match in events.finditer(text):
        i, char = match.start(), match.group()
        if char == "\n":
            if state:
                inside[opened:i] = 1.0
            state = False
        elif char in ("“", "«") or (char in ('"', "''") and not state):
            opened, state = (opened, True) if state else (i, True)
        else:  # a closing mark, or a straight quote that closes
            inside[opened if state else i : match.end()] = 1.0
            state = False
    if state:
        inside[opened : len(text)] = 1.0
    return inside


def quotation_chars(text: str) -> np.ndarray:
    """``_quote_depth`` with two apostrophes read as a double quote too: where contents snap to quotations."""
    return _quote_depth(text, _QUOTE_EVENTS_AND_APOSTROPHES)


def syntax_width(variant: str = "full") -> int:
    """Number of syntax columns of ``variant``: ``"no_ner"`` has no entity-type columns."""
    return N_SYNTAX - (len(ENTITY_TYPES) if variant == "no_ner" else 0)


def flag_columns_start(variant: str = "full") -> int:
    """Where the 12 flag columns (reporting word, sentence start, ...) begin in the syntax block."""
    return syntax_width(variant) - 12


# Token attributes read in one ``Doc.to_array`` call: building a spaCy ``Token`` object per token and attribute cost
# more than the rest of the features together (docs/results/attribution_speed.md).
_PARSE_ATTRS = ("HEAD", "SENT_START", "IS_PUNCT", "IDX", "LENGTH", "TAG", "DEP", "LOWER")
_ENTITY_ATTRS = ("POS", "LEMMA", "ENT_IOB", "ENT_TYPE")
_IOB_BEGIN = 3  # ``Doc.to_array("ENT_IOB")``: 3 = B, 1 = I, 2 = O, 0 = unset


def _string_codes(doc: Any, hashes: np.ndarray, code: Callable[[str], int]) -> np.ndarray:
    """``code(string)`` for each of ``hashes`` (spaCy string ids), looked up once per distinct string."""
    distinct, inverse = np.unique(hashes, return_inverse=True)
    codes = np.array([code(doc.vocab.strings[int(h)] if h else "") for h in distinct.tolist()], dtype=np.int64)
    return codes[inverse.reshape(-1)] if len(codes) else np.zeros(0, dtype=np.int64)


def _coarse_pos_columns(doc: Any, tags: np.ndarray, deps: np.ndarray, lowers: np.ndarray) -> np.ndarray:
    """Column of ``coarse_pos`` per token (-1: none), computed once per distinct (tag, dependency, form)."""
    strings = doc.vocab.strings
    triples, inverse = np.unique(np.stack([tags, deps, lowers], axis=1), axis=0, return_inverse=True)
    pos_index = {tag: i for i, tag in enumerate(POS_TAGS)}
    columns = [
        pos_index.get(
            coarse_pos(strings[int(t)] if t else "", strings[int(d)] if d else "", strings[int(w)] if w else ""), -1
        )
        for t, d, w in triples.tolist()
    ]
    return np.asarray(columns, dtype=np.int64)[inverse.reshape(-1)]


def _reporting_relations(rows: np.ndarray, extra: int, heads: np.ndarray, dep_labels: list[str]) -> None:
    """For each token, climb towards the root (12 steps at most): is it in a reporting word's subject (column
    ``extra + 4``), complement (``+ 5``) or prepositional phrase (``+ 6``)? All tokens climb in step."""
    reporting = rows[:, extra] > 0
    child = np.arange(len(heads))
    head = heads.copy()
    climbing = np.ones(len(heads), dtype=bool)
    relation = {
        **dict.fromkeys(("nsubj", "nsubjpass", "agent"), 4),
        **dict.fromkeys(("ccomp", "xcomp", "parataxis", "dobj", "advcl"), 5),
        "prep": 6,
    }
    column_of_dep = np.array([relation.get(label, -1) for label in dep_labels], dtype=np.int64)
    for _ in range(12):
        reached = climbing & reporting[head] & (child != head)
        columns = column_of_dep[child[reached]]
        found = columns >= 0
        rows[np.flatnonzero(reached)[found], extra + columns[found]] = 1.0
        climbing &= ~reached & (head != heads[head])
        child = np.where(climbing, head, child)
        head = np.where(climbing, heads[head], head)


def _char_to_token(doc: Any) -> np.ndarray:
    """Token index of each character of a parsed chunk (-1 between tokens), one past its end included."""
    char_to_token = np.full(len(doc.text) + 1, -1, dtype=np.int64)
    if len(doc):
        idx, length = doc.to_array(["IDX", "LENGTH"]).astype(np.int64).T
        char_to_token[np.repeat(idx, length) + tokens_offsets(length)] = np.repeat(np.arange(len(doc)), length)
    return char_to_token


def _token_features(doc: Any, variant: str = "full") -> tuple[np.ndarray, np.ndarray]:
    """(char -> token row map over the parsed text, token feature rows) for one parsed chunk."""
    char_to_token = np.full(len(doc.text) + 1, -1, dtype=np.int64)
    rows = np.zeros((len(doc), syntax_width(variant)), dtype=np.float32)
    extra = flag_columns_start(variant)
    if not len(doc):
        return char_to_token, rows
    full = variant == "full"
    array = doc.to_array([*_PARSE_ATTRS, *(_ENTITY_ATTRS if full else ())])
    column = dict(zip((*_PARSE_ATTRS, *(_ENTITY_ATTRS if full else ())), array.T, strict=True))
    tokens = np.arange(len(doc))
    heads = tokens + column["HEAD"].astype(np.int64)  # relative offsets, stored wrapped in uint64
    idx, length = column["IDX"].astype(np.int64), column["LENGTH"].astype(np.int64)
    dep_index = {label: len(POS_TAGS) + i for i, label in enumerate(DEP_LABELS)}
    dep_labels = [doc.vocab.strings[int(h)] if h else "" for h in column["DEP"].tolist()]
    dep_columns = np.array([dep_index.get(label, -1) for label in dep_labels], dtype=np.int64)
    if full:
        pos_index = {tag: i for i, tag in enumerate(POS_TAGS)}
        pos_columns = _string_codes(doc, column["POS"], lambda pos: pos_index.get(pos, -1))
        verbal = np.isin(pos_columns, [pos_index["VERB"], pos_index["AUX"], pos_index["NOUN"]])
        reporting = verbal & (_string_codes(doc, column["LEMMA"], lambda lemma: lemma.lower() in REPORTING_LEMMAS) > 0)
        ent_index = {label: len(POS_TAGS) + len(DEP_LABELS) + i for i, label in enumerate(ENTITY_TYPES)}
        ent_columns = _string_codes(doc, column["ENT_TYPE"], lambda label: ent_index.get(label, -1))
        has_entity = ent_columns >= 0
        rows[tokens[has_entity], ent_columns[has_entity]] = 1.0
        rows[:, extra + 3] = column["ENT_IOB"] == _IOB_BEGIN  # without NER "an entity starts here" stays 0
    else:
        pos_columns = _coarse_pos_columns(doc, column["TAG"], column["DEP"], column["LOWER"])
        forms = reporting_forms(REPORTING_LEMMAS)
        reporting = (_string_codes(doc, column["TAG"], lambda tag: tag in REPORTING_TAGS) > 0) & (
            _string_codes(doc, column["LOWER"], lambda lower: lower in forms) > 0
        )
    for columns in (pos_columns, dep_columns):
        known = columns >= 0
        rows[tokens[known], columns[known]] = 1.0
    text = doc.text
    rows[:, extra + 2] = [text[start].isupper() for start in idx.tolist()]
    rows[:, extra + 10] = column["IS_PUNCT"]
    char_to_token[np.repeat(idx, length) + tokens_offsets(length)] = np.repeat(tokens, length)
    starts = column["SENT_START"] == 1
    starts[0] = True
    rows[:, extra + 1] = starts
    positions = np.flatnonzero(reporting)
    rows[positions, extra] = 1.0
    if len(positions):
        _reporting_relations(rows, extra, heads, dep_labels)
        rows[:, extra + 7] = reporting[heads]
        _nearest_reporting(rows, extra, positions, starts)
    return char_to_token, rows


def tokens_offsets(lengths: np.ndarray) -> np.ndarray:
    """0, 1, …, n-1 for each run of ``lengths``, concatenated: the character offsets within each token."""
    ends = np.cumsum(lengths)
    return np.arange(int(ends[-1]) if len(ends) else 0) - np.repeat(ends - lengths, lengths)


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
        (texts[i][start : start + PARSE_CHUNK_CHARS] for i, start in chunks), batch_size=PARSE_BATCH_DOCS
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
    if not len(offsets):
        return np.zeros((0, syntax_width(variant)), dtype=np.float32)
    text_docs = docs if docs is not None else parse_chunks([text], variant)[0]
    out = _piece_rows(offsets, text_docs, syntax_width(variant), lambda doc: _token_features(doc, variant))
    out[:, -1] = _quote_depth(text)[np.minimum(offsets[:, 0], len(text))]
    return out


def tok2vec_states(offsets: np.ndarray, docs: Sequence[Any]) -> np.ndarray:
    """(n_pieces, TOK2VEC_WIDTH) rows: each word piece takes the tok2vec row (``doc.tensor``) of the spaCy token it
    starts in; pieces in no token (none in practice: pieces start on a word) get zeros. ``docs``: the text as
    ``parse_chunks`` parsed it (the tensor is set by every variant's pipeline)."""

    def tensor_rows(doc: Any) -> tuple[np.ndarray, np.ndarray]:
        tensor = np.asarray(doc.tensor, dtype=np.float32)
        if tensor.shape != (len(doc), TOK2VEC_WIDTH):  # an empty doc's tensor may be (0, 0)
            tensor = np.zeros((len(doc), TOK2VEC_WIDTH), dtype=np.float32)
        return _char_to_token(doc), tensor

    return _piece_rows(offsets, docs, TOK2VEC_WIDTH, tensor_rows)


def _piece_rows(
    offsets: np.ndarray, docs: Sequence[Any], width: int, token_rows: Callable[[Any], tuple[np.ndarray, np.ndarray]]
) -> np.ndarray:
    """Rows per word piece from per-token rows: ``token_rows(doc)`` gives a chunk's char -> token map and its token
    rows; chunk ``k`` of ``docs`` starts at character ``k * PARSE_CHUNK_CHARS`` (``parse_chunks``)."""
    out = np.zeros((len(offsets), width), dtype=np.float32)
    for number, doc in enumerate(docs):
        chunk_start = number * PARSE_CHUNK_CHARS
        char_to_token, rows = token_rows(doc)
        inside = (offsets[:, 0] >= chunk_start) & (offsets[:, 0] < chunk_start + len(doc.text))
        local = char_to_token[offsets[inside, 0] - chunk_start]
        found = local >= 0
        picked = np.zeros((int(inside.sum()), width), dtype=np.float32)
        picked[found] = rows[local[found]]
        out[inside] = picked
    return out


def parsed_token_inputs(
    texts: Sequence[str], encoder: str = ENCODER, layers: Sequence[int] = (ENCODER_LAYER,), syntax: str = "full"
) -> tuple[list[TokenInputs], list[list[Any]]]:
    """``token_inputs`` of each text, and the spaCy docs they came from (source typing reads them too).

    ``encoder``, ``layers`` (states concatenated in that order) and ``syntax`` (the parse variant) are the
    model's (``config.json``); ``TOK2VEC_ENCODER`` reads the parse's own tok2vec rows on MiniLM's word pieces, and
    ``"minilm-l6+spacy-tok2vec"`` MiniLM's states with those rows after them."""
    transformer, _, with_rows = encoder.partition("+")
    if with_rows not in ("", TOK2VEC_ENCODER):
        raise ValueError(f"encoder {encoder!r}: only {TOK2VEC_ENCODER!r} rows can go beside a transformer's states")
    if encoder == TOK2VEC_ENCODER:
        docs = parse_chunks(texts, syntax)
        pieces = [tokenize(text, ENCODER)[1] for text in texts]
        states = [tok2vec_states(offsets, text_docs) for offsets, text_docs in zip(pieces, docs, strict=True)]
    else:
        encoded = encode_states(texts, layers[0], transformer, extra_layers=layers[1:])
        docs = parse_chunks(texts, syntax)
        pieces, states = [enc.offsets for enc in encoded], [enc.states for enc in encoded]
        if with_rows == TOK2VEC_ENCODER:  # the parse's own tok2vec rows beside the transformer's states
            states = [
                np.concatenate([s, tok2vec_states(o, d)], axis=1) for s, o, d in zip(states, pieces, docs, strict=True)
            ]
    inputs = []
    for text, offsets, text_states, text_docs in zip(texts, pieces, states, docs, strict=True):
        rows = syntax_features(text, offsets, text_docs, syntax)
        inputs.append(TokenInputs(offsets, np.concatenate([text_states, rows], axis=1).astype(np.float32)))
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
    "TOK2VEC_ENCODER",
    "TOK2VEC_WIDTH",
    "TokenInputs",
    "parse_chunks",
    "parsed_token_inputs",
    "syntax_features",
    "syntax_width",
    "tok2vec_states",
    "token_inputs",
    "tokenize",
]
