"""Summaries of stories and narratives, read from a story index's state."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence, Set
from datetime import date

import numpy as np

from narratrace.names import INSTITUTIONS, alias_index
from narratrace.stories.index import StoryIndex
from narratrace.stories.types import NarrativeSummary, StorySummary

KEY_ENTITIES = 8
# A summary names actors, places and organisations. The small English model also returns spans a headline's
# Title Case misleads it into ("Stadia Gaming Platform Are", "Home Depot Stock Is Falling After Its Earnings
# Release") or that cross markup ("CNN Business)A"): a name has at most this many words, no verb of being or
# saying, only name characters and balanced brackets. Such spans still count as entities for grouping; they are
# only not shown. Long real names exist ("Africa Movie Academy Award for Best Actress": 7 words), hence 8.
NAME_WORDS = 8
_NOT_IN_NAMES = frozenset(
    {"is", "are", "was", "were", "be", "been", "has", "have", "had", "says", "said", "say", "do", "does", "did", "will",
     "would"}
)  # fmt: skip
_CONTRACTION_PIECES = frozenset({"n't", "'re", "'ve", "'ll", "'m", "'d"})
_NAME_CHARACTERS = re.compile(r"^[\w' &,+/.()\-]+$")
_MAJORITY = 2 / 3
_MIN_PLURAL_STEM = 4  # "americans" -> "american"; no two- or three-letter acronyms ("us" / "uss")


def _iso(day: int | None) -> str | None:
    return date.fromordinal(day).isoformat() if day is not None else None


def _by_count(values: Iterable[str | None]) -> tuple[str, ...]:
    """Most frequent first; ties in order of first appearance."""
    return tuple(value for value, _ in Counter(v for v in values if v).most_common())


def looks_like_a_name(entity: str) -> bool:
    """Whether a normalised entity reads as a name worth showing in a summary (see ``NAME_WORDS``)."""
    words = entity.split()
    return (
        0 < len(words) <= NAME_WORDS
        and not any(word in _NOT_IN_NAMES for word in words)
        and bool(_NAME_CHARACTERS.match(entity))
        and entity.count("(") == entity.count(")")
        and "-" not in words  # a dateline's dash, not a name's hyphen: "press tv - members"
        and not _CONTRACTION_PIECES & set(words)  # the model's split of "don't": "n't"
    )


def key_entities(counts: Counter[str], written: Mapping[str, Counter[str]] | None = None) -> tuple[str, ...]:
    """The ``KEY_ENTITIES`` names most articles mention, first mentioned first among ties, each actor once: the
    well-known variants of one name are counted together ("us", "united states", "america"), a plural with its
    singular ("americans", "american"), and a name used alone with the longer name ending in it that most of
    them use ("biden" -> "joe biden", "census bureau" -> "us census bureau"). Each is shown as it is usually
    written (``written``: normalised name -> ways of writing it and their counts; ``shown_name``), else normalised.
    """
    names = Counter({e: c for e, c in counts.items() if looks_like_a_name(e)})
    first_mention = {name: n for n, name in enumerate(names)}  # joining pops names, so positions are kept apart
    _join_variants(names, first_mention)
    _join_middle_initials(names, first_mention)
    _join_plurals(names, first_mention)
    _join_shorter_names(names)
    _join_initialisms(names, first_mention, written or {})  # last: "Fund" joins the full name before "IMF" takes it
    chosen = [e for e, _ in names.most_common()][:KEY_ENTITIES]
    return tuple(shown_name(e, (written or {}).get(e)) for e in chosen)


def _join(names: Counter[str], members: list[str], first_mention: Mapping[str, int]) -> None:
    """Count ``members`` under the one most mentioned (the first mentioned among ties)."""
    kept = max(members, key=lambda member: (names[member], -first_mention[member]))
    for member in members:
        if member != kept:
            names[kept] += names.pop(member)


def _join_variants(names: Counter[str], first_mention: Mapping[str, int]) -> None:
    groups: dict[str, list[str]] = {}
    for name in names:
        if (canonical := alias_index().get(name)) is not None:
            groups.setdefault(canonical, []).append(name)
    for members in groups.values():
        _join(names, members, first_mention)


_NOT_INITIALLED = frozenset({"of", "and", "for", "the", "on", "in", "to", "at", "de"})


def _initials(words: Sequence[str]) -> str:
    return "".join(word[0] for word in words if word not in _NOT_INITIALLED)


def _join_initialisms(
    names: Counter[str], first_mention: Mapping[str, int], written: Mapping[str, Counter[str]]
) -> None:
    """An acronym written in capitals with the listed names of its initials: "FDA" with "Food and Drug
    Administration", "W.H.O." with "World Health Organization", "CDC" with "(U.S.) Centers for Disease Control and
    Prevention" (the initials before a last "and ..."), "HHS" with "Department of Health and Human Services". Both
    forms of one body filled two of eight places in a third of an analyst's sample of AllSides stories."""
    expansions: dict[str, list[str]] = {}
    for name in names:
        words = name.replace("-", " ").split()
        if words[:1] == ["us"]:
            words = words[1:]  # "U.S. Centers for Disease Control and Prevention" is the CDC too
        if len(words) < 2:
            continue
        forms = {_initials(words)}
        if words[0] in INSTITUTIONS and words[1] == "of":
            forms.add(_initials(words[2:]))  # "HHS": the Department of Health and Human Services
        if "and" in words[1:]:
            forms.add(_initials(words[: len(words) - 1 - words[::-1].index("and")]))
        for form in forms:
            expansions.setdefault(form, []).append(name)
    for name in list(names):
        shouted = any(form.replace(".", "").isupper() for form in written.get(name, ()))
        if name not in names or " " in name or not (2 <= len(name) <= 6 and name.isalpha()) or not shouted:
            continue
        full = [other for other in expansions.get(name, ()) if other in names]
        shortest = min(full, key=len, default="")
        if full and all(other.endswith(shortest) for other in full):  # one body: "(department of) health and ..."
            _join(names, [name, *full], first_mention)


