"""Story features with the lead NER in the shared worker processes equal the in-process ones: an article's
entities do not depend on which leads share its spaCy batch or its worker task."""

from __future__ import annotations

import numpy as np
import pytest

from narratrace.clean import clean_article
from narratrace.ingest import read_paths
from narratrace.ingest.article import Article
from narratrace.parallel import close_spawned_pools
from narratrace.stories import features as story_features
from narratrace.stories.features import extract_entities, extract_features
from tests.conftest import shared_path

LEADS = [
    "Syria evacuates White Helmets. Israel and Jordan helped the rescue workers leave the Golan Heights.",
    "",
    "Paris",
    "Los Cascos Blancos salieron de Siria con ayuda de Israel.",
    "The U.S. Senate passed the bill on Tuesday, Senator Mitch McConnell said.",
]


def test_entities_do_not_depend_on_the_batch() -> None:
    whole = extract_entities(LEADS)
    one_by_one = [names for lead in LEADS for names in extract_entities([lead])]
    assert whole == one_by_one
    assert ("white helmets", "White Helmets") in whole[0] or ("israel", "Israel") in whole[0]


@pytest.mark.slow  # starts two worker processes that load spaCy and MiniLM
def test_pooled_features_equal_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    articles = [clean_article(a) for a in read_paths([shared_path("seeds")]) if isinstance(a, Article)]
    articles += [clean_article(Article(f"odd{n}", text)) for n, text in enumerate(LEADS)]
    alone = extract_features(articles)
    monkeypatch.setattr(story_features, "MIN_POOLED_ENTITY_TEXTS", 1)
    monkeypatch.setattr(story_features, "ENTITY_CHUNK", 2)
    try:
        pooled = extract_features(articles)
    finally:
        close_spawned_pools()
    assert [f.entities for f in pooled] == [f.entities for f in alone]
    assert any(f.entities for f in alone)
    for a, b in zip(pooled, alone, strict=True):
        assert (a.id, a.terms, a.day) == (b.id, b.terms, b.day)
        # Embeddings stay in-process here (fewer than MIN_POOLED_TEXTS): equal bit for bit.
        assert np.array_equal(a.embedding, b.embedding)
