"""He or she for a pronoun source's antecedent: honorifics, first names, and the pronoun's agreement."""

from __future__ import annotations

import pytest

from narratrace.claims.person_gender import first_name_gender, person_gender
from narratrace.claims.source_types import read_sources

BEFORE = (
    "Rep. Lois Frankel spoke first. Mr. Rubio and Mrs. Clinton met Hillary Clinton and Bill Clinton. "
    "Hope Hicks answered. Dana Scully and Kristian Saucier listened."
)


@pytest.mark.parametrize(
    ("name", "gender"),
    [
        ("Mrs. Clinton", "she"),  # an honorific with the name
        ("Rubio", "he"),  # an honorific elsewhere before the pronoun: "Mr. Rubio"
        ("Frankel", "she"),  # the first name the text gave her, a title between
        ("Hope Hicks", "she"),
        ("George W. Bush", "he"),
        ("Obama", None),  # no honorific, no first name in the text
        ("Scully", None),  # "Dana" is borne by men and women alike
        ("Saucier", None),  # "Kristian" is rarer than the men's list goes: no evidence
    ],
)
def test_gender_from_the_text(name: str, gender: str | None) -> None:
    assert person_gender(name, BEFORE) == gender


def test_two_first_names_for_one_surname_tell_nothing() -> None:
    assert person_gender("Clinton", "Hillary Clinton met Bill Clinton.") is None
    assert first_name_gender("Jordan") == "he" and first_name_gender("Lois") == "she"


def test_she_does_not_stand_for_the_man_named_just_before() -> None:
    text = (
        "Police Chief Renee Hall spoke at the town hall on Monday. "
        "Mayor Michael Rawlings answered questions about the budget. "
        "She said the department would hire more officers."
    )
    start = text.index("She said")
    (reading,) = read_sources(text, [(start, start + 3)])
    assert reading.refers_to is not None
    assert text[reading.refers_to[0] : reading.refers_to[1]] == "Renee Hall"
