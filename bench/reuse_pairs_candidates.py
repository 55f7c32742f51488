"""Draw the candidate pairs of the hand-labelled reuse set (how ``pairs.jsonl`` was sampled; see GUIDE.md).

Per dataset, strata (a pair is kept in the first stratum that draws it):

- ``tool_copy`` / ``tool_shared_quote`` — pairs the reuse stage reported, with that kind (``tool_copy``: a
  reuse claim, ``copy`` or ``partial``; sampled, the highest-containment ones always kept so that copies are
  well represented);
- ``shingle`` — pairs the tool did NOT report that share a rare 8-word shingle (an independent check,
  so that recall can be measured on copies the tool misses);
- ``wire`` — PolNeAR pairs both credited to the same wire (AP, Reuters, AFP, UPI) within 3 days;
- ``credit`` — PolNeAR pairs where one article's h/t credit names the other's publisher, within 3 days;
- ``rare_overlap`` — (added after the first labelling round, drawn without randomness so the other strata
  are unchanged) the not-yet-drawn pairs sharing the most rare shingles, reported by the tool or not;
- ``same_story`` — AllSides: same story cluster, different outlets; PolNeAR/PTC: the most similar
  (TF-IDF cosine) unreported pairs from different outlets within 3 days — told-independently hard negatives;
- ``containment`` — (round 3) pairs by the share of the SHORTER text's 8-word shingles found in the other,
  counting only shingles in at most CONTAIN_DF documents (boilerplate out), tool-independent and whatever the
  tool reported (its copy/partial claims are drawn first by ``tool_copy``): the highest half always, the rest at
  random among pairs with containment >= MIN_CONTAINMENT. Aimed at copies the tool misses; unlike
  ``rare_overlap`` it does not favour long texts quoting one long statement;
- ``story_overlap`` — (round 3) AllSides same-story pairs from different outlets ranked by the same containment
  (excerpts of one wire lead), the highest half always, the rest at random among those sharing any shingle;
- ``short_gate`` — (round 4) pairs with a text under SHORT_WORDS words that the reuse stage with its candidate
  gate opened (``keep_stock``: every candidate aligned, kinds by ``pair_kind``) aligns, whose passages span at
  least MIN_SHORT_SHARE of the shorter text, and that the stage as run reports as neither copy nor partial
  (short lead excerpts rewritten from one wire story, which the gate's rare-word bound drops): by that span
  share, the highest half always, the rest at random;
- ``short_control`` — (round 4) pairs with a text under SHORT_WORDS words: aligned by the opened gate with a
  smaller span share, or AllSides same-story pairs of different outlets it does not align; at random.

Round 3 also added ``--analyze`` (the tool's kinds come from what ``narratrace analyze`` runs, clean_all with the
chrome pass then the reuse stage, as ``bench.reuse_realnews`` scores them; rounds 1-2 ran ``find_reuse`` over
``clean_article``) and ``--wire-days`` (the ``wire`` window; 3 in rounds 1-2). Wire names are compared
case-blind since round 3 (metadata spells both ``Reuters`` and ``reuters``).

Usage::

    python -m bench.reuse_pairs_candidates --out bench/data/reuse_pairs/candidates.jsonl
    # a later round: a new seed, the labelled pairs left out, its own quotas (strata not named draw none)
    python -m bench.reuse_pairs_candidates --out /tmp/round2.jsonl --seed 29 \
        --exclude bench/data/reuse_pairs/pairs.jsonl --quota polnear:tool_copy=20 --quota ptc:shingle=6 ...
    # round 3 (GUIDE.md "Rounds"): every unlabelled tool claim, plus the copy-hunting strata
    python -m bench.reuse_pairs_candidates --out /tmp/round3.jsonl --seed 43 --analyze --wire-days 7 \
        --exclude bench/data/reuse_pairs/pairs.jsonl --quota polnear:tool_copy=1000 --quota polnear:containment=20 ...
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import Counter, defaultdict
from datetime import date
from itertools import combinations
from pathlib import Path

from sklearn.feature_extraction.text import TfidfVectorizer

from bench.reuse_pairs_data import DATASETS, load_dataset, pair_id, read_pairs, split_of
from narratrace.clean import clean_article
from narratrace.ingest.article import Article
from narratrace.pipeline import RunOptions, analyze_articles, clean_all
from narratrace.reuse import ReusePair, find_reuse
from narratrace.reuse.tokens import tokenize
from narratrace.stages import REUSE

SHINGLE = 8
RARE_DF = 3  # a shingle in more documents than this is boilerplate, not evidence of reuse
WIRES = ("AP", "reuters", "AFP", "UPI")
# (stratum, dataset) -> how many to draw; tool strata keep every pair above KEEP_CONTAINMENT first.
QUOTAS = {
    ("tool_copy", "polnear"): 45,
    ("tool_shared_quote", "polnear"): 25,
    ("shingle", "polnear"): 25,
    ("wire", "polnear"): 20,
    ("credit", "polnear"): 15,
    ("same_story", "polnear"): 15,
    ("tool_copy", "allsides"): 40,
    ("tool_shared_quote", "allsides"): 12,
    ("shingle", "allsides"): 15,
    ("same_story", "allsides"): 40,
    ("tool_copy", "ptc"): 35,
    ("tool_shared_quote", "ptc"): 7,
    ("shingle", "ptc"): 12,
    ("same_story", "ptc"): 8,
    ("rare_overlap", "polnear"): 4,
    ("rare_overlap", "ptc"): 14,
}
KEEP_CONTAINMENT = 0.3
CONTAIN_DF = 10  # round-3 containment: a shingle in more documents is furniture or a much-quoted statement
MIN_CONTAINMENT = 0.05
SHORT_WORDS = 150  # round 4: a pair with a text under this many words is a short pair
MIN_SHORT_SHARE = 0.1  # round 4: span share of the shorter text from which an opened-gate pair is short_gate
_WORD = re.compile(r"\w+")


def _days_apart(a: Article, b: Article) -> int | None:
    try:
        return abs((date.fromisoformat((a.published or "")[:10]) - date.fromisoformat((b.published or "")[:10])).days)
    except ValueError:
        return None


def _near_in_time(a: Article, b: Article, days: int = 3) -> bool:
    apart = _days_apart(a, b)
    return apart is not None and apart <= days


def rare_shingle_counts(articles: list[Article]) -> Counter[tuple[str, str]]:
    """Pairs of documents -> number of shared 8-word shingles found in at most RARE_DF documents."""
    holders: dict[int, set[str]] = defaultdict(set)
    for article in articles:
        words = [w.lower() for w in _WORD.findall(article.text)]
        for i in range(len(words) - SHINGLE + 1):
            holders[hash(" ".join(words[i : i + SHINGLE]))].add(article.id)
    counts: Counter[tuple[str, str]] = Counter()
    for ids in holders.values():
        if 2 <= len(ids) <= RARE_DF:
            for a, b in combinations(sorted(ids), 2):
                counts[(a, b)] += 1
    return counts


def shingle_containment(articles: list[Article]) -> dict[tuple[str, str], float]:
    """Pairs -> shared shingles (each in <= CONTAIN_DF documents) / the shingles of the shorter text of the two."""
    holders: dict[int, set[str]] = defaultdict(set)
    sizes: dict[str, int] = {}
    for article in articles:
        words = [w.lower() for w in _WORD.findall(article.text)]
        shingles = {hash(" ".join(words[i : i + SHINGLE])) for i in range(len(words) - SHINGLE + 1)}
        sizes[article.id] = len(shingles)
        for shingle in shingles:
            holders[shingle].add(article.id)
    shared: Counter[tuple[str, str]] = Counter()
    for ids in holders.values():
        if 2 <= len(ids) <= CONTAIN_DF:
            for a, b in combinations(sorted(ids), 2):
                shared[(a, b)] += 1
    return {key: count / max(1, min(sizes[key[0]], sizes[key[1]])) for key, count in shared.items()}


def reported_pairs(articles: list[Article], analyze: bool) -> dict[tuple[str, str], ReusePair]:
    """The tool's pairs: ``find_reuse`` over ``clean_article`` (rounds 1-2) or what ``narratrace analyze`` runs."""
    if analyze:
        pairs = analyze_articles(clean_all(articles), RunOptions(only=(REUSE.name,))).result(REUSE).pairs
    else:
        pairs = find_reuse([clean_article(a) for a in articles]).pairs
    return {(p.a, p.b): p for p in pairs}


