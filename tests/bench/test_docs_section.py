"""bench.docs_section: a script rewrites its own marked section of docs/benchmarks.md and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.docs_section import markers, replace_section, write_section

DOC = """# Benchmarks

Hand-written top, with a tab	here and odd  spacing,
and odd spacing  between words.

<!-- bench:alpha -->
## Alpha

| a |
|---|
| 1 |
<!-- /bench:alpha -->

Between sections: hand-written, kept.

<!-- bench:beta -->
## Beta

old beta
<!-- /bench:beta -->

<!-- bench:gamma -->
## Gamma
gamma
<!-- /bench:gamma -->
"""


def test_replaces_exactly_one_section_and_leaves_the_rest_byte_identical(tmp_path: Path) -> None:
    doc = tmp_path / "benchmarks.md"
    doc.write_bytes(DOC.encode("utf-8"))
    write_section("## Beta\n\nnew beta, two lines\nof figures\n", doc, name="beta")
    updated = doc.read_text(encoding="utf-8")

    start, end = markers("beta")
    before, after = DOC.split(start)[0], DOC.split(end)[1]
    assert updated.startswith(before + start + "\n")
    assert updated.endswith(end + after)
    assert updated[len(before) + len(start) + 1 : -len(end + after)] == "## Beta\n\nnew beta, two lines\nof figures\n"
    assert "old beta" not in updated and updated.count("## Alpha") == updated.count("## Gamma") == 1


def test_rewriting_with_the_same_text_changes_nothing(tmp_path: Path) -> None:
    doc = tmp_path / "benchmarks.md"
    doc.write_text(DOC, encoding="utf-8")
    write_section("## Alpha\n\n| a |\n|---|\n| 1 |\n", doc, name="alpha")
    assert doc.read_text(encoding="utf-8") == DOC


def test_a_new_section_is_appended_with_its_markers(tmp_path: Path) -> None:
    doc = tmp_path / "benchmarks.md"
    doc.write_text(DOC, encoding="utf-8")
    write_section("## Delta\n\ndelta\n", doc, name="delta")
    assert doc.read_text(encoding="utf-8") == DOC + "\n<!-- bench:delta -->\n## Delta\n\ndelta\n<!-- /bench:delta -->\n"
    write_section("## Delta\n\ndelta again\n", doc, name="delta")
    assert doc.read_text(encoding="utf-8").endswith(
        "<!-- bench:delta -->\n## Delta\n\ndelta again\n<!-- /bench:delta -->\n"
    )


def test_a_missing_file_gets_a_title_and_the_section(tmp_path: Path) -> None:
    doc = tmp_path / "docs" / "benchmarks.md"
    write_section("## Only\n\nx\n", doc)  # name from the heading
    assert (
        doc.read_text(encoding="utf-8") == "# Benchmarks\n\n<!-- bench:only -->\n## Only\n\nx\n<!-- /bench:only -->\n"
    )


@pytest.mark.parametrize(
    "document",
    [
        "<!-- bench:x -->\nno end\n",
        "no start\n<!-- /bench:x -->\n",
        "<!-- /bench:x -->\n<!-- bench:x -->\n",
        "<!-- bench:x -->\na\n<!-- /bench:x -->\n<!-- bench:x -->\nb\n<!-- /bench:x -->\n",
    ],
)
def test_broken_markers_are_refused_rather_than_guessed(document: str) -> None:
    with pytest.raises(ValueError):
        replace_section(document, "x", "## X\n")


def test_names_are_slugs() -> None:
    with pytest.raises(ValueError):
        markers("Has Spaces")
    assert markers("reuse-scaling") == ("<!-- bench:reuse-scaling -->", "<!-- /bench:reuse-scaling -->")
