"""Tuning story grouping on leads and full texts together: AllSides' tuning half and PolNeAR windows 1-2.

    NARRATRACE_SHARED=../shared nice python -m bench.stories_tune [--grid] [--report] [--params JSON] [--json OUT]

Issue 18 asks for one setting that holds for lead excerpts (AllSides) and full articles (the hand-labelled
PolNeAR windows, bench/data/story_events/): a change is judged on the mean BCubed F1 of the two tuning sets
(AllSides' tuning half, ``split_stories``; PolNeAR windows 1 and 2) and must not cost AllSides' tuning half
more than ~0.005. ``--grid`` scores a grid of term lengths, weights and thresholds on the tuning sets only;
``--report`` scores the given parameters once on the held-out parts (AllSides' report half; PolNeAR window 3,
with and without the two conventions, which the labels count as one story each).

The lead embedding and entities are computed once; only the hashed term counts are redone per ``term_chars``
(they are cheap), so a grid point costs three grouping passes per set (one per arrival).
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from bench.stories import line, run_index
from bench.stories_data import load_allsides, load_polnear, load_story_events, save_figures, split_stories
from narratrace.clean.types import CleanArticle
from narratrace.stories import StoryIndex, extract_features
from narratrace.stories.features import ArticleFeatures, FeatureOptions, count_terms, term_text
from narratrace.stories.metrics import ClusteringScores, score_clustering

CONVENTIONS = {"w3-rnc", "w3-dnc"}
TUNE_WINDOWS = {"w1", "w2"}
ARRIVALS = ("all", "daily", "shuffled")
TERM_CHARS = [1000, 3000, 12_000, 20_000, 10**9]
WEIGHTS = [(0.3, 0.7), (0.2, 0.8), (0.4, 0.6)]
THRESHOLDS = [0.17, 0.19, 0.21, 0.23, 0.25]


@dataclasses.dataclass
class Corpus:
    """One scored set: its articles, their reference stories and features for each term length tried."""

    name: str
    articles: list[CleanArticle]
    truth: dict[str, str]
    features: dict[int, list[ArticleFeatures]] = dataclasses.field(default_factory=dict)

    def features_for(self, term_chars: int) -> list[ArticleFeatures]:
        """Features with terms counted over ``term_chars`` characters (lead embedding and entities shared)."""
        if not self.features:
            shipped = FeatureOptions()
            self.features[shipped.term_chars] = extract_features(self.articles, shipped)
        if term_chars not in self.features:
            options = FeatureOptions(term_chars=term_chars)
            terms = count_terms([term_text(a, options) for a in self.articles], options)
            base = next(iter(self.features.values()))
            self.features[term_chars] = [dataclasses.replace(f, terms=t) for f, t in zip(base, terms, strict=True)]
        return self.features[term_chars]

    def score(
        self, params: Mapping[str, Any], subset: Iterable[str] | None = None, batches: str = "all"
    ) -> ClusteringScores:
        features = self.features_for(int(params.get("term_chars", StoryIndex().term_chars)))
        placed = run_index(dict(params), features, batches)
        keep = set(subset) if subset is not None else set(self.truth)
        return score_clustering({i: s for i, s in placed.items() if i in keep}, {i: self.truth[i] for i in keep})


def allsides_part(part: str) -> Corpus:
    articles, truth = load_allsides()
    tune, report = split_stories(truth)
    stories = tune if part == "tune" else report
    kept = [a for a in articles if truth[a.id] in stories]
    return Corpus(f"AllSides {part} half", kept, {a.id: truth[a.id] for a in kept})


def polnear_part(windows: set[str]) -> Corpus:
    rows = [r for r in load_story_events() if str(r["story"]).split("-", 1)[0] in windows]
    articles = load_polnear({r["file"] for r in rows})
    return Corpus(f"PolNeAR windows {'+'.join(sorted(windows))}", articles, {r["file"]: r["story"] for r in rows})


def grid_points() -> list[dict[str, Any]]:
    return [
        {"term_chars": chars, "embedding_weight": emb, "term_weight": term, "story_threshold": threshold}
        for chars, (emb, term), threshold in itertools.product(TERM_CHARS, WEIGHTS, THRESHOLDS)
    ]


def tune(points: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each point's B3 F1 on both tuning sets and their mean, best mean first. Each set's figure is the mean
    over three arrivals (at once, one day at a time, shuffled batches): on 170 articles one arrival order moves
    B3 F1 by ~0.01, as much as most changes tried."""
    corpora = [allsides_part("tune"), polnear_part(TUNE_WINDOWS)]
    results = []
    for params in points:
        scores = [[c.score(params, batches=b) for b in ARRIVALS] for c in corpora]
        f1 = [round(sum(s.bcubed_f1 for s in runs) / len(runs), 4) for runs in scores]
        pair_r = [round(sum(s.pairwise_recall for s in runs) / len(runs), 3) for runs in scores]
        result = {"params": params, "b3_allsides": f1[0], "b3_polnear": f1[1], "mean": round(sum(f1) / 2, 4)}
        result["b3_all_at_once"] = [round(runs[0].bcubed_f1, 4) for runs in scores]
        result["pair_recall"] = pair_r
        result["pair_precision"] = [round(sum(s.pairwise_precision for s in runs) / len(runs), 3) for runs in scores]
        results.append(result)
        print(json.dumps(result), flush=True)
    return sorted(results, key=lambda r: -r["mean"])


def report(params: dict[str, Any]) -> dict[str, Any]:
    """The held-out figures, once: AllSides' report half, PolNeAR window 3 with and without the conventions,
    for each arrival (at once, one day at a time, shuffled batches)."""
    allsides = allsides_part("report")
    window3 = polnear_part({"w3"})
    without = [i for i, s in window3.truth.items() if s not in CONVENTIONS]
    sets: list[tuple[str, Corpus, list[str] | None]] = [
        (allsides.name, allsides, None),
        (window3.name, window3, None),
        (f"{window3.name} without the conventions", window3, without),
    ]
    print("| set, arrival | pair P | pair R | pair F1 | B3 P | B3 R | B3 F1 | ARI | stories (pred / ref) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    out: dict[str, Any] = {"params": params}
    for arrival in ARRIVALS:
        for name, corpus, subset in sets:
            scores = corpus.score(params, subset, arrival)
            print(line(f"{name}, {arrival}", scores), flush=True)
            out[f"{name}, {arrival}"] = scores.to_record()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--grid", action="store_true", help="score the grid on the tuning sets")
    parser.add_argument("--report", action="store_true", help="score --params once on the held-out sets")
    parser.add_argument("--params", default="[{}]", help="a JSON list of StoryIndex parameter sets (tuning)")
    parser.add_argument("--json", help="write the figures here")
    args = parser.parse_args()
    points = json.loads(args.params)
    points = points if isinstance(points, list) else [points]
    out: Any = report(points[0]) if args.report else tune(grid_points() if args.grid else points)[:10]
    save_figures(out, args.json, echo=False)


if __name__ == "__main__":
    main()
