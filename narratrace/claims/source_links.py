"""Links between a claim's articles through what their statements rest on: the same source named two ways, a
body and the person speaking for it, an outlet and the articles citing it, one official act, an outlet's own
repetition, and a source an unsourced article names elsewhere (``corroboration.count_origins`` joins them with
copies, shared quotations and wire carriers).

Each ``*_links`` function takes a claim's mentions (in first-mention order) and returns ``OriginLink``s of kind
``source``, each with the reason ``why`` shows and the shared source's name; ``article_sources`` gathers, once per
article, the sources the last of them compares.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from narratrace.claims.attribution_kinds import names_official_act
from narratrace.claims.outlets import TRAILING_POSSESSIVE, WORD, ascii_lower, outlet_name
from narratrace.claims.sources import same_source, source_key, speaks_for
from narratrace.claims.types import Attribution, ClaimMention
from narratrace.provenance.credits import names_match

# A mention with its source key and channel (``sourced_mentions``).
Sourced = tuple[ClaimMention, str, str]

_SOURCED_TYPES = frozenset({"person", "organisation", "outlet", "anonymous"})
_ACT_AUTHOR_TYPES = frozenset({"person", "organisation"})
# Unnamed members of a body ("vaccine advisers to the FDA voted", "the justices overturned") do the act a named
# report credits to the body; alone they name no author, so they never start an act.
_ACT_JOINING_TYPES = frozenset({"anonymous"})


@dataclass(frozen=True)
class OriginLink:
    """Why two articles of a claim are one origin: ``kind`` is ``copy``, ``quote`` (one statement quoted in both)
    or ``source``."""

    a: str
    b: str
    kind: str
    reason: str
    source: str = ""  # the shared source's name, for ``source`` links


def source_name(mention: ClaimMention | Attribution) -> str:
    """The words naming a mention's source: a pronoun's antecedent when typing found one ("he" -> "Marquis")."""
    return (mention.source_name or "").strip()


def _channel(mention: ClaimMention) -> str:
    """The outlet a mention's statement came through: the outlet source itself, or the one its source spoke to
    ("military sources speaking to Sputnik Arabic"); "" when neither."""
    if mention.source_via is not None:
        return outlet_name(mention.source_via.text)
    return outlet_name(source_name(mention)) if mention.source_type == "outlet" else ""


def sourced_mentions(mentions: Sequence[ClaimMention]) -> list[Sourced]:
    """The mentions with a source, each with its source key and channel, worked out once per claim."""
    return [
        (m, source_key(source_name(m)), _channel(m))
        for m in mentions
        if m.source is not None and m.source_type in _SOURCED_TYPES
    ]


def _compared_as(type_a: str, type_b: str) -> str:
    """How two sources' names are compared: as their common type; as a person's when one side is a person (the
    typing may call "RNC Chairwoman Ronna McDaniel" a person in one article and an organisation in another);
    else as an organisation's (an outlet named as "the outlet" and as a body is one source when names agree)."""
    if type_a == type_b:
        return type_a
    return "person" if "person" in (type_a, type_b) else "organisation"


def _speaker_and_body(
    first: ClaimMention, first_key: str, second: ClaimMention, second_key: str
) -> ClaimMention | None:
    """The body's mention when one source speaks for the other by title ("NASA Administrator Jim Bridenstine"
    and "NASA"): a statement of the body and of its spokesperson rest on one upstream source."""
    for speaker, speaker_key, body, body_key in (
        (first, first_key, second, second_key),
        (second, second_key, first, first_key),
    ):
        speaks = speaker.source_type in ("person", "anonymous") and body.source_type in ("organisation", "outlet")
        if speaks and speaks_for(speaker_key, body_key):
            return body
    return None


def source_links(sourced: Sequence[Sourced]) -> list[OriginLink]:
    links = []
    for i, (first, first_key, first_channel) in enumerate(sourced):
        for second, second_key, second_channel in sourced[i + 1 :]:
            if first.article == second.article:
                continue
            if same_source(first_key, second_key, _compared_as(first.source_type, second.source_type)):
                # Shown without the possessive the span may end in ("NASA’s announcement": "NASA").
                name = TRAILING_POSSESSIVE.sub("", source_name(first)) or first_key
            elif speaker := _speaker_and_body(first, first_key, second, second_key):
                name = TRAILING_POSSESSIVE.sub("", source_name(speaker))  # "NASA" for NASA and its administrator
            elif first_channel and first_channel == second_channel and (first.source_via or second.source_via):
                name = first_channel  # "a source told CBS" and "officials told CBS": both rest on CBS's report
            else:
                continue
            reason = f"{first.article} and {second.article} both rest on {name}"
            links.append(OriginLink(first.article, second.article, "source", reason, source=name))
    return links


def outlet_links(mentions: Sequence[ClaimMention], sourced: Sequence[Sourced]) -> list[OriginLink]:
    """A mention resting on another outlet ("CBS News reported", "the sources told Politico") and an article that
    outlet published are one origin: the second is the report the first repeats."""
    links = []
    for first, _, channel in sourced:
        if not channel or (first.outlet and names_match(channel, first.outlet)):
            continue  # an outlet citing itself ("the latest NBC News tally") rests on no other article
        for second in mentions:
            if second.article != first.article and second.outlet and names_match(channel, second.outlet):
                reason = f"{first.article} rests on {channel}, the outlet of {second.article}"
                links.append(OriginLink(first.article, second.article, "source", reason, source=channel))
    return links


