"""Synthetic story features: topics are directions in embedding space, so tests need no model."""

from __future__ import annotations

from datetime import date

import numpy as np

from narratrace.stories.features import ArticleFeatures


def topic_vector(topic: int, noise: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    base = np.random.default_rng(1000 + topic).normal(size=384)
    vector = base / np.linalg.norm(base) + noise * rng.normal(size=384) / np.sqrt(384)
    return vector / np.linalg.norm(vector)


def feature(article_id: str, topic: int, day: str | None, seed: int, noise: float = 0.3) -> ArticleFeatures:
    terms = {topic * 100 + k: 1.0 for k in range(5)} | {10_000 + seed: 1.0}
    return ArticleFeatures(
        id=article_id,
        title=f"topic {topic}",
        outlet=f"outlet{seed % 3}",
        day=date.fromisoformat(day).toordinal() if day else None,
        embedding=topic_vector(topic, noise, seed),
        terms=terms,
        entities=(f"entity{topic}", f"place{topic}"),
        entity_names=(f"Entity{topic}", f"Place{topic}"),
    )


def corpus() -> list[ArticleFeatures]:
    """Three topics; topic 0 recurs a year later (another story of the same theme)."""
    return [
        feature("a1", 0, "2020-01-01", 1),
        feature("a2", 1, "2020-01-01", 2),
        feature("a3", 0, "2020-01-02", 3),
        feature("a4", 2, "2020-01-03", 4),
        feature("a5", 1, "2020-01-03", 5),
        feature("a6", 0, "2021-01-05", 6),
        feature("a7", 0, None, 7),
    ]
