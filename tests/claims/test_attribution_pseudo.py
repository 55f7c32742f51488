"""Pseudo-labelled attribution corpora: written as PolNeAR, read back by ``load_corpus``, guarded against leaks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from narratrace import cli
from narratrace.claims.attribution_data import AnnotatedArticle, GoldAttribution, load_corpus, parse_brat
from narratrace.claims.attribution_decode import LinkedAttribution
from narratrace.claims.attribution_pseudo import safe_name, to_brat, with_extra_gold, write_pseudo_corpus

TEXT = 'Officials said on Monday that the bridge\nwould reopen. "It is safe," the mayor told reporters.'


def _spans(text: str, *pieces: str | None) -> list[tuple[int, int] | None]:
    return [None if p is None else (text.index(p), text.index(p) + len(p)) for p in pieces]


def _attributions() -> list[GoldAttribution]:
    source, cue, content = _spans(TEXT, "Officials", "said", "the bridge\nwould reopen")
    mayor, told, quote = _spans(TEXT, "the mayor", "told", "It is safe")
    assert content is not None and quote is not None
    return [
        GoldAttribution(source, cue, content),
        GoldAttribution(mayor, told, quote),
        GoldAttribution(None, None, quote),
    ]


def test_brat_round_trip_keeps_every_part_and_missing_ones() -> None:
    read = parse_brat(to_brat(TEXT, _attributions()))
    assert set(read) == set(_attributions())
    # A span crossing a line break stays one line of the standoff file.
    assert all(line.count("\t") == 2 for line in to_brat(TEXT, _attributions()).splitlines() if line[0] == "T")
    assert to_brat(TEXT, []) == "" and parse_brat("") == ()


def test_a_written_folder_reads_back_as_training_articles(tmp_path: Path) -> None:
    linked: list[Any] = [LinkedAttribution(a.source, a.cue, a.content, 0.9) for a in _attributions()]
    names = ["allsides_1-left", "ptc/article 2", "日本語"]
    texts = [TEXT, "one", "東京で記者が言った。"]
    write_pseudo_corpus(tmp_path, names, texts, [linked, [], []])
    articles = {a.name: a for a in load_corpus(tmp_path)}
    assert set(articles) == {safe_name(n) for n in names} and len(articles) == 3
    first = articles[safe_name("allsides_1-left")]
    assert first.text == TEXT and set(first.attributions) == set(_attributions())
    assert articles[safe_name("ptc/article 2")].attributions == ()
    assert "_" not in "".join(articles)


def test_carriage_returns_and_clashing_names_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="line ends"):
        write_pseudo_corpus(tmp_path, ["a"], ["one\r\ntwo"], [[]])
    with pytest.raises(ValueError, match="one file name"):
        write_pseudo_corpus(tmp_path, ["a_b", "a-b"], ["one", "two"], [[], []])
    assert not (tmp_path / "text" / "a-b.txt").exists()


def test_extra_gold_joins_training_but_never_a_held_out_article(tmp_path: Path) -> None:
    write_pseudo_corpus(tmp_path / "pseudo", ["news-1", "news-2"], [TEXT, TEXT], [[], []])
    gold = AnnotatedArticle("gold-1", TEXT, tuple(_attributions()))
    held_out = AnnotatedArticle("news-2", TEXT, ())
    joined = with_extra_gold([gold], [], [tmp_path / "pseudo"])
    assert [a.name for a in joined] == ["gold-1", "news-1", "news-2"]
    assert with_extra_gold([gold], [held_out], []) == [gold]
    with pytest.raises(ValueError, match="held out"):
        with_extra_gold([gold], [held_out], [tmp_path / "pseudo"])
    # The same text under another name is refused too.
    renamed = AnnotatedArticle("polnear_dev-1", TEXT, ())
    with pytest.raises(ValueError, match="held out"):
        with_extra_gold([gold], [renamed], [tmp_path / "pseudo"])


def test_the_train_command_offers_extra_gold() -> None:
    cli._register_commands()
    result = CliRunner().invoke(cli.app, ["train", "attribution", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0 and "--extra-gold" in result.output
