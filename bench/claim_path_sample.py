"""Draw candidate pairs on the claims stage's own path (attributed contents + bare statements), to be labelled by
hand into bench/data/claim_path_pairs/pairs.jsonl.

Run once; kept so the draw can be repeated. The corpus (``path_corpus``) is PolNeAR's July-August 2016 articles
(conventions season: many outlets on the same events) and 80 seeded AllSides stories. Each article goes through
what ``find_claims`` gets in the stage: the default attribution model's contents, then the uncovered bare
sentences (``article_statements``). Pairs are the blocked pairs the stage scores (TF-IDF 0.15, top 10), with at
least one attributed content, stratified by MiniLM cosine (most around the 0.45-0.70 cuts); a statement enters
at most two drawn pairs, so one long article does not dominate.

    NARRATRACE_SHARED=../shared nice python -m bench.claim_path_sample [DRAW] > /tmp/claim_path_candidates.jsonl
"""

from __future__ import annotations

import json
import os
import random
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NARRATRACE_SHARED", REPO.parent / "shared"))
SEED = 18
N_STORIES = 80
# Two draws, each from its own corpus (pairs are blocked within the corpus they were drawn from): the first
# from the conventions season and 80 stories, the second from the months around it and the next 80 stories.
# Draw 3 (a fresh check of the shipped attribution weights, never tuned on) takes only the PolNeAR articles of
# the attribution dev split, which no attribution model was trained on, from the months draws 1-2 left out.
POLNEAR_MONTHS = {
    1: ("2016-07", "2016-08"),
    2: ("2016-05", "2016-06", "2016-09", "2016-10"),
    3: ("2015-11", "2015-12", "2016-01", "2016-02", "2016-03", "2016-04"),
    4: ("2016-05", "2016-06", "2016-07", "2016-08", "2016-09", "2016-10"),
    5: ("2015-11", "2015-12", "2016-01", "2016-02", "2016-03", "2016-04"),
}
# Draw 4 (a second fresh check, after the time-gap rule was chosen) takes the dev-split articles of May-October
# 2016 together, so that statements months apart meet, and the next 80 AllSides stories.
DEV_ONLY_DRAWS = frozenset({3, 4})
# Draw 5 (a third fresh check, after the shared-words bonus and its cuts were chosen) takes the months of draw 3
# without its dev-split articles (the training part's, like draws 1-2's) and the next 80 AllSides stories.
NO_DEV_DRAWS = frozenset({5})
# Cosine bins and how many pairs each gets: most near the pair and cluster cuts, some clearly high or low.
BINS = ((0.30, 0.45, 40), (0.45, 0.55, 75), (0.55, 0.65, 85), (0.65, 0.75, 65), (0.75, 1.01, 45))
_HALF_BINS = ((0.30, 0.45, 20), (0.45, 0.55, 38), (0.55, 0.65, 42), (0.65, 0.75, 33), (0.75, 1.01, 22))
BINS_BY_DRAW = {3: _HALF_BINS, 4: _HALF_BINS, 5: _HALF_BINS}


def path_corpus(draw: int = 1) -> list[tuple[str, str, str]]:
    """``(dataset, doc id, text)`` of every article of draw ``draw``'s corpus, in a fixed order."""
    out = []
    dev = _dev_split_names() if draw in DEV_ONLY_DRAWS | NO_DEV_DRAWS else None
    for line in (SHARED / "data/attribution/metadata.tsv").open(encoding="utf-8"):
        fields = line.rstrip("\n").split("\t")
        in_split = dev is None or (fields[1] in dev) == (draw in DEV_ONLY_DRAWS)
        if fields[0] == "train" and fields[5].startswith(POLNEAR_MONTHS[draw]) and in_split:
            text = (SHARED / "data/attribution/text" / f"{fields[1]}.txt").read_text(encoding="utf-8")
            out.append(("polnear", fields[1], text))
    rows = [json.loads(line) for line in (SHARED / "data/stories/allsides.jsonl").open(encoding="utf-8")]
    clusters = sorted({str(r["cluster"]) for r in rows})
    random.Random(SEED).shuffle(clusters)
    chosen = set(clusters[(draw - 1) * N_STORIES : draw * N_STORIES])
    out.extend(("allsides", str(r["id"]), str(r["text"])) for r in rows if str(r["cluster"]) in chosen)
    return out


