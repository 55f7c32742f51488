"""Scores of one system's reuse predictions against a ``bench.corpus_gen`` ground truth.

* **Pair precision / recall** over unordered document pairs (every predicted pair counts,
  whatever its ``kind``). A predicted pair that is not a true pair but joins two families
  rooted in PTC articles declared to share real text (``natural_pairs`` in the truth) is left
  out of precision; ``strict_precision`` counts it as a false positive.
* **Boundary error**: in each predicted true pair, true and predicted passages that overlap
  in both documents are grouped (connected components); each group's outer edges (start and
  end in both documents) are compared with the truth's, in characters. Median and 90th
  percentile over all edges are reported, with the share of true passages overlapped by some
  prediction (``passage_recall``). Grouping makes the score blind to how a shared region is
  cut into passages (the truth cuts at every inserted sentence; an engine may bridge it).
* **Direction accuracy** over predicted pairs that have a true direction (ancestor and
  descendant): the predicted source must be the ancestor; an undecided direction is wrong.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

Passage = tuple[int, int, int, int]


@dataclass(frozen=True)
class Scores:
    true_pairs: int
    predicted_pairs: int
    true_positives: int
    natural_pairs_ignored: int  # predicted non-true pairs between PTC families that share real text
    precision: float
    strict_precision: float  # counting those natural pairs as false positives
    recall: float
    f1: float
    recall_by_relation: dict[str, float]
    passage_recall: float | None
    boundary_error_median: float | None
    boundary_error_p90: float | None
    direction_pairs: int
    direction_accuracy: float | None
    direction_undecided: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def load_truth(path: Path) -> dict[str, Any]:
    truth: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return truth


def load_predictions(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _overlap(s0: int, e0: int, s1: int, e1: int) -> int:
    return max(0, min(e0, e1) - max(s0, s1))


def _percentile(values: list[int], q: float) -> float:
    ordered = sorted(values)
    pos = q * (len(ordered) - 1)
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def boundary_errors(true_passages: list[Passage], predicted: list[Passage]) -> tuple[list[int], int]:
    """Edge errors (chars) of the shared regions of one pair, and how many true passages were found.

    True and predicted passages that overlap in both documents form connected groups; each
    group's outer edges (first start and last end, in ``a`` and in ``b``) are compared. So a
    prediction that keeps a passage whole across an inserted sentence, where the truth has two
    passages, is not penalised for the split the truth makes, only for edges it gets wrong.
    """
    n_true = len(true_passages)
    parent = list(range(n_true + len(predicted)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    found = [False] * n_true
    for ti, (ta0, ta1, tb0, tb1) in enumerate(true_passages):
        for pi, (pa0, pa1, pb0, pb1) in enumerate(predicted):
            if _overlap(ta0, ta1, pa0, pa1) and _overlap(tb0, tb1, pb0, pb1):
                found[ti] = True
                parent[find(ti)] = find(n_true + pi)
    groups: dict[int, tuple[list[Passage], list[Passage]]] = {}
    for ti, passage in enumerate(true_passages):
        if found[ti]:
            groups.setdefault(find(ti), ([], []))[0].append(passage)
    for pi, passage in enumerate(predicted):
        root = find(n_true + pi)
        if root in groups:
            groups[root][1].append(passage)
    errors: list[int] = []
    for truths, preds in groups.values():
        t_edges = _edges(truths)
        p_edges = _edges(preds)
        errors.extend(abs(t - p) for t, p in zip(t_edges, p_edges, strict=True))
    return errors, sum(found)


def _edges(passages: list[Passage]) -> Passage:
    return (
        min(p[0] for p in passages),
        max(p[1] for p in passages),
        min(p[2] for p in passages),
        max(p[3] for p in passages),
    )


def _is_natural(truth: dict[str, Any], a: str, b: str) -> bool:
    """Whether a and b descend from two PTC articles declared to share real text."""
    if "_natural_set" not in truth:
        truth["_natural_set"] = {tuple(p) for p in truth.get("natural_pairs", [])}
    docs, real = truth["docs"], truth.get("real_originals", {})
    files = []
    for doc in (a, b):
        root = docs[doc]["root"] if doc in docs else doc
        if root not in real:
            return False
        files.append(real[root])
    return tuple(sorted(files)) in truth["_natural_set"]


def score(truth: dict[str, Any], predictions: list[dict[str, Any]]) -> Scores:
    true_by_pair = {(p["a"], p["b"]): p for p in truth["pairs"]}
    predicted_by_pair: dict[tuple[str, str], dict[str, Any]] = {}
    for p in predictions:
        a, b = sorted((p["a"], p["b"]))
        if (a, b) != (p["a"], p["b"]):  # a system that spells a pair backwards: swap its passages too
            p = {**p, "a": a, "b": b, "passages": [[q[2], q[3], q[0], q[1]] for q in p["passages"]]}
        predicted_by_pair[(a, b)] = p
    hits = true_by_pair.keys() & predicted_by_pair.keys()
    natural = [k for k in predicted_by_pair.keys() - hits if _is_natural(truth, *k)]
    counted = len(predicted_by_pair) - len(natural)
    precision = len(hits) / counted if counted else 0.0
    strict_precision = len(hits) / len(predicted_by_pair) if predicted_by_pair else 0.0
    recall = len(hits) / len(true_by_pair) if true_by_pair else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    relations = Counter(p["relation"] for p in truth["pairs"])
    found = Counter(true_by_pair[k]["relation"] for k in hits)
    by_relation = {rel: found[rel] / n for rel, n in sorted(relations.items())}

    errors: list[int] = []
    n_true_passages = 0
    n_matched = 0
    directed = correct = undecided = 0
    with_passages = any(p["passages"] for p in predicted_by_pair.values())
    for key in sorted(hits):
        t, p = true_by_pair[key], predicted_by_pair[key]
        if with_passages:
            errs, matched = boundary_errors([tuple(x) for x in t["passages"]], [tuple(x) for x in p["passages"]])
            errors.extend(errs)
            n_matched += matched
            n_true_passages += len(t["passages"])
        if t["source"] is not None:
            directed += 1
            if p.get("source") is None:
                undecided += 1
            elif p["source"] == t["source"]:
                correct += 1
    has_direction = any(p.get("source") for p in predicted_by_pair.values())
    return Scores(
        true_pairs=len(true_by_pair),
        predicted_pairs=len(predicted_by_pair),
        true_positives=len(hits),
        natural_pairs_ignored=len(natural),
        precision=precision,
        strict_precision=strict_precision,
        recall=recall,
        f1=f1,
        recall_by_relation=by_relation,
        passage_recall=n_matched / n_true_passages if n_true_passages else None,
        boundary_error_median=_percentile(errors, 0.5) if errors else None,
        boundary_error_p90=_percentile(errors, 0.9) if errors else None,
        direction_pairs=directed,
        direction_accuracy=correct / directed if directed and has_direction else None,
        direction_undecided=undecided,
    )


def direction_breakdown(
    truth: dict[str, Any], published: dict[str, str | None], predictions: list[dict[str, Any]]
) -> dict[str, list[int]]:
    """Direction [correct, total] by what the dates say and how the copy was edited.

    Dates: copy later / same day / copy earlier (a misleading header) / undated. Edits: exact
    copy, credited ("X.com reports:"), or otherwise edited. Shows which cases are hard.
    """
    predicted = {(p["a"], p["b"]): p.get("source") for p in predictions}
    out: dict[str, list[int]] = {}
    for pair in truth["pairs"]:
        key = (pair["a"], pair["b"])
        source = pair["source"]
        if source is None or key not in predicted:
            continue
        copy = pair["b"] if source == pair["a"] else pair["a"]
        d_src, d_copy = published.get(source), published.get(copy)
        if d_src is None or d_copy is None:
            dates = "undated"
        elif d_src == d_copy:
            dates = "same day"
        else:
            dates = "copy later" if d_copy > d_src else "copy earlier"
        ops = {e["op"] for e in truth["docs"][copy]["edits"]}
        edits = "exact copy" if "exact_copy" in ops else ("credited" if "credit" in ops else "edited")
        cell = out.setdefault(f"{dates}, {edits}", [0, 0])
        cell[0] += predicted[key] == source
        cell[1] += 1
    return dict(sorted(out.items()))
