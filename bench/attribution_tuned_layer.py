"""Does fine-tuning MiniLM's third layer under the attribution head beat the frozen states? (inner split)

    OMP_NUM_THREADS=2 nice python -m bench.attribution_tuned_layer --cache DIR [--tuned] [--layer-lr 1e-4]
        [--epochs 8] [--seed 18]

The shipped default head reads frozen MiniLM layer-3 states. Here the states of layer 2 are cached and MiniLM's
third layer (its pretrained weights, plus a learned row standing in for the [CLS] a window opens with) is trained
together with the head, the same head and decoding as the default model, on gold articles only: the training part
less the inner split (592 articles), scored on the inner split (105), never dev (docs/results/attribution.md).
Without ``--tuned`` the shipped recipe is trained on the same cache (its layer-3 columns) as the anchor. The
inference cost would not change (the encoder would stop at layer 2 and the tuned layer take the third's place), but
the tuned layer reads windows of 384 pieces (its training chunks), not the encoder's 256.
"""

from __future__ import annotations

import argparse
import copy
import json
import time
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from bench.attribution_inner import SHARED, inner_split
from narratrace.claims.attribution import MODEL_DIR, cached_token_inputs
from narratrace.claims.attribution_batches import bio_targets, pad, shifted_chunks, training_step
from narratrace.claims.attribution_data import AnnotatedArticle
from narratrace.claims.attribution_eval import score_attributions
from narratrace.claims.attribution_features import TokenInputs
from narratrace.claims.attribution_model import AttributionNet, AttributionTagger
from narratrace.techniques.encoder import load_encoder

WIDTH = 384  # MiniLM's states; the cache holds layer 2, then layer 3, then the syntax features
CORE, CONTEXT = 320, 32  # inference windows of the tuned layer: 384 pieces, as in training


class TunedLayer(nn.Module):
    """MiniLM's third layer over cached layer-2 states, then the attribution head."""

    def __init__(self, layer: nn.Module, sink: torch.Tensor, head: AttributionNet) -> None:
        super().__init__()
        self.layer = layer
        self.head: AttributionNet = head
        self.sink = nn.Parameter(sink.clone())

    def states(self, layer2: torch.Tensor, keep: torch.Tensor) -> torch.Tensor:
        """(batch, pieces, 384) tuned layer-3 states; ``keep`` masks padding."""
        batch = layer2.shape[0]
        hidden = torch.cat([self.sink.expand(batch, 1, -1), layer2], dim=1)
        keep = torch.cat([torch.ones(batch, 1, dtype=torch.bool), keep], dim=1)
        mask = torch.zeros(batch, 1, 1, hidden.shape[1], dtype=hidden.dtype)
        mask = mask.masked_fill(~keep[:, None, None, :], torch.finfo(hidden.dtype).min)
        out = self.layer(hidden, attention_mask=mask)
        return (out[0] if isinstance(out, tuple) else out)[:, 1:]

    def forward(self, inputs: torch.Tensor, keep: torch.Tensor) -> torch.Tensor:
        return self.head(torch.cat([self.states(inputs[..., :WIDTH], keep), inputs[..., WIDTH:]], dim=-1))


def columns(inputs: TokenInputs, layer: int) -> np.ndarray:
    """One layer's states (2 or 3) and the syntax features of a cached (2, 3) input."""
    features = inputs.features.astype(np.float32)
    states = features[:, :WIDTH] if layer == 2 else features[:, WIDTH : 2 * WIDTH]
    return np.concatenate([states, features[:, 2 * WIDTH :]], axis=1)


def pretrained_layer() -> tuple[nn.Module, torch.Tensor]:
    """MiniLM's third layer (trainable, float32) and the layer-2 state of a [CLS] token."""
    encoder = load_encoder("minilm-l6", 3)
    with torch.no_grad():
        ids = torch.tensor([[101, 1996, 2343, 2056, 102]])  # [CLS] the president said [SEP]
        sink = encoder(input_ids=ids, output_hidden_states=True).hidden_states[2][0, 0].clone()
    layer = copy.deepcopy(encoder.encoder.layer[2]).float()
    for parameter in layer.parameters():
        parameter.requires_grad_(True)  # the shared encoder's are frozen
    return layer, sink


