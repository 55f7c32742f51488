"""The steps of ``TechniqueTagger.fit``, one named function each: check, split, word priors, token targets,
heads, decoder tuning, span-classifier rows. ``fit`` reads as the list of them."""

from __future__ import annotations

import logging
import random
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from narratrace.techniques.decode import decode_spans, token_targets
from narratrace.techniques.distil import SoftLabels, spread_soft_labels, student_token_targets
from narratrace.techniques.span import TechniqueSpan
from narratrace.techniques.taxonomy import TECHNIQUE_NAMES
from narratrace.techniques.word_priors import WordPriors

if TYPE_CHECKING:  # torch loads only when a model is fitted
    from narratrace.techniques.head import TokenTaggerNet
    from narratrace.techniques.tagger import TechniqueTagger, _Prepared

LOGGER = logging.getLogger("narratrace.techniques.tagger")
# Decoder settings tried on inner validation: span thresholds, how far below one a fragment may extend
# (hysteresis, ``decode_spans``), and token gaps bridged.
THRESHOLDS, LOW_THRESHOLD_STEPS, GAPS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55), (0.0, 0.05, 0.1, 0.15), (0, 2)


def check_training_data(texts: Sequence[str], spans: Sequence[Sequence[TechniqueSpan]]) -> None:
    if len(texts) != len(spans) or not texts:
        raise ValueError("fit needs as many span lists as texts, and at least one text")
    unknown = {s.technique for rows in spans for s in rows} - set(TECHNIQUE_NAMES)
    if unknown:
        raise ValueError(f"unknown techniques: {sorted(unknown)}")


def split_validation(n_texts: int, fraction: float, seed: int) -> tuple[list[int], list[int]]:
    """Indices of the fitting and inner-validation articles (seeded shuffle; one text validates itself)."""
    order = list(range(n_texts))
    random.Random(seed).shuffle(order)
    n_validation = max(1, round(n_texts * fraction)) if n_texts > 1 else 0
    validation = sorted(order[n_texts - n_validation :])
    fitting = sorted(order[: n_texts - n_validation]) or validation
    return fitting, validation


def fit_word_priors(prepared: list[_Prepared], spans: Sequence[Sequence[TechniqueSpan]]) -> WordPriors:
    """Learn word priors and append each training article's own, computed with that article left out.

    Leaving the article out keeps the head from learning to trust priors that saw its own labels.
    """
    priors = WordPriors().fit([p.cues for p in prepared], spans)
    for index, article in enumerate(prepared):
        own_left_out = priors.token_features(article.cues, article.offsets, leave_out=index)
        article.inputs = np.concatenate([article.inputs, own_left_out], axis=1)
    priors.forget_training_articles()
    return priors


