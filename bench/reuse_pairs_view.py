"""Show two documents side by side through the word runs they share — the labelling tool of the reuse pair set.

Independent of narratrace's reuse code on purpose (difflib over lower-cased words), so that what a
labeller reads is not what the tool under test chose to show.

Usage::

    python -m bench.reuse_pairs_view polnear:nyt_2016-… polnear:wash-post_2016-… [--min-words 5] [--context 80]
    python -m bench.reuse_pairs_view --pairs 0-20        # rows of bench/data/reuse_pairs/pairs.jsonl
    # label blind (round 3): rows of a candidate file, without stratum, label or any tool verdict,
    # the full texts printed when both are short (AllSides excerpts)
    python -m bench.reuse_pairs_view --file /tmp/round3.jsonl --pairs 0-40 --blind --full-under 250
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path

from bench.reuse_pairs_data import PAIRS_FILE, dataset_of, load_dataset, read_pairs
from narratrace.ingest.article import Article

_WORD = re.compile(r"\w+(?:['’]\w+)*")


@dataclass(frozen=True)
class SharedRun:
    """``words`` consecutive words equal in both texts; character spans into each text."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    words: int


def words_with_spans(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    matches = list(_WORD.finditer(text))
    return [m.group().lower().replace("’", "'") for m in matches], [m.span() for m in matches]


def shared_runs(a_text: str, b_text: str, min_words: int = 5) -> list[SharedRun]:
    """Maximal in-order runs of ≥ ``min_words`` identical words (difflib's matching blocks)."""
    a_words, a_spans = words_with_spans(a_text)
    b_words, b_spans = words_with_spans(b_text)
    matcher = SequenceMatcher(None, a_words, b_words, autojunk=False)
    runs = []
    for block in matcher.get_matching_blocks():
        if block.size >= min_words:
            a_first, a_last = a_spans[block.a], a_spans[block.a + block.size - 1]
            b_first, b_last = b_spans[block.b], b_spans[block.b + block.size - 1]
            runs.append(SharedRun(a_first[0], a_last[1], b_first[0], b_last[1], block.size))
    return runs


@cache
def _documents(dataset: str) -> dict[str, Article]:
    return {article.id: article for article in load_dataset(dataset)}


def document(doc_id: str) -> Article:
    return _documents(dataset_of(doc_id))[doc_id]


def _describe(article: Article) -> str:
    extra = " ".join(f"{k}={v}" for k, v in article.metadata.items() if v)
    words = len(_WORD.findall(article.text))
    return f"{article.id} | {article.outlet} | {article.published} | {words} words | {extra}\n   title: {article.title}"


def show(a_id: str, b_id: str, min_words: int = 5, context: int = 80, max_runs: int = 12, full_under: int = 0) -> str:
    """A text block: both headers, coverage of each text by shared runs, then the runs with context."""
    a, b = document(a_id), document(b_id)
    runs = shared_runs(a.text, b.text, min_words)
    a_total, b_total = len(words_with_spans(a.text)[0]), len(words_with_spans(b.text)[0])
    shared = sum(run.words for run in runs)
    lines = [
        "A " + _describe(a),
        "B " + _describe(b),
        f"   shared words in runs>={min_words}: {shared} = {shared / max(a_total, 1):.0%} of A, "
        f"{shared / max(b_total, 1):.0%} of B; {len(runs)} runs, longest {max((r.words for r in runs), default=0)}",
    ]
    for run in sorted(runs, key=lambda r: -r.words)[:max_runs]:
        before_a = a.text[max(0, run.a_start - context) : run.a_start].replace("\n", " ")
        before_b = b.text[max(0, run.b_start - context) : run.b_start].replace("\n", " ")
        body = a.text[run.a_start : run.a_end].replace("\n", " ")
        if len(body) > 300:
            body = body[:140] + " [...] " + body[-140:]
        lines.append(f"  [{run.words}w @A{run.a_start} B{run.b_start}] …{before_a[-context:]}|| {body} ||")
        lines.append(f"      B before: …{before_b[-context:]}")
    if max(a_total, b_total) < full_under:  # short excerpts: the runs alone hide what each text says
        lines += ["  --- A text:", a.text.replace("\n", " "), "  --- B text:", b.text.replace("\n", " ")]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("ids", nargs="*", help="two document ids")
    parser.add_argument("--pairs", help="row range of the label file, e.g. 0-20")
    parser.add_argument("--file", type=Path, default=PAIRS_FILE, help="the label or candidate file of --pairs")
    parser.add_argument("--blind", action="store_true", help="hide the stratum and label (labelling a new round)")
    parser.add_argument("--full-under", type=int, default=0, help="print both texts when both have fewer words")
    parser.add_argument("--min-words", type=int, default=5)
    parser.add_argument("--context", type=int, default=80)
    args = parser.parse_args()
    if args.pairs:
        first, _, last = args.pairs.partition("-")
        rows = read_pairs(args.file)
        for index in range(int(first), min(len(rows), int(last or first) + 1)):
            row = rows[index]
            # Blind: the stratum names the tool's verdict (tool_copy, tool_shared_quote), so it is hidden too.
            shown = "" if args.blind else f" [{row['stratum']}] label={row.get('label')}"
            print(f"=== #{index} {row['pair_id']}{shown}")
            print(show(str(row["a"]), str(row["b"]), args.min_words, args.context, full_under=args.full_under))
    elif len(args.ids) == 2:
        print(show(args.ids[0], args.ids[1], args.min_words, args.context))
    else:
        parser.error("give two document ids or --pairs")


if __name__ == "__main__":
    main()
