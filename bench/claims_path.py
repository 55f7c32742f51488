"""Claim matching on the stage's own path: attributed contents (the default attribution model's) and bare
statements, against the hand-labelled pairs of bench/data/claim_path_pairs. Tune on one half, report on the other.

Two views, as for the bare pairs (``claims_matching`` / ``claims_clustering``):

- pair by pair: each labelled pair scored on its own (MiniLM cosine; a side that does not assert, by the
  stage's rule for that side, never matches), threshold tuned on ``tune``;
- in context: every article of the draw (``claim_path_sample.path_corpus``: 398 articles) goes through the
  stage as ``find_claims`` runs it (attributions, statements, blocking, embeddings, matched pairs, linkage).
  A labelled pair counts as "same claim" when a statement inside each labelled span lands in one claim (a
  span the stage drops, or splits, is judged by the statements it keeps inside it).

    NARRATRACE_SHARED=../shared nice python -m bench.claims_path [--cache /tmp/claim_path_attributions.json]

``--cache`` keeps the attribution model's output between runs (it is the slow part and does not change here).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from bench.claim_path_sample import SHARED, path_corpus
from bench.claims_matching import prf
from narratrace.claims import matching
from narratrace.claims.matching import MatchOptions, claim_groups, prepare
from narratrace.claims.statements import Statement, article_statements
from narratrace.claims.types import Attribution, TextSpan
from narratrace.clean import clean_article
from narratrace.clean.types import CleanArticle
from narratrace.ingest.article import Article

REPO = Path(__file__).resolve().parents[1]
PAIRS = REPO / "bench/data/claim_path_pairs/pairs.jsonl"
GRID = [round(t, 3) for t in np.arange(0.45, 0.801, 0.025)]


def load_pairs() -> list[dict[str, object]]:
    texts = {f"{d}:{doc}": text for d, doc, text in path_corpus()}
    pairs = []
    for line in PAIRS.open(encoding="utf-8"):
        pair = json.loads(line)
        for side in ("a", "b"):
            ref = pair[side]
            pair[f"{side}_text"] = texts[f"{ref['dataset']}:{ref['doc']}"][ref["start"] : ref["end"]]
        pairs.append(pair)
    return pairs


def _attribution_records(found: Sequence[Sequence[Attribution]]) -> list[list[dict[str, object]]]:
    return [[{"article": a.article, **a.to_record()} for a in article] for article in found]


def _from_records(records: list[list[dict[str, object]]]) -> list[list[Attribution]]:
    def span(value: object) -> TextSpan | None:
        return TextSpan(**value) if isinstance(value, dict) else None  # type: ignore[arg-type]

    out = []
    for article in records:
        out.append(
            [
                Attribution(
                    str(r["article"]),
                    span(r["source"]),
                    span(r["cue"]),
                    TextSpan(**r["content"]),  # type: ignore[arg-type]
                    str(r["source_type"]),
                    float(r["confidence"]),  # type: ignore[arg-type]
                )
                for r in article
            ]
        )
    return out


def corpus(cache: Path | None) -> tuple[list[CleanArticle], list[list[Attribution]]]:
    from narratrace.claims.attribution import extract_attributions

    articles = [clean_article(Article(id=f"{d}:{doc}", text=text)) for d, doc, text in path_corpus()]
    if cache is not None and cache.exists():
        return articles, _from_records(json.loads(cache.read_text(encoding="utf-8")))
    found = extract_attributions(articles)
    if cache is not None:
        cache.write_text(json.dumps(_attribution_records(found)), encoding="utf-8")
    return articles, found


def pair_level(pairs: Sequence[dict[str, object]]) -> None:
    """Each labelled pair on its own: cosine, and the assertion check on each side the stage checks."""
    from narratrace.nlp import embed_sentences

    texts = sorted({str(p[f"{s}_text"]) for p in pairs for s in ("a", "b")})
    index = {t: i for i, t in enumerate(texts)}
    vectors = embed_sentences(texts)
    asserts = dict(zip(texts, matching.asserting(texts), strict=True))
    gold = [bool(p["same_claim"]) for p in pairs]
    split = [str(p["split"]) for p in pairs]
    cosine = np.array([float(vectors[index[str(p["a_text"])]] @ vectors[index[str(p["b_text"])]]) for p in pairs])

    def kinds(p: dict[str, object]) -> tuple[str, str]:
        return str(p["a"]["kind"]), str(p["b"]["kind"])  # type: ignore[index]

    def side_ok(p: dict[str, object], check_contents: bool) -> bool:
        return all(
            asserts[str(p[f"{s}_text"])] or (k == "content" and not check_contents)
            for s, k in zip(("a", "b"), kinds(p), strict=True)
        )

    variants = {
        "cosine (bare sides checked; current)": [side_ok(p, False) for p in pairs],
        "cosine, contents checked too": [side_ok(p, True) for p in pairs],
    }
    print(f"{len(pairs)} pairs ({sum(gold)} same claim); tune {split.count('tune')}, report {split.count('report')}")
    print("| scorer | threshold (tuned) | tune F1 | report P | report R | report F1 | report F1 at 0.55 |")
    print("|---|---|---|---|---|---|---|")
    for name, allowed in variants.items():

        def f1(threshold: float, part: str, allowed: list[bool] = allowed) -> tuple[float, float, float]:
            chosen = [i for i, s in enumerate(split) if s == part]
            return prf([bool(allowed[i] and cosine[i] >= threshold) for i in chosen], [gold[i] for i in chosen])

        best = max((f1(t, "tune")[2], t) for t in GRID)
        p, r, f = f1(best[1], "report")
        print(f"| {name} | {best[1]:.3f} | {best[0]:.3f} | {p:.3f} | {r:.3f} | {f:.3f} | {f1(0.55, 'report')[2]:.3f} |")


def in_context(
    pairs: Sequence[dict[str, object]], cache: Path | None, variants: dict[str, MatchOptions], grid: bool = False
) -> None:
    """Each variant at its own thresholds (and, with ``grid``, at the pair threshold and cut best on tune)."""
    articles, attributions = corpus(cache)
    tagger, answers = matching.asserting, {}

    def cached(texts: Sequence[str]) -> list[bool]:
        missing = [t for t in dict.fromkeys(texts) if t not in answers]
        answers.update(zip(missing, tagger(missing), strict=True))
        return [answers[t] for t in texts]

    matching.asserting_pooled = cached  # type: ignore[assignment]  # in-process: a closure cannot be pickled
    statements: list[Statement] = []
    for n, article in enumerate(articles):
        statements.extend(article_statements(n, article, attributions[n]))
    position = {a.id: n for n, a in enumerate(articles)}

    def inside(ref: dict[str, object]) -> list[int]:
        """Statements inside a labelled span (the span itself, or what the stage keeps of it)."""
        article = position[f"{ref['dataset']}:{ref['doc']}"]
        start, end = int(str(ref["start"])), int(str(ref["end"]))
        return [
            i
            for i, s in enumerate(statements)
            if s.article_index == article and start <= s.content.start and s.content.end <= end
        ]

    sides = [(inside(p["a"]), inside(p["b"]), bool(p["same_claim"]), str(p["split"])) for p in pairs]  # type: ignore[arg-type]
    candidates = prepare(statements, MatchOptions())
    print(f"{len(articles)} articles, {len(statements)} statements, {len(candidates.first)} blocked pairs")

    def evaluate(groups: list[list[int]], part: str) -> tuple[float, float, float]:
        claim_of = np.full(len(statements), -1)
        for number, members in enumerate(groups):
            claim_of[members] = number
        gold = [g for _, _, g, s in sides if s == part]
        predicted = [
            any(claim_of[x] >= 0 and claim_of[x] == claim_of[y] for x in a for y in b)
            for a, b, _, s in sides
            if s == part
        ]
        return prf(predicted, gold)

    print("| variant | pair threshold | cluster cut | tune F1 | report P | report R | report F1 |")
    print("|---|---|---|---|---|---|---|")
    for name, options in variants.items():
        groups = claim_groups(statements, candidates, options)
        p, r, f = evaluate(groups, "report")
        print(f"| {name} | {options.threshold} | {options.cluster_threshold} | {evaluate(groups, 'tune')[2]:.3f} "
              f"| {p:.3f} | {r:.3f} | {f:.3f} |")  # fmt: skip
        if not grid:
            continue
        results = []
        for threshold in GRID:
            for cut in [c for c in GRID if c <= threshold + 1e-9]:
                chosen = replace(options, threshold=threshold, cluster_threshold=cut)
                groups = claim_groups(statements, candidates, chosen)
                results.append((evaluate(groups, "tune")[2], -threshold, -cut, groups))
        tune_f1, threshold, cut, groups = max(results, key=lambda r: r[:3])
        p, r, f = evaluate(groups, "report")
        print(f"| {name}, cuts tuned | {-threshold:.3f} | {-cut:.3f} | {tune_f1:.3f} | {p:.3f} | {r:.3f} | {f:.3f} |")


VARIANTS = {
    "statement cuts (before)": MatchOptions(),
    "contents must assert": MatchOptions(check_contents=True),
    **{
        f"content margin {m} ({sides})": MatchOptions(content_margin=m, content_margin_sides=sides)
        for sides in ("either", "both")
        for m in (0.05, 0.1, 0.15, 0.2)
    },
    **{
        f"contents must assert + margin {m} ({sides})": MatchOptions(
            check_contents=True, content_margin=m, content_margin_sides=sides
        )
        for sides in ("either", "both")
        for m in (0.05, 0.1, 0.15, 0.2)
    },
}


def main() -> None:
    if not SHARED.exists():
        raise SystemExit(f"shared data not found at {SHARED} (set NARRATRACE_SHARED)")
    cache = Path(sys.argv[sys.argv.index("--cache") + 1]) if "--cache" in sys.argv else None
    pairs = load_pairs()
    pair_level(pairs)
    print()
    in_context(pairs, cache, VARIANTS, grid="--grid" in sys.argv)


if __name__ == "__main__":
    main()
