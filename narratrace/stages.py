"""The registry: every analysis stage, in pipeline order. One line here adds a stage everywhere.

The list drives the pipeline (``narratrace.pipeline``), ``analysis.json``, the exports, the report's
navigation and ``analyze --only/--skip``; each stage's shape is ``narratrace.analysis.Stage``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from narratrace.analysis import AnyStage
from narratrace.claims.stage import ClaimsStage
from narratrace.framing.stage import FramingStage
from narratrace.provenance.stage import ReuseStage
from narratrace.stories.stage import StoriesStage
from narratrace.techniques.stage import TechniquesStage

REUSE = ReuseStage()
STORIES = StoriesStage()
TECHNIQUES = TechniquesStage()
CLAIMS = ClaimsStage()
FRAMING = FramingStage()

STAGES: tuple[AnyStage, ...] = (
    REUSE,
    STORIES,
    TECHNIQUES,
    CLAIMS,
    FRAMING,
)


def stage_names() -> list[str]:
    return [stage.name for stage in STAGES]


def select_stages(
    only: Iterable[str] = (), skip: Iterable[str] = (), stages: Sequence[AnyStage] | None = None
) -> list[AnyStage]:
    """The stages to run, in registry order: ``only`` those (plus what they need), less those in ``skip``.

    An unknown name, or skipping a stage that a chosen one needs, is a ValueError that names the choices.
    """
    stages = STAGES if stages is None else stages  # read at call time: a test may register a stage
    by_name = {stage.name: stage for stage in stages}
    only, skip = list(only), set(skip)
    for name in [*only, *skip]:
        if name not in by_name:
            raise ValueError(f"unknown stage {name!r}; the stages are {', '.join(by_name)}")
    chosen = set(only) if only else set(by_name)
    pending = list(chosen)
    while pending:  # what a chosen stage needs runs too
        for need in by_name[pending.pop()].needs:
            if need not in chosen:
                chosen.add(need)
                pending.append(need)
    chosen -= skip
    for name in chosen:
        missing = [need for need in by_name[name].needs if need not in chosen]
        if missing:
            raise ValueError(f"stage {name!r} needs {', '.join(missing)}, which --skip leaves out")
    return [stage for stage in stages if stage.name in chosen]
