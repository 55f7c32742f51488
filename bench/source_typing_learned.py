"""A learned source typer against the rules, each labelled round held out in turn (measured, not shipped).

    python -m bench.source_typing_learned [--labels tests/claims/data/source_types_dev.tsv]

Logistic regression over the hand-labelled dev sources (docs/results/attribution.md, "Rounds 8 and 9"): for each
round 3-9, train on every other round and score the held-out one, beside the rules' accuracy on it. Features:
the rules' type (one-hot); the head word's tag and entity type, entities in the span, capitalisation, length, the
people and role noun lists; optionally spaCy's tok2vec rows of the head and the span (``tok2vec``) and MiniLM's
sentence embedding of the span (``minilm``). Rounds 3-8 also shaped the rules, so the rules' figure on them is
optimistic; round 9 is the fair comparison.
"""

from __future__ import annotations

import argparse
import csv
from bisect import bisect_left, bisect_right
from collections import defaultdict
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from bench.attribution import DATA, LABELS
from narratrace.claims.attribution_features import parse_chunks
from narratrace.claims.source_heads import PEOPLE_NOUNS, ROLE_NOUNS, head_word
from narratrace.claims.source_types import read_sources
from narratrace.nlp import embed_sentences, english

TYPES = ("person", "organisation", "outlet", "anonymous")
TAGS = ("NN", "NNS", "NNP", "NNPS", "PRP", "WP", "WDT", "DT", "CD")
ENTITIES = ("PERSON", "ORG", "NORP", "GPE")


def one_hot(value: str, values: tuple[str, ...]) -> list[float]:
    return [float(value == v) for v in values] + [float(value not in values)]


def span_features(rule: str, tokens: list, tensor: np.ndarray) -> tuple[list[float], np.ndarray]:
    """(the small features, the tok2vec rows of the head and the span's mean)."""
    if not tokens:
        return one_hot(rule, TYPES) + [0.0] * (len(TAGS) + len(ENTITIES) + 8), np.zeros(2 * tensor.shape[1])
    head = head_word(tokens)
    word = head.lower_.removesuffix("s")
    small = one_hot(rule, TYPES) + one_hot(head.tag_, TAGS) + one_hot(head.ent_type_, ENTITIES)
    small += [
        float(any(t.ent_type_ == "PERSON" for t in tokens)),
        float(any(t.ent_type_ == "ORG" for t in tokens)),
        float(head.text[:1].isupper()),
        float(np.log1p(len(tokens))),
        float(head.lower_ in PEOPLE_NOUNS or word in PEOPLE_NOUNS),
        float(head.lower_ in ROLE_NOUNS or word in ROLE_NOUNS),
    ]
    rows = np.concatenate([tensor[head.i], tensor[[t.i for t in tokens]].mean(axis=0)])
    return small, rows


def labelled_features(labels: Path) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray, np.ndarray]:
    rows = list(csv.DictReader(labels.open(encoding="utf-8"), delimiter="\t"))
    by_document: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        by_document[row["document"]].append(i)
    small: list[list[float]] = [[] for _ in rows]
    tok2vec: list[np.ndarray] = [np.zeros(0)] * len(rows)
    rules = [""] * len(rows)
    texts = [""] * len(rows)
    for document, indices in by_document.items():
        text = (DATA / "text" / f"{document}.txt").read_text(encoding="utf-8")
        spans = [(int(rows[i]["start"]), int(rows[i]["end"])) for i in indices]
        [docs] = parse_chunks([text], "no_ner")
        doc = docs[0] if len(docs) == 1 else None
        readings = read_sources(text, spans, doc)
        doc = doc if doc is not None else english()(text)
        starts, ends = [t.idx for t in doc], [t.idx + len(t) for t in doc]
        for i, (start, end), reading in zip(indices, spans, readings, strict=True):
            tokens = [t for t in doc[bisect_right(ends, start) : bisect_left(starts, end)] if not t.is_punct]
            small[i], tok2vec[i] = span_features(reading.source_type, tokens, doc.tensor)
            rules[i], texts[i] = reading.source_type, text[start:end]
    features = {
        "small": np.asarray(small),
        "tok2vec": np.stack(tok2vec),
        "minilm": np.asarray(embed_sentences(texts)),
    }
    gold = np.asarray([row["label"] for row in rows])
    return features, gold, np.asarray(rules), np.asarray([int(row["round"]) for row in rows])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, default=LABELS)
    args = parser.parse_args()
    features, gold, rules, rounds = labelled_features(args.labels)
    held_out = sorted(set(rounds.tolist()) - {1, 2})
    print("features | C | learned mean (rules mean) | per held-out round: learned/rules")
    for name in ("small", "small+tok2vec", "small+minilm", "minilm"):
        x = np.hstack([features[part] for part in name.split("+")])
        for c in (0.01, 0.03, 0.1):
            scores = []
            for held in held_out:
                train, test = rounds != held, rounds == held
                model = make_pipeline(StandardScaler(), LogisticRegression(C=c, max_iter=3000))
                model.fit(x[train], gold[train])
                scores.append(((model.predict(x[test]) == gold[test]).mean(), (rules[test] == gold[test]).mean()))
            per_round = " ".join(f"{r}: {a:.2f}/{b:.2f}" for r, (a, b) in zip(held_out, scores, strict=True))
            learned, rule = np.mean(scores, axis=0)
            print(f"{name} | {c} | {learned:.3f} ({rule:.3f}) | {per_round}")


if __name__ == "__main__":
    main()
