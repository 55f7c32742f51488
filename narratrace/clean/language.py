"""Whether an article reads as English, for the stages whose models and rules read English only.

Claims (attribution, claim matching), framing and techniques apply English models and patterns; run on
Portuguese or Korean text they return noise (Italian verbs as an actor's labels, technique spans on every
phrase). Reuse and stories compare words and need no language. The test is cheap and deliberately coarse: the
share of words that are English function words, which are rare in other languages. On the real news here
(PolNeAR, AllSides, PTC, the seeds: 2,620 texts) the lowest share is 0.13; on the extraction set's pages in
Portuguese, German, Italian, Indonesian, Korean and Russian it is at most 0.015 (docs/decisions.md,
"Articles in other languages").
"""

from __future__ import annotations

import re

from narratrace.clean.types import ArticleWarning, CleanArticle

NOT_ENGLISH = "not_english"
# Function words of English that other European languages do not share as words ("a", "as", "in", "no", "do", "an"
# and "will" are Portuguese, Italian or German words too, so they are not here).
ENGLISH_WORDS = frozenset(
    """the and of to is was that for with on at by from this he she they it had has have were said you your are be
    been not or we our their would can which who what but there his her its if about than them into more out up
    just also when how all my me""".split()  # noqa: SIM905
)
MIN_ENGLISH_SHARE = 0.05  # below this share of English function words a text does not read as English
MIN_WORDS = 30  # shorter texts are not judged: a headline or a one-line post says too little
SAMPLE_CHARS = 4000
_WORD = re.compile(r"[^\W\d_]+")


def english_share(text: str, sample_chars: int = SAMPLE_CHARS) -> tuple[float, int]:
    """The share of English function words among the words of ``text``'s first ``sample_chars``, and the count."""
    words = _WORD.findall(text[:sample_chars].casefold())
    if not words:
        return 0.0, 0
    return sum(map(ENGLISH_WORDS.__contains__, words)) / len(words), len(words)


def language_warning(text: str) -> ArticleWarning | None:
    """A ``not_english`` warning when ``text`` has enough words to judge and few English function words."""
    share, words = english_share(text)
    if words < MIN_WORDS or share >= MIN_ENGLISH_SHARE:
        return None
    message = (
        f"does not read as English ({share:.1%} of {words} words are English function words): "
        "claims, framing and techniques leave it out"
    )
    return ArticleWarning(NOT_ENGLISH, message, {"english_share": round(share, 4), "words": words})


def reads_english(article: CleanArticle) -> bool:
    """Whether the English-only stages read ``article`` (no ``not_english`` warning from cleaning)."""
    return not any(warning.kind == NOT_ENGLISH for warning in article.warnings)
