"""Learning a teacher's probabilities beside the gold tags: the loss, the mapping between two models' word pieces,
the teacher's outputs kept between runs, and what a weight of zero must leave alone."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch

from narratrace.claims.attribution_batches import soft_loss
from narratrace.claims.attribution_decode import BEGIN, INSIDE, OUTSIDE
from narratrace.claims.attribution_features import TokenInputs
from narratrace.claims.attribution_model import AttributionTagger
from narratrace.claims.attribution_pseudo import on_student_pieces, teacher_targets
from tests.claims.test_attribution_model_ensemble import GOLD, SMALL, TEXT, toy_inputs


def test_the_soft_loss_is_cross_entropy_over_the_rows_that_have_targets() -> None:
    logits = torch.randn(2, 5, 3, 3)
    targets = torch.randint(0, 3, (2, 5, 3))
    one_hot = torch.nn.functional.one_hot(targets, 3).float()
    expected = torch.nn.functional.cross_entropy(logits.reshape(-1, 3), targets.reshape(-1))
    assert torch.allclose(soft_loss(logits, one_hot), expected, atol=1e-6)
    # Rows of zeros (a text without teacher outputs, padding) neither add loss nor dilute the mean.
    padded = torch.cat([one_hot, torch.zeros(2, 4, 3, 3)], dim=1)
    assert torch.allclose(soft_loss(torch.cat([logits, torch.randn(2, 4, 3, 3)], dim=1), padded), expected, atol=1e-6)


def test_a_student_piece_inside_a_teacher_piece_does_not_begin_a_span() -> None:
    # "reporting said": the teacher reads "reporting" as one piece, the student as "report" + "##ing".
    teacher_offsets = np.array([[0, 9], [10, 14]])
    teacher_probs = np.zeros((2, 3, 3), np.float32)
    teacher_probs[0, :, [OUTSIDE, BEGIN, INSIDE]] = [[0.1], [0.8], [0.1]]
    teacher_probs[1, :, OUTSIDE] = 1.0
    student = on_student_pieces(teacher_offsets, teacher_probs, np.array([[0, 6], [6, 9], [10, 14]]))
    np.testing.assert_allclose(student[0, 0], [0.1, 0.8, 0.1])
    np.testing.assert_allclose(student[1, 0], [0.1, 0.0, 0.9])  # the B mass is a continuation here
    np.testing.assert_allclose(student[2, 0], [1.0, 0.0, 0.0])
    np.testing.assert_allclose(student.sum(axis=-1), 1.0)
    nothing = on_student_pieces(np.zeros((0, 2), np.int64), np.zeros((0, 3, 3), np.float32), np.array([[0, 4]]))
    np.testing.assert_allclose(nothing[0, :, OUTSIDE], 1.0)


def _trained(inputs: list[TokenInputs], soft: list[np.ndarray] | None, weight: float) -> AttributionTagger:
    tagger = AttributionTagger(**SMALL, encoder_layers=(6,), soft_weight=weight)  # type: ignore[arg-type]
    return tagger.fit([TEXT] * len(inputs), [GOLD] * len(inputs), inputs, soft=soft)


def test_a_teacher_saying_outside_everywhere_pulls_the_head_there_unless_its_weight_is_zero() -> None:
    inputs = [toy_inputs(seed, 1) for seed in range(3)]
    outside = [np.zeros((len(x.offsets), 3, 3), np.float32) for x in inputs]
    for probs in outside:
        probs[:, :, OUTSIDE] = 1.0
    plain = _trained(inputs, None, 1.0)
    ignored = _trained(inputs, outside, 0.0)
    for a, b in zip(plain.net_.parameters(), ignored.net_.parameters(), strict=True):
        assert torch.equal(a, b)  # same seed, same batches: a zero weight is no teacher at all
    taught = _trained(inputs, outside, 5.0)
    outside_share = [
        float(np.mean([p[:, :, OUTSIDE].mean() for p in t.predict_probs(inputs)])) for t in (plain, taught)
    ]
    assert outside_share[1] > outside_share[0]


def test_soft_targets_must_cover_the_pieces_of_their_text() -> None:
    inputs = [toy_inputs(0, 1)]
    with pytest.raises(ValueError, match="soft targets of shape"):
        _trained(inputs, [np.zeros((len(inputs[0].offsets) - 1, 3, 3), np.float32)], 1.0)


class _CountingTeacher:
    """Reads every word as one piece and puts the first word of a text in a content (stands in for a model)."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def token_inputs(self, texts: list[str]) -> list[TokenInputs]:
        self.texts += texts
        return [toy_inputs(0, 1) for _ in texts]

    def predict_probs(self, inputs: list[TokenInputs]) -> list[np.ndarray]:
        out = []
        for x in inputs:
            probs = np.zeros((len(x.offsets), 3, 3), np.float32)
            probs[:, :, OUTSIDE] = 1.0
            probs[0, 2] = [0.0, 1.0, 0.0]
            out.append(probs)
        return out


def test_the_teachers_outputs_are_kept_and_read_back(tmp_path: Path) -> None:
    offsets = [toy_inputs(0, 1).offsets] * 2
    files = [tmp_path / "a.npy", tmp_path / "b.npy"]
    teacher = _CountingTeacher()
    first = teacher_targets(teacher, [TEXT, TEXT], offsets, files)  # type: ignore[arg-type]
    assert len(teacher.texts) == 2 and all(f.exists() for f in files)
    assert first[0][0, 2, BEGIN] == 1.0 and first[0][1, 2, OUTSIDE] == 1.0
    again = teacher_targets(teacher, [TEXT, TEXT], offsets, files)  # type: ignore[arg-type]
    assert len(teacher.texts) == 2  # read from the files, the teacher not run again
    for a, b in zip(first, again, strict=True):
        np.testing.assert_allclose(a, b, atol=1e-3)
    # A kept file that no longer fits the student's pieces (another tokenisation) is recomputed.
    teacher_targets(teacher, [TEXT], [offsets[0][:-1]], files[:1])  # type: ignore[arg-type]
    assert len(teacher.texts) == 3
