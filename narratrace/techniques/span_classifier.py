"""Softmax (multinomial logistic) classifier over span vectors, stored as plain arrays.

Fitting uses scikit-learn; the fitted model is kept as mean/scale/coefficients so it loads from an
``.npz`` without pickles (a pickle in a shipped model would run code at load time).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np


class SoftmaxSpanClassifier:
    """Standardise, then multinomial logistic regression with L2 strength ``1/c``."""

    def __init__(self, c: float = 0.05, max_iter: int = 3000) -> None:
        self.c = c
        self.max_iter = max_iter

    def fit(
        self, vectors: np.ndarray, labels: Sequence[str], sample_weight: np.ndarray | None = None
    ) -> SoftmaxSpanClassifier:
        from sklearn.linear_model import LogisticRegression

        if len(vectors) == 0:
            raise ValueError("no labelled spans to learn technique classification from")
        # Standardised on rows with weight (soft labels spread one span over several rows).
        weights = np.ones(len(vectors)) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
        self.mean_ = np.average(vectors, axis=0, weights=weights)
        self.scale_ = np.sqrt(np.average((vectors - self.mean_) ** 2, axis=0, weights=weights))
        self.scale_[self.scale_ < 1e-6] = 1.0
        classes = sorted(set(labels))
        if len(classes) == 1:  # a degenerate corpus: always that class
            self.classes_ = classes
            self.coef_ = np.zeros((1, vectors.shape[1]))
            self.intercept_ = np.zeros(1)
            return self
        model = LogisticRegression(C=self.c, max_iter=self.max_iter)
        model.fit((vectors - self.mean_) / self.scale_, list(labels), sample_weight=weights)
        self.classes_ = [str(c) for c in model.classes_]
        self.coef_ = model.coef_
        self.intercept_ = model.intercept_
        if len(self.classes_) == 2:  # sklearn keeps one row for two classes: expand to softmax form
            self.coef_ = np.vstack([-self.coef_[0] / 2, self.coef_[0] / 2])
            self.intercept_ = np.array([-self.intercept_[0] / 2, self.intercept_[0] / 2])
        return self

    def predict_proba(self, vectors: np.ndarray) -> np.ndarray:
        """(n, n_classes) probabilities, columns in ``classes_`` order."""
        logits = ((vectors - self.mean_) / self.scale_) @ self.coef_.T + self.intercept_
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path,
            mean=self.mean_.astype(np.float32),
            scale=self.scale_.astype(np.float32),
            coef=self.coef_.astype(np.float32),
            intercept=self.intercept_.astype(np.float32),
            classes=np.array(self.classes_),
        )

    @classmethod
    def load(cls, path: Path) -> SoftmaxSpanClassifier:
        with np.load(path, allow_pickle=False) as data:
            classifier = cls()
            classifier.mean_ = data["mean"].astype(np.float64)
            classifier.scale_ = data["scale"].astype(np.float64)
            classifier.coef_ = data["coef"].astype(np.float64)
            classifier.intercept_ = data["intercept"].astype(np.float64)
            classifier.classes_ = [str(c) for c in data["classes"]]
        return classifier
