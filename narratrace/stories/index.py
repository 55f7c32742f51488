"""An incremental index of stories and narratives: new articles join the best existing story or start one.

Each article is compared with the stories nearest to it by mean lead embedding (at most ``candidates``, and
only those whose mean date is within ``time_window_days`` when both have dates). A candidate's score is a
weighted sum of the article's *mean* similarity to the story's members (average linkage, so a broad story
cannot drift and swallow its neighbours): cosine of lead embeddings, cosine of TF-IDF term vectors (hashed, with
document frequencies counted as articles arrive) and, optionally, named-entity overlap. Without dates on
either side there is no time evidence, so the article must also be close in content (``undated_similarity``).
A copy found by reuse detection joins its original's story whatever the dates say. The best candidate at or
above ``story_threshold`` takes the article; otherwise it starts a story, and that story joins the narrative
whose centroid and key entities it matches at or above ``narrative_threshold`` (no time limit), or starts one.

A batch is taken in date order (undated articles last, then input order), so the same input gives the same
stories and ids (derived from each story's first article), and an article never moves once placed: ids persist
across runs. The defaults were tuned on half of the AllSides stories (lead excerpts) together with two of the
three windows of hand-labelled PolNeAR full articles (docs/results/stories.md).
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Protocol

import numpy as np

from narratrace.clean.types import CleanArticle
from narratrace.nlp import EMBEDDING_WIDTH
from narratrace.parallel import MapPool
from narratrace.stories.features import ArticleFeatures, FeatureOptions, extract_features
from narratrace.stories.groups import Group, GroupTable, decode_array, encode_array
from narratrace.stories.types import StoryAssignment

STATE_VERSION = 1


class ReuseLink(Protocol):
    """A pair from reuse detection (``narratrace.reuse.ReusePair`` fits): ``kind == "copy"`` links one story."""

    @property
    def a(self) -> str: ...
    @property
    def b(self) -> str: ...
    @property
    def kind(self) -> str: ...


@dataclass(frozen=True)
class IndexedArticle:
    """What the index remembers of an article it placed."""

    id: str
    title: str | None
    outlet: str | None
    day: int | None
    story: int
    score: float


def _stable_id(prefix: str, seed: str) -> str:
    return f"{prefix}-{hashlib.sha1(seed.encode('utf-8')).hexdigest()[:16]}"


class StoryIndex:
    """Stories and narratives built one batch at a time (parameters here; learned state ends with ``_``)."""

    def __init__(
        self,
        story_threshold: float = 0.23,
        narrative_threshold: float = 0.55,
        narrative_entity_weight: float = 0.0,
        time_window_days: int = 2,
        undated_similarity: float = 0.70,
        embedding_weight: float = 0.3,
        term_weight: float = 0.7,
        entity_weight: float = 0.0,
        copy_bonus: float = 1.0,
        candidates: int = 20,
        lead_chars: int = 1000,
        body_chars: int = 0,
        term_chars: int = 20_000,
    ) -> None:
        self.story_threshold = story_threshold
        self.narrative_threshold = narrative_threshold
        self.narrative_entity_weight = narrative_entity_weight
        self.time_window_days = time_window_days
        self.undated_similarity = undated_similarity
        self.embedding_weight = embedding_weight
        self.term_weight = term_weight
        self.entity_weight = entity_weight
        self.copy_bonus = copy_bonus
        self.candidates = candidates
        self.lead_chars = lead_chars
        self.body_chars = body_chars
        self.term_chars = term_chars
        self.documents_ = 0
        self.document_frequency_: dict[int, int] = {}
        self.articles_: list[IndexedArticle] = []
        self.stories_: list[Group] = []
        self.narratives_: list[Group] = []
        self._embeddings: list[np.ndarray] = []
        # Normalised entity -> how often each way of writing it was an article's first (summaries show the usual).
        self.entity_names_: dict[str, Counter[str]] = {}
        self._position: dict[str, int] = {}
        self._story_table = GroupTable(EMBEDDING_WIDTH, average_linkage=True)
        self._narrative_table = GroupTable(EMBEDDING_WIDTH, average_linkage=False)

    def embeddings_row(self, position: int) -> np.ndarray:
        """The lead embedding of the article placed ``position``-th."""
        return self._embeddings[position]

    @property
    def embeddings_(self) -> np.ndarray:
        """Lead embeddings of the placed articles, in placing order."""
        return np.stack(self._embeddings) if self._embeddings else np.zeros((0, EMBEDDING_WIDTH))

    # -- parameters ---------------------------------------------------------------------
    def get_params(self) -> dict[str, Any]:
        names = (
            "story_threshold",
            "narrative_threshold",
            "narrative_entity_weight",
            "time_window_days",
            "undated_similarity",
            "embedding_weight",
            "term_weight",
            "entity_weight",
            "copy_bonus",
            "candidates",
            "lead_chars",
            "body_chars",
            "term_chars",
        )
        return {name: getattr(self, name) for name in names}

    @property
    def feature_options(self) -> FeatureOptions:
        return FeatureOptions(lead_chars=self.lead_chars, body_chars=self.body_chars, term_chars=self.term_chars)

    # -- adding -------------------------------------------------------------------------
    def add(
        self,
        articles: Sequence[CleanArticle],
        pairs: Iterable[ReuseLink] = (),
        progress: Callable[[int, int], None] | None = None,
        pool: MapPool | None = None,
    ) -> list[StoryAssignment]:
        """Place each article (input order in the result); articles already placed keep their place.

        ``progress(done, total)`` follows the new articles' features, most of the time taken; ``pool`` is where
        they are computed (``extract_features``)."""
        fresh = [a for a in dict((a.id, a) for a in articles).values() if a.id not in self._position]
        features = extract_features(fresh, self.feature_options, progress, pool)
        return self.add_features(features, pairs, [a.id for a in articles])

    def add_features(
        self, features: Sequence[ArticleFeatures], pairs: Iterable[ReuseLink] = (), order: Sequence[str] | None = None
    ) -> list[StoryAssignment]:
        """Place articles from precomputed features; returns assignments for ``order`` (default: the features')."""
        fresh = [f for f in dict((f.id, f) for f in features).values() if f.id not in self._position]
        for f in fresh:
            for term in f.terms:
                self.document_frequency_[term] = self.document_frequency_.get(term, 0) + 1
        self.documents_ += len(fresh)
        copies: dict[str, list[str]] = {}
        for pair in pairs:
            if pair.kind == "copy":
                copies.setdefault(pair.a, []).append(pair.b)
                copies.setdefault(pair.b, []).append(pair.a)
        new_stories: set[str] = set()
        by_date = sorted(range(len(fresh)), key=_arrival_order(fresh))
        for n in by_date:
            if self._place(fresh[n], copies.get(fresh[n].id, [])):
                new_stories.add(fresh[n].id)
        ids = order if order is not None else [f.id for f in features]
        return [self._assignment(i, i in new_stories) for i in ids]

    def _assignment(self, article_id: str, new_story: bool) -> StoryAssignment:
        placed = self.articles_[self._position[article_id]]
        story = self.stories_[placed.story]
        narrative = self.narratives_[story.parent]
        return StoryAssignment(article_id, story.id, narrative.id, placed.score, new_story)

    def assignment(self, article_id: str) -> StoryAssignment | None:
        """Where an article already placed sits, or None."""
        if article_id not in self._position:
            return None
        first = self.articles_[self.stories_[self.articles_[self._position[article_id]].story].members[0]]
        return self._assignment(article_id, first.id == article_id)

    def _unit_terms(self, terms: dict[int, float]) -> dict[int, float]:
        """TF-IDF with the document frequencies seen so far (smooth idf, as scikit-learn's), unit length."""
        weighted = {
            i: tf * (math.log((1 + self.documents_) / (1 + self.document_frequency_.get(i, 0))) + 1.0)
            for i, tf in terms.items()
        }
        norm = math.sqrt(sum(w * w for w in weighted.values()))
        return {i: w / norm for i, w in weighted.items()} if norm else {}

    def _story_score(
        self, story: Group, embedding: np.ndarray, terms: dict[int, float], entities: frozenset[str]
    ) -> float:
        """Weighted mean similarity to the story's members (average linkage, so a loose story cannot drift)."""
        return (
            self.embedding_weight * float(story.mean_embedding() @ embedding)
            + self.term_weight * story.term_mean(terms)
            + self.entity_weight * story.entity_overlap(entities)
        )

    def _narrative_score(self, narrative: Group, embedding: np.ndarray, entities: frozenset[str]) -> float:
        """Cosine with the narrative's centroid, and its key entities: a theme, not an event, so no terms."""
        return (1 - self.narrative_entity_weight) * float(
            narrative.unit_centroid() @ embedding
        ) + self.narrative_entity_weight * narrative.entity_overlap(entities)

    def _place(self, f: ArticleFeatures, copied_from: list[str]) -> bool:
        """Place one article; True when it starts a story."""
        embedding = f.embedding.astype(np.float64)
        terms = self._unit_terms(f.terms)
        entities = frozenset(f.entities)
        candidates = self._story_table.nearest(embedding, self.candidates, f.day, self.time_window_days)
        copied = {self.articles_[self._position[o]].story for o in copied_from if o in self._position}
        best, best_score = -1, -math.inf
        for row in sorted(set(candidates) | copied):
            story = self.stories_[row]
            undated = f.day is None or story.dated == 0
            # No dates, no time evidence: only close content makes the same event.
            if undated and row not in copied and float(story.mean_embedding() @ embedding) < self.undated_similarity:
                continue
            score = self._story_score(story, embedding, terms, entities)
            score += self.copy_bonus if row in copied else 0.0
            if score > best_score:
                best, best_score = row, score
        starts = best_score < self.story_threshold
        if starts:
            best, best_score = self._start_story(f, embedding, terms, entities), 1.0
        chosen = self.stories_[best]
        chosen.add(embedding, terms, f.entities, f.day)
        chosen.members.append(len(self.articles_))
        self.narratives_[chosen.parent].add(embedding, terms, f.entities, f.day)
        self._position[f.id] = len(self.articles_)
        self.articles_.append(IndexedArticle(f.id, f.title, f.outlet, f.day, best, min(best_score, 1.0)))
        self._embeddings.append(embedding)
        for name, written in zip(f.entities, f.entity_names, strict=False):
            self.entity_names_.setdefault(name, Counter())[written] += 1
        self._story_table.update(best, chosen)
        self._narrative_table.update(chosen.parent, self.narratives_[chosen.parent])
        return starts

    def _start_story(
        self, f: ArticleFeatures, embedding: np.ndarray, terms: dict[int, float], entities: frozenset[str]
    ) -> int:
        best, best_score = -1, -math.inf
        for narrative in self._narrative_table.nearest(embedding, self.candidates, None, None):
            score = self._narrative_score(self.narratives_[narrative], embedding, entities)
            if score > best_score:
                best, best_score = narrative, score
        if best_score < self.narrative_threshold:
            best = len(self.narratives_)
            self.narratives_.append(Group(_stable_id("narrative", f.id), np.zeros(EMBEDDING_WIDTH)))
        self.narratives_[best].members.append(len(self.stories_))
        self.stories_.append(Group(_stable_id("story", f.id), np.zeros(EMBEDDING_WIDTH), parent=best))
        return len(self.stories_) - 1

    # -- persistence ----------------------------------------------------------------------
    def to_state(self) -> dict[str, Any]:
        """Plain JSON: parameters, document frequencies, placed articles, stories and narratives."""
        return {
            "version": STATE_VERSION,
            "params": self.get_params(),
            "documents": self.documents_,
            "document_frequency": sorted([i, n] for i, n in self.document_frequency_.items()),
            "articles": [asdict(a) for a in self.articles_],
            "embeddings": encode_array(self.embeddings_, "<f4"),  # the model's float32 output: exact
            "stories": [s.to_state() for s in self.stories_],
            "narratives": [n.to_state() for n in self.narratives_],
            "entity_names": {name: dict(written) for name, written in self.entity_names_.items()},
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> StoryIndex:
        if state.get("version") != STATE_VERSION:
            raise ValueError(
                f"story index state version {state.get('version')!r}; this narratrace reads {STATE_VERSION}"
            )
        index = cls(**state["params"])
        index.documents_ = int(state["documents"])
        index.document_frequency_ = {int(i): int(n) for i, n in state["document_frequency"]}
        index.articles_ = [IndexedArticle(**a) for a in state["articles"]]
        index._embeddings = list(decode_array(state["embeddings"], EMBEDDING_WIDTH, "<f4"))
        index.stories_ = [Group.from_state(s) for s in state["stories"]]
        index.narratives_ = [Group.from_state(n) for n in state["narratives"]]
        # A state saved before names were kept shows its entities normalised until they are seen again.
        index.entity_names_ = {name: Counter(written) for name, written in state.get("entity_names", {}).items()}
        index._story_table = GroupTable.of(index.stories_, EMBEDDING_WIDTH, average_linkage=True)
        index._narrative_table = GroupTable.of(index.narratives_, EMBEDDING_WIDTH, average_linkage=False)
        index._position = {a.id: n for n, a in enumerate(index.articles_)}
        return index


def _arrival_order(fresh: Sequence[ArticleFeatures]) -> Callable[[int], tuple[bool, int, float, int]]:
    """Sort key placing articles by date and, within one day (or among the undated), most central first.

    Articles of one day arrive together, so their order is arbitrary (file names, ids); letting the article
    closest to the day's other articles start the stories makes grouping independent of that order. Its
    mean cosine to the day's articles is its dot product with their mean embedding: O(n), no n x n matrix.
    """
    by_day: dict[int | None, list[int]] = {}
    for n, feature in enumerate(fresh):
        by_day.setdefault(feature.day, []).append(n)
    centrality = np.zeros(len(fresh))
    for members in by_day.values():
        embeddings = np.stack([fresh[n].embedding for n in members])
        centrality[members] = embeddings @ embeddings.mean(axis=0)

    def key(n: int) -> tuple[bool, int, float, int]:
        return (fresh[n].day is None, fresh[n].day or 0, -round(float(centrality[n]), 6), n)

    return key
