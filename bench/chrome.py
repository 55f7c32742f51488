"""Chrome by repetition (narratrace.clean.repeated) on real text, plus a synthetic no-line-break check.

1. Clean corpora (AllSides lead excerpts by ``source``; PolNeAR by publisher): texts with no page chrome
   left, many same-story articles per outlet. Every removal there is a false one.
2. Whole pages: the 109 extraction pages flattened to one line of body text each (all the page's chrome
   kept, no line breaks), grouped by domain (two pages per domain at most, so ``min_articles=2`` here).
   A removed span whose words are in the page's ground-truth article body is a false removal.
3. Synthetic: PolNeAR articles flattened to one line, with an outlet footer glued to the end, a comment
   widget glued after a sentence and a byline in front (each with its own probability), and one story
   republished inside another article of the same outlet, which must survive.

Run:  nice python bench/chrome.py [--write-references]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from bench.chrome_corpora import SHARED, allsides, polnear  # noqa: E402
from narratrace.clean import CleanArticle, clean_article  # noqa: E402
from narratrace.clean.repeated import strip_repeated_chrome  # noqa: E402
from narratrace.ingest.article import Article  # noqa: E402

REFERENCES = REPO / "bench" / "data" / "chrome" / "whole_page_removed.tsv"
_TOKEN = re.compile(r"\w+")


def removed_spans(articles: list[CleanArticle]) -> list[tuple[CleanArticle, int, int, str]]:
    return [(a, b.start, b.end, b.text) for a in articles for b in a.boilerplate if b.kind == "repeated_chrome"]


def clean_corpora() -> dict[str, str]:
    out = {}
    for name, loader in (("allsides", allsides), ("polnear", polnear)):
        cleaned = strip_repeated_chrome([clean_article(a) for a in loader()])
        spans = removed_spans(cleaned)
        out[name] = f"{len(cleaned)} articles: {len(spans)} spans, {sum(e - s for _, s, e, _ in spans)} chars removed"
    return out


def flatten_page(html: str) -> str:
    """The page's visible body text as one line (scripts, styles and markup gone, all chrome kept)."""
    import lxml.html

    tree = lxml.html.fromstring(html)
    for element in tree.xpath("//script|//style|//noscript|//template"):
        element.drop_tree()
    body = tree.find("body")
    return " ".join((body if body is not None else tree).text_content().split())


def whole_pages() -> tuple[dict[str, object], list[tuple[str, int, int, str, bool]]]:
    from narratrace.ingest.outlet import outlet_from_url

    root = SHARED / "data" / "extraction"
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    articles: list[CleanArticle] = []
    bodies: dict[str, set[tuple[str, ...]]] = {}
    for page_id in sorted(truth):
        html = gzip.decompress((root / "html" / f"{page_id}.html.gz").read_bytes()).decode("utf-8")
        text = flatten_page(html)
        page = Article(id=f"extraction:{page_id}", text=text, outlet=outlet_from_url(truth[page_id]["url"]))
        articles.append(clean_article(page))
        bodies[page.id] = set(_shingles(truth[page_id]["articleBody"]))
    cleaned = strip_repeated_chrome(articles, min_articles=2)
    rows = []
    for removed_from, start, end, text in removed_spans(cleaned):
        in_body = any(s in bodies[removed_from.id] for s in _shingles(text))
        rows.append((removed_from.id, start, end, text, in_body))
    grouped = Counter(a.article.outlet for a in articles)
    stats: dict[str, object] = {
        "pages": len(articles),
        "pages in a domain with 2+ pages": sum(n for n in grouped.values() if n >= 2),
        "spans removed": len(rows),
        "chars removed": sum(e - s for _, s, e, _, _ in rows),
        "spans overlapping the ground-truth body (false removals)": sum(r[4] for r in rows),
        "chars of those": sum(e - s for _, s, e, _, b in rows if b),
    }
    return stats, rows


def _shingles(text: str, size: int = 4) -> list[tuple[str, ...]]:
    tokens = _TOKEN.findall(text.casefold())
    return [tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1)]


