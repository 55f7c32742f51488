"""The fast first pass: sentences, name mentions and the salient entities, from regular expressions alone.

Running spaCy's NER over every article would cost more than the whole framing budget (10k articles in
~3 minutes on 2 cores), so names are found as runs of capitalised words, counted over the corpus, and
merged: the shipped alias table, "X, also known as Y" / "X (Y)" in the corpus, and a last word used
alone ("Trump", "Helmets") when exactly one longer salient name ends with it. Only the sentences where
a salient name meets a framing cue go to the parser (``labels.py``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

import networkx as nx
from spacy.lang.en.stop_words import STOP_WORDS

from narratrace.framing.aliases import WELL_KNOWN_ALIASES, alias_index, name_key, place_keys

# A sentence ends at . ! ? (plus closing quotes) before a capital, a digit or an opening quote, or at a line break.
_WORD = r"(?:(?:al|el|ad|as|an)-)?[A-Z][\w&'\u2019.-]*"
# "and" joins two capitalised runs into one name only before an institution's last word ("Food and Drug
# Administration", "Centers for Disease Control and Prevention"); "Biden and Harris" stay two.
_INSTITUTION_END = (
    r"(?:Administration|Prevention|Enforcement|Protection|Commission|Services|Development|Security|Affairs)"
)
_NAME = re.compile(
    rf"{_WORD}(?:(?:\s+(?:of|for|de|al)\s+|\s+){_WORD})*"
    rf"(?:\s+and\s+(?:{_WORD}\s+)*{_INSTITUTION_END}\b)?"
)
_POSSESSIVE_END = re.compile("['\u2019]s$")
_HYPHEN_MODIFIER = re.compile(r"-[a-z]")  # "Western-backed", "US-led": an adjective, not a name
_CALENDAR = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
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
    ]
)
_DETERMINERS = frozenset({"the", "a", "an"})
# A lone last word joins the longer name holding at least this share of the mentions of all the longer names that
# end with it: "Biden" is Joe Biden where Hunter and Jill Biden are named far less.
_SURNAME_MAJORITY = 2 / 3
_FIRST_WORD = re.compile(r"(\S+)\s+")
_TRAILING = re.compile("(?:['\u2019]s?|[.,;:-])+$")
_ACRONYM_END = re.compile(r"\b(?:[A-Z]\.){2,}$")
_LATIN_WORD = re.compile("[A-Za-z][\\w'\u2019-]*")
_NON_SPACE = re.compile(r"\S+")
_PARENTHESIS_ALIAS = re.compile(r"\s*\(([^()]{1,60})\)")
_LEADING_THE = re.compile(r"^[Tt]he\s+")
# ", known as" alone usually names the noun phrase before the name ("volunteers in Syria, known as the White Helmets").
_ALSO_KNOWN = re.compile(r"^,?\s+(?:also|formerly|otherwise|better|commonly)\s+known\s+as\s+(?:the\s+)?", re.I)
# "I'm", "You'll", "We've": a pronoun with its verb, capitalised mid-sentence by "I" or by opening a quotation.
_CONTRACTION = re.compile(r"\w+['\u2019](?:m|ll|ve|re|d)", re.IGNORECASE)
_MAX_NAME_WORDS = 6  # longer capitalised runs are headlines in title case, not names


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
        if (word.lower() in STOP_WORDS and not word.isupper()) or word.lower().strip(".,") in _CALENDAR:
            start = match.end()
        else:
            break
    stripped = _TRAILING.sub("", text[start:end])
    if _ACRONYM_END.search(text, start, end):  # U.S. keeps its last dot
        stripped = text[start:end]
    return start, start + len(stripped)


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
                if _CONTRACTION.fullmatch(sentence, start, end):
                    continue
                key = name_key(sentence[start:end])
                if len(key.split()) > _MAX_NAME_WORDS:
                    continue
                if not key or key in _NOT_NAMES or key in _CALENDAR or len(key) < 2:
                    continue
                if " " not in key and key in STOP_WORDS and key != "us":
                    continue
                before = sentence[max(0, start - 30) : start].rstrip().rsplit(maxsplit=1)
                found.append(
                    NameMention(
                        article=article,
                        sentence=index,
                        start=sentence_start + start,
                        end=sentence_start + end,
                        key=key,
                        sentence_initial=_opens_clause(sentence, start),
                        after_title=bool(before) and before[-1].lower() in _TITLES,
                        after_determiner=bool(before) and before[-1].lower() in _DETERMINERS,
                    )
                )
    return found


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


def _split_at_modifiers(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Break a capitalised run at words such as "Western-backed" and titles ("US President Donald Trump"), and after
    a possessive ("Donald Trump's Facebook": two names)."""
    segment = text[start:end]
    if "-" not in segment and " " not in segment:
        return [(start, end)]
    pieces: list[tuple[int, int]] = []
    piece_start = start
    for word in _NON_SPACE.finditer(segment):
        if _HYPHEN_MODIFIER.search(word.group()) or word.group().lower() in _TITLES:
            if piece_start < start + word.start():
                pieces.append((piece_start, start + word.start()))
            piece_start = start + word.end()
        elif _POSSESSIVE_END.search(word.group()) and start + word.end() < end:
            pieces.append((piece_start, start + word.end()))  # the possessive is trimmed with the piece
            piece_start = start + word.end()
    if piece_start < end:
        pieces.append((piece_start, end))
    trimmed = []
    for piece_start, piece_end in pieces:
        while piece_start < piece_end and text[piece_start].isspace():
            piece_start += 1
        if piece_start < piece_end:
            trimmed.append((piece_start, piece_end))
    return trimmed


