"""Per-article technique profile: how often each technique occurs per 1,000 words."""

from __future__ import annotations

from collections.abc import Sequence

from narratrace.measures import count_words, per_1000_words
from narratrace.techniques.span import TechniqueSpan
from narratrace.techniques.taxonomy import TECHNIQUE_NAMES


def technique_profile(text: str, spans: Sequence[TechniqueSpan]) -> dict[str, float]:
    """Spans per 1,000 words for every technique (all 14 keys, zeros included, so profiles line up).

    Counting per 1,000 words lets long and short articles, and outlets, be compared.
    """
    n_words = count_words(text)
    profile = dict.fromkeys(TECHNIQUE_NAMES, 0.0)
    for span in spans:
        profile[span.technique] = profile.get(span.technique, 0.0) + 1.0
    return {name: per_1000_words(count, n_words) for name, count in profile.items()}