FOOTER = "{outlet} is an independent newsroom. Copyright 2016 {outlet} Media Group. All rights reserved."
WIDGET = "Community standardsDiscussion Comment via Facebook"
BYLINE = "By {outlet} Staff Reporter | Follow us on Twitter"


def synthetic(seed: int = 17, footer_p: float = 0.8, widget_p: float = 0.4, byline_p: float = 0.5) -> dict[str, str]:
    rng = random.Random(seed)
    articles, inserted = [], {}
    corpus = polnear()
    by_outlet: dict[str, list[Article]] = {}
    for article in corpus:
        by_outlet.setdefault(article.outlet or "", []).append(article)
    copied: dict[str, str] = {}
    for outlet, members in by_outlet.items():
        # One story republished whole inside another article of the outlet: reuse, not chrome.
        source, host = members[0], members[1]
        copied[host.id] = " ".join(source.text.split())
        for article in members:
            body = " ".join(article.text.split())
            if article.id in copied:
                body = f"{body} {copied[article.id]}"
            parts, spans = [], []
            if rng.random() < byline_p:
                parts.append(BYLINE.format(outlet=outlet) + " ")
            sentences = re.split(r"(?<=[.!?]) ", body)
            cut = rng.randrange(1, max(2, len(sentences)))
            if rng.random() < widget_p:
                body = " ".join(sentences[:cut]) + WIDGET + " ".join(sentences[cut:])
            parts.append(body)
            if rng.random() < footer_p:
                parts.append(" " + FOOTER.format(outlet=outlet))
            text = "".join(parts)
            for chrome in (BYLINE.format(outlet=outlet), WIDGET, FOOTER.format(outlet=outlet)):
                at = text.find(chrome)
                if at >= 0:
                    spans.append((at, at + len(chrome)))
            inserted[article.id] = spans
            articles.append(Article(id=article.id, text=text, outlet=outlet))
    cleaned = strip_repeated_chrome([clean_article(a) for a in articles])
    chrome_chars = sum(e - s for spans in inserted.values() for s, e in spans)
    removed_chrome = removed_other = 0
    for result in cleaned:
        mask = [False] * len(result.article.text)
        for s, e in inserted[result.id]:
            mask[s:e] = [True] * (e - s)
        for line in result.boilerplate:
            if line.kind == "repeated_chrome":
                for position in range(line.start, line.end):
                    if mask[position]:
                        removed_chrome += 1
                    elif not result.article.text[position].isspace():
                        removed_other += 1
    survived = sum(copied[a.id][:200] in a.text for a in cleaned if a.id in copied)
    return {
        "articles": str(len(cleaned)),
        "inserted chrome chars": str(chrome_chars),
        "recall (chrome chars removed)": f"{removed_chrome / max(chrome_chars, 1):.3f}",
        "non-chrome chars removed": str(removed_other),
        "republished stories that survive": f"{survived}/{len(copied)}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-references", action="store_true")
    args = parser.parse_args()
    print("clean corpora:", clean_corpora())
    stats, rows = whole_pages()
    print("whole pages:", stats)
    print("synthetic:", synthetic())
    labels = _read_labels()
    found = [(doc.split(":", 1)[1], start, end, in_body) for doc, start, end, _, in_body in rows]
    labelled = [labels[(d, s, e)] for d, s, e, _ in found if (d, s, e) in labels]
    print(f"hand-checked: {len(labelled)}/{len(found)} removed spans labelled: {dict(Counter(labelled))}")
    if args.write_references:  # keeps the labels of spans found again; new spans get an empty label
        REFERENCES.parent.mkdir(parents=True, exist_ok=True)
        with REFERENCES.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter="\t")
            writer.writerow(["dataset", "document", "start", "end", "in_truth_body", "label"])
            for doc, start, end, in_body in found:
                label = labels.get((doc, start, end), "")
                writer.writerow(["extraction-flattened", doc, start, end, int(in_body), label])


def _read_labels() -> dict[tuple[str, int, int], str]:
    if not REFERENCES.exists():
        return {}
    with REFERENCES.open(encoding="utf-8") as handle:
        return {
            (row["document"], int(row["start"]), int(row["end"])): row["label"]
            for row in csv.DictReader(handle, delimiter="\t")
        }


if __name__ == "__main__":
    main()
