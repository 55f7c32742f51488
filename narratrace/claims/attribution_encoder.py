"""MiniLM token states for the attribution tagger, computed the cheap way on CPU.

The states are those of ``narratrace.techniques.encoder.encode_texts`` (same word pieces, same overlapping
windows, same layer), with two differences that cut the tagger's encoder time by ~2.5x in CPU seconds
(docs/results/attribution_speed.md):

* one intra-op thread while it runs: on a shared two-core machine a second thread mostly spins, and the
  CPU seconds of a call doubled; throughput comes from running articles in separate processes instead;
* where bfloat16 matrix products are native (AVX512-BF16 / AMX), the weights themselves are bfloat16 (a
  private copy, so the technique stage's float32 encoder is untouched): autocast re-casts every weight on
  every call, which cost more than the products. Elsewhere everything stays float32, as before.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import numpy as np

from narratrace.nlp import one_load_at_a_time
from narratrace.techniques.encoder import (
    EncodedText,
    Window,
    batch_inputs,
    bf16_is_native,
    encoder_spec,
    load_encoder,
    store_states,
    text_windows,
    tokenize,
)

# Torch's thread count is process-wide, and stages running side by side (``pipeline.run_side_by_side``) may
# enter ``single_thread`` from two threads at once: the setting before the first entry is restored after the
# last exit, not whatever another block had set when this one began.
_SINGLE_THREAD_LOCK = threading.Lock()
_single_thread_entries = 0
_threads_before = 1


@contextmanager
def single_thread() -> Iterator[None]:
    """Torch on one intra-op thread inside the block; the caller's setting is restored after it."""
    import torch

    global _single_thread_entries, _threads_before
    with _SINGLE_THREAD_LOCK:
        if _single_thread_entries == 0:
            _threads_before = torch.get_num_threads()
            torch.set_num_threads(1)
        _single_thread_entries += 1
    try:
        yield
    finally:
        with _SINGLE_THREAD_LOCK:
            _single_thread_entries -= 1
            if _single_thread_entries == 0:
                torch.set_num_threads(_threads_before)


@lru_cache(maxsize=2)
@one_load_at_a_time
def _tagger_encoder(name: str, n_layers: int) -> Any:
    """A bfloat16 copy of the shared encoder where bfloat16 is native, else the shared (float32) one."""
    import torch

    shared = load_encoder(name, n_layers, "cpu")
    return copy.deepcopy(shared).to(torch.bfloat16) if bf16_is_native("cpu") else shared


def encode_states(
    texts: Sequence[str], layer: int, encoder: str, batch_size: int = 8, extra_layers: Sequence[int] = ()
) -> list[EncodedText]:
    """Word-piece offsets and layer-``layer`` states (float32) of each text, a text's windows batched together;
    the states of ``extra_layers``, if any, are concatenated after them.

    Batches of 8 windows were the fastest of 4 / 8 / 16 / 32 on one thread (~7% under 16 and 32).
    """
    import torch

    spec = encoder_spec(encoder)
    layers = (layer, *extra_layers)
    if not all(1 <= n <= spec.n_layers for n in layers):
        raise ValueError(f"{spec.name} has layers 1 to {spec.n_layers}, not {layers}")
    model = _tagger_encoder(spec.name, max(layers))
    tokenized = [tokenize(text, spec.name) for text in texts]
    states = [np.zeros((len(ids), spec.hidden_size * len(layers)), dtype=np.float32) for ids, _ in tokenized]
    # A batch holds windows of one text only: in bfloat16 a window's states shift in the last digits with
    # the batch's padded length, and a text's attributions must not depend on which texts came with it.
    batches = [
        batch
        for i, (ids, _) in enumerate(tokenized)
        for batch in length_batches([(i, w) for w in text_windows(len(ids))], batch_size)
    ]
    with single_thread(), torch.inference_mode():
        for batch in batches:
            input_ids, attention = batch_inputs(batch, tokenized, spec)
            output = model(input_ids=input_ids, attention_mask=attention, output_hidden_states=True)
            hidden = torch.cat([output.hidden_states[n] for n in layers], dim=-1).to(torch.float32).numpy()
            store_states(states, hidden, batch)
    return [EncodedText(offsets, state) for (_, offsets), state in zip(tokenized, states, strict=True)]


def length_batches(windows: Sequence[tuple[int, Window]], batch_size: int) -> list[list[tuple[int, Window]]]:
    """One text's windows in batches of at most ``batch_size``, longest first; a window joins a batch only when it
    is at least 3/4 as long as the batch's first, since every window is padded to that length: a text's short last
    window padded to full length made ~15% of the encoder's work (docs/results/attribution_speed.md)."""
    batches: list[list[tuple[int, Window]]] = []
    for window in sorted(windows, key=lambda w: w[1][0] - w[1][1]):  # stable: longest first, then in text order
        length = window[1][1] - window[1][0]
        if (
            batches
            and len(batches[-1]) < batch_size
            and 4 * length >= 3 * (batches[-1][0][1][1] - batches[-1][0][1][0])
        ):
            batches[-1].append(window)
        else:
            batches.append([window])
    return batches
