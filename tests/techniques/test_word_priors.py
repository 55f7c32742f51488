"""Word priors: smoothed in-fragment rates, with each training article's own counts left out."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from narratrace.techniques.features import analyse_text
from narratrace.techniques.span import TechniqueSpan
from narratrace.techniques.word_priors import SMOOTHING, WordPriors


def test_rates_and_leave_one_out(tmp_path: Path) -> None:
    texts = ["a vile plan", "a vile idea", "a good plan"]
    spans = [[TechniqueSpan(2, 6, "Loaded_Language", 1.0)], [TechniqueSpan(2, 6, "Loaded_Language", 1.0)], []]
    cues = [analyse_text(t) for t in texts]
    priors = WordPriors().fit(cues, spans)
    base = priors.base_rates_
    # 9 words, 2 inside fragments (both Loaded_Language): base rates 2/9, 2/9, 0
    assert base == pytest.approx([2 / 9, 2 / 9, 0.0])
    vile = priors.features(analyse_text("vile"))[0]
    # "vile": seen twice, inside twice -> (2 + 5 * 2/9) / (2 + 5)
    assert vile[0] == pytest.approx((2 + SMOOTHING * 2 / 9) / (2 + SMOOTHING))
    assert vile[2] == pytest.approx(0.0)
    # Left out of article 0, "vile" has one sighting, inside once.
    own = priors.features(cues[0], leave_out=0)[1]
    assert own[0] == pytest.approx((1 + SMOOTHING * 2 / 9) / (1 + SMOOTHING))
    # Unknown words get the corpus-wide rates.
    assert np.allclose(priors.features(analyse_text("zebra"))[0], base)

    priors.save(tmp_path / "priors.json")
    again = WordPriors.load(tmp_path / "priors.json")
    assert np.allclose(again.features(analyse_text("vile plan")), priors.features(analyse_text("vile plan")))
