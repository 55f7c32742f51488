"""The code's shape is checked, not left to convention: one-way data flow, no import cycles, short modules."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import networkx as nx
import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "narratrace"


def test_import_linter_contracts_hold() -> None:
    """pyproject's [tool.importlinter] layers: ingest -> clean -> store -> stages -> report -> pipeline -> CLI."""
    lint = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    result = subprocess.run([lint], cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_no_import_cycles_between_modules() -> None:
    """Module-level imports only (imports inside functions, made lazily at run time, are allowed to go up)."""
    graph = grimp.build_graph("narratrace", cache_dir=None)
    imports = nx.DiGraph()
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            details = graph.get_import_details(importer=module, imported=imported)
            if any(_top_level(d["line_contents"], d["line_number"], module) for d in details):
                imports.add_edge(module, imported)
    assert imports.number_of_edges() > 100  # the graph was read
    cycles = [sorted(c) for c in nx.strongly_connected_components(imports) if len(c) > 1]
    assert cycles == []


def _top_level(line: str, number: int, module: str) -> bool:
    del line
    path = PACKAGE.parent / (module.replace(".", "/") + ".py")
    if not path.exists():
        path = PACKAGE.parent / module.replace(".", "/") / "__init__.py"
    text = path.read_text(encoding="utf-8").splitlines()[number - 1]
    return not text.startswith((" ", "\t"))


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(REPO)))
def test_modules_stay_short(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= 400, f"{path.relative_to(REPO)} has {lines} lines: split it by responsibility"


def test_the_command_line_loads_no_model_library_until_a_stage_runs() -> None:
    """`narratrace --help` and the stage registry stay light: torch, spaCy and scikit-learn load in `run`."""
    code = (
        "import sys, narratrace.cli as cli; cli._register_commands(); "
        "print(sorted(m for m in ('torch', 'spacy', 'sklearn', 'transformers') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
