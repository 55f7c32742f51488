"""Technique tagging on Spark gives exactly the local engine's fragments."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from narratrace.techniques import detect_techniques
from narratrace.techniques.data import held_back_split, load_ptc
from tests.conftest import shared_path

pytestmark = [pytest.mark.spark, pytest.mark.slow]


def test_spark_and_local_engines_tag_the_same_fragments() -> None:
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("the spark engine needs Java")
    held = held_back_split(load_ptc(shared_path("data", "ptc")))[1]
    # Enough texts for several batches of 32, an empty one, and one long enough to be cut in segments.
    texts = [a.text for a in held] + ["", "\n".join(a.text for a in held)]
    local = detect_techniques(texts, model="fast")
    spark = detect_techniques(texts, model="fast", engine="spark")
    assert sum(map(len, local)) > 1000 and local[-2] == []
    assert spark == local


def test_unknown_engine_and_model_fail_before_spark_starts() -> None:
    with pytest.raises(ValueError, match="unknown engine"):
        detect_techniques(["text"], engine="dask")
    with pytest.raises(FileNotFoundError):
        detect_techniques(["text"], model="no-such-model", engine="spark")


def test_techniques_command_on_spark_writes_what_local_writes(tmp_path: Path) -> None:
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("the spark engine needs Java")
    from typer.testing import CliRunner

    from tests.techniques.test_cli import _app, _write_article

    article = _write_article(tmp_path)
    outputs = {}
    for engine in ("local", "spark"):
        out = tmp_path / f"{engine}.tsv"
        args = ["techniques", str(article), "--out", str(out), "--model", "fast", "--threshold", "0.2"]
        result = CliRunner().invoke(_app(), [*args, "--engine", engine])
        assert result.exit_code == 0, result.output
        outputs[engine] = out.read_text(encoding="utf-8")
    assert outputs["local"].strip() and outputs["spark"] == outputs["local"]
    bad = CliRunner().invoke(_app(), ["techniques", str(article), "--out", str(tmp_path / "x"), "--engine", "ray"])
    assert bad.exit_code != 0


def test_analyze_on_spark_matches_local_on_the_seeds() -> None:
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("the spark engine needs Java")
    from narratrace.ingest import read_paths
    from narratrace.ingest.types import ReadError
    from narratrace.pipeline import RunOptions, analyze_articles, clean_all
    from narratrace.stages import REUSE, TECHNIQUES

    items = list(read_paths([shared_path("seeds")]))
    articles = clean_all(i for i in items if not isinstance(i, ReadError))
    local = analyze_articles(articles, RunOptions(stage_options={"techniques_model": "fast"}))
    spark = analyze_articles(articles, RunOptions("spark", stage_options={"techniques_model": "fast"}))
    assert any(local.result(TECHNIQUES).spans.values())
    assert spark.result(TECHNIQUES).spans == local.result(TECHNIQUES).spans
    assert spark.result(TECHNIQUES).profiles == local.result(TECHNIQUES).profiles
    assert spark.result(REUSE).pairs == local.result(REUSE).pairs
