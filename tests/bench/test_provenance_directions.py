"""The direction benchmark's ablations name real options, so a renamed or removed option fails here, not mid-run."""

from __future__ import annotations

import dataclasses

from bench.provenance_directions import VARIANTS
from narratrace.provenance import ProvenanceOptions


def test_every_ablation_sets_existing_options_to_a_new_value() -> None:
    defaults = ProvenanceOptions()
    names = {f.name for f in dataclasses.fields(ProvenanceOptions)}
    for variant, overrides in VARIANTS.items():
        assert set(overrides) <= names, variant
        changed = dataclasses.replace(defaults, **overrides)
        assert not overrides or changed != defaults, variant
