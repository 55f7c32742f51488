"""Corpora for the story benchmarks, read from ../shared (or NARRATRACE_SHARED) as clean articles."""

from __future__ import annotations

import csv
import json
import os
import random
from pathlib import Path
from typing import Any

from narratrace.clean import clean_article
from narratrace.clean.types import CleanArticle
from narratrace.ingest.article import Article

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NARRATRACE_SHARED", REPO.parent / "shared"))
ALLSIDES = SHARED / "data" / "stories" / "allsides.jsonl"
POLNEAR = SHARED / "data" / "attribution"
STORY_EVENTS = REPO / "bench" / "data" / "story_events" / "labels.jsonl"


def save_figures(out: Any, path: str | None, echo: bool = True) -> None:
    """Print a story bench's figures as JSON (``echo``) and write them to ``path`` when given (``--json``)."""
    if echo:
        print(json.dumps(out, indent=1))
    if path:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(out, handle, indent=1)


def load_allsides(path: Path = ALLSIDES) -> tuple[list[CleanArticle], dict[str, str]]:
    """AllSides articles (file order) and their reference story by article id."""
    articles, truth = [], {}
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        article = Article(row["id"], row["text"], row["title"], row.get("source"), row.get("url"), row.get("date"))
        articles.append(clean_article(article))
        truth[row["id"]] = row["cluster"]
    return articles, truth


def split_stories(truth: dict[str, str], seed: int = 18, tune_share: float = 0.5) -> tuple[set[str], set[str]]:
    """Reference stories split into a tuning and a report part (sorted, shuffled with ``seed``)."""
    stories = sorted(set(truth.values()))
    random.Random(seed).shuffle(stories)
    cut = int(len(stories) * tune_share)
    return set(stories[:cut]), set(stories[cut:])


def load_polnear(names: set[str] | None = None, polnear: Path = POLNEAR) -> list[CleanArticle]:
    """PolNeAR full articles (metadata order) with their title, publisher and publication date; only ``names``
    (file names without .txt) when given."""
    articles: list[CleanArticle] = []
    with (polnear / "metadata.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            path = polnear / "text" / f"{row['filename']}.txt"
            if path.exists() and (names is None or row["filename"] in names):
                text = path.read_text(encoding="utf-8")
                article = Article(row["filename"], text, row["title"], row["publisher"], None, row["publication_date"])
                articles.append(clean_article(article))
    return articles


def load_story_events(path: Path = STORY_EVENTS) -> list[dict[str, Any]]:
    """The hand-labelled PolNeAR stories: one row per article (file, date, outlet, story, narrative, unsure)."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_ptc() -> list[CleanArticle]:
    """PTC's articles (ids ``articleNNN``): the first line is the title, the rest the body; no date, no outlet."""
    articles = []
    for path in sorted((SHARED / "data" / "ptc" / "articles").glob("*.txt")):
        lines = path.read_text(encoding="utf-8").lstrip("\ufeff").split("\n")
        body = "\n".join(lines[1:]).strip()
        articles.append(clean_article(Article(path.stem, body, lines[0].strip() or None, None, None, None)))
    return articles


def load_full_texts() -> list[CleanArticle]:
    """PolNeAR (dated, 7 outlets) and PTC full articles: unrelated long texts for sanity checks and scale."""
    return load_polnear() + load_ptc()
