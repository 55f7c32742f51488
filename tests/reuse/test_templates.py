"""House templates: two editions of a recurring column share wording around different figures (``reuse.templates``)."""

from __future__ import annotations

import random

from narratrace.reuse import find_reuse
from tests.reuse.synthetic import clean, sentence, vocabulary


def _edition(rng: random.Random, vocab: list[str], template: list[str], figures: list[str]) -> str:
    # Each template sentence, this edition's figure, then a longer sentence of its own (the template is a small share).
    lines = [f"{piece} {figure} {sentence(rng, vocab, 24)}." for piece, figure in zip(template, figures, strict=True)]
    return "\n".join(lines)


def test_two_editions_of_a_template_are_not_reuse_but_a_copy_with_figures_is():
    rng = random.Random(5)
    vocab = vocabulary(rng)
    template = [sentence(rng, vocab, 14) for _ in range(6)]  # 84 template words in 6 pieces of 14
    first = _edition(rng, vocab, template, [f"{n}.{n % 10}%" for n in range(11, 17)])
    second = _edition(rng, vocab, template, [f"{n}.{n % 10}%" for n in range(31, 37)])
    result = find_reuse([clean("a", first), clean("b", second)])
    assert result.pairs == []
    # The same edition republished (same figures) stays a copy: its passages run on over the figures.
    assert [p.kind for p in find_reuse([clean("a", first), clean("b", "Reposted.\n" + first)]).pairs] == ["copy"]
