"""What kind of source an attribution names: person, organisation, outlet, anonymous or unattributed.

Each source span is parsed with a little of its sentence around it (spaCy's entities are poor on a lone
surname), and its head word (``source_heads.head_word``: the span's token whose syntactic head lies outside it,
with the small parser's usual slips allowed for) decides first:

0. a head (or a whole span) that names an outlet of the gazetteer, or a web address, makes an ``outlet``;
1. a bare pronoun ("he said") takes the type of its nearest preceding named antecedent (a PERSON entity
   for he/she/I, an organisation or outlet for "it"), else ``person``; "they" and "you" are ``anonymous``; a
   relative pronoun ("the NGO, which claims") is typed by the noun phrase its clause attaches to, as below;
2. a head inside a PERSON entity makes a ``person`` ("spokesperson Garrett Marquis"), and so does a
   proper-noun head that the article names elsewhere as part of a PERSON entity ("Trump" after "Donald Trump");
3. a head that is a people noun ("two anonymous US officials", "a source familiar with", "his donors")
   makes an ``anonymous`` source;
4. an outlet anywhere in the span (the gazetteer ``data/outlets.json`` or a generic "news agency"), or the press
   unnamed as the head ("Russian media", "a news organization"), makes an ``outlet``: "SANA, citing unnamed
   sources and local media" is the outlet SANA, citing anonymous sources;
5. explicit anonymity words ("unnamed", "familiar with") make ``anonymous``; ORG / NORP / GPE entities or
   organisation words ("the ministry", "the campaign") an ``organisation``; so does any other common-noun head
   ("the town", "polls": a body or a document, not a person); a proper-noun head a ``person``.

A model's parse without NER (the default model's "no_ner" syntax) gets entities only around its sources, its
pronouns' antecedents and the sources' full names (``complete_parses``).

``read_sources`` also says **who a pronoun source is**: the antecedent found above ("he" -> "Garrett Marquis",
"which" -> "The NGO"), as ``refers_to``. "he" in one article and "he" in another are not one source; their
antecedents may be (claims.corroboration reads them). A short outlet name refers to the outlet the text named
in full before it ("the Times" after "The New York Times", ``outlet_mentions.short_outlet_referent``); with none named
before, it refers to nothing, since "the Times" alone could be any of several papers. An unnamed outlet ("the
media outlet", "the newspaper") refers to the nearest known outlet or web address before it
(``outlet_mentions.generic_outlet_referent``); "the same poll" refers to the outlet whose poll the text named
before, if an outlet's (``outlet_mentions.document_outlet_referent``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, NamedTuple

import numpy as np

from narratrace.claims.attribution_syntax import add_source_entities, fill_pos
from narratrace.claims.outlet_mentions import (
    document_outlet_referent,
    generic_outlet_referent,
    short_outlet_referent,
)
from narratrace.claims.outlets import gazetteer, name_alternative
from narratrace.claims.person_gender import HONORIFICS, PRONOUN_GENDER, person_gender
from narratrace.claims.source_heads import (
    PEOPLE_NOUNS,
    ROLE_NOUNS,
    SUBJECT_DEPS,
    described_as_person,
    head_word,
    name_after_comma,
    named_after,
    names_the_head,
    newspaper_name,
    proper_appositive,
    quantity_group,
    unnamed_media,
    wordnet_role,
)
from narratrace.nlp import english
from narratrace.provenance.credit_names import is_domain, outlet_edition

PRONOUNS = {"he": "PERSON", "she": "PERSON", "i": "PERSON", "him": "PERSON", "her": "PERSON", "it": "ORG"}
# Pronouns that never stand for one named person: a group ("they said") or the generic reader ("you"). Typed as
# unnamed people (the guide types a pronoun as its antecedent, and a group of people is "anonymous"); the
# fallback made them persons.
GROUP_PRONOUNS = frozenset({"they", "them", "you"})
# Pronouns whose antecedent is reported as ``refers_to``. Not "I" (as a source it is the writer or a speaker
# inside a quotation, rarely the nearest name before it) nor "it" (mostly impersonal, "it is assumed", or a
# document: 1 of 7 nearest organisations right on the hand-labelled sources, bench/data/source_referents).
REFERRING_PRONOUNS = frozenset({"he", "she", "him", "her"})
RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that"})
# Dependents that belong to a noun phrase before its head noun: "National Security Council spokesperson Garrett
# Marquis", "the NGO", "Trump's campaign".
_NOUN_PHRASE_LEFT = frozenset({"det", "predet", "compound", "amod", "poss", "nummod", "nmod", "quantmod"})
# Words before a role noun that make it unnamed people rather than one individual: "two senators", "a reporter".
_INDEFINITE = frozenset(
    {"a", "an", "another", "some", "several", "many", "few", "other", "others", "most", "all", "any", "no"}
)
_NO_ONE = re.compile(r"(?:almost |virtually |hardly |nearly )?no[- ]one", re.IGNORECASE)  # "nobody" in two words
ANONYMITY = re.compile(
    r"\b(anonymous|anonymity|unnamed|unidentified|not authori[sz]ed|familiar with|insiders?|sources)\b", re.I
)
ORGANISATION_WORDS = re.compile(
    r"\b(ministry|department|government|administration|agency|party|campaign|committee|council|commission|"
    r"police|army|military|forces|court|congress|senate|parliament|white house|pentagon|kremlin|"
    r"group|organi[sz]ation|ngo|charity|association|alliance|company|firm|union|coalition|office|bureau|"
    r"university|institute|foundation|observatory|"
    r"report|poll|survey|study|statement|memo|website|regime|team|pac|fund|data)\b",
    re.IGNORECASE,
)
NAMES_SCANNED_CHARS = 200_000  # of an article, searched for person names
CONTEXT_CHARS = 150  # parsed on each side of a source span
ANTECEDENT_WINDOW = 1500  # characters searched back for a pronoun's antecedent
GENDER_EVIDENCE_CHARS = 20_000  # searched back for an antecedent's honorific or first name (a long text's cost bounded)
# Parsed without NER (a "no_ner" model's parse), entities are found only around the sources and, for a pronoun,
# around the proper nouns this many characters before it (where its antecedent usually is).
PRONOUN_CONTEXT_CHARS = 300
FULL_NAME_MENTIONS = 2  # places per source word searched for a full name ("Bernie Sanders")


@lru_cache(maxsize=1)
def _outlet_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = gazetteer()
    names = sorted(data["outlets"], key=len, reverse=True)
    alternatives = [name_alternative(n) for n in names]
    named = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")
    generic = sorted(data["generic"], key=len, reverse=True)
    unnamed = re.compile(r"\b(?:" + "|".join(re.escape(g) for g in generic) + r")s?\b", re.IGNORECASE)
    return named, unnamed


def is_outlet_name(text: str) -> bool:
    return bool(_outlet_patterns()[0].fullmatch(text.strip()))


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
    head = head_word(content)
    group = quantity_group(head, content)
    # "52 percent of registered voters" is typed as its group, "only four percent" (of those polled) and "10 percent
    # of them" are unnamed people; a share in a named outlet's poll ("78 percent in a CBS News poll") cites it.
    if group is not None and not _outlet_patterns()[0].search(span_text):
        if not group or head_word(group).lower_ in GROUP_PRONOUNS:
            return "anonymous"
        return type_from_tokens(group[0].doc.text[group[0].idx : group[-1].idx + len(group[-1])], group, names)
    bare = span_text.strip().removesuffix("'s").rstrip("'’")
    if outlet_edition(bare, is_outlet_name):
        return "outlet"  # "Sputnik Arabic", "RT America": the tagger reads an outlet and a language as a person
    full_name = head.ent_type_ == "PERSON" and any(t.ent_type_ == "PERSON" and t.i < head.i for t in content)
    if full_name or any(t.lower_.rstrip(".") in HONORIFICS and names_the_head(t, head) for t in content):
        return "person"  # "Michael Bloomberg", "Mr. Bloomberg": a person named like an outlet is a person
    if _named_holder(head, content) or described_as_person(head, content) or name_after_comma(head, content):
        return "person"  # "CNN's chief medical correspondent Dr. Sanjay Gupta": the role, then who holds it
    if is_outlet_name(head.text) or is_outlet_name(bare) or is_domain(bare) or newspaper_name(head, content):
        return "outlet"  # an outlet named as the head ("SANA's report") or by its address, whatever the tagger thought
    # A capitalised noun head counts as a name too: the tagger reads a lone "Sanders" as a plural noun.
    if head.ent_type_ == "PERSON" or (head.pos_ in ("PROPN", "NOUN") and head.text in names):
        return "person"
    lowered = head.text.lower().rstrip("'’")  # "the Senate candidates’"
    # Plural forms spelled out for docs parsed without a lemmatizer ("no_ner" models): "majorities", "voters".
    plural_base = lowered[:-3] + "y" if lowered.endswith("ies") else lowered.removesuffix("s")
    plural_base = lowered if lowered.endswith("ss") else plural_base  # "actress", "witness": singular
    if unnamed_media(head, content):
        return "outlet"  # the press unnamed: "Russian media", "state-run television", "Syrian media sources"
    if proper_appositive(head, content) and {lowered, plural_base} & (PEOPLE_NOUNS | ROLE_NOUNS):
        return "person"  # "One Republican presidential hopeful, Carly Fiorina,": the tagger may miss the name
    if {head.lemma_.lower(), lowered, plural_base} & PEOPLE_NOUNS or head.pos_ == "NUM" or _NO_ONE.fullmatch(bare):
        return "anonymous"
    role_base = {"women": "woman", "men": "man", "allies": "ally"}.get(lowered, plural_base)
    roles = {head.lemma_.lower(), lowered, role_base}
    # WordNet's roles yield to an outlet named in the phrase: "The San Antonio CBS affiliate" is a station.
    person_sense = wordnet_role(head, roles) and not _outlet_patterns()[0].search(span_text)
    if (roles & ROLE_NOUNS and head.tag_ in ("NN", "NNS")) or person_sense:
        if named_after(head, content):
            return "person"  # "an entrepreneur named Donald Trump"
        # A count or an indefinite word of the head itself ("two senators", "a reporter", "many pastors"), not of a
        # phrase inside it ("The 68-year-old Oregon native", "The former Heisman Trophy winner, now a guest speaker").
        modifiers = [t for t in content if t.head.i == head.i and t.i < head.i]
        counted = any(t.lower_ in _INDEFINITE or (t.tag_ == "CD" and t.dep_ == "nummod") for t in modifiers)
        return "anonymous" if head.tag_ == "NNS" or lowered != role_base or counted else "person"
    named, unnamed = _outlet_patterns()
    if named.search(span_text) or unnamed.search(span_text):
        return "outlet"
    if ANONYMITY.search(span_text) or (head.ent_type_ == "NORP" and head.tag_ in ("NNS", "NNPS")):
        return "anonymous"  # also a people by nationality or creed: "the Iranians", "Syrian Kurds"
    if any(t.ent_type_ in ("ORG", "NORP", "GPE") for t in content) or ORGANISATION_WORDS.search(span_text):
        return "organisation"
    if head.tag_ in ("NN", "NNS"):
        return "organisation"  # no name and no people noun: a body or a document ("the town", "polls")
    return "person"


# Heads of a phrase naming a medium ("the news site RTL Info"): what follows is its name, whatever the tagger says.
_MEDIUM_HEADS = frozenset({"site", "website", "newspaper", "paper", "outlet", "blog", "magazine", "channel", "station"})


def _named_holder(head: Any, content: Sequence[Any]) -> bool:
    """Whether a person's name stands in apposition to the head ("A top strategist, John Weaver,"), unless the head
    names an outlet or a body ("the news site RTL Info", "the activist group Mosul Eye": the tagger's PERSON)."""
    word = head.lower_
    if word in _MEDIUM_HEADS or _outlet_patterns()[1].fullmatch(word) or ORGANISATION_WORDS.fullmatch(word):
        return False
    return any(t.dep_ == "appos" and t.ent_type_ == "PERSON" and t.head.i == head.i for t in content)


class SourceReading(NamedTuple):
    """What typing found out about one source: its type and, for a pronoun, the span it stands for."""

    source_type: str
    refers_to: tuple[int, int] | None = None


def _pronoun_referent(
    text: str,
    start: int,
    wanted: str,
    doc: Any | None = None,
    speakers: Sequence[tuple[int, int]] = (),
    pronoun: str = "",
) -> SourceReading:
    """The antecedent of a pronoun source: the nearest preceding entity of the wanted kind (PERSON, or ORG for
    "it"); for a person, one who speaks or acts there (a named source, ``speakers``, or a sentence subject:
    "Trump attacked Bush. He said" is Trump). Its type and span; else person (or organisation for "it") with
    no span: a person only mentioned ("ask Putin for help") is too often not the speaker to name, who may be
    an unnamed one ("the anonymous diplomat explained ... he said")."""
    window_start = max(0, start - ANTECEDENT_WINDOW)
    if doc is None:
        offset, entities = window_start, list(english()(text[window_start:start]).ents)
    else:
        offset, entities = 0, [e for e in doc.ents if e.start_char >= window_start and e.end_char <= start]
    if wanted == "PERSON":
        people = [e for e in entities if e.label_ == "PERSON"]
        acting = [e for e in people if e.root.dep_ in SUBJECT_DEPS or _inside(e, offset, speakers)]
        if gender := PRONOUN_GENDER.get(pronoun):  # "she" is not the man named just before
            before = text[max(0, start - GENDER_EVIDENCE_CHARS) : start]
            acting = [e for e in acting if person_gender(e.text, before) in (None, gender)]
        chosen = acting[-1:]
        if chosen:
            return SourceReading("person", (chosen[0].start_char + offset, chosen[0].end_char + offset))
        return SourceReading("person")
    for entity in reversed(entities):
        if entity.label_ in ("ORG", "NORP", "GPE"):
            span = (entity.start_char + offset, entity.end_char + offset)
            return SourceReading("outlet" if is_outlet_name(entity.text) else "organisation", span)
    return SourceReading("organisation")


def _inside(entity: Any, offset: int, spans: Sequence[tuple[int, int]]) -> bool:
    start, end = entity.start_char + offset, entity.end_char + offset
    return any(a <= start and end <= b for a, b in spans)


def relative_antecedent(doc: Any, start: int, end: int, offset: int = 0) -> tuple[int, int] | None:
    """The noun phrase a relative pronoun's clause attaches to ("The NGO, which claims" -> "The NGO"), as
    character offsets (``doc`` parses the text from ``offset`` on); None when the parse says it is not one."""
    found = doc.char_span(start - offset, end - offset, alignment_mode="expand")
    if found is None or len(found) != 1:
        return None
    verb = found[0].head
    if verb.dep_ != "relcl" or verb.i == found[0].i:
        return None
    noun = verb.head
    if not (noun.tag_.startswith(("NN", "PRP")) or noun.lower_ == "those") or noun.i >= found[0].i:  # "those who"
        return None
    first = min([noun.i, *(child.left_edge.i for child in noun.lefts if child.dep_ in _NOUN_PHRASE_LEFT)])
    # Not across a line or sentence start: a parse that joins a heading to the next line's noun is wrong.
    breaks = [t.i + 1 for t in doc[first : noun.i] if "\n" in t.text_with_ws or t.is_sent_end]
    phrase = doc[max([first, noun.sent.start, *breaks]) : noun.i + 1]
    return phrase.start_char + offset, phrase.end_char + offset


def type_sources(text: str, spans: Sequence[tuple[int, int] | None], doc: Any | None = None) -> list[str]:
    """Source types of ``spans`` (character offsets into ``text``; None means ``unattributed``); see
    ``read_sources``."""
    return [reading.source_type for reading in read_sources(text, spans, doc)]


def read_sources(text: str, spans: Sequence[tuple[int, int] | None], doc: Any | None = None) -> list[SourceReading]:
    """Each source's type and, for a pronoun, the antecedent it stands for (``spans``: character offsets into
    ``text``; None means ``unattributed``).

    ``doc``: ``text`` already parsed whole by the tagger's syntax pipeline (``parse_chunks``; entities are added
    around the sources when that parse had no NER); its parse, entities and names are then read instead of
    parsing a window around each span, which took more time than tagging (docs/results/attribution_speed.md).
    """
    readings = [SourceReading("unattributed")] * len(spans)
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
    pronouns = []
    for (i, (start, end)), (window_start, window) in zip(jobs, windows, strict=True):
        span_text = text[start:end]
        key = span_text.strip().lower()
        if key in PRONOUNS:
            pronouns.append((i, start, key))
            continue
        if key in GROUP_PRONOUNS:
            readings[i] = SourceReading("anonymous")
            continue
        antecedent = None
        if key in RELATIVE_PRONOUNS:
            antecedent = relative_antecedent(doc if doc is not None else window, start, end, window_start)
        if antecedent is not None:
            start, end = antecedent  # typed by the noun phrase it stands for (a parsed window holds it)
            if doc is not None:
                window = doc[bisect_right(token_ends, start) : bisect_left(token_starts, end)]
                fill_pos(window)
        if antecedent is None:
            # "the Times" after "The New York Times" is that outlet, named in full once before; "the media
            # outlet" after "CBS News reported" is CBS News; "the same poll" after "a Washington Post-ABC News
            # poll" is the Post's.
            antecedent = (
                short_outlet_referent(text, start, end)
                or generic_outlet_referent(text, start, end)
                or document_outlet_referent(text, start, end)
            )
            if antecedent is not None:
                readings[i] = SourceReading("outlet", antecedent)
                continue
        tokens = [t for t in window if t.idx + window_start < end and t.idx + len(t) + window_start > start]
        readings[i] = SourceReading(type_from_tokens(text[start:end], tokens, names), antecedent)
    # Pronouns last: a person source named before "he" is the likeliest "he".
    speakers = [span for i, span in jobs if readings[i].source_type == "person" and readings[i].refers_to is None]
    for i, start, key in pronouns:
        reading = _pronoun_referent(text, start, PRONOUNS[key], doc, speakers, key)
        readings[i] = reading if key in REFERRING_PRONOUNS else SourceReading(reading.source_type)
    for i, span in enumerate(spans):
        if span is not None and span[1] <= span[0]:
            readings[i] = SourceReading("person")
    return readings


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
    for start, end in spans:
        if text[start:end].strip().lower() in RELATIVE_PRONOUNS:
            antecedent = relative_antecedent(doc, start, end)
            if antecedent is not None:
                regions.append(antecedent)  # typed by its antecedent's entities
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
