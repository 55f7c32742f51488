"""How many independent origins a claim has: articles that copied each other, or that rest on the same
upstream source, count once: the same named or anonymous source, the same outlet cited, or the same outlet the
sources spoke to ("a source told CBS" and "officials told CBS" both rest on CBS's report); an article that
cites an outlet is one origin with that outlet's own article; and an article that carries a wire's copy
("WASHINGTON (AP) —", "— Reuters": provenance's block credits) rests on that wire for everything it says, so
two carriers of one wire, a carrier and an article citing the wire, or a carrier and the wire's own article are
one origin. Two articles that quote one statement word for word (reuse's shared quotation) rest on it, whoever
they say spoke. An official act (a ruling, an approval, a signing, an order, an announcement) is done once by its
author: the articles that report it, naming its author as they like ("President Biden announced", "the White
House announced") or not naming one at all, rest on that act. An outlet that states a claim on its own authority
in several articles is one origin: its own repetition confirms nothing.

Ten outlets repeating one agency wire is one origin, not ten confirmations. The links are computed per
claim, over its mentions only, and joined with union-find; each link that joined two groups is kept as the
reason, so ``why`` can say "002 copies 000; 001 and 003 both rest on SANA".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from networkx.utils import UnionFind

from narratrace.claims.outlets import TRAILING_POSSESSIVE, WORD, ascii_lower, outlet_name, words
from narratrace.claims.sources import same_source, source_key, speaks_for
from narratrace.claims.types import ClaimMention
from narratrace.provenance.credit_names import wire_name
from narratrace.provenance.credits import names_match
from narratrace.provenance.facts import ArticleFacts
from narratrace.provenance.siblings import credited_wires
from narratrace.provenance.types import Direction
from narratrace.reuse.types import ReusePair

# Reuse kinds that make two articles one origin. A shared quotation ("shared_quote") does too: two articles that
# carry one statement word for word rest on it, as two outlets reporting what one official said do, whether or not
# the tagger found its speaker in both (readers count them so: docs/results/claims.md). Stock phrasing ("stock")
# does not: a common phrase is nobody's statement.
MERGING_KINDS = frozenset({"copy", "partial", "shared_quote"})
QUOTE_WORDS_SHOWN = 12  # of a quotation two articles share, in the reason that joins them
_SOURCED_TYPES = frozenset({"person", "organisation", "outlet", "anonymous"})
# Words of a cue that make the attributed statement an official act, done once by its author, rather than
# something said: "announced Monday", "ruled", "granted full approval", "signed into law", "issued an executive
# order". Speech words ("said", "told", "confirmed") and outlets' "reported" are not acts: two people can say one
# thing apart, and a report is the outlet's own.
_ACT_WORDS = words(
    """announce announced announces announcing announcement rule ruled ruling approve approved approves approving
    approval grant granted grants sign signed signs signing order ordered orders issue issued issues release
    released releases publish published vote voted votes pass passed passes declare declared declares
    declaration decide decided decision award awarded impose imposed require required requires requiring ban
    banned bans veto vetoed vetoes unveil unveiled unveils enact enacted adopt adopted authorize authorized
    authorise authorised proclamation proclaimed decree decreed verdict judgment judgement indict indicted
    indictment sentenced overturn overturned overturns reverse reversed reverses uphold upheld upholds struck
    block blocked blocks halt halted halts declassify declassified declassifies"""
)
# Words that make a cue's act one not done: "did not release", "failed to rule on". A planned act ("will sign",
# "has set a vote for Wednesday") stays an act: the articles reporting the plan rest on its announcement.
_NOT_DONE_WORDS = words("not never failed refused declined")
_CONTRACTED_NOT = re.compile("n['’]t\\b")  # "didn't release": "did not release"
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


@dataclass(frozen=True)
class Origins:
    groups: tuple[tuple[str, ...], ...]  # article ids per origin, in first-mention order
    links: tuple[OriginLink, ...]  # the links that joined groups
    why: str


class CopyPairs:
    """The reuse pairs that merge origins (``MERGING_KINDS``), indexed by article once per corpus.

    A corpus has one set of pairs and thousands of claims; scanning every pair for every claim took most of the
    claims stage's single-core time at 10,000 articles. ``among`` returns the same pairs, in the same order, as
    that scan would. Given the articles' original ``texts``, it keeps the words two articles quote in common, so
    that the reason can show them.
    """

    def __init__(self, pairs: Sequence[ReusePair] = (), texts: Mapping[str, str] | None = None) -> None:
        self._pairs = [p for p in pairs if p.kind in MERGING_KINDS and p.a != p.b]
        self._by_article: dict[str, list[int]] = {}
        self._quoted: dict[tuple[str, str], str] = {}
        for position, pair in enumerate(self._pairs):
            self._by_article.setdefault(pair.a, []).append(position)
            if pair.kind == "shared_quote" and pair.passages and texts and pair.a in texts:
                passage = pair.passages[0]
                self._quoted[(pair.a, pair.b)] = _opening_words(texts[pair.a][passage.a_start : passage.a_end])

    def quoted(self, pair: ReusePair) -> str:
        """The opening words of the quotation a ``shared_quote`` pair shares, "" when unknown."""
        return self._quoted.get((pair.a, pair.b), "")

    def among(self, articles: set[str]) -> list[ReusePair]:
        """Merging pairs with both articles in ``articles``, in input order."""
        positions = sorted(
            position
            for article in articles
            for position in self._by_article.get(article, ())
            if self._pairs[position].b in articles
        )
        return [self._pairs[position] for position in positions]


def _opening_words(text: str, count: int = QUOTE_WORDS_SHOWN) -> str:
    """A passage's first ``count`` words, "…" after them when it goes on; quotation marks at its ends dropped."""
    found = text.strip(" \t\n\"“”‘’'").split()
    return " ".join(found[:count]) + (" …" if len(found) > count else "")


