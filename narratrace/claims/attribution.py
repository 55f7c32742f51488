"""Attribution extraction: who said what in each article, as Source / Cue / Content spans.

    extract_attributions(articles)            -> list[list[Attribution]]  (shipped model, loaded once)
    train_attribution(data_dir, out_dir)      -> metrics on the dev split
    evaluate_attribution(data_dir, model_dir) -> metrics on the dev split

Offsets are into the original ``Article.text``. The model runs on the original text (so offsets need no
mapping), and attributions touching lines the cleaner removed as boilerplate are dropped.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from narratrace.claims.attribution_data import AnnotatedArticle, load_corpus, split_corpus
from narratrace.claims.attribution_decode import LinkedAttribution
from narratrace.claims.attribution_eval import score_attributions
from narratrace.claims.attribution_features import TokenInputs, token_inputs
from narratrace.claims.attribution_model import AttributionTagger
from narratrace.claims.source_types import type_sources
from narratrace.claims.types import Attribution, TextSpan
from narratrace.clean.types import CleanArticle

MODEL_DIR = Path(__file__).with_name("model")


@lru_cache(maxsize=2)
def load_attribution_model(model_dir: Path | None = None) -> AttributionTagger:
    """The tagger saved in ``model_dir`` (default: the one shipped in the package), loaded once."""
    return AttributionTagger.load(model_dir or MODEL_DIR)


def _span(text: str, span: tuple[int, int] | None) -> TextSpan | None:
    return TextSpan(span[0], span[1], text[span[0] : span[1]]) if span else None


def _touches(span: tuple[int, int] | None, removed: Sequence[tuple[int, int]]) -> bool:
    return span is not None and any(span[0] < end and start < span[1] for start, end in removed)


def to_attributions(article_id: str, text: str, linked: Sequence[LinkedAttribution]) -> list[Attribution]:
    """Records with typed sources from linked character spans."""
    types = type_sources(text, [a.source for a in linked])
    records = []
    for attribution, source_type in zip(linked, types, strict=True):
        content = _span(text, attribution.content)
        assert content is not None
        records.append(
            Attribution(
                article_id,
                _span(text, attribution.source),
                _span(text, attribution.cue),
                content,
                source_type,
                attribution.confidence,
            )
        )
    return records


def extract_attributions(
    articles: Sequence[CleanArticle] | Sequence[str], model: AttributionTagger | None = None
) -> list[list[Attribution]]:
    """Every attribution of every article, in text order; plain strings get ids ``text-0``, ``text-1``…"""
    if not articles:
        return []
    tagger = model or load_attribution_model()
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
    linked = tagger.predict_gold(texts, token_inputs(texts))
    results = []
    for article_id, text, found, boilerplate in zip(ids, texts, linked, removed, strict=True):
        kept = [a for a in found if not any(_touches(s, boilerplate) for s in (a.source, a.cue, a.content))]
        results.append(to_attributions(article_id, text, kept))
    return results


def cached_token_inputs(articles: Sequence[AnnotatedArticle], cache_dir: Path | None) -> list[TokenInputs]:
    """Tagger inputs per article, kept as ``NAME.npz`` in ``cache_dir`` (fp16) when one is given."""
    if cache_dir is None:
        return token_inputs([a.text for a in articles])
    cache_dir.mkdir(parents=True, exist_ok=True)
    missing = [a for a in articles if not (cache_dir / f"{a.name}.npz").exists()]
    for start in range(0, len(missing), 16):
        batch = missing[start : start + 16]
        for article, inputs in zip(batch, token_inputs([a.text for a in batch]), strict=True):
            features = inputs.features.astype(np.float16)
            np.savez(cache_dir / f"{article.name}.npz", offsets=inputs.offsets, features=features)
    loaded = []
    for article in articles:
        with np.load(cache_dir / f"{article.name}.npz") as saved:
            loaded.append(TokenInputs(saved["offsets"], saved["features"]))
    return loaded


def train_attribution(
    data_dir: Path,
    out_dir: Path,
    log: Callable[[str], None] | None = None,
    cache_dir: Path | None = None,
    **params: Any,
) -> dict[str, Any]:
    """Train on the PolNeAR folder's train part (dev held out), save to ``out_dir``, score on dev.

    ``cache_dir`` keeps the encoder's inputs per article between runs (they take most of the time).
    """
    started = time.perf_counter()
    train, dev = split_corpus(load_corpus(data_dir))
    tagger = AttributionTagger(**params)
    texts = [a.text for a in train]
    tagger.fit(texts, [a.attributions for a in train], cached_token_inputs(train, cache_dir), log=log)
    tagger.save(out_dir)
    metrics = _score(tagger, dev, cache_dir)
    metrics["train_articles"] = len(train)
    metrics["train_seconds"] = round(time.perf_counter() - started, 1)
    return metrics


def _score(tagger: AttributionTagger, dev: Sequence[AnnotatedArticle], cache_dir: Path | None) -> dict[str, Any]:
    predictions = tagger.predict_gold([a.text for a in dev], cached_token_inputs(dev, cache_dir))
    return {"dev_articles": len(dev), "scores": score_attributions(dev, predictions)}


def evaluate_attribution(
    data_dir: Path, model_dir: Path | None = None, cache_dir: Path | None = None
) -> dict[str, Any]:
    """Scores of a saved model (default: the shipped one) on the dev split of the PolNeAR folder."""
    _, dev = split_corpus(load_corpus(data_dir))
    return _score(load_attribution_model(model_dir), dev, cache_dir)
