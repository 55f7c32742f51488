"""Where an attribution head's Content errors lie on the inner split: matched, missed, too long or too short.

    OMP_NUM_THREADS=2 nice python -m bench.attribution_inner --cache DIR --out HEAD --seed 18   # a head to read
    OMP_NUM_THREADS=2 nice python -m bench.attribution_errors --model HEAD --cache DIR [--merge-split-quotes]

Each gold content is set against the predicted content sharing most of its words (docs/results/attribution.md,
"Where the default's Content errors lie"). For the gold attributions whose content no prediction touches, it
counts how many have a speech cue and how many lost their cue too. ``--merge-split-quotes`` also scores the decoding
variant that joins two predicted contents opening with a quotation mark around a predicted cue (PolNeAR reads a
quotation split by "he said" as one span). Never run on the dev split.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench.attribution_inner import SHARED, inner_split
from narratrace.claims import attribution_model
from narratrace.claims.attribution import cached_token_inputs
from narratrace.claims.attribution_decode import ScoredSpan
from narratrace.claims.attribution_eval import WordIndex, score_attributions, span_match

Span = tuple[int, int]
# Cue words of speech; any other cue attributes a belief, a vote or an intention ("voted for", "hoped").
SPEECH_CUE_STEMS = (
    "said", "say", "told", "tell", "according", "state", "announc", "claim", "report", "argu", "wrote", "writ",
    "explain", "insist", "added", "noted", "quot",
)  # fmt: skip
QUOTE_MARKS = "\"“'‘"


def _best(spans: Sequence[Span], gold: Span, index: WordIndex) -> tuple[Span | None, float]:
    best = max(spans, key=lambda span: span_match(span, gold, "any", index), default=None)
    return best, span_match(best, gold, "any", index) if best else 0.0


def content_errors(articles: Sequence[Any], predictions: Sequence[Sequence[Any]]) -> Counter[str]:
    """Counts of gold contents by how the best-sharing prediction reads them, and facts of the missed ones."""
    counts: Counter[str] = Counter()
    for article, predicted in zip(articles, predictions, strict=True):
        index = WordIndex(article.text)
        contents = sorted({p.content for p in predicted if p.content})
        cues = [p.cue for p in predicted if p.cue]
        for gold in article.spans("Content"):
            best, jaccard = _best(contents, gold, index)
            if best is None or jaccard == 0:
                counts["missed"] += 1
            elif jaccard >= 0.5:
                counts["matched"] += 1
            elif index.words(best) < index.words(gold):
                counts["too short"] += 1
            elif index.words(gold) < index.words(best):
                counts["too long"] += 1
            else:
                counts["shifted"] += 1
        for span in contents:
            if all(span_match(span, gold, "any", index) == 0 for gold in article.spans("Content")):
                counts["predicted, touching no gold content"] += 1
        for gold in article.attributions:
            if gold.content is None or _best(contents, gold.content, index)[1] > 0:
                continue
            cue = article.text[gold.cue[0] : gold.cue[1]].lower() if gold.cue else ""
            counts["missed attribution"] += 1
            counts["  with a speech cue" if any(s in cue for s in SPEECH_CUE_STEMS) else "  with another cue"] += 1
            if not any(span_match(found, gold.cue, "any", index) > 0 for found in cues if gold.cue):
                counts["  its cue missed too"] += 1
            if len(article.text[gold.content[0] : gold.content[1]].split()) <= 4:
                counts["  content of four words or fewer"] += 1
    return counts


def merging_split_quotes(max_gap: int, max_words: int) -> Callable[..., list[ScoredSpan]]:
    """``rescue_contents`` followed by joining two quotation contents around a predicted cue."""
    rescue = attribution_model.rescue_contents

    def merged(
        text: str, cues: list[ScoredSpan], strict: list[ScoredSpan], loose: list[ScoredSpan], max_chars: int
    ) -> list[ScoredSpan]:
        out: list[ScoredSpan] = []
        for span in rescue(text, cues, strict, loose, max_chars):
            if out:
                last = out[-1]
                gap = text[last.end : span.start]
                if (
                    0 < len(gap) <= max_gap
                    and "\n" not in gap
                    and len(gap.split()) <= max_words
                    and text[last.start] in QUOTE_MARKS
                    and text[span.start] in QUOTE_MARKS
                    and any(last.end <= cue.start and cue.end <= span.start for cue in cues)
                ):
                    out[-1] = ScoredSpan(last.start, span.end, max(last.score, span.score))
                    continue
            out.append(span)
        return out

    return merged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, required=True, help="a head trained on the inner split's training part")
    parser.add_argument("--cache", type=Path, required=True, help="train attribution's input cache")
    parser.add_argument("--merge-split-quotes", action="store_true", help="score the quotation-merging variant too")
    args = parser.parse_args()
    _, inner = inner_split(SHARED / "data" / "attribution")
    tagger = attribution_model.AttributionTagger.load(args.model)
    inputs = cached_token_inputs(inner, args.cache, tagger.encoder, tagger.encoder_layers, tagger.syntax)
    predictions = tagger.predict_gold([a.text for a in inner], inputs)
    scores = score_attributions(inner, predictions)
    print("overlap F1", json.dumps({part: s["f1"] for part, s in scores["overlap"].items()}))
    for name, count in content_errors(inner, predictions).items():
        print(f"{name:40s} {count:6d}")
    if args.merge_split_quotes:
        shipped = attribution_model.rescue_contents
        for max_gap in (40, 80, 160):
            for max_words in (6, 12):
                attribution_model.rescue_contents = merging_split_quotes(max_gap, max_words)
                merged = score_attributions(inner, tagger.predict_gold([a.text for a in inner], inputs))
                print(f"split quotes merged, gap {max_gap}, {max_words} words: Content overlap F1", end=" ")
                print(merged["overlap"]["Content"]["f1"])
        attribution_model.rescue_contents = shipped


if __name__ == "__main__":
    main()
