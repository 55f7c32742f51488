"""The stage's output record, kept in its own module so every other module can import it cheaply."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class TechniqueSpan:
    """A fragment ``text[start:end]`` using ``technique`` (code-point offsets into the original text).

    ``alternatives`` holds runner-up ``(technique, confidence)`` pairs that the model found at least half
    as likely as ``technique``: techniques overlap in practice (a label can be name calling and appeal to
    fear at once), and an analyst should see when the model's choice was close. Scoring ignores them.
    """

    start: int
    end: int
    technique: str
    confidence: float
    alternatives: tuple[tuple[str, float], ...] = ()

    def to_record(self) -> dict[str, Any]:
        """Plain-JSON form (JSONL output, analysis.json)."""
        return {
            "start": self.start,
            "end": self.end,
            "technique": self.technique,
            "confidence": self.confidence,
            "alternatives": [{"technique": t, "confidence": c} for t, c in self.alternatives],
        }
