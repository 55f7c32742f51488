"""Cheap signs that two close statements are different claims (a warning against a past event, numbers that
disagree), their penalties in the pair scores, and the claim's headline (its most central mention)."""

import math

import numpy as np
import pytest

from narratrace.claims import linkage, matching
from narratrace.claims.differences import (
    dated_numbers_adjustment,
    has_past_verb,
    has_past_verb_or_none,
    is_prospective,
    number_adjustment,
    numbers,
    tense_adjustment,
    time_gap_adjustment,
)
from narratrace.claims.linkage import Candidates, most_central
from narratrace.claims.matching import MatchOptions, claim_groups
from narratrace.claims.statements import Statement
from narratrace.claims.types import TextSpan


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("they may be preparing a new false flag chemical attack amid the army's advance", True),
        ("the group plans to evacuate its members next week", True),
        ("Texas will build its own border wall", True),
        ("the so-called volunteer group staged the suspected chemical attack in the town of Douma", False),
        ("State Department funding for the White Helmets in May 2018", False),  # a month, not a modal
        ("the flight may have been in response to a Russian exercise", False),  # speculation about the past
        ("no reasonable prosecutor would bring the case", False),
        ("", False),
    ],
)
def test_prospective_statements_speak_of_something_to_come(text: str, expected: bool) -> None:
    assert is_prospective(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the unemployment rate fell to 4.8% from 5,200 in August", {"4.8", "5200"}),
        ("new COVID-19 cases and F-35 jets in the G7", set()),  # parts of names, not measurements
        ("Clinton leads Sanders by 271 pledged delegates.", {"271"}),
        ("", set()),
    ],
)
def test_numbers_are_read_and_normalised(text: str, expected: set[str]) -> None:
    assert numbers(text) == expected


def test_past_verbs_come_from_the_tagger() -> None:
    from narratrace.nlp import english

    nlp = english(exclude=("parser", "ner", "lemmatizer", "attribute_ruler"))
    texts = [
        "the volunteer group staged the suspected chemical attack in Douma",
        "The White Helmets have staged attacks in a bid to prompt an intervention",
        "the group is preparing an attack",
        "their alleged concerns over a potential military attack on the province",
        "",
    ]
    docs = list(nlp.pipe(texts))
    assert [has_past_verb(doc) for doc in docs] == [True, True, False, False, False]
    # A noun phrase names a topic: it tells of no event to come either.
    assert [has_past_verb_or_none(doc) for doc in docs] == [True, True, False, True, True]


def test_disjoint_numbers_cost_the_penalty_shared_or_missing_ones_do_not() -> None:
    texts = ["fell to 4.8%", "fell to 5.4%", "rose to 4.8% in May", "fell sharply", "up 7 points"]
    adjust = number_adjustment(texts, 0.1)
    assert adjust is not None
    a, b = np.array([0, 0, 0, 1, 3]), np.array([1, 2, 3, 4, 4])
    assert adjust(a, b).tolist() == pytest.approx([-0.1, 0.0, 0.0, -0.1, 0.0])
    assert number_adjustment(texts, 0.0) is None
    assert number_adjustment(["no numbers here", "one 5"], 0.1) is None  # needs two rows with numbers


def test_disagreeing_numbers_days_apart_are_never_one_claim() -> None:
    texts = ["fell to 4.8%", "fell to 5.4%", "fell to 4.8% again", "fell sharply", "fell to 5.2%"]
    days = [100, 130, 160, 160, None]
    adjust = dated_numbers_adjustment(texts, days, 3)
    assert adjust is not None
    a, b = np.array([0, 0, 1, 1, 0]), np.array([1, 2, 3, 4, 4])
    # 4.8 vs 5.4 a month apart: vetoed; a shared number, a side without numbers or without a date: not.
    assert adjust(a, b)[0] < -1 and adjust(a, b)[1:].tolist() == [0.0, 0.0, 0.0, 0.0]
    near = dated_numbers_adjustment(texts, [100, 102, 160, 160, None], 3)
    assert near is not None and near(np.array([0]), np.array([1])).tolist() == [0.0]  # one story's days
    assert dated_numbers_adjustment(texts, days, None) is None
    statements = _contents("the unemployment rate fell to 5.8% from 6.1%", "the unemployment rate fell to 4.8%")
    assert claim_groups(statements, _pair(0.9), MatchOptions(), [100, 101]) == [[0, 1]]
    assert claim_groups(statements, _pair(0.9), MatchOptions(), [100, 220]) == []
    assert claim_groups(statements, _pair(0.9), MatchOptions(numbers_apart_days=None), [100, 220]) == [[0, 1]]


