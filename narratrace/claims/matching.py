"""Claims across articles: statements that assert the same thing, matched by meaning.

Statements (``statements``) are blocked by TF-IDF (``blocking``), embedded once with MiniLM, and a pair
scoring at or above ``threshold`` (the embedding cosine plus a bonus for the content words both use,
``shared_words``) joins two statements; each group of joined statements is then cut with complete linkage at
``cluster_threshold`` (``linkage``), so every two statements of a claim match and neighbouring accusations of
one story do not chain into one claim. Each claim lists every article and outlet repeating it, its first
appearance, and its count of independent origins (``corroboration``).

A pair with an attributed content scores ``content_margin`` less (tuned on the labelled pairs of the stage's
own path, bench/data/claim_path_pairs), and ``tense_penalty`` less again when one side warns of or plans an
event and the other tells of a past one or of none (``differences``); contents that ask or were cut off are
no statements (``statements.content_states_claim``). A claim's headline is its most central mention.

An entity bonus and a number penalty (spaCy NER, ``entity_features``) are in ``MatchOptions``, off: they did not
help on the tune split of bench/data/claim_pairs and NER would cost more than all the rest.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from narratrace.claims.asserting import asserting_pooled
from narratrace.claims.corroboration import MergingPairs, carried_wires, count_origins
from narratrace.claims.differences import (
    dated_numbers_adjustment,
    is_prospective,
    number_adjustment,
    tense_adjustment,
    time_gap_adjustment,
)
from narratrace.claims.entity_features import combined_score, feature_adjustment, statement_features
from narratrace.claims.first_seen import copies_by_source, in_appearance_order
from narratrace.claims.linkage import (
    Candidates,
    PairAdjustment,
    block_and_embed,
    centred,
    cluster_statements,
    headline_text,
    most_central,
    pair_scores,
)
from narratrace.claims.shared_words import shared_words_adjustment
from narratrace.claims.source_links import NamedSource, article_sources
from narratrace.claims.statements import MAX_STATEMENTS_PER_ARTICLE, Statement, article_statements
from narratrace.claims.types import Attribution, Claim, ClaimMention
from narratrace.clean.dates import publication_day
from narratrace.clean.types import CleanArticle
from narratrace.provenance.facts import article_facts
from narratrace.provenance.types import Direction
from narratrace.reuse.types import ReusePair

# Tuned with the shared-words weight on the tune halves of bench/data/claim_pairs and claim_path_pairs together
# (bench/claims_clustering.py, bench/claims_path.py --shared-words; docs/results/claims.md, "Shared words").
DEFAULT_THRESHOLD = 0.575
DEFAULT_CLUSTER_THRESHOLD = 0.45
DEFAULT_CONTENT_MARGIN = 0.1
DEFAULT_TENSE_PENALTY = 0.075
DEFAULT_DISJOINT_NUMBERS_PENALTY = 0.0
DEFAULT_NUMBERS_APART_DAYS: int | None = 3
DEFAULT_TIME_GAP_DAYS: int | None = 30
DEFAULT_TIME_GAP_PENALTY = 0.2
DEFAULT_SHARED_WORDS_WEIGHT = 0.15
DEFAULT_CENTRE_WEIGHT = 0.0
DEFAULT_CENTRE_PRIOR = 50


@dataclass(frozen=True)
class MatchOptions:
    """How statements are compared. ``threshold`` joins pairs; ``cluster_threshold`` cuts the linkage."""

    threshold: float = DEFAULT_THRESHOLD
    cluster_threshold: float = DEFAULT_CLUSTER_THRESHOLD
    linkage: str = "complete"  # "complete", "average", or "single" (connected components, no cut)
    entity_weight: float = 0.0  # times the Jaccard overlap of named entities (runs spaCy NER when > 0)
    number_penalty: float = 0.0  # when both statements give numbers and none is shared (NER when > 0)
    # Subtracted from the score of a pair with an attributed content (``content_margin_sides="either"``; "both":
    # only a pair of two): contents of one story are about one subject and read alike, so the cuts tuned on bare
    # sentences join too many of them. Best on the tune half of bench/data/claim_path_pairs: 0.075 (0.025-0.2), 0.1
    # since the shared-words bonus (0.05-0.15; docs/results/claims.md); two bare sentences keep their cuts.
    content_margin: float = DEFAULT_CONTENT_MARGIN
    content_margin_sides: str = "either"
    # What an attributed content must have to match: "off", "verb" or "subject-verb" (the bare sentences' check).
    # Off: on the tune halves both cost more recall than they bought precision (noun-phrase contents state
    # propositions too: "Clinton's use of a private email server"), and tagging them would cost ~30% more CPU.
    content_check: str = "off"
    content_check_max_words: int | None = None  # check only contents of at most this many words (None: all)
    # Subtracted when one statement is a warning or plan and the other tells of a past event or of none (a noun
    # phrase), in pairs with an attributed content (``differences``: a regex, and the tagger only for statements
    # matched to a prospective one). 0.075 was best on the tune half of bench/data/claim_path_pairs (0.025-0.15,
    # past or past-or-verbless, content pairs or all, tried); bare pairs are left alone, where "would", "set to"
    # in a subordinate clause of a long sentence made it cost recall (bench/data/claim_pairs tune).
    tense_penalty: float = DEFAULT_TENSE_PENALTY
    tense_sides: str = "content"  # "content": only pairs with an attributed content; "all": bare pairs too
    tense_other: str = "past-or-verbless"  # the other side: "past" (a past verb) or "past-or-verbless"
    # When both statements give numbers and share none. Off: on both tune halves it split as many true pairs (one
    # fact in a count and a percentage, "30 percent" / "4,901 more") as wrong ones ("4.8%" / "5.4%").
    disjoint_numbers_penalty: float = DEFAULT_DISJOINT_NUMBERS_PENALTY
    # Disagreeing numbers in articles more than this many days apart are never one claim (monthly jobs reports,
    # weekly counts; ``differences.dated_numbers_adjustment``). None: off. Three: over stories' ±2-day window.
    numbers_apart_days: int | None = DEFAULT_NUMBERS_APART_DAYS
    # Subtracted from a content pair whose articles are more than ``time_gap_days`` apart (one subject reads alike
    # for months; ``differences.time_gap_adjustment``). Tuned on claim_path_pairs' tune half; "all": bare pairs too.
    time_gap_days: int | None = DEFAULT_TIME_GAP_DAYS
    time_gap_penalty: float = DEFAULT_TIME_GAP_PENALTY
    time_gap_sides: str = "content"
    # Added: this times the Jaccard overlap of the two statements' content words (``shared_words``; ``idf``: words
    # weighted by rarity, measured and not taken). MiniLM reads the subject; shared words tell propositions apart.
    shared_words_weight: float = DEFAULT_SHARED_WORDS_WEIGHT
    shared_words_idf: bool = False
    # Taken from every embedding before scoring: this times the corpus's mean embedding (shrunk for small corpora
    # by n / (n + ``centre_prior``); ``linkage.centred``), so one story's shared subject stops joining its claims.
    centre_weight: float = DEFAULT_CENTRE_WEIGHT
    centre_prior: int = DEFAULT_CENTRE_PRIOR
    block_similarity: float = 0.15  # TF-IDF cosine a pair needs to be scored at all
    block_top_k: int = 10
    max_statements_per_article: int = MAX_STATEMENTS_PER_ARTICLE
    min_articles: int = 2  # a claim in one article only is not a claim *across* articles


def score_pairs(pairs: Sequence[tuple[str, str]], options: MatchOptions | None = None) -> list[float]:
    """Combined scores for pairs of statements given as text (what the benchmark calls)."""
    from narratrace.nlp import embed_sentences

    options = options or MatchOptions()
    texts = sorted({t for pair in pairs for t in pair})
    index = {t: i for i, t in enumerate(texts)}
    vectors = embed_sentences(texts)
    cosines = [float(vectors[index[a]] @ vectors[index[b]]) for a, b in pairs]
    if not options.entity_weight and not options.number_penalty:
        return cosines
    features = statement_features(texts)
    return [
        combined_score(c, features[index[a]], features[index[b]], options)
        for c, (a, b) in zip(cosines, pairs, strict=True)
    ]


def content_adjustment(
    statements: Sequence[Statement], candidates: Candidates, options: MatchOptions
) -> PairAdjustment | None:
    """``-options.content_margin`` for pairs with an attributed content (on either or both sides, as the options
    say), by embedded row; None when the margin is 0 or applies to no pair."""
    if not options.content_margin:
        return None
    content = _content_rows(statements, candidates)
    both = options.content_margin_sides == "both"
    if content.sum() < (2 if both else 1):
        return None  # no pair it applies to (a corpus without attributions): no extra work in the linkage
    margin = np.float32(options.content_margin)

    def adjust(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        hit = content[a] & content[b] if both else content[a] | content[b]
        return np.where(hit, -margin, np.float32(0.0)).astype(np.float32)

    return adjust


def _content_rows(statements: Sequence[Statement], candidates: Candidates) -> np.ndarray:
    """Per embedded row: whether its statement is an attributed content (not a bare sentence)."""
    return np.array([statements[i].source_type != "unattributed" for i in candidates.embedded.tolist()], dtype=bool)


def _summed(first: PairAdjustment | None, second: PairAdjustment | None) -> PairAdjustment | None:
    if first is None or second is None:
        return first or second
    return lambda a, b: first(a, b) + second(a, b)


def _tense_adjustment(
    texts: Sequence[str],
    matched_a: np.ndarray,
    matched_b: np.ndarray,
    options: MatchOptions,
    applies: np.ndarray | None,
) -> PairAdjustment | None:
    """``differences.tense_adjustment`` over the embedded rows ``texts``. Only statements matched to a prospective
    one are tagged (the tagger is dear); in the linkage, a pair whose sides were never matched so
    is not penalised."""
    if not options.tense_penalty or not len(matched_a):
        return None
    prospective = np.array([is_prospective(text) for text in texts], dtype=bool)
    if applies is not None:
        # Only pairs with an ``applies`` row are penalised: a matched pair without one needs no tagging.
        keep = applies[matched_a] | applies[matched_b]
        matched_a, matched_b = matched_a[keep], matched_b[keep]
    partnered = np.zeros(len(texts), dtype=bool)
    partnered[matched_a[prospective[matched_b]]] = partnered[matched_b[prospective[matched_a]]] = True
    to_tag = np.flatnonzero(partnered & ~prospective)
    if not len(to_tag):
        return None
    past_event = np.zeros(len(texts), dtype=bool)
    past_event[to_tag] = asserting_pooled([texts[r] for r in to_tag.tolist()], options.tense_other)
    return tense_adjustment(prospective, past_event, options.tense_penalty, applies)


def prepare(statements: Sequence[Statement], options: MatchOptions) -> Candidates:
    """Blocking and embeddings: the expensive part, done once (the benchmark re-clusters from it)."""
    texts = [s.content.text for s in statements]
    groups = [s.article_index for s in statements]
    return block_and_embed(texts, groups, options.block_similarity, options.block_top_k)


def claim_groups(
    statements: Sequence[Statement],
    candidates: Candidates,
    options: MatchOptions,
    days: Sequence[int | None] | None = None,
) -> list[list[int]]:
    """Groups of statement indices that state one claim (see the module doc). ``days``: each statement's article's
    publication day (``clean.dates.publication_day``), for ``options.numbers_apart_days``; None: all unknown."""
    if not len(candidates.first):
        return []
    candidates = centred(candidates, options.centre_weight, options.centre_prior)
    texts = [statements[i].content.text for i in candidates.embedded.tolist()]
    adjust = None
    if options.entity_weight or options.number_penalty:
        adjust = feature_adjustment(statement_features(texts), options)
    adjust = _summed(adjust, content_adjustment(statements, candidates, options))
    adjust = _summed(adjust, shared_words_adjustment(texts, options.shared_words_weight, options.shared_words_idf))
    adjust = _summed(adjust, number_adjustment(texts, options.disjoint_numbers_penalty))
    content = _content_rows(statements, candidates)
    if days is not None:
        row_days = [days[i] for i in candidates.embedded.tolist()]
        adjust = _summed(adjust, dated_numbers_adjustment(texts, row_days, options.numbers_apart_days))
        gap_applies = content if options.time_gap_sides == "content" else None
        gap = time_gap_adjustment(row_days, options.time_gap_days, options.time_gap_penalty, gap_applies)
        adjust = _summed(adjust, gap)
    scores = pair_scores(candidates, adjust)
    matched = scores >= options.threshold
    rows_a, rows_b = candidates.rows(candidates.first), candidates.rows(candidates.second)
    applies = content if options.tense_sides == "content" else None
    tense = _tense_adjustment(texts, rows_a[matched], rows_b[matched], options, applies)
    if tense is not None:
        matched &= scores + tense(rows_a, rows_b) >= options.threshold
        adjust = _summed(adjust, tense)
    # A bare sentence must assert something; an attributed content is checked by ``content_check``. Only the
    # statements in a matched pair are tagged: the tagger costs more than everything after blocking.
    to_check = np.unique(np.concatenate([rows_a[matched], rows_b[matched]]))
    fails = np.zeros(len(candidates.embedded), dtype=bool)
    contents = to_check[content[to_check]]
    if options.content_check_max_words is not None:
        limit = options.content_check_max_words
        contents = contents[[len(texts[r].split()) <= limit for r in contents.tolist()]]
    for rows, check in (
        (to_check[~content[to_check]], "subject-verb"),
        (contents, options.content_check),
    ):
        if len(rows) and check != "off":
            fails[rows] = ~np.array(asserting_pooled([texts[r] for r in rows.tolist()], check), dtype=bool)
    matched &= ~fails[rows_a] & ~fails[rows_b]
    return cluster_statements(candidates, matched, options.cluster_threshold, options.linkage, adjust)


def _mention(statement: Statement, article: CleanArticle) -> ClaimMention:
    return ClaimMention(
        article=article.id,
        outlet=article.article.outlet,
        published=article.article.published,
        content=statement.content,
        source=statement.source,
        source_type=statement.source_type,
        source_refers_to=statement.source_refers_to,
        source_via=statement.source_via,
        cue=statement.cue,
    )


def _claim_id(first: ClaimMention) -> str:
    key = f"{first.article}\x00{first.content.start}\x00{first.content.end}"
    return "claim-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _build_claim(
    members: Sequence[int],
    statements: Sequence[Statement],
    articles: Sequence[CleanArticle],
    pairs: MergingPairs,
    directions: Mapping[tuple[str, str], Direction] | None,
    candidates: Candidates,
    wires: Mapping[str, frozenset[str]],
    sources_of: Mapping[str, Sequence[NamedSource]],
    days: Sequence[int | None],
    copies_of: Mapping[str, frozenset[str]],
) -> Claim:
    """One claim from its statements, its mentions in order of appearance (``first_seen``; ``days`` per article)."""
    ordered, first_seen, ties = in_appearance_order(members, statements, articles, days, copies_of)
    headline = ordered[most_central(candidates, ordered)]
    mentions = tuple(_mention(statements[i], articles[statements[i].article_index]) for i in ordered)
    origins = count_origins(mentions, pairs, directions, wires, sources_of)
    return Claim(
        id=_claim_id(mentions[0]),
        text=headline_text(statements[headline].content.text),
        mentions=mentions,
        first_seen=first_seen,
        independent_origins=len(origins.groups),
        origins=origins.groups,
        why=origins.why,
        independent_origins_at_least=origins.at_least,
        first_seen_ties=ties,
    )


def find_claims(
    articles: Sequence[CleanArticle],
    attributions: Sequence[Sequence[Attribution]] | None = None,
    pairs: Sequence[ReusePair] = (),
    directions: Mapping[tuple[str, str], Direction] | None = None,
    threshold: float | None = None,
    options: MatchOptions | None = None,
    wires: Mapping[str, frozenset[str]] | None = None,
) -> list[Claim]:
    """Claims stated in at least ``options.min_articles`` articles, most-repeated first.

    ``attributions[k]`` are article ``k``'s attributions (from the attribution extractor; None or short
    lists mean "none"): their contents are statements with their source, and sentences they do not cover
    are bare assertions. ``pairs`` and ``directions`` (reuse and provenance results) let corroboration
    discount copies; ``wires`` (article id -> wires whose copy it carries, ``corroboration.carried_wires``) makes
    carriers of one wire one origin, and is read from the articles' credits when None. Offsets in the claims are
    into each ``Article.text``.
    """
    options = options or MatchOptions()
    if threshold is not None:
        options = replace(options, threshold=threshold)
    attributions = attributions or ()
    statements: list[Statement] = []
    for index, article in enumerate(articles):
        own = attributions[index] if index < len(attributions) else ()
        statements.extend(article_statements(index, article, own, options.max_statements_per_article))
    claims = []
    copies = MergingPairs(pairs, {article.id: article.article.text for article in articles})
    if wires is None:
        wires = carried_wires(article_facts(article) for article in articles)
    # Every source each article names, for the claims it states with no source (``named_elsewhere_links``).
    sources_of = {article.id: article_sources(found) for article, found in zip(articles, attributions, strict=False)}
    candidates = prepare(statements, options)
    article_days = [publication_day(article) for article in articles]
    copied = copies_by_source(pairs, directions)  # who copied whom, for the order of each claim's mentions
    days = [article_days[s.article_index] for s in statements]
    for members in claim_groups(statements, candidates, options, days):
        if len({statements[i].article_index for i in members}) < options.min_articles:
            continue
        claims.append(
            _build_claim(
                members, statements, articles, copies, directions, candidates, wires, sources_of, article_days, copied
            )
        )
    claims.sort(key=lambda c: (-len({m.article for m in c.mentions}), c.id))
    return claims
