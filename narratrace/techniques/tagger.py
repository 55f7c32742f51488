"""``TechniqueTagger``: find propaganda fragments and name their techniques (saved and loaded by ``persistence``).

Pipeline per article: frozen encoder states (MPNet or MiniLM, a few layers) + engineered cues + learned word
priors per token -> dilated-convolution token tagger (inside-a-fragment + one output per technique;
``n_heads`` of them, seeded apart, averaged) -> runs of tokens above a low threshold holding one above a
high one (hysteresis), both tuned on an inner validation split -> a softmax span classifier over pooled
states, the tagger's technique outputs and span cues (fitted on gold rows and on the tagger's own fragments)
names each fragment.
"""

from __future__ import annotations

import bisect
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from narratrace.techniques.batching import BATCH_CHARS, BATCH_TEXTS, batches, plan_batches, segment_bounds
from narratrace.techniques.decode import decode_spans
from narratrace.techniques.distil import SOFT_TEXT_CHARS, SoftLabels
from narratrace.techniques.encoder import encode_texts
from narratrace.techniques.features import (
    TextCues,
    analyse_text,
    span_features,
    token_features,
)
from narratrace.techniques.fitting import (
    check_training_data,
    fit_word_priors,
    span_training_rows,
    split_validation,
    token_training_data,
    train_heads,
    tune_decoder,
)
from narratrace.techniques.span import TechniqueSpan
from narratrace.techniques.span_classifier import SoftmaxSpanClassifier
from narratrace.techniques.taxonomy import TECHNIQUE_NAMES

# A fragment also lists up to two runner-up techniques at least half as likely as its best one.
MAX_ALTERNATIVES, ALTERNATIVE_RATIO = 2, 0.5

# What `narratrace train techniques` uses for each encoder, chosen on the inner validation split (never on
# held-back data): which layers' states feed the head, and the span classifier's L2 strength (wider
# states want a stronger one). The MPNet model averages five heads: where six encoder layers dominate
# inference, more heads cost nothing noticeable and steady the seed-to-seed variance. See docs/decisions.md.
ENCODER_DEFAULTS: dict[str, dict[str, Any]] = {
    "mpnet-base": {"n_layers": 6, "extra_layers": (2, 4), "classifier_c": 0.002, "n_heads": 5},
    "minilm-l6": {"n_layers": 1, "extra_layers": (), "classifier_c": 0.01},
}


@dataclass
class _Prepared:
    """One article ready for the head: token offsets, encoder states, head inputs, text cues."""

    text: str
    offsets: np.ndarray
    states: np.ndarray
    inputs: np.ndarray
    cues: TextCues


def _check_texts(texts: Sequence[str]) -> None:
    for text in texts:
        if not isinstance(text, str):
            raise TypeError(f"texts must be str, got {type(text).__name__}")


