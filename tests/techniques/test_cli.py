"""`narratrace techniques` / `evaluate techniques` end to end through Typer."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from narratrace.cli.techniques import register

TEXT = (
    "\ufeffThe corrupt regime lies again\n\n"
    "The so-called experts, a notorious band of liars, want to destroy our great nation.\n"
    "Everyone knows the truth: they are traitors and they will never stop.\n"
)


def _app() -> typer.Typer:
    app, train_app, evaluate_app = typer.Typer(), typer.Typer(), typer.Typer()
    app.add_typer(train_app, name="train")
    app.add_typer(evaluate_app, name="evaluate")
    register(app, train_app, evaluate_app)
    return app


def _write_article(folder: Path) -> Path:
    path = folder / "article42.txt"
    path.write_bytes(TEXT.encode("utf-8"))
    return path


def test_semeval_and_jsonl_outputs(tmp_path: Path) -> None:
    article = _write_article(tmp_path)
    runner = CliRunner()
    semeval = tmp_path / "out.tsv"
    result = runner.invoke(_app(), ["techniques", str(article), "--out", str(semeval), "--threshold", "0.2"])
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in semeval.read_text(encoding="utf-8").splitlines()]
    assert rows, "a text this loaded should give spans at a low threshold"
    for article_id, technique, start, end in rows:
        assert article_id == "42"
        assert 0 <= int(start) < int(end) <= len(TEXT)  # offsets count the BOM as character 0
        assert technique

    jsonl = tmp_path / "out.jsonl"
    result = runner.invoke(_app(), ["techniques", str(tmp_path), "--out", str(jsonl), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert record["article_id"] == "42"
    for span in record["spans"]:
        assert TEXT[span["start"] : span["end"]] == span["text"]
        assert 0.0 <= span["confidence"] <= 1.0
    assert len(record["profile_per_1000_words"]) == 14


def test_spans_option_labels_given_rows(tmp_path: Path) -> None:
    article = _write_article(tmp_path)
    start = TEXT.index("so-called")
    spans_file = tmp_path / "spans.tsv"
    spans_file.write_text(f"42\t{start}\t{start + 9}\n42\t{start}\t{start + 9}\n42\t1\t12\n", encoding="utf-8")
    out = tmp_path / "tc.tsv"
    result = CliRunner().invoke(_app(), ["techniques", str(article), "--out", str(out), "--spans", str(spans_file)])
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r[0], r[2], r[3]) for r in rows] == [
        ("42", str(start), str(start + 9)),
        ("42", str(start), str(start + 9)),
        ("42", "1", "12"),
    ]
    assert rows[0][1] != rows[1][1]


def test_spans_file_with_a_bom_and_bad_rows(tmp_path: Path) -> None:
    article = _write_article(tmp_path)
    spans_file, out = tmp_path / "spans.tsv", tmp_path / "tc.tsv"
    spans_file.write_bytes("\ufeff42\t1\t12\n".encode())  # a spreadsheet's BOM is not part of the id
    result = CliRunner().invoke(_app(), ["techniques", str(article), "--out", str(out), "--spans", str(spans_file)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").split("\t")[0] == "42"
    for row, message in (("42\t50\t10", "empty or negative"), (f"42\t0\t{len(TEXT) + 5}", "ends past")):
        spans_file.write_text(row + "\n", encoding="utf-8")
        result = CliRunner().invoke(_app(), ["techniques", str(article), "--out", str(out), "--spans", str(spans_file)])
        assert result.exit_code == 2 and message in _plain(result.output)
    result = CliRunner().invoke(_app(), ["techniques", str(article), "--out", str(tmp_path)])
    assert result.exit_code == 2 and "is a directory" in _plain(result.output)


def _plain(output: str) -> str:
    """A usage error's text without the panel's borders and line wrapping."""
    return " ".join(output.replace("│", " ").split())


def test_evaluate_on_a_folder_without_articles_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    result = CliRunner().invoke(_app(), ["evaluate", "techniques", "--data", str(tmp_path), "--model", "fast"])
    assert result.exit_code != 0
    assert isinstance(result.exception, ValueError) and "no article .txt files" in str(result.exception)


def test_binary_file_is_a_clear_error(tmp_path: Path) -> None:
    binary = tmp_path / "article1.txt"
    binary.write_bytes(b"\xff\xfe\x00\x81binary")
    result = CliRunner().invoke(_app(), ["techniques", str(binary), "--out", str(tmp_path / "o.tsv")])
    assert result.exit_code != 0
    assert "not UTF-8" in result.output


def test_bad_format_is_rejected(tmp_path: Path) -> None:
    article = _write_article(tmp_path)
    result = CliRunner().invoke(_app(), ["techniques", str(article), "--out", str(tmp_path / "o"), "--format", "xml"])
    assert result.exit_code != 0


def test_train_rejects_layers_the_encoder_does_not_have(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        _app(), ["train", "techniques", "--data", str(tmp_path), "--encoder", "minilm-l6", "--layers", "7"]
    )
    assert result.exit_code != 0
    assert "layers 1 to 6" in result.output


def test_train_layers_and_encoder_options_are_checked(tmp_path: Path) -> None:
    from narratrace.techniques.training import parse_layers as _parse_layers

    assert _parse_layers("2", 6) == (2, (1,))
    assert _parse_layers("1", 6) == (1, ())
    assert _parse_layers("8,4", 12) == (8, (4,))
    result = CliRunner().invoke(
        _app(), ["train", "techniques", "--data", str(tmp_path), "--encoder", "minilm-l6", "--layers", "4,13"]
    )
    assert result.exit_code != 0 and "layers 1 to 6" in result.output
    result = CliRunner().invoke(
        _app(), ["train", "techniques", "--data", str(tmp_path), "--encoder", "mpnet-base", "--layers", "13"]
    )
    assert result.exit_code != 0 and "layers 1 to 12" in result.output
    result = CliRunner().invoke(_app(), ["train", "techniques", "--data", str(tmp_path), "--encoder", "bert"])
    assert result.exit_code != 0 and "minilm-l6" in _plain(result.output)


def test_precision_option_is_checked_and_used(tmp_path: Path) -> None:
    article = _write_article(tmp_path)
    outputs = []
    for precision in ("fp32", "bf16"):
        out = tmp_path / f"{precision}.jsonl"
        args = ["techniques", str(article), "--out", str(out), "--model", "fast", "--format", "jsonl"]
        result = CliRunner().invoke(_app(), [*args, "--precision", precision])
        assert result.exit_code == 0, result.output
        outputs.append(json.loads(out.read_text(encoding="utf-8")))
    assert outputs[0]["article_id"] == outputs[1]["article_id"] == "42"
    bad = CliRunner().invoke(_app(), ["techniques", str(article), "--out", str(tmp_path / "x"), "--precision", "fp8"])
    assert bad.exit_code != 0 and "--precision" in bad.output
