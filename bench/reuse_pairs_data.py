"""The real-news datasets behind the hand-labelled reuse pairs, read from ../shared as ``Article``s.

Document ids are ``DATASET:NAME`` so that one label file can refer to all three sets:

- ``polnear:<filename>`` — PolNeAR train split (``data/attribution/text/<filename>.txt`` + ``metadata.tsv``),
- ``allsides:<id>`` — AllSides roundup excerpts (``data/stories/allsides.jsonl``, field ``id``),
- ``ptc:<name>`` — PTC developer articles (``data/ptc/articles/<name>.txt``; no outlet or date).

The split rule of the label file lives here too, so the evaluation, the labelling tools and the
test compute it the same way.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

from narratrace.ingest.article import Article

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NARRATRACE_SHARED", REPO.parent / "shared"))
DATA = SHARED / "data"
PAIRS_FILE = REPO / "bench" / "data" / "reuse_pairs" / "pairs.jsonl"
DATASETS = ("polnear", "allsides", "ptc")

LABELS = ("copy", "partial", "shared_quote", "stock", "unrelated")
DIRECTIONS = ("a->b", "b->a", "siblings", "unknown")
SPLITS = ("tune", "report")
ROUNDS = (1, 2, 3, 4)  # labelling rounds (GUIDE.md "Rounds"); round-1 records carry no ``round`` field
TUNE_SHARE = 0.4  # sha1(pair id) below this share of the hash space -> tune, else report


def pair_id(a: str, b: str) -> str:
    """One spelling per pair: the two document ids sorted, joined by ``|``."""
    first, second = sorted((a, b))
    return f"{first}|{second}"


def split_of(pid: str) -> str:
    """``tune`` for ~40% of pairs, ``report`` for the rest, fixed by the first 8 hex digits of sha1(pair id)."""
    bucket = int(hashlib.sha1(pid.encode("utf-8")).hexdigest()[:8], 16) / 0x1_0000_0000
    return "tune" if bucket < TUNE_SHARE else "report"


def _polnear() -> Iterator[Article]:
    root = DATA / "attribution"
    with (root / "metadata.tsv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            path = root / "text" / f"{row['filename']}.txt"
            if not path.exists():
                continue
            # Some wire credits are only in metadata; provenance reads them from the text, so keep both.
            metadata = {
                key: row[key] for key in ("author", "credit", "wire") if row.get(key) not in (None, "None", "NA")
            }
            yield Article(
                id=f"polnear:{row['filename']}",
                text=path.read_text(encoding="utf-8"),
                title=row["title"],
                outlet=row["publisher"],
                published=row["publication_date"],
                source_path=str(path),
                metadata=metadata,
            )


def _allsides() -> Iterator[Article]:
    path = DATA / "stories" / "allsides.jsonl"
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            yield Article(
                id=f"allsides:{record['id']}",
                text=record["text"],
                title=record.get("title"),
                outlet=record.get("source"),
                published=record.get("date") or None,
                url=record.get("url"),
                source_path=str(path),
                metadata={"cluster": record.get("cluster"), "stance": record.get("stance")},
            )


def _ptc() -> Iterator[Article]:
    for path in sorted((DATA / "ptc" / "articles").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        title = text.split("\n", 1)[0].strip() or None
        yield Article(id=f"ptc:{path.stem}", text=text, title=title, source_path=str(path))


_READERS = {"polnear": _polnear, "allsides": _allsides, "ptc": _ptc}


def load_dataset(name: str) -> list[Article]:
    """Every article of one dataset; raises FileNotFoundError when ../shared lacks it."""
    if name not in _READERS:
        raise ValueError(f"unknown dataset {name!r}; choose one of {', '.join(DATASETS)}")
    return list(_READERS[name]())


def dataset_of(doc_id: str) -> str:
    return doc_id.split(":", 1)[0]


def round_of(row: dict[str, object]) -> int:
    """The labelling round of a record: ``round`` when present, else 1 (round-1 records carry no field)."""
    value = row.get("round", 1)
    return value if isinstance(value, int) else 1


def read_pairs(path: Path = PAIRS_FILE) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
