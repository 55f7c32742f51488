"""Reading the PTC corpus (SemEval-2020 Task 11) and the project's held-back split.

Offsets in the corpus are code points into the file read as UTF-8 with nothing stripped (a BOM counts
as character 0), so articles are always read with ``encoding="utf-8"`` and never ``utf-8-sig``.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from narratrace.techniques.span import TechniqueSpan
from narratrace.techniques.taxonomy import TECHNIQUE_NAMES

HELD_BACK_SEED = 13
HELD_BACK_FRACTION = 0.2


@dataclass(frozen=True)
class PTCArticle:
    """One labelled article: its id (digits of the file stem), raw text and gold TC rows."""

    article_id: str
    text: str
    spans: tuple[TechniqueSpan, ...]


def read_article_text(path: Path) -> str:
    """Raw UTF-8 text, BOM and all, so that PTC-style offsets line up."""
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def article_id_from_path(path: Path) -> str:
    """``article123.txt`` -> ``123``; other stems are used whole."""
    stem = path.stem
    return stem[len("article") :] if stem.startswith("article") else stem


def load_ptc(data_dir: Path) -> list[PTCArticle]:
    """All articles of a PTC folder (``articles/``, ``labels-tc.tsv``), sorted by id."""
    data_dir = Path(data_dir)
    articles_dir = data_dir / "articles"
    labels_path = data_dir / "labels-tc.tsv"
    if not articles_dir.is_dir():
        raise FileNotFoundError(f"no articles/ folder under {data_dir}")
    rows: dict[str, list[TechniqueSpan]] = defaultdict(list)
    if labels_path.exists():
        for line_number, line in enumerate(labels_path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            fields = line.split("\t")
            if len(fields) != 4:
                raise ValueError(f"{labels_path}:{line_number}: expected 4 tab-separated fields")
            article_id, technique, start, end = fields
            if technique not in TECHNIQUE_NAMES:
                raise ValueError(f"{labels_path}:{line_number}: unknown technique {technique!r}")
            try:
                span = TechniqueSpan(int(start), int(end), technique, 1.0)
            except ValueError as exc:
                raise ValueError(f"{labels_path}:{line_number}: {exc}") from None
            if not 0 <= span.start < span.end:
                raise ValueError(f"{labels_path}:{line_number}: span {span.start}-{span.end} is empty or negative")
            rows[article_id].append(span)
    articles = []
    for path in sorted(articles_dir.glob("*.txt")):
        article_id = article_id_from_path(path)
        spans = tuple(sorted(rows.get(article_id, []), key=lambda s: (s.start, s.end, s.technique)))
        text = read_article_text(path)
        if any(s.end > len(text) for s in spans):
            raise ValueError(f"{labels_path}: a span of article {article_id} ends past its {len(text)} characters")
        articles.append(PTCArticle(article_id, text, spans))
    if not articles:
        raise ValueError(f"no article .txt files in {articles_dir}")
    return sorted(articles, key=lambda a: a.article_id)


def held_back_split(articles: list[PTCArticle]) -> tuple[list[PTCArticle], list[PTCArticle]]:
    """(train, held_back): ids sorted, shuffled with ``random.Random(13)``, last 20% held back."""
    ids = sorted(a.article_id for a in articles)
    random.Random(HELD_BACK_SEED).shuffle(ids)
    n_held = round(len(ids) * HELD_BACK_FRACTION)
    held_ids = set(ids[len(ids) - n_held :])
    train = [a for a in articles if a.article_id not in held_ids]
    held = [a for a in articles if a.article_id in held_ids]
    return train, held