def drop_sentence_openers(mentions: list[NameMention], texts: list[str]) -> list[NameMention]:
    """ "Later ISIS claimed": a capitalised sentence opener glued to a name the corpus knows without it is cut off."""
    mid_sentence = {m.key for m in mentions if not m.sentence_initial} | set(alias_index())
    fixed = []
    for mention in mentions:
        surface = texts[mention.article][mention.start : mention.end]
        opener = re.match(r"\S+\s+", surface)
        if mention.sentence_initial and opener and mention.key not in mid_sentence:
            tail = name_key(surface[opener.end() :])
            if tail in mid_sentence:
                mention = replace(mention, start=mention.start + opener.end(), key=tail, sentence_initial=False)
        fixed.append(mention)
    return fixed


class EntityIndex:
    """Name keys merged into entities, and which of them a corpus mentions often enough to be salient."""

    def __init__(self, mentions: list[NameMention], texts: list[str], min_mentions: int) -> None:
        keys = Counter(m.key for m in mentions)
        surfaces: defaultdict[str, Counter[str]] = defaultdict(Counter)  # not setdefault: a Counter per mention
        for mention in mentions:
            surface = texts[mention.article][mention.start : mention.end]
            surfaces[mention.key][_LEADING_THE.sub("", surface)] += 1
        self._surfaces = dict(surfaces)
        # A sentence-initial lone word ("According", "Planning") is a name only if the corpus also uses it mid-sentence.
        mid_sentence = {m.key for m in mentions if not m.sentence_initial}
        self.valid = {key for key in keys if " " in key or key in mid_sentence or key in alias_index()}
        graph: nx.Graph[str] = nx.Graph()
        graph.add_nodes_from(self.valid)
        for key in self.valid:
            canonical = alias_index().get(key)
            if canonical:
                graph.add_edge(key, "=" + canonical)
        for left, right in _corpus_aliases(mentions, texts):
            if left in self.valid and right in self.valid:
                graph.add_edge(left, right)
        self.person_keys = {m.key for m in mentions if m.after_title}
        determined = Counter(m.key for m in mentions if m.after_determiner)
        self._merge_surnames(graph, keys, {key for key, count in determined.items() if 2 * count > keys[key]})
        self.entity_of: dict[str, str] = {}
        self.members: dict[str, list[str]] = {}
        for component in nx.connected_components(graph):
            name = self._canonical(component, keys)
            for key in component:
                if not key.startswith("="):
                    self.entity_of[key] = name
            self.members[name] = sorted(k for k in component if not k.startswith("="))
        counts = Counter(self.entity_of[m.key] for m in mentions if m.key in self.entity_of)
        self.mention_counts = counts
        self.salient = {name for name, count in counts.items() if count >= min_mentions}
        places = place_keys()
        self.places = {name for name in self.salient if any(k in places for k in self.members[name])}
        self.persons = {name for name in self.salient if any(k in self.person_keys for k in self.members[name])}
        self.groups = {name for name in self.salient if self._looks_like_group(name)}

    def _looks_like_group(self, name: str) -> bool:
        """Could "the group" refer to it: not a place or person; several words, an acronym or in the table."""
        if name in self.places or name in self.persons:
            return False
        if name in WELL_KNOWN_ALIASES:
            return True
        return any(" " in key or any(s.isupper() for s in self._surfaces.get(key, ())) for key in self.members[name])

    def _merge_surnames(self, graph: nx.Graph[str], keys: Counter[str], determined: set[str]) -> None:
        """A last word used alone ("trump", "helmets") joins the longer name that ends with it: the only one, or the one
        named in ``_SURNAME_MAJORITY`` of their mentions. Not a word mostly used after "the"/"a" (``determined``):
        "the House" is not the White House, "the Senate" may be another country's."""
        by_last: dict[str, list[str]] = {}
        for key in self.valid:
            words = key.split()
            if len(words) > 1:
                by_last.setdefault(words[-1], []).append(key)
        for key in self.valid:
            longer = sorted(by_last.get(key, []), key=lambda k: (-keys[k], k))
            if not longer or " " in key or key in alias_index() or key in place_keys() or key in determined:
                continue
            if keys[longer[0]] < _SURNAME_MAJORITY * sum(keys[k] for k in longer):
                continue
            graph.add_edge(key, longer[0])
            if len(longer[0].split()) == 2 and not key.endswith("s"):
                self.person_keys.add(longer[0])  # "Donald Trump" ... "Trump": a person's surname

    def _canonical(self, component: set[str], keys: Counter[str]) -> str:
        shipped = sorted(k[1:] for k in component if k.startswith("="))
        if shipped:
            return shipped[0]  # sorted: a set's order changes from run to run (string hashing), the name must not
        key = max((k for k in component if not k.startswith("=")), key=lambda k: (keys[k], len(k), k))
        # A person's surname used more often than the full name is still shown by the full name ("Joe Biden").
        fuller = [k for k in component if k.endswith(" " + key) and k in self.person_keys]
        if fuller:
            key = max(fuller, key=lambda k: (keys[k], len(k), k))
        return self._surfaces[key].most_common(1)[0][0] if key in self._surfaces else key

    def entity(self, key: str) -> str | None:
        """The salient entity a name key belongs to, or None."""
        name = self.entity_of.get(key)
        return name if name in self.salient else None