def _reuse_links(
    articles: set[str], pairs: CopyPairs, directions: Mapping[tuple[str, str], Direction] | None
) -> list[OriginLink]:
    links = []
    for pair in pairs.among(articles):
        if pair.kind == "shared_quote":
            quoted = pairs.quoted(pair)
            reason = f"{pair.a} and {pair.b} quote the same statement" + (f' ("{quoted}")' if quoted else "")
            links.append(OriginLink(pair.a, pair.b, "quote", reason))
            continue
        direction = (directions or {}).get((pair.a, pair.b))
        original = direction.source if direction is not None else None
        if original in (pair.a, pair.b):
            copier = pair.b if original == pair.a else pair.a
            reason = f"{copier} copies {original}"
        else:
            reason = f"{pair.a} and {pair.b} share text"
        links.append(OriginLink(pair.a, pair.b, "copy", reason))
    return links


def _source_name(mention: ClaimMention) -> str:
    """The words naming a mention's source: a pronoun's antecedent when typing found one ("he" -> "Marquis")."""
    return (mention.source_name or "").strip()


def _channel(mention: ClaimMention) -> str:
    """The outlet a mention's statement came through: the outlet source itself, or the one its source spoke to
    ("military sources speaking to Sputnik Arabic"); "" when neither."""
    if mention.source_via is not None:
        return outlet_name(mention.source_via.text)
    return outlet_name(_source_name(mention)) if mention.source_type == "outlet" else ""