def _is_act(mention: ClaimMention, author_types: frozenset[str] = _ACT_AUTHOR_TYPES) -> bool:
    """Whether a mention reports an official act by a source of ``author_types``: its cue holds an act's word,
    not negated."""
    if mention.cue is None or mention.source is None or mention.source_type not in author_types:
        return False
    return names_official_act(mention.cue.text)


def _gives_a_source(mention: ClaimMention) -> bool:
    return mention.source is not None and mention.source_type != "unattributed"


def with_a_source(mentions: Sequence[ClaimMention]) -> set[str]:
    """The articles that give the claim a source in at least one of their mentions."""
    return {m.article for m in mentions if _gives_a_source(m)}


def act_links(mentions: Sequence[ClaimMention], sourced_articles: set[str]) -> list[OriginLink]:
    """Articles reporting one official act: those that credit it to an author, whatever name they give the
    author ("President Biden", "the White House") or to unnamed members of one ("the justices"), and those that
    state it with no source at all, rest on one act, named after the first report that names its author. An
    article that gives the claim another source (a person who said it, an outlet) keeps it. The claim is one act
    because matching found one proposition; the act is the author's, not the reports'.
    """
    is_act = [_is_act(m) for m in mentions]
    acts = [m for m, credits_an_act in zip(mentions, is_act, strict=True) if credits_an_act]
    if not acts:
        return []
    # The act is named after a report that names its author, not a day the tagger took for the source
    # ("Thursday signed into law"), when one does.
    first = next((m for m in acts if source_key(source_name(m))), acts[0])
    name = TRAILING_POSSESSIVE.sub("", source_name(first)).rstrip(",;: ")
    act = f'the act of {name} ("{" ".join(first.cue.text.split()) if first.cue else ""}")'
    links, seen = [], {first.article}
    for mention, credits_an_act in zip(mentions, is_act, strict=True):
        if mention.article in seen:
            continue
        if credits_an_act or _is_act(mention, _ACT_JOINING_TYPES):
            reason = f"{first.article} and {mention.article} both report {act}"
        elif mention.article not in sourced_articles:
            reason = f"{mention.article} reports, with no source, {act} that {first.article} credits"
        else:
            continue
        seen.add(mention.article)
        links.append(OriginLink(first.article, mention.article, "source", reason, source=name))
    return links


def own_word_links(mentions: Sequence[ClaimMention], sourced_articles: set[str]) -> list[OriginLink]:
    """Articles of one outlet (as the corpus names it) that each state the claim with no source: the outlet
    repeating itself, week after week or in a live blog's updates, is one origin, not several confirmations."""
    first_of: dict[str, str] = {}
    links = []
    for mention in mentions:
        outlet = " ".join((mention.outlet or "").split())
        if not outlet or mention.article in sourced_articles:
            continue
        first = first_of.setdefault(outlet, mention.article)
        if first != mention.article:
            reason = f"{first} and {mention.article} both state it on {outlet}'s own authority"
            links.append(OriginLink(first, mention.article, "source", reason, source=outlet))
    return links


# A source an article names, whatever it said (``article_sources``): its key, its type and its words.
NamedSource = tuple[str, str, str]


def article_sources(attributions: Sequence[Attribution]) -> tuple[NamedSource, ...]:
    """Every source one article names, for any statement: its key (``source_key`` of the antecedent for a pronoun),
    type and words; sources with an empty key (an unresolved "he") left out."""
    found = []
    for attribution in attributions:
        if attribution.source is not None and attribution.source_type in _SOURCED_TYPES:
            name = source_name(attribution)
            if key := source_key(name):
                found.append((key, attribution.source_type, name))
    return tuple(found)


def named_elsewhere_links(
    mentions: Sequence[ClaimMention],
    sourced: Sequence[Sourced],
    sourced_articles: set[str],
    sources_of: Mapping[str, Sequence[NamedSource]],
) -> list[OriginLink]:
    """An article that states the claim with no source but names, for another of its statements, the source that
    another article gives for the claim ("... the Labor Department said on Thursday. Claims for the prior week were
    revised to 375,000." beside "The Labor Department said ... 375,000"): both rest on that source. Readers take the
    source from the article's other paragraphs so (docs/results/claims.md); a source named nowhere in the article
    is no evidence, and the article stays its own origin."""
    links = []
    for article in dict.fromkeys(m.article for m in mentions):
        if article in sourced_articles:
            continue
        named = sources_of.get(article, ())
        if not named:
            continue
        own_words = _words_of(m.content.text for m in mentions if m.article == article)
        for other, other_key, _ in sourced:
            if other.article == article or _named_in(other_key, other.source_type, own_words):
                continue
            if any(same_source(key, other_key, _compared_as(kind, other.source_type)) for key, kind, _ in named):
                name = TRAILING_POSSESSIVE.sub("", source_name(other)) or other_key
                reason = f"{article} names {name} elsewhere, the source {other.article} gives for it"
                links.append(OriginLink(other.article, article, "source", reason, source=name))
                break
    return links


def _words_of(texts: Iterable[str]) -> str:
    """The texts' words, lower-cased and space-joined with a space at each end, for whole-word lookups."""
    return " " + " ".join(" ".join(WORD.findall(ascii_lower(text))) for text in texts) + " "


def _named_in(key: str, source_type: str, own_words: str) -> bool:
    """Whether an article's words for the claim name the person given as its source, by surname: then the claim is
    about that person ("Trump, who has a history of threatening legal action, made the announcement" beside
    "Trump said he would sue"), and the article naming them elsewhere is no sign it rests on them. Bodies stay:
    "the IMF has kept its growth projection at 4.9%" names its own source (measured: docs/results/claims.md)."""
    return source_type == "person" and bool(key) and f" {key.split()[-1]} " in own_words
