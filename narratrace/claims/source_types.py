"""What kind of source an attribution names: person, organisation, outlet, anonymous or unattributed.

Each source span is parsed with a little of its sentence around it (spaCy's entities are poor on a lone
surname), and its head word (the span's token whose syntactic head lies outside it) decides first:

0. a head (or a whole span) that names an outlet of the gazetteer makes an ``outlet``;
1. a bare pronoun ("he said") takes the type of its nearest preceding named antecedent (a PERSON entity
   for he/she/I, an organisation or outlet for "it"), else ``person``;
2. a head inside a PERSON entity makes a ``person`` ("spokesperson Garrett Marquis"), and so does a
   proper-noun head that the article names elsewhere as part of a PERSON entity ("Trump" after "Donald Trump");
3. a head that is a people noun ("two anonymous US officials", "a source familiar with", "his donors")
   makes an ``anonymous`` source;
4. an outlet anywhere in the span (the gazetteer ``data/outlets.json`` or a generic "news agency") makes an
   ``outlet``: "SANA, citing unnamed sources and local media" is the outlet SANA, citing anonymous sources;
5. explicit anonymity words ("unnamed", "familiar with") make ``anonymous``; ORG / NORP / GPE entities or
   organisation words ("the ministry", "the campaign") an ``organisation``; a proper-noun head a ``person``.

A model's parse without NER (the default model's "no_ner" syntax) gets entities only around its sources, its
pronouns' antecedents and the sources' full names (``complete_parses``).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from narratrace.claims.attribution_syntax import add_source_entities, fill_pos
from narratrace.nlp import english

PRONOUNS = {"he": "PERSON", "she": "PERSON", "i": "PERSON", "him": "PERSON", "her": "PERSON", "it": "ORG"}
PEOPLE_NOUNS = frozenset(
    line.strip()
    for line in resources.files("narratrace.claims").joinpath("data/people_nouns.txt").read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)
ANONYMITY = re.compile(
    r"\b(anonymous|anonymity|unnamed|unidentified|not authori[sz]ed|familiar with|insiders?|sources)\b", re.I
)
ORGANISATION_WORDS = re.compile(
    r"\b(ministry|department|government|administration|agency|party|campaign|committee|council|commission|"
    r"police|army|military|forces|court|congress|senate|parliament|white house|pentagon|kremlin|"
    r"group|organi[sz]ation|company|firm|union|coalition|office|bureau|university|institute|foundation|"
    r"report|poll|survey|study|statement|memo|website|regime|team|pac|fund|data)\b",
    re.IGNORECASE,
)
NAMES_SCANNED_CHARS = 200_000  # of an article, searched for person names
CONTEXT_CHARS = 150  # parsed on each side of a source span
ANTECEDENT_WINDOW = 1500  # characters searched back for a pronoun's antecedent
# Parsed without NER (a "no_ner" model's parse), entities are found only around the sources and, for a pronoun,
# around the proper nouns this many characters before it (where its antecedent usually is).
PRONOUN_CONTEXT_CHARS = 300
FULL_NAME_MENTIONS = 2  # places per source word searched for a full name ("Bernie Sanders")


@lru_cache(maxsize=1)
def _outlet_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = json.loads(resources.files("narratrace.claims").joinpath("data/outlets.json").read_text(encoding="utf-8"))
    # Long names match case-insensitively ("POLITICO", "USA TODAY"); short ones ("AP", "RT") only as written.
    names = sorted(data["outlets"], key=len, reverse=True)
    alternatives = [re.escape(n) if len(n) <= 4 else "(?i:" + re.escape(n) + ")" for n in names]
    named = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")
    generic = sorted(data["generic"], key=len, reverse=True)
    unnamed = re.compile(r"\b(?:" + "|".join(re.escape(g) for g in generic) + r")s?\b", re.IGNORECASE)
    return named, unnamed


def is_outlet_name(text: str) -> bool:
    return bool(_outlet_patterns()[0].fullmatch(text.strip()))


def _head(tokens: Sequence[Any]) -> Any:
    """The span's first token whose syntactic head lies outside the span (its head word)."""
    inside = {token.i for token in tokens}
    for token in tokens:
        if token.head.i not in inside or token.head.i == token.i:
            return token
    return tokens[-1]


