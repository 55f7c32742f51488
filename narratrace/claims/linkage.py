"""From candidate pairs to claims: score the pairs as arrays, join the matches, and cut each group of joined
statements with complete (or average) linkage so that neighbouring claims of one story stay apart.

Two thresholds, on purpose. A pair at or above ``threshold`` joins two statements into one component (a
loose net); each component is then split by agglomerative clustering cut at ``cluster_threshold``, so with
complete linkage every two statements of a claim score at least that much. Connected components alone
chain "X staged attacks" → "X prepares an attack" → "X works with al-Nusra" into one blob.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from narratrace.claims.blocking import candidate_pairs
from narratrace.parallel import pool_for

LINKAGES = ("complete", "average", "single")
# A reported clause's "that" ("said that the plan is ready"): part of the attributed content, not of the claim.
_LEADING_THAT = re.compile(r"^that\s+(?=\S)")
_EMBED_BATCH = 128  # sorted by length inside embed_sentences, so big batches waste little padding
# From this many statements on they are embedded in the shared worker processes (identical embeddings).
MIN_POOLED_TEXTS = 512
# Agglomerative clustering holds a dense n x n matrix; a component larger than this (a corpus of near-copies)
# is split greedily instead: each statement joins the first claim whose first statement it matches.
MAX_LINKAGE_SIZE = 3000
_GREEDY_CHUNK = 512  # members scored at a time in a big component: 512 x n floats
# Candidate pairs scored at a time: 2 x 2,048 x 384 gathered floats (6 MB) stay in the CPU's cache; 65,536 at a
# time took 7x the CPU on the same pairs, and the sums are the same (each row's dot product is computed alone).
_SCORE_CHUNK = 2048
_STRAIGHT_QUOTES = str.maketrans("‘’“”", "''\"\"")
_EPSILON = 1e-6  # float32 cosines at exactly the cut stay in
MAX_HEADLINE_MATRIX = 2000  # members up to which ``most_central`` uses the square similarity matrix (16 MB)

# Extra score for a pair of statements, by embedded row (entity bonus, number penalty); None when unused.
PairAdjustment = Callable[[np.ndarray, np.ndarray], np.ndarray]


@dataclass(frozen=True)
class Candidates:
    """Blocked statement pairs and the embeddings of the statements in them, computed once per corpus."""

    first: np.ndarray  # statement index, per pair (first < second)
    second: np.ndarray
    embedded: np.ndarray  # statement indices that have an embedding, ascending
    vectors: np.ndarray  # unit-length embeddings, one row per ``embedded`` statement

    def rows(self, statements: np.ndarray) -> np.ndarray:
        """Embedding rows of the given statement indices (all of them must be embedded)."""
        return np.searchsorted(self.embedded, statements)


def _distinct(texts: Sequence[str], indices: np.ndarray) -> tuple[list[str], np.ndarray]:
    """The distinct texts at ``indices`` (curly quotes and spacing aside) and each index's position among them:
    copies repeat sentences word for word, and each distinct text is embedded once."""
    keys = [" ".join(texts[i].translate(_STRAIGHT_QUOTES).split()) for i in indices.tolist()]
    # Sorted as np.unique sorts (by code point), without its fixed-width unicode array: sorting that took
    # longer than the rest of the step.
    distinct = sorted(set(keys))
    number = {key: n for n, key in enumerate(distinct)}
    return distinct, np.fromiter((number[key] for key in keys), dtype=np.int64, count=len(keys))


def block_and_embed(texts: Sequence[str], groups: Sequence[int], min_similarity: float, top_k: int) -> Candidates:
    """Blocked pairs (``blocking.candidate_pairs``) and one MiniLM embedding per statement in any of them."""
    from narratrace.nlp import EMBEDDING_WIDTH, embed_sentences

    pairs = candidate_pairs(texts, groups, min_similarity, top_k)
    first = np.array([i for i, _, _ in pairs], dtype=np.int64)
    second = np.array([j for _, j, _ in pairs], dtype=np.int64)
    embedded = np.unique(np.concatenate([first, second]))
    if not len(embedded):
        return Candidates(first, second, embedded, np.zeros((0, EMBEDDING_WIDTH), dtype=np.float32))
    distinct, position = _distinct(texts, embedded)
    vectors = embed_sentences(distinct, batch_size=_EMBED_BATCH, pool=pool_for(len(distinct), MIN_POOLED_TEXTS))
    return Candidates(first, second, embedded, vectors[position])


def centred(candidates: Candidates, weight: float, prior: int) -> Candidates:
    """The candidates with ``weight`` x the mean of their embeddings taken from each one, renormalised.

    Every statement of one corpus shares its subject ("the White Helmets ..."), and the cosine reads the subject
    first: taking the corpus's common direction out leaves what each statement says of it. The mean is shrunk by
    n / (n + ``prior``) for n embedded statements, so a handful of statements (where the mean is mostly the
    statements themselves, and two would point apart) keeps nearly its plain cosines."""
    vectors = candidates.vectors
    if not weight or not len(vectors):
        return candidates
    shrink = len(vectors) / (len(vectors) + prior)
    moved = vectors - (weight * shrink) * vectors.mean(axis=0, keepdims=True)
    norms = np.linalg.norm(moved, axis=1, keepdims=True)
    moved = np.divide(moved, norms, out=np.zeros_like(moved), where=norms > 0)
    return replace(candidates, vectors=moved.astype(vectors.dtype))


def pair_scores(candidates: Candidates, adjust: PairAdjustment | None = None) -> np.ndarray:
    """The score of every candidate pair: embedding cosine (a row-wise dot product), plus ``adjust``."""
    a, b = candidates.rows(candidates.first), candidates.rows(candidates.second)
    # In chunks: gathering both sides' vectors at once holds 2 x pairs x 384 floats (~6 GB at 2M pairs).
    scores = np.empty(len(a), dtype=candidates.vectors.dtype)
    for start in range(0, len(a), _SCORE_CHUNK):
        stop = start + _SCORE_CHUNK
        scores[start:stop] = np.einsum("ij,ij->i", candidates.vectors[a[start:stop]], candidates.vectors[b[start:stop]])
    return scores + adjust(a, b) if adjust is not None else scores


def _similarities(rows: np.ndarray, vectors: np.ndarray, adjust: PairAdjustment | None) -> np.ndarray:
    block = vectors[rows]
    similarity = block @ block.T
    if adjust is not None:
        upper_a, upper_b = np.triu_indices(len(rows), k=1)
        extra = adjust(rows[upper_a], rows[upper_b])
        similarity[upper_a, upper_b] += extra
        similarity[upper_b, upper_a] += extra
    return similarity


def _leader_clustering(n: int, scores_against: Callable[[int, np.ndarray], np.ndarray], cut: float) -> np.ndarray:
    """Each member joins the first earlier leader it matches best at ``cut``, else leads a claim of its own;
    ``scores_against(member, leaders)`` gives the member's scores with the leaders so far."""
    labels = np.full(n, -1, dtype=np.int64)
    leaders: list[int] = []
    for member in range(n):
        if leaders:
            scores = scores_against(member, np.asarray(leaders))
            best = int(np.argmax(scores))
            if scores[best] >= cut - _EPSILON:
                labels[member] = best
                continue
        labels[member] = len(leaders)
        leaders.append(member)
    return labels


