"""The parse the attribution tagger reads, in the variants a model's config names (``"syntax"``).

* ``"full"`` (a config without the key): spaCy ``en_core_web_sm`` whole, entity-type columns included.
* ``"no_ner"``: tok2vec, tagger and parser only: no NER, attribute ruler or lemmatizer, which cost ~19 of the
  ~28 CPU ms per 1,000 characters of the full pipeline (docs/results/attribution_speed.md). The coarse part of
  speech comes from the fine tag through ``TAG_TO_POS``, reporting words are matched on their lowercased forms
  (``reporting_forms``), and source typing runs NER only around its sources (``add_source_entities``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from narratrace.nlp import english

SYNTAX_VARIANTS = ("full", "no_ner")
PARSER_ONLY = ("ner", "attribute_ruler", "lemmatizer")  # excluded from the "no_ner" pipeline
# Penn Treebank tag -> Universal POS, as spaCy's English attribute ruler maps them (its word-specific
# exceptions aside: auxiliaries and subordinating conjunctions are told apart by their dependency instead).
TAG_TO_POS = {
    "$": "SYM",
    "''": "PUNCT",
    ",": "PUNCT",
    "-LRB-": "PUNCT",
    "-RRB-": "PUNCT",
    ".": "PUNCT",
    ":": "PUNCT",
    "ADD": "X",
    "AFX": "ADJ",
    "CC": "CCONJ",
    "CD": "NUM",
    "DT": "DET",
    "EX": "PRON",
    "FW": "X",
    "HYPH": "PUNCT",
    "IN": "ADP",
    "JJ": "ADJ",
    "JJR": "ADJ",
    "JJS": "ADJ",
    "LS": "X",
    "MD": "AUX",
    "NFP": "PUNCT",
    "NN": "NOUN",
    "NNP": "PROPN",
    "NNPS": "PROPN",
    "NNS": "NOUN",
    "PDT": "DET",
    "POS": "PART",
    "PRP": "PRON",
    "PRP$": "PRON",
    "RB": "ADV",
    "RBR": "ADV",
    "RBS": "ADV",
    "RP": "ADP",
    "SYM": "SYM",
    "TO": "PART",
    "UH": "INTJ",
    "VB": "VERB",
    "VBD": "VERB",
    "VBG": "VERB",
    "VBN": "VERB",
    "VBP": "VERB",
    "VBZ": "VERB",
    "WDT": "PRON",
    "WP": "PRON",
    "WP$": "PRON",
    "WRB": "ADV",
    "XX": "X",
    "_SP": "SPACE",
    "``": "PUNCT",
}
REPORTING_TAGS = frozenset(("VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD", "NN", "NNS"))  # verbs and nouns


def check_variant(variant: str) -> str:
    if variant not in SYNTAX_VARIANTS:
        raise ValueError(f"syntax variant {variant!r}: not one of {', '.join(SYNTAX_VARIANTS)}")
    return variant


def syntax_pipeline(variant: str) -> Any:
    """The (cached) spaCy pipeline that parses for ``variant``."""
    return english(exclude=PARSER_ONLY if check_variant(variant) == "no_ner" else ())


BE_FORMS = frozenset(("be", "is", "am", "are", "was", "were", "been", "being", "'s", "'re", "'m", "’s", "’re", "’m"))


def coarse_pos(tag: str, dep: str, lower: str = "") -> str:
    """Universal POS of a token from its fine tag, dependency label and lowercased form: the attribute ruler's
    for 98.6% of the tokens of 20 PolNeAR articles with the rules below (the rest mostly WH-adverbs it calls
    SCONJ)."""
    pos = TAG_TO_POS.get(tag, "X")
    if pos == "VERB" and (dep in ("aux", "auxpass") or lower in BE_FORMS):
        return "AUX"
    if pos == "ADP" and dep == "mark":
        return "SCONJ"
    if tag == "DT" and dep not in ("det", "predet"):
        return "PRON"  # "that", "this" standing alone
    if dep == "neg":
        return "PART"
    return pos


@lru_cache(maxsize=4)
def reporting_forms(lemmas: frozenset[str]) -> frozenset[str]:
    """Lowercased word forms whose lemma is one of ``lemmas``, by spaCy's own English lemmatizer tables.

    The inverse of its rule lemmatizer: each lemma with every verb and noun suffix rule undone ("say" ->
    "says"), plus the irregular forms of its exception table ("said", "told", "admitted"). A few forms made
    this way are not words ("sayed"); they never match.
    """
    lookups = english(exclude=("tok2vec", "tagger", "parser", "attribute_ruler", "ner")).get_pipe("lemmatizer").lookups
    rules, exceptions = lookups.get_table("lemma_rules"), lookups.get_table("lemma_exc")
    forms = set(lemmas)
    for pos in ("verb", "noun"):
        for lemma in lemmas:
            for old, new in rules.get(pos, []):
                if lemma.endswith(new):
                    forms.add(lemma[: len(lemma) - len(new)] + old)
        forms.update(form for form, bases in exceptions.get(pos, {}).items() if set(bases) & lemmas)
    return frozenset(forms)


def fill_pos(tokens: Sequence[Any]) -> None:
    """Coarse POS on ``tokens`` of a doc parsed without the attribute ruler (source typing reads them)."""
    for token in tokens:
        if not token.pos_:
            token.pos_ = coarse_pos(token.tag_, token.dep_, token.lower_)


# Tokens of context NER gets on each side of a region. Its CNN reads four tokens on each side (depth 4, window 1),
# but two cost 25-40% less NER time and typed 99.5% of 1,479 sources as four did (the 140 hand-labelled dev
# spans: the same 0.857), since the entities that type a source lie inside it (docs/results/attribution_speed.md).
NER_CONTEXT_TOKENS = 2


def add_source_entities(docs: Sequence[Any], regions: Sequence[Sequence[tuple[int, int]]]) -> None:
    """NER over the tokens of each doc that overlap one of its ``regions`` (character offsets), widened by
    ``NER_CONTEXT_TOKENS`` on each side; the entities are set on the doc. Docs with entities are left alone.

    Source typing needs entities on and near its sources only: NER over every sentence holding a source cost
    two thirds of NER over the whole text (docs/results/attribution_speed.md). All windows of all docs go to
    NER in one stream: a call costs ~20 ms however little it reads.
    """
    windows = []
    for doc, doc_regions in zip(docs, regions, strict=True):
        if doc.has_annotation("ENT_IOB") or not len(doc):
            continue
        windows += [doc[first:last] for first, last in _token_windows(doc, doc_regions)]
    ner = english(exclude=("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"))  # NER has its own
    entities: dict[int, list[Any]] = {id(doc): [] for doc in docs}
    for window, parsed in zip(windows, ner.pipe(w.text for w in windows), strict=True):
        for entity in parsed.ents:
            start = window.start_char + entity.start_char
            found = window.doc.char_span(start, start + len(entity.text), label=entity.label_, alignment_mode="expand")
            if found is not None and found.start >= window.start and found.end <= window.end:
                entities[id(window.doc)].append(found)
    for doc in docs:
        if len(doc) and not doc.has_annotation("ENT_IOB"):
            doc.set_ents(entities[id(doc)], default="outside")


def _token_windows(doc: Any, regions: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Token ranges covering ``regions`` and ``NER_CONTEXT_TOKENS`` around them, overlapping ones merged."""
    starts = doc.to_array("IDX").tolist()  # not a loop over tokens: each Token made in Python costs ~4 µs
    windows: list[list[int]] = []
    for start, end in sorted(regions):
        first = max(0, bisect_right(starts, start) - 1 - NER_CONTEXT_TOKENS)
        last = min(len(doc), bisect_left(starts, end) + NER_CONTEXT_TOKENS)
        if windows and first <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], last)
        elif first < last:
            windows.append([first, last])
    return [(first, last) for first, last in windows]
