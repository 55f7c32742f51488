"""Why ``find_reuse`` misses a true pair of a generated corpus: the first of its gates that drops the pair.

The gates, in the order ``find_reuse`` applies them (``narratrace.reuse.local_engine``):

1. ``candidate``: the pair shares fewer than ``min_shared_shingles`` indexed shingles (stock background left out);
2. ``worth_aligning``: its index counts cannot add up to a copy, partial or shared quote;
3. ``could_link``: its rare shared shingles cannot cover enough words for a copy or partial (skipped when the
   two may share a quotation: one the index found in both, or a tweet one embeds);
4. ``alignment``: no aligned passage is long enough;
5. ``pair_kind``: the passages are aligned but make a ``stock`` pair (evidence under every kind's threshold).

Each missed pair is written to ``misses.jsonl`` in the corpus folder with its true shared text (as the first
document prints it), the gate and the figures that gate looked at.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from bench.reuse_systems import _read_articles
from narratrace.provenance.corpus import ReuseCorpus
from narratrace.reuse.align import find_anchors
from narratrace.reuse.candidates import document_bits, find_candidates, index_key
from narratrace.reuse.options import ReuseOptions
from narratrace.reuse.packed import source_ids
from narratrace.reuse.pairs import build_pair
from narratrace.reuse.prepared import PreparedText, prepare
from narratrace.reuse.significance import ShingleRarity, background_for, could_link, index_hashes, worth_aligning
from narratrace.reuse.tweets import tweet_spans

_SHOWN_CHARACTERS = 400


def _missed(truth: dict[str, Any], predictions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found = {tuple(sorted((p["a"], p["b"]))) for p in predictions}
    return [p for p in truth["pairs"] if tuple(sorted((p["a"], p["b"]))) not in found]


def _gate(
    first: PreparedText,
    second: PreparedText,
    candidate: tuple[int, int, int] | None,
    tweet: bool,
    options: ReuseOptions,
) -> dict[str, Any]:
    if candidate is None:
        return {"gate": "candidate"}
    shared, lists, quoted = candidate
    figures: dict[str, Any] = {"shared_shingles": shared, "postings_lists": lists, "quoted_shingles": quoted}
    if not worth_aligning(shared, lists, quoted, len(first.words), len(second.words), options, tweet):
        return {"gate": "worth_aligning", **figures}
    i_anchor, j_anchor = find_anchors(first, second, options.max_anchor_repeats)
    if first.weights is not None and second.weights is not None:
        rare = np.minimum(first.weights[i_anchor], second.weights[j_anchor]) > 0
        i_anchor, j_anchor = i_anchor[rare], j_anchor[rare]
    quoted_evidence = tweet or quoted >= options.min_shared_shingles
    if not quoted_evidence and not could_link(i_anchor, j_anchor, len(first.words), len(second.words), options):
        return {"gate": "could_link", **figures}
    pair = build_pair(first, second, replace(options, keep_stock=True), quoted_evidence)
    if pair is None:
        return {"gate": "alignment", **figures}
    figures.update(kind=pair.kind, significance=pair.significance, containment=[pair.containment_a, pair.containment_b])
    return {"gate": "pair_kind" if pair.kind == "stock" else "none (found when aligned alone)", **figures}


def write_misses(corpus: Path, truth: dict[str, Any], predictions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The gate of every missed true pair of ``corpus`` (a folder with corpus.jsonl), also to misses.jsonl."""
    missed = _missed(truth, predictions)
    rows: list[dict[str, Any]] = []
    if missed:
        options = ReuseOptions()
        lean = ReuseCorpus.from_articles(_read_articles(corpus / "corpus.jsonl"))
        lean.mask_repeated_chrome()  # as ``run_narratrace`` does
        sources = lean.sources
        bits, background = document_bits(len(sources)), background_for(options)
        keys = []
        for k, source in enumerate(sources):
            plain, quoted_hashes, _ = index_hashes(source, options, background)
            keys.append(index_key(plain, k, bits, quoted_hashes))
        candidates = find_candidates(
            np.concatenate(keys), len(sources), options.min_shared_shingles, options.max_document_frequency
        )
        rarity = ShingleRarity.from_frequencies(background, candidates.frequent, candidates.frequency, bits, options)
        size = len(candidates)
        lists = candidates.lists if len(candidates.lists) else np.ones(size, np.int64)
        quoted = candidates.quoted if len(candidates.quoted) else np.zeros(size, np.int64)
        rows_of_counts = zip(candidates.first, candidates.second, candidates.shared, lists, quoted, strict=True)
        counts = {(int(f), int(s)): (int(n), int(r), int(q)) for f, s, n, r, q in rows_of_counts}
        position = {doc_id: k for k, doc_id in enumerate(source_ids(sources))}
        for true_pair in missed:
            a, b = sorted((position[true_pair["a"]], position[true_pair["b"]]))
            first, second = (prepare(sources[k], options.shingle_words, rarity.weights) for k in (a, b))
            tweet = bool(tweet_spans(sources[a].text) or tweet_spans(sources[b].text))
            text = sources[position[true_pair["a"]]].text
            shared = [text[p[0] : p[1]][:_SHOWN_CHARACTERS] for p in true_pair["passages"]]
            rows.append(
                {
                    "a": true_pair["a"],
                    "b": true_pair["b"],
                    "relation": true_pair["relation"],
                    "lifted_sentence": bool(true_pair.get("lifted_sentence")),
                    "words": [len(first.words), len(second.words)],
                    "shared_text": shared,
                    **_gate(first, second, counts.get((a, b)), tweet, options),
                }
            )
    with (corpus / "misses.jsonl").open("w", encoding="utf-8") as out:
        out.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    return rows
