"""Date sanity (narratrace.clean.dates): how often ``date_mismatch`` fires on pages whose date is right.

- extraction: the 109 pages of ../shared/data/extraction through the HTML reader; a page's date is
  correct when it is in ``date_accepted`` (metadata-reference.json). Split by a seeded hash of the page
  id into a tuning half and a test half (the rules were written looking at the tuning half's flags).
- PolNeAR (840) and AllSides (1,479): dates from the corpora's metadata, taken as correct.
- seeds: which of the five seed articles are flagged (001 and 004 should be).
"Before" is the rule this replaced (the header two or more years after the latest year the text names,
background or not), computed on the same cues.

Run:  nice python bench/dates.py
"""

from __future__ import annotations

import hashlib
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from bench.chrome_corpora import SHARED, allsides, extraction, extraction_reference, polnear  # noqa: E402
from narratrace.clean import CleanArticle, clean_article  # noqa: E402
from narratrace.ingest import read_paths  # noqa: E402
from narratrace.ingest.article import Article  # noqa: E402

SPLIT_SEED = "dates-2026"


def in_tuning_half(article_id: str) -> bool:
    return hashlib.sha256(f"{SPLIT_SEED}:{article_id}".encode()).digest()[0] % 2 == 0


def flagged(cleaned: CleanArticle) -> bool:
    return any(w.kind == "date_mismatch" for w in cleaned.warnings)


def flagged_before(cleaned: CleanArticle) -> bool:
    """The replaced rule: header year minus the latest year in the text (chrome excluded) >= 2."""
    published = cleaned.article.published or ""
    if not published[:4].isdigit():
        return False
    header = int(published[:4])
    years = [
        c.year for c in cleaned.time_cues if c.year and c.year <= header + 1 and c.kind not in ("dateline", "updated")
    ]
    return bool(years) and header - max(years) >= 2


def rate(articles: list[CleanArticle]) -> str:
    before, after = sum(map(flagged_before, articles)), sum(map(flagged, articles))
    n = max(len(articles), 1)
    return f"{before}/{len(articles)} ({before / n:.1%}) -> {after}/{len(articles)} ({after / n:.1%})"


def stamp_summary(articles: list[CleanArticle]) -> str:
    kinds = Counter(c.kind for a in articles for c in a.time_cues if c.kind in ("dateline", "updated"))
    with_stamp = sum(any(c.kind in ("dateline", "updated") for c in a.time_cues) for a in articles)
    bases = Counter(str(w.evidence.get("basis")) for a in articles for w in a.warnings if w.kind == "date_mismatch")
    return f"articles with a stamp {with_stamp}/{len(articles)}, stamps {dict(kinds)}, warnings by basis {dict(bases)}"


def main() -> None:
    reference = extraction_reference()
    pages = [clean_article(a) for a in extraction()]
    correct = [p for p in pages if (p.article.published or "")[:10] in reference.get(p.id, [])]
    tuning = [p for p in correct if in_tuning_half(p.id)]
    test = [p for p in correct if not in_tuning_half(p.id)]
    print("extraction, correct-dated pages flagged (before -> after):")
    print(f"  tuning half: {rate(tuning)}")
    print(f"  test half:   {rate(test)}")
    print(f"  all:         {rate(correct)}")
    print(f"  all 109 pages, any date: {rate(pages)}")
    print(f"  {stamp_summary(pages)}")
    for name, loader in (("PolNeAR", polnear), ("AllSides", allsides)):
        cleaned = [clean_article(a) for a in loader()]
        dated = [c for c in cleaned if c.article.published]
        print(f"{name}, dated articles flagged (before -> after): {rate(dated)}")
        print(f"  {stamp_summary(dated)}")
    seeds = [a for a in read_paths([SHARED / "seeds"]) if isinstance(a, Article)]
    seed_flags = sorted(Path(a.source_path or "").name[:3] for a in seeds if flagged(clean_article(a)))
    print(f"seeds flagged: {seed_flags}")


if __name__ == "__main__":
    main()