def opened_gate_pairs(articles: list[Article]) -> dict[tuple[str, str], tuple[float, int]]:
    """Round 4: pairs the stage aligns with its gate opened -> (span share of the shorter text, its words)."""
    analysis = analyze_articles(clean_all(articles), RunOptions(only=(REUSE.name,), stage_options={"keep_stock": True}))
    result = analysis.result(REUSE)
    words = {source.id: len(tokenize(source.text, source.masked)) for source in result.corpus.sources}
    opened = {}
    for pair in list(result.pairs) + list(result.stock_pairs):
        shorter_a = words[pair.a] <= words[pair.b]
        share = pair.containment_a if shorter_a else pair.containment_b
        opened[(pair.a, pair.b)] = (share, min(words[pair.a], words[pair.b]))
    return opened


def similar_pairs(articles: list[Article], reported: set[tuple[str, str]]) -> list[tuple[float, str, str]]:
    """Unreported pairs from different outlets (and near in time when dated), most TF-IDF-similar first."""
    matrix = TfidfVectorizer(stop_words="english", min_df=2, sublinear_tf=True).fit_transform(
        [a.text for a in articles]
    )
    similarity = (matrix @ matrix.T).toarray()
    ranked = []
    for i, j in combinations(range(len(articles)), 2):
        a, b = articles[i], articles[j]
        if (a.outlet and a.outlet == b.outlet) or _key(a, b) in reported:
            continue
        if a.published and b.published and not _near_in_time(a, b):
            continue
        first, second = sorted((a.id, b.id))
        ranked.append((float(similarity[i, j]), first, second))
    ranked.sort(reverse=True)
    return ranked


