"""Propaganda-technique detection (SemEval-2020 Task 11 taxonomy, 14 techniques).

>>> from narratrace.techniques import detect_techniques, technique_profile, TECHNIQUES
>>> spans = detect_techniques([text])[0]          # [TechniqueSpan(start, end, technique, confidence)]
>>> technique_profile(text, spans)                # {"Loaded_Language": 3.2, ...} per 1,000 words

Offsets are code points into the text as given (read files as raw UTF-8, BOM kept, to match PTC).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from narratrace.techniques.profile import technique_profile
from narratrace.techniques.span import TechniqueSpan
from narratrace.techniques.taxonomy import TECHNIQUE_NAMES, TECHNIQUES, Technique

if TYPE_CHECKING:
    from narratrace.techniques.tagger import TechniqueTagger

DEFAULT_MODEL_DIR = Path(__file__).resolve().parent / "model"

__all__ = [
    "DEFAULT_MODEL_DIR",
    "TECHNIQUES",
    "TECHNIQUE_NAMES",
    "Technique",
    "TechniqueSpan",
    "TechniqueTagger",
    "detect_techniques",
    "load_default_tagger",
    "technique_profile",
]


def __getattr__(name: str) -> object:
    # The tagger pulls in torch; importing it lazily keeps `import narratrace.techniques` light.
    if name == "TechniqueTagger":
        from narratrace.techniques.tagger import TechniqueTagger

        return TechniqueTagger
    raise AttributeError(name)


@lru_cache(maxsize=1)
def load_default_tagger() -> TechniqueTagger:
    """The tagger shipped in the package (trained on the project's 80% PTC split), loaded offline."""
    from narratrace.techniques.tagger import TechniqueTagger

    if not (DEFAULT_MODEL_DIR / "config.json").exists():
        raise FileNotFoundError(
            f"no shipped technique model in {DEFAULT_MODEL_DIR}: run `narratrace train techniques --data DIR`"
        )
    return TechniqueTagger.load(DEFAULT_MODEL_DIR)


def detect_techniques(texts: Sequence[str]) -> list[list[TechniqueSpan]]:
    """Propaganda fragments of each text with the default tagger (batched: pass many texts at once)."""
    if isinstance(texts, str):
        raise TypeError("detect_techniques takes a sequence of texts, not one str")
    if not texts:
        return []
    return load_default_tagger().predict(texts)
