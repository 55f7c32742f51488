"""Name mentions: runs of capitalised words in a sentence, trimmed, split at titles, modifiers and possessives.

The first pass of framing finds names with regular expressions alone (see ``entities``, which merges them into
the corpus's entities): words capitalised for their place (a sentence's or a line's start, after a dateline's
dash), contractions, interjections and site furniture are no names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from narratrace.framing.aliases import name_key

# A name word: a capital then word characters ("al-Nusra", "U.S.", "O’Neill"), or one lower-case letter then a
# capital ("iPhone", "eBay"); never a capital inside a word (the "Phone" of "iPhone"). A run of them, with "of",
# "for", "de" or "al" between, is a name.
_WORD = r"(?<!\w)(?:(?:al|el|ad|as|an)-)?(?:[a-z](?=[A-Z]))?[A-Z][\w&'\u2019.-]*"
# "and" joins two capitalised runs into one name only before an institution's last word ("Food and Drug
# Administration", "Centers for Disease Control and Prevention"); "Biden and Harris" stay two.
_INSTITUTION_END = (
    r"(?:Administration|Prevention|Enforcement|Protection|Commission|Services|Development|Security|Affairs|"
    r"Diseases|Technology|Sciences|Statistics|Welfare|Explosives|Medicine|Engineering)"
)
# Words of one name are apart by spaces, never by a line break: "Fr.\nThomas Weinandy" (a text printing a sentence
# per line) is a title at a line's end and a name on the next one.
_GAP = r"[^\S\n]+"
_NAME = re.compile(
    rf"{_WORD}(?:(?:{_GAP}(?:of|for|de|al){_GAP}|{_GAP}){_WORD})*"
    rf"(?:{_GAP}and{_GAP}(?:{_WORD}{_GAP})*{_INSTITUTION_END}\b)?"
)
_POSSESSIVE_END = re.compile("['\u2019]s$")
_HYPHEN_MODIFIER = re.compile(r"-[a-z]")  # "Western-backed", "US-led": an adjective, not a name
_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
_MONTHS = frozenset(
    "january february march april may june july august september october november december".split()  # noqa: SIM905
)
_CALENDAR = frozenset(
    [
        *_MONTHS,
        *_WEEKDAYS,
        # "Jan. 6": an abbreviated month is a date, not a name
        *("jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"),
        *("jan.", "feb.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec."),
    ]
)
# Capitalised words that are never actors on their own (headline and page furniture, generic acronyms).
_NOT_NAMES = frozenset(
    [
        *(
            "ngo",
            "ngos",
            "ceo",
            "tv",
            "am",
            "pm",
            "read",
            "more",
            "mr",
            "mrs",
            "ms",
            "dr",
            "i",
            "ok",
            "covid-19",
            "gmt",
            "chief",  # "Commander in Chief": alone it is a title, never an actor
        ),
        *("yes", "oh", "hey", "wow", "yeah", "okay", "hi", "hello", "thanks"),  # interjections open quoted speech
        "according",  # "According to the DOJ: According to the indictment": opens a clause after a colon
        # Site furniture a cleaner without the outlet's other pages cannot tell from text ("[ Email her ]",
        # "You also agree to this site's Privacy Policy and Terms of Use", "Read the Whole Article").
        *("email", "article", "subscribe", "newsletter", "advertisement", "comments", "contact us", "about us"),
        *("privacy policy", "terms of use", "terms of service", "cookie policy"),
    ]
)
_TITLES = frozenset(
    [
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "dr",
        "dr.",
        "president",
        "senator",
        "sen.",
        "rep.",
        "representative",
        "minister",
        "secretary",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "gen.",
        "general",
        "prime",
        "king",
        "queen",
        "pope",
        "judge",
        "governor",
        "gov.",
        "mayor",
        "ambassador",
        "congressman",
        "congresswoman",
        "rep",
        "chairman",
        "chairwoman",
        "commissioner",
        "sheriff",
        "speaker",
        "vice",  # "Vice President Kamala Harris": a title before a title
        *("fr", "fr.", "rev", "rev.", "reverend", "cardinal", "archbishop", "bishop", "rabbi", "imam"),
        *("sens.", "reps.", "govs.", "senators", "reps"),  # "Sens. Joe Manchin and Kyrsten Sinema": a title of two
        # "Senate Majority Leader Chuck Schumer", "FBI Director Christopher Wray": the office is no part of the name.
        *("leader", "majority", "minority", "director", "chief"),
    ]
)
_DETERMINERS = frozenset({"the", "a", "an"})
_FIRST_WORD = re.compile(r"(\S+)\s+")
_LAST_WORD = re.compile(r"\s(\S+)$")
_NAMED_DAYS = frozenset({"good", "black", "super", "ash", "cyber", "holy", "maundy", "bloody", "giving"})
_TRAILING = re.compile("(?:['\u2019]s?|[.,;:-])+$")
_ACRONYM_END = re.compile(r"\b(?:[A-Z]\.){2,}$")
_NON_SPACE = re.compile(r"\S+")
# "I'm", "You'll", "We've": a pronoun with its verb, capitalised mid-sentence by "I" or by opening a quotation.
_CONTRACTION = re.compile(r"\w+['\u2019](?:m|ll|ve|re|d)", re.IGNORECASE)
# Longer capitalised runs are headlines in title case, not names; the "and" of an institution's name ("National
# Institute of Allergy and Infectious Diseases") is not counted.
_MAX_NAME_WORDS = 6
# Unit symbols with a capital ("a 10 kW DC charger", "2,000 MWh", "5 GHz"): after a number they measure, and the
# capitalised run they open is no name. Only after a number: "GB" alone may be Great Britain, "MB" a name's initials.
_UNIT_SYMBOLS = frozenset(
    "kW kWh MW MWh GW GWh TW TWh kV mV Hz kHz MHz GHz dB mAh mW kB MB GB TB Kbps Mbps Gbps".split()  # noqa: SIM905
)
# "(D-Ariz.)", "R-S.C.", "I-Vt.": a member's party and state after the name, not an actor.
_PARTY_AND_STATE = re.compile(r"^[dri]-[a-z.]{1,6}$")
_NUMBER_BEFORE = re.compile(r"\d[\d.,]*\s*$")


@dataclass(frozen=True)
class NameMention:
    """A name in one article's cleaned text; ``key`` is its normalised form before merging."""

    article: int  # index into the article list
    sentence: int  # index into that article's sentences
    start: int
    end: int
    key: str
    sentence_initial: bool
    after_title: bool
    after_determiner: bool = False  # "the House", "a Smith": an institution's or thing's short name, not a surname


