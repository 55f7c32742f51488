"""Distil a static token-embedding table from the packaged all-MiniLM-L6-v2 (model2vec-style), for cheap
sentence vectors (``narratrace.nlp.embed_static``).

    NARRATRACE_SHARED=../shared nice python -m bench.distill_static [--dims 128] [--out TABLE.npz]

Each word piece of MiniLM's vocabulary is embedded through MiniLM as a one-piece sentence (mean of its token
states, as the sentence model pools); the table is reduced with PCA to ``--dims`` and each row is scaled by a
smooth-inverse-frequency weight ``a / (a + p(piece))``, with piece frequencies counted on the PolNeAR train
split (../shared/data/attribution, 840 articles) so that common pieces ("the", ",") barely move a sentence's
mean. Stored as float16 in an npz (no pickles): ``vectors`` (vocabulary × dims) and ``dims``.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NARRATRACE_SHARED", REPO.parent / "shared"))
SIF_A = 1e-3  # the usual smooth-inverse-frequency constant (Arora et al. 2017)
_BATCH = 1024


def piece_vectors() -> np.ndarray:
    """Every vocabulary piece embedded as a sentence of one piece: [CLS] piece [SEP], mean-pooled."""
    import torch

    from narratrace.nlp import _sentence_model

    tokenizer, model = _sentence_model()
    size = tokenizer.get_vocab_size()
    cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    out = np.zeros((size, model.config.hidden_size), dtype=np.float32)
    for begin in range(0, size, _BATCH):
        ids = torch.tensor([[cls, t, sep] for t in range(begin, min(begin + _BATCH, size))])
        with torch.inference_mode():
            states = model(input_ids=ids, attention_mask=torch.ones_like(ids)).last_hidden_state
        out[begin : begin + len(ids)] = states.mean(1).numpy()
    return out


def piece_probabilities(size: int) -> np.ndarray:
    """How often each piece occurs in the PolNeAR articles (add-one smoothed)."""
    from narratrace.nlp import _sentence_model

    tokenizer, _ = _sentence_model()
    counts = np.ones(size, dtype=np.float64)
    texts = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "data/attribution/text").glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no PolNeAR texts under {SHARED}/data/attribution/text (set NARRATRACE_SHARED)")
    for encoding in tokenizer.encode_batch(texts):
        np.add.at(counts, encoding.ids, 1)
    return counts / counts.sum()


def main() -> None:
    from sklearn.decomposition import PCA

    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--dims", type=int, default=128)
    parser.add_argument("--out", type=Path, default=REPO / "narratrace/data/static_minilm.npz")
    arguments = parser.parse_args()
    start = time.process_time()
    vectors = piece_vectors()
    reduced = PCA(n_components=arguments.dims, random_state=18).fit_transform(vectors)
    weights = SIF_A / (SIF_A + piece_probabilities(len(vectors)))
    table = (reduced * weights[:, None]).astype(np.float16)
    arguments.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(arguments.out, vectors=table, dims=np.array(arguments.dims))
    print(f"{table.shape} -> {arguments.out} ({arguments.out.stat().st_size / 1e6:.1f} MB), "
          f"{time.process_time() - start:.0f} CPU s")  # fmt: skip


if __name__ == "__main__":
    main()
