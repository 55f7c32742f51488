"""Dependency rules: what one parsed sentence says an entity mention is.

Every function takes a spaCy ``Doc`` of one sentence and character offsets relative to that sentence, and
returns ``RawLabel``s in the same coordinates; ``find.py`` shifts and maps them back to the original text.
The rules follow the parse of en_core_web_sm (``appos``, ``attr``, ``relcl``, ``acl`` + ``oprd``), and lean
towards precision: a label must be a contiguous phrase a reader would quote as "how the outlet calls it".
"""

from __future__ import annotations

import re
from functools import partial
from typing import Any

from narratrace.framing.filters import (
    appositive_belongs_elsewhere,
    is_age_or_number,
    is_count_or_handle,
    is_proper,
    is_quantity,
    noun_before_is_elsewhere,
    reports_an_event,
    which_is_something_else,
    who_is_the_head,
)
from narratrace.framing.lexicon import (
    ACTIVE_NAMING,
    BARE_NOUNS,
    BE,
    CALLED,
    CLOSE_QUOTES,
    DEGREE_ADVERBS,
    DISGUISE,
    GROUP_NOUNS,
    NAMING_NOUNS,
    NAMING_VERBS,
    NEUTRAL_MODIFIERS,
    OPEN_QUOTES,
    PLACE_NOUNS,
    ROLE_TITLES,
    SPEECH,
    STATE_ADJECTIVES,
    TIME_NOUNS,
    TIME_PARTS,
)
from narratrace.framing.phrases import RawLabel, is_phrase, name_end, span_chars, whole_name, whole_words

_SO_CALLED = re.compile(r"(?:\b(?:the|a|an|its|their|this|these)\s+)?\bso[-\s]called\s*$", re.IGNORECASE)
_DETERMINER_BEFORE = re.compile(r"\b(?:the|these|those|this|that|a|an)\s*$", re.IGNORECASE)
_QUOTED_DESCRIPTOR = re.compile("^\\s+([\"\u201c\u2018'])[a-z][\\w\\s-]{0,40}?[,.]?[\"\u201d\u2019']")
_MAX_TOKENS = 30
DEFINITE = frozenset(["the", "these", "those", "this", "that"])


def anchor_of(root: Any) -> Any:
    """The token rules hang off: the name itself, or the noun it names ("White Helmets [aid group]")."""
    head = root.head
    if root.dep_ in ("compound", "nmod") and head.i > root.i and head.lower_ in GROUP_NOUNS:
        return head
    return root


def quote_labels(sentence: str, start: int, end: int) -> list[RawLabel]:
    """so-called and scare quotes, read from the characters around the mention."""
    labels: list[RawLabel] = []
    before, after = sentence[:start], sentence[end:]
    stripped = before.rstrip()
    opened = stripped[-1:] in tuple(OPEN_QUOTES) and bool(stripped)
    closed = after[:1] in tuple(CLOSE_QUOTES) and not after[1:2].isalpha()
    quoted_end = end + 1 if opened and closed else end
    so_called = _SO_CALLED.search(stripped[:-1].rstrip() if opened else stripped)
    if so_called:
        labels.append(RawLabel("so_called", so_called.start(), quoted_end))
    elif opened and closed and _DETERMINER_BEFORE.search(stripped[:-1]):
        # 'these "Russians"', 'the "White Helmets"'; a quoted name with no determiner is usually a title
        # ('"CBS This Morning" co-host') or a quotation.
        labels.append(RawLabel("scare_quote", len(stripped) - 1, quoted_end))
    descriptor = _QUOTED_DESCRIPTOR.match(sentence[quoted_end:])
    if descriptor:
        labels.append(RawLabel("scare_quote", quoted_end + descriptor.start(1), quoted_end + descriptor.end()))
    return labels


