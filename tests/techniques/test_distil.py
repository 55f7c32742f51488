"""Distillation: soft labels move between tokenisations, spread into weighted rows, and train a student."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from narratrace.techniques.distil import (
    MIN_SOFT_TEXT_CHARS,
    SOFT_TEXT_CHARS,
    SoftLabels,
    read_unlabelled,
    spread_soft_labels,
    student_token_targets,
)
from narratrace.techniques.taxonomy import TECHNIQUE_NAMES

N_OUT = 1 + len(TECHNIQUE_NAMES)


def _soft(text: str, offsets: list[tuple[int, int]], inside: list[float]) -> SoftLabels:
    probs = np.zeros((len(offsets), N_OUT), dtype=np.float32)
    probs[:, 0] = inside
    return SoftLabels(text, np.array(offsets), probs, (), np.zeros((0, len(TECHNIQUE_NAMES))))


def test_teacher_probabilities_follow_characters_onto_other_tokens() -> None:
    text = "so-called experts lie"
    # Teacher: "so", "-", "called", "experts", "lie"; student: "so-called", "experts", "li", "e".
    soft = _soft(text, [(0, 2), (2, 3), (3, 9), (10, 17), (18, 21)], [0.9, 0.8, 0.7, 0.2, 0.6])
    student = np.array([(0, 9), (10, 17), (18, 20), (20, 21)])
    targets = student_token_targets(soft, student)
    assert targets.shape == (4, N_OUT)
    # Each student token takes the teacher token under its first character.
    np.testing.assert_allclose(targets[:, 0], [0.9, 0.2, 0.6, 0.6])


def test_student_tokens_the_teacher_did_not_cover_get_zero() -> None:
    soft = _soft("ab  cd", [(0, 2)], [0.8])
    targets = student_token_targets(soft, np.array([(0, 2), (4, 6)]))
    np.testing.assert_allclose(targets[:, 0], [0.8, 0.0])
    assert student_token_targets(soft, np.zeros((0, 2), dtype=np.int64)).shape == (0, N_OUT)


def test_soft_span_labels_spread_into_weighted_rows() -> None:
    vectors = np.array([[1.0, 2.0], [3.0, 4.0]])
    probs = np.zeros((2, len(TECHNIQUE_NAMES)))
    probs[0, [0, 1, 2]] = [0.6, 0.39, 0.01]  # the 0.01 is dropped and the rest renormalised
    probs[1, 5] = 1.0
    rows, labels, weights = spread_soft_labels(vectors, probs)
    assert labels == [TECHNIQUE_NAMES[0], TECHNIQUE_NAMES[1], TECHNIQUE_NAMES[5]]
    np.testing.assert_allclose(weights, [0.6 / 0.99, 0.39 / 0.99, 1.0])
    np.testing.assert_allclose(rows, [[1.0, 2.0], [1.0, 2.0], [3.0, 4.0]])
    empty_rows, empty_labels, empty_weights = spread_soft_labels(np.zeros((0, 2)), np.zeros((0, 14)))
    assert empty_rows.shape == (0, 2) and empty_labels == [] and len(empty_weights) == 0


def test_weighted_span_classifier_equals_repeated_rows() -> None:
    from narratrace.techniques.span_classifier import SoftmaxSpanClassifier

    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(40, 3))
    labels = ["a" if v[0] > 0 else "b" for v in vectors]
    weights = np.where(np.arange(40) % 2 == 0, 2.0, 1.0)
    weighted = SoftmaxSpanClassifier(c=1.0).fit(vectors, labels, sample_weight=weights)
    repeat = np.repeat(np.arange(40), weights.astype(int))
    repeated = SoftmaxSpanClassifier(c=1.0).fit(vectors[repeat], [labels[i] for i in repeat])
    np.testing.assert_allclose(weighted.predict_proba(vectors), repeated.predict_proba(vectors), atol=1e-3)


def test_read_unlabelled_takes_folders_and_jsonl(tmp_path: Path) -> None:
    folder = tmp_path / "texts"
    (folder / "sub").mkdir(parents=True)
    (folder / "b.txt").write_text("b" * 500, encoding="utf-8")
    (folder / "sub" / "a.txt").write_text("a" * (SOFT_TEXT_CHARS + 10), encoding="utf-8")
    (folder / "short.txt").write_text("too short", encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\xff\xfe" + b"x" * 600)  # not UTF-8: replaced, not fatal
    rows = tmp_path / "rows.jsonl"
    rows.write_text(
        "\n".join([json.dumps({"text": "c" * MIN_SOFT_TEXT_CHARS}), "", json.dumps({"title": "no text"}), "[1]"]),
        encoding="utf-8",
    )
    texts = read_unlabelled([folder, rows])
    assert [t[0] for t in texts] == ["b", "\ufffd", "a", "c"]  # paths sorted: b.txt, bad.txt, sub/a.txt
    assert max(len(t) for t in texts) == SOFT_TEXT_CHARS
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"text": "x"}\n{oops\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.jsonl:2"):
        read_unlabelled([broken])
    with pytest.raises(FileNotFoundError):
        read_unlabelled([tmp_path / "missing"])


@pytest.mark.slow
def test_a_student_learns_from_a_teacher(tmp_path: Path) -> None:
    from narratrace.techniques import load_tagger
    from narratrace.techniques.data import held_back_split, load_ptc
    from narratrace.techniques.tagger import TechniqueTagger
    from tests.conftest import shared_path

    train = held_back_split(load_ptc(shared_path("data", "ptc")))[0]
    labelled, unlabelled = train[:6], train[6:9]
    teacher = load_tagger("fast")
    soft = teacher.soft_label([a.text for a in unlabelled])
    assert len(soft) == 3
    for item, article in zip(soft, unlabelled, strict=True):
        assert item.text == article.text
        assert item.token_probs.shape == (len(item.offsets), N_OUT)
        assert item.span_probs.shape == (len(item.spans), len(TECHNIQUE_NAMES))
        np.testing.assert_allclose(item.span_probs.sum(axis=1), 1.0, atol=1e-4)
    (capped,) = teacher.soft_label(["A corrupt regime lies. " * 1000])
    assert len(capped.text) == SOFT_TEXT_CHARS and capped.offsets.max() <= SOFT_TEXT_CHARS
    # The teacher's fragments are the ones it predicts, and their best technique is the one it reports.
    predicted = teacher.predict([unlabelled[0].text])[0]
    assert [(s.start, s.end) for s in predicted] == list(soft[0].spans)
    assert [s.technique for s in predicted] == [TECHNIQUE_NAMES[int(np.argmax(r))] for r in soft[0].span_probs]

    student = TechniqueTagger(n_layers=1, extra_layers=(), hidden=16, epochs=1, patience=1, random_state=3)
    student.fit([a.text for a in labelled], [list(a.spans) for a in labelled], soft=soft)
    spans = student.predict([unlabelled[0].text])[0]
    assert all(0 <= s.start < s.end <= len(unlabelled[0].text) for s in spans)
    # Soft fragments reach the span classifier: it knows techniques beyond those of the 6 gold articles.
    gold_techniques = {s.technique for a in labelled for s in a.spans}
    soft_techniques = {
        TECHNIQUE_NAMES[int(k)]
        for item in soft
        if item.spans  # a text may have no fragment at all
        for k in np.flatnonzero(item.span_probs.max(axis=0) >= 0.02)
    }
    assert set(student.span_classifier_.classes_) == gold_techniques | soft_techniques


def test_train_needs_teacher_and_unlabelled_together(tmp_path: Path) -> None:
    from tests.techniques.test_cli import _app

    result = CliRunner().invoke(_app(), ["train", "techniques", "--data", str(tmp_path), "--teacher", "fast"])
    assert result.exit_code != 0
    assert "go together" in result.output


@pytest.mark.slow
def test_train_command_distils_from_a_teacher(tmp_path: Path) -> None:
    from tests.conftest import shared_path
    from tests.techniques.test_cli import _app

    ptc = shared_path("data", "ptc")
    unlabelled = tmp_path / "news"
    unlabelled.mkdir()
    for path in sorted((ptc / "articles").glob("*.txt"))[-3:]:  # any news text works; these are at hand
        (unlabelled / path.name).write_bytes(path.read_bytes())
    out = tmp_path / "student"
    args = ["train", "techniques", "--data", str(ptc), "--encoder", "minilm-l6", "--limit", "6", "--epochs", "1"]
    result = CliRunner().invoke(
        _app(), [*args, "--out", str(out), "--teacher", "fast", "--unlabelled", str(unlabelled)]
    )
    assert result.exit_code == 0, result.output
    config = json.loads((out / "config.json").read_text(encoding="utf-8"))
    assert (config["soft_texts"], config["teacher"]) == (3, "fast")
    bad = CliRunner().invoke(
        _app(), [*args, "--out", str(out), "--teacher", "fast", "--unlabelled", str(tmp_path / "x")]
    )
    assert bad.exit_code != 0 and "does not exist" in " ".join(bad.output.replace("│", " ").split())
