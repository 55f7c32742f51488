"""The parse the attribution tagger reads, in the variants a model's config names (``"syntax"``).

* ``"full"`` (a config without the key): spaCy ``en_core_web_sm`` whole, entity-type columns included.
* ``"no_ner"``: tok2vec, tagger and parser only: no NER, attribute ruler or lemmatizer, which cost ~19 of the
  ~28 CPU ms per 1,000 characters of the full pipeline (docs/results/attribution_speed.md). The coarse part of
  speech comes from the fine tag through ``TAG_TO_POS``, reporting words are matched on their lowercased forms
  (``reporting_forms``), and source typing runs NER only on the sentences that hold a source
  (``add_source_entities``).
"""

from __future__ import annotations

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


def fill_pos(doc: Any) -> None:
    """Coarse POS on every token of a doc parsed without the attribute ruler (source typing reads it)."""
    if doc.has_annotation("POS"):
        return
    for token in doc:
        token.pos_ = coarse_pos(token.tag_, token.dep_, token.lower_)


def add_source_entities(doc: Any, spans: Sequence[tuple[int, int]]) -> None:
    """NER over the sentences of ``doc`` that overlap one of ``spans`` (character offsets), its entities set on
    ``doc``; a doc that has entities already is left alone.

    NER's features read a few words on each side of a token, so a sentence alone loses only those across its
    edges; the sentences holding sources are a fraction of an article.
    """
    if doc.has_annotation("ENT_IOB") or not len(doc):
        return
    sentences = list(doc.sents)
    wanted: set[int] = set()
    for start, end in spans:
        wanted.update(i for i, s in enumerate(sentences) if s.start_char < end and start < s.end_char)
    chosen = [sentences[i] for i in sorted(wanted) if 0 <= i < len(sentences)]
    ner = english(exclude=("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"))  # NER has its own
    entities = []
    for sentence, parsed in zip(chosen, ner.pipe(s.text for s in chosen), strict=True):
        for entity in parsed.ents:
            start = sentence.start_char + entity.start_char
            span = doc.char_span(start, start + len(entity.text), label=entity.label_, alignment_mode="expand")
            if span is not None:
                entities.append(span)
    doc.set_ents(entities, default="outside")