def modifier_labels(doc: Any, first: int, anchor: Any) -> list[RawLabel]:
    """Adjectives before the name (or its noun): "Western-backed", "unarmed", "notorious"."""
    labels: list[RawLabel] = []
    if anchor.tag_ in ("NNPS", "NNS") and not any(
        c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in DEFINITE) for c in anchor.lefts
    ):
        return labels  # "native-born Americans", "some high-ranking Democrats": a subset, not a label of all
    for child in anchor.lefts:
        if child.i >= first or child.dep_ not in ("amod", "nmod", "compound", "advmod"):
            continue
        if child.dep_ in ("compound", "nmod") and (is_proper(child) or child.tag_ not in ("NN", "NNS")):
            continue
        before = child.left_edge.i - 1
        if child.dep_ == "compound" and before >= 0 and doc[before].tag_ in ("TO", "MD"):
            continue  # "to fire Rosenstein", "would fire Rosenstein": a verb the tagger took for a noun
        hyphenated = any(t.text == "-" or "-" in t.text for t in child.subtree)
        if child.dep_ == "amod" and child.tag_ not in ("JJ", "JJR", "JJS") and not hyphenated:
            continue  # "convinced Trump": a verb the parser hung on the name
        if child.dep_ == "advmod" and child.lower_ != "so":
            continue
        words = {t.lower_ for t in child.subtree}
        if (
            words & {"so", "called", "so-called", "more", "most", "enough", "not", "non"}
            or words & TIME_PARTS  # "First-quarter", "year-end": when, not who
            or child.lower_ in NEUTRAL_MODIFIERS
            or child.lower_ in PLACE_NOUNS  # "Equateur province", "mainland": where, not who
            or is_age_or_number(child)
        ):
            continue
        if child.text[:1].isupper() and "-" not in child.text and child.left_edge.i == child.i:
            continue  # "Syrian", "Russian": nationality, not a characterisation
        labels.append(RawLabel("modifier", *span_chars(doc, child.left_edge.i, min(child.right_edge.i, first - 1))))
    return labels


def title_labels(doc: Any, first: int, anchor: Any) -> list[RawLabel]:
    """ "Ohio Congressman [Jim Jordan]", "Texas Governor [Greg Abbott]": a role title and its place before a name."""
    chain = first
    while chain > 0 and doc[chain - 1].dep_ == "compound" and chain <= doc[chain - 1].head.i <= anchor.i:
        chain -= 1
    # A lone "President" says less than the name's own table row; "Ohio Congressman", "Treasury Secretary" say more.
    if chain < first - 1 and doc[first - 1].lower_ in ROLE_TITLES and not any(t.is_punct for t in doc[chain:first]):
        return [RawLabel("modifier", *span_chars(doc, chain, first - 1))]
    return []


def such_as_labels(doc: Any, anchor: Any) -> list[RawLabel]:
    """ "the Republican-led states, such as Texas": the class the name is given as an example of."""
    preposition = anchor.head
    if (
        anchor.dep_ != "pobj"
        or preposition.lower_ != "as"
        or preposition.i == 0
        or doc[preposition.i - 1].lower_ != "such"
    ):
        return []
    noun = preposition.head
    if noun.tag_ not in ("NNS", "NN") or noun.i > anchor.i or noun.i - noun.left_edge.i > 12:
        return []
    return [RawLabel("appositive", *span_chars(doc, noun.left_edge.i, noun.i))]


def appositive_labels(doc: Any, anchor: Any, first: int) -> list[RawLabel]:
    labels = []
    for child in anchor.rights:
        if child.dep_ != "appos" or is_proper(child) or child.right_edge.i - child.left_edge.i >= _MAX_TOKENS:
            continue
        if is_count_or_handle(child) or (is_age_or_number(child) and child.lower_ in ("old", "year-old")):
            continue  # "Trudeau, 49,", "a 20-year old from Wyoming": an age; "El Salvador (1)": a count
        if child.lower_ in TIME_NOUNS or appositive_belongs_elsewhere(doc, anchor, child):
            continue  # "– the deadliest day": about the clause; a label of another noun or the next clause
        if child.left_edge.i > 0 and doc[child.left_edge.i - 1].text in (",", "(", "\u2013", "\u2014", "-"):
            labels.append(RawLabel("appositive", *span_chars(doc, child.left_edge.i, name_end(doc, child))))
    head = anchor.head
    if (
        anchor.dep_ == "appos"
        and head.i < first
        and head.tag_ in ("NN", "NNS")
        and head.lower_ not in NAMING_NOUNS
        and not noun_before_is_elsewhere(anchor, head)
        and first - head.left_edge.i < 20
        and (doc[first - 1].text in (",", "(", "\u2013", "\u2014") or head.i == first - 1)
    ):  # "the nonprofit group EcoHealth Alliance": the noun just before the name is its label too
        labels.append(RawLabel("appositive", *span_chars(doc, head.left_edge.i, first - 1)))
    return labels


