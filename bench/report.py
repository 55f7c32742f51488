"""How long render_report takes and how big report.html gets as the corpus grows.

Uses synthetic analysis documents (random words, shaped like analysis.json: articles with
boilerplate, warnings and technique spans, copy pairs with passages and edits, an outlet
network), so it needs no shared data. Run:  nice python -m bench.report --write-docs
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.docs_section import run_line, write_section
from narratrace.report import render_report

REPO = Path(__file__).resolve().parents[1]
SECTION = "## HTML report"
SIZES = "10,100,1000,3000"
TECHNIQUES = ["Loaded_Language", "Name_Calling,Labeling", "Doubt", "Flag-Waving", "Repetition", "Slogans"]


def synthetic_document(n_articles: int, words_per_article: int = 500, seed: int = 7) -> dict[str, Any]:
    rng = random.Random(seed)
    vocabulary = [f"w{i}" for i in range(3000)]
    outlets = [f"outlet{i}.example" for i in range(max(2, n_articles // 20))]
    articles: list[dict[str, Any]] = []
    for i in range(n_articles):
        text = " ".join(rng.choice(vocabulary) for _ in range(words_per_article))
        spans = []
        for _ in range(words_per_article // 25):
            start = rng.randrange(0, len(text) - 200)
            spans.append(
                {"start": start, "end": start + rng.randrange(5, 200), "technique": rng.choice(TECHNIQUES),
                 "confidence": round(rng.random(), 3)}
            )  # fmt: skip
        articles.append(
            {
                "id": f"{i:016x}", "outlet": rng.choice(outlets), "title": f"Article {i}", "url": f"https://x.example/{i}",
                "published": "2020-01-01", "text": text, "original_text": text,
                "boilerplate": [{"start": 0, "end": 9, "text": "Read more", "kind": "read_more"}],
                "warnings": [{"kind": "date_mismatch", "message": "dates differ"}] if i % 10 == 0 else [],
                "techniques": spans, "technique_profile": {t: rng.random() * 5 for t in TECHNIQUES[:3]},
            }
        )  # fmt: skip
    reuse = []
    for i in range(0, n_articles - 1, 2):
        a, b = articles[i], articles[i + 1]
        passage: dict[str, Any] = {"a_start": 0, "a_end": 1500, "b_start": 0, "b_end": 1500, "score": 0.9}
        passage |= {"a_text": a["original_text"][:1500], "b_text": b["original_text"][:1500]}
        edit = {
            "op": "changed",
            "a_start": 100,
            "a_end": 110,
            "b_start": 100,
            "b_end": 110,
            "a_text": "x",
            "b_text": "y",
        }
        direction = {
            "source": a["id"],
            "confidence": 0.8,
            "evidence": [{"kind": "date", "detail": "earlier", "weight": 1}],
        }
        reuse.append(
            {"a": a["id"], "b": b["id"], "kind": "copy", "containment_a": 0.3, "containment_b": 0.3,
             "passages": [passage], "edits": [edit], "direction": direction}
        )  # fmt: skip
    edges = [
        {"source": rng.choice(outlets), "target": rng.choice(outlets), "weight": rng.randrange(1, 9), "examples": ["x"]}
        for _ in range(len(outlets) * 2)
    ]
    return {
        "schema_version": "1.0", "articles": articles, "reuse": reuse, "clusters": [],
        "outlet_network": {"nodes": [{"id": o} for o in outlets], "edges": edges},
        "outlet_techniques": {o: {t: rng.random() * 5 for t in TECHNIQUES} for o in outlets},
        "technique_legend": [{"name": t, "definition": "d", "example": "e"} for t in TECHNIQUES],
    }  # fmt: skip


def measure(n_articles: int) -> tuple[float, float, int]:
    doc = synthetic_document(n_articles)
    wall, cpu = time.perf_counter(), time.process_time()
    html = render_report(doc)
    return time.perf_counter() - wall, time.process_time() - cpu, len(html.encode("utf-8"))


def render(rows: list[tuple[int, float, float, int]], command: str) -> str:
    lines = [
        SECTION,
        "",
        run_line(command, f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC"),
        "",
        "Synthetic analysis documents: 500-word articles with ~20 technique spans each, one copy pair per two",
        "articles. Default ReportOptions caps (300 pairs and 300 highlighted texts drawn; the article table shows",
        "up to 2,000 articles). Wall time includes building the view and Jinja2 rendering; one run each.",
        "",
        "| articles | pairs in doc | render wall (s) | render CPU (s) | report.html (MB) |",
        "|---:|---:|---:|---:|---:|",
    ]
    lines += [f"| {n} | {n // 2} | {wall:.2f} | {cpu:.2f} | {size / 1e6:.1f} |" for n, wall, cpu, size in rows]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default=SIZES, help="corpus sizes (articles), comma-separated")
    parser.add_argument("--write-docs", action="store_true", help="write the table into docs/benchmarks.md")
    args = parser.parse_args()
    rows = [(n, *measure(n)) for n in (int(s) for s in args.sizes.split(","))]
    sizes = "" if args.sizes == SIZES else f" --sizes {args.sizes}"
    section = render(rows, f"nice python -m bench.report{sizes} --write-docs")
    print(section)
    if args.write_docs:
        write_section(section, name="report")


if __name__ == "__main__":
    main()
