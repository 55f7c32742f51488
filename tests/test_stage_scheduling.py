"""Stages that do not wait on each other run side by side; a stage starts only after what it needs or reads."""

from __future__ import annotations

import ast
import threading
from pathlib import Path

import pytest

from narratrace import stages as registry
from narratrace.analysis import DocumentSection, StageBase, StageContext
from narratrace.pipeline import run_stages, waits_for

PACKAGE = Path(__file__).resolve().parents[1] / "narratrace"


class Recorder:
    """Shared by the toy stages of one test: the order in which they started and finished."""

    def __init__(self, parties: int = 1, timeout: float = 10.0) -> None:
        self.events: list[str] = []
        self.lock = threading.Lock()
        self.barrier = threading.Barrier(parties, timeout=timeout)

    def note(self, event: str) -> None:
        with self.lock:
            self.events.append(event)


class ToyStage(StageBase[str]):
    """Notes its start and end; with ``meet`` it waits at the recorder's barrier (only possible side by side)."""

    def __init__(
        self,
        name: str,
        recorder: Recorder,
        needs: tuple[str, ...] = (),
        reads: tuple[str, ...] = (),
        meet: bool = False,
        fail: bool = False,
    ) -> None:
        self.name, self.needs, self.reads = name, needs, reads
        self.recorder, self.meet, self.fail = recorder, meet, fail

    def run(self, context: StageContext) -> str:
        self.recorder.note(f"start {self.name}")
        seen = sorted(context.results)  # what had finished when this stage started
        if self.meet:
            self.recorder.barrier.wait()
        if self.fail:
            raise RuntimeError(f"{self.name} failed")
        self.recorder.note(f"end {self.name}")
        return f"{self.name} saw {seen}"

    def document(self, result: str, context: StageContext) -> DocumentSection:
        return DocumentSection(top={self.name: result})


def _context() -> StageContext:
    return StageContext(articles=[], raw_articles=lambda: iter(()))


def test_independent_stages_run_at_the_same_time() -> None:
    recorder = Recorder(parties=2)
    # Each waits at a two-party barrier: one after the other, the first would time out there.
    stages = [ToyStage("first", recorder, meet=True), ToyStage("second", recorder, meet=True)]
    analysis = run_stages(_context(), stages, side_by_side=True)
    assert analysis.stages == ("first", "second")
    assert analysis.results == {"first": "first saw []", "second": "second saw []"}
    with pytest.raises(threading.BrokenBarrierError):
        run_stages(_context(), [ToyStage("alone", Recorder(parties=2, timeout=0.2), meet=True)], side_by_side=True)


def test_a_stage_starts_after_what_it_needs_or_reads() -> None:
    recorder = Recorder()
    stages = [
        ToyStage("reuse", recorder),
        ToyStage("stories", recorder, reads=("reuse",)),
        ToyStage("claims", recorder, needs=("reuse",)),
        ToyStage("framing", recorder, reads=("stories",)),
    ]
    context = _context()
    run_stages(context, stages, side_by_side=True)
    events = recorder.events
    for later, earlier in (("stories", "reuse"), ("claims", "reuse"), ("framing", "stories")):
        assert events.index(f"start {later}") > events.index(f"end {earlier}")
        assert earlier in str(context.results[later])
    assert [waits_for(stage, stages) for stage in stages] == [[], ["reuse"], ["reuse"], ["stories"]]


def test_side_by_side_gives_the_results_of_one_after_another() -> None:
    def run(side_by_side: bool) -> dict[str, object]:
        recorder = Recorder()
        stages = [ToyStage("a", recorder), ToyStage("b", recorder, needs=("a",)), ToyStage("c", recorder, reads=("b",))]
        return run_stages(_context(), stages, side_by_side=side_by_side).results

    assert run(True) == run(False) == {"a": "a saw []", "b": "b saw ['a']", "c": "c saw ['a', 'b']"}


def test_an_error_is_raised_and_what_waits_on_it_never_starts() -> None:
    recorder = Recorder()
    stages = [
        ToyStage("broken", recorder, fail=True),
        ToyStage("after", recorder, needs=("broken",)),
        ToyStage("beside", recorder),
    ]
    context = _context()
    with pytest.raises(RuntimeError, match="broken failed"):
        run_stages(context, stages, side_by_side=True)
    assert "start after" not in recorder.events
    assert "after" not in context.results
    assert context.results.get("beside") == "beside saw []"  # a stage already running finishes


def test_every_result_a_stage_reads_is_declared() -> None:
    """A stage reading another's result without declaring it could start before that result exists."""
    for stage in registry.STAGES:
        module = PACKAGE / Path(*type(stage).__module__.split(".")[1:]).with_suffix(".py")
        read: set[str] = set()
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "earlier":
                first = node.args[0]
                assert isinstance(first, ast.Constant), f"{module}: earlier() with a computed name"
                read.add(str(first.value))
        assert read <= set(stage.reads), f"{stage.name} reads {sorted(read)} but declares {stage.reads}"
        assert set(stage.reads) <= {s.name for s in registry.STAGES[: registry.STAGES.index(stage)]}


@pytest.mark.slow
def test_the_seeds_analysed_side_by_side_match_one_after_another() -> None:
    """The real stages on the seeds, in this process (small inputs stay out of the worker pool): stories, claims
    and framing then use spaCy and MiniLM from several threads at once."""
    from narratrace.ingest import read_paths
    from narratrace.ingest.types import ReadError
    from narratrace.pipeline import RunOptions, analyze_articles, clean_all
    from narratrace.report.analysis_json import build_analysis_document
    from tests.conftest import shared_path

    items = list(read_paths([shared_path("seeds")]))
    articles = clean_all(i for i in items if not isinstance(i, ReadError))
    documents = [
        build_analysis_document(analyze_articles(articles, RunOptions(skip=("techniques",), side_by_side=flag)))
        for flag in (False, True, True)
    ]
    for document in documents:
        document.pop("generated_at", None)
    assert documents[0]["stages"] == ["reuse", "stories", "claims", "framing"]
    assert documents[0]["claims"] and documents[0]["framing"]
    assert documents[0] == documents[1] == documents[2]


def test_in_turn_on_the_command_line_turns_side_by_side_off() -> None:
    from narratrace.cli.options import Engine
    from narratrace.cli.pipeline import run_options

    assert run_options(Engine.local, None, None, {}, in_turn=True).side_by_side is False
    assert run_options(Engine.local, None, None, {}).side_by_side is None  # the pipeline decides
