"""Attribution extraction: who said what in each article, as Source / Cue / Content spans.

    extract_attributions(articles, model)     -> list[list[Attribution]]  (a shipped model, loaded once)
    train_attribution(data_dir, out_dir)      -> metrics on the dev split
    evaluate_attribution(data_dir, model_dir) -> metrics on the dev split

Offsets are into the original ``Article.text``. The model runs on the original text (so offsets need no
mapping), and attributions touching lines the cleaner removed as boilerplate are dropped.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from narratrace.claims.attribution_data import AnnotatedArticle, load_corpus, split_corpus
from narratrace.claims.attribution_decode import LinkedAttribution
from narratrace.claims.attribution_encoder import single_thread
from narratrace.claims.attribution_eval import score_attributions
from narratrace.claims.attribution_features import (
    ENCODER,
    ENCODER_LAYER,
    TokenInputs,
    parsed_token_inputs,
    token_inputs,
)
from narratrace.claims.attribution_model import AttributionTagger
from narratrace.claims.attribution_pseudo import teacher_tag, teacher_targets, with_extra_gold
from narratrace.claims.outlet_mentions import channel_outlet
from narratrace.claims.source_types import complete_parses, read_sources
from narratrace.claims.types import Attribution, TextSpan
from narratrace.clean.types import CleanArticle
from narratrace.nlp import one_load_at_a_time

MODEL_DIR = Path(__file__).with_name("model")
# The shipped models by name (docs/results/attribution.md): "default" reads MiniLM layer 3, "accurate" frozen MPNet
# (~3x the tagging CPU), "fast" spaCy's own tok2vec rows, no transformer (~40% less tagging CPU, fewer found).
ATTRIBUTION_MODELS = {
    "default": MODEL_DIR,
    "accurate": Path(__file__).with_name("model_accurate"),
    "fast": Path(__file__).with_name("model_fast"),
}


def attribution_model_dir(model: str | Path | None = None) -> Path:
    """The folder of a shipped model named in ``ATTRIBUTION_MODELS``, or ``model`` itself as a folder."""
    if model is None:
        return MODEL_DIR
    if isinstance(model, str) and model in ATTRIBUTION_MODELS:
        return ATTRIBUTION_MODELS[model]
    folder = Path(model)
    if not folder.is_dir():
        raise ValueError(f"attribution model {str(model)!r}: neither {', '.join(ATTRIBUTION_MODELS)} nor a folder")
    return folder


@lru_cache(maxsize=2)
@one_load_at_a_time
def load_attribution_model(model_dir: str | Path | None = None) -> AttributionTagger:
    """The tagger saved in ``model_dir`` (a folder or a shipped model's name; default: "default"), loaded once."""
    return AttributionTagger.load(attribution_model_dir(model_dir))


def _span(text: str, span: tuple[int, int] | None) -> TextSpan | None:
    return TextSpan(span[0], span[1], text[span[0] : span[1]]) if span else None


def _touches(span: tuple[int, int] | None, removed: Sequence[tuple[int, int]]) -> bool:
    return span is not None and any(span[0] < end and start < span[1] for start, end in removed)


def _channel(text: str, attribution: LinkedAttribution, source_type: str) -> tuple[int, int] | None:
    """The outlet a non-outlet source spoke to (an outlet source is itself the outlet cited)."""
    if attribution.source is None or source_type in ("outlet", "unattributed"):
        return None
    return channel_outlet(text, attribution.source, attribution.cue, attribution.content[0])


def to_attributions(
    article_id: str, text: str, linked: Sequence[LinkedAttribution], doc: Any | None = None
) -> list[Attribution]:
    """Records with typed sources from linked character spans (``doc``: ``text`` parsed, if it already is)."""
    readings = read_sources(text, [a.source for a in linked], doc)
    records = []
    for attribution, reading in zip(linked, readings, strict=True):
        content = _span(text, attribution.content)
        assert content is not None
        records.append(
            Attribution(
                article_id,
                _span(text, attribution.source),
                _span(text, attribution.cue),
                content,
                reading.source_type,
                attribution.confidence,
                _span(text, reading.refers_to),
                _span(text, _channel(text, attribution, reading.source_type)),
            )
        )
    return records


def extract_attributions(
    articles: Sequence[CleanArticle] | Sequence[str], model: AttributionTagger | str | Path | None = None
) -> list[list[Attribution]]:
    """Every attribution of every article, in text order; plain strings get ids ``text-0``, ``text-1``…

    ``model``: a loaded tagger, a shipped model's name (``ATTRIBUTION_MODELS``) or a folder; default "default".
    """
    if not articles:
        return []
    tagger = model if isinstance(model, AttributionTagger) else load_attribution_model(model)
    ids: list[str] = []
    texts: list[str] = []
    removed: list[list[tuple[int, int]]] = []
    for i, article in enumerate(articles):
        if isinstance(article, CleanArticle):
            ids.append(article.id)
            texts.append(article.article.text)
            removed.append([(line.start, line.end) for line in article.boilerplate])
        else:
            ids.append(f"text-{i}")
            texts.append(str(article))
            removed.append([])
    # Long texts go in pieces cut at line ends: attributions do not cross paragraphs, and parsing and tagging
    # a 1 MB text whole costs minutes where its pieces cost seconds.
    pieces = [(index, start, end) for index, text in enumerate(texts) for start, end in text_pieces(text)]
    results: list[list[Attribution]] = [[] for _ in texts]
    for group in _groups(pieces):
        piece_texts = [texts[index][start:end] for index, start, end in group]
        inputs, docs = parsed_token_inputs(piece_texts, tagger.encoder, tagger.encoder_layers, tagger.syntax)
        with single_thread():
            # One piece per call: the head pads the chunks of a batch to one length and its convolutions see
            # the padding, so a piece tagged beside others could come out differently than tagged alone.
            linked = [tagger.predict_gold([text], [x])[0] for text, x in zip(piece_texts, inputs, strict=True)]
        # A parse without NER gets entities around the sources, for the whole group in one NER stream.
        whole = [i for i, piece_docs in enumerate(docs) if len(piece_docs) == 1]
        complete_parses(
            [piece_texts[i] for i in whole], [docs[i][0] for i in whole], [[a.source for a in linked[i]] for i in whole]
        )
        for (index, start, _), piece, found, piece_docs in zip(group, piece_texts, linked, docs, strict=True):
            kept = [
                a
                for a in found
                if not any(_touches(_moved(s, start), removed[index]) for s in (a.source, a.cue, a.content))
            ]
            # Source typing reads the parse the tagger's features came from (a piece is one parsed chunk).
            doc = piece_docs[0] if len(piece_docs) == 1 else None
            typed = to_attributions(ids[index], piece, kept, doc)
            results[index].extend(_shifted(a, start, texts[index]) for a in typed)
    return results


# Pieces are encoded, parsed and tagged this many characters at a time: their states (~2 KB per word piece)
# and parses are held only for one group, so memory stays bounded whatever the number or length of articles.
GROUP_CHARS = 100_000


def _groups(pieces: list[tuple[int, int, int]]) -> list[list[tuple[int, int, int]]]:
    groups: list[list[tuple[int, int, int]]] = [[]]
    size = 0
    for piece in pieces:
        if groups[-1] and size + piece[2] - piece[1] > GROUP_CHARS:
            groups.append([])
            size = 0
        groups[-1].append(piece)
        size += piece[2] - piece[1]
    return groups


PIECE_CHARS = 20_000


def text_pieces(text: str, limit: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` pieces of at most ``limit`` characters, cut after a line end where there is one."""
    pieces: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        cut = text.rfind("\n", start, start + limit)
        end = cut + 1 if cut > start else start + limit
        pieces.append((start, end))
        start = end
    pieces.append((start, len(text)))
    return pieces


def _moved(span: tuple[int, int] | None, offset: int) -> tuple[int, int] | None:
    return (span[0] + offset, span[1] + offset) if span else None


def _shifted(attribution: Attribution, offset: int, text: str) -> Attribution:
    """An attribution found in a piece, with its spans moved into the whole text's coordinates."""
    if offset == 0:
        return attribution

    def move(span: TextSpan | None) -> TextSpan | None:
        return None if span is None else TextSpan(span.start + offset, span.end + offset, span.text)

    content = move(attribution.content)
    assert content is not None and text[content.start : content.end] == content.text
    return replace(
        attribution,
        source=move(attribution.source),
        cue=move(attribution.cue),
        content=content,
        refers_to=move(attribution.refers_to),
        via=move(attribution.via),
    )


def cached_token_inputs(
    articles: Sequence[AnnotatedArticle],
    cache_dir: Path | None,
    encoder: str = ENCODER,
    layers: Sequence[int] = (ENCODER_LAYER,),
    syntax: str = "full",
) -> list[TokenInputs]:
    """Tagger inputs per article, kept as ``NAME.npz`` in ``cache_dir`` (fp16) when one is given.

    Inputs from another encoder or other layers than MiniLM layer 6 are kept as ``NAME.ENCODER-LAYERS.npz``,
    those with another syntax variant than "full" as ``NAME.ENCODER-LAYERS.VARIANT.npz``.
    """
    if cache_dir is None:
        return token_inputs([a.text for a in articles], encoder=encoder, layers=layers, syntax=syntax)
    cache_dir.mkdir(parents=True, exist_ok=True)
    default = encoder == ENCODER and tuple(layers) == (ENCODER_LAYER,) and syntax == "full"
    suffix = "" if default else f".{encoder}-{'-'.join(map(str, layers))}"
    suffix += "" if syntax == "full" else f".{syntax}"
    missing = [a for a in articles if not (cache_dir / f"{a.name}{suffix}.npz").exists()]
    for start in range(0, len(missing), 16):
        batch = missing[start : start + 16]
        computed = token_inputs([a.text for a in batch], encoder=encoder, layers=layers, syntax=syntax)
        for article, inputs in zip(batch, computed, strict=True):
            features = inputs.features.astype(np.float16)
            np.savez(cache_dir / f"{article.name}{suffix}.npz", offsets=inputs.offsets, features=features)
    loaded = []
    for article in articles:
        with np.load(cache_dir / f"{article.name}{suffix}.npz") as saved:
            loaded.append(TokenInputs(saved["offsets"], saved["features"]))
    return loaded


def layer_groups(text: str) -> list[list[int]]:
    """The encoder layers of each head, as ``--heads`` writes them: "6;6,8" -> [[6], [6, 8]]; "3" -> [[3]].
    Raises ValueError on anything but numbers."""
    return [[int(layer) for layer in group.split(",")] for group in text.split(";")]


def train_attribution(
    data_dir: Path,
    out_dir: Path,
    log: Callable[[str], None] | None = None,
    cache_dir: Path | None = None,
    extra_gold: Sequence[Path] = (),
    soft_teacher: str | Path | None = None,
    **params: Any,
) -> dict[str, Any]:
    """Train on the PolNeAR folder's train part (dev held out), save to ``out_dir``, score on dev.

    ``cache_dir`` keeps the encoder's inputs per article between runs (they take most of the time).
    ``extra_gold``: PolNeAR-shaped folders whose every article is trained on too (a teacher's pseudo-labels,
    ``attribution_pseudo``); none may hold a dev article. ``soft_teacher``: a model (a shipped one's name or a
    folder) whose probabilities on every training text are learnt too (``attribution_pseudo.teacher_targets``).
    """
    started = time.perf_counter()
    train, dev = split_corpus(load_corpus(data_dir))
    train = with_extra_gold(train, dev, extra_gold)
    tagger = AttributionTagger(**params)
    texts = [a.text for a in train]
    inputs = cached_token_inputs(train, cache_dir, tagger.encoder, tagger.encoder_layers, tagger.syntax)
    soft = None
    if soft_teacher is not None:
        teacher_dir = attribution_model_dir(soft_teacher)
        tag = teacher_tag(teacher_dir)
        files = [cache_dir / f"{a.name}.soft-{tag}.npy" for a in train] if cache_dir is not None else None
        soft = teacher_targets(load_attribution_model(teacher_dir), texts, [x.offsets for x in inputs], files, log)
    tagger.fit(texts, [a.attributions for a in train], inputs, log=log, soft=soft)
    tagger.save(out_dir)
    metrics = _score(tagger, dev, cache_dir)
    metrics["train_articles"] = len(train)
    metrics["train_seconds"] = round(time.perf_counter() - started, 1)
    return metrics


def _score(tagger: AttributionTagger, dev: Sequence[AnnotatedArticle], cache_dir: Path | None) -> dict[str, Any]:
    inputs = cached_token_inputs(dev, cache_dir, tagger.encoder, tagger.encoder_layers, tagger.syntax)
    predictions = tagger.predict_gold([a.text for a in dev], inputs)
    return {"dev_articles": len(dev), "scores": score_attributions(dev, predictions)}


def evaluate_attribution(
    data_dir: Path, model_dir: str | Path | None = None, cache_dir: Path | None = None
) -> dict[str, Any]:
    """Scores of a saved model (a folder or a shipped model's name; default "default") on the dev split."""
    _, dev = split_corpus(load_corpus(data_dir))
    return _score(load_attribution_model(model_dir), dev, cache_dir)