def person_words(text: str) -> frozenset[str]:
    """Capitalised words inside PERSON entities of the article (its first ``NAMES_SCANNED_CHARS``)."""
    nlp = english(exclude=("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"))  # NER has its own
    scanned = text[:NAMES_SCANNED_CHARS]
    words: set[str] = set()
    for doc in nlp.pipe(scanned[i : i + 100_000] for i in range(0, len(scanned), 100_000)):
        words.update(t.text for e in doc.ents if e.label_ == "PERSON" for t in e if t.text[:1].isupper())
    return frozenset(words)


def type_from_tokens(span_text: str, tokens: Sequence[Any], names: frozenset[str] = frozenset()) -> str:
    """The type of a non-pronoun source from its parsed tokens (with their sentence's entities).

    ``names``: words the article uses in person names (``person_words``).
    """
    content = [t for t in tokens if not t.is_punct and not t.is_space]
    if not content:
        return "person"
    head = _head(content)
    if is_outlet_name(head.text) or is_outlet_name(span_text.strip().removesuffix("'s").rstrip("'’")):
        return "outlet"  # an outlet named as the head ("SANA's report"), whatever the tagger thought of it
    # A capitalised noun head counts as a name too: the tagger reads a lone "Sanders" as a plural noun.
    if head.ent_type_ == "PERSON" or (head.pos_ in ("PROPN", "NOUN") and head.text in names):
        return "person"
    lowered = head.text.lower()
    # Plural forms spelled out for docs parsed without a lemmatizer ("no_ner" models): "majorities", "voters".
    plural_base = lowered[:-3] + "y" if lowered.endswith("ies") else lowered.removesuffix("s")
    if {head.lemma_.lower(), lowered, plural_base} & PEOPLE_NOUNS or head.pos_ == "NUM":
        return "anonymous"
    named, unnamed = _outlet_patterns()
    if named.search(span_text) or unnamed.search(span_text):
        return "outlet"
    if ANONYMITY.search(span_text):
        return "anonymous"
    if any(t.ent_type_ in ("ORG", "NORP", "GPE") for t in content) or ORGANISATION_WORDS.search(span_text):
        return "organisation"
    return "person"


def _pronoun_type(text: str, start: int, wanted: str, doc: Any | None = None) -> str:
    """Type of the nearest preceding entity of the wanted kind (PERSON, or ORG for "it"), else person."""
    window_start = max(0, start - ANTECEDENT_WINDOW)
    if doc is None:
        entities = list(english()(text[window_start:start]).ents)
    else:
        entities = [e for e in doc.ents if e.start_char >= window_start and e.end_char <= start]
    for entity in reversed(entities):
        if wanted == "PERSON" and entity.label_ == "PERSON":
            return "person"
        if wanted == "ORG" and entity.label_ in ("ORG", "NORP", "GPE"):
            return "outlet" if is_outlet_name(entity.text) else "organisation"
    return "person" if wanted == "PERSON" else "organisation"


