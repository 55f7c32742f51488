"""Story grouping on full texts of other domains than the tuning sets' US politics, labelled here.

    NARRATRACE_SHARED=../shared nice python -m bench.stories_fulltexts --set pages|ptc [--errors] [--json OUT]
    python -m bench.stories_fulltexts --set pages --agreement   # the second labeller against the first; no model

Two held-out sets (no setting was ever tuned on them; bench.stories_tune tunes on AllSides and PolNeAR):

* ``pages``: the 109 web pages of ../shared/data/extraction (news, tech, business, sport, science, entertainment,
  blogs; most published 18-20 November 2019, eight not in English), read as ``narratrace analyze`` reads them:
  narratrace's HTML reader (its title and date, the outlet from the address) and the clean stage;
* ``ptc``: the 296 articles of ../shared/data/ptc (world and US news of 2017-2019 from 48 outlets, some
  propagandistic), title and body, **undated**, so only the undated bar can join them.

Each is grouped with the shipped ``StoryIndex()`` defaults (or ``--params``), all at once, one day at a time, in
shuffled batches and with dates removed, without reuse pairs, and scored against bench/data/story_SET/labels.jsonl
(made by reading the texts under GUIDE.md there, blind to the stage's output; labels_second.jsonl is a second
labeller's, made apart).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.chrome_corpora import extraction
from bench.stories import line
from bench.stories_data import load_ptc, load_story_events, save_figures
from bench.stories_polnear import (
    agreement,
    arrivals,
    every_article_alone,
    print_errors,
    separability,
    similarity,
    story_scores,
)
from narratrace.clean import CleanArticle, clean_article
from narratrace.stories import StoryIndex, extract_features

DATA = Path(__file__).resolve().parent / "data"
PREFIX = "extraction:"


def load_pages() -> list[CleanArticle]:
    """The extraction pages as ``analyze`` reads them, keyed by page id (the labels' ``file``)."""
    return [clean_article(dataclasses.replace(a, id=a.id.removeprefix(PREFIX))) for a in extraction()]


LOADERS: dict[str, Callable[[], list[CleanArticle]]] = {"pages": load_pages, "ptc": load_ptc}


def evaluate(name: str, params: dict[str, Any], labels: Path, errors: bool = False) -> dict[str, Any]:
    """The stage's stories on one labelled set against the labels, for each arrival, and the pair diagnostic."""
    rows = load_story_events(labels)
    labelled = {r["file"] for r in rows}
    articles = [a for a in LOADERS[name]() if a.id in labelled]
    read = {a.id for a in articles}
    rows = [r for r in rows if r["file"] in read]  # a page the reader rejects is not in the corpus
    features = extract_features(articles, StoryIndex(**params).feature_options)
    sure = [r for r in rows if not r["unsure"]]
    dated = {f.id for f in features if f.day is not None}
    out: dict[str, Any] = {
        "set": name,
        "texts": len(rows),
        "dated_by_the_reader": len(dated),
        "stories": len({r["story"] for r in rows}),
        "story_sizes": dict(sorted(Counter(Counter(r["story"] for r in rows).values()).items())),
        "unsure": len(rows) - len(sure),
        "params": params,
    }
    runs = arrivals(params, features)
    singletons = every_article_alone(rows)
    table = [(f"all {len(rows)}, {arrival}", placed, rows) for arrival, placed in runs.items()]
    table.append((f"sure labels only ({len(sure)}), all", runs["all"], sure))
    table.append((f"baseline: every text alone ({len(rows)})", singletons, rows))
    print("| set, arrival | pair P | pair R | pair F1 | B3 P | B3 R | B3 F1 | ARI | stories (pred / ref) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for row_name, placed, subset in table:
        scores = story_scores(placed, subset)
        out[f"stories/{row_name}"] = scores.to_record()
        print(line(row_name, scores))
    with_narrative = [r for r in rows if r["narrative"]]
    scores = story_scores(runs["all"], with_narrative, "narrative")
    out["narratives/all"] = scores.to_record()
    print(f"\nNarratives ({len(with_narrative)} texts with one), all at once: {line('all', scores)}")
    truth = {r["file"]: r["story"] for r in rows}
    out["separability"] = separability(features, truth, params)
    print(f"\nSame-story pairs against other pairs within the time window: {out['separability']}")
    if errors:
        print_errors(runs["all"], rows, similarity(features, params))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=sorted(LOADERS), default="pages", help="which labelled set")
    parser.add_argument("--errors", action="store_true", help="print split and merged stories")
    parser.add_argument("--params", default="{}", help="StoryIndex parameters as JSON (default: the shipped ones)")
    parser.add_argument("--labels", type=Path, help="the reference labels (default: the set's labels.jsonl)")
    parser.add_argument("--agreement", action="store_true", help="the set's second labeller against --labels")
    parser.add_argument("--json", help="write the figures here")
    args = parser.parse_args()
    folder = DATA / f"story_{args.set}"
    labels = args.labels or folder / "labels.jsonl"
    if args.agreement:
        save_figures(agreement(folder / "labels_second.jsonl", labels), args.json)
        return
    save_figures(evaluate(args.set, json.loads(args.params), labels, args.errors), args.json)


if __name__ == "__main__":
    main()