def _key(a: Article, b: Article) -> tuple[str, str]:
    first, second = sorted((a.id, b.id))
    return first, second


def _credited(credit_holder: Article, other: Article) -> bool:
    credit = str(credit_holder.metadata.get("credit", "")).lower().removeprefix("h/t:").strip()
    outlet = (other.outlet or "").lower().replace("-", " ")
    aliases = {"usa today": "usa today", "breitbart": "breitbart", "politico": "politico", "nyt": "new york times"}
    wanted = aliases.get(outlet, outlet)
    return bool(credit) and wanted in credit


def candidates(
    dataset: str,
    rng: random.Random,
    quotas: dict[tuple[str, str], int] = QUOTAS,
    exclude: frozenset[tuple[str, str]] = frozenset(),
    analyze: bool = False,
    wire_days: int = 3,
) -> list[dict[str, object]]:
    """Draw one dataset's pairs; pairs in ``exclude`` (labelled in an earlier round) are never drawn."""
    articles = load_dataset(dataset)
    by_id = {a.id: a for a in articles}
    tool = reported_pairs(articles, analyze)
    chosen: dict[tuple[str, str], str] = {}

    def take(stratum: str, pool: list[tuple[str, str]], keep_first: int = 0) -> None:
        quota = quotas.get((stratum, dataset), 0)
        pool = [key for key in pool if key not in chosen and key not in exclude]
        picked = pool[:keep_first] + rng.sample(
            pool[keep_first:], max(0, min(quota - keep_first, len(pool) - keep_first))
        )
        for key in picked[:quota]:
            chosen[key] = stratum

    # The stage calls a reuse claim "copy" or "partial" (it had only "copy" when round 1 was drawn).
    for stratum, kinds in (("tool_copy", ("copy", "partial")), ("tool_shared_quote", ("shared_quote",))):
        pool = sorted(
            (key for key, p in tool.items() if p.kind in kinds),
            key=lambda key: -max(tool[key].containment_a, tool[key].containment_b),
        )
        high = sum(1 for key in pool if max(tool[key].containment_a, tool[key].containment_b) >= KEEP_CONTAINMENT)
        take(stratum, pool, keep_first=high)
    shingles = rare_shingle_counts(articles)
    unreported = sorted((key for key in shingles if key not in tool), key=lambda key: -shingles[key])
    half = quotas.get(("shingle", dataset), 0) // 2
    take("shingle", unreported, keep_first=min(half, len(unreported)))  # the strongest half, then at random
    if dataset == "polnear":
        wire_pairs = []
        credit_pairs = []
        for a, b in combinations(articles, 2):
            key = _key(a, b)
            wire = str(a.metadata.get("wire") or "").lower()
            if wire and wire == str(b.metadata.get("wire") or "").lower() and _near_in_time(a, b, wire_days):
                wire_pairs.append(key)
            if _near_in_time(a, b) and (_credited(a, b) or _credited(b, a)):
                credit_pairs.append(key)
        take("wire", sorted(wire_pairs))
        take("credit", sorted(credit_pairs))
    clusters: dict[object, list[Article]] = defaultdict(list)
    for article in articles:
        clusters[article.metadata.get("cluster")].append(article)
    if quotas.get(("containment", dataset)) or quotas.get(("story_overlap", dataset)):
        contained = shingle_containment(articles)
        ranked_keys = sorted(contained, key=lambda key: (-contained[key], key))
        above_floor = [key for key in ranked_keys if contained[key] >= MIN_CONTAINMENT]
        take("containment", above_floor, keep_first=quotas.get(("containment", dataset), 0) // 2)
        same_cluster = [
            key
            for key in ranked_keys
            if dataset == "allsides"
            and by_id[key[0]].metadata.get("cluster") == by_id[key[1]].metadata.get("cluster")
            and by_id[key[0]].outlet != by_id[key[1]].outlet
        ]
        take("story_overlap", same_cluster, keep_first=quotas.get(("story_overlap", dataset), 0) // 2)
    if quotas.get(("short_gate", dataset)) or quotas.get(("short_control", dataset)):
        opened = opened_gate_pairs(articles)
        claims = {key for key, p in tool.items() if p.kind in ("copy", "partial")}
        short = {key: share for key, (share, words) in opened.items() if words < SHORT_WORDS and key not in claims}
        gated = sorted((key for key in short if short[key] >= MIN_SHORT_SHARE), key=lambda key: (-short[key], key))
        take("short_gate", gated, keep_first=quotas.get(("short_gate", dataset), 0) // 2)
        same_story_short = [
            _key(a, b)
            for members in clusters.values()
            for a, b in combinations(members, 2)
            if dataset == "allsides" and a.outlet != b.outlet and _key(a, b) not in opened
        ]
        controls = sorted(key for key in short if short[key] < MIN_SHORT_SHARE) + sorted(same_story_short)
        take("short_control", controls)
    if dataset == "allsides":
        same = [
            _key(a, b)
            for members in clusters.values()
            for a, b in combinations(members, 2)
            if a.outlet != b.outlet and _key(a, b) not in tool
        ]
        take("same_story", sorted(same))
    else:
        ranked = similar_pairs(articles, set(tool))
        take("same_story", [(a, b) for _, a, b in ranked[: 4 * quotas.get(("same_story", dataset), 0)]])
    # Drawn last, without randomness, so the earlier strata stay as first drawn: the pairs with the most
    # rare shared shingles, wherever the tool put them (copies are rare; this finds more of them).
    take(
        "rare_overlap",
        sorted(shingles, key=lambda key: (-shingles[key], key)),
        keep_first=quotas.get(("rare_overlap", dataset), 0),
    )
    rows: list[dict[str, object]] = []
    for (first, second), stratum in sorted(chosen.items()):
        rows.append(
            {
                "pair_id": pair_id(first, second),
                "dataset": dataset,
                "a": first,
                "b": second,
                "a_outlet": by_id[first].outlet,
                "b_outlet": by_id[second].outlet,
                "a_date": by_id[first].published,
                "b_date": by_id[second].published,
                "stratum": stratum,
                "split": split_of(pair_id(first, second)),
            }
        )
    return rows


def parse_quotas(specs: list[str]) -> dict[tuple[str, str], int]:
    """``["polnear:wire=10", ...]`` -> ``{("wire", "polnear"): 10, ...}`` (the QUOTAS key order)."""
    quotas: dict[tuple[str, str], int] = {}
    for spec in specs:
        where, _, count = spec.partition("=")
        dataset, _, stratum = where.partition(":")
        if dataset not in DATASETS or not stratum or not count.isdigit():
            raise ValueError(f"bad quota {spec!r}; expected DATASET:STRATUM=N")
        quotas[(stratum, dataset)] = int(count)
    return quotas


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--exclude", type=Path, help="a label file whose pairs are never drawn (earlier rounds)")
    parser.add_argument("--analyze", action="store_true", help="the tool's pairs as `narratrace analyze` reports")
    parser.add_argument("--wire-days", type=int, default=3, help="days apart at most for the wire stratum")
    parser.add_argument(
        "--quota",
        action="append",
        default=[],
        metavar="DATASET:STRATUM=N",
        help="draw N pairs of this stratum; when given, strata not named draw none (default: round 1's quotas)",
    )
    args = parser.parse_args()
    rng = random.Random(args.seed)
    quotas = parse_quotas(args.quota) if args.quota else QUOTAS
    exclude = frozenset((str(r["a"]), str(r["b"])) for r in read_pairs(args.exclude)) if args.exclude else frozenset()
    rows = [
        row for dataset in DATASETS for row in candidates(dataset, rng, quotas, exclude, args.analyze, args.wire_days)
    ]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} candidate pairs -> {args.out}")
    print(Counter((str(row["dataset"]), str(row["stratum"])) for row in rows))


if __name__ == "__main__":
    main()
