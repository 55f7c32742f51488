"""Shared fixtures: where the project's shared data lives, and a skip when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__import__("os").environ.get("NARRATRACE_SHARED", REPO.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """Path under ../shared, or skip the test with a clear message when it is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not found at {path} (set NARRATRACE_SHARED to its folder)")
    return path


@pytest.fixture
def seeds_dir() -> Path:
    return shared_path("seeds")


@pytest.fixture
def shared_data() -> Path:
    return shared_path("data")


def unboxed(output: str) -> str:
    """A CLI's output with Rich's error box and line breaks taken out: the box wraps its message wherever the
    width puts the break (a long temporary path moves it), so a phrase is looked for in this instead."""
    return " ".join(output.replace("│", " ").split())