def _join_middle_initials(names: Counter[str], first_mention: Mapping[str, int]) -> None:
    """ "janet l yellen" with "janet yellen": a name with a middle initial and the same name without it."""
    for name in list(names):
        words = name.split()
        plain = " ".join(word for word in words[1:-1] if len(word) > 1)
        bare = " ".join(filter(None, (words[0], plain, words[-1]))) if len(words) > 2 else name
        if bare != name and name in names and bare in names:
            _join(names, [name, bare], first_mention)


def _join_plurals(names: Counter[str], first_mention: Mapping[str, int]) -> None:
    """ "americans" with "american", "republicans" with "republican" (a plural made by "s" only)."""
    for name in list(names):
        if len(name) >= _MIN_PLURAL_STEM and name in names and f"{name}s" in names:
            _join(names, [name, f"{name}s"], first_mention)


def _join_shorter_names(names: Counter[str]) -> None:
    """A name that ends longer names joins the one most of their mentions use, by two thirds: "biden" is Joe
    Biden where Hunter Biden and "president joe biden" are named far less (as framing joins a surname). Not a
    body's last word: "house" stays apart from "white house"."""
    by_ending: dict[str, list[str]] = {}
    for name in names:
        words = name.split()
        for cut in range(1, len(words)):
            by_ending.setdefault(" ".join(words[cut:]), []).append(name)
    for name, fuller in by_ending.items():
        fuller = [other for other in fuller if other in names]
        if name not in names or name in INSTITUTIONS or not fuller:
            continue
        best = max(fuller, key=lambda other: (names[other], other))
        if names[best] >= _MAJORITY * sum(names[other] for other in fuller):
            names[best] += names.pop(name)


# An all-capitals spelling this long is a headline's or a dateline's ("WASHINGTON"), not the name's own ("NATO").
_SHOUTED_LETTERS = 5


def shown_name(name: str, written: Counter[str] | None) -> str:
    """The way of writing ``name`` most articles used, first used first among ties; an all-capitals form of five
    letters or more only when no other was used ("Washington", not a dateline's "WASHINGTON")."""
    if not written:
        return name
    usual = [w for w in written if not (w.isupper() and sum(c.isalpha() for c in w) >= _SHOUTED_LETTERS)]
    return max(usual or list(written), key=lambda w: written[w])


def summarize_story(index: StoryIndex, row: int, copiers: Set[str] = frozenset()) -> StorySummary:
    """One story's summary. ``copiers``: articles reuse found copying another article (provenance's direction):
    with no member dated, the first article is the first to join that copies no one (an original, not its copy).
    """
    story = index.stories_[row]
    members = [index.articles_[m] for m in story.members]
    embeddings = np.stack([index.embeddings_row(m) for m in story.members])
    closeness = embeddings @ story.unit_centroid()
    titled = [n for n, m in enumerate(members) if m.title]
    central = max(titled, key=lambda n: (closeness[n], -n)) if titled else None
    dated = [m for m in members if m.day is not None]
    originals = [m for m in members if m.id not in copiers]
    first = min(dated, key=lambda m: m.day or 0) if dated else (originals or members)[0]
    return StorySummary(
        id=story.id,
        narrative=index.narratives_[story.parent].id,
        title=members[central].title if central is not None else None,
        articles=tuple(m.id for m in members),
        first_article=first.id,
        start=_iso(story.start),
        end=_iso(story.end),
        outlets=_by_count(m.outlet for m in members),
        key_entities=key_entities(story.entities, index.entity_names_),
    )


def summarize_narrative(index: StoryIndex, row: int) -> NarrativeSummary:
    narrative = index.narratives_[row]
    stories = [index.stories_[s] for s in narrative.members]
    largest = max(range(len(stories)), key=lambda n: (len(stories[n].members), -n))
    title = summarize_story(index, narrative.members[largest]).title
    members = [index.articles_[m] for s in stories for m in s.members]
    return NarrativeSummary(
        id=narrative.id,
        title=title,
        stories=tuple(s.id for s in stories),
        articles=len(members),
        start=_iso(narrative.start),
        end=_iso(narrative.end),
        outlets=_by_count(m.outlet for m in members),
        key_entities=key_entities(narrative.entities, index.entity_names_),
    )


def summarize(
    index: StoryIndex, story_ids: Iterable[str] | None = None, copiers: Set[str] = frozenset()
) -> tuple[tuple[StorySummary, ...], tuple[NarrativeSummary, ...]]:
    """Summaries of the named stories (all when None) and of their narratives, in the index's order
    (``copiers``: as ``summarize_story``)."""
    wanted = None if story_ids is None else set(story_ids)
    rows = [n for n, s in enumerate(index.stories_) if wanted is None or s.id in wanted]
    narratives = sorted({index.stories_[n].parent for n in rows})
    return (
        tuple(summarize_story(index, n, copiers) for n in rows),
        tuple(summarize_narrative(index, n) for n in narratives),
    )
