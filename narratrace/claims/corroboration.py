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
in several articles is one origin: its own repetition confirms nothing. An article that states a claim with no
source rests on the source another article gives for it when it names that source elsewhere ("the Labor
Department said" a paragraph before); otherwise it is its own origin. The links through sources, acts and
outlets are found in ``source_links``; copies, quotations and wire carriers here.

Ten outlets repeating one agency wire is one origin, not ten confirmations. The links are computed per
claim, over its mentions only, and joined with union-find; each link that joined two groups is kept as the
reason, so ``why`` can say "002 copies 000; 001 and 003 both rest on SANA".

The count joins only what the texts show, so it is an upper bound; its floor (``Origins.at_least``) is the count
if every article naming no source for the claim rests on those that do, and ``why`` names those articles.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from networkx.utils import UnionFind

from narratrace.claims.source_links import (
    NamedSource,
    OriginLink,
    Sourced,
    act_links,
    named_elsewhere_links,
    outlet_links,
    own_word_links,
    source_links,
    sourced_mentions,
    with_a_source,
)
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


@dataclass(frozen=True)
class Origins:
    groups: tuple[tuple[str, ...], ...]  # article ids per origin, in first-mention order
    links: tuple[OriginLink, ...]  # the links that joined groups
    why: str
    at_least: int = 0  # origins left if the articles naming no source rest on those that do (``origins_floor``)


class MergingPairs:
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
    articles: set[str], pairs: MergingPairs, directions: Mapping[tuple[str, str], Direction] | None
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


def _wire_links(
    order: Sequence[str],
    wires: Mapping[str, frozenset[str]],
    mentions: Sequence[ClaimMention],
    sourced: Sequence[Sourced],
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
    pairs: Sequence[ReusePair] | MergingPairs = (),
    directions: Mapping[tuple[str, str], Direction] | None = None,
    wires: Mapping[str, frozenset[str]] | None = None,
    sources_of: Mapping[str, Sequence[NamedSource]] | None = None,
) -> Origins:
    """Group a claim's articles into independent origins and say why, in one sentence.

    ``mentions`` are in first-mention order (the first is the earliest); ``pairs`` are reuse pairs over any
    articles (those outside the claim are ignored; a ``MergingPairs`` index of them when counting many claims);
    ``directions`` (from ``infer_directions``) name the
    original of a pair, so the reason can say who copied whom; ``wires`` maps an article to the wires whose copy
    it carries (``provenance.siblings.credited_wires``; articles carrying none may be left out); ``sources_of``
    maps an article to every source it names, for any statement (``source_links.article_sources``), so that an
    article naming no source for the claim rests on the one another article gives, when it names that source too.
    """
    order: list[str] = []
    for mention in mentions:
        if mention.article not in order:
            order.append(mention.article)
    copies = pairs if isinstance(pairs, MergingPairs) else MergingPairs(pairs)
    union = UnionFind(order)
    joined: list[OriginLink] = []
    sourced = sourced_mentions(mentions)
    links = _reuse_links(set(order), copies, directions) + source_links(sourced) + outlet_links(mentions, sourced)
    sourced_articles = with_a_source(mentions)  # articles giving the claim a source: acts and outlets read it
    links += _wire_links(order, wires or {}, mentions, sourced) + act_links(mentions, sourced_articles)
    links += own_word_links(mentions, sourced_articles)
    links += named_elsewhere_links(mentions, sourced, sourced_articles, sources_of or {})
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
    at_least, reading = origins_floor(groups, sourced_articles | {a for a in order if (wires or {}).get(a)})
    why += f". {reading}" if reading else ""
    return Origins(tuple(tuple(g) for g in groups), tuple(joined), why, at_least)


def origins_floor(groups: Sequence[Sequence[str]], firm: set[str]) -> tuple[int, str]:
    """The fewest origins the texts allow, and the sentence saying so when fewer than ``groups``; ``firm`` are the
    articles that give the claim a source or carry a wire's copy.

    Groups holding an article that gives the claim a source (or carries a wire's copy) are apart by what the
    texts show; a group whose articles name none for it may rest on any of them, or all on one source none
    names. Readers put 82% of "one article names a source, the other none" pairs in one origin, and the stage
    joins only those it can show (docs/results/claims.md), so the count is an upper bound and this its floor.
    """
    sourced = [group for group in groups if any(article in firm for article in group)]
    loose = [article for group in groups if group not in sourced for article in group]
    at_least = max(1, len(sourced)) if groups else 0
    if at_least == len(groups):
        return at_least, ""
    if not sourced:
        return at_least, "At least 1 if they all rest on one source none of them names"
    verb = "rests" if len(loose) == 1 else "rest"
    return at_least, f"At least {at_least} if {_join(loose)} (no source named for it) {verb} on the others' sources"