def _trim_name(text: str, start: int, end: int) -> tuple[int, int]:
    """Cut leading function words ("The", "But"), a trailing possessive and stray punctuation off a name."""
    while True:
        match = _FIRST_WORD.match(text, start, end)
        if not match:
            break
        word = match.group(1)
        if (word.lower() in STOP_WORDS and not word.isupper()) or (
            word.lower().strip(".,") in _CALENDAR and not _first_name_month(text, start, word)
        ):
            start = match.end()
        else:
            break
    stripped = _TRAILING.sub("", text[start:end])
    if _ACRONYM_END.search(text, start, end):  # U.S. keeps its last dot
        stripped = text[start:end]
    # "the White House Monday": a weekday after a name dates what it did (months may be names: "April Ryan").
    while (last := _LAST_WORD.search(stripped)) and last.start() > 0 and last.group(1).lower() in _WEEKDAYS:
        if stripped[: last.start()].rsplit(maxsplit=1)[-1].lower() in _NAMED_DAYS:
            break  # "Good Friday", "Super Tuesday": the day's own name
        stripped = stripped[: last.start()].rstrip()
    return start, start + len(stripped)


# Words that make a month after them a date ("in March Trump said", "since June", "last April", "its January
# report"), not a first name ("April Ryan", "June Carter").
_BEFORE_A_DATE = frozenset(
    """in on since by until till through from during before after of last next this that early late mid each every
    the a an its his her their our my your""".split()  # noqa: SIM905
)
_POSSESSIVE = re.compile("['\u2019]s?$")
# Months that are also given names; not "May" or "March", which open sentences as verbs ("May God bless ...").
_GIVEN_NAME_MONTHS = frozenset({"january", "april", "june", "august"})


