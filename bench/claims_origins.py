"""Independent origins on real news: does corroboration count a claim's origins as a reader would?

    narratrace claims ../shared/data/stories/allsides.jsonl --map outlet=source,published=date --out RUNS/allsides
    narratrace claims ../shared/data/extraction/html --out RUNS/pages
    narratrace claims ../shared/data/ptc/articles --out RUNS/ptc
    python -m bench.claims_origins --write-polnear polnear.jsonl      # PolNeAR's 840 articles, outlets and dates
    narratrace claims polnear.jsonl --out RUNS/polnear                 # optional: a fourth corpus
    python -m bench.claims_origins --runs RUNS --draw SHEET_DIR        # the labelling sheet (seeded sample)
    python -m bench.claims_origins --runs RUNS [--labels FILE]         # score the runs' origins against the labels
    python -m bench.claims_origins --runs RUNS --draw DIR --changed-from OLD_RUNS   # every claim a change moved
    python -m bench.claims_origins --labels FILE --agreement SECOND_FILE      # two readers of one sheet
    python -m bench.claims_origins --runs RUNS --labels FILE --matching      # matching: mentions kept / joined

The claims stage counts a claim's independent origins: articles that copy one another (reuse's pairs and
directions) or rest on the same upstream source (the same named or anonymous source, the same outlet cited) are
one origin (docs/results/claims.md). This bench checks the count against readers. ``--draw`` takes a seeded
sample of each run's claims (half among those the stage discounted, half among those it did not) and writes a
sheet: every mention's paragraph with the attributed content marked, the article's outlet and date, and nothing
of the stage's reasoning. Labellers mark which mentions state the claim and group those articles into
independent origins (bench/data/claim_origins/GUIDE.md). Scoring finds, for each labelled claim, the run's claim
holding the most of its mentions (so a rerun of changed code is scored on the same mentions), keeps the articles
the labeller says state the claim, and compares the two groupings: the count of origins (exact, over, under) and
same-origin article pairs (precision and recall), with "every article its own origin" as the baseline.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from narratrace.claims.corroboration import origins_floor

LABELS = Path(__file__).resolve().parent / "data" / "claim_origins" / "labels.jsonl"
SEED = 20261207
# Claims drawn per stratum from each corpus's run; a corpus whose run is not in RUNS is skipped. PolNeAR (its 840
# articles as JSONL with their publisher and date, ``--write-polnear``) came later, for the claims a change moves.
PER_STRATUM = {"allsides": 25, "pages": 10, "ptc": 15, "polnear": 25}
CONTEXT_CHARS = 350


def load_run(folder: Path) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """A ``narratrace claims`` output folder: its claims and its articles by id."""
    claims = [json.loads(line) for line in (folder / "claims.jsonl").read_text(encoding="utf-8").splitlines()]
    articles = {}
    for line in (folder / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        article = json.loads(line)
        articles[article["id"]] = article
    return claims, articles


def write_polnear(out: Path) -> None:
    """PolNeAR's articles as JSONL for ``narratrace claims``: id (the file name), outlet, date, title, text."""
    from bench.stories_data import load_polnear

    with out.open("w", encoding="utf-8") as handle:
        for article in (a.article for a in load_polnear()):
            record = {"id": article.id, "outlet": article.outlet, "published": article.published}
            handle.write(json.dumps(record | {"title": article.title, "text": article.text}) + "\n")


def mention_key(corpus: str, mention: Mapping[str, Any]) -> tuple[str, str, int, int]:
    content = mention["content"]
    return corpus, mention["article"], content["start"], content["end"]


def context(article: Mapping[str, Any], start: int, end: int) -> str:
    """The paragraph around a content, the content marked ⟦…⟧ (offsets are into the original text)."""
    text = article.get("original_text") or article["text"]
    left, right = max(0, start - CONTEXT_CHARS), min(len(text), end + CONTEXT_CHARS)
    return (
        ("…" if left else "")
        + text[left:start]
        + "⟦"
        + text[start:end]
        + "⟧"
        + text[end:right]
        + ("…" if right < len(text) else "")
    ).replace("\n", " ")


