"""The CLI under hostile or careless use: clear one-line errors, right exit codes, nothing good lost."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from narratrace import cli
from narratrace.cli import pipeline as pipeline_cli
from narratrace.ingest.article import Article
from narratrace.pipeline import ingest_paths
from narratrace.store import open_store
from tests.conftest import unboxed

BODY = "The council voted on Tuesday to close the harbour after the storm damaged the pier."


def _pipeline_app() -> typer.Typer:
    app = typer.Typer()
    pipeline_cli.register(app)
    return app


def _corpus(folder: Path, n: int = 3) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"story{i}.txt").write_text(f"Headline {i}\n\n{BODY} Paragraph {i} adds its own detail.\n")
    return folder


def test_lone_surrogate_is_replaced_and_the_batch_is_kept(tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_text(
        json.dumps({"id": "good", "text": BODY}) + "\n" + '{"id": "odd", "text": "surrogate \\ud800 in the text"}\n',
        encoding="utf-8",
    )
    store = open_store(tmp_path / "s.db")
    report = ingest_paths([tmp_path / "in.jsonl"], store)
    stored = {a.id: a for a in store.articles()}
    assert report.errors == [] and set(stored) == {"good", "odd"}
    assert stored["odd"].text == "surrogate \ufffd in the text"  # one character for one: offsets hold
    assert "surrogate" in stored["odd"].metadata["decode_warning"]


def test_a_record_the_store_refuses_costs_only_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = open_store(tmp_path / "s.db")
    real_add = store.add_articles

    def picky_add(articles: list[Article]) -> int:
        if any("refused" in a.text for a in articles):
            raise UnicodeEncodeError("utf-8", "x", 0, 1, "refused by the database")
        return real_add(articles)

    monkeypatch.setattr(store, "add_articles", picky_add)
    folder = _corpus(tmp_path / "in")
    (folder / "story1.txt").write_text("Headline\n\nThis record is refused by the store for its characters.\n")
    report = ingest_paths([folder], store)
    assert report.read == 2 and report.added == 2
    assert [Path(e.source_path).name for e in report.errors] == ["story1.txt"]
    assert "could not be stored" in report.errors[0].reason


def test_markup_in_a_file_name_prints_literally(tmp_path: Path) -> None:
    odd = tmp_path / "in" / "x[" / "b]y[/b].txt"
    odd.parent.mkdir(parents=True)
    odd.write_text("")
    result = CliRunner().invoke(_pipeline_app(), ["ingest", str(tmp_path / "in"), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 1  # the empty file failed; no MarkupError
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "[/b]" in result.output and "file is empty" in result.output


def test_analyze_never_ingests_its_own_outputs(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    args = ["analyze", str(corpus), "--out", str(corpus / "out"), "--skip", "techniques"]
    for _ in range(2):  # the second run finds report.html, analysis.json and the store inside the input folder
        result = CliRunner().invoke(_pipeline_app(), args)
        assert result.exit_code == 0, result.output
    doc = json.loads((corpus / "out" / "analysis.json").read_text(encoding="utf-8"))
    assert len(doc["articles"]) == 3 and doc["inputs"]["errors"] == []


def test_report_without_a_store_refuses_instead_of_writing_an_empty_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        _pipeline_app(), ["analyze", str(_corpus(tmp_path / "in")), "--out", str(out), "--skip", "techniques"]
    )
    assert result.exit_code == 0, result.output
    before = (out / "analysis.json").read_text(encoding="utf-8")
    # Without --db, `report` re-analyses the store that `analyze` left in OUT.
    result = CliRunner().invoke(_pipeline_app(), ["report", "--out", str(out), "--skip", "techniques"])
    assert result.exit_code == 0, result.output
    assert len(json.loads((out / "analysis.json").read_text(encoding="utf-8"))["articles"]) == 3
    # A mistyped store is an error, and creates nothing.
    result = CliRunner().invoke(
        _pipeline_app(), ["report", "--out", str(out), "--db", str(tmp_path / "typo.db"), "--skip", "techniques"]
    )
    assert result.exit_code == 2 and "no store" in unboxed(result.output)
    assert not (tmp_path / "typo.db").exists()
    assert json.loads(before)["articles"] == json.loads((out / "analysis.json").read_text(encoding="utf-8"))["articles"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--map", "colour=series"], "--map"),
        (["--max-file-mb", "nan"], "--max-file-mb"),
        (["--max-file-mb", "0"], "--max-file-mb"),
    ],
)
def test_bad_option_values_are_usage_errors(tmp_path: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(_pipeline_app(), ["ingest", str(tmp_path), "--db", str(tmp_path / "s.db"), *args])
    assert result.exit_code == 2 and message in result.output


def test_engine_and_out_are_checked_before_any_work(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "in")
    result = CliRunner().invoke(
        _pipeline_app(), ["analyze", str(corpus), "--out", str(tmp_path / "o"), "--engine", "x"]
    )
    assert result.exit_code == 2 and "--engine" in result.output and not (tmp_path / "o").exists()
    (tmp_path / "afile").write_text("")
    result = CliRunner().invoke(_pipeline_app(), ["analyze", str(corpus), "--out", str(tmp_path / "afile")])
    assert result.exit_code == 2 and "is a file" in " ".join(result.output.replace("│", " ").split())


def test_a_stage_option_with_choices_takes_only_those() -> None:
    """A text ``StageOption`` with ``choices`` is refused with any other value, naming the choices, and shows them in
    --help; the command receives the value as text."""
    from types import SimpleNamespace
    from typing import Any, cast

    from narratrace.analysis import StageOption
    from narratrace.cli.options import with_stage_options

    rule = StageOption("toy-rule", "How to count.", "strict", choices=("strict", "loose"))
    toy = cast(Any, SimpleNamespace(name="toy", options=(rule,)))  # only what the decorator reads

    seen: list[str] = []
    app = typer.Typer()

    @app.command()
    @with_stage_options([toy])
    def run(**stage_options: object) -> None:
        seen.append(str(stage_options["toy_rule"]))

    assert CliRunner().invoke(app, ["--toy-rule", "loose"]).exit_code == 0
    assert CliRunner().invoke(app, []).exit_code == 0
    assert seen == ["loose", "strict"]
    refused = CliRunner().invoke(app, ["--toy-rule", "maybe"])
    assert refused.exit_code == 2 and "'strict', 'loose'" in unboxed(refused.output)
    assert "strict|loose" in unboxed(CliRunner().invoke(app, ["--help"]).output)


def test_unreadable_analysis_json_is_a_usage_error(tmp_path: Path) -> None:
    for name, content in (("bad.json", b"{bad"), ("list.json", b"[1, 2]"), ("bin.json", b"\xff\xfe\x00")):
        (tmp_path / name).write_bytes(content)
        result = CliRunner().invoke(_pipeline_app(), ["report", str(tmp_path / name), "--out", str(tmp_path / "o")])
        assert result.exit_code == 2, (name, result.output)


def test_an_error_escaping_a_command_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A folder where the store should be: SQLite cannot open it, and the user sees why, without a traceback.
    (tmp_path / "store_dir").mkdir()
    monkeypatch.delenv("NARRATRACE_DEBUG", raising=False)
    monkeypatch.setattr(
        sys, "argv", ["narratrace", "ingest", str(_corpus(tmp_path / "in")), "--db", str(tmp_path / "store_dir")]
    )
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "error:" in err and "unable to open database file" in err and "Traceback" not in err


def test_an_id_taken_by_another_text_is_reported_not_dropped_silently(tmp_path: Path) -> None:
    rows = [{"id": "dup", "text": BODY}, {"id": "dup", "text": "A completely different article on another day."}]
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    store = open_store(tmp_path / "s.db")
    report = ingest_paths([tmp_path / "in.jsonl"], store)
    assert report.added == 1 and [a.text for a in store.articles()] == [BODY]
    assert len(report.errors) == 1 and "'dup' is already taken" in report.errors[0].reason
    again = ingest_paths([tmp_path / "in.jsonl"], store)  # the same article again is no conflict
    assert again.added == 0 and len(again.errors) == 1


def test_an_unsupported_database_is_named_before_its_driver_is_imported(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unsupported database 'mysql'"):
        open_store("mysql://user@host/db")


def test_a_missing_input_path_is_a_usage_error_before_any_work(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(_pipeline_app(), ["analyze", str(tmp_path / "nope"), "--out", str(out)])
    assert result.exit_code == 2 and "does not exist" in " ".join(result.output.replace("│", " ").split())
    assert not out.exists()


def test_outputs_take_the_users_umask_not_0600(tmp_path: Path) -> None:
    from narratrace.output_files import write_atomic

    previous = os.umask(0o022)
    try:
        path = write_atomic(tmp_path / "x.csv", lambda temp: temp.write_text("a\n"))
    finally:
        os.umask(previous)
    assert path.stat().st_mode & 0o777 == 0o644
