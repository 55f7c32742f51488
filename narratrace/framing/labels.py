"""Dependency rules: what one parsed sentence says an entity mention is.

Every function takes a spaCy ``Doc`` of one sentence and character offsets relative to that sentence, and
returns ``RawLabel``s in the same coordinates; ``find.py`` shifts and maps them back to the original text.
The rules follow the parse of en_core_web_sm (``appos``, ``attr``, ``relcl``, ``acl`` + ``oprd``), and lean
towards precision: a label must be a contiguous phrase a reader would quote as "how the outlet calls it".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from narratrace.framing.lexicon import (
    ACTIVE_NAMING,
    BARE_NOUNS,
    BE,
    CALLED,
    CLOSE_QUOTES,
    DISGUISE,
    GROUP_NOUNS,
    NAMING_NOUNS,
    NAMING_VERBS,
    NEUTRAL_MODIFIERS,
    OPEN_QUOTES,
    ROLE_TITLES,
    SPEECH,
    STATE_ADJECTIVES,
    TIME_NOUNS,
)

_SO_CALLED = re.compile(r"(?:\b(?:the|a|an|its|their|this|these)\s+)?\bso[-\s]called\s*$", re.IGNORECASE)
_DETERMINER_BEFORE = re.compile(r"\b(?:the|these|those|this|that|a|an)\s*$", re.IGNORECASE)
_QUOTED_DESCRIPTOR = re.compile("^\\s+([\"\u201c\u2018'])[a-z][\\w\\s-]{0,40}?[,.]?[\"\u201d\u2019']")
_MAX_TOKENS = 30


@dataclass(frozen=True)
class RawLabel:
    kind: str
    start: int  # offsets into the sentence
    end: int


def _span_chars(doc: Any, first: int, last: int) -> tuple[int, int]:
    """Character offsets of tokens first..last (inclusive), edge punctuation other than quotes dropped."""
    while first < last and doc[first].is_punct and doc[first].text not in OPEN_QUOTES:
        first += 1
    while last > first and doc[last].is_punct and doc[last].text not in CLOSE_QUOTES:
        last -= 1
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _is_proper(token: Any) -> bool:
    return bool(token.tag_ in ("NNP", "NNPS") and token.text[:1].isupper())


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
    if anchor.tag_ in ("NNPS", "NNS") and not any(c.dep_ in ("det", "poss") for c in anchor.lefts):
        return labels  # "native-born Americans", "tradition-minded Catholics": a subset, not a label of all
    for child in anchor.lefts:
        if child.i >= first or child.dep_ not in ("amod", "nmod", "compound", "advmod"):
            continue
        if child.dep_ in ("compound", "nmod") and (_is_proper(child) or child.tag_ not in ("NN", "NNS")):
            continue
        hyphenated = any(t.text == "-" or "-" in t.text for t in child.subtree)
        if child.dep_ == "amod" and child.tag_ not in ("JJ", "JJR", "JJS") and not hyphenated:
            continue  # "convinced Trump": a verb the parser hung on the name
        if child.dep_ == "advmod" and child.lower_ != "so":
            continue
        words = {t.lower_ for t in child.subtree}
        if (
            words & {"so", "called", "so-called", "more", "most", "enough", "not", "non"}
            or child.lower_ in NEUTRAL_MODIFIERS
            or _is_age_or_number(child)
        ):
            continue
        if child.text[:1].isupper() and "-" not in child.text and child.left_edge.i == child.i:
            continue  # "Syrian", "Russian": nationality, not a characterisation
        labels.append(RawLabel("modifier", *_span_chars(doc, child.left_edge.i, min(child.right_edge.i, first - 1))))
    return labels


def _is_count_or_handle(phrase: Any) -> bool:
    """ "49", "population 6,400", "seven counts of fraud", "@DrTedros", "#StopTheSynod": not a characterisation."""
    tokens = list(phrase.subtree)
    if phrase.like_num or phrase.tag_ == "CD" or any(c.dep_ == "nummod" for c in phrase.children):
        return True
    if any(t.text[:1] in "@#" for t in tokens) or (len(tokens) <= 3 and any(t.like_url for t in tokens)):
        return True
    return len(tokens) <= 3 and any(t.like_num for t in tokens)


def _belongs_elsewhere(doc: Any, anchor: Any, child: Any) -> bool:
    """Whether an appositive the parser hung on the name more likely describes something else."""
    between = doc[anchor.i + 1 : child.left_edge.i]
    commas = [t.i for t in between if t.text == ","]
    if commas and any(_is_proper(t) and t.i > commas[0] for t in between):
        return True  # "John, the way they treat Julian Assange, this prolific journalist": the nearer name's
    if any(c.dep_ == "conj" and c.i < child.i for c in anchor.children):
        return True  # "Missouri, Tennessee and Arizona, a candidate lying ...": of the list or the clause
    after = child.right_edge.i + 1
    if after + 1 < len(doc) and doc[after].text == "," and _is_proper(doc[after + 1]):
        name_end = after + 1
        while name_end < len(doc) and _is_proper(doc[name_end]):
            name_end += 1
        if name_end < len(doc) and doc[name_end].text == ",":
            return True  # "Ireland, the head of the Irish Church, Archbishop Eamon Martin, said": the next name's
    if after < len(doc) and doc[after].lower_ in SPEECH:
        return True  # "the Capitol Police, congressional officials announced": the speaker, not an appositive
    preposition = anchor.head
    # "In Honduras, a scandal ... is about to be repeated": the comma closes an opening phrase.
    return bool(
        anchor.dep_ == "pobj"
        and preposition.i <= 1
        and anchor.left_edge.i == preposition.i + 1
        and preposition.head.i > child.i
    )


def _is_age_or_number(modifier: Any) -> bool:
    """ "30-year-old", "Sixteen-year-old", "©2018"; "third-term" stays (a label of the person's standing)."""
    words = [t.lower_ for t in modifier.subtree]
    return any(ch.isdigit() for t in modifier.subtree for ch in t.text) or (
        "old" in words and any(t.like_num for t in modifier.subtree)
    )


def title_labels(doc: Any, first: int, anchor: Any) -> list[RawLabel]:
    """ "Ohio Congressman [Jim Jordan]", "Texas Governor [Greg Abbott]": a role title and its place before a name."""
    chain = first
    while chain > 0 and doc[chain - 1].dep_ == "compound" and chain <= doc[chain - 1].head.i <= anchor.i:
        chain -= 1
    # A lone "President" says less than the name's own table row; "Ohio Congressman", "Treasury Secretary" say more.
    if chain < first - 1 and doc[first - 1].lower_ in ROLE_TITLES and not any(t.is_punct for t in doc[chain:first]):
        return [RawLabel("modifier", *_span_chars(doc, chain, first - 1))]
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
    return [RawLabel("appositive", *_span_chars(doc, noun.left_edge.i, noun.i))]


def appositive_labels(doc: Any, anchor: Any, first: int) -> list[RawLabel]:
    labels = []
    for child in anchor.rights:
        if child.dep_ != "appos" or _is_proper(child) or child.right_edge.i - child.left_edge.i >= _MAX_TOKENS:
            continue
        if _is_count_or_handle(child) or child.lower_ in TIME_NOUNS or _belongs_elsewhere(doc, anchor, child):
            continue  # "Trudeau, 49,": an age; "El Salvador (1)": a count; "– the deadliest day": about the clause
        if child.left_edge.i > 0 and doc[child.left_edge.i - 1].text in (",", "(", "\u2013", "\u2014", "-"):
            labels.append(RawLabel("appositive", *_span_chars(doc, child.left_edge.i, child.right_edge.i)))
    head = anchor.head
    if (
        anchor.dep_ == "appos"
        and head.i < first
        and head.tag_ in ("NN", "NNS")
        and head.lower_ not in NAMING_NOUNS
        and first - head.left_edge.i < 20
        and (doc[first - 1].text in (",", "(", "\u2013", "\u2014") or head.i == first - 1)
    ):  # "the nonprofit group EcoHealth Alliance": the noun just before the name is its label too
        labels.append(RawLabel("appositive", *_span_chars(doc, head.left_edge.i, first - 1)))
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
            _is_proper(target)
            or target.lower_ in ("it", "one", "that", "this")
            or target.tag_ in ("PRP", "WP", "WDT", "DT", "EX")
            or target.lower_ in STATE_ADJECTIVES
        ):
            continue
        glued = doc[target.i + 2] if target.i + 2 < len(doc) and not target.whitespace_ else None
        if glued is not None and doc[target.i + 1].text == "-" and glued.tag_ in ("VBG", "VBN", "VBD"):
            continue  # "is co-sponsoring", "was re-elected": a verb split at its hyphen, not a predicate noun
        if target.tag_.startswith("JJ") and any(c.dep_ in ("xcomp", "ccomp") for c in target.children):
            continue  # "unable to find", "concerned that ...": a state or intention, not what the entity is
        last = target.right_edge.i if target.right_edge.i - target.left_edge.i < 20 else target.i
        first = negation[0].i if negation and negation[0].i < target.i else target.left_edge.i
        labels.append(RawLabel("predicate", *_span_chars(doc, first, last)))
    return labels