def mention_lines(claim: Mapping[str, Any], articles: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """A sheet's lines for each mention of a claim: its number, article, outlet, date and title, then its paragraph
    with the statement marked."""
    lines = []
    for m, mention in enumerate(claim["mentions"], start=1):
        article = articles[mention["article"]]
        where = f"{article.get('outlet') or 'outlet unknown'}, {article.get('published') or 'undated'}"
        lines.append(f"[{m}] article {mention['article']} ({where}; title: {article.get('title')})")
        lines.append(f"    {context(article, mention['content']['start'], mention['content']['end'])}")
    return lines


def draw(
    runs: Path,
    out: Path,
    seed: int = SEED,
    exclude: Sequence[Mapping[str, Any]] = (),
    changed_from: Path | None = None,
) -> None:
    """A seeded sample of each run's claims, half discounted by the stage and half not, as a labelling sheet;
    a claim holding a mention of an ``exclude`` row (an earlier draw's labels) is not drawn again. With
    ``changed_from`` (the runs of the code before a change) the sheet holds every claim whose origins the change
    moved instead (the same claims in both runs), so a reader can judge each move."""
    rng = random.Random(seed)
    drawn = {tuple(m) for row in exclude for m in row["mentions"]}
    out.mkdir(parents=True, exist_ok=True)
    sheet: list[str] = []
    index: list[dict[str, Any]] = []
    for corpus, per_stratum in PER_STRATUM.items():
        if not (runs / corpus).is_dir():
            continue
        claims, articles = load_run(runs / corpus)
        before = {c["id"]: c["origins"] for c in load_run(changed_from / corpus)[0]} if changed_from else {}
        for discounted in (True, False):
            pool = [
                c
                for c in claims
                if (c["independent_origins"] < len(c["articles"])) == discounted
                and not any(mention_key(corpus, m) in drawn for m in c["mentions"])
            ]
            if changed_from is not None:
                chosen = [c for c in pool if before.get(c["id"], c["origins"]) != c["origins"]]
            else:
                chosen = rng.sample(pool, min(per_stratum, len(pool)))
            for claim in chosen:
                number = len(index) + 1
                sheet.append("\n".join([f"## C{number} ({corpus}): {claim['claim']}", *mention_lines(claim, articles)]))
                index.append(
                    {
                        "claim": f"C{number}",
                        "corpus": corpus,
                        "stratum": "discounted" if discounted else "not discounted",
                        "mentions": [list(mention_key(corpus, m)) for m in claim["mentions"]],
                    }
                )
    (out / "sheet.md").write_text("\n\n".join(sheet) + "\n", encoding="utf-8")
    (out / "index.jsonl").write_text("".join(json.dumps(i) + "\n" for i in index), encoding="utf-8")
    print(f"{len(index)} claims -> {out / 'sheet.md'}")


def same_origin_pairs(groups: Iterable[Iterable[str]]) -> set[frozenset[str]]:
    return {frozenset(p) for group in groups for p in itertools.combinations(sorted(set(group)), 2)}


MentionKey = tuple[str, str, int, int]


class MentionIndex:
    """The runs' mentions -> their claim's (corpus, position). A labelled mention is found by its exact span, else by
    the run's mention in the same article that overlaps it most: a later decoding rule may have moved a content's
    edges (a quotation now kept whole over two lines), and the claim it is in is still the one the reader judged."""

    def __init__(self) -> None:
        self.claim_of: dict[MentionKey, tuple[str, int]] = {}
        self._spans: dict[tuple[str, str], list[tuple[int, int]]] = {}

    def add(self, key: MentionKey, claim: tuple[str, int]) -> None:
        self.claim_of[key] = claim
        self._spans.setdefault((key[0], key[1]), []).append((key[2], key[3]))

    def resolve(self, key: Sequence[Any]) -> MentionKey | None:
        """The run's mention standing for the labelled ``key`` (corpus, article, start, end), None if none does."""
        corpus, article, start, end = key[0], key[1], key[2], key[3]
        if (corpus, article, start, end) in self.claim_of:
            return (corpus, article, start, end)
        overlaps = [(min(e, end) - max(s, start), s, e) for s, e in self._spans.get((corpus, article), ())]
        best = max(overlaps, default=None)
        return (corpus, article, best[1], best[2]) if best is not None and best[0] > 0 else None

    def get(self, key: Sequence[Any]) -> tuple[str, int] | None:
        resolved = self.resolve(key)
        return self.claim_of[resolved] if resolved is not None else None


def index_runs(runs: Path) -> tuple[MentionIndex, dict[tuple[str, int], dict[str, Any]]]:
    """Each mention of the runs' claims -> its claim's (corpus, position), and the claims by that key."""
    found = MentionIndex()
    run_claims: dict[tuple[str, int], dict[str, Any]] = {}
    for corpus in (c for c in PER_STRATUM if (runs / c).is_dir()):
        claims, _ = load_run(runs / corpus)
        for n, claim in enumerate(claims):
            run_claims[(corpus, n)] = claim
            for mention in claim["mentions"]:
                found.add(mention_key(corpus, mention), (corpus, n))
    return found, run_claims


def holding_most(mentions: Iterable[Sequence[Any]], found: MentionIndex) -> tuple[str, int] | None:
    """The run's claim holding the most of ``mentions`` (ties: the first claim), None when it holds none."""
    hits = [found.get(m) for m in mentions]
    return max(sorted({h for h in hits if h is not None}), key=hits.count, default=None)


TALLIES = (
    "claims", "exact", "over", "under", "tp", "fp", "fn", "baseline_exact", "floor_exact", "in_range", "range_a_point",
)  # fmt: skip


def reader_floor(groups: Sequence[Sequence[str]], mentions: Sequence[Mapping[str, Any]]) -> int:
    """The count's floor on the reader's articles (``corroboration.origins_floor``): groups holding an
    article that gives the claim a source stay apart, the others may rest on them (wire carriers, which the
    record does not mark, are left out: a dozen claims of the four corpora)."""
    firm = {m["article"] for m in mentions if m.get("source") and m.get("source_type") != "unattributed"}
    return origins_floor(groups, firm)[0]


def score(runs: Path, labels: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The runs' origins against the labels: counts and same-origin pairs, overall and per corpus and stratum."""
    found, run_claims = index_runs(runs)
    tallies: dict[str, dict[str, int]] = {}
    for label in labels:
        kept = {a for group in label["origins"] for a in group}
        if len(kept) < 2:
            continue  # fewer than two articles state the claim: nothing to count
        best = holding_most(label["mentions"], found)
        predicted = run_claims[best]["origins"] if best is not None else [[a] for a in kept]
        predicted_groups = [[a for a in group if a in kept] for group in predicted]
        predicted_groups = [g for g in predicted_groups if g]
        covered = {a for g in predicted_groups for a in g}
        predicted_groups += [[a] for a in sorted(kept - covered)]  # an article the rerun left out: its own origin
        truth_pairs, predicted_pairs = same_origin_pairs(label["origins"]), same_origin_pairs(predicted_groups)
        true_count, predicted_count = len(label["origins"]), len(predicted_groups)
        floor = reader_floor(predicted_groups, run_claims[best]["mentions"] if best is not None else [])
        for name in ("all", f"{label['corpus']}", f"{label['stratum']}"):
            t = tallies.setdefault(name, dict.fromkeys(TALLIES, 0))
            t["claims"] += 1
            t["exact"] += predicted_count == true_count
            t["over"] += predicted_count > true_count
            t["under"] += predicted_count < true_count
            t["tp"] += len(truth_pairs & predicted_pairs)
            t["fp"] += len(predicted_pairs - truth_pairs)
            t["fn"] += len(truth_pairs - predicted_pairs)
            t["baseline_exact"] += len(kept) == true_count  # every article its own origin
            t["floor_exact"] += floor == true_count
            t["in_range"] += floor <= true_count <= predicted_count
            t["range_a_point"] += floor == predicted_count
    stated = sum(1 for label in labels if len({a for group in label["origins"] for a in group}) >= 2)
    wrong = sum(len(label.get("not_the_claim", [])) for label in labels)
    mentions = sum(len(label["mentions"]) for label in labels)
    out: dict[str, Any] = {"claims_labelled": len(labels), "claims_two_articles_state": stated}
    out |= {"mentions": mentions, "mentions_not_the_claim": wrong}
    print(
        f"{len(labels)} claims labelled: {stated} stated by two articles or more; {wrong} of {mentions} mentions "
        "do not state their claim (matching errors)\n"
    )
    print(
        "| claims | n | count exact | over (too many origins) | under | same-origin pair P / R | baseline exact "
        "| floor exact | in [floor, count] | range a point |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, t in tallies.items():
        precision = t["tp"] / (t["tp"] + t["fp"]) if t["tp"] + t["fp"] else float("nan")
        recall = t["tp"] / (t["tp"] + t["fn"]) if t["tp"] + t["fn"] else float("nan")
        n = t["claims"]
        out[name] = {**t, "pair_precision": round(precision, 3), "pair_recall": round(recall, 3)}
        print(
            f"| {name} | {n} | {t['exact'] / n:.2f} ({t['exact']}) | {t['over']} | {t['under']} | "
            f"{precision:.2f} / {recall:.2f} ({t['tp']} of {t['tp'] + t['fn']}) | {t['baseline_exact'] / n:.2f} "
            f"| {t['floor_exact'] / n:.2f} | {t['in_range'] / n:.2f} | {t['range_a_point'] / n:.2f} |"
        )
    return out


def score_matching(runs: Path, labels: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Matching on the stage's path, read from the same labels: for each labelled claim, the run's claim holding
    the most of the mentions the reader says state it; a stating mention in it is kept, one outside it is split
    off, and a mention the reader says states another claim (``not_the_claim``) in it is wrongly joined. The runs
    the sheet was drawn from keep every mention, so their precision is the sheet's share of right mentions."""
    found, run_claims = index_runs(runs)
    kept = split = joined = excluded = 0
    by_kind: dict[str, list[int]] = {}  # kind -> [mentions of another claim, mentions] in the run's claims
    for label in labels:
        wrong = set(label["not_the_claim"])
        stating = [m for n, m in enumerate(label["mentions"], start=1) if n not in wrong]
        other = [m for n, m in enumerate(label["mentions"], start=1) if n in wrong]
        best = holding_most(stating, found)
        records = {mention_key(best[0], m): m for m in run_claims[best]["mentions"]} if best else {}
        inside = [found.resolve(m) in records for m in stating]
        kept += sum(inside)
        split += len(inside) - sum(inside)
        joined += sum(found.resolve(m) in records for m in other)
        excluded += sum(found.resolve(m) not in records for m in other)
        size = f"claims of {min(len(records), 5)}{'+' if len(records) >= 5 else ''} mentions"
        for n, m in enumerate(label["mentions"], start=1):
            if (resolved := found.resolve(m)) is not None and (record := records.get(resolved)) is not None:
                kind = "bare sentences" if record.get("source_type") == "unattributed" else "attributed contents"
                for key in (kind, size):
                    by_kind.setdefault(key, [0, 0])[0] += n in wrong
                    by_kind[key][1] += 1
    precision = kept / (kept + joined) if kept + joined else float("nan")
    recall = kept / (kept + split) if kept + split else float("nan")
    out: dict[str, Any] = {"kept": kept, "split_off": split, "wrongly_joined": joined, "kept_out": excluded}
    out |= {"precision": round(precision, 3), "recall": round(recall, 3)}
    out["another_claims_share"] = {key: round(w / n, 3) for key, (w, n) in sorted(by_kind.items())}
    print(
        f"{len(labels)} claims: {kept} stating mentions kept, {split} split off; {joined} mentions of another claim "
        f"joined, {excluded} kept out: precision {precision:.3f}, recall {recall:.3f}"
    )
    for key, (w, n) in sorted(by_kind.items()):
        print(f"  mentions of another claim among {key}: {w / n:.2f} ({w} of {n})")
    return out


def agreement(first: Sequence[Mapping[str, Any]], second: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Two readers of one sheet: whether they keep the same articles as stating the claim, and, on the articles
    both say state it (two or more), whether they group them into the same origins."""
    by_claim = {row["claim"]: row for row in second}
    same_kept = compared = same_count = 0
    pairs_first: set[frozenset[str]] = set()
    pairs_second: set[frozenset[str]] = set()
    for row in first:
        other = by_claim[row["claim"]]
        kept = {a for group in row["origins"] for a in group}
        kept_other = {a for group in other["origins"] for a in group}
        same_kept += kept == kept_other
        both = kept & kept_other
        if len(both) < 2:
            continue
        compared += 1
        mine = [[a for a in group if a in both] for group in row["origins"]]
        theirs = [[a for a in group if a in both] for group in other["origins"]]
        same_count += len([g for g in mine if g]) == len([g for g in theirs if g])
        pairs_first |= {frozenset((row["claim"], *p)) for p in same_origin_pairs(mine)}
        pairs_second |= {frozenset((row["claim"], *p)) for p in same_origin_pairs(theirs)}
    shared = len(pairs_first & pairs_second)
    out = {
        "claims": len(first),
        "same_articles_kept": same_kept,
        "compared": compared,
        "same_origin_count": same_count,
        "same_origin_pairs_first": len(pairs_first),
        "same_origin_pairs_second": len(pairs_second),
        "same_origin_pairs_both": shared,
    }
    print(
        f"{len(first)} claims: the same articles kept as stating the claim in {same_kept}; on the {compared} claims "
        f"both read as stated twice or more, the same origin count in {same_count}; same-origin pairs "
        f"{len(pairs_first)} / {len(pairs_second)}, {shared} in both"
    )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=Path, help="folder with allsides/, pages/ and ptc/ runs")
    parser.add_argument("--draw", type=Path, help="write the labelling sheet and index here")
    parser.add_argument("--labels", type=Path, default=LABELS, help="labelled claims (JSONL)")
    parser.add_argument("--seed", type=int, default=SEED, help="the draw's seed")
    parser.add_argument("--exclude", type=Path, action="append", default=[], help="an earlier draw's labels")
    parser.add_argument("--changed-from", type=Path, help="runs of the code before a change: draw what it moved")
    parser.add_argument("--agreement", type=Path, help="a second reader's labels of the same sheet: no run needed")
    parser.add_argument("--matching", action="store_true", help="score the runs' matching, not their origins")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--write-polnear", type=Path, help="write PolNeAR's articles as JSONL here, then stop")
    args = parser.parse_args()
    if args.write_polnear:
        write_polnear(args.write_polnear)
        return
    if args.draw:
        if args.runs is None:
            parser.error("--draw needs --runs")
        earlier = [json.loads(line) for path in args.exclude for line in path.read_text(encoding="utf-8").splitlines()]
        draw(args.runs, args.draw, args.seed, earlier, args.changed_from)
        return
    labels = [json.loads(line) for line in args.labels.read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.agreement:
        second = [json.loads(line) for line in args.agreement.read_text(encoding="utf-8").splitlines() if line]
        figures = agreement(labels, second)
    elif args.runs is not None:
        figures = score_matching(args.runs, labels) if args.matching else score(args.runs, labels)
    else:
        parser.error("scoring needs --runs")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