def _sourced(mentions: Sequence[ClaimMention]) -> list[tuple[ClaimMention, str, str]]:
    """The mentions with a source, each with its source key and channel, worked out once per claim."""
    return [
        (m, source_key(_source_name(m)), _channel(m))
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


def _source_links(sourced: Sequence[tuple[ClaimMention, str, str]]) -> list[OriginLink]:
    links = []
    for i, (first, first_key, first_channel) in enumerate(sourced):
        for second, second_key, second_channel in sourced[i + 1 :]:
            if first.article == second.article:
                continue
            if same_source(first_key, second_key, _compared_as(first.source_type, second.source_type)):
                # Shown without the possessive the span may end in ("NASA’s announcement": "NASA").
                name = TRAILING_POSSESSIVE.sub("", _source_name(first)) or first_key
            elif speaker := _speaker_and_body(first, first_key, second, second_key):
                name = TRAILING_POSSESSIVE.sub("", _source_name(speaker))  # "NASA" for NASA and its administrator
            elif first_channel and first_channel == second_channel and (first.source_via or second.source_via):
                name = first_channel  # "a source told CBS" and "officials told CBS": both rest on CBS's report
            else:
                continue
            reason = f"{first.article} and {second.article} both rest on {name}"
            links.append(OriginLink(first.article, second.article, "source", reason, source=name))
    return links


def _outlet_links(
    mentions: Sequence[ClaimMention], sourced: Sequence[tuple[ClaimMention, str, str]]
) -> list[OriginLink]:
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
    cue = set(WORD.findall(_CONTRACTED_NOT.sub(" not", ascii_lower(mention.cue.text))))
    return bool(cue & _ACT_WORDS) and not cue & _NOT_DONE_WORDS


def _with_a_source(mentions: Sequence[ClaimMention]) -> set[str]:
    """The articles that give the claim a source in at least one of their mentions."""
    return {m.article for m in mentions if m.source is not None and m.source_type != "unattributed"}


def _act_links(mentions: Sequence[ClaimMention], sourced_articles: set[str]) -> list[OriginLink]:
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
    first = next((m for m in acts if source_key(_source_name(m))), acts[0])
    name = TRAILING_POSSESSIVE.sub("", _source_name(first)).rstrip(",;: ")
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


def _own_word_links(mentions: Sequence[ClaimMention], sourced_articles: set[str]) -> list[OriginLink]:
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


def _wire_links(
    order: Sequence[str],
    wires: Mapping[str, frozenset[str]],
    mentions: Sequence[ClaimMention],
    sourced: Sequence[tuple[ClaimMention, str, str]],
) -> list[OriginLink]:
    """Articles that carry a wire's copy and the articles resting on the same wire (see the module doc).

    A wire story printed by two outlets, rewritten enough that reuse does not pair them, is still one report:
    the dateline credit ("(AP) —") says where the whole text came from.
    """
    carried = {article: wires.get(article, frozenset()) for article in order}
    carriers = [article for article in order if carried[article]]
    if not carriers:
        return []
    links = []
    for i, first in enumerate(carriers):
        for second in carriers[i + 1 :]:
            common = sorted(carried[first] & carried[second])
            if common:
                reason = f"{first} and {second} both carry {common[0]} copy"
                links.append(OriginLink(first, second, "source", reason, source=common[0]))
    for carrier in carriers:
        for wire in sorted(carried[carrier]):
            for mention, _, channel in sourced:
                if mention.article != carrier and channel and _names_wire(channel, wire):
                    reason = f"{mention.article} rests on {wire}, whose copy {carrier} carries"
                    links.append(OriginLink(mention.article, carrier, "source", reason, source=wire))
            for mention in mentions:
                if mention.article != carrier and mention.outlet and _names_wire(mention.outlet, wire):
                    reason = f"{carrier} carries {wire} copy, the outlet of {mention.article}"
                    links.append(OriginLink(carrier, mention.article, "source", reason, source=wire))
    return links


def carried_wires(facts: Iterable[ArticleFacts]) -> dict[str, frozenset[str]]:
    """Article id -> the wires whose copy it carries, for the articles that carry one."""
    return {f.id: wires for f in facts if (wires := credited_wires(f))}


def _names_wire(name: str, wire: str) -> bool:
    """Whether ``name`` (a channel or an outlet) is the wire ``wire`` ("The Associated Press", "apnews.com": AP)."""
    return wire_name(name) == wire or names_match(name, wire)


def _join(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _group_sentence(members: Sequence[str], links: Sequence[OriginLink]) -> str:
    sources = {link.source for link in links if link.kind == "source"}
    if len(sources) == 1 and all(link.kind == "source" for link in links):
        return (
            f"{_join(members)} both rest on {sources.pop()}"
            if len(members) == 2
            else (f"{_join(members)} all rest on {sources.pop()}")
        )
    return f"{_join(members)} are one origin — " + ", ".join(link.reason for link in links)


def count_origins(
    mentions: Sequence[ClaimMention],
    pairs: Sequence[ReusePair] | CopyPairs = (),
    directions: Mapping[tuple[str, str], Direction] | None = None,
    wires: Mapping[str, frozenset[str]] | None = None,
) -> Origins:
    """Group a claim's articles into independent origins and say why, in one sentence.

    ``mentions`` are in first-mention order (the first is the earliest); ``pairs`` are reuse pairs over any
    articles (those outside the claim are ignored; a ``CopyPairs`` index of them when counting many claims);
    ``directions`` (from ``infer_directions``) name the
    original of a pair, so the reason can say who copied whom; ``wires`` maps an article to the wires whose copy
    it carries (``provenance.siblings.credited_wires``; articles carrying none may be left out).
    """
    order: list[str] = []
    for mention in mentions:
        if mention.article not in order:
            order.append(mention.article)
    copies = pairs if isinstance(pairs, CopyPairs) else CopyPairs(pairs)
    union = UnionFind(order)
    joined: list[OriginLink] = []
    sourced = _sourced(mentions)
    links = _reuse_links(set(order), copies, directions) + _source_links(sourced) + _outlet_links(mentions, sourced)
    sourced_articles = _with_a_source(mentions)  # articles giving the claim a source: acts and outlets read it
    links += _wire_links(order, wires or {}, mentions, sourced) + _act_links(mentions, sourced_articles)
    links += _own_word_links(mentions, sourced_articles)
    for link in links:
        if union[link.a] != union[link.b]:
            union.union(link.a, link.b)
            joined.append(link)
    rank = {article: i for i, article in enumerate(order)}
    groups = sorted((sorted(group, key=rank.__getitem__) for group in union.to_sets()), key=lambda g: rank[g[0]])
    sentences = []
    for group in groups:
        if len(group) > 1:
            members = set(group)
            sentences.append(_group_sentence(group, [link for link in joined if link.a in members]))
    n_articles, n_origins = len(order), len(groups)
    head = f"{n_articles} article{'s' if n_articles != 1 else ''}, {n_origins} independent origin"
    head += "s" if n_origins != 1 else ""
    if n_articles <= 1:
        why = head
    elif sentences:
        why = f"{head}: " + "; ".join(sentences)
    else:
        why = f"{head}: no copies or shared sources among them"
    return Origins(tuple(tuple(g) for g in groups), tuple(joined), why)
