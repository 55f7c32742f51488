"""``narratrace train attribution`` and ``evaluate attribution`` on a small PolNeAR folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from narratrace import cli
from narratrace.claims.attribution_data import GoldAttribution
from tests.conftest import shared_path, unboxed

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", autouse=True)
def commands() -> None:
    cli._register_commands()  # what `main()` does before running the app


def _small_polnear(folder: Path, articles: int = 8) -> Path:
    """The first ``articles`` PolNeAR articles (text and annotations), copied into ``folder``."""
    source = shared_path("data", "attribution")
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    names = sorted(p.stem for p in (source / "text").glob("*.txt"))[:articles]
    for name in names:
        shutil.copy(source / "text" / f"{name}.txt", folder / "text")
        for annotation in (source / "attributions").glob(f"{name}_*.ann"):
            shutil.copy(annotation, folder / "attributions")
    return folder


def test_train_then_evaluate_a_model(tmp_path: Path) -> None:
    data = _small_polnear(tmp_path / "polnear")
    runner = CliRunner()
    trained = runner.invoke(
        cli.app, ["train", "attribution", "--data", str(data), "--out", str(tmp_path / "model"), "--epochs", "1"]
    )
    assert trained.exit_code == 0, trained.output
    assert "trained on" in trained.output and "Content" in trained.output
    assert (tmp_path / "model" / "config.json").is_file()
    evaluated = runner.invoke(
        cli.app, ["evaluate", "attribution", "--data", str(data), "--model", str(tmp_path / "model")]
    )
    assert evaluated.exit_code == 0, evaluated.output
    rows = [line.split() for line in evaluated.output.splitlines() if line.startswith(("Source", "Content"))]
    assert len(rows) == 2
    # Each row: part, exact P / R / F1, overlap P / R / F1; every score a probability.
    scores = [float(cell) for row in rows for cell in row[1:] if cell != "/"]
    assert len(scores) == 12 and all(0.0 <= score <= 1.0 for score in scores)


def test_evaluate_refuses_a_missing_model_folder(tmp_path: Path) -> None:
    data = _small_polnear(tmp_path / "polnear", articles=2)
    result = CliRunner().invoke(
        cli.app, ["evaluate", "attribution", "--data", str(data), "--model", str(tmp_path / "nothing")]
    )
    assert result.exit_code == 2 and "does not exist" in unboxed(result.output)


def test_train_reads_extra_gold_and_refuses_a_dev_article(tmp_path: Path) -> None:
    from narratrace.claims.attribution_data import load_corpus, split_corpus
    from narratrace.claims.attribution_pseudo import write_pseudo_corpus

    data = _small_polnear(tmp_path / "polnear", articles=6)
    train, dev = split_corpus(load_corpus(data))
    text = "The minister said the talks would resume on Monday."
    said = text.index("said")
    gold = [GoldAttribution((0, said - 1), (said, said + 4), (said + 5, len(text) - 1))]
    write_pseudo_corpus(tmp_path / "pseudo", ["news-1", "news-2"], [text, text], [gold, []])
    runner = CliRunner()
    arguments = ["train", "attribution", "--data", str(data), "--out", str(tmp_path / "model"), "--epochs", "1"]
    trained = runner.invoke(cli.app, [*arguments, "--extra-gold", str(tmp_path / "pseudo")])
    assert trained.exit_code == 0, trained.output
    assert f"trained on {len(train) + 2} articles" in trained.output
    # A teacher's labels on a dev article would leak the split the model is scored on.
    write_pseudo_corpus(tmp_path / "leak", [dev[0].name], [dev[0].text], [[]])
    refused = runner.invoke(cli.app, [*arguments, "--extra-gold", str(tmp_path / "leak")])
    assert refused.exit_code != 0 and isinstance(refused.exception, ValueError)


def test_layer_groups_read_as_the_heads_option_writes_them():
    from narratrace.claims.attribution import layer_groups

    assert layer_groups("6;6,8") == [[6], [6, 8]]
    assert layer_groups("3") == [[3]]
    with pytest.raises(ValueError):
        layer_groups("6;x")


def test_train_learns_a_teachers_probabilities_kept_in_the_cache(tmp_path: Path) -> None:
    data = _small_polnear(tmp_path / "polnear", articles=4)
    arguments = ["train", "attribution", "--data", str(data), "--out", str(tmp_path / "model"), "--epochs", "1"]
    arguments += ["--cache", str(tmp_path / "cache"), "--soft-teacher", "default", "--soft-weight", "0.5"]
    runner = CliRunner()
    first = runner.invoke(cli.app, arguments)
    assert first.exit_code == 0, first.output
    assert "teacher: " in first.output
    kept = sorted((tmp_path / "cache").glob("*.soft-*.npy"))
    trained_on = int(first.output.split("trained on ")[1].split()[0])
    assert len(kept) == trained_on > 0
    config = (tmp_path / "model" / "config.json").read_text(encoding="utf-8")
    assert '"soft_weight": 0.5' in config
    second = runner.invoke(cli.app, arguments)
    assert second.exit_code == 0 and "teacher: " not in second.output  # the teacher's outputs read back
    refused = runner.invoke(cli.app, [*arguments[:-4], "--soft-teacher", str(tmp_path / "nothing")])
    assert refused.exit_code != 0
