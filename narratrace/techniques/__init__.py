"""Propaganda-technique detection (SemEval-2020 Task 11 taxonomy, 14 techniques).

>>> from narratrace.techniques import detect_techniques, technique_profile, TECHNIQUES
>>> spans = detect_techniques([text])[0]          # [TechniqueSpan(start, end, technique, confidence)]
>>> technique_profile(text, spans)                # {"Loaded_Language": 3.2, ...} per 1,000 words

Offsets are code points into the text as given (read files as raw UTF-8, BOM kept, to match PTC).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from narratrace.analysis import ENGINES
from narratrace.nlp import one_load_at_a_time
from narratrace.techniques.profile import technique_profile
from narratrace.techniques.span import TechniqueSpan
from narratrace.techniques.taxonomy import TECHNIQUE_NAMES, TECHNIQUES, Technique

if TYPE_CHECKING:
    from narratrace.techniques.tagger import TechniqueTagger

DEFAULT_MODEL_DIR = Path(__file__).resolve().parent / "model"
FAST_MODEL_DIR = Path(__file__).resolve().parent / "model-fast"
# Shipped models by name. "default" (MPNet encoder) is the accurate one; "fast" (one MiniLM layer, distilled
# from "default" over unlabelled news) keeps up with well over 20 articles/s on two cores at some cost in accuracy
# (docs/benchmarks.md has both side by side).
SHIPPED_MODELS = {"default": DEFAULT_MODEL_DIR, "fast": FAST_MODEL_DIR}

__all__ = [
    "DEFAULT_MODEL_DIR",
    "FAST_MODEL_DIR",
    "SHIPPED_MODELS",
    "TECHNIQUES",
    "TECHNIQUE_NAMES",
    "Technique",
    "TechniqueSpan",
    "TechniqueTagger",
    "detect_techniques",
    "load_tagger",
    "model_dir",
    "technique_profile",
]


def __getattr__(name: str) -> object:
    # The tagger pulls in torch; importing it lazily keeps `import narratrace.techniques` light.
    if name == "TechniqueTagger":
        from narratrace.techniques.tagger import TechniqueTagger

        return TechniqueTagger
    raise AttributeError(name)


def model_dir(model: str | Path = "default") -> Path:
    """Folder of a shipped model by name ("default", "fast"), or ``model`` itself as a folder."""
    if isinstance(model, str) and model in SHIPPED_MODELS:
        return SHIPPED_MODELS[model]
    folder = Path(model)
    if not folder.is_dir():
        raise FileNotFoundError(f"{model} is neither a shipped model ({', '.join(SHIPPED_MODELS)}) nor a folder")
    return folder


def load_tagger(model: str | Path = "default", precision: str = "auto") -> TechniqueTagger:
    """A shipped tagger by name ("default", "fast"; trained on the project's 80% PTC split) or one saved
    in a folder, loaded offline, once per process.

    ``precision`` is the encoder's: ``"auto"`` (bfloat16 where the hardware runs it natively, about
    twice as fast), ``"fp32"`` or ``"bf16"``."""
    from narratrace.techniques.encoder import resolve_precision

    resolve_precision(precision)  # a bad value fails before the model loads
    return _cached_tagger(model, precision)  # one cache key however the arguments were passed


@lru_cache(maxsize=4)  # both shipped models, in both precisions (benchmarks compare them)
@one_load_at_a_time
def _cached_tagger(model: str | Path, precision: str) -> TechniqueTagger:
    from narratrace.techniques.tagger import TechniqueTagger

    folder = model_dir(model)
    if not (folder / "config.json").exists():
        raise FileNotFoundError(f"no technique model in {folder}: run `narratrace train techniques --data DIR`")
    tagger = TechniqueTagger.load(folder)
    tagger.precision = precision
    return tagger


def detect_techniques(
    texts: Sequence[str],
    model: str | Path = "default",
    engine: str = "local",
    precision: str = "auto",
    threshold: float | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[list[TechniqueSpan]]:
    """Propaganda fragments of each text (batched: pass many texts at once) with a shipped tagger by
    name ("default" is accurate, "fast" ~20x quicker) or one saved in a folder.

    ``engine`` is ``local`` (this process) or ``spark`` (batches tagged by Spark tasks, same results);
    ``precision`` is the encoder's (see ``load_tagger``); ``threshold`` overrides the model's tuned token
    threshold; ``progress(done, total)`` is called as batches finish (local engine)."""
    if isinstance(texts, str):
        raise TypeError("detect_techniques takes a sequence of texts, not one str")
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if not texts:
        return []
    if engine == "spark":
        from narratrace.techniques.spark_engine import detect_techniques_spark

        model_dir(model)  # an unknown model fails here, not inside a Spark task
        return detect_techniques_spark(texts, model, threshold=threshold, precision=precision)
    return load_tagger(model, precision).predict(texts, threshold=threshold, progress=progress)
