"""A fitted ``TechniqueTagger`` on disk: a folder of plain files that load without running code.

``config.json`` (parameters, decoder settings, the feature lists the heads were trained on), ``head.pt``
(every head's weights as fp16 tensors, read with ``weights_only``), ``span_classifier.npz`` (arrays, no
pickles) and ``word_priors.json``. A model trained with other features is refused, not silently misread.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from narratrace.techniques.encoder import resolve_precision
from narratrace.techniques.features import SPAN_FEATURE_NAMES, TOKEN_FEATURE_NAMES
from narratrace.techniques.span_classifier import SoftmaxSpanClassifier
from narratrace.techniques.taxonomy import TECHNIQUE_NAMES
from narratrace.techniques.word_priors import PRIOR_FEATURE_NAMES, WordPriors

if TYPE_CHECKING:
    from narratrace.techniques.tagger import TechniqueTagger

CONFIG_FILE, HEAD_FILE, CLASSIFIER_FILE = "config.json", "head.pt", "span_classifier.npz"
PRIORS_FILE = "word_priors.json"
TaggerT = TypeVar("TaggerT", bound="TechniqueTagger")


def write_saved(tagger: TechniqueTagger, directory: Path) -> Path:
    """Write a fitted tagger's files into ``directory`` (created if needed)."""
    import torch

    directory.mkdir(parents=True, exist_ok=True)
    config = {
        # Device and precision belong to the machine that runs the model, not to the model; the
        # precision its states were computed in when it trained is kept for the record.
        "params": tagger.get_params() | {"device": "cpu", "precision": "auto"},
        "trained_precision": resolve_precision(tagger.precision, tagger.device),
        "threshold": tagger.threshold_,
        "low_threshold": tagger.low_threshold_,
        "max_gap": tagger.max_gap_,
        "validation_si_f1": tagger.validation_si_f1_,
        "best_epochs": list(tagger.best_epochs_),
        "training_seconds": round(getattr(tagger, "training_seconds_", float("nan")), 1),
        # Distillation: how many teacher-labelled texts joined PTC, and which model taught (set by the CLI).
        "soft_texts": getattr(tagger, "soft_texts_", 0),
        "teacher": tagger.teacher_,
        "input_dim": tagger.input_dim_,
        "token_features": list(TOKEN_FEATURE_NAMES),
        "span_features": list(SPAN_FEATURE_NAMES),
        "prior_features": list(PRIOR_FEATURE_NAMES),
    }
    (directory / CONFIG_FILE).write_text(json.dumps(config, indent=2), encoding="utf-8")
    torch.save(_stack_states([net.state_dict() for net in tagger.nets_]), directory / HEAD_FILE)
    tagger.span_classifier_.save(directory / CLASSIFIER_FILE)
    tagger.word_priors_.save(directory / PRIORS_FILE)
    return directory


def read_saved(cls: type[TaggerT], directory: Path) -> TaggerT:
    """A tagger of class ``cls`` with the fitted state written by ``write_saved``."""
    import torch

    from narratrace.techniques.head import TokenTaggerNet

    config = json.loads((directory / CONFIG_FILE).read_text(encoding="utf-8"))
    expected = (list(TOKEN_FEATURE_NAMES), list(SPAN_FEATURE_NAMES), list(PRIOR_FEATURE_NAMES))
    if (config["token_features"], config["span_features"], config["prior_features"]) != expected:
        raise ValueError(f"model in {directory} was trained with other features: retrain it")
    params = config["params"]
    tagger = cls(**(params | {"extra_layers": tuple(params["extra_layers"])}))
    stacked = torch.load(directory / HEAD_FILE, map_location="cpu", weights_only=True)
    tagger.nets_ = []
    for state in _unstack_states(stacked, tagger.n_heads):
        net = TokenTaggerNet(config["input_dim"], tagger.hidden, len(TECHNIQUE_NAMES), tagger.dropout)
        net.load_state_dict(state)
        net.eval()
        tagger.nets_.append(net)
    tagger.threshold_ = float(config["threshold"])
    tagger.low_threshold_ = float(config["low_threshold"])
    tagger.max_gap_ = int(config["max_gap"])
    tagger.validation_si_f1_ = float(config["validation_si_f1"])
    tagger.best_epochs_ = tuple(config["best_epochs"])
    tagger.input_dim_ = int(config["input_dim"])
    tagger.soft_texts_, tagger.teacher_ = int(config["soft_texts"]), config["teacher"]
    tagger.span_classifier_ = SoftmaxSpanClassifier.load(directory / CLASSIFIER_FILE)
    tagger.word_priors_ = WordPriors.load(directory / PRIORS_FILE)
    return tagger


def _stack_states(states: list[dict[str, Any]]) -> dict[str, Any]:
    """One fp16 tensor dict for all heads: head k's tensors under ``"k.name"`` (one head: plain names)."""
    if len(states) == 1:
        return {name: tensor.half() for name, tensor in states[0].items()}
    return {f"{k}.{name}": tensor.half() for k, state in enumerate(states) for name, tensor in state.items()}


def _unstack_states(stacked: dict[str, Any], n_heads: int) -> list[dict[str, Any]]:
    if n_heads == 1:
        return [{name: tensor.float() for name, tensor in stacked.items()}]
    states: list[dict[str, Any]] = [{} for _ in range(n_heads)]
    for key, tensor in stacked.items():
        member, name = key.split(".", 1)
        states[int(member)][name] = tensor.float()
    return states
