"""Claims across articles: statements that assert the same thing, matched by meaning and by what they name.

The score of two statements is the cosine of their MiniLM sentence embeddings, plus a bonus for the
entities they share (spaCy NER) and minus a penalty when both give numbers and none agree ("12 killed" is
not "40 killed"). Statements matched at or above the threshold are joined into claims (connected
components); each claim lists every article and outlet repeating it, its first appearance, and its count
of independent origins (``corroboration``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import networkx as nx
import numpy as np
from sklearn.cluster import AgglomerativeClustering

from narratrace.claims.blocking import candidate_pairs
from narratrace.claims.corroboration import count_origins
from narratrace.claims.statements import Statement, article_statements, has_subject_and_verb
from narratrace.claims.types import Attribution, Claim, ClaimMention
from narratrace.clean.types import CleanArticle
from narratrace.provenance.types import Direction
from narratrace.reuse.types import ReusePair

# Tuned on the tune half of bench/data/claim_pairs (see bench/claims_matching.py, docs/results/claims.md).
DEFAULT_THRESHOLD = 0.55
_NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"})
_NUMBER_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_PIPE_BATCH = 256
_MAX_LINKAGE = 2000  # a component larger than this (a corpus of near-copies) is kept whole: O(n^2) memory


@dataclass(frozen=True)
class MatchOptions:
    """How statements are compared. ``threshold`` applies to the combined score."""

    threshold: float = DEFAULT_THRESHOLD
    entity_weight: float = 0.1  # times the Jaccard overlap of named entities
    number_penalty: float = 0.1  # when both statements give numbers and none is shared
    block_similarity: float = 0.15  # TF-IDF cosine a pair needs to be scored at all
    block_top_k: int = 10
    min_articles: int = 2  # a claim in one article only is not a claim *across* articles


@dataclass(frozen=True)
class StatementFeatures:
    """What scoring needs from one statement."""

    entities: frozenset[str]
    numbers: frozenset[str]
    asserts: bool  # has a subject and a finite verb


def statement_features(texts: Sequence[str]) -> list[StatementFeatures]:
    """Named entities, numbers and the subject-verb check for each text, from one batched spaCy pass
    (tagger and NER; the parser is not needed and costs the most)."""
    from narratrace.nlp import english

    nlp = english(exclude=("parser", "lemmatizer"))
    out = []
    for doc in nlp.pipe(texts, batch_size=_PIPE_BATCH):
        entities = frozenset(e.text.lower().removeprefix("the ") for e in doc.ents if e.label_ in _NAMED_LABELS)
        numbers = frozenset(
            m.group().replace(",", "") for e in doc.ents if e.label_ in _NUMBER_LABELS for m in _DIGITS.finditer(e.text)
        )
        out.append(StatementFeatures(entities, numbers, has_subject_and_verb(doc)))
    return out


def combined_score(cosine: float, a: StatementFeatures, b: StatementFeatures, options: MatchOptions) -> float:
    """Embedding cosine, plus shared entities, minus disagreeing numbers."""
    score = cosine
    union = a.entities | b.entities
    if union:
        score += options.entity_weight * len(a.entities & b.entities) / len(union)
    if a.numbers and b.numbers and not a.numbers & b.numbers:
        score -= options.number_penalty
    return score


def score_pairs(pairs: Sequence[tuple[str, str]], options: MatchOptions | None = None) -> list[float]:
    """Combined scores for pairs of statements given as text (what the benchmark calls)."""
    from narratrace.nlp import embed_sentences

    options = options or MatchOptions()
    texts = sorted({t for pair in pairs for t in pair})
    index = {t: i for i, t in enumerate(texts)}
    features = statement_features(texts)
    vectors = embed_sentences(texts)
    return [
        combined_score(float(vectors[index[a]] @ vectors[index[b]]), features[index[a]], features[index[b]], options)
        for a, b in pairs
    ]


def _clusters(statements: Sequence[Statement], options: MatchOptions) -> list[list[int]]:
    """Groups of statement indices that state one claim.

    Matched pairs are joined into connected components, then each component is split by average-linkage
    clustering over all its members' scores: chains (A like B, B like C, A unlike C) would otherwise merge
    neighbouring claims of one story into a blob.
    """
    from narratrace.nlp import embed_sentences

    texts = [s.content.text for s in statements]
    candidates = candidate_pairs(
        texts, [s.article_index for s in statements], options.block_similarity, options.block_top_k
    )
    if not candidates:
        return []
    needed = sorted({i for i, _, _ in candidates} | {j for _, j, _ in candidates})
    row = {statement: position for position, statement in enumerate(needed)}
    features = statement_features([texts[i] for i in needed])
    vectors = embed_sentences([texts[i] for i in needed])

    def score(i: int, j: int) -> float:
        cosine = float(vectors[row[i]] @ vectors[row[j]])
        return combined_score(cosine, features[row[i]], features[row[j]], options)

    def asserts(i: int) -> bool:
        # A bare sentence must assert something; an attributed content is a claim by construction.
        return features[row[i]].asserts or statements[i].source_type != "unattributed"

    graph = nx.Graph()
    graph.add_edges_from(
        (i, j) for i, j, _ in candidates if asserts(i) and asserts(j) and score(i, j) >= options.threshold
    )
    groups = []
    for component in nx.connected_components(graph):
        members = sorted(component)
        if len(members) <= 2 or len(members) > _MAX_LINKAGE:
            groups.append(members)
            continue
        distances = np.ones((len(members), len(members)), dtype=np.float64)
        np.fill_diagonal(distances, 0.0)
        for a, i in enumerate(members):
            for b in range(a + 1, len(members)):
                distances[a, b] = distances[b, a] = 1.0 - score(i, members[b])
        labels = AgglomerativeClustering(
            n_clusters=None, metric="precomputed", linkage="average", distance_threshold=1.0 - options.threshold
        ).fit_predict(distances)
        for label in sorted(set(labels.tolist())):
            groups.append([i for i, lab in zip(members, labels.tolist(), strict=True) if lab == label])
    return groups


def _mention(statement: Statement, article: CleanArticle) -> ClaimMention:
    return ClaimMention(
        article=article.id,
        outlet=article.article.outlet,
        published=article.article.published,
        content=statement.content,
        source=statement.source,
        source_type=statement.source_type,
    )


def _claim_id(first: ClaimMention) -> str:
    key = f"{first.article}\x00{first.content.start}\x00{first.content.end}"
    return "claim-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _build_claim(
    members: Sequence[int],
    statements: Sequence[Statement],
    articles: Sequence[CleanArticle],
    pairs: Sequence[ReusePair],
    directions: Mapping[tuple[str, str], Direction] | None,
) -> Claim:
    def order(index: int) -> tuple[bool, str, int, int]:
        # Dated mentions first, earliest date first; undated ones keep input order after them, so an undated
        # article is first only when nothing is dated.
        statement = statements[index]
        published = articles[statement.article_index].article.published
        return (published is None, published or "", statement.article_index, statement.content.start)

    ordered = sorted(members, key=order)
    mentions = tuple(_mention(statements[i], articles[statements[i].article_index]) for i in ordered)
    origins = count_origins(mentions, pairs, directions)
    return Claim(
        id=_claim_id(mentions[0]),
        text=mentions[0].content.text,
        mentions=mentions,
        first_seen=mentions[0].article,
        independent_origins=len(origins.groups),
        origins=origins.groups,
        why=origins.why,
    )


def find_claims(
    articles: Sequence[CleanArticle],
    attributions: Sequence[Sequence[Attribution]] | None = None,
    pairs: Sequence[ReusePair] = (),
    directions: Mapping[tuple[str, str], Direction] | None = None,
    threshold: float | None = None,
    options: MatchOptions | None = None,
) -> list[Claim]:
    """Claims stated in at least ``options.min_articles`` articles, most-repeated first.

    ``attributions[k]`` are article ``k``'s attributions (from the attribution extractor; None or short
    lists mean "none"): their contents are statements with their source, and sentences they do not cover
    are bare assertions. ``pairs`` and ``directions`` (reuse and provenance results) let corroboration
    discount copies. Offsets in the claims are into each ``Article.text``.
    """
    options = options or MatchOptions()
    if threshold is not None:
        options = MatchOptions(**{**options.__dict__, "threshold": threshold})
    attributions = attributions or ()
    statements: list[Statement] = []
    for index, article in enumerate(articles):
        own = attributions[index] if index < len(attributions) else ()
        statements.extend(article_statements(index, article, own))
    claims = []
    for members in _clusters(statements, options):
        if len({statements[i].article_index for i in members}) < options.min_articles:
            continue
        claims.append(_build_claim(members, statements, articles, pairs, directions))
    claims.sort(key=lambda c: (-len({m.article for m in c.mentions}), c.id))
    return claims