def _first_name_month(text: str, start: int, word: str) -> bool:
    """Whether a month opening a capitalised run of several words is a first name ("April Ryan", "June Carter"):
    it is one that names people, and no preposition, determiner or possessive before it makes it a date."""
    if word.lower() not in _GIVEN_NAME_MONTHS:
        return False
    before = text[max(0, start - 30) : start].rstrip().rsplit(maxsplit=1)
    if not before:
        return True
    previous = before[-1].lower().strip(",(\"'\u201c\u2018")
    return previous not in _BEFORE_A_DATE and not _POSSESSIVE.search(previous) and not previous[-1:].isdigit()


def find_names(article: int, text: str, sentences: list[tuple[int, int]]) -> list[NameMention]:
    """Every candidate name in one article, sentence by sentence."""
    found: list[NameMention] = []
    for index, (sentence_start, sentence_end) in enumerate(sentences):
        sentence = text[sentence_start:sentence_end]
        if _is_title_case(sentence):
            continue
        for match in _NAME.finditer(sentence):
            run_start = match.start()
            if run_start > 1 and sentence[run_start - 1] == "-" and sentence[run_start - 2].isalpha():
                # "anti-Semitic Duke", "anti-Semitism": the first word is the tail of a hyphenated adjective
                first_word = _NON_SPACE.match(sentence, run_start)
                run_start = first_word.end() if first_word else match.end()
            for piece_start, piece_end in _split_at_modifiers(sentence, run_start, match.end()):
                start, end = _trim_name(sentence, piece_start, piece_end)
                if _CONTRACTION.fullmatch(sentence, start, end) or _measures(sentence, start, end):
                    continue
                before = sentence[max(0, start - 30) : start].rstrip().rsplit(maxsplit=1)
                after_title = bool(before) and before[-1].lower() in _TITLES
                if after_title:
                    end = _person_before_place(sentence, start, end)
                key = name_key(sentence[start:end])
                if sum(word != "and" for word in key.split()) > _MAX_NAME_WORDS:
                    continue
                if not key or key in _NOT_NAMES or key in _CALENDAR or len(key) < 2 or _PARTY_AND_STATE.match(key):
                    continue
                if " " not in key and key in STOP_WORDS and key != "us":
                    continue
                if key in _TITLES and sentence[end : end + 1] == ".":
                    continue  # "Fr." or "Dr." alone (its name on the next line): a title, not an actor
                found.append(
                    NameMention(
                        article=article,
                        sentence=index,
                        start=sentence_start + start,
                        end=sentence_start + end,
                        key=key,
                        sentence_initial=_opens_clause(sentence, start),
                        after_title=after_title,
                        after_determiner=bool(before) and before[-1].lower() in _DETERMINERS,
                    )
                )
    return found


def _measures(sentence: str, start: int, end: int) -> bool:
    """Whether a capitalised run opens with a unit symbol right after a number ("10 kW DC")."""
    first = sentence[start:end].split(maxsplit=1)
    return bool(first) and first[0] in _UNIT_SYMBOLS and _NUMBER_BEFORE.search(sentence, 0, start) is not None


def _person_before_place(sentence: str, start: int, end: int) -> int:
    """Where a titled name ends: "Senator Bernie Sanders of Vermont", "Mayor Frank G. Jackson of Cleveland" and "King
    Abdullah of Jordan" name the person before "of" (the house and newspaper style of naming a member by state)."""
    cut = sentence.find(" of ", start, end)
    return cut if cut > start else end


# What may stand before a word that is capitalised for its place, not for being a name: the sentence's start, a
# line's start or a list bullet ("\n- People find ..."), a dash after a dateline ("SIOUX FALLS, S.D. – People"),
# or the end of a quoted sentence the splitter kept ("... culture.' ” Instead, Tor ..."); then quotes or brackets.
# A bare ". " is not enough: inside one sentence it follows "Dr." or an initial ("David O. Barbe", "Dr. Barbe").
_CLAUSE_OPENING = re.compile(
    r"(?:\n|[.!?][\"'\u2019\u201d)\]]+\s|\s[\u2013\u2014-]\s)[\s\"'\u201c\u201d\u2018\u2019(\[\u2022*-]*\Z"
)
_OPENING_REACH = 12  # characters looked back


