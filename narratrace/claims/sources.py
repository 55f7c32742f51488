"""Who a source is, in a form two articles can agree on: names normalised, outlets reduced to a stem.

"two anonymous US officials", "a senior U.S. official" and "US officials" are one upstream source to a
fact-checker; so are "Garrett Marquis" and "Marquis", and "SANA" and "Syria's official news agency SANA".
"""

from __future__ import annotations

from importlib import resources

from narratrace.claims.outlets import POSSESSIVE, WORD, ascii_lower, outlet_name, outlet_stem, words

# Words that say how many or how hidden a source is, not who it is.
_VAGUE_WORDS = words(
    """a an the two three four five six several some many few other one more most multiple numerous dozens
    anonymous unnamed unidentified undisclosed named who spoke on condition of anonymity senior top high-ranking
    high ranking former current said to be familiar with knowledgeable about the matter according and
    his her their its our your this that these those"""
)
# Source words that, with no name before them, leave nothing to tell two sources apart by: a bare "poll" or
# "Democrats" in one article and in another are not known to be one source. People nouns are
# ``data/people_nouns.txt`` (the anonymous-source heads of source typing).
_DOCUMENT_WORDS = words(
    """report media poll survey study statement data analysis memo letter document record figure estimate count
    average review investigation probe audit research filing complaint lawsuit ruling transcript video tweet post
    candidate campaign press television tv radio news"""
)


def word_list(name: str) -> frozenset[str]:
    """The words of ``claims/data/NAME``, one a line (``#`` lines are comments)."""
    lines = resources.files("narratrace.claims").joinpath(f"data/{name}").read_text("utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


_GENERIC_HEADS = (
    _DOCUMENT_WORDS | word_list("people_nouns.txt") | word_list("role_nouns.txt") | {"source", "official", "person"}
)
# A pronoun alone names no one: "he" in one article and "he" in another are not one source. Corroboration
# compares a pronoun's antecedent instead, when typing found one (``Attribution.refers_to``).
_PRONOUNS = words("he she it they them we us i me you him which who whom what")


def _singular(word: str) -> str:
    # Only the plurals source phrases use ("officials", "sources", "diplomats", "agencies").
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def source_key(name: str) -> str:
    """A normalised source name: case, accents, dots, possessives, counts and anonymity words removed,
    plurals made singular. "two anonymous US officials" and "a senior U.S. official" both give "us official";
    a bare pronoun gives "" (no one in particular)."""
    text = POSSESSIVE.sub("", ascii_lower(name)).replace(".", "")
    words = WORD.findall(text)
    if len(words) == 1 and words[0] in _PRONOUNS:
        return ""  # "he", "it", "which": nobody in particular until resolved
    return " ".join(_singular(w) for w in words if w not in _VAGUE_WORDS)


def same_source(key_a: str, key_b: str, source_type: str) -> bool:
    """Whether two normalised source names are one source.

    Equal keys are; so is a person named by surname only ("marquis" within "garrett marquis"). A bare
    generic word ("official", "source") matches nothing: an unnamed official in one story is not known to
    be the unnamed official in another.
    """
    if not key_a or not key_b or key_a in _GENERIC_HEADS or key_b in _GENERIC_HEADS:
        return False
    if key_a == key_b:
        return True
    if source_type == "person":
        short, long = sorted((key_a.split(), key_b.split()), key=len)
        return short[-1] == long[-1] and set(short) <= set(long)
    if source_type == "outlet":  # "sputnik arabic" and "sputniknews"; "ap" and "associated press"
        return outlet_stem(key_a) == outlet_stem(key_b) or outlet_name(key_a) == outlet_name(key_b)
    return False