def _corpus_aliases(mentions: list[NameMention], texts: list[str]) -> list[tuple[str, str]]:
    """Pairs of keys the text itself equates: "X (Y)", "X, also known as Y", "X, formerly known as Y"."""
    by_article: dict[int, list[NameMention]] = {}
    for mention in mentions:
        by_article.setdefault(mention.article, []).append(mention)
    pairs: list[tuple[str, str]] = []
    for article, found in by_article.items():
        text = texts[article]
        starts = {m.start: m for m in found}
        for mention in found:
            after = text[mention.end : mention.end + 80]
            paren = _PARENTHESIS_ALIAS.match(after)
            surface = text[mention.start : mention.end]
            if paren and not surface.isupper():  # "MOSCOW (Sputnik)" is a dateline, not an alias
                inside = re.sub(
                    r"^(?:also|formerly|otherwise)?\s*known\s+as\s+", "", paren.group(1).strip(), flags=re.I
                )
                for part in re.split(r"[/,]", inside):
                    if _is_initialism(part.strip(), surface):
                        pairs.append((mention.key, name_key(part)))
            known = _ALSO_KNOWN.match(after)
            if known:
                other = starts.get(mention.end + known.end())
                if other is not None:
                    pairs.append((mention.key, other.key))
    return pairs


def _is_initialism(acronym: str, name: str) -> bool:
    """Whether ``acronym`` can abbreviate ``name``: capitals only, starting with the name's first letter."""
    return (
        2 <= len(acronym) <= 8
        and acronym.isalpha()
        and acronym.isupper()
        and acronym[0] == name.lstrip("al-")[:1].upper()
        and len(acronym) <= len(name.split()) + 2
    )
