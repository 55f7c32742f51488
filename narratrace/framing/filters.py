"""Reject rules: parses that look like a label of the name but describe something else, or say nothing.

Each function reads the spaCy parse of one sentence (tokens of en_core_web_sm) and answers one question the
label rules in ``labels.py`` ask before they keep a phrase. Tuned on the ``dev`` articles of bench/framing.py.
"""

from __future__ import annotations

import re
from typing import Any

from narratrace.framing.lexicon import CLOSE_QUOTES, OPEN_QUOTES, SPEECH

_FINITE_VERB_TAGS = ("VBD", "VBZ", "VBP", "MD")
# A phrase that ends on one of these was cut (a truncated lead "which is weighing whether..."), not chosen.
_DANGLING_TAGS = ("DT", "CC", "WDT", "WP", "WP$", "PRP$", "POS", "HYPH")
_TRUNCATED = re.compile(r"^\s*(?:\.\.\.|\u2026|$)")
_DANGLING_WORDS = frozenset(["whether", "than"])
_FIRST_PERSON = frozenset(["i", "me", "my"])  # the writer's own story ("we"/"us" are often the writer's side)
_EVENT_VERBS = frozenset(["died", "dies", "passed"])
# A clause dated to a day reports news ("who blasted her ex-employer on Tuesday"); one dated to a month or year
# often says what the entity did that defines it ("who killed 13 soldiers in 2009"), so those stay.
_NEWS_DAYS = re.compile(
    r"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today|tonight|overnight|ago)$", re.IGNORECASE
)
_AGE_DECADE = re.compile(
    r"^(?:mid-|early-|late-)?\d0s$|^(?:twenties|thirties|forties|fifties|sixties|seventies|eighties)$"
)


def is_proper(token: Any) -> bool:
    return bool(token.tag_ in ("NNP", "NNPS") and token.text[:1].isupper())


def is_count_or_handle(phrase: Any) -> bool:
    """ "49", "population 6,400", "seven counts of fraud", "six million", "@DrTedros": not a characterisation."""
    tokens = list(phrase.subtree)
    if phrase.like_num or phrase.tag_ == "CD" or any(c.dep_ == "nummod" for c in phrase.children):
        return True
    if any(t.text[:1] in "@#" for t in tokens) or (len(tokens) <= 3 and any(t.like_url for t in tokens)):
        return True
    return len(tokens) <= 3 and any(t.like_num for t in tokens)


def is_age_or_number(modifier: Any) -> bool:
    """ "30-year-old", "Sixteen-year-old", "©2018"; "third-term" stays (a label of the person's standing)."""
    words = [t.lower_ for t in modifier.subtree]
    return any(ch.isdigit() for t in modifier.subtree for ch in t.text) or (
        "old" in words and any(t.like_num for t in modifier.subtree)
    )


def is_cut(doc: Any, last: int, rest: str) -> bool:
    """Whether a phrase ending on token ``last`` (``rest``: the sentence after it) stops mid-phrase: on an article
    or a conjunction, or on a preposition where the text was truncated ("... signed into..."); "a man to believe
    in!" ends on its preposition by choice."""
    token = doc[last]
    if token.tag_ in ("IN", "TO"):
        return bool(_TRUNCATED.match(rest))
    return bool(token.tag_ in _DANGLING_TAGS or token.lower_ in _DANGLING_WORDS)


def has_open_quote(text: str, rest: str) -> bool:
    """ "Famadihana is the “dancing| with the dead” ritual": a quotation the phrase opens and the sentence goes on
    within (``rest``: what follows the phrase) was cut."""
    return text.count("\u201c") > text.count("\u201d") and rest.lstrip()[:1].isalpha()


def is_quantity(predicate: Any) -> bool:
    """ "was six million", "is 49", "was 14th on the list", "is now 76 years old": a number or an age."""
    if predicate.like_num or predicate.tag_ == "CD":
        return True
    return predicate.lower_ == "old" and any(t.like_num for t in predicate.subtree)


def _opens_a_clause(doc: Any, after: int) -> bool:
    """ "in talks with Google, the company “did not deny ...”": the noun after the comma is the next clause's
    subject, which the parser took for an appositive."""
    while after < len(doc) and (doc[after].text in OPEN_QUOTES or doc[after].text in CLOSE_QUOTES):
        after += 1
    return after < len(doc) and doc[after].tag_ in _FINITE_VERB_TAGS


