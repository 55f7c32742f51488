"""The rules that keep wrong labels out and find coordinated, exemplified and titled names (issue 18 §3)."""

from __future__ import annotations

import pytest

from narratrace.clean import clean_article
from narratrace.framing import FramingResult, find_framing
from narratrace.framing.phrases import RawLabel, whole_words
from narratrace.ingest.article import Article


def _result(*texts: str) -> FramingResult:
    return find_framing([clean_article(Article(id=f"a{i}", text=text)) for i, text in enumerate(texts)])


def _labels(result: FramingResult, entity: str) -> list[tuple[str, str]]:
    return [(lab.kind, lab.text) for lab in result.labels() if lab.entity == entity and lab.kind != "name"]


@pytest.fixture(scope="module")
def recall_result() -> FramingResult:
    return _result(
        "Leaders discussed an increasingly aggressive China and Russia in the region. Russia denied it. China did too.",
        "Several Republican-led states, such as Texas and Florida, passed the law. Texas sued first. Florida followed.",
        "The U.S. nonprofit group EcoHealth Alliance received the grant. EcoHealth Alliance denied wrongdoing.",
        "Senators said Treasury Secretary Janet Yellen warned of a default. Senators heard Janet Yellen for an hour.",
    )


def test_coordinated_name_shares_the_first_conjuncts_modifier(recall_result: FramingResult) -> None:
    assert ("modifier", "increasingly aggressive") in _labels(recall_result, "Russia")
    assert ("modifier", "increasingly aggressive") in _labels(recall_result, "China")


def test_such_as_gives_the_class(recall_result: FramingResult) -> None:
    assert ("appositive", "Several Republican-led states") in _labels(recall_result, "Texas")
    assert ("appositive", "Several Republican-led states") in _labels(recall_result, "Florida")


def test_noun_just_before_a_name_and_a_role_title(recall_result: FramingResult) -> None:
    assert ("appositive", "The U.S. nonprofit group") in _labels(recall_result, "EcoHealth Alliance")
    assert ("modifier", "Treasury Secretary") in _labels(recall_result, "Janet Yellen")


def test_wrong_labels_are_left_out() -> None:
    result = _result(
        "Police named the 30-year-old Kino Jimenez as the suspect. Jimenez was arrested.",
        "In the run-up to the pope's visit to Ireland, the head of the Irish Church, Archbishop Eamon Martin, "
        "said he expected a meeting. Ireland waited.",
        "Sources said Powell is not interested in the post. Powell declined to comment.",
        'She told migrants from Central America "do not come" to the border. Central America listened.',
        "Facebook lifted its ban on Trump, which was imposed in January. Trump welcomed it.",
        "The group posted an anti-Semitic Duke video. David Duke praised it. Duke spoke.",
    )
    assert _labels(result, "Jimenez") == []
    assert _labels(result, "Ireland") == []
    assert _labels(result, "Powell") == []
    assert _labels(result, "Central America") == []
    assert _labels(result, "Trump") == []
    assert all("Semitic" not in entity.name for entity in result.entities)


def test_a_label_cut_inside_a_hyphenated_word_is_grown_to_the_word() -> None:
    sentence = "The anti-gun Left is angry."
    start = sentence.index("gun")
    grown = whole_words(sentence, RawLabel("modifier", start, start + 3))
    assert sentence[grown.start : grown.end] == "anti-gun"
