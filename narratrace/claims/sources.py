"""Who a source is, in a form two articles can agree on: names normalised, outlets reduced to a stem.

"two anonymous US officials", "a senior U.S. official" and "US officials" are one upstream source to a
fact-checker; so are "Garrett Marquis" and "Marquis", "SANA" and "Syria's official news agency SANA", "the
Justice Department" and "the Department of Justice", "the RNC" and "the Republican National Committee", and an
organisation and the person who speaks for it by title ("NASA" and "NASA Administrator Jim Bridenstine").
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from narratrace.claims.outlets import POSSESSIVE, WORD, ascii_lower, outlet_name, outlet_stem, words

# Words that say how many or how hidden a source is, not who it is.
_VAGUE_WORDS = words(
    """a an the two three four five six several some many few other one more most multiple numerous dozens
    anonymous unnamed unidentified undisclosed named who spoke on condition of anonymity senior top high-ranking
    high ranking former current said to be familiar with knowledgeable about the matter according and
    his her their its our your this that these those previously recently newly latest"""
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
# Words that date a statement, not its source: "RNC Chairwoman Ronna McDaniel Tuesday" (a span the tagger ran on).
_TIME_WORDS = words("monday tuesday wednesday thursday friday saturday sunday today yesterday tonight")
# Words an organisation's name may be written with or without, in either order: "the Justice Department" and
# "the Department of Justice" ("of" and "on" never reach here: ``source_key`` drops them with the vague words).
_JOINING_WORDS = words("for and in at")
# Words between a document and its author: "data released by", "a report issued by", "a statement from".
_AUTHORING_WORDS = words("released issued published obtained shared prepared commissioned conducted from by new latest")
# Titles as news abbreviates them: "Texas Gov. Greg Abbott" and "Texas Governor Greg Abbott" are one person.
_TITLES = {
    "gov": "governor",
    "sen": "senator",
    "rep": "representative",
    "gen": "general",
    "lt": "lieutenant",
    "col": "colonel",
    "sgt": "sergeant",
    "capt": "captain",
    "cmdr": "commander",
    "adm": "admiral",
    "pres": "president",
    "atty": "attorney",
    "supt": "superintendent",
}
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
    if len(words) == 1 and len(words[0]) >= 2 and name.strip().isupper():
        return words[0]  # an acronym, even one that spells a pronoun or a vague word: "WHO", "IT"
    if len(words) == 1 and words[0] in _PRONOUNS:
        return ""  # "he", "it", "which": nobody in particular until resolved
    kept = [_singular(_TITLES.get(w, w)) for w in words if w not in _VAGUE_WORDS]
    while kept and kept[-1] in _TIME_WORDS:
        kept.pop()
    while len(kept) > 1 and kept[0] in _TIME_WORDS:  # "Tuesday's report from the Labor Department"
        kept.pop(0)
    return " ".join(_author(kept))


def _author(words: list[str]) -> list[str]:
    """A document's author for the document: "data from the department of labor" rests on the department, "a
    statement from pentagon spokesperson john kirby" on Kirby. Only "from" and "(released/issued/...) by" name an
    author; "an analysis of 20,000 infections" names a topic, and stays."""
    for i, word in enumerate(words[:-1]):
        if word not in _DOCUMENT_WORDS and word not in _AUTHORING_WORDS:
            return words
        if word in ("from", "by") or (words[i + 1] == "by" and word in _AUTHORING_WORDS):
            start = i + 1 if word in ("from", "by") else i + 2
            return words[start:] or words
    return words


def _acronym(words: list[str]) -> str:
    """The initials of a name of two words or more, joining words left out: "republican national committee" ->
    "rnc"; "" for a shorter name."""
    named = [w for w in words if w not in _JOINING_WORDS]
    return "".join(w[0] for w in named) if len(named) >= 2 else ""


@lru_cache(maxsize=8192)
def organisation_names(key: str) -> frozenset[str]:
    """The ways a normalised organisation name is written: itself, its words in any order less the joining words
    ("justice department" and "department of justice" share "department justice"), and an acronym it gives or
    spells out ("republican national committee rnc": "republican national committee" and "rnc")."""
    parts = key.split()
    names = {key, " ".join(sorted(w for w in parts if w not in _JOINING_WORDS))}
    if len(parts) >= 3 and parts[-1] == _acronym(parts[:-1]):  # "... Committee (RNC)"
        names |= {" ".join(parts[:-1]), parts[-1]}
    elif acronym := _acronym(parts):
        names |= _acronyms_with_of(acronym)
        if len(parts) >= 2:  # "justice department": the "department of justice", "doj"
            names |= _acronyms_with_of(_acronym(parts[-1:] + parts[:-1]))
    return frozenset(n for n in names if n)


def _acronyms_with_of(acronym: str) -> set[str]:
    """An acronym as written without and with an "of" between two of its words ("dj", "doj"): the keys have lost
    their "of", which many acronyms keep ("DOJ", "BOE" for the Board of Elections) and others drop ("DHS")."""
    return {acronym} | {acronym[:i] + "o" + acronym[i:] for i in range(1, len(acronym))}


def _same_person(key_a: str, key_b: str) -> bool:
    """A person named more or less fully: same last word, and one name's words within the other's or the same
    given name, in its short form or not ("white house covid-19 coordinator jeff zients" and "white house covid
    coordinator jeffrey zients")."""
    short, long = sorted((key_a.split(), key_b.split()), key=len)
    if short[-1] != long[-1]:
        return False
    if set(short) <= set(long):
        return True
    # Titles before the name may differ ("covid coordinator", "covid-19 coordinator"): the name decides.
    return len(short) >= 2 and _same_given_name(short[-2], long[-2])


# Given names and the short forms news uses that do not begin with them ("Bill Clinton", "William Jefferson
# Clinton"); a short form that does ("Jeff", "Jeffrey") needs no entry.
_GIVEN_NAME_FORMS = {
    frozenset(pair.split("/"))
    for pair in words(
        """bill/william will/william bob/robert bobby/robert mike/michael jim/james jimmy/james joe/joseph
    dick/richard rick/richard tony/anthony liz/elizabeth beth/elizabeth betsy/elizabeth kate/katherine
    kathy/katherine chuck/charles charlie/charles hank/henry jack/john ted/edward ned/edward peggy/margaret
    maggie/margaret"""
    )
}


def _same_given_name(first: str, second: str) -> bool:
    """Whether two given names are one person's: equal, one the other's start of three letters or more ("jeff",
    "jeffrey"), or a common short form ("bill", "william")."""
    if first == second:
        return True
    shorter, longer = sorted((first, second), key=len)
    return (len(shorter) >= 3 and longer.startswith(shorter)) or frozenset((first, second)) in _GIVEN_NAME_FORMS


def speaks_for(person_key: str, organisation_key: str) -> bool:
    """Whether a person's (or unnamed people's) source name opens with an organisation's name ("nasa administrator
    jim bridenstine" and "nasa"; "nasa official" and "nasa"; "republican national committee chairwoman ronna
    mcdaniel" and "republican national committee rnc"): a title that says whom they speak for."""
    person = person_key.split()
    for name in organisation_names(organisation_key):
        words = name.split()
        if name not in _GENERIC_HEADS and len(person) > len(words) and person[: len(words)] == words:
            return True
    return False


def same_source(key_a: str, key_b: str, source_type: str) -> bool:
    """Whether two normalised source names are one source.

    Equal keys are; so is a person named by surname only ("marquis" within "garrett marquis"), an organisation
    written another way (``organisation_names``) and an outlet by its stem. A bare generic word ("official",
    "source") matches nothing: an unnamed official in one story is not known to be the unnamed official in
    another.
    """
    if not key_a or not key_b or key_a in _GENERIC_HEADS or key_b in _GENERIC_HEADS:
        return False
    if key_a == key_b:
        return True
    if source_type == "person":
        return _same_person(key_a, key_b)
    if source_type == "outlet":  # "sputnik arabic" and "sputniknews"; "ap" and "associated press"
        return outlet_stem(key_a) == outlet_stem(key_b) or outlet_name(key_a) == outlet_name(key_b)
    if source_type == "organisation":
        return bool(organisation_names(key_a) & organisation_names(key_b))
    return False
