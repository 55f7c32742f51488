"""Attribution extraction: span scores on the PolNeAR dev split, source typing, and what the seeds yield.

    nice python -m bench.attribution [--model DIR|NAME] [--cache DIR] [--write FILE]
        [--train [--encoder mpnet-base --layers 6,8 --heads "6;6,8" --syntax full --content-gap-chars 0
                  --no-content-lines]]

``--model accurate`` scores the shipped frozen-MPNet model (``ATTRIBUTION_MODELS``); ``--train --model accurate
--encoder mpnet-base --layers 6,8 --heads "6;6,8" --syntax full --content-gap-chars 0 --no-content-lines``
retrains it (two heads, one reading layer 6, one layers 6 and 8; the cache keeps each encoder's inputs in
files of their own); ``--train`` alone retrains the default model (MiniLM layer 3, "no_ner" syntax).

* Span scores: precision / recall / F1 of Source, Cue, Content and whole attributions on this project's dev
  split (17% of the PolNeAR train folder by article, seed 18; never used for tuning), exact and overlap
  match (word Jaccard >= 0.5, ``narratrace/claims/attribution_eval.py``).
* Source typing: accuracy and confusion of ``type_sources`` on the hand-labelled gold source spans of
  ``tests/claims/data/source_types_dev.tsv`` (its guide sits beside it).
* Seeds: every attribution with a source found in ../shared/seeds.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import time
from collections import Counter
from pathlib import Path
from typing import Any

from narratrace.claims.attribution import (
    ATTRIBUTION_MODELS,
    MODEL_DIR,
    attribution_model_dir,
    evaluate_attribution,
    extract_attributions,
    layer_groups,
    load_attribution_model,
    train_attribution,
)
from narratrace.claims.attribution_features import parse_chunks
from narratrace.claims.source_types import type_sources
from narratrace.claims.types import SOURCE_TYPES

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NARRATRACE_SHARED", REPO.parent / "shared"))
DATA = SHARED / "data" / "attribution"
LABELS = REPO / "tests" / "claims" / "data" / "source_types_dev.tsv"


def typing_scores(labels_path: Path = LABELS, syntax: str | None = None) -> dict[str, Any]:
    """Accuracy and (gold, predicted) confusion of source typing on the hand-labelled spans.

    ``syntax``: type each document's spans together from its parse for that syntax variant (as extraction does
    with the model's parse); without it each span is typed alone from a window parsed around it.
    """
    with labels_path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    by_document: dict[tuple[str, str], list[dict[str, str]]] = {}
    for row in rows:
        by_document.setdefault((row["dataset"], row["document"]), []).append(row)
    pairs = []
    for (dataset, document), document_rows in by_document.items():
        text = (SHARED / "data" / dataset / "text" / f"{document}.txt").read_text(encoding="utf-8")
        spans = [(int(row["start"]), int(row["end"])) for row in document_rows]
        if syntax is None:
            predicted = [type_sources(text, [span])[0] for span in spans]
        else:
            [docs] = parse_chunks([text], syntax)
            predicted = type_sources(text, spans, docs[0] if len(docs) == 1 else None)
        pairs += [(row["round"], row["label"], p) for row, p in zip(document_rows, predicted, strict=True)]
    confusion = Counter((g, p) for _, g, p in pairs)
    by_round = {
        r: round(sum(g == p for rr, g, p in pairs if rr == r) / sum(rr == r for rr, _, _ in pairs), 4)
        for r in sorted({r for r, _, _ in pairs})
    }
    return {
        "n": len(pairs),
        "accuracy": round(sum(g == p for _, g, p in pairs) / len(pairs), 4),
        "accuracy_by_round": by_round,
        "confusion": {f"{g}->{p}": n for (g, p), n in sorted(confusion.items())},
    }


def seed_attributions(model: str | Path | None = None) -> list[dict[str, Any]]:
    paths = sorted((SHARED / "seeds").glob("*.txt"))
    found = extract_attributions([p.read_text(encoding="utf-8") for p in paths], model)
    return [
        {"seed": path.name, "source": a.source.text, "type": a.source_type, "cue": a.cue.text if a.cue else None}
        for path, attributions in zip(paths, found, strict=True)
        for a in attributions
        if a.source
    ]


def markdown(results: dict[str, Any]) -> str:
    lines = [f"Measured {results['date']} on {results['machine']}; dev split: {results['dev_articles']} articles.", ""]
    lines += ["| part | exact P / R / F1 | overlap P / R / F1 | any-overlap P / R / F1 | gold |", "|---" * 5 + "|"]
    scores = results["scores"]
    for part in ("Source", "Cue", "Content", "Attribution"):
        cells = [
            "{precision:.3f} / {recall:.3f} / **{f1:.3f}**".format(**scores[mode][part])
            for mode in ("exact", "overlap", "any")
        ]
        lines.append(f"| {part} | {' | '.join(cells)} | {scores['exact'][part]['gold']} |")
    typing = results["typing"]
    rounds = ", ".join(f"round {r}: {a:.3f}" for r, a in typing["accuracy_by_round"].items())
    lines += ["", f"Source typing on {typing['n']} hand-labelled dev source spans: accuracy {typing['accuracy']:.3f}"]
    lines[-1] += f" ({rounds}; round 1 was used to revise the rules, round 2 was not)."
    parsed = results["typing_from_parse"]
    rounds = ", ".join(f"round {r}: {a:.3f}" for r, a in parsed["accuracy_by_round"].items())
    lines[-1] += f" From the model's own parse ({parsed['syntax']}): {parsed['accuracy']:.3f} ({rounds})."
    lines += ["", "| gold -> predicted | n |", "|---|---|"]
    lines += [f"| {pair} | {n} |" for pair, n in typing["confusion"].items()]
    lines += ["", "Seeds (attributions with a source):", ""]
    lines += [f"- {s['seed']}: **{s['source']}** ({s['type']}), cue “{s['cue']}”" for s in results["seeds"]]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=None, help="model folder or shipped name (default: 'default')")
    parser.add_argument("--train", action="store_true", help="train into --model (or the shipped folder) first")
    parser.add_argument("--encoder", default="minilm-l6", help="with --train: the frozen encoder the head reads")
    parser.add_argument("--layers", default="3", help="with --train: encoder layers read, comma-separated")
    parser.add_argument("--syntax", default="no_ner", help="with --train: syntax variant (no_ner, or full)")
    parser.add_argument("--heads", default=None, help='with --train: an ensemble, the layers of each head ("6;6,8")')
    parser.add_argument(
        "--content-gap-chars", type=int, default=0, help="with --train: content pieces this close join (shipped: 0)"
    )
    parser.add_argument(
        "--content-lines",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="with --train: cut contents at line breaks (default model: on; accurate: --no-content-lines)",
    )
    parser.add_argument("--cache", type=Path, default=None, help="keep encoder inputs per article here")
    parser.add_argument("--write", type=Path, default=None, help="write the markdown figures here")
    args = parser.parse_args()
    if not DATA.exists():
        raise SystemExit(f"PolNeAR not found at {DATA} (set NARRATRACE_SHARED)")
    results: dict[str, Any] = {"date": dt.date.today().isoformat(), "machine": "2-core, contended"}
    if args.train:
        (layers,) = layer_groups(args.layers)
        heads = layer_groups(args.heads) if args.heads else None
        out = attribution_model_dir(args.model) if args.model in ATTRIBUTION_MODELS else Path(args.model or MODEL_DIR)
        metrics = train_attribution(
            DATA,
            out,
            log=print,
            cache_dir=args.cache,
            encoder=args.encoder,
            encoder_layers=layers,
            head_layers=heads,
            content_gap_chars=args.content_gap_chars,
            content_lines=args.content_lines,
            syntax=args.syntax,
        )
        results["train_seconds"] = metrics["train_seconds"]
        evaluation = metrics
    else:
        evaluation = evaluate_attribution(DATA, args.model, args.cache)
    results["dev_articles"] = evaluation["dev_articles"]
    results["scores"] = evaluation["scores"]
    results["typing"] = typing_scores()
    syntax = load_attribution_model(args.model).syntax
    results["typing_from_parse"] = {"syntax": syntax, **typing_scores(syntax=syntax)}
    started = time.perf_counter()
    load_attribution_model(args.model)
    results["seeds"] = seed_attributions(args.model)
    results["seed_seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(results, indent=2))
    text = markdown(results)
    print(text)
    if args.write:
        args.write.write_text(text, encoding="utf-8")
    assert set(results["typing"]["confusion"]) <= {f"{g}->{p}" for g in SOURCE_TYPES for p in SOURCE_TYPES}


if __name__ == "__main__":
    main()