def path_published(draw: int = 1) -> dict[str, str]:
    """``"dataset:doc id"`` -> publication date (ISO) of every article of draw ``draw``'s corpus that has one."""
    wanted = {f"{d}:{doc}" for d, doc, _ in path_corpus(draw)}
    out = {}
    for line in (SHARED / "data/attribution/metadata.tsv").open(encoding="utf-8"):
        fields = line.rstrip("\n").split("\t")
        if f"polnear:{fields[1]}" in wanted and fields[5][:4].isdigit():
            out[f"polnear:{fields[1]}"] = fields[5]
    for line in (SHARED / "data/stories/allsides.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        if f"allsides:{row['id']}" in wanted and row.get("date"):
            out[f"allsides:{row['id']}"] = str(row["date"])
    return out


def _dev_split_names() -> frozenset[str]:
    from narratrace.claims.attribution_data import load_corpus, split_corpus

    return frozenset(a.name for a in split_corpus(load_corpus(SHARED / "data" / "attribution"))[1])


def main() -> None:
    import numpy as np

    from narratrace.claims.attribution import extract_attributions
    from narratrace.claims.matching import MatchOptions, prepare
    from narratrace.claims.statements import Statement, article_statements
    from narratrace.clean import clean_article
    from narratrace.ingest.article import Article

    draw = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    corpus = path_corpus(draw)
    articles = [clean_article(Article(id=f"{d}:{doc}", text=text)) for d, doc, text in corpus]
    attributions = extract_attributions(articles)
    statements: list[Statement] = []
    for index, article in enumerate(articles):
        statements.extend(article_statements(index, article, attributions[index]))
    candidates = prepare(statements, MatchOptions())
    rows_a, rows_b = candidates.rows(candidates.first), candidates.rows(candidates.second)
    cosines = np.einsum("ij,ij->i", candidates.vectors[rows_a], candidates.vectors[rows_b])
    print(f"{len(articles)} articles, {len(statements)} statements, {len(cosines)} blocked pairs", file=sys.stderr)
    rng = random.Random(SEED + draw - 1)
    order = list(range(len(cosines)))
    rng.shuffle(order)
    used: Counter[int] = Counter()
    drawn = []
    for low, high, quota in BINS_BY_DRAW.get(draw, BINS):
        taken = 0
        for k in order:
            i, j, cosine = int(candidates.first[k]), int(candidates.second[k]), float(cosines[k])
            if taken >= quota or not low <= cosine < high:
                continue
            kinds = [statements[x].source_type != "unattributed" for x in (i, j)]
            if not any(kinds) or used[i] >= 2 or used[j] >= 2:
                continue
            used[i] += 1
            used[j] += 1
            taken += 1
            drawn.append((i, j, cosine))
    for number, (i, j, cosine) in enumerate(sorted(drawn, key=lambda d: d[2])):
        record: dict[str, object] = {
            "id": f"pp{draw}{number:03d}" if draw > 1 else f"pp{number:03d}",
            "cosine": round(cosine, 3),
            "draw": draw,
        }
        for side, x in (("a", i), ("b", j)):
            statement = statements[x]
            dataset, doc = articles[statement.article_index].id.split(":", 1)
            kind = "content" if statement.source_type != "unattributed" else "bare"
            span = statement.content
            record[side] = {"dataset": dataset, "doc": doc, "start": span.start, "end": span.end, "kind": kind}
            record[f"{side}_text"] = span.text
        print(json.dumps(record, ensure_ascii=False))


if __name__ == "__main__":
    main()