def test_contents_a_month_apart_must_read_closer_to_be_one_claim() -> None:
    adjust = time_gap_adjustment([100, 120, 160, None], 30, 0.2)
    assert adjust is not None
    a, b = np.array([0, 0, 1, 0]), np.array([1, 2, 2, 3])
    # 60 days apart: less; 20 or 40 days... only over 30 counts; an undated side never does.
    assert adjust(a, b).tolist() == pytest.approx([0.0, -0.2, -0.2, 0.0])
    contents_only = time_gap_adjustment([100, 120, 160, None], 30, 0.2, applies=np.array([False, True, False, False]))
    assert contents_only is not None and contents_only(a, b).tolist() == pytest.approx([0.0, 0.0, -0.2, 0.0])
    assert time_gap_adjustment([100, 200], None, 0.2) is None and time_gap_adjustment([100, 200], 30, 0.0) is None
    assert time_gap_adjustment([100, None], 30, 0.2) is None  # fewer than two dated rows: nothing to compare
    statements = _contents("Clinton's use of a private email server", "the FBI's review of Clinton's emails")
    # 0.7 - the content margin (0.1) joins them in one week; three months later the gap's 0.2 more splits them.
    assert claim_groups(statements, _pair(0.7), MatchOptions(), [100, 105]) == [[0, 1]]
    assert claim_groups(statements, _pair(0.7), MatchOptions(), [100, 190]) == []
    assert claim_groups(statements, _pair(0.9), MatchOptions(), [100, 190]) == [[0, 1]]  # restated closely: joins
    texts = ("Clinton used a private email server.", "The FBI reviewed the emails Clinton sent.")
    bare = [Statement(n, TextSpan(0, len(t), t)) for n, t in enumerate(texts)]
    assert claim_groups(bare, _pair(0.7), MatchOptions(), [100, 190]) == [[0, 1]]  # bare sentences: no gap term


def test_tense_penalty_needs_a_warning_on_one_side_and_a_past_event_on_the_other() -> None:
    prospective = np.array([True, False, False, True])
    past_event = np.array([False, True, False, False])
    adjust = tense_adjustment(prospective, past_event, 0.05)
    a, b = np.array([0, 0, 1, 0]), np.array([1, 2, 2, 3])
    assert adjust(a, b).tolist() == pytest.approx([-0.05, 0.0, 0.0, 0.0])
    only_row_2 = tense_adjustment(prospective, past_event, 0.05, applies=np.array([False, False, True, False]))
    assert only_row_2(a, b).tolist() == [0.0, 0.0, 0.0, 0.0]


def _contents(*texts: str) -> list[Statement]:
    return [Statement(n, TextSpan(0, len(t), t), TextSpan(0, 3, "who"), "anonymous") for n, t in enumerate(texts)]


def _pair(cosine: float) -> Candidates:
    vectors = np.array([[1.0, 0.0], [cosine, math.sqrt(1 - cosine**2)]], dtype=np.float32)
    return Candidates(np.array([0]), np.array([1]), np.arange(2), vectors)


def test_a_warning_and_a_past_attack_split_under_the_tense_penalty(monkeypatch: pytest.MonkeyPatch) -> None:
    def past_only_for_staged(texts: list[str], check: str = "subject-verb") -> list[bool]:
        return [("staged" in t) if check == "past" else True for t in texts]

    monkeypatch.setattr(matching, "asserting_pooled", past_only_for_staged)
    statements = _contents(
        "they may be preparing a new false flag chemical attack",
        "the volunteer group staged the suspected chemical attack in Douma",
    )
    assert claim_groups(statements, _pair(0.6), MatchOptions(content_margin=0.0, tense_penalty=0.0)) == [[0, 1]]
    assert claim_groups(statements, _pair(0.6), MatchOptions(content_margin=0.0, tense_penalty=0.1)) == []
    # A topic (no verb) against the warning is another claim too; two bare sentences are left alone.
    topic = _contents("they may be preparing a new false flag chemical attack", "concerns over a potential attack")
    monkeypatch.setattr(matching, "asserting_pooled", lambda texts, check="subject-verb": [True] * len(texts))
    assert claim_groups(topic, _pair(0.6), MatchOptions(content_margin=0.0, tense_penalty=0.1)) == []
    bare = [Statement(n, s.content) for n, s in enumerate(statements)]
    assert claim_groups(bare, _pair(0.6), MatchOptions(tense_penalty=0.1)) == [[0, 1]]
    # Two warnings, or a warning against a present statement, keep their score.
    calm = _contents("they may be preparing a new attack", "the group is preparing a new attack")
    assert claim_groups(calm, _pair(0.6), MatchOptions(content_margin=0.0, tense_penalty=0.1)) == [[0, 1]]


def test_the_headline_is_the_mention_closest_to_all_others() -> None:
    # Three statements: 1 is close to both others, 0 and 2 are far apart; the first mention (0) is not central.
    vectors = np.array([[1.0, 0.0], [math.cos(0.4), math.sin(0.4)], [math.cos(0.8), math.sin(0.8)]], dtype=np.float32)
    candidates = Candidates(np.array([0, 1]), np.array([1, 2]), np.arange(3), vectors)
    assert most_central(candidates, [0, 1, 2]) == 1
    assert most_central(candidates, [2, 0]) == 0  # a claim of two: its first mention


def test_a_big_claim_takes_the_mention_closest_to_its_mean(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(linkage, "MAX_HEADLINE_MATRIX", 2)
    vectors = np.array([[1.0, 0.0], [math.cos(0.4), math.sin(0.4)], [math.cos(0.8), math.sin(0.8)]], dtype=np.float32)
    candidates = Candidates(np.array([0, 1]), np.array([1, 2]), np.arange(3), vectors)
    assert most_central(candidates, [0, 1, 2]) == 1