def _opens_clause(sentence: str, start: int) -> bool:
    """Whether the word at ``start`` opens its sentence, a line, a list item or a clause after a dateline dash."""
    before = sentence[max(0, start - _OPENING_REACH) : start]
    return bool(_CLAUSE_OPENING.search(("\n" if start <= _OPENING_REACH else "") + before))


def _is_title_case(sentence: str) -> bool:
    """A headline or menu line in Title Case ("Syria Accuses US of ..."): its capitals do not mark names."""
    words = re.findall(r"[A-Za-z][\w'’-]*", sentence)
    if len(words) < 4:
        return False
    return sum(w[0].isupper() for w in words if w.lower() not in STOP_WORDS) >= 0.8 * len(words)


# The office after a title and "of" ("Secretary of State", "Minister of Foreign Affairs", "Chief of Staff").
_OFFICE = re.compile(
    r"\s+of\s+(?:the\s+)?(?:Homeland Security|Veterans Affairs|Foreign Affairs|Home Affairs|Health and Human Services|"
    r"State|Defen[cs]e|Treasury|Commerce|Labou?r|Energy|Education|Transportation|Agriculture|Interior|Justice|"
    r"National Intelligence|Public Health|Health|Housing|Staff|Finance|Economy|Information|Communications)\b"
)


# What a "Chief" is chief of, when it is no office of "of" ("Chief Executive Tim Cook", "Chief Operating Officer").
_CHIEF_OF = re.compile(
    r"(?<=Chief)\s+(?:Executive|Operating|Financial|Technology|Information|Medical|Science|Scientific|Investment|"
    r"Legal|Marketing|Economist|Strategist|Correspondent)(?:\s+Officer)?\b"
)


# Words that are a title only before a person's full name: "Justice Samuel Alito", "New Jersey Democrat Bob
# Menendez", "Republican Susan Wright"; not "Justice Department", "Republican Party", "Republican National Committee".
_TITLES_BEFORE_A_NAME = frozenset({"justice", "justices", "democrat", "republican"})
_NOT_A_NAME_AFTER = frozenset(
    """department party committee national caucus convention leader leaders senator senators lawmakers state states
    governors conference study""".split()  # noqa: SIM905
)


def _titles_a_name(segment: str, word: re.Match[str]) -> bool:
    """Whether ``word`` of a capitalised run is a title only before a name, and two or more capitalised words
    that begin no institution follow it in the run."""
    if word.group().lower() not in _TITLES_BEFORE_A_NAME:
        return False
    rest = segment[word.end() :].split()
    following = _POSSESSIVE_END.sub("", rest[0].strip(".,")).lower() if rest else ""
    return len(rest) >= 2 and rest[0][:1].isupper() and following not in _NOT_A_NAME_AFTER


def _split_at_modifiers(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Break a capitalised run at words such as "Western-backed" and titles ("US President Donald Trump"), and after
    a possessive ("Donald Trump's Facebook": two names)."""
    segment = text[start:end]
    if "-" not in segment and not any(c.isspace() for c in segment):  # a no-break space parts words too
        return [(start, end)]
    pieces: list[tuple[int, int]] = []
    piece_start = start
    for word in _NON_SPACE.finditer(segment):
        if _HYPHEN_MODIFIER.search(word.group()) or word.group().lower() in _TITLES or _titles_a_name(segment, word):
            if piece_start < start + word.start():
                pieces.append((piece_start, start + word.start()))
            piece_start = start + word.end()
            # "Secretary of State Antony Blinken": the office is part of the title, not of the name after it.
            if office := _OFFICE.match(text, piece_start, end) or _CHIEF_OF.match(text, piece_start, end):
                piece_start = office.end()
        elif _POSSESSIVE_END.search(word.group()) and start + word.end() < end:
            pieces.append((piece_start, start + word.end()))  # the possessive is trimmed with the piece
            piece_start = start + word.end()
    if piece_start < end:
        pieces.append((piece_start, end))
    trimmed = []
    for piece_start, piece_end in pieces:
        while piece_start < piece_end and text[piece_start].isspace():
            piece_start += 1
        while piece_end > piece_start and text[piece_end - 1].isspace():
            piece_end -= 1  # "Russian " before "Western-backed": the name ends at its last letter
        if piece_start < piece_end:
            trimmed.append((piece_start, piece_end))
    return trimmed
