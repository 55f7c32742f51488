"""Attribution heads on the inner split: train on the training part less 15% (seed 7), score on that 15%.

    OMP_NUM_THREADS=1 nice python -m bench.attribution_inner --cache DIR [--encoder spacy-tok2vec] [--hidden 96]
        [--dilations 1,2,4,8,16,32] [--recurrent] [--seed 18] [--out DIR] [--model DIR] [--extra-gold DIR]

Model choices are made here, never on the dev split (docs/results/attribution.md): 592 articles to train, 105 to
score, by overlap F1 with the shipped decoding (the default model's settings, content merging off). ``--model``
scores a saved head on the inner split instead of training one; ``--extra-gold`` adds a teacher's pseudo-labelled
articles (``bench.attribution_pseudo``) to the 592. The cache is ``train attribution``'s.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path
from typing import Any

from narratrace.claims.attribution import MODEL_DIR, cached_token_inputs
from narratrace.claims.attribution_data import load_corpus, split_corpus
from narratrace.claims.attribution_eval import score_attributions
from narratrace.claims.attribution_model import AttributionTagger
from narratrace.claims.attribution_pseudo import with_extra_gold

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NARRATRACE_SHARED", REPO.parent / "shared"))
INNER_FRACTION, INNER_SEED = 0.15, 7


def inner_split(data_dir: Path) -> tuple[list[Any], list[Any]]:
    """(the training part less the inner split, the inner split): dev is never in either."""
    train, _dev = split_corpus(load_corpus(data_dir))
    return split_corpus(train, INNER_FRACTION, seed=INNER_SEED)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=None, help="keep token inputs per article here")
    parser.add_argument("--encoder", default=None, help="states the head reads (default: the shipped model's)")
    parser.add_argument("--layers", default=None, help="encoder layers, comma-separated (default: the shipped ones)")
    parser.add_argument("--hidden", type=int, default=None)
    parser.add_argument("--dilations", default=None, help="comma-separated (default: 1,2,4,8,16,32)")
    parser.add_argument("--recurrent", action="store_true", help="a bidirectional GRU over the convolutions")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--out", type=Path, default=None, help="save the inner head here")
    parser.add_argument("--model", type=Path, default=None, help="score this saved head instead of training")
    parser.add_argument(
        "--extra-gold", type=Path, action="append", default=[], help="PolNeAR-shaped folder trained on too (repeat)"
    )
    args = parser.parse_args()
    train, inner = inner_split(SHARED / "data" / "attribution")
    _, dev = split_corpus(load_corpus(SHARED / "data" / "attribution"))
    train = with_extra_gold(train, [*inner, *dev], args.extra_gold)
    started = time.perf_counter()
    if args.model is not None:
        tagger = AttributionTagger.load(args.model)
    else:
        params = json.loads((MODEL_DIR / "config.json").read_text(encoding="utf-8"))["params"]
        overrides = {
            "encoder": args.encoder,
            "encoder_layers": [int(n) for n in args.layers.split(",")] if args.layers else None,
            "hidden": args.hidden,
            "dilations": [int(n) for n in args.dilations.split(",")] if args.dilations else None,
            "seed": args.seed,
            "recurrent": args.recurrent or None,
        }
        params.update({name: value for name, value in overrides.items() if value is not None})
        tagger = AttributionTagger(**params)
        inputs = cached_token_inputs(train, args.cache, tagger.encoder, tagger.encoder_layers, tagger.syntax)
        tagger.fit([a.text for a in train], [a.attributions for a in train], inputs, log=print)
        if args.out is not None:
            tagger.save(args.out)
    inputs = cached_token_inputs(inner, args.cache, tagger.encoder, tagger.encoder_layers, tagger.syntax)
    scores = score_attributions(inner, tagger.predict_gold([a.text for a in inner], inputs))
    overlap = {part: round(s["f1"], 4) for part, s in scores["overlap"].items()}
    print(json.dumps({"params": tagger.get_params(), "inner_overlap_f1": overlap}, default=str))
    print(f"inner split ({len(inner)} articles), overlap F1: {overlap} ({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