def predicate_labels(doc: Any, anchor: Any) -> list[RawLabel]:
    """ "X is/remains a Y", "X was designated (as) a Y"; a negation stays in the label ("not a rescue group")."""
    verb = anchor.head
    if anchor.dep_ not in ("nsubj", "nsubjpass", "dobj") or (verb.i < anchor.i) != (anchor.dep_ == "dobj"):
        return []
    negation = [c for c in verb.children if c.dep_ == "neg"]
    targets = []
    if anchor.dep_ == "dobj":  # "Assad described the White Helmets as a branch of al-Qaeda"
        if verb.lower_ in NAMING_VERBS or verb.lower_ in ACTIVE_NAMING:
            targets = [c for c in verb.rights if c.dep_ == "oprd" and c.i > anchor.i]
            targets += [
                g
                for c in verb.rights
                if c.dep_ == "prep" and c.lower_ == "as" and c.i > anchor.i
                for g in c.children
                if g.dep_ == "pobj"
            ]
    elif verb.lower_ in BE:
        targets = [c for c in verb.rights if c.dep_ in ("attr", "acomp")]
    elif verb.lower_ in NAMING_VERBS and anchor.dep_ == "nsubjpass":
        targets = [c for c in verb.rights if c.dep_ == "oprd"]
        targets += [
            g for c in verb.rights if c.dep_ == "prep" and c.lower_ == "as" for g in c.children if g.dep_ == "pobj"
        ]
    labels = []
    for target in targets:
        if (
            is_proper(target)
            or target.lower_ in ("it", "one", "that", "this")
            or target.tag_ in ("PRP", "WP", "WDT", "DT", "EX")
            or target.lower_ in STATE_ADJECTIVES
            or is_quantity(target)  # "was six million", "is 49", "is now 76 years old"
        ):
            continue
        glued = doc[target.i + 2] if target.i + 2 < len(doc) and not target.whitespace_ else None
        if glued is not None and doc[target.i + 1].text == "-" and glued.tag_ in ("VBG", "VBN", "VBD"):
            continue  # "is co-sponsoring", "was re-elected": a verb split at its hyphen, not a predicate noun
        if target.tag_.startswith("JJ") and any(c.dep_ in ("xcomp", "ccomp") for c in target.children):
            continue  # "unable to find", "concerned that ...": a state or intention, not what the entity is
        last = target.right_edge.i if target.right_edge.i - target.left_edge.i < 20 else target.i
        first = negation[0].i if negation and negation[0].i < target.i else target.left_edge.i
        labels.append(RawLabel("predicate", *span_chars(doc, first, last)))
    return labels + _adjectival_passive(doc, anchor)


def _adjectival_passive(doc: Any, anchor: Any) -> list[RawLabel]:
    """ "Russia is quite invested in ...", "the party is deeply divided": a participle after a degree adverb is
    a state the entity is in (an adjective), which the parser reads as a passive verb."""
    verb = anchor.head
    if anchor.dep_ != "nsubjpass" or verb.tag_ != "VBN" or verb.right_edge.i - anchor.i > 25:
        return []
    degree = [c for c in verb.lefts if c.dep_ == "advmod" and c.lower_ in DEGREE_ADVERBS and c.i > anchor.i]
    if not degree or not any(c.dep_ == "auxpass" and c.lower_ in BE for c in verb.lefts):
        return []
    return [RawLabel("predicate", *span_chars(doc, degree[0].i, verb.right_edge.i))]


def relative_clause_labels(doc: Any, anchor: Any, first: int) -> list[RawLabel]:
    """Non-restrictive relative clauses ("the NGO, which claims ...") that do not just report speech."""
    labels = []
    for clause in anchor.rights:
        if clause.dep_ != "relcl" or clause.left_edge.i == 0 or doc[clause.left_edge.i - 1].text != ",":
            continue
        if clause.left_edge.lower_ not in ("which", "who") or clause.lower_ in SPEECH:
            continue
        if any(is_proper(t) for t in doc[anchor.i + 1 : clause.left_edge.i]):
            continue  # "Auschwitz, Sheikh Al-Ayesh, who heads ...": the clause is about the nearer name
        if clause.left_edge.lower_ == "which" and which_is_something_else(anchor, clause):
            continue
        if clause.left_edge.lower_ == "who" and who_is_the_head(anchor):
            continue
        if reports_an_event(clause):
            continue
        opening = doc[anchor.left_edge.i : first]
        # "the infamous Cardinal Danneels, who ...": the words before the name belong; a clause before it does not.
        start = anchor.left_edge.i if all(not t.is_punct and not t.tag_.startswith("VB") for t in opening) else first
        start = min(first, start)
        if clause.right_edge.i - start < _MAX_TOKENS + 10:
            labels.append(RawLabel("relative_clause", *span_chars(doc, start, clause.right_edge.i)))
    return labels


