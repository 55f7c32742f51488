"""Technique tagging of article files: the ``narratrace techniques`` command's reading, tagging and writing.

Articles are raw UTF-8 ``.txt`` files, as PTC ships them: an article's id is its file name's digits
(``article123.txt`` -> ``123``) and offsets count code points of the raw text, BOM included, so output lines
match the SemEval-2020 Task 11 scorer's. (``narratrace analyze`` reads every other format.)
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from narratrace.ingest import input_files
from narratrace.output_files import write_atomic
from narratrace.techniques import detect_techniques, load_tagger
from narratrace.techniques.data import article_id_from_path, read_article_text
from narratrace.techniques.profile import technique_profile
from narratrace.techniques.span import TechniqueSpan

OUTPUT_FORMATS = ("semeval", "jsonl")


@dataclass(frozen=True)
class ArticleFile:
    path: Path
    id: str
    text: str


def read_article_files(paths: Sequence[Path]) -> list[ArticleFile]:
    """Every ``.txt`` file named or under a folder in ``paths``; ValueError for missing paths or bad UTF-8."""
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise ValueError(f"no such file or folder: {', '.join(missing)}")
    files = [p for p in input_files(paths) if p.suffix.lower() == ".txt" or p in paths]
    if not files:
        raise ValueError("no article .txt files found")
    articles = []
    for path in files:
        try:
            text = read_article_text(path)
        except UnicodeDecodeError as exc:
            raise ValueError(f"{path} is not UTF-8 text ({exc.reason} at byte {exc.start})") from None
        articles.append(ArticleFile(path, article_id_from_path(path), text))
    return articles


def read_span_rows(path: Path) -> dict[str, list[tuple[int, int]]]:
    """Rows ``article_id<TAB>start<TAB>end`` (a technique column between is ignored), grouped by article."""
    try:  # utf-8-sig: a spreadsheet's BOM must not become part of the first article id
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"cannot read {path}: {exc}") from None
    rows: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        fields = line.split("\t")
        try:
            article_id, start, end = fields[0], int(fields[-2]), int(fields[-1])
        except (IndexError, ValueError):
            raise ValueError(f"{path}:{number}: expected article_id<TAB>start<TAB>end") from None
        if not 0 <= start < end:
            raise ValueError(f"{path}:{number}: span {start}-{end} is empty or negative")
        rows[article_id].append((start, end))
    return rows


def check_spans_fit(wanted: dict[str, list[tuple[int, int]]], articles: Sequence[ArticleFile]) -> None:
    """Every span row names a given article and lies inside its text (checked before the model loads)."""
    missing = set(wanted) - {a.id for a in articles}
    if missing:
        raise ValueError(f"--spans names articles not given: {sorted(missing)[:5]}")
    for article in articles:
        outside = [(start, end) for start, end in wanted.get(article.id, []) if end > len(article.text)]
        if outside:
            raise ValueError(
                f"--spans: article {article.id} has {len(article.text)} characters; span {outside[0]} ends past it"
            )


def tag_articles(
    articles: Sequence[ArticleFile],
    model: str = "default",
    engine: str = "local",
    precision: str = "auto",
    threshold: float | None = None,
    spans: dict[str, list[tuple[int, int]]] | None = None,
) -> list[list[TechniqueSpan]]:
    """Fragments per article (``detect_techniques``), or with ``spans`` a technique for each given span (TC)."""
    if spans is not None:
        tagger = load_tagger(model, precision)
        return [tagger.classify(a.text, spans.get(a.id, [])) for a in articles]
    return detect_techniques([a.text for a in articles], model, engine, precision, threshold=threshold)


def write_technique_file(
    out: Path, articles: Sequence[ArticleFile], results: Sequence[Sequence[TechniqueSpan]], output_format: str
) -> Path:
    """SemEval lines (``id<TAB>technique<TAB>start<TAB>end``) or JSON Lines with fragments and per-1,000-word rates."""
    if output_format not in OUTPUT_FORMATS:
        raise ValueError(f"unknown format {output_format!r}; choose one of {', '.join(OUTPUT_FORMATS)}")

    def write(temp: Path) -> None:
        with temp.open("w", encoding="utf-8") as handle:
            for article, found in zip(articles, results, strict=True):
                if output_format == "semeval":
                    for span in found:
                        handle.write(f"{article.id}\t{span.technique}\t{span.start}\t{span.end}\n")
                    continue
                record = {
                    "article_id": article.id,
                    "path": str(article.path),
                    "spans": [s.to_record() | {"text": article.text[s.start : s.end]} for s in found],
                    "profile_per_1000_words": technique_profile(article.text, found),
                }
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")

    return write_atomic(out, write)
