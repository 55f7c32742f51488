"""Claim clustering against the hand-labelled statement pairs, in context: tune on one half, report on the other.

``claims_matching`` scores each labelled pair on its own; here every article the pairs come from goes
through the stage as it runs on a corpus (statements, TF-IDF blocking, embeddings, matched pairs, linkage),
with the labelled spans given as attributed contents so that they are statements. A labelled pair is
predicted "same claim" when both spans land in one claim, so chaining (A~B, B~C, A≁C) and blocking misses
count against the stage. The pair threshold, the cluster threshold and the linkage are chosen on ``tune``
by F1; P/R/F1 are reported on ``report``.

    NARRATRACE_SHARED=../shared nice python -m bench.claims_clustering [--differences | --shared-words[-cuts]]

``--differences``: the default cuts and blocking with each size of the tense and disjoint-numbers penalties.
``--centre``: the corpus's mean embedding taken out before scoring, at each weight's best cuts on tune.
``--shared-words``: each weight of the shared-words bonus at the cuts best on tune; ``--shared-words-cuts``:
weight 0.15 at the cuts ``claims_path --shared-words-cuts`` compares.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np

from bench.claims_matching import SHARED, _document_text, load_pairs, prf
from narratrace.claims import matching
from narratrace.claims.asserting import asserting
from narratrace.claims.matching import DEFAULT_CLUSTER_THRESHOLD, DEFAULT_THRESHOLD, MatchOptions, claim_groups, prepare
from narratrace.claims.statements import Statement, article_statements
from narratrace.claims.types import Attribution, TextSpan
from narratrace.clean import clean_article
from narratrace.clean.types import CleanArticle
from narratrace.ingest.article import Article

Span = tuple[str, int, int]  # (article id, start, end)


def corpus(pairs: Sequence[dict[str, object]]) -> tuple[list[CleanArticle], list[list[Attribution]]]:
    """Every article a labelled span comes from, each with its labelled spans as attributed contents
    (PolNeAR spans are attributed in the data; AllSides spans are bare sentences, so they stay unattributed
    and must pass the assertion check like any sentence)."""
    cache: dict[str, str] = {}
    spans: dict[str, set[tuple[int, int]]] = {}
    dataset_of: dict[str, str] = {}
    for pair in pairs:
        for side in ("a", "b"):
            ref = pair[side]
            assert isinstance(ref, dict)
            key = f"{pair['dataset']}:{ref['doc']}"
            dataset_of[key] = str(pair["dataset"])
            spans.setdefault(key, set()).add((int(ref["start"]), int(ref["end"])))
    articles, attributions = [], []
    for key in sorted(spans):
        dataset, doc = key.split(":", 1)
        text = _document_text(dataset, doc, cache)
        articles.append(clean_article(Article(id=key, text=text)))
        source = TextSpan(0, 0, "") if dataset == "polnear" else None
        kind = "person" if dataset == "polnear" else "unattributed"
        attributions.append(
            [Attribution(key, source, None, TextSpan(s, e, text[s:e]), kind) for s, e in sorted(spans[key])]
        )
    return articles, attributions


def main() -> None:
    if not SHARED.exists():
        raise SystemExit(f"shared data not found at {SHARED} (set NARRATRACE_SHARED)")
    pairs = load_pairs()
    articles, attributions = corpus(pairs)
    # The tagger answers the same question in every grid cell: ask it once per text.
    tagger, answers = asserting, dict[tuple[str, str], bool]()

    def cached(texts: Sequence[str], check: str = "subject-verb") -> list[bool]:
        missing = [t for t in dict.fromkeys(texts) if (check, t) not in answers]
        answers.update(zip([(check, t) for t in missing], tagger(missing, check), strict=True))
        return [answers[(check, t)] for t in texts]

    matching.asserting_pooled = cached  # in-process: a closure cannot be pickled
    statements: list[Statement] = []
    for index, article in enumerate(articles):
        statements.extend(article_statements(index, article, attributions[index]))
    where: dict[Span, int] = {}
    for position, statement in enumerate(statements):
        where[(articles[statement.article_index].id, statement.content.start, statement.content.end)] = position
    rows = []
    for pair in pairs:
        ends = []
        for side in ("a", "b"):
            ref = pair[side]
            assert isinstance(ref, dict)
            ends.append(where.get((f"{pair['dataset']}:{ref['doc']}", int(ref["start"]), int(ref["end"])), -1))
        rows.append((ends[0], ends[1], bool(pair["same_claim"]), str(pair["split"])))
    print(f"{len(articles)} articles, {len(statements)} statements, {len(rows)} labelled pairs")

    def evaluate(groups: list[list[int]], split: str) -> tuple[float, float, float]:
        claim_of = np.full(len(statements), -1)
        for number, members in enumerate(groups):
            claim_of[members] = number
        gold = [g for _, _, g, s in rows if s == split]
        predicted = [a >= 0 and claim_of[a] >= 0 and claim_of[a] == claim_of[b] for a, b, _, s in rows if s == split]
        return prf(predicted, gold)

    if "--differences" in sys.argv:
        candidates = prepare(statements, MatchOptions())
        print("| tense penalty (pairs) | numbers penalty | tune F1 | report P | report R | report F1 |")
        print("|---|---|---|---|---|---|")
        tenses = (0.0, 0.025, 0.05, 0.075, 0.1, 0.15)
        settings = [(t, s, o, 0.0) for o in ("past", "past-or-verbless") for s in ("content", "all") for t in tenses]
        for tense, sides, other, number in settings + [(0.0, "content", "past", n) for n in tenses[1:]]:
            chosen = MatchOptions(
                tense_penalty=tense, tense_sides=sides, tense_other=other, disjoint_numbers_penalty=number
            )
            groups = claim_groups(statements, candidates, chosen)
            p, r, f = evaluate(groups, "report")
            tune_f1 = evaluate(groups, "tune")[2]
            print(f"| {tense} ({sides}, {other}) | {number} | {tune_f1:.3f} | {p:.3f} | {r:.3f} | {f:.3f} |")
        return
    if "--shared-words" in sys.argv or "--shared-words-cuts" in sys.argv:
        shared_words(statements, evaluate, fixed_cuts="--shared-words-cuts" in sys.argv)
        return
    if "--centre" in sys.argv:
        centre(statements, evaluate)
        return
    grid = [round(t, 3) for t in np.arange(0.45, 0.801, 0.05)]
    for similarity, top_k in ((0.15, 10), (0.2, 10), (0.3, 5)):
        options = replace(MatchOptions(), block_similarity=similarity, block_top_k=top_k)
        candidates = prepare(statements, options)
        print(f"\nblocking TF-IDF >= {similarity}, top {top_k}: {len(candidates.embedded)} statements embedded")
        print("| linkage | pair threshold | cluster threshold | tune F1 | report P | report R | report F1 |")
        print("|---|---|---|---|---|---|---|")
        for method in ("single", "average", "complete"):
            results = []
            for threshold in grid:
                cuts = [threshold] if method == "single" else grid
                for cut in cuts:
                    chosen = replace(options, threshold=threshold, cluster_threshold=cut, linkage=method)
                    groups = claim_groups(statements, candidates, chosen)
                    results.append((evaluate(groups, "tune")[2], -threshold, -cut, groups))
            tune_f1, threshold, cut, groups = max(results, key=lambda r: r[:3])
            p, r, f = evaluate(groups, "report")
            print(f"| {method} | {-threshold:.3f} | {-cut:.3f} | {tune_f1:.3f} | {p:.3f} | {r:.3f} | {f:.3f} |")
        for threshold, cut in (
            (DEFAULT_THRESHOLD, DEFAULT_CLUSTER_THRESHOLD),
            (0.55, 0.55),
            (0.55, 0.6),
            (0.55, 0.65),
            (0.6, 0.65),
            (0.6, 0.7),
        ):
            chosen = replace(options, threshold=threshold, cluster_threshold=cut, linkage="complete")
            groups = claim_groups(statements, candidates, chosen)
            tf = evaluate(groups, "tune")[2]
            p, r, f = evaluate(groups, "report")
            name = (
                "complete (default)"
                if (threshold, cut) == (DEFAULT_THRESHOLD, DEFAULT_CLUSTER_THRESHOLD)
                else "complete (fixed)"
            )
            print(f"| {name} | {threshold} | {cut} | {tf:.3f} | {p:.3f} | {r:.3f} | {f:.3f} |")


def shared_words(
    statements: Sequence[Statement],
    evaluate: Callable[[list[list[int]], str], tuple[float, float, float]],
    fixed_cuts: bool = False,
) -> None:
    """The shared-words bonus (``MatchOptions.shared_words_weight``; plain and idf-weighted words), complete
    linkage, default blocking: at each weight, the pair threshold and cut best on tune; with ``fixed_cuts``, weight
    0.15 at the cuts the stage-path bench compares (``claims_path --shared-words-cuts``)."""
    candidates = prepare(statements, MatchOptions())
    print("| shared-words weight | pair threshold | cluster cut | tune F1 | report P | report R | report F1 |")
    print("|---|---|---|---|---|---|---|")

    def row(options: MatchOptions) -> tuple[float, list[list[int]]]:
        groups = claim_groups(statements, candidates, options)
        p, r, f = evaluate(groups, "report")
        tune_f1 = evaluate(groups, "tune")[2]
        name = f"{options.shared_words_weight}{' (idf)' if options.shared_words_idf else ''}"
        cuts = f"{options.threshold:.3f} | {options.cluster_threshold:.3f}"
        print(f"| {name} | {cuts} | {tune_f1:.3f} | {p:.3f} | {r:.3f} | {f:.3f} |")
        return tune_f1, groups

    if fixed_cuts:
        for idf in (False, True):
            for threshold in (0.55, 0.575, 0.6, 0.625):
                for cut in (0.45, 0.475, 0.5):
                    row(MatchOptions(threshold, cut, shared_words_weight=0.15, shared_words_idf=idf))
        return
    grid = [round(t, 3) for t in np.arange(0.45, 0.851, 0.025)]
    weights = [(w, False) for w in (0.0, 0.1, 0.15, 0.2, 0.3)] + [(w, True) for w in (0.1, 0.15, 0.2, 0.3)]
    for weight, idf in weights:
        row(MatchOptions(0.55, 0.50, shared_words_weight=weight, shared_words_idf=idf))  # the cuts of weight 0
        best = max(
            (
                evaluate(
                    claim_groups(
                        statements, candidates, MatchOptions(t, c, shared_words_weight=weight, shared_words_idf=idf)
                    ),
                    "tune",
                )[2],
                -t,
                -c,
            )
            for t in grid
            for c in grid
            if c <= t + 1e-9
        )
        row(MatchOptions(-best[1], -best[2], shared_words_weight=weight, shared_words_idf=idf))


def centre(
    statements: Sequence[Statement], evaluate: Callable[[list[list[int]], str], tuple[float, float, float]]
) -> None:
    """The corpus's mean embedding taken out before scoring (``MatchOptions.centre_weight``), complete linkage,
    default blocking: each weight at the cuts best on tune (centred cosines sit lower: the grid starts at 0.35)."""
    candidates = prepare(statements, MatchOptions())
    print("| centre weight (prior) | pair threshold | cluster cut | tune F1 | report P | report R | report F1 |")
    print("|---|---|---|---|---|---|---|")
    grid = [round(t, 3) for t in np.arange(0.35, 0.851, 0.025)]
    for weight, prior in ((0.0, 10), (0.5, 10), (0.75, 10), (1.0, 10)):
        scored = []
        for t in grid:
            for c in [c for c in grid if c <= t + 1e-9]:
                options = MatchOptions(t, c, centre_weight=weight, centre_prior=prior)
                groups = claim_groups(statements, candidates, options)
                scored.append((evaluate(groups, "tune")[2], -t, -c, groups))
        tune_f1, t, c, groups = max(scored, key=lambda r: r[:3])
        p, r, f = evaluate(groups, "report")
        print(f"| {weight} ({prior}) | {-t:.3f} | {-c:.3f} | {tune_f1:.3f} | {p:.3f} | {r:.3f} | {f:.3f} |")
        for t, c in ((0.575, 0.45), (0.575, 0.40)):
            groups = claim_groups(statements, candidates, MatchOptions(t, c, centre_weight=weight, centre_prior=prior))
            p, r, f = evaluate(groups, "report")
            tune_f1 = evaluate(groups, "tune")[2]
            print(f"| {weight} ({prior}), fixed | {t} | {c} | {tune_f1:.3f} | {p:.3f} | {r:.3f} | {f:.3f} |")


if __name__ == "__main__":
    main()