def description_labels(doc: Any, root: Any) -> list[RawLabel]:
    """ "a fake volunteer rescue group called the 'White Helmets'", "unarmed volunteers, known as the White Helmets"."""
    naming = None
    if root.dep_ == "oprd" and root.head.lower_ in CALLED:
        naming = root.head
    elif root.dep_ == "pobj" and root.head.lower_ == "as" and root.head.head.lower_ == "known":
        naming = root.head.head
    if naming is None or naming.dep_ != "acl" or naming.head.i > naming.i:
        return []
    noun = naming.head
    if is_proper(noun) or noun.tag_ not in ("NN", "NNS", "NNP", "NNPS") or naming.i - noun.left_edge.i > _MAX_TOKENS:
        return []
    if noun.lower_ in BARE_NOUNS and noun.left_edge.i >= naming.i - 2:
        return []  # "a group called Democratize SSMU": the noun alone characterises nothing
    start = noun.left_edge.i
    verb = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "as" else None
    if verb is not None and verb.lower_ in DISGUISE:
        # "ISIS terrorists ... disguised as a fake rescue group": the label names what the group is said to hide.
        agents = [c for c in verb.children if c.dep_ == "nsubj"]
        if not agents and verb.dep_ in ("advcl", "xcomp", "acl"):
            agents = [c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i]
        if agents and verb.i - agents[0].left_edge.i < 15:
            start = agents[0].left_edge.i
    end = naming.i - 1
    while end > start and (doc[end].is_punct or (doc[end].dep_ == "advmod" and doc[end].head.i == naming.i)):
        end -= 1  # ", formerly known as", ", also called"
    return [RawLabel("description", *span_chars(doc, start, end))]


def definite_descriptions(doc: Any) -> list[Any]:
    """Head tokens of "the group", "the NGO", "the so-called rescue group": candidates for coreference."""
    heads = []
    for token in doc:
        if token.lower_ not in GROUP_NOUNS or token.tag_ in ("NNS", "NNPS") or token.dep_ in ("compound", "nmod"):
            continue
        determiners = [c.lower_ for c in token.lefts if c.dep_ == "det"]
        if determiners[:1] not in (["the"], ["this"]):
            continue
        if any(is_proper(c) for c in token.lefts) or any(c.lower_ == "of" for c in token.rights):
            continue
        following = doc[token.i + 1 : token.i + 3]
        if any(is_proper(t) for t in following if t.text != ","):
            continue  # "the non-profit group Defense Distributed": named on the spot, not a reference back
        heads.append(token)
    return heads


def _names_a_thing(doc: Any, label: RawLabel) -> bool:
    """Whether a quoted phrase after a name is a noun or adjective ("aid group"), not a quoted statement ("do not
    come")."""
    span = doc.char_span(label.start + 1, label.end - 1, alignment_mode="expand")
    return span is not None and len(span) > 0 and span.root.tag_[:2] in ("NN", "JJ")


def labels_for_mention(doc: Any, sentence: str, start: int, end: int) -> list[RawLabel]:
    """Every label the sentence gives the name at ``start:end``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return []
    root = span.root
    anchor = anchor_of(root)
    labels = [
        lab
        for lab in quote_labels(sentence, start, end)
        if lab.start < start or (_names_a_thing(doc, lab) and root.dep_ != "pobj")
    ]  # "his remarks about Jews “unbelievably vile”": the quoted words describe the remarks
    if anchor is not root:
        described = span_chars(doc, span.end, anchor.i) if anchor.i >= span.end else None
        if described and anchor.lower_ not in BARE_NOUNS and not any(lab.kind == "scare_quote" for lab in labels):
            labels.append(RawLabel("description", *described))
    labels += modifier_labels(doc, span.start, anchor)
    labels += title_labels(doc, span.start, anchor)
    bare_conjunct = span.start > 0 and doc[span.start - 1].lower_ in ("and", "or")
    if bare_conjunct and anchor.dep_ == "conj" and is_proper(anchor.head) and anchor.head.i < span.start:
        # "an increasingly aggressive China and Russia", "states such as Texas and Florida": the first conjunct's
        labels += modifier_labels(doc, anchor.head.i, anchor.head) + such_as_labels(doc, anchor.head)
    labels += such_as_labels(doc, anchor)
    labels += appositive_labels(doc, anchor, span.start)
    labels += predicate_labels(doc, anchor)
    labels += relative_clause_labels(doc, anchor, span.start)
    labels += description_labels(doc, root)
    labels = [whole_name(doc, lab) for lab in map(partial(whole_words, sentence), labels)]
    return [lab for lab in labels if is_phrase(doc, sentence, lab)]


def labels_for_description(doc: Any, head: Any) -> tuple[tuple[int, int], list[RawLabel]]:
    """The description's own span, and its labels (itself when it says more than "the group")."""
    first = head.left_edge.i
    span = span_chars(doc, first, head.i)
    labels = []
    words = [t.lower_ for t in doc[first : head.i + 1]]
    if "so-called" in words or ("called" in words and "so" in words):
        labels.append(RawLabel("so_called", *span))
    elif len(words) > 2 or head.lower_ not in BARE_NOUNS:
        labels.append(RawLabel("description", *span))
    labels += appositive_labels(doc, head, first)
    labels += predicate_labels(doc, head)
    labels += relative_clause_labels(doc, head, first)
    return span, labels
