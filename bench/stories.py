"""Story grouping on AllSides (tuned on half the stories, reported on the other half), and its speed at 10k.

    nice python -m bench.stories [--grid] [--scale 10000] [--sanity] [--json OUT]

AllSides: pairwise P/R/F1 over same-story pairs, BCubed F1 and ARI, for the articles all at once, arriving
one day at a time in date order, and in shuffled batches. ``--sanity`` groups PolNeAR + PTC full texts
(unrelated articles: few, small stories expected) and prints the largest. ``--scale N`` times features and
grouping on N articles (AllSides + full texts, repeated with sentences dropped and dates spread).
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import random
import time
from collections import Counter
from collections.abc import Sequence
from typing import Any

from bench.stories_data import load_allsides, load_full_texts, save_figures, split_stories
from narratrace.clean import clean_article
from narratrace.clean.types import CleanArticle
from narratrace.ingest.article import Article
from narratrace.stories import StoryIndex, extract_features, group_stories
from narratrace.stories.features import ArticleFeatures
from narratrace.stories.metrics import ClusteringScores, score_clustering

WEIGHTS = [(0.3, 0.7, 0.0), (0.2, 0.8, 0.0), (0.5, 0.5, 0.0), (0.3, 0.6, 0.1), (1.0, 0.0, 0.0)]
THRESHOLDS = [0.18, 0.2, 0.23, 0.26, 0.3, 0.35, 0.55, 0.6, 0.65]
WINDOWS = [2, 3]


def arrival_chunks(features: Sequence[ArticleFeatures], batches: str = "all") -> list[list[ArticleFeatures]]:
    """The articles as they arrive: all at once (``"all"``), one day at a time in date order (``"daily"``), or in
    shuffled batches of 50 (anything else; seed 7)."""
    if batches == "all":
        return [list(features)]
    if batches == "daily":
        days = sorted({f.day or 0 for f in features})
        return [[f for f in features if (f.day or 0) == day] for day in days]
    shuffled = list(features)
    random.Random(7).shuffle(shuffled)
    return [shuffled[i : i + 50] for i in range(0, len(shuffled), 50)]


def run_index(params: dict[str, Any], features: Sequence[ArticleFeatures], batches: str = "all") -> dict[str, str]:
    """Story of each article, the articles arriving as ``arrival_chunks`` says."""
    index = StoryIndex(**params)
    placed: dict[str, str] = {}
    for chunk in arrival_chunks(features, batches):
        placed.update((a.article, a.story) for a in index.add_features(chunk))
    return placed


def evaluate(params: dict[str, Any], features: Sequence[ArticleFeatures], truth: dict[str, str], batches: str = "all"):
    ids = {f.id for f in features}
    return score_clustering(run_index(params, features, batches), {i: s for i, s in truth.items() if i in ids})


def grid(features: Sequence[ArticleFeatures], truth: dict[str, str]) -> list[tuple[float, dict[str, Any]]]:
    results = []
    for (emb, term, ent), threshold, window in itertools.product(WEIGHTS, THRESHOLDS, WINDOWS):
        params = {
            "embedding_weight": emb,
            "term_weight": term,
            "entity_weight": ent,
            "story_threshold": threshold,
            "time_window_days": window,
        }
        results.append((evaluate(params, features, truth).bcubed_f1, params))
    return sorted(results, key=lambda r: -r[0])


def line(name: str, s: ClusteringScores) -> str:
    return (
        f"| {name} | {s.pairwise_precision:.3f} | {s.pairwise_recall:.3f} | {s.pairwise_f1:.3f} | "
        f"{s.bcubed_precision:.3f} | {s.bcubed_recall:.3f} | {s.bcubed_f1:.3f} | {s.adjusted_rand:.3f} | "
        f"{s.predicted_clusters} / {s.reference_clusters} |"
    )


def allsides(do_grid: bool, params: dict[str, Any]) -> dict[str, Any]:
    articles, truth = load_allsides()
    started = time.perf_counter()
    features = extract_features(articles)
    seconds = time.perf_counter() - started
    tune_stories, test_stories = split_stories(truth)
    tune = [f for f in features if truth[f.id] in tune_stories]
    test = [f for f in features if truth[f.id] in test_stories]
    out: dict[str, Any] = {"articles": len(articles), "feature_seconds": round(seconds, 1)}
    if do_grid:
        ranked = grid(tune, truth)
        out["grid_top"] = [(round(score, 4), p) for score, p in ranked[:8]]
        params = ranked[0][1]
    out["params"] = params
    print("| split, arrival | pair P | pair R | pair F1 | B3 P | B3 R | B3 F1 | ARI | stories (pred / ref) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, part in (("tune", tune), ("report", test), ("all", features)):
        for batches in ("all", "daily", "shuffled"):
            scores = evaluate(params, part, truth, batches)
            out[f"{name}/{batches}"] = scores.to_record()
            print(line(f"{name}, {batches}", scores))
        # The same articles with no dates at all: what grouping does with no time evidence.
        scores = evaluate(params, [dataclasses.replace(f, day=None) for f in part], truth)
        out[f"{name}/undated"] = scores.to_record()
        print(line(f"{name}, all, dates removed", scores))
    return out


def sanity(params: dict[str, Any]) -> dict[str, Any]:
    articles = load_full_texts()
    result = group_stories(articles, index=StoryIndex(**params))
    sizes = Counter(len(s.articles) for s in result.stories)
    largest = sorted(result.stories, key=lambda s: -len(s.articles))[:8]
    narratives = sorted(result.narratives, key=lambda n: -n.articles)[:5]
    for story in largest:
        titles = [a.article.title for a in articles if a.id in set(story.articles)][:6]
        print(f"story of {len(story.articles)} ({story.start}..{story.end}): {titles}")
    for narrative in narratives:
        print(f"narrative of {narrative.articles} articles / {len(narrative.stories)} stories: {narrative.title}")
    return {
        "articles": len(articles),
        "stories": len(result.stories),
        "story_sizes": dict(sorted(sizes.items())),
        "narratives": len(result.narratives),
        "largest_narrative_articles": narratives[0].articles if narratives else 0,
    }


def perturbed_corpus(n: int, seed: int = 3) -> list[CleanArticle]:
    """``n`` articles: AllSides and full texts, then copies with a fifth of their sentences dropped, dated
    at random over two years (a stand-in for a large stream; copies join their original's story or not)."""
    base = load_allsides()[0] + load_full_texts()
    rng = random.Random(seed)
    corpus = list(base[:n])
    while len(corpus) < n:
        source = base[rng.randrange(len(base))].article
        sentences = [s for s in source.text.split(". ") if rng.random() > 0.2] or [source.text]
        day = f"20{rng.randint(19, 20)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        copy = Article(f"{source.id}~{len(corpus)}", ". ".join(sentences), source.title, source.outlet, None, day)
        corpus.append(clean_article(copy))
    return corpus


def scale(n: int, params: dict[str, Any]) -> dict[str, Any]:
    corpus = perturbed_corpus(n)
    index = StoryIndex(**params)
    started, cpu_started = time.perf_counter(), time.process_time()
    features = extract_features(corpus, index.feature_options)
    featured, cpu_featured = time.perf_counter(), time.process_time()
    index.add_features(features)
    done, cpu_done = time.perf_counter(), time.process_time()
    state = json.dumps(index.to_state())
    return {
        "articles": n,
        "feature_seconds": round(featured - started, 1),
        "feature_cpu_seconds": round(cpu_featured - cpu_started, 1),  # all threads: wall on idle cores is ~half
        "grouping_seconds": round(done - featured, 1),
        "grouping_cpu_seconds": round(cpu_done - cpu_featured, 1),
        "stories": len(index.stories_),
        "narratives": len(index.narratives_),
        "state_mb": round(len(state) / 1e6, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--grid", action="store_true", help="tune weights, threshold and window on the tuning half")
    parser.add_argument("--sanity", action="store_true", help="group PolNeAR + PTC full texts")
    parser.add_argument("--scale", type=int, default=0, help="time N articles")
    parser.add_argument("--params", default="{}", help="StoryIndex parameters as JSON (default: the shipped ones)")
    parser.add_argument("--json", help="write the figures here")
    args = parser.parse_args()
    params = json.loads(args.params)
    out: dict[str, Any] = {"allsides": allsides(args.grid, params)}
    if args.sanity:
        out["sanity"] = sanity(params)
    if args.scale:
        out["scale"] = scale(args.scale, params)
    save_figures(out, args.json)


if __name__ == "__main__":
    main()