def type_sources(text: str, spans: Sequence[tuple[int, int] | None], doc: Any | None = None) -> list[str]:
    """Source types of ``spans`` (character offsets into ``text``; None means ``unattributed``).

    ``doc``: ``text`` already parsed whole by the tagger's syntax pipeline (``parse_chunks``; entities are added
    around the sources when that parse had no NER); its parse, entities and names are then read instead of
    parsing a window around each span, which took more time than tagging (docs/results/attribution_speed.md).
    """
    types = ["unattributed"] * len(spans)
    jobs = [(i, span) for i, span in enumerate(spans) if span is not None and span[1] > span[0]]
    if doc is not None and doc.text == text:
        complete_parses([text], [doc], [[span for _, span in jobs]])
        token_starts = [t.idx for t in doc]
        token_ends = [t.idx + len(t) for t in doc]
        names = frozenset(t.text for e in doc.ents if e.label_ == "PERSON" for t in e if t.text[:1].isupper())
        windows = [(0, doc[bisect_right(token_ends, s) : bisect_left(token_starts, e)]) for _, (s, e) in jobs]
    else:
        doc = None
        bounds = [(max(0, s - CONTEXT_CHARS), min(len(text), e + CONTEXT_CHARS)) for _, (s, e) in jobs]
        parsed = english().pipe([text[a:b] for a, b in bounds], batch_size=64)
        windows = [(window_start, doc) for (window_start, _), doc in zip(bounds, parsed, strict=True)]
        names = person_words(text) if jobs else frozenset()
    for (i, (start, end)), (window_start, window) in zip(jobs, windows, strict=True):
        span_text = text[start:end]
        key = span_text.strip().lower()
        if key in PRONOUNS:
            types[i] = _pronoun_type(text, start, PRONOUNS[key], doc)
            continue
        tokens = [t for t in window if t.idx + window_start < end and t.idx + len(t) + window_start > start]
        types[i] = type_from_tokens(span_text, tokens, names)
    for i, span in enumerate(spans):
        if span is not None and span[1] <= span[0]:
            types[i] = "person"
    return types


def complete_parses(
    texts: Sequence[str], docs: Sequence[Any], spans: Sequence[Sequence[tuple[int, int] | None]]
) -> None:
    """POS and entities where typing reads them, on docs parsed without attribute ruler or NER (each doc the
    whole of its text; ``spans``: its sources), NER for all docs in one stream.

    NER runs around the sources, the proper nouns just before a pronoun source (its antecedent), and the first
    ``FULL_NAME_MENTIONS`` places where a capitalised word of a source follows another capitalised word:
    "Calabrese" is typed by "Tony Calabrese" elsewhere. NER around every repetition of a source's word cost as
    much as NER over the whole text (names recur in most sentences).
    """
    regions = [
        _entity_regions(text, doc, [span for span in doc_spans if span is not None and span[1] > span[0]])
        for text, doc, doc_spans in zip(texts, docs, spans, strict=True)
    ]
    add_source_entities(docs, regions)


def _entity_regions(text: str, doc: Any, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    if doc.has_annotation("ENT_IOB"):
        return []
    source_tokens = [doc.char_span(start, end, alignment_mode="expand") or () for start, end in spans]
    fill_pos([token for tokens in source_tokens for token in tokens])
    regions = list(spans)
    starts = doc.to_array("IDX")
    pronouns = [start for start, end in spans if text[start:end].strip().lower() in PRONOUNS]
    if pronouns:
        # A pronoun's antecedent is a named entity, so NER runs around the proper nouns before it only.
        proper_nouns = starts[np.isin(doc.to_array("TAG"), [doc.vocab.strings["NNP"], doc.vocab.strings["NNPS"]])]
        for start in pronouns:
            before = proper_nouns[(proper_nouns >= start - PRONOUN_CONTEXT_CHARS) & (proper_nouns < start)]
            regions += [(int(i), int(i) + 1) for i in before]
    # Capitalised nouns, not only PROPN: the tagger reads a lone "Sanders" as a plural noun.
    proper = {
        t.orth for tokens in source_tokens for t in tokens if t.pos_ in ("PROPN", "NOUN") and t.text[:1].isupper()
    }
    if proper:
        words, alpha = doc.to_array("ORTH"), doc.to_array("IS_ALPHA").astype(bool)
        distinct, inverse = np.unique(words[:-1], return_inverse=True)  # each distinct word looked up once
        upper = np.array([doc.vocab.strings[int(w)][:1].isupper() for w in distinct.tolist()], dtype=bool)
        capitalised = upper[inverse.reshape(-1)] & alpha[:-1] if len(distinct) else alpha[:-1]
        follows_capital = np.concatenate([[False], capitalised])
        for word in proper:
            for i in np.flatnonzero((words == word) & follows_capital)[:FULL_NAME_MENTIONS]:
                regions.append((int(starts[i]), int(starts[i]) + 1))
    return regions
