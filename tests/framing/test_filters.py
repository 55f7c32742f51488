"""Reject rules of ``framing/filters.py``: phrases the parse hangs on a name that say nothing about it, describe
something else, or were cut; and the labels the same rules must keep."""

from __future__ import annotations

import pytest

from narratrace.clean import clean_article
from narratrace.framing import FramingResult, find_framing
from narratrace.ingest.article import Article
from narratrace.measures import split_sentences as sentences_of

_REJECTED = {
    "Susan Wright": "Ellzey beat fellow congresswoman Susan Wright. Voters said Susan Wright conceded.",
    "Africa": "It could spread to mainland Africa, he said. Africa waited.",
    "Democrats": "Some high-ranking Democrats in the House want a vote. Democrats met on Monday.",
    "Emile Poulet": "Small wonder: Emile Poulet, who died in 2014 at the age of 94, wrote it. "
    "Emile Poulet wrote books.",
    "Frances Haugen": "The plea came from whistleblower Frances Haugen, who blasted her employer on Tuesday. "
    "Frances Haugen testified.",
    "Steven Hammond": "Steven Hammond is 49 and has served four years in prison. Steven Hammond appealed.",
    "Federal Reserve": "The report could cloud policy for the Federal Reserve, which is weighing whether...\n\n"
    "The Federal Reserve met.",
    "Google": "Carlson noted that in talks with Google, the company \u201cdid not deny that the email was real.\u201d "
    "Google declined to comment.",
    "Jews": "A professor called Mr. Farrakhan's remarks about Jews \u201cunbelievably vile,\u201d and left. "
    "Jews protested.",
    "DUI": "Convictions include theft and driving under the influence (DUI) in the county. "
    "Police said DUI arrests rose.",
    "Virginia": "Former Sen. John Warner from Virginia, who served five terms, has died. Voters in Virginia mourned.",
    "GDP": "Texas sued. First-quarter GDP was revised down to 6.3%. GDP grew.",
    "American Jewish Historical Society": "The American Jewish Historical Society is co-sponsoring an event. "
    "The American Jewish Historical Society declined.",
    "Rosenstein": "Trump could give the order to Rosenstein and then to fire Rosenstein if he does not comply. "
    "Rosenstein left.",
}


@pytest.fixture(scope="module")
def result() -> FramingResult:
    texts = [*_REJECTED.values()]
    texts += [
        "He expressed support for Nidal Hasan, who killed 13 soldiers in 2009 while serving at Fort Hood. "
        "Nidal Hasan was convicted.",
        "He cited two US far-right bloggers, Robert Spencer and Pamela Geller, who were banned. "
        "Robert Spencer objected. Pamela Geller did too.",
        "In a letter to Assange's lawyers, Luke Harding, winner of a prize, said it was wrong. "
        "Critics said Luke Harding wrote a book.",
        "Zakkout praised him: \u201cDavid Duke, a man to believe in!\u201d David Duke thanked him.",
    ]
    return find_framing([clean_article(Article(id=f"a{i}", text=text)) for i, text in enumerate(texts)])


def _labels(result: FramingResult, entity: str) -> list[tuple[str, str]]:
    return [(lab.kind, lab.text) for lab in result.labels() if lab.entity == entity and lab.kind != "name"]


@pytest.mark.parametrize("number", range(len(_REJECTED)), ids=list(_REJECTED))
def test_phrase_that_is_not_a_label_is_left_out(result: FramingResult, number: int) -> None:
    in_article = [lab for lab in result.labels() if lab.article == f"a{number}"]
    assert any(lab.kind == "name" for lab in in_article), "the name should still be found"
    assert [(lab.kind, lab.text) for lab in in_article if lab.kind != "name"] == []


def test_defining_deeds_lists_and_stranded_prepositions_stay(result: FramingResult) -> None:
    # A clause dated by a year (not a day) says what defines the person; a count in words is not a measure.
    assert ("relative_clause", "Nidal Hasan, who killed 13 soldiers in 2009 while serving at Fort Hood") in _labels(
        result, "Nidal Hasan"
    )
    assert ("appositive", "two US far-right bloggers") in _labels(result, "Robert Spencer")
    assert ("appositive", "a man to believe in") in _labels(result, "David Duke")
    # One person is not "the lawyers" before him; his own appositive stays.
    assert _labels(result, "Luke Harding") == [("appositive", "winner of a prize")]


def test_sentences_are_not_split_inside_a_name_or_before_a_closing_quote() -> None:
    text = (
        "Lee, a spokesman for the U.S. Embassy in Beijing, spoke. He called it “a state.” Ends with U.S.\n\n"
        "New line. Gov.\nRick Scott spoke."
    )
    sentences = [text[start:end] for start, end in sentences_of(text)]
    assert sentences == [
        "Lee, a spokesman for the U.S. Embassy in Beijing, spoke.",
        "He called it “a state.”",
        "Ends with U.S.",
        "New line.",
        "Gov.\nRick Scott spoke.",
    ]


def test_a_degree_adverb_makes_a_passive_participle_a_predicate() -> None:
    text = "Officials said Russia is quite invested in a tense relationship with Europe. They said Russia denied it."
    result = find_framing([clean_article(Article(id="a0", text=text))])
    assert ("predicate", "quite invested in a tense relationship with Europe") in _labels(result, "Russia")


def test_abbreviated_months_are_not_names_and_names_with_of_are_whole() -> None:
    texts = (
        "Manger took charge after the violent Jan. 6 riot. Officials said Jan. 6 changed things.",
        "Rep. Danny Davis defended Nation of Islam leader Louis Farrakhan, a preacher, on Sunday. "
        "Critics said Louis Farrakhan spoke.",
    )
    result = find_framing([clean_article(Article(id=f"a{i}", text=text)) for i, text in enumerate(texts)])
    assert not any(entity.name.lower().startswith("jan") for entity in result.entities)
    assert ("modifier", "Nation of Islam leader") in _labels(result, "Louis Farrakhan")
