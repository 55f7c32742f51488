"""Framing labels: precision and recall against hand labels, and throughput.

    nice python -m bench.framing speed [--articles 1000] [--processes 1 2]
    nice python -m bench.framing sample --split dev|test --count 100 --out FILE.jsonl
    nice python -m bench.framing evaluate

The corpus is PTC (296 full news articles, ../shared/data/ptc) plus the AllSides lead excerpts
(1,479, ../shared/data/stories), analysed together so that names are counted over one corpus. Articles
are split by a hash of their id: ``dev`` (tuning: labels looked at while the rules were changed) and
``test`` (labelled once, reported). Hand labels live in bench/data/framing/ (see its README):
``precision.jsonl`` holds extracted labels judged yes/no, ``recall.jsonl`` the labels a reader lists for
the top entities of a few test articles.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import time
from collections.abc import Sequence
from pathlib import Path

from narratrace.clean import clean_article
from narratrace.clean.types import CleanArticle
from narratrace.framing import FramingResult, Label
from narratrace.framing.aliases import name_key
from narratrace.framing.find import find_framing
from narratrace.ingest.article import Article

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NARRATRACE_SHARED", REPO.parent / "shared")) / "data"
HAND_LABELS = REPO / "bench" / "data" / "framing"


def load_corpus() -> list[CleanArticle]:
    """PTC articles (no outlets) and AllSides excerpts (outlet = source), cleaned."""
    articles = []
    for path in sorted((SHARED / "ptc" / "articles").glob("*.txt")):
        articles.append(Article(id=f"ptc-{path.stem}", text=path.read_text(encoding="utf-8")))
    with (SHARED / "stories" / "allsides.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            articles.append(Article(id=row["id"], text=row["text"], title=row.get("title"), outlet=row.get("source")))
    return [clean_article(article) for article in articles]


def split_of(article_id: str) -> str:
    return "dev" if int(hashlib.sha1(article_id.encode()).hexdigest(), 16) % 2 == 0 else "test"


def dataset_of(article_id: str) -> str:
    return "ptc" if article_id.startswith("ptc-") else "allsides"


def speed(articles: Sequence[CleanArticle], count: int, processes: Sequence[int]) -> list[dict[str, float | None]]:
    """Articles/s and words/s of find_framing over ``count`` articles (PTC first, then AllSides)."""
    chosen = list(articles[:count])
    words = sum(len(c.text.split()) for c in chosen)
    find_framing(chosen[:20])  # loads the pipeline
    rows = []
    for n in processes:
        began, cpu_began = time.perf_counter(), time.process_time()
        result = find_framing(chosen, processes=n)
        seconds = time.perf_counter() - began
        cpu = time.process_time() - cpu_began  # this process only: worker processes are not counted
        parsed_share = result.stats["sentences_parsed"] / max(1, result.stats["sentences"])
        rows.append(
            {
                "processes": n,
                "articles": len(chosen),
                "words": words,
                "seconds": round(seconds, 1),
                "articles_per_s": round(len(chosen) / seconds, 1),
                "words_per_s": round(words / seconds),
                "sentences_parsed_share": round(parsed_share, 3),
                "minutes_for_10k_600_words": round(10_000 * 600 / (words / seconds) / 60, 1),
                "cpu_seconds_main_process": round(cpu, 1),
                "cpu_minutes_for_10k_600_words": round(10_000 * 600 / (words / cpu) / 60, 1) if n == 1 else None,
            }
        )
    return rows


def _context(clean: CleanArticle, label: Label, width: int = 160) -> str:
    text = clean.article.text
    start, end = max(0, label.start - width), min(len(text), label.end + width)
    return (text[start : label.start] + "[[" + label.text + "]]" + text[label.end : end]).replace("\n", " ")


def sample(
    result: FramingResult, articles: Sequence[CleanArticle], split: str, count: int, seed: int = 18
) -> list[dict[str, object]]:
    """``count`` non-name labels from ``split`` articles not judged yet, drawn at random, with context for judging."""
    by_id = {c.article.id: c for c in articles}
    judged = {(r["article"], r["start"], r["end"], r["entity"]) for r in _read_jsonl(HAND_LABELS / "precision.jsonl")}
    pool = [
        lab
        for lab in result.labels()
        if lab.kind != "name"
        and split_of(lab.article) == split
        and (lab.article, lab.start, lab.end, lab.entity) not in judged
    ]
    random.Random(seed).shuffle(pool)
    return [
        {
            "dataset": dataset_of(lab.article),
            "article": lab.article,
            "start": lab.start,
            "end": lab.end,
            "entity": lab.entity,
            "kind": lab.kind,
            "text": lab.text,
            "mention": lab.mention_text,
            "context": _context(by_id[lab.article], lab),
            "verdict": None,
        }
        for lab in pool[:count]
    ]


def _read_jsonl(path: Path) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def _phrase_checked(row: dict[str, object], texts: dict[str, str]) -> str:
    """The phrase a hand-label row points at, after checking it is still the phrase that was judged."""
    phrase = texts[str(row["article"])][int(str(row["start"])) : int(str(row["end"]))]
    if hashlib.sha1(phrase.encode()).hexdigest()[:10] != row["text_sha1"]:
        raise SystemExit(f"hand label {row} no longer points at the judged phrase (data changed?)")
    return phrase


def evaluate(result: FramingResult, articles: Sequence[CleanArticle]) -> dict[str, object]:
    """Precision of the judged labels the current code still produces; recall of the hand-listed labels."""
    texts = {c.article.id: c.article.text for c in articles}
    # A judged label still counts when the code attaches the same phrase to the same actor, even if the actor is now
    # shown by another of its names ("Biden" judged, "Joe Biden" shown): the verdict is about the actor.
    known_as = {entity.name: {entity.name, *(name_key(a) for a in entity.aliases)} for entity in result.entities}
    produced_for = {(lab.article, lab.start, lab.end): lab.entity for lab in result.labels() if lab.kind != "name"}

    def same_actor(row: dict[str, object]) -> bool:
        article, start, end = str(row["article"]), int(str(row["start"])), int(str(row["end"]))
        # A label judged with a no-break space at its edge ("press secretary\xa0") is produced without it now.
        phrase = texts[article][start:end]
        trimmed = (start + len(phrase) - len(phrase.lstrip()), end - len(phrase) + len(phrase.rstrip()))
        shown = produced_for.get((article, start, end)) or produced_for.get((article, *trimmed))
        entity = str(row["entity"])
        return shown is not None and (shown == entity or name_key(entity) in known_as.get(shown, ()))

    judged = _read_jsonl(HAND_LABELS / "precision.jsonl")
    for row in judged:
        _phrase_checked(row, texts)
    report: dict[str, object] = {}
    rounds = sorted({(str(r["split"]), int(str(r.get("round", 1)))) for r in judged})
    for split, round_number in rounds:
        rows = [r for r in judged if r["split"] == split and int(str(r.get("round", 1))) == round_number]
        still = [r for r in rows if same_actor(r)]
        yes = sum(1 for r in still if r["verdict"] == "yes")
        by_kind: dict[str, list[int]] = {}
        for row in still:
            by_kind.setdefault(str(row["kind"]), [0, 0])[0 if row["verdict"] == "yes" else 1] += 1
        report[f"precision_{split}_round{round_number}"] = {
            "judged": len(rows),
            "still_produced": len(still),
            "yes": yes,
            "precision": round(yes / len(still), 3) if still else None,
            "by_kind": {kind: {"yes": n[0], "no": n[1]} for kind, n in sorted(by_kind.items())},
        }
    gold = _read_jsonl(HAND_LABELS / "recall.jsonl")
    spans: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for lab in result.labels():
        if lab.kind != "name":
            spans.setdefault((lab.article, lab.entity), []).append((lab.start, lab.end))
    found = 0
    missed = []
    for row in gold:
        start, end = int(str(row["start"])), int(str(row["end"]))
        entity = str(row["entity"])
        hits = [
            span
            for (article, shown), found_spans in spans.items()
            if article == row["article"] and (shown == entity or name_key(entity) in known_as.get(shown, ()))
            for span in found_spans
        ]
        if any(s < end and start < e for s, e in hits):
            found += 1
        else:
            missed.append(f"{row['entity']}: {_phrase_checked(row, texts)}")
    report["recall"] = {
        "listed": len(gold),
        "found": found,
        "recall": round(found / len(gold), 3) if gold else None,
        "articles": len({r["article"] for r in gold}),
        "missed": missed,
    }
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=("speed", "sample", "evaluate"))
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--seed", type=int, default=18)
    args = parser.parse_args()
    articles = load_corpus()
    if args.mode == "speed":
        for row in speed(articles, args.articles, args.processes):
            print(json.dumps(row))
        return
    began = time.perf_counter()
    result = find_framing(articles)
    print(json.dumps({"articles": len(articles), "seconds": round(time.perf_counter() - began, 1)}))
    if args.mode == "sample":
        rows = sample(result, articles, args.split, args.count, args.seed)
        out = args.out or Path(f"/tmp/framing-{args.split}.jsonl")
        out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        print(f"{len(rows)} labels to judge in {out}")
    else:
        print(json.dumps(evaluate(result, articles), indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
