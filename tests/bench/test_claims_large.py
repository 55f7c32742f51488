"""bench.claims_large: pairs of a labelled claim's mentions, together in a run's claim or not, against a reader."""

from __future__ import annotations

import json
from pathlib import Path

from bench.claims_large import score


def _mention(article: str) -> dict[str, object]:
    return {"article": article, "content": {"start": 0, "end": 5, "text": "claim"}, "source_type": "unattributed"}


def test_pairs_kept_together_split_and_wrongly_joined(tmp_path: Path) -> None:
    folder = tmp_path / "allsides"
    folder.mkdir()
    claims = [  # the run: a, b and c in one claim; d alone in another with e
        {"id": "1", "mentions": [_mention("a"), _mention("b"), _mention("c")]},
        {"id": "2", "mentions": [_mention("d"), _mention("e")]},
    ]
    (folder / "claims.jsonl").write_text("".join(json.dumps(c) + "\n" for c in claims), encoding="utf-8")
    (folder / "articles.jsonl").write_text("", encoding="utf-8")
    index = [{"claim": "L1", "mentions": [["allsides", x, 0, 5] for x in "abcd"]}]
    # The reader: a and b state one thing, c another, d the same as c.
    labels = {"L1": {"groups": [[1, 2], [3, 4]]}}
    figures = score(tmp_path, index, labels)
    # Together: ab (right), ac and bc (wrong); cd is a right pair the run splits.
    assert (figures["tp"], figures["fp"], figures["fn"]) == (1, 2, 1)
    assert figures["precision"] == 1 / 3 and figures["recall"] == 0.5
