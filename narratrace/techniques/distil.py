"""Distillation: a slow, accurate tagger (the teacher) labels unlabelled news for a fast one (the student).

PTC has ~240 training articles; that, more than the student's small encoder, limits a one-layer MiniLM
tagger (fine-tuning it on PTC alone gave nothing, docs/decisions.md). The teacher's per-token
probabilities and per-span technique distributions over a few thousand unlabelled articles give the
student many more (soft) examples of what the teacher learned from PTC.

Teacher and student may tokenise differently, so soft labels travel as characters: each student token
takes the teacher probabilities of the teacher token under its first character.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from narratrace.techniques.taxonomy import TECHNIQUE_NAMES


@dataclass(frozen=True)
class SoftLabels:
    """The teacher's view of one text.

    ``token_probs`` (n_tokens, 1 + n_techniques) are over the teacher's tokens at ``offsets`` (n_tokens, 2);
    ``span_probs`` (n_spans, n_techniques), columns in ``TECHNIQUE_NAMES`` order, name the fragments it
    found at ``spans``.
    """

    text: str
    offsets: np.ndarray
    token_probs: np.ndarray
    spans: tuple[tuple[int, int], ...]
    span_probs: np.ndarray


def student_token_targets(soft: SoftLabels, student_offsets: np.ndarray) -> np.ndarray:
    """Teacher probabilities moved onto the student's tokens, via the character each token starts at."""
    n_outputs = soft.token_probs.shape[1]
    targets = np.zeros((len(student_offsets), n_outputs), dtype=np.float32)
    if len(student_offsets) == 0 or len(soft.offsets) == 0:
        return targets
    # Teacher token under each character: the last teacher token starting at or before it, if it covers it.
    starts = student_offsets[:, 0]
    teacher_index = np.searchsorted(soft.offsets[:, 0], starts, side="right") - 1
    valid = (teacher_index >= 0) & (soft.offsets[np.clip(teacher_index, 0, None), 1] > starts)
    targets[valid] = soft.token_probs[teacher_index[valid]]
    return targets


def spread_soft_labels(
    vectors: np.ndarray, span_probs: np.ndarray, min_probability: float = 0.02
) -> tuple[np.ndarray, list[str], np.ndarray]:
    """Soft span labels as weighted hard rows for a multinomial classifier.

    Cross-entropy against a distribution p equals the sum over classes k of p_k times the hard-label loss
    for k, so each span becomes one row per class with weight p_k (classes below ``min_probability``
    dropped, the rest renormalised). Returns (rows, labels, weights).
    """
    rows, labels, weights = [], [], []
    for vector, probs in zip(vectors, span_probs, strict=True):
        kept = np.flatnonzero(probs >= min_probability)
        if len(kept) == 0:
            continue
        total = float(probs[kept].sum())
        for k in kept:
            rows.append(vector)
            labels.append(TECHNIQUE_NAMES[int(k)])
            weights.append(float(probs[k]) / total)
    if not rows:
        return np.zeros((0, vectors.shape[1] if vectors.ndim == 2 else 0)), [], np.zeros(0)
    return np.asarray(rows), labels, np.asarray(weights)


# A teacher labels whole texts (no segments); distillation wants breadth, not 100k-character outliers.
SOFT_TEXT_CHARS = 20_000
# Shorter texts (teasers, captions, scraper stubs) hold too few fragments to learn from.
MIN_SOFT_TEXT_CHARS = 401


def read_unlabelled(paths: Sequence[Path]) -> list[str]:
    """Texts to distil on: each ``.txt`` file under a folder (sorted), or the ``text`` field of each JSONL row.

    Texts shorter than ``MIN_SOFT_TEXT_CHARS`` are skipped and longer ones cut at ``SOFT_TEXT_CHARS``.
    """
    texts: list[str] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            raw = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(path.rglob("*.txt"))]
        elif path.suffix == ".jsonl":
            raw = []
            for line_number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{path}:{line_number}: not JSON ({exc.msg})") from None
                text = row.get("text") if isinstance(row, dict) else None
                if isinstance(text, str):
                    raw.append(text)
        elif path.is_file():
            raw = [path.read_text(encoding="utf-8", errors="replace")]
        else:
            raise FileNotFoundError(f"no such file or folder: {path}")
        texts.extend(text[:SOFT_TEXT_CHARS] for text in raw if len(text) >= MIN_SOFT_TEXT_CHARS)
    return texts