def _greedy_labels(similarity: np.ndarray, cut: float) -> np.ndarray:
    """Leader clustering over a square similarity matrix."""
    return _leader_clustering(len(similarity), lambda member, leaders: similarity[leaders, member], cut)


def _greedy_labels_in_chunks(
    rows: np.ndarray, vectors: np.ndarray, adjust: PairAdjustment | None, cut: float
) -> np.ndarray:
    """``_greedy_labels`` of ``_similarities(rows, ...)`` without the n x n matrix: a big component (thousands of
    near-copies) would need n^2 floats plus the pair lists of ``adjust``. Scores are computed for a chunk of
    members against the rows before them, and ``adjust`` only for (leader, member) pairs."""
    chunk: dict[str, np.ndarray] = {}

    def scores_against(member: int, leaders: np.ndarray) -> np.ndarray:
        start = member - member % _GREEDY_CHUNK
        if member == start or "dots" not in chunk:
            stop = min(start + _GREEDY_CHUNK, len(rows))
            chunk["dots"] = vectors[rows[start:stop]] @ vectors[rows[:stop]].T  # member x earlier-or-same row
        scores = chunk["dots"][member - start, leaders]
        if adjust is not None:  # leaders come first, as in _similarities' upper triangle
            scores = scores + adjust(rows[leaders], np.full(len(leaders), rows[member]))
        return scores

    return _leader_clustering(len(rows), scores_against, cut)