def token_training_data(
    prepared: list[_Prepared],
    spans: Sequence[Sequence[TechniqueSpan]],
    fitting: list[int],
    soft: Sequence[SoftLabels],
    soft_prepared: list[_Prepared],
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Token inputs and targets of the fitting articles, then of the teacher-labelled texts."""
    targets = [
        token_targets(
            p.offsets, [(s.start, s.end, TECHNIQUE_NAMES.index(s.technique)) for s in rows], len(TECHNIQUE_NAMES)
        )
        for p, rows in zip(prepared, spans, strict=True)
    ]
    soft_targets = [
        student_token_targets(item, article.offsets) for item, article in zip(soft, soft_prepared, strict=True)
    ]
    inputs = [prepared[i].inputs for i in fitting] + [article.inputs for article in soft_prepared]
    return inputs, [targets[i] for i in fitting] + soft_targets


def train_heads(
    tagger: TechniqueTagger,
    inputs: list[np.ndarray],
    targets: list[np.ndarray],
    validation: list[_Prepared],
    validation_spans: Sequence[Sequence[TechniqueSpan]],
) -> tuple[list[TokenTaggerNet], list[int]]:
    """``n_heads`` token taggers, seeded apart, each at its best epoch; and those epochs."""
    nets, epochs = [], []
    for member in range(tagger.n_heads):
        net, epoch = train_head(tagger, member, inputs, targets, validation, validation_spans)
        nets.append(net)
        epochs.append(epoch)
    return nets, epochs


def train_head(
    tagger: TechniqueTagger,
    member: int,
    inputs: list[np.ndarray],
    targets: list[np.ndarray],
    validation: list[_Prepared],
    validation_spans: Sequence[Sequence[TechniqueSpan]],
) -> tuple[TokenTaggerNet, int]:
    """One token tagger (seed ``random_state + member``) at its best epoch on inner validation."""
    import torch

    from narratrace.techniques.head import TokenTaggerNet, predict_token_probs, train_net

    seed = tagger.random_state + member
    torch.manual_seed(seed)
    net = TokenTaggerNet(inputs[0].shape[1], tagger.hidden, len(TECHNIQUE_NAMES), tagger.dropout)
    net.to(tagger.device)
    best: dict[str, Any] = {"f1": -1.0, "epoch": -1}

    def on_epoch_end(epoch: int) -> bool:
        probs = predict_token_probs(net, [article.inputs for article in validation])
        # Epochs are chosen with one threshold: the heads stay what they were before hysteresis.
        f1, threshold, _, gap = tune_decoder(tagger, validation, probs, validation_spans, hysteresis=False)
        LOGGER.info(
            "head %d, epoch %d: inner-validation SI F1 %.3f (threshold %.2f, gap %d)",
            member + 1,
            epoch + 1,
            f1,
            threshold,
            gap,
        )
        if f1 > best["f1"]:
            best.update(f1=f1, epoch=epoch, state={k: v.detach().clone() for k, v in net.state_dict().items()})
        return epoch - int(best["epoch"]) >= tagger.patience

    train_net(net, inputs, targets, tagger.epochs, tagger.learning_rate, seed, on_epoch_end)
    net.load_state_dict(best["state"])
    net.to("cpu")
    return net, int(best["epoch"]) + 1


def tune_decoder(
    tagger: TechniqueTagger,
    articles: list[_Prepared],
    probs: list[np.ndarray],
    gold: Sequence[Sequence[TechniqueSpan]],
    hysteresis: bool = True,
) -> tuple[float, float, float, int]:
    """(best SI F1, threshold, low threshold, gap) on validation articles.

    SI F1 is flat over a wide band of thresholds, so its arg-max is mostly noise. Among the settings
    within ``threshold_tolerance`` of the best SI F1, the one with the best joint F1 (spans and
    techniques, what a reader of the report sees) is kept; ties go to the lower threshold, since for
    a forensic tool whose fragments a person reviews a missed fragment costs more than an extra one.
    The techniques for the joint score come from the tagger's own technique outputs, not from the
    span classifier, which is fitted later on all training articles, validation ones included.
    """
    from narratrace.techniques.scoring import score_joint, score_si

    gold_by_id = {str(i): list(rows) for i, rows in enumerate(gold)}
    scores = []
    settings = [
        (threshold, round(threshold - step, 2), gap)
        for threshold in THRESHOLDS
        for step in (LOW_THRESHOLD_STEPS if hysteresis else (0.0,))
        for gap in GAPS
    ]
    for threshold, low, gap in settings:
        predicted = {
            str(i): [
                TechniqueSpan(s, e, TECHNIQUE_NAMES[int(np.argmax(p[first:stop, 1:].mean(axis=0)))], c)
                for s, e, c, first, stop in decode_spans(a.text, a.offsets, p[:, 0], threshold, gap, low)
            ]
            for i, (a, p) in enumerate(zip(articles, probs, strict=True))
        }
        si_f1 = score_si(predicted, gold_by_id).f1
        scores.append((si_f1, round(score_joint(predicted, gold_by_id).f1, 3), threshold, low, gap))
    best_f1 = max(score[0] for score in scores)
    # Best joint F1 first (to 3 decimals), then the lower threshold, the better SI F1, the smaller gap,
    # the higher low threshold (hysteresis only where it wins).
    _, threshold, _, gap, negative_low = min(
        (-joint, t, -si, g, -low) for si, joint, t, low, g in scores if si >= best_f1 - tagger.threshold_tolerance
    )
    return best_f1, threshold, -negative_low, gap


def most_overlapped(gold: Sequence[TechniqueSpan], start: int, end: int) -> str | None:
    """Technique of the gold row sharing most characters with ``[start, end)`` (first on ties); None if none."""
    best = max(gold, key=lambda g: min(end, g.end) - max(start, g.start), default=None)
    return best.technique if best is not None and min(end, best.end) > max(start, best.start) else None


def span_training_rows(
    tagger: TechniqueTagger,
    prepared: list[_Prepared],
    spans: Sequence[Sequence[TechniqueSpan]],
    soft: Sequence[SoftLabels],
    soft_prepared: list[_Prepared],
) -> tuple[list[np.ndarray], list[str], list[float]]:
    """The span classifier's rows: gold rows, the tagger's own fragments, and the teacher's fragments."""
    probs = tagger._token_probs(prepared)
    vectors: list[np.ndarray] = []
    labels: list[str] = []
    weights: list[float] = []
    for article, article_probs, rows in zip(prepared, probs, spans, strict=True):
        # Gold rows, then the tagger's own fragments, named after the gold row each overlaps most.
        examples = [(s.start, s.end, s.technique, 1.0) for s in rows]
        if tagger.decoded_span_weight > 0:
            for start, end, _, _, _ in decode_spans(
                article.text,
                article.offsets,
                article_probs[:, 0],
                tagger.threshold_,
                tagger.max_gap_,
                tagger.low_threshold_,
            ):
                technique = most_overlapped(rows, start, end)
                if technique:
                    examples.append((start, end, technique, tagger.decoded_span_weight))
        for start, end, technique, weight in examples:
            vectors.append(tagger._span_vector(article, article_probs, start, end))
            labels.append(technique)
            weights.append(weight)
    soft_probs = tagger._token_probs(soft_prepared)
    for item, article, article_probs in zip(soft, soft_prepared, soft_probs, strict=True):
        if not item.spans:
            continue
        soft_vectors = np.array([tagger._span_vector(article, article_probs, s, e) for s, e in item.spans])
        soft_rows, soft_labels, soft_weights = spread_soft_labels(soft_vectors, item.span_probs)
        vectors.extend(soft_rows)
        labels.extend(soft_labels)
        weights.extend(tagger.soft_span_weight * soft_weights)
    return vectors, labels, weights
