"""The stage's output record, kept in its own module so every other module can import it cheaply."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TechniqueSpan:
    """A fragment ``text[start:end]`` using ``technique`` (code-point offsets into the original text)."""

    start: int
    end: int
    technique: str
    confidence: float
