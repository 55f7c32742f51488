"""Per-article technique profile: how often each technique occurs per 1,000 words."""

from __future__ import annotations

from collections.abc import Sequence

from narratrace.techniques.features import WORD_RE
from narratrace.techniques.span import TechniqueSpan
from narratrace.techniques.taxonomy import TECHNIQUE_NAMES


def technique_profile(text: str, spans: Sequence[TechniqueSpan]) -> dict[str, float]:
    """Spans per 1,000 words for every technique (all 14 keys, zeros included, so profiles line up).

    Counting per 1,000 words lets long and short articles, and outlets, be compared.
    """
    n_words = sum(1 for _ in WORD_RE.finditer(text))
    profile = dict.fromkeys(TECHNIQUE_NAMES, 0.0)
    if n_words == 0:
        return profile
    for span in spans:
        profile[span.technique] = profile.get(span.technique, 0.0) + 1.0
    return {name: round(count * 1000.0 / n_words, 3) for name, count in profile.items()}
