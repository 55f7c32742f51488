"""Which word of a source phrase heads it, and what the head and the words around it say of the source.

Source typing (``source_types``) reads the head word first: a name, a people noun ("officials", "aides"), a role
("the governor"), an unnamed medium ("Russian media"). The parse is a small model's, so the head is chosen with
its usual mistakes in mind (below).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from narratrace.claims.sources import word_list

PEOPLE_NOUNS = word_list("people_nouns.txt")
ROLE_NOUNS = word_list("role_nouns.txt")
# Nouns whose most frequent WordNet sense is a person ("legislator", "watcher", "neurosurgeon"): read as roles when
# they head a source as a common noun, after the hand-made lists (bench/wordnet_person_nouns.py builds the file).
WORDNET_PERSON_NOUNS = word_list("wordnet_person_nouns.txt")
_PERSON_DESCRIPTIONS = PEOPLE_NOUNS | ROLE_NOUNS  # what an appositive calls a person: "a leader", "the governor"
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
# Heads that name the press without naming an outlet ("Russian media", "the press", "state-run television"), and
# kinds of thing that do so after "news", "media" or "press" ("a news organization", "Media reports", "Syrian media
# sources": sources of the press, not people in it).
_MEDIA_HEADS = frozenset({"media", "press", "television", "tv", "radio", "broadcasters", "newspapers", "tabloids"})
# Heads that count a share of a group: "52 percent of registered voters", "about half of voters", "none of the
# scholars" are the group's kind (its people unnamed); "only four percent" alone is a share of those polled.
QUANTITY_HEADS = frozenset({"percent", "percentage", "half", "third", "thirds", "quarter", "minority", "plurality"})
QUANTITY_HEADS |= {"none", "fraction", "handful", "lot", "dozens", "hundreds", "thousands", "millions"}
# Last words of newspaper and broadcaster names ("GMA News", "The Denver Post", "Vermont Public Radio"), read as an
# outlet when a capitalised word comes before them in the name.
NEWS_NAME_ENDS = frozenset(
    {"News", "Radio", "TV", "Television", "Times", "Post", "Herald", "Tribune", "Gazette", "Journal", "Telegraph"}
    | {"Chronicle", "Dispatch", "Courier", "Examiner", "Inquirer", "Sentinel", "Newspaper", "Magazine"}
)
_MEDIA_KINDS = frozenset(
    {"organization", "organisation", "organizations", "organisations", "agencies", "outlets", "reports", "report"}
    | {"sites", "websites", "channels", "networks", "source", "sources"}
)


def head_word(tokens: Sequence[Any]) -> Any:
    """The span's head word: its first token whose syntactic head lies outside the span when that is a noun;
    else, for a verb, its subject inside the span ("Robert Reich, who served as labor secretary ... yet endorsed
    Bernie Sanders"); else the last such noun: the tagger may read a capitalised modifier as a verb heading the
    rest ("Presumptive Democratic presidential nominee Hillary Clinton"), and a span cut out of a longer phrase
    leaves every word headed outside it ("the Rubio campaign" of "the Rubio campaign risks")."""
    inside = {token.i for token in tokens}
    outside = [token for token in tokens if token.head.i not in inside or token.head.i == token.i]
    if not outside:
        return tokens[-1]
    subjects = [t for t in tokens if t.head.i == outside[0].i and t.dep_ in SUBJECT_DEPS and t.pos_ in _NOMINAL]
    nominal = [token for token in outside if token.pos_ in _NOMINAL]
    return outside[0] if outside[0].pos_ in _NOMINAL else (subjects or nominal[-1:] or outside)[0]


def names_the_head(honorific: Any, head: Any) -> bool:
    """Whether an honorific before the head titles the head's own name: "Mr. Bloomberg", not the possessor in "Mr.
    Taylor's group" (a group, typed by its head)."""
    token = honorific
    while token.i != head.i and token.head.i != token.i:
        if token.dep_ == "poss":
            return False
        token = token.head
    return honorific.i < head.i and token.i == head.i


def described_as_person(head: Any, content: Sequence[Any]) -> bool:
    """Whether a proper-noun head is described by a people or role noun in apposition ("Deb Kline, a leader of
    Cleveland Jobs With Justice,"): the tagger may read a name beside an organisation's as part of it."""
    if head.pos_ != "PROPN":
        return False
    return any(
        t.dep_ == "appos" and t.head.i == head.i and t.tag_ == "NN" and t.lower_ in _PERSON_DESCRIPTIONS
        for t in content
    )


def unnamed_media(head: Any, content: Sequence[Any]) -> bool:
    """Whether the phrase names the press without naming an outlet: "Russian media", "the Kremlin-controlled
    press", "state-run television", "Media reports", "several news organizations"; not "social media" (its users)."""
    word = head.lower_
    if head.pos_ not in ("NOUN", "PROPN"):
        return False
    if word in _MEDIA_HEADS:
        return not any(t.lower_ == "social" for t in content)
    return word in _MEDIA_KINDS and any(t.lower_ in ("news", "media", "press") and t.i < head.i for t in content)


def quantity_group(head: Any, content: Sequence[Any]) -> list[Any] | None:
    """For a head counting a share of a group, the words naming the group ("registered voters" of "52 percent of
    registered voters"); an empty list when none is named ("only four percent"); None for any other head."""
    if head.lower_ not in QUANTITY_HEADS or head.pos_ in ("VERB", "AUX"):  # any other tag: "half said" reads RB
        return None
    inside = {t.i for t in content}
    for token in content:
        if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.i == head.i:
            return [t for t in content if token.left_edge.i <= t.i <= token.right_edge.i and t.i in inside]
    return []


def newspaper_name(head: Any, content: Sequence[Any]) -> bool:
    """Whether a proper-noun head ends a newspaper's or broadcaster's name: "GMA News", "The Denver Post"."""
    if head.text not in NEWS_NAME_ENDS or head.tag_ not in ("NNP", "NNPS"):
        return False
    return any(t.i < head.i and t.dep_ == "compound" and t.head.i == head.i and t.text[:1].isupper() for t in content)


def name_after_comma(head: Any, content: Sequence[Any]) -> bool:
    """Whether a singular role or people noun is followed, after a comma, by the person's name that ends the span:
    "The editor I was talking to, Tim Grieve," (the parse may hang the name on the clause between)."""
    if head.tag_ != "NN" or head.lower_ not in _PERSON_DESCRIPTIONS:
        return False
    name: list[Any] = []
    for token in reversed(content):
        if token.ent_type_ != "PERSON":
            break
        name.insert(0, token)
    return bool(name) and name[0].i > head.i + 1 and name[0].doc[name[0].i - 1].text == ","


def named_after(head: Any, content: Sequence[Any]) -> bool:
    """Whether the head is followed by "named" or "called" and a proper noun: "an entrepreneur named Donald Trump"."""
    return any(
        t.lower_ in ("named", "called") and t.head.i == head.i and any(u.i > t.i and u.tag_ == "NNP" for u in content)
        for t in content
    )


def wordnet_role(head: Any, forms: set[str]) -> bool:
    """A common-noun head whose first WordNet sense is a person ("Republican legislators", "The nurse"); not a
    capitalised one, which may name an outlet ("The Guardian", "the Independent")."""
    return head.tag_ in ("NN", "NNS") and not head.text[:1].isupper() and bool(forms & WORDNET_PERSON_NOUNS)


def proper_appositive(head: Any, content: Sequence[Any]) -> bool:
    """Whether a proper noun stands in apposition to the head ("One Republican presidential hopeful, Carly
    Fiorina,"), whatever NER made of it."""
    return any(t.dep_ == "appos" and t.head.i == head.i and t.tag_ in ("NNP", "NNPS") for t in content)
