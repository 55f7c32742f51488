"""The fast scans find exactly what the plain regex scans find (texts made here, random and tricky)."""

from __future__ import annotations

import random
import re

import pytest

from narratrace.clean import boilerplate, datelines, dates
from narratrace.clean.repeated import _shingles, _words, repeated_spans
from narratrace.clean.scan import ascii_folded, matches_from

# Pieces that stress the scans: characters whose case folding is odd (İ lower-cases to two characters, ſ and ı
# match s and i case-insensitively, the Kelvin sign lower-cases to k), digits, months, relative words.
_ATOMS = [
    "İ", "ſ", "ı", "\u212a", "Sept", "sept.", "MAY", "May", "may", " ", "  ", "\n", ",", ".", "-", "2019", "19", "3",
    "12", "1999", "21.08.2013", "2013-08-21", "Jun 182016", "3rd", "March", "mARCH", "Monday", "last week",
    "yesterday", "ſunday", "weekend", "wee\u212a", "Updated", "|", "WASHINGTON", "(Reuters)", "—", "x", "on", "days",
    "DAYS", "Dec.", "decade", "jan", "2020", "today", "ToDay", "Facebook", "standardsDiscussion", "é", "Ünited",
    "July", "22", "Sept.", "LONDON", "Reuters", ", ",
]  # fmt: skip


def _random_texts(count: int, seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_ATOMS) for _ in range(rng.randrange(0, 40))) for _ in range(count)]


def test_ascii_folded_keeps_offsets_or_declines() -> None:
    assert ascii_folded("Sept ſunday ı") == "sept sunday i"
    assert ascii_folded("İstanbul") is None  # lower() would make it one character longer
    assert ascii_folded("") == ""


def test_matches_from_is_finditer_when_starts_cover_every_match() -> None:
    pattern = re.compile(r"(?<!\d)\d+(?:\.\d+)?")
    text = "a 12.5 b 3 c 44.x 7"
    assert [m.span() for m in matches_from(pattern, text, range(len(text)))] == [
        m.span() for m in pattern.finditer(text)
    ]


@pytest.mark.parametrize("seed", [1, 2])
def test_date_scans_match_plain_finditer(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _random_texts(3000, seed)
    day = dates.header_day("2020-05-05")
    fast = [dates.find_time_cues(text, day) for text in texts]
    monkeypatch.setattr(datelines, "_full_dates", datelines._FULL_DATE.finditer)
    monkeypatch.setattr(dates, "_anchor_hits", lambda anchor, text, folded: anchor.finditer(text))
    plain = [dates.find_time_cues(text, day) for text in texts]
    assert fast == plain
    assert sum(map(len, fast)) > 1000  # the texts do contain cues


def test_wire_hint_is_in_every_wire_dateline() -> None:
    texts = [*_random_texts(5000, 3), "WASHINGTON, July 22 (Reuters) - Talks", "LONDON, Sept. 3, 2019 — x"]
    with_hint = [t for t in texts if datelines._WIRE_HINT.search(t)]
    assert len(with_hint) < len(texts)
    for text in texts:
        if datelines._WIRE_DATELINE.search(text):
            assert datelines._WIRE_HINT.search(text), text
    assert sum(1 for t in with_hint if datelines._WIRE_DATELINE.search(t)) >= 2


def test_case_change_split_matches_the_look_behind_form() -> None:
    for text in [*_random_texts(500), "Community standardsDiscussion Comment", "aBcDe", "xYZ"]:
        assert boilerplate._CASE_CHANGE.sub(r"\1 ", text) == re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text)


def test_repeated_shingles_follow_the_words() -> None:
    words = [w for _, _, w in _words("The Footer text here. The Footer text here")]
    hashes = _shingles("The Footer text here. The Footer text here", 4)
    assert len(hashes) == len(words) - 3
    assert hashes[0] == hashes[4] and len(set(hashes.tolist())) == 4
    assert len(_shingles("two words", 6)) == 0


def test_repeated_spans_on_hostile_input() -> None:
    texts = ["", "one", "İİİ " * 50, "x" * 100_000, "Footer line for all. " * 3]
    assert len(repeated_spans(texts, ["o"] * len(texts))) == len(texts)


def test_sentence_end_and_word_counts_match_their_regex_forms() -> None:
    rng = random.Random(9)
    pieces = [".", "!", "?", "…", '"', "'", "”", "’", "»", ")", "]", " ", "\n", "\u00a0", "word", "x1", ",", "“"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randrange(0, 12))) for _ in range(20000)]
    for text in texts:
        assert boilerplate.ends_sentence(text) == bool(boilerplate._SENTENCE_END.search(text)), text
        for minimum in (1, 5, 8):
            assert boilerplate.has_words(text, minimum) == (boilerplate.word_count(text) >= minimum)


def test_case_change_check_agrees_with_the_regex() -> None:
    rng = random.Random(11)
    pieces = ["a", "Z", "z", "A", "é", "É", "İ", "\u212a", "ß", " ", "\n", "1", "“", "Ab", "bC", "\udcff"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randrange(0, 10))) for _ in range(20000)]
    for text in [*texts, *_random_texts(500)]:
        assert boilerplate.has_case_change(text) == bool(boilerplate._CASE_CHANGE.search(text)), text


def test_menu_line_precheck_keeps_the_plain_answer() -> None:
    rng = random.Random(12)
    pieces = ["Home", "World", " | ", " · ", " • ", " » ", " > ", " / ", "|", "/", " ", "a b c d", "x"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 8)))
        items = [item.strip() for item in re.split(r"\s[|·•»>/]\s", text)]
        table_row = text.startswith("|") and text.endswith("|")
        plain = not table_row and len(items) >= 3 and all(0 < boilerplate.word_count(i) <= 3 for i in items)
        assert boilerplate.is_menu_line(text) == plain, text


def test_month_start_search_finds_every_month_literal() -> None:
    for text in [*_random_texts(3000, 4), "JanFebMarch Decx MayMay"]:
        expected = sorted({m.start() for lit in dates._MONTH_STARTS for m in re.finditer(f"(?={lit})", text)})
        assert [m.start() for m in dates._MONTH_START.finditer(text)] == expected
