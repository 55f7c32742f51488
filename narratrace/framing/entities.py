"""The fast first pass, part two: name mentions (``names.py``) merged into the corpus's salient entities.

Running spaCy's NER over every article would cost more than the whole framing budget (10k articles in
~3 minutes on 2 cores), so names are found as runs of capitalised words, counted over the corpus, and
merged: the shipped alias table, "X, also known as Y" / "X (Y)" in the corpus, and a last word used
alone ("Trump", "Helmets") when exactly one longer salient name ends with it. Only the sentences where
a salient name meets a framing cue go to the parser (``labels.py``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace

import networkx as nx

from narratrace.framing.aliases import name_key, place_keys
from narratrace.framing.names import NameMention
from narratrace.names import INSTITUTIONS, WELL_KNOWN_ALIASES, alias_index

# A lone last word joins the longer name holding at least this share of the mentions of all the longer names that
# end with it: "Biden" is Joe Biden where Hunter and Jill Biden are named far less.
_SURNAME_MAJORITY = 2 / 3
_JOINERS = frozenset({"of", "for", "and"})
# A longer name opening with one of these is a place or people set apart from the lone word, never a person's full
# name: "American" is not "North American", "Korea" not "South Korea", "Virginia" not "West Virginia".
_QUALIFIERS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "upper", "lower"}
)
# A party or creed used as an adjective is no surname either: "Republican" is not "Wyoming Republican".
_PARTY_WORDS = frozenset(
    {"republican", "republicans", "democrat", "democrats", "democratic", "conservative", "conservatives"}
    | {"liberal", "liberals", "labour", "independent", "independents"}
)
_PARENTHESIS_ALIAS = re.compile(r"\s*\(([^()]{1,60})\)")
_LEADING_THE = re.compile(r"^[Tt]he\s+")
# ", known as" alone usually names the noun phrase before the name ("volunteers in Syria, known as the White Helmets").
_ALSO_KNOWN = re.compile(r"^,?\s+(?:also|formerly|otherwise|better|commonly)\s+known\s+as\s+(?:the\s+)?", re.I)


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
            if key in INSTITUTIONS or key in _PARTY_WORDS:
                continue  # "House" is not the White House, "Police" not the Capitol Police
            if keys[longer[0]] < _SURNAME_MAJORITY * sum(keys[k] for k in longer):
                continue
            if longer[0].split()[-2] in _JOINERS:
                continue  # a word after "of", "for", "and" is no head: "Pennsylvania" is not the University of it
            if longer[0].split()[0] in _QUALIFIERS:
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