def appositive_belongs_elsewhere(doc: Any, anchor: Any, child: Any) -> bool:
    """Whether an appositive the parser hung on the name more likely describes something else."""
    between = doc[anchor.i + 1 : child.left_edge.i]
    commas = [t.i for t in between if t.text == ","]
    if commas and any(is_proper(t) and t.i > commas[0] for t in between):
        return True  # "John, the way they treat Julian Assange, this prolific journalist": the nearer name's
    if any(c.dep_ == "conj" and c.i < child.i for c in anchor.children):
        return True  # "Missouri, Tennessee and Arizona, a candidate lying ...": of the list or the clause
    after = child.right_edge.i + 1
    if _opens_a_clause(doc, after):
        return True
    if after + 1 < len(doc) and doc[after].text == "," and is_proper(doc[after + 1]):
        name_end = after + 1
        while name_end < len(doc) and is_proper(doc[name_end]):
            name_end += 1
        if name_end < len(doc) and doc[name_end].text == ",":
            return True  # "Ireland, the head of the Irish Church, Archbishop Eamon Martin, said": the next name's
    if after < len(doc) and doc[after].lower_ in SPEECH:
        return True  # "the Capitol Police, congressional officials announced": the speaker, not an appositive
    preposition = anchor.head
    head = preposition.head
    if anchor.dep_ == "pobj" and head.dep_ == "appos" and is_proper(head) and head.i < anchor.i:
        return True  # "— the New World Order of George H.W. Bush, the crusades of Bush II —": the next list item
    # "In Honduras, a scandal ... is about to be repeated": the comma closes an opening phrase.
    return bool(
        anchor.dep_ == "pobj"
        and preposition.i <= 1
        and anchor.left_edge.i == preposition.i + 1
        and preposition.head.i > child.i
    )


def noun_before_is_elsewhere(anchor: Any, head: Any) -> bool:
    """ "domestic violence, DUI, illegal entry": a list, not a noun naming the name after it; "124 degrees
    Fahrenheit": a quantity."""
    listed = [c for c in head.children if c.dep_ in ("appos", "conj") and c.i != anchor.i]
    doc = anchor.doc
    before, after = anchor.left_edge.i - 1, anchor.right_edge.i + 1
    if before >= 0 and doc[before].text == "(" and after < len(doc) and doc[after].text == ")":
        return True  # "driving under the influence (DUI)": the words an abbreviation stands for, not a label
    if head.tag_ == "NNS" and anchor.tag_ == "NNP" and not any(c.dep_ == "conj" for c in anchor.children):
        return True  # "a letter to Assange's lawyers, Guardian's Luke Harding": one person is not the lawyers
    # "two US far-right bloggers, Robert Spencer and Pamela Geller" stays; "124 degrees Fahrenheit" is a measure.
    return bool(listed) or any(c.dep_ == "nummod" and c.text[:1].isdigit() for c in head.children)


def which_is_something_else(anchor: Any, clause: Any) -> bool:
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


def _verb_of(token: Any) -> Any:
    """The nearest verb above ``token`` (the clause it belongs to)."""
    head = token.head
    while not head.tag_.startswith("VB") and head.head is not head:
        head = head.head
    return head


def who_is_the_head(anchor: Any) -> bool:
    """ "Sen. John Warner from Virginia, who served ...", "Pompeo in Kansas, who": "who" after a place or
    affiliation of a named person is that person ("destroyed by Barros, who was serving ..." is Barros; "of" is
    left out: it joins names, "Nation of Islam leader Louis Farrakhan, who ...")."""
    preposition = anchor.head
    head = preposition.head
    return bool(
        anchor.dep_ == "pobj" and preposition.lower_ in ("from", "in", "at") and head.i < anchor.i and is_proper(head)
    )


def reports_an_event(clause: Any) -> bool:
    """ "who died in 2014 at the age of 94", "which ricocheted across Washington Sunday night", "who expressed his
    surprise to me", "who is 78 years old": a dated event, an age or the writer's own story, not what the entity is."""
    if clause.lower_ in ("means", "meant") and clause.left_edge.lower_ == "which":
        return True  # "there are more Republicans than Democrats, which means ...": "which" is the whole clause
    for token in clause.subtree:
        if (token.lower_ in _FIRST_PERSON or _NEWS_DAYS.match(token.text)) and _verb_of(token).i == clause.i:
            return True  # ("who claims Kavanaugh assaulted her decades ago": the date is the claim's, not the clause's)
        if token.i == clause.i and token.lower_ in _EVENT_VERBS:
            return True  # "who died in 2014 at the age of 94"
        if token.lower_ in ("age", "aged", "old") and any(t.like_num for t in token.subtree):
            return True
        if _AGE_DECADE.match(token.lower_) and any(c.dep_ == "poss" for c in token.children):
            return True  # "who's in his mid-50s"
    return False
