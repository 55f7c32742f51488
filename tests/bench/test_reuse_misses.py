"""``bench.reuse_misses``: each missed true pair is put to the gate of ``find_reuse`` that drops it."""

from __future__ import annotations

import json
import random
from pathlib import Path

from bench.reuse_misses import write_misses
from tests.reuse.synthetic import paragraphs, sentence, vocabulary


def test_missed_pairs_are_given_the_gate_that_drops_them(tmp_path: Path) -> None:
    rng = random.Random(7)
    vocab = vocabulary(rng)
    lifted = sentence(rng, vocab, 12)
    copied = "\n\n".join(paragraphs(rng, vocab, 3))
    texts = {
        "d1": "\n\n".join([*paragraphs(rng, vocab, 3), lifted, copied]),
        "d2": "\n\n".join([*paragraphs(rng, vocab, 4), lifted]),  # one lifted sentence: not worth aligning
        "d3": "\n\n".join(paragraphs(rng, vocab, 4)),  # nothing shared: not a candidate
        "d4": "\n\n".join([copied, *paragraphs(rng, vocab, 1)]),  # a copy the run found
    }
    with (tmp_path / "corpus.jsonl").open("w", encoding="utf-8") as out:
        for doc_id, text in texts.items():
            out.write(json.dumps({"id": doc_id, "url": f"https://x.example/{doc_id}", "text": text}) + "\n")
    start = texts["d1"].index(lifted)
    truth = {
        "pairs": [
            {"a": "d1", "b": "d2", "relation": "direct", "passages": [[start, start + len(lifted), 0, 0]]},
            {"a": "d1", "b": "d3", "relation": "sibling", "passages": [[0, 10, 0, 10]]},
            {"a": "d1", "b": "d4", "relation": "direct", "passages": [[0, 10, 0, 10]]},
        ]
    }
    rows = write_misses(tmp_path, truth, [{"a": "d1", "b": "d4"}])
    assert [(row["a"], row["b"], row["gate"]) for row in rows] == [
        ("d1", "d2", "worth_aligning"),
        ("d1", "d3", "candidate"),
    ]
    assert rows[0]["shared_text"] == [lifted]
    written = (tmp_path / "misses.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["gate"] for line in written] == ["worth_aligning", "candidate"]
