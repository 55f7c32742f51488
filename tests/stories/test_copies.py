"""Copies (the same title and text under another id) are read once and take the first copy's features."""

from __future__ import annotations

import numpy as np

from narratrace.clean import clean_article
from narratrace.ingest.article import Article
from narratrace.parallel import distinct_texts
from narratrace.stories.features import extract_features

TEXTS = [
    ("White Helmets leave Syria", "Israel and Jordan helped hundreds of White Helmets rescue workers leave Syria."),
    ("Senate passes the bill", "The U.S. Senate passed the bill on Tuesday, Senator Mitch McConnell said."),
    (None, "Word"),
]


def test_distinct_texts_keep_first_appearance_order() -> None:
    assert distinct_texts(["b", "a", "b", "", "a", ""]) == (["b", "a", ""], [0, 1, 0, 2, 1, 2])
    assert distinct_texts([]) == ([], [])


def test_copies_take_the_first_copy_features() -> None:
    originals = [clean_article(Article(f"a{n}", text, title)) for n, (title, text) in enumerate(TEXTS)]
    copies = [clean_article(Article(f"{c.id}#copy", c.article.text, c.article.title)) for c in originals]
    alone = extract_features(originals)
    with_copies = extract_features([*originals, *reversed(copies)])
    assert [f.id for f in with_copies] == ["a0", "a1", "a2", "a2#copy", "a1#copy", "a0#copy"]
    by_id = {f.id: f for f in with_copies}
    for first in alone:
        for found in (by_id[first.id], by_id[f"{first.id}#copy"]):
            # The distinct texts are those of the originals alone: the same batches, so the same numbers.
            assert np.array_equal(found.embedding, first.embedding)
            assert found.terms == first.terms and found.entities == first.entities
    assert "white helmets" in by_id["a0#copy"].entities