def split_component(similarity: np.ndarray, cut: float, method: str) -> np.ndarray:
    """Cluster labels for one component from its square similarity matrix, cut at ``cut`` (see module doc)."""
    n = len(similarity)
    if n <= 1:
        return np.zeros(n, dtype=np.int64)
    if n > MAX_LINKAGE_SIZE:
        return _greedy_labels(similarity, cut)
    distances = np.clip(1.0 - similarity[np.triu_indices(n, k=1)].astype(np.float64), 0.0, None)
    tree = linkage(distances, method=method)
    return np.asarray(fcluster(tree, t=1.0 - cut + _EPSILON, criterion="distance"))


def cluster_statements(
    candidates: Candidates,
    matched: np.ndarray,
    cluster_threshold: float,
    method: str = "complete",
    adjust: PairAdjustment | None = None,
) -> list[list[int]]:
    """Groups of statement indices that state one claim, from the candidate pairs ``matched`` (a boolean mask
    over the pairs) and a linkage cut at ``cluster_threshold`` within each connected component."""
    if method not in LINKAGES:
        raise ValueError(f"linkage must be one of {LINKAGES}, not {method!r}")
    first, second = candidates.rows(candidates.first[matched]), candidates.rows(candidates.second[matched])
    if not len(first):
        return []
    n = len(candidates.embedded)
    graph = coo_matrix((np.ones(len(first), dtype=np.int8), (first, second)), shape=(n, n))
    _, component_of = connected_components(graph, directed=False)
    in_edge = np.zeros(n, dtype=bool)
    in_edge[first] = in_edge[second] = True
    groups = []
    order = np.argsort(component_of, kind="stable")
    boundaries = np.flatnonzero(np.diff(component_of[order])) + 1
    for rows in np.split(order, boundaries):
        rows = rows[in_edge[rows]]  # statements with no match are components of one: no claim
        if len(rows) < 2:
            continue
        if method == "single":  # the connected component is the claim
            labels = np.zeros(len(rows), dtype=np.int64)
        elif len(rows) > MAX_LINKAGE_SIZE:  # split greedily, as split_component would, in bounded memory
            labels = _greedy_labels_in_chunks(rows, candidates.vectors, adjust, cluster_threshold)
        else:
            labels = split_component(_similarities(rows, candidates.vectors, adjust), cluster_threshold, method)
        for label in np.unique(labels):
            members = candidates.embedded[rows[labels == label]]
            if len(members) > 1:
                groups.append(sorted(members.tolist()))
    return groups


def most_central(candidates: Candidates, ordered: Sequence[int]) -> int:
    """Position in ``ordered`` of the statement whose least cosine to the other members is highest: the mention
    every other one matches best, so the headline is not an outlier that complete linkage barely let in (a
    claim's first mention can be one). Ties, as in every claim of two, go to the first mention. A claim too big
    for the square matrix (thousands of copies) takes the mention closest to its mean instead."""
    vectors = candidates.vectors[candidates.rows(np.asarray(ordered))]
    if len(ordered) > MAX_HEADLINE_MATRIX:
        closeness = vectors @ vectors.mean(axis=0)
    else:
        similarity = vectors @ vectors.T
        np.fill_diagonal(similarity, np.inf)
        closeness = similarity.min(axis=1)
    return int(np.flatnonzero(closeness >= closeness.max() - 1e-4)[0])  # float noise is no reason to skip the first


def headline_text(content: str) -> str:
    """A content as a claim's headline: "that the plan is ready" reads "the plan is ready". Only a lower-case
    "that" opening a reported clause goes; "That decision was ..." is the claim's own first word."""
    return _LEADING_THAT.sub("", content, count=1)