def train_tuned(
    tagger: AttributionTagger, inputs: list[TokenInputs], articles: list[AnnotatedArticle], layer_lr: float, seed: int
) -> TunedLayer:
    """The head's own recipe (chunks, shifts, AdamW, one cycle), with the layer at ``layer_lr``; bfloat16 autocast."""
    torch.manual_seed(seed)
    generator = np.random.default_rng(seed)
    layer, sink = pretrained_layer()
    model = TunedLayer(layer, sink, tagger._net(WIDTH + inputs[0].features.shape[1] - 2 * WIDTH))
    features = [columns(x, 2) for x in inputs]
    targets = [bio_targets(x.offsets, a.attributions) for x, a in zip(inputs, articles, strict=True)]
    optimiser = torch.optim.AdamW(
        [
            {"params": [*model.layer.parameters(), model.sink], "lr": layer_lr, "weight_decay": 1e-2},
            {"params": model.head.parameters(), "lr": tagger.learning_rate, "weight_decay": 1e-2},
        ]
    )
    size, batch_size = tagger.chunk_tokens, tagger.batch_size
    scheduler: Any = None
    for epoch in range(tagger.epochs):
        chunks = shifted_chunks([len(x) for x in features], size, generator)
        order = generator.permutation(len(chunks))
        steps = (len(order) + batch_size - 1) // batch_size
        if scheduler is None:
            total_steps = steps * tagger.epochs + tagger.epochs
            scheduler = torch.optim.lr_scheduler.OneCycleLR(
                optimiser, [layer_lr, tagger.learning_rate], total_steps=total_steps
            )
        model.train()
        total, started = 0.0, time.perf_counter()
        for begin in range(0, len(order), batch_size):
            batch = [chunks[k] for k in order[begin : begin + batch_size]]
            x = pad([features[i][s:e] for i, s, e in batch])
            y = pad([targets[i][s:e] for i, s, e in batch], fill=-100)
            keep = pad([np.ones(e - s, dtype=bool) for _, s, e in batch], fill=False)
            with torch.autocast("cpu", dtype=torch.bfloat16):
                logits = model(x, keep)
            loss = nn.functional.cross_entropy(logits.float().reshape(-1, 3), y.reshape(-1), ignore_index=-100)
            total += training_step(loss, optimiser, scheduler)
        print(f"epoch {epoch + 1}: loss {total / steps:.4f} ({time.perf_counter() - started:.0f} s)", flush=True)
    return model.eval()


def tuned_inputs(model: TunedLayer, inputs: list[TokenInputs]) -> list[TokenInputs]:
    """Head inputs with the tuned layer's states, in windows of 384 pieces (32 of context each side)."""
    out = []
    with torch.inference_mode():
        for x in inputs:
            features = columns(x, 2)
            states = np.zeros((len(features), WIDTH), dtype=np.float32)
            for core_start in range(0, len(features), CORE):
                core_end = min(len(features), core_start + CORE)
                start, end = max(0, core_start - CONTEXT), min(len(features), core_end + CONTEXT)
                layer2 = torch.from_numpy(features[start:end, :WIDTH])[None]
                window = model.states(layer2, torch.ones(1, end - start, dtype=torch.bool))[0].numpy()
                states[core_start:core_end] = window[core_start - start : core_end - start]
            out.append(TokenInputs(x.offsets, np.concatenate([states, features[:, WIDTH:]], axis=1)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, required=True, help="keeps layer-2 and layer-3 inputs per article")
    parser.add_argument("--tuned", action="store_true", help="train the third layer too (else: the anchor)")
    parser.add_argument("--layer-lr", type=float, default=1e-4)
    parser.add_argument("--epochs", type=int, default=None, help="default: the shipped model's 8")
    parser.add_argument("--seed", type=int, default=18)
    args = parser.parse_args()
    train, inner = inner_split(SHARED / "data" / "attribution")
    started = time.perf_counter()
    train_inputs = cached_token_inputs(train, args.cache, "minilm-l6", (2, 3), "no_ner")
    inner_inputs = cached_token_inputs(inner, args.cache, "minilm-l6", (2, 3), "no_ner")
    params = json.loads((MODEL_DIR / "config.json").read_text(encoding="utf-8"))["params"]
    params.update(encoder_layers=[3], head_precision="fp32", seed=args.seed)
    if args.epochs is not None:
        params["epochs"] = args.epochs
    tagger = AttributionTagger(**params)
    if args.tuned:
        model = train_tuned(tagger, train_inputs, train, args.layer_lr, args.seed)
        tagger.nets_, tagger.input_dim_ = [model.head], model.head.input_dim
        scored_inputs = tuned_inputs(model, inner_inputs)
    else:
        anchor = [TokenInputs(x.offsets, columns(x, 3)) for x in train_inputs]
        tagger.fit([a.text for a in train], [a.attributions for a in train], anchor, log=print)
        scored_inputs = [TokenInputs(x.offsets, columns(x, 3)) for x in inner_inputs]
    scores = score_attributions(inner, tagger.predict_gold([a.text for a in inner], scored_inputs))
    figures = {mode: {part: round(s["f1"], 4) for part, s in parts.items()} for mode, parts in scores.items()}
    run = {"tuned": args.tuned, "layer_lr": args.layer_lr if args.tuned else None, "seed": args.seed}
    print(json.dumps({**run, "inner_f1": figures, "seconds": round(time.perf_counter() - started)}))


if __name__ == "__main__":
    main()
