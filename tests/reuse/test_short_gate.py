"""The candidate gate for short texts (``ReuseOptions.short_text_words``): a close rewrite of a short excerpt."""

from __future__ import annotations

import random

from narratrace.reuse import find_reuse
from narratrace.reuse.options import ReuseOptions
from narratrace.reuse.significance import copy_share_floor
from tests.reuse.synthetic import clean, sentence, vocabulary


def _rewritten_excerpts() -> tuple[str, str]:
    """Two ~60-word excerpts sharing three 8-word runs, each followed by words the rewrite changed."""
    rng = random.Random(5)
    vocab = vocabulary(rng)
    runs = [" ".join(rng.sample(vocab, 8)) for _ in range(3)]
    edits_a = [" ".join(rng.sample(vocab, 5)) for _ in range(3)]
    edits_b = [" ".join(rng.sample(vocab, 5)) for _ in range(3)]
    body_a = " ".join(f"{run} {edit}" for run, edit in zip(runs, edits_a, strict=True))
    body_b = " ".join(f"{run} {edit}" for run, edit in zip(runs, edits_b, strict=True))
    return f"{body_a}. {sentence(rng, vocab, 20)}", f"{body_b}. {sentence(rng, vocab, 20)}"


def test_the_share_floor_is_half_the_shorter_text_unless_it_is_short():
    options = ReuseOptions(short_text_words=150)
    assert copy_share_floor(70, 900, options) == 0.0
    assert copy_share_floor(200, 900, options) == 100.0
    assert copy_share_floor(70, 900, ReuseOptions()) == 35.0


def test_a_short_close_rewrite_is_a_copy_only_with_the_short_gate_open():
    text_a, text_b = _rewritten_excerpts()
    articles = [clean("a", text_a), clean("b", text_b)]
    assert find_reuse(articles).pairs == []  # 24 rare shared words < half of 59: never aligned
    opened = find_reuse(articles, ReuseOptions(short_text_words=150)).pairs
    assert [(p.a, p.b, p.kind) for p in opened] == [("a", "b", "copy")]
    assert max(opened[0].containment_a, opened[0].containment_b) >= 0.5
