"""The attribution tagger: Source / Cue / Content BIO tags per word piece, then parts linked into attributions.

A small head over the frozen MiniLM states and syntax features (``attribution_features``): a projection and
residual dilated convolutions (kernel 3: receptive field ~127 word pieces, enough for most content clauses), with
three 3-way outputs, one per part (O / B / I), so that a cue inside another attribution's content keeps both.
Saved as ``config.json`` + ``head.safetensors`` (fp16): no pickles. A model may hold several heads (an ensemble:
``head_layers`` says which encoder layers each reads; ``head.1.safetensors``… beside the first), whose softmax
outputs are averaged before decoding.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from narratrace.claims import attribution_batches as batches
from narratrace.claims.attribution_data import PARTS, GoldAttribution
from narratrace.claims.attribution_decode import (
    ScoredSpan,
    SyntaxFlags,
    contents_without_trailing_function_words,
    cues_without_trailing_commas,
    decode_spans,
    drop_unattributed,
    link_parts,
    merge_close,
    recover_sources,
    rescue_contents,
    snap_contents,
    source_word_starts,
    sources_without_trailing_prepositions,
    split_at_lines,
)
from narratrace.claims.attribution_features import (
    ENCODER,
    ENCODER_LAYER,
    POS_TAGS,
    TokenInputs,
    flag_columns_start,
    quotation_chars,
    syntax_width,
    token_inputs,
)
from narratrace.claims.attribution_head import inference_head
from narratrace.claims.attribution_syntax import check_variant
from narratrace.techniques.encoder import resolve_precision

CONFIG_FILE, WEIGHTS_FILE = "config.json", "head.safetensors"  # further heads: head.1.safetensors, …
DILATIONS = (1, 2, 4, 8, 16, 32)
# Hysteresis thresholds (a run of words at >= low holding one word at >= high) per part; the Cue keeps span_low /
# span_high, which also read the looser contents a cue without one in reach may take. Chosen on the inner split
# for the default model, mean of two heads (docs/results/attribution.md): a content needs one word at 0.75 and a
# cue one at 0.6 (Content +0.005, whole attributions +0.010 over 0.65 and 0.55). A lower content "low" scored
# as well there but ran contents on into the next words ("out of business," while). The accurate and fast
# models' configs keep the thresholds they were scored with.
DEFAULT_PART_SPANS = {"Source": [0.35, 0.45], "Content": [0.35, 0.75]}


class AttributionNet(nn.Module):
    """(batch, tokens, input_dim) -> logits (batch, tokens, len(PARTS), 3)."""

    def __init__(
        self,
        input_dim: int,
        hidden: int,
        dropout: float,
        kernel: int = 3,
        dilations: Sequence[int] = DILATIONS,
        recurrent: bool = False,
    ) -> None:
        super().__init__()
        self.input_dim = input_dim
        self.project = nn.Sequential(nn.Dropout(dropout), nn.Linear(input_dim, hidden), nn.GELU())
        pad = kernel // 2
        self.convs = nn.ModuleList(nn.Conv1d(hidden, hidden, kernel, padding=pad * d, dilation=d) for d in dilations)
        self.dropout = nn.Dropout(dropout)
        # A bidirectional GRU over the conv states lets the end of a long quote see the cue that opened it,
        # beyond the convolutions' receptive field.
        self.recurrent = nn.GRU(hidden, hidden // 2, batch_first=True, bidirectional=True) if recurrent else None
        self.out = nn.Linear(hidden, 3 * len(PARTS))

    def forward(self, inputs: torch.Tensor) -> torch.Tensor:
        hidden = self.project(inputs).transpose(1, 2)
        for conv in self.convs:
            hidden = hidden + nn.functional.gelu(conv(self.dropout(hidden)))
        hidden = hidden.transpose(1, 2)
        if self.recurrent is not None:
            hidden = hidden + self.recurrent(self.dropout(hidden))[0]
        logits = self.out(hidden)
        return logits.reshape(*logits.shape[:2], len(PARTS), 3)


def syntax_flags(features: np.ndarray, variant: str = "full") -> SyntaxFlags:
    """What source recovery reads from the syntax block that ends every input row (``attribution_features``)."""
    syntax = features[:, -syntax_width(variant) :]
    pos = {tag: column for column, tag in enumerate(POS_TAGS)}
    sentence_start = flag_columns_start(variant) + 1  # the "starts a sentence" flag
    return SyntaxFlags(
        sentence_start=syntax[:, sentence_start] > 0.5,
        nominal=syntax[:, [pos["NOUN"], pos["PROPN"], pos["PRON"]]].max(axis=1) > 0.5,
        clause_opener=syntax[:, [pos[t] for t in ("ADP", "SCONJ", "ADV", "VERB", "AUX", "CCONJ")]].max(axis=1) > 0.5,
    )


class AttributionTagger:
    """sklearn-style: hyper-parameters in the constructor, ``fit`` learns ``nets_`` (the heads) and ``input_dim_``."""

    def __init__(
        self,
        hidden: int = 96,
        kernel: int = 3,
        dilations: Sequence[int] = DILATIONS,
        recurrent: bool = False,
        dropout: float = 0.2,
        epochs: int = 8,
        learning_rate: float = 2e-3,
        chunk_tokens: int = 384,
        batch_size: int = 16,
        max_link_chars: int = 250,
        content_gap_chars: int = 10,
        content_lines: bool = False,
        span_low: float = 0.35,
        span_high: float = 0.6,
        part_spans: dict[str, list[float]] | None = None,
        min_uncued_confidence: float = 0.7,
        seed: int = 18,
        encoder: str = ENCODER,
        encoder_layers: Sequence[int] = (ENCODER_LAYER,),
        head_layers: Sequence[Sequence[int]] | None = None,
        head_seeds: Sequence[int] | None = None,
        syntax: str = "full",
        head_precision: str = "fp32",
        soft_weight: float = 1.0,
    ) -> None:
        self.hidden = hidden
        self.kernel = kernel
        self.dilations = tuple(dilations)
        self.recurrent = recurrent
        self.dropout = dropout
        self.epochs = epochs
        self.learning_rate = learning_rate
        self.chunk_tokens = chunk_tokens
        self.batch_size = batch_size
        self.max_link_chars = max_link_chars
        self.content_gap_chars = content_gap_chars
        # Contents cut at line breaks like sources and cues: 0.5% of gold contents cross one, 3% of the layer-3
        # head's did, running a quote into the next paragraph (docs/results/attribution.md). A config without the
        # key keeps them whole.
        self.content_lines = content_lines
        self.span_low = span_low
        self.span_high = span_high
        # Per-part (low, high) hysteresis overriding the shared pair; chosen on an inner split of the training
        # part (docs/results/attribution.md): sources gain recall from a lower peak (0.45; a lower floor
        # runs a source into its neighbour, "Donald Trump, CBS News"), contents precision from a higher peak.
        self.part_spans = part_spans if part_spans is not None else dict(DEFAULT_PART_SPANS)
        self.min_uncued_confidence = min_uncued_confidence
        self.seed = seed
        # Which frozen encoder's states (those layers, concatenated) the head reads; a config without these
        # keys is a MiniLM layer-6 model.
        self.encoder = encoder
        self.encoder_layers = tuple(encoder_layers)
        # An ensemble: one head per entry, each reading those of ``encoder_layers`` (states in that order) plus
        # the syntax features; None is one head reading them all. Averaging two heads' probabilities gains on
        # contents and sources alike (docs/results/attribution.md).
        self.head_layers = tuple(tuple(layers) for layers in head_layers) if head_layers else None
        if self.head_layers and not all(set(layers) <= set(self.encoder_layers) for layers in self.head_layers):
            raise ValueError(f"head layers {self.head_layers} not all among the encoder's {self.encoder_layers}")
        # Each head's seed (two heads reading the same layers differ only by it); None: every head starts from
        # ``seed``, as the accurate model's did.
        self.head_seeds = tuple(int(seed) for seed in head_seeds) if head_seeds else None
        if self.head_seeds and len(self.head_seeds) != len(self.head_layers or [()]):
            raise ValueError(f"{len(self.head_seeds)} head seeds for {len(self.head_layers or [()])} heads")
        # Which parse the syntax features come from (``attribution_syntax.SYNTAX_VARIANTS``); a config without
        # the key is a "full" model.
        self.syntax = check_variant(syntax)
        # The head at inference: "auto" runs it in bfloat16 where the CPU has it natively (``attribution_head``);
        # a config without the key is float32, as the head was trained.
        resolve_precision(head_precision)  # raises on an unknown precision
        self.head_precision = head_precision
        # How much a teacher's probabilities (``fit(..., soft=...)``) weigh against the gold tags' loss.
        self.soft_weight = soft_weight
        self._inference_heads: dict[int, tuple[AttributionNet, str, Any]] = {}

    def get_params(self) -> dict[str, Any]:
        names = (  # noqa: SIM905
            "hidden kernel dilations recurrent dropout epochs learning_rate chunk_tokens batch_size max_link_chars "
            "content_gap_chars content_lines span_low span_high part_spans min_uncued_confidence encoder "
            "encoder_layers head_layers head_seeds syntax head_precision soft_weight"
        ).split()
        return {name: getattr(self, name) for name in (*names, "seed")}

    def fit(
        self,
        texts: Sequence[str],
        gold: Sequence[Sequence[GoldAttribution]],
        inputs: Sequence[TokenInputs] | None = None,
        log: Any = None,
        soft: Sequence[np.ndarray | None] | None = None,
    ) -> AttributionTagger:
        """Learn from texts and their gold attributions; ``inputs`` may carry precomputed token inputs, ``soft`` a
        teacher's (n_pieces, len(PARTS), 3) probabilities per text (or None), learnt with weight ``soft_weight``."""
        inputs = list(inputs) if inputs is not None else self.token_inputs(texts)
        targets = [batches.bio_targets(x.offsets, g) for x, g in zip(inputs, gold, strict=True)]
        soft_targets = batches.soft_rows([x.offsets for x in inputs], soft)  # the same for every head
        self.nets_ = []
        for head in range(len(self.head_layers or [()])):
            features = [self._head_columns(x.features, head).astype(np.float32) for x in inputs]
            seed = self.head_seeds[head] if self.head_seeds else self.seed
            self.nets_.append(self._fit_head(features, targets, log, seed, soft_targets))
        self.input_dim_ = self.nets_[0].input_dim
        return self

    def _fit_head(
        self,
        features: list[np.ndarray],
        targets: list[np.ndarray],
        log: Any,
        seed: int,
        soft_targets: list[np.ndarray] | None = None,
    ) -> AttributionNet:
        """One head trained on ``features`` from ``seed`` (its initialisation and batch order), and on a teacher's
        probabilities where ``soft_targets`` (``attribution_batches.soft_rows``) gives them."""
        torch.manual_seed(seed)
        generator = np.random.default_rng(seed)
        net = self._net(features[0].shape[1])
        optimiser = torch.optim.AdamW(net.parameters(), lr=self.learning_rate, weight_decay=1e-2)
        steps_per_epoch = 0
        for epoch in range(self.epochs):
            pieces = batches.shifted_chunks([len(x) for x in features], self.chunk_tokens, generator)
            order = generator.permutation(len(pieces))
            if epoch == 0:
                steps_per_epoch = (len(order) + self.batch_size - 1) // self.batch_size
                scheduler = torch.optim.lr_scheduler.OneCycleLR(
                    optimiser, self.learning_rate, total_steps=steps_per_epoch * self.epochs + self.epochs
                )
            net.train()
            total = 0.0
            for batch_start in range(0, len(order), self.batch_size):
                batch = [pieces[k] for k in order[batch_start : batch_start + self.batch_size]]
                x = batches.pad([features[i][s:e] for i, s, e in batch])
                y = batches.pad([targets[i][s:e] for i, s, e in batch], fill=-100)
                logits = net(x)
                loss = nn.functional.cross_entropy(logits.reshape(-1, 3), y.reshape(-1), ignore_index=-100)
                if soft_targets is not None:
                    loss = loss + self.soft_weight * batches.soft_loss(
                        logits, batches.pad([soft_targets[i][s:e] for i, s, e in batch])
                    )
                total += batches.training_step(loss, optimiser, scheduler)
            if log is not None:
                log(f"epoch {epoch + 1}/{self.epochs}: loss {total / max(1, steps_per_epoch):.4f}")
        net.eval()
        return net

    @classmethod
    def ensemble(cls, taggers: Sequence[AttributionTagger], **params: Any) -> AttributionTagger:
        """One model averaging the heads of one-head ``taggers`` trained on the same encoder; the encoder runs once,
        to the union of their layers. Settings are the first tagger's, overridden by ``params``."""
        if len({t.encoder for t in taggers}) != 1 or any(t.head_layers for t in taggers):
            raise ValueError("an ensemble joins one-head taggers of one encoder")
        layers = sorted({layer for t in taggers for layer in t.encoder_layers})
        joined = cls(**{**taggers[0].get_params(), "encoder_layers": layers, **params})
        joined.head_layers = tuple(t.encoder_layers for t in taggers)
        joined.nets_ = [t.net_ for t in taggers]
        joined.input_dim_ = taggers[0].input_dim_
        return joined

    @property
    def net_(self) -> AttributionNet:
        """The first (or only) head."""
        return self.nets_[0]

    def _head_columns(self, features: np.ndarray, head: int) -> np.ndarray:
        """The input columns head ``head`` reads: its layers' states and the syntax features."""
        if self.head_layers is None:
            return features
        syntax_start = features.shape[1] - syntax_width(self.syntax)
        width = syntax_start // len(self.encoder_layers)
        blocks = [self.encoder_layers.index(layer) for layer in self.head_layers[head]]
        columns = [np.arange(block * width, (block + 1) * width) for block in blocks]
        return features[:, np.concatenate([*columns, np.arange(syntax_start, features.shape[1])])]

    def token_inputs(self, texts: Sequence[str]) -> list[TokenInputs]:
        """The inputs this model reads (its encoder's states and the syntax features) for ``texts``."""
        return token_inputs(texts, encoder=self.encoder, layers=self.encoder_layers, syntax=self.syntax)

    def _net(self, input_dim: int) -> AttributionNet:
        return AttributionNet(input_dim, self.hidden, self.dropout, self.kernel, self.dilations, self.recurrent)

    def predict_probs(self, inputs: Sequence[TokenInputs]) -> list[np.ndarray]:
        """(n_pieces, len(PARTS), 3) softmax outputs per text, averaged over the heads of an ensemble."""
        per_head = [
            self._head_probs(self._inference_head(net), [self._head_columns(x.features, head) for x in inputs])
            for head, net in enumerate(self.nets_)
        ]
        if len(per_head) == 1:
            return per_head[0]
        return [np.stack(probs).mean(axis=0, dtype=np.float32) for probs in zip(*per_head, strict=True)]

    def _inference_head(self, net: AttributionNet) -> Any:
        """``net`` as it runs at ``head_precision`` (made once per head and precision)."""
        cached = self._inference_heads.get(id(net))
        if cached is None or cached[0] is not net or cached[1] != self.head_precision:
            cached = (net, self.head_precision, inference_head(net.eval(), self.head_precision))
            self._inference_heads[id(net)] = cached
        return cached[2]

    @staticmethod
    def _head_probs(net: Any, features: Sequence[np.ndarray]) -> list[np.ndarray]:
        results = [np.zeros((len(x), len(PARTS), 3), dtype=np.float32) for x in features]
        jobs = [(i, s, e) for i, x in enumerate(features) for s, e in batches.chunks(len(x), 512)]
        with torch.inference_mode():
            for batch_start in range(0, len(jobs), 32):
                batch = jobs[batch_start : batch_start + 32]
                probs = torch.softmax(net(batches.pad([features[i][s:e].astype(np.float32) for i, s, e in batch])), -1)
                for row, (i, s, e) in enumerate(batch):
                    results[i][s:e] = probs[row, : e - s].numpy()
        return results

    def predict_gold(self, texts: Sequence[str], inputs: Sequence[TokenInputs] | None = None) -> list[list[Any]]:
        """Linked attributions per text as ``LinkedAttribution`` (character spans and a confidence)."""
        inputs = list(inputs) if inputs is not None else self.token_inputs(texts)
        out = []
        for text, x, probs in zip(texts, inputs, self.predict_probs(inputs), strict=True):
            spans = {
                part: decode_spans(text, x.offsets, probs[:, column], *self._thresholds(part))
                for column, part in enumerate(PARTS)
            }
            spans["Source"] = sources_without_trailing_prepositions(
                text, source_word_starts(text, split_at_lines(text, spans["Source"]))
            )
            spans["Cue"] = cues_without_trailing_commas(text, split_at_lines(text, spans["Cue"]))
            in_quotes = quotation_chars(text)
            loose = decode_spans(text, x.offsets, probs[:, PARTS.index("Content")], self.span_low, self.span_high)
            spans["Content"] = contents_without_trailing_function_words(
                text,
                rescue_contents(
                    text,
                    spans["Cue"],
                    self._finished_contents(text, spans["Content"], in_quotes),
                    self._finished_contents(text, loose, in_quotes),
                    self.max_link_chars,
                ),
            )
            linked = link_parts(text, spans, self.max_link_chars)
            linked = drop_unattributed(linked, self.min_uncued_confidence)
            out.append(recover_sources(text, linked, x.offsets, syntax_flags(x.features, self.syntax)))
        return out

    def _finished_contents(self, text: str, spans: list[ScoredSpan], in_quotes: np.ndarray) -> list[ScoredSpan]:
        if self.content_gap_chars:
            spans = merge_close(text, spans, self.content_gap_chars)
        if self.content_lines:
            spans = split_at_lines(text, spans, keep_open_quotes=True)
        return snap_contents(text, spans, in_quotes)

    def _thresholds(self, part: str) -> tuple[float, float]:
        low, high = self.part_spans.get(part, (self.span_low, self.span_high))
        return float(low), float(high)

    def save(self, directory: Path) -> Path:
        from safetensors.torch import save_file

        directory.mkdir(parents=True, exist_ok=True)
        params = self.get_params()
        for name in ("head_layers", "head_seeds"):
            if params[name] is None:
                del params[name]  # a one-head model's config stays as before
        config: dict[str, Any] = {"params": params, "input_dim": self.input_dim_, "parts": list(PARTS)}
        if len(self.nets_) > 1:
            config["input_dims"] = [net.input_dim for net in self.nets_]
        (directory / CONFIG_FILE).write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
        for head, net in enumerate(self.nets_):
            weights = {name: tensor.detach().half().contiguous() for name, tensor in net.state_dict().items()}
            save_file(weights, str(directory / _weights_file(head)))
        return directory

    @classmethod
    def load(cls, directory: Path) -> AttributionTagger:
        from safetensors.torch import load_file

        config = json.loads((directory / CONFIG_FILE).read_text(encoding="utf-8"))
        tagger = cls(**config["params"])
        tagger.input_dim_ = int(config["input_dim"])
        tagger.nets_ = []
        for head, input_dim in enumerate(config.get("input_dims", [tagger.input_dim_])):
            net = tagger._net(int(input_dim))
            weights = {name: tensor.float() for name, tensor in load_file(str(directory / _weights_file(head))).items()}
            net.load_state_dict(weights)
            tagger.nets_.append(net.eval())
        return tagger


def _weights_file(head: int) -> str:
    return WEIGHTS_FILE if head == 0 else WEIGHTS_FILE.replace(".", f".{head}.", 1)
