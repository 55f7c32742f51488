"""The stage's own path: attributed contents are held to more than bare sentences (one that asks or was cut off
is no statement, a pair with one needs a margin more), and one content span is one statement."""

import math
from dataclasses import replace

import numpy as np
import pytest

from narratrace.claims import matching
from narratrace.claims.linkage import Candidates
from narratrace.claims.matching import MatchOptions, claim_groups, content_adjustment
from narratrace.claims.statements import Statement, article_statements, content_states_claim
from narratrace.claims.types import TextSpan

from .helpers import article, attribution


@pytest.mark.parametrize(
    "text",
    [
        "whether he would endorse the nominee before the convention",
        "Why the candidate won't appear at the convention",
        "that a bipartisan infrastructure bill cannot pass through the House as long as",
        "undocumented immigrants from Mexico as rapists and ",
        "GOP presidential front-runner Donald Trump’s",  # cut before its noun
        "the issue of Puerto Rico’s",
        "a request for comment",  # the newsroom's, not a claim: "did not respond to a request for comment"
        "repeated requests to comment on the subject",
        "messages seeking comment",
    ],
)
def test_questions_and_cut_off_contents_state_no_claim(text: str) -> None:
    assert not content_states_claim(text)


@pytest.mark.parametrize(
    "text",
    [
        "the bridge will close for repairs in May next year",
        '"If she gets to pick her judges, nothing you can do," Trump said',
        'Clinton\'s use of private email servers "extremely careless,"',
        "calls for a special prosecutor to investigate the server",
        "the request by Texas abortion providers for emergency relief",
        "his views on debt might be closer to Trump’s than Clinton’s",  # the noun left out, not cut off
        "the music of the 1970’s",
        "",
    ],
)
def test_assertions_and_quotes_can_state_a_claim(text: str) -> None:
    assert content_states_claim(text)


def test_one_content_with_two_sources_is_one_statement() -> None:
    text = "Officials and the mayor said the bridge will close for repairs in May next year."
    doc = article("a", text)
    content = "the bridge will close for repairs in May next year"
    own = [attribution(doc, "Officials", content, "anonymous"), attribution(doc, "the mayor", content, "person")]
    statements = article_statements(0, doc, own)
    assert [(s.content.text, s.source_type) for s in statements] == [(content, "anonymous")]


def test_a_question_content_is_dropped_and_its_sentence_stays_reported_speech() -> None:
    text = "Reporters asked whether the bridge will close for repairs in May. The rain fell on the hills all night."
    doc = article("a", text)
    own = [attribution(doc, "Reporters", "whether the bridge will close for repairs in May", "anonymous")]
    assert [s.content.text for s in article_statements(0, doc, own)] == ["The rain fell on the hills all night."]


def _statement(article_index: int, text: str, source_type: str) -> Statement:
    source = TextSpan(0, 3, "who") if source_type != "unattributed" else None
    return Statement(article_index, TextSpan(0, len(text), text), source, source_type)


def _pair(cosine: float) -> Candidates:
    vectors = np.array([[1.0, 0.0], [cosine, math.sqrt(1 - cosine**2)]], dtype=np.float32)
    return Candidates(np.array([0]), np.array([1]), np.arange(2), vectors)


@pytest.mark.parametrize(
    ("types", "sides", "expected"),
    [
        (("person", "anonymous", "unattributed"), "both", [-0.05, 0.0, 0.0]),
        (("person", "anonymous", "unattributed"), "either", [-0.05, -0.05, -0.05]),
        (("person", "unattributed", "unattributed"), "either", [-0.05, -0.05, 0.0]),
    ],
)
def test_the_content_margin_applies_to_the_pairs_it_names(
    types: tuple[str, ...], sides: str, expected: list[float]
) -> None:
    statements = [_statement(n, "the bridge will close in May", t) for n, t in enumerate(types)]
    options = MatchOptions(content_margin=0.05, content_margin_sides=sides)
    candidates = Candidates(np.array([0, 0, 1]), np.array([1, 2, 2]), np.arange(3), np.eye(3, dtype=np.float32))
    adjust = content_adjustment(statements, candidates, options)
    assert adjust is not None
    assert adjust(np.array([0, 0, 1]), np.array([1, 2, 2])) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("types", "options"),
    [
        (("person", "anonymous"), MatchOptions(content_margin=0.0)),
        (("person", "unattributed"), MatchOptions(content_margin=0.05, content_margin_sides="both")),
        (("unattributed", "unattributed"), MatchOptions(content_margin=0.05, content_margin_sides="either")),
    ],
)
def test_no_margin_work_where_it_applies_to_no_pair(types: tuple[str, str], options: MatchOptions) -> None:
    statements = [_statement(n, "the bridge will close in May", t) for n, t in enumerate(types)]
    assert content_adjustment(statements, _pair(0.6), options) is None


def test_two_contents_need_the_margin_more_than_two_sentences(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(matching, "asserting_pooled", lambda texts, check="subject-verb": [True] * len(texts))
    defaults = MatchOptions(shared_words_weight=0.0)  # the margin alone: one text's words would add the bonus
    cosine = defaults.threshold + defaults.content_margin / 2  # above the cut, below it less the margin
    contents = [_statement(n, "the bridge will close in May", "person") for n in range(2)]
    sentences = [_statement(n, "The bridge will close in May.", "unattributed") for n in range(2)]
    assert claim_groups(contents, _pair(cosine), defaults) == []
    assert claim_groups([contents[0], sentences[1]], _pair(cosine), defaults) == []  # one content is enough
    assert claim_groups(sentences, _pair(cosine), defaults) == [[0, 1]]
    assert claim_groups(contents, _pair(cosine), replace(defaults, content_margin=0.0)) == [[0, 1]]


def test_a_content_that_names_but_claims_nothing_matches_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def nothing_asserts(texts: list[str], check: str = "subject-verb") -> list[bool]:
        asked.extend(f"{check}: {t}" for t in texts)
        return [False] * len(texts)

    monkeypatch.setattr(matching, "asserting_pooled", nothing_asserts)
    contents = [_statement(n, "Texas' near-total abortion ban", "person") for n in range(2)]
    assert claim_groups(contents, _pair(0.9), MatchOptions(content_check="verb")) == []
    assert asked == [f"verb: {contents[0].content.text}"] * 2  # checked for any verb
    asked.clear()
    assert claim_groups(contents, _pair(0.9), MatchOptions()) == [[0, 1]]  # off by default
    assert not asked  # without the check, only bare sentences are tagged
