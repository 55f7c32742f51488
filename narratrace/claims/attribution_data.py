"""Reading PolNeAR: brat standoff attributions (Source / Cue / Content) over plain-text news articles.

Some articles were annotated by several people; one annotation per article is kept, the one by the
alphabetically first annotator id, so that every run sees the same corpus. Discontinuous spans (brat
``start end;start end``) are read as their hull: the tagger marks contiguous spans.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

PARTS = ("Source", "Cue", "Content")


@dataclass(frozen=True)
class GoldAttribution:
    """One annotated attribution: (start, end) character spans; ``source`` is None when the article names none."""

    source: tuple[int, int] | None
    cue: tuple[int, int] | None
    content: tuple[int, int]

    def part(self, name: str) -> tuple[int, int] | None:
        return {"Source": self.source, "Cue": self.cue, "Content": self.content}[name]


@dataclass(frozen=True)
class AnnotatedArticle:
    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]

    def spans(self, part: str) -> list[tuple[int, int]]:
        """Distinct spans of one part, in text order."""
        found = {a.part(part) for a in self.attributions}
        return sorted(span for span in found if span is not None)


def _hull(offsets: str) -> tuple[int, int]:
    numbers = [int(n) for piece in offsets.split(";") for n in piece.split()]
    return min(numbers), max(numbers)


def parse_brat(annotation: str) -> tuple[GoldAttribution, ...]:
    """The attributions of one brat .ann file (events tie a Source, Cue and Content text-bound span)."""
    spans: dict[str, tuple[str, tuple[int, int]]] = {}
    events: list[dict[str, str]] = []
    for line in annotation.splitlines():
        fields = line.split("\t")
        if len(fields) < 2:
            continue
        if line.startswith("T"):
            kind, _, offsets = fields[1].partition(" ")
            try:
                spans[fields[0]] = (kind, _hull(offsets))
            except ValueError:
                continue
        elif line.startswith("E"):
            roles = dict(arg.split(":", 1) for arg in fields[1].split() if ":" in arg)
            events.append(roles)
    attributions = []
    for roles in events:
        content = spans.get(roles.get("Content", ""))
        if content is None:
            continue
        source = spans.get(roles.get("Source", ""))
        cue = spans.get(roles.get("Cue", ""))
        attributions.append(GoldAttribution(source[1] if source else None, cue[1] if cue else None, content[1]))
    return tuple(sorted(set(attributions), key=lambda a: (a.content, a.cue or (0, 0))))


def load_corpus(data_dir: Path) -> list[AnnotatedArticle]:
    """Every article of a PolNeAR folder (``text/`` + ``attributions/``) with one annotation each, by name."""
    by_article: dict[str, list[Path]] = defaultdict(list)
    for path in sorted((data_dir / "attributions").glob("*.ann")):
        by_article[path.stem.rsplit("_", 1)[0]].append(path)
    articles = []
    for name in sorted(by_article):
        text_path = data_dir / "text" / f"{name}.txt"
        if not text_path.exists():
            continue
        text = text_path.read_text(encoding="utf-8")
        chosen = min(by_article[name], key=lambda p: p.stem.rsplit("_", 1)[1])
        articles.append(AnnotatedArticle(name, text, parse_brat(chosen.read_text(encoding="utf-8"))))
    return articles


def split_corpus(
    articles: list[AnnotatedArticle], dev_fraction: float = 0.17, seed: int = 18
) -> tuple[list[AnnotatedArticle], list[AnnotatedArticle]]:
    """(train, dev) by article, seeded: the dev part is never used for tuning."""
    names = sorted(a.name for a in articles)
    random.Random(seed).shuffle(names)
    dev_names = set(names[: round(len(names) * dev_fraction)])
    return [a for a in articles if a.name not in dev_names], [a for a in articles if a.name in dev_names]
