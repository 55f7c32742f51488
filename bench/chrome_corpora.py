"""Real corpora for the clean-stage benches (dates, repeated chrome), read from ../shared (never copied here).

Each loader returns ``Article`` objects with the corpus's own outlet and date; ids are stable
(``dataset:document``) so hand-labelled references in bench/data/chrome/ can point back at them.
"""

from __future__ import annotations

import csv
import gzip
import json
import logging
import os
from pathlib import Path

from narratrace.ingest.article import Article
from narratrace.ingest.outlet import outlet_from_url

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NARRATRACE_SHARED", REPO.parent / "shared"))


def allsides() -> list[Article]:
    """AllSides lead excerpts; outlet = ``source``, date = ``date``."""
    path = SHARED / "data" / "stories" / "allsides.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [
        Article(
            id=f"allsides:{r['id']}",
            text=r["text"],
            title=r.get("title"),
            outlet=r.get("source"),
            url=r.get("url"),
            published=r.get("date"),
            metadata={"published_source": "metadata"},
        )
        for r in rows
    ]


def polnear() -> list[Article]:
    """PolNeAR train split; outlet = publisher, date = publication_date."""
    root = SHARED / "data" / "attribution"
    with (root / "metadata.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [
        Article(
            id=f"polnear:{r['filename']}",
            text=(root / "text" / f"{r['filename']}.txt").read_text(encoding="utf-8"),
            title=r.get("title"),
            outlet=r.get("publisher"),
            published=r.get("publication_date"),
            metadata={"published_source": "metadata"},
        )
        for r in rows
        if (root / "text" / f"{r['filename']}.txt").exists()
    ]


def extraction() -> list[Article]:
    """The 109 extraction pages through narratrace's HTML reader (as bench/extraction.py does, without URL)."""
    from narratrace.ingest.html import read_html
    from narratrace.ingest.types import InputRejected

    logging.disable(logging.WARNING)
    root = SHARED / "data" / "extraction"
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    articles = []
    for page_id in sorted(truth):
        html = gzip.decompress((root / "html" / f"{page_id}.html.gz").read_bytes()).decode("utf-8")
        try:
            article = read_html(html)
        except InputRejected:
            continue
        url = truth[page_id].get("url")
        articles.append(
            Article(
                id=f"extraction:{page_id}",
                text=article.text,
                title=article.title,
                outlet=outlet_from_url(url) or article.outlet,
                url=url,
                published=article.published,
                metadata=dict(article.metadata),
            )
        )
    return articles


def extraction_reference() -> dict[str, list[str]]:
    """``date_accepted`` per extraction article id."""
    path = SHARED / "data" / "extraction" / "metadata-reference.json"
    reference = json.loads(path.read_text(encoding="utf-8"))
    return {f"extraction:{k}": v.get("date_accepted") or [] for k, v in reference.items()}