def _which_is_something_else(anchor: Any, clause: Any) -> bool:
    """ "the ban on Trump, which was imposed ...", "the summit in Rome, which I attended": "which" is more likely the
    noun the name's preposition hangs on (or the clause's object), not the name."""
    which = clause.left_edge
    if which.dep_ not in ("nsubj", "nsubjpass"):
        return True  # "Theodore McCarrick, which I came to know": an object "which" is a thing done or known
    preposition = anchor.head
    passive = which.dep_ == "nsubjpass" or any(c.dep_ == "auxpass" for c in clause.children)
    return bool(
        passive and anchor.dep_ == "pobj" and preposition.head.tag_ in ("NN", "NNS") and preposition.head.i < anchor.i
    )


def relative_clause_labels(doc: Any, anchor: Any, first: int) -> list[RawLabel]:
    """Non-restrictive relative clauses ("the NGO, which claims ...") that do not just report speech."""
    labels = []
    for clause in anchor.rights:
        if clause.dep_ != "relcl" or clause.left_edge.i == 0 or doc[clause.left_edge.i - 1].text != ",":
            continue
        if clause.left_edge.lower_ not in ("which", "who") or clause.lower_ in SPEECH:
            continue
        if any(_is_proper(t) for t in doc[anchor.i + 1 : clause.left_edge.i]):
            continue  # "Auschwitz, Sheikh Al-Ayesh, who heads ...": the clause is about the nearer name
        if clause.left_edge.lower_ == "which" and _which_is_something_else(anchor, clause):
            continue
        opening = doc[anchor.left_edge.i : first]
        # "the infamous Cardinal Danneels, who ...": the words before the name belong; a clause before it does not.
        start = anchor.left_edge.i if all(not t.is_punct and not t.tag_.startswith("VB") for t in opening) else first
        start = min(first, start)
        if clause.right_edge.i - start < _MAX_TOKENS + 10:
            labels.append(RawLabel("relative_clause", *_span_chars(doc, start, clause.right_edge.i)))
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
    if _is_proper(noun) or noun.tag_ not in ("NN", "NNS", "NNP", "NNPS") or naming.i - noun.left_edge.i > _MAX_TOKENS:
        return []
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
    return [RawLabel("description", *_span_chars(doc, start, end))]


