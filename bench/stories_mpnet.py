"""Would MPNet lead embeddings tell same-story pairs apart better than MiniLM's? (a separability diagnostic)

    NARRATRACE_SHARED=../shared nice python -m bench.stories_mpnet [--lead-chars 1000] [--json OUT.json]

For AllSides' tuning half and PolNeAR's labelled windows (1-2, the tuning windows, and 3, held out), the average
precision of same-story pairs among pairs dated within the story window (``stories_polnear.separability``), once
with the stage's MiniLM lead embeddings and once with all-mpnet-base-v2's (the technique stage's encoder, all 12
layers, mean-pooled over its word pieces as sentence-transformers pools it, title + lead cut at 384 pieces); the
story score keeps the shipped weights (0.3 embedding + 0.7 TF-IDF). MPNet costs ~8x MiniLM's products per piece
(twice the layers, twice the width): a diagnostic of what a larger encoder buys, not a setting.
"""

from __future__ import annotations

import argparse
import dataclasses
import time
from collections.abc import Sequence
from typing import Any

import numpy as np

from bench.stories_data import save_figures
from bench.stories_polnear import separability
from bench.stories_tune import Corpus, allsides_part, polnear_part
from narratrace.stories import extract_features
from narratrace.stories.features import lead_text
from narratrace.techniques.encoder import _tokenizer, encoder_spec, load_encoder

MAX_PIECES = 384  # all-mpnet-base-v2's trained input length


def mpnet_embeddings(texts: Sequence[str]) -> np.ndarray:
    """Unit-length mean-pooled all-mpnet-base-v2 embeddings, one text at a time (no padding)."""
    import torch

    encoder, tokenizer, spec = load_encoder("mpnet-base", 12), _tokenizer("mpnet-base"), encoder_spec("mpnet-base")
    rows = []
    with torch.inference_mode():
        for text in texts:
            ids = tokenizer.encode(text).ids
            if len(ids) > MAX_PIECES:
                ids = [*ids[: MAX_PIECES - 1], spec.sep_id]
            state = encoder(input_ids=torch.tensor([ids])).last_hidden_state[0].mean(0)
            rows.append((state / state.norm()).numpy())
    return np.asarray(rows, dtype=np.float32)


def compare(corpus: Corpus, lead_chars: int) -> dict[str, Any]:
    features = extract_features(corpus.articles)
    started = time.perf_counter()
    vectors = mpnet_embeddings([lead_text(a, lead_chars) for a in corpus.articles])
    seconds = time.perf_counter() - started
    mpnet = [dataclasses.replace(f, embedding=v) for f, v in zip(features, vectors, strict=True)]
    return {
        "set": corpus.name,
        "minilm": separability(features, corpus.truth, {}),
        "mpnet": separability(mpnet, corpus.truth, {}),
        "mpnet_seconds": round(seconds),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lead-chars", type=int, default=1000)
    parser.add_argument("--json", default=None, help="write the figures here too")
    args = parser.parse_args()
    corpora = [allsides_part("tune"), polnear_part({"w1", "w2"}), polnear_part({"w3"})]
    save_figures([compare(corpus, args.lead_chars) for corpus in corpora], args.json)


if __name__ == "__main__":
    main()