class TechniqueTagger:
    """Scikit-learn style tagger: hyper-parameters in the constructor, learned state ends with ``_``."""

    # The model that labelled ``soft`` texts for ``fit``, when distilled; recorded in the saved config.
    teacher_: str | None = None

    def __init__(
        self,
        encoder: str = "minilm-l6",
        n_layers: int = 2,
        extra_layers: tuple[int, ...] = (1,),
        hidden: int = 128,
        dropout: float = 0.5,
        epochs: int = 12,
        learning_rate: float = 1e-3,
        patience: int = 3,
        validation_fraction: float = 0.15,
        classifier_c: float = 0.01,
        threshold_tolerance: float = 0.01,
        soft_span_weight: float = 1.0,
        decoded_span_weight: float = 1.0,
        n_heads: int = 1,
        random_state: int = 13,
        device: str = "cpu",
        precision: str = "auto",
    ) -> None:
        self.encoder = encoder
        self.n_layers = n_layers
        self.extra_layers = tuple(extra_layers)
        self.hidden = hidden
        self.dropout = dropout
        self.epochs = epochs
        self.learning_rate = learning_rate
        self.patience = patience
        self.validation_fraction = validation_fraction
        self.classifier_c = classifier_c
        self.threshold_tolerance = threshold_tolerance
        self.soft_span_weight = soft_span_weight
        self.decoded_span_weight = decoded_span_weight
        self.n_heads = n_heads
        self.random_state = random_state
        self.device = device
        self.precision = precision

    @classmethod
    def for_encoder(cls, encoder: str, **params: Any) -> TechniqueTagger:
        """A tagger with ``ENCODER_DEFAULTS[encoder]``, overridden by ``params``."""
        if encoder not in ENCODER_DEFAULTS:
            raise ValueError(f"unknown encoder {encoder!r}; known: {', '.join(ENCODER_DEFAULTS)}")
        return cls(encoder=encoder, **(ENCODER_DEFAULTS[encoder] | params))

    def get_params(self) -> dict[str, Any]:
        return {
            name: getattr(self, name)
            for name in [
                "encoder",
                "n_layers",
                "extra_layers",
                "hidden",
                "dropout",
                "epochs",
                "learning_rate",
                "patience",
                "validation_fraction",
                "classifier_c",
                "threshold_tolerance",
                "soft_span_weight",
                "decoded_span_weight",
                "n_heads",
                "random_state",
                "device",
                "precision",
            ]
        }

    # --- preparation -------------------------------------------------------------------------------
    def _prepare(self, texts: Sequence[str], with_priors: bool = True) -> list[_Prepared]:
        _check_texts(texts)
        # Lower layers come for free once layer ``n_layers`` is computed; they keep more word identity.
        layers = (*sorted(x for x in set(self.extra_layers) if x < self.n_layers), self.n_layers)
        encoded = encode_texts(
            list(texts), self.n_layers, layers, encoder=self.encoder, device=self.device, precision=self.precision
        )
        prepared = []
        for text, item in zip(texts, encoded, strict=True):
            cues = analyse_text(text)
            parts = [item.states, token_features(cues, item.offsets)]
            if with_priors:
                parts.append(self.word_priors_.token_features(cues, item.offsets))
            inputs = np.concatenate(parts, axis=1)
            # The states are the first columns of the inputs: keep a view, not a second copy (a 1 MB
            # article has ~200k tokens, and three MPNet layers take 9 KB per token).
            states = inputs[:, : item.states.shape[1]]
            prepared.append(_Prepared(text, item.offsets, states, inputs, cues))
        return prepared

    def _span_vector(self, article: _Prepared, probs: np.ndarray, start: int, end: int) -> np.ndarray:
        # Token offsets are sorted, so the overlapping tokens are one run: find it by bisection.
        first = int(np.searchsorted(article.offsets[:, 1], start, side="right"))
        stop = int(np.searchsorted(article.offsets[:, 0], end, side="left"))
        tokens = np.arange(first, max(first, stop))
        if len(tokens) == 0:
            state = np.zeros(article.states.shape[1], dtype=np.float32)
            technique_mean = technique_max = np.zeros(probs.shape[1] - 1, dtype=np.float32)
        else:
            state = article.states[tokens].mean(axis=0)
            technique_mean = probs[tokens, 1:].mean(axis=0)
            technique_max = probs[tokens, 1:].max(axis=0)
        return np.concatenate(
            [state, technique_mean, technique_max, span_features(article.text, article.cues, start, end)]
        )

    # --- learning ----------------------------------------------------------------------------------
    def fit(
        self,
        texts: Sequence[str],
        spans: Sequence[Sequence[TechniqueSpan]],
        soft: Sequence[SoftLabels] = (),
    ) -> TechniqueTagger:
        """Learn from articles and their gold TC rows (overlapping spans and repeated rows allowed).

        ``soft`` adds unlabelled texts labelled by a teacher tagger (``TechniqueTagger.soft_label``): their
        token probabilities join the token tagger's training targets and their fragments' technique
        distributions the span classifier's, weighted by ``soft_span_weight``. Inner validation, which picks the
        epoch and the span threshold, stays on gold articles only.

        The span classifier also learns from the tagger's own fragments on the training articles, each labelled
        with the gold row it overlaps most (weight ``decoded_span_weight``): it names decoded fragments, whose
        edges are the tagger's, not the annotators'.
        """
        started = time.perf_counter()
        check_training_data(texts, spans)
        fitting, validation = split_validation(len(texts), self.validation_fraction, self.random_state)
        prepared = self._prepare(texts, with_priors=False)
        self.word_priors_ = fit_word_priors(prepared, spans)
        soft_prepared = self._prepare([item.text for item in soft]) if soft else []
        inputs, targets = token_training_data(prepared, spans, fitting, soft, soft_prepared)
        validation_articles = [prepared[i] for i in validation]
        validation_spans = [spans[i] for i in validation]
        self.nets_, epochs = train_heads(self, inputs, targets, validation_articles, validation_spans)
        # The members' averaged probabilities are what predict decodes: tune the decoder on them.
        f1, threshold, low, gap = tune_decoder(
            self, validation_articles, self._token_probs(validation_articles), validation_spans
        )
        self.threshold_, self.low_threshold_, self.max_gap_, self.validation_si_f1_ = threshold, low, gap, f1
        self.best_epochs_ = tuple(epochs)
        self.input_dim_ = int(prepared[0].inputs.shape[1])
        vectors, labels, weights = span_training_rows(self, prepared, spans, soft, soft_prepared)
        self.span_classifier_ = SoftmaxSpanClassifier(c=self.classifier_c).fit(
            np.array(vectors), labels, sample_weight=np.array(weights)
        )
        self.soft_texts_ = len(soft)
        self.training_seconds_ = time.perf_counter() - started
        return self

    # --- inference ---------------------------------------------------------------------------------
    def _check_fitted(self) -> None:
        if not hasattr(self, "nets_"):
            raise RuntimeError("this TechniqueTagger is not fitted: call fit() or load()")

    def _token_probs(self, prepared: list[_Prepared]) -> list[np.ndarray]:
        from narratrace.techniques.head import predict_token_probs

        # An ensemble of heads over the same encoder states: its mean is steadier than any one seed,
        # and costs little, since the encoder dominates inference.
        return predict_token_probs(self.nets_, [p.inputs for p in prepared])

    def predict(
        self,
        texts: Sequence[str],
        threshold: float | None = None,
        batch_size: int = BATCH_TEXTS,
        progress: Callable[[int, int], None] | None = None,
    ) -> list[list[TechniqueSpan]]:
        """Fragments with their most likely technique; ``threshold`` replaces the tuned token thresholds.

        Texts go through the encoder ``batch_size`` (and at most ``BATCH_CHARS`` characters) at a time,
        and a text longer than ``SEGMENT_CHARS`` goes in segments cut at line ends (its cues, such as
        repetition, are then per segment): memory stays bounded on large corpora and gigantic texts
        alike, where the encoder states of one token take 9 KB with the default model.
        """
        self._check_fitted()
        _check_texts(texts)
        results: list[list[TechniqueSpan]] = [[] for _ in texts]
        batches = plan_batches(texts, batch_size)
        for number, batch in enumerate(batches, start=1):
            found = self.predict_segments([texts[index][start:end] for index, start, end in batch], threshold)
            for (index, start, _), spans in zip(batch, found, strict=True):
                results[index].extend(replace(s, start=s.start + start, end=s.end + start) for s in spans)
            if progress:  # progress(batches done, batches): the caller's bar and ETA
                progress(number, len(batches))
        return results

    def predict_segments(self, segments: Sequence[str], threshold: float | None = None) -> list[list[TechniqueSpan]]:
        """Fragments of one batch of ``plan_batches``, offsets relative to each segment.

        ``predict`` is this over the planned batches; an engine that spreads the batches over machines
        (``spark_engine``) gets the same fragments, since a batch is always encoded together.
        """
        self._check_fitted()
        return self._predict_prepared(self._prepare(segments), threshold)

    def _fragments(
        self, article: _Prepared, probs: np.ndarray, threshold: float | None
    ) -> tuple[list[tuple[int, int, float, int, int]], np.ndarray]:
        """Decoded fragments and their technique probabilities (columns in the span classifier's order)."""
        # A caller's threshold replaces both tuned ones: one plain threshold, as documented for --threshold.
        high, low = (self.threshold_, self.low_threshold_) if threshold is None else (threshold, threshold)
        found = decode_spans(article.text, article.offsets, probs[:, 0], high, self.max_gap_, low)
        if not found:
            return [], np.zeros((0, len(self.span_classifier_.classes_)))
        vectors = np.array([self._span_vector(article, probs, s, e) for s, e, _, _, _ in found])
        return found, self.span_classifier_.predict_proba(vectors)

    def soft_label(self, texts: Sequence[str], batch_size: int = BATCH_TEXTS) -> list[SoftLabels]:
        """This tagger's token probabilities and fragment technique distributions, to teach a student.

        Each text is labelled whole, so only its first ``SOFT_TEXT_CHARS`` characters are (``SoftLabels.text``
        says which): memory stays bounded, and distillation wants breadth more than long texts.
        """
        self._check_fitted()
        _check_texts(texts)
        texts = [text[:SOFT_TEXT_CHARS] for text in texts]
        # Span classifier columns in TECHNIQUE_NAMES order (a technique it never saw gets probability 0).
        classes = self.span_classifier_.classes_
        to_names = np.zeros((len(classes), len(TECHNIQUE_NAMES)), dtype=np.float32)
        to_names[np.arange(len(classes)), [TECHNIQUE_NAMES.index(name) for name in classes]] = 1.0
        labelled = []
        for batch in batches([(index, 0, len(text)) for index, text in enumerate(texts)], batch_size, BATCH_CHARS):
            prepared = self._prepare([texts[index] for index, _, _ in batch])
            for article, probs in zip(prepared, self._token_probs(prepared), strict=True):
                found, technique_probs = self._fragments(article, probs, None)
                labelled.append(
                    SoftLabels(
                        article.text,
                        article.offsets,
                        probs.astype(np.float16),
                        tuple((s, e) for s, e, _, _, _ in found),
                        (technique_probs @ to_names).astype(np.float32),
                    )
                )
        return labelled

    def _predict_prepared(self, prepared: list[_Prepared], threshold: float | None) -> list[list[TechniqueSpan]]:
        results: list[list[TechniqueSpan]] = []
        for article, probs in zip(prepared, self._token_probs(prepared), strict=True):
            found, technique_probs = self._fragments(article, probs, threshold)
            if not found:
                results.append([])
                continue
            spans = []
            classes = self.span_classifier_.classes_
            for (start, end, span_score, _, _), row in zip(found, technique_probs, strict=True):
                best, *runners_up = (int(k) for k in np.argsort(-row)[: 1 + MAX_ALTERNATIVES])
                alternatives = tuple(
                    (classes[k], round(span_score * float(row[k]), 4))
                    for k in runners_up
                    if row[k] >= ALTERNATIVE_RATIO * row[best]
                )
                spans.append(
                    TechniqueSpan(start, end, classes[best], round(span_score * float(row[best]), 4), alternatives)
                )
            results.append(spans)
        return results

    def classify(self, text: str, spans: Sequence[TechniqueSpan | tuple[int, int]]) -> list[TechniqueSpan]:
        """Label given fragments (the TC task). Rows repeating a span get distinct techniques, best first."""
        self._check_fitted()
        if not spans:
            return []
        bounds = [(s.start, s.end) if isinstance(s, TechniqueSpan) else (int(s[0]), int(s[1])) for s in spans]
        for start, end in bounds:
            if not 0 <= start < end <= len(text):
                raise ValueError(f"span ({start}, {end}) is not inside the text (length {len(text)})")
        unique = sorted(set(bounds))
        vectors = np.array(self._span_vectors_in_segments(text, unique))
        ranked = {key: row for key, row in zip(unique, self.span_classifier_.predict_proba(vectors), strict=True)}
        used: dict[tuple[int, int], int] = defaultdict(int)
        labelled = []
        for key in bounds:
            row = ranked[key]
            rank = int(np.argsort(-row)[min(used[key], len(row) - 1)])
            used[key] += 1
            labelled.append(
                TechniqueSpan(key[0], key[1], self.span_classifier_.classes_[rank], round(float(row[rank]), 4))
            )
        return labelled

    def _span_vectors_in_segments(self, text: str, spans: list[tuple[int, int]]) -> list[np.ndarray]:
        """Span vectors, encoding only the segments (``segment_bounds``) that the spans touch.

        A span crossing segment cuts is encoded with all the segments it touches, up to two; a longer one is
        represented by its part in its first segment. Memory stays bounded for gigantic texts, as in
        ``predict``; a text under ``SEGMENT_CHARS`` is one segment, encoded once.
        """
        cuts = segment_bounds(text)
        starts = [start for start, _ in cuts]
        windows: dict[tuple[int, int], list[int]] = defaultdict(list)
        for index, (start, end) in enumerate(spans):
            first = bisect.bisect_right(starts, start) - 1
            last = bisect.bisect_right(starts, end - 1) - 1
            windows[(first, last if last - first <= 1 else first)].append(index)
        vectors: list[np.ndarray] = [np.zeros(0)] * len(spans)
        for (first, last), members in windows.items():
            offset, stop = cuts[first][0], cuts[last][1]
            (article,) = self._prepare([text[offset:stop]])
            (probs,) = self._token_probs([article])
            for index in members:
                start, end = spans[index]
                vectors[index] = self._span_vector(article, probs, start - offset, min(end, stop) - offset)
        return vectors

    # --- persistence (narratrace.techniques.persistence) -----------------------------------------------
    def save(self, directory: str | Path) -> Path:
        """Write config (JSON), head weights (fp16 tensors) and the span classifier (npz): no pickles."""
        from narratrace.techniques.persistence import write_saved

        self._check_fitted()
        return write_saved(self, Path(directory))

    @classmethod
    def load(cls, directory: str | Path) -> TechniqueTagger:
        from narratrace.techniques.persistence import read_saved

        return read_saved(cls, Path(directory))