def definite_descriptions(doc: Any) -> list[Any]:
    """Head tokens of "the group", "the NGO", "the so-called rescue group": candidates for coreference."""
    heads = []
    for token in doc:
        if token.lower_ not in GROUP_NOUNS or token.tag_ in ("NNS", "NNPS") or token.dep_ in ("compound", "nmod"):
            continue
        determiners = [c.lower_ for c in token.lefts if c.dep_ == "det"]
        if determiners[:1] not in (["the"], ["this"]):
            continue
        if any(_is_proper(c) for c in token.lefts) or any(c.lower_ == "of" for c in token.rights):
            continue
        following = doc[token.i + 1 : token.i + 3]
        if any(_is_proper(t) for t in following if t.text != ","):
            continue  # "the non-profit group Defense Distributed": named on the spot, not a reference back
        heads.append(token)
    return heads


def _whole_words(sentence: str, label: RawLabel) -> RawLabel:
    """A label cut inside a hyphenated word ("co-[host]", "anti-[gun]") grown to the whole word."""
    start, end = label.start, label.end
    while start > 1 and sentence[start - 1] == "-" and sentence[start - 2].isalnum():
        start -= 1
        while start > 0 and sentence[start - 1].isalnum():
            start -= 1
    while end + 1 < len(sentence) and sentence[end] == "-" and sentence[end + 1].isalnum():
        end += 1
        while end < len(sentence) and sentence[end].isalnum():
            end += 1
    return label if (start, end) == (label.start, label.end) else RawLabel(label.kind, start, end)


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
    labels = [lab for lab in quote_labels(sentence, start, end) if lab.start < start or _names_a_thing(doc, lab)]
    if anchor is not root:
        described = _span_chars(doc, span.end, anchor.i) if anchor.i >= span.end else None
        if described and anchor.lower_ not in BARE_NOUNS and not any(lab.kind == "scare_quote" for lab in labels):
            labels.append(RawLabel("description", *described))
    labels += modifier_labels(doc, span.start, anchor)
    labels += title_labels(doc, span.start, anchor)
    bare_conjunct = span.start > 0 and doc[span.start - 1].lower_ in ("and", "or")
    if bare_conjunct and anchor.dep_ == "conj" and _is_proper(anchor.head) and anchor.head.i < span.start:
        # "an increasingly aggressive China and Russia", "states such as Texas and Florida": the first conjunct's
        labels += modifier_labels(doc, anchor.head.i, anchor.head) + such_as_labels(doc, anchor.head)
    labels += such_as_labels(doc, anchor)
    labels += appositive_labels(doc, anchor, span.start)
    labels += predicate_labels(doc, anchor)
    labels += relative_clause_labels(doc, anchor, span.start)
    labels += description_labels(doc, root)
    return [_whole_words(sentence, lab) for lab in labels]


def labels_for_description(doc: Any, head: Any) -> tuple[tuple[int, int], list[RawLabel]]:
    """The description's own span, and its labels (itself when it says more than "the group")."""
    first = head.left_edge.i
    span = _span_chars(doc, first, head.i)
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
