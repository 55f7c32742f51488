"""Words capitalised for their place, not for being names: a pronoun with its verb ("I'm", "You'll"), a word
opening a list item, a clause after a dateline dash or a quoted sentence the splitter kept whole, and interjections.
A title's or an initial's dot ("Dr. Barbe", "David O. Barbe") does not open a clause."""

from __future__ import annotations

from narratrace.framing.entities import EntityIndex, drop_sentence_openers
from narratrace.framing.names import find_names
from narratrace.framing.passes import first_pass


def _valid(texts: list[str]) -> set[str]:
    mentions = [m for _, found in first_pass(texts) for m in found]
    return EntityIndex(drop_sentence_openers(mentions, texts), texts, min_mentions=1).valid


def _names(text: str) -> list[str]:
    return [text[m.start : m.end] for m in find_names(0, text, [(0, len(text))])]


def test_contractions_and_interjections_are_no_names() -> None:
    texts = [
        "He said he liked it and that I’m sure of it, adding “You’ll see” to reporters.",
        "The aide told reporters that “Yes, we’re ready” and that I'd go too; O’Neill agreed.",
    ]
    valid = _valid(texts)
    assert not valid & {"im", "youll", "id", "yes", "were"}
    assert "o'neill" in valid or "oneill" in valid


def test_words_opening_a_line_a_dateline_clause_or_a_quoted_sentence_are_not_names_alone() -> None:
    texts = [
        "What the campaign found:\n- People began to discover the site\n- Readers came back",
        "SIOUX FALLS, S.D. – People across the state saw the ads on Monday.",
        "The review said the book ‘combines high and low culture.’ ” Instead, the publisher waited.",
    ]
    assert not _valid(texts) & {"people", "readers", "instead"}


def test_a_surname_after_a_title_or_an_initial_is_still_a_name() -> None:
    texts = ["The group was led by David O. Barbe, its past president, and later Dr. Barbe added a note."]
    valid = _valid(texts)
    assert {"david o barbe", "barbe"} <= valid or {"david o. barbe", "barbe"} <= valid


def test_site_furniture_is_no_actor() -> None:
    texts = [
        "Sign up today. You also agree to this site's Privacy Policy and Terms of Use.\nThe Senate voted on Monday.",
        "by Dr Bella d'Abrera [ Email her ] on the state of the humanities, as the Senate debated the bill.",
        "According to the DOJ: According to the indictment, the Senate was told about the deal in May.",
    ]
    valid = _valid(texts)
    assert not valid & {"privacy policy", "terms of use", "email", "according"}
    assert "senate" in valid


def test_names_join_across_and_only_before_an_institutions_last_word_and_split_after_a_possessive() -> None:
    text = (
        "The Food and Drug Administration and the Centers for Disease Control and Prevention met on Monday. "
        "Donald Trump's Facebook ban held, said Joe Biden’s Afghan envoy, as Biden and Harris spoke with "
        "Vice President Kamala Harris."
    )
    names = _names(text)
    assert "Food and Drug Administration" in names
    assert "Centers for Disease Control and Prevention" in names
    assert {"Donald Trump", "Facebook", "Joe Biden", "Biden", "Harris", "Kamala Harris"} <= set(names)
    assert not {"Donald Trump's Facebook", "Joe Biden’s Afghan", "Biden and Harris", "Vice"} & set(names)


def test_a_titled_name_ends_before_the_place_it_represents() -> None:
    text = (
        "Senator Bernie Sanders of Vermont and Mayor Frank G. Jackson of Cleveland met King Abdullah of Jordan, "
        "while the Department of Justice and the University of Texas stayed out of it."
    )
    names = _names(text)
    assert {"Bernie Sanders", "Frank G. Jackson", "Abdullah"} <= set(names)
    assert {"Department of Justice", "University of Texas"} <= set(names)
    assert not {n for n in names if n.endswith(("of Vermont", "of Cleveland", "of Jordan"))}


def test_a_capital_inside_a_word_starts_no_name() -> None:
    texts = ["Apple sold the new iPhone and iPad on Friday, and an eBay seller bought an iPhone too."]
    valid = _valid(texts)
    assert {"iphone", "ipad", "ebay"} <= valid
    assert not valid & {"phone", "pad", "bay"}


def test_a_unit_symbol_after_a_number_opens_no_name() -> None:
    text = "Tesla's 250 kW DC chargers store 3,900 MWh, and a 5 GHz radio in GB Energy's plant in Great Britain."
    names = set(_names(text))
    assert not names & {"kW DC", "kW", "DC", "MWh", "GHz"}
    assert {"Tesla", "GB Energy", "Great Britain"} <= names  # "GB" with no number before it stays a name


def test_the_office_after_a_title_is_no_part_of_the_name() -> None:
    text = (
        "Secretary of State Antony Blinken met Georgia Secretary of State Brad Raffensperger, Secretary of Defense "
        "Lloyd Austin and the Minister of Foreign Affairs Sergey Lavrov on Monday."
    )
    names = _names(text)
    assert {"Antony Blinken", "Brad Raffensperger", "Lloyd Austin", "Sergey Lavrov"} <= set(names)
    assert not [n for n in names if n.startswith(("State", "Defense", "Foreign"))]


def test_offices_party_and_state_and_weekdays_are_no_part_of_names() -> None:
    text = (
        "Sen. Mark Kelly, D-Ariz., and Senate Majority Leader Chuck Schumer met FBI Director Christopher Wray at "
        "the White House Monday before Good Friday, and Director of National Intelligence Clapper and Mr.\xa0Biden "
        "watched."
    )
    names = _names(text)
    assert {"Mark Kelly", "Chuck Schumer", "Christopher Wray", "White House", "Clapper", "Biden"} <= set(names)
    assert "Good Friday" in names  # a day's own name keeps its weekday
    assert not [n for n in names if n.startswith(("D-", "Senate Majority", "FBI Director", "Mr.")) or "Monday" in n]


def test_a_justice_or_a_party_member_is_a_title_only_before_a_full_name() -> None:
    text = (
        "Justice Samuel Alito wrote it, and the Justice Department, the Republican Party and the Republican "
        "National Committee watched on Monday as New Jersey Democrat Bob Menendez and Republican Susan Wright spoke."
    )
    names = _names(text)
    assert {"Samuel Alito", "Bob Menendez", "Susan Wright"} <= set(names)
    assert {"Justice Department", "Republican Party", "Republican National Committee"} <= set(names)


def test_a_name_cut_before_a_title_ends_at_its_last_letter() -> None:
    from narratrace.framing.passes import first_pass

    text = "Earlier, Russian President Vladimir Putin met US President Donald Trump in Helsinki."
    surfaces = [text[m.start : m.end] for _, found in first_pass([text]) for m in found]
    assert "Russian" in surfaces and "US" in surfaces
    assert all(surface == surface.strip() for surface in surfaces)


def test_a_plural_title_is_no_part_of_the_names_after_it() -> None:
    from narratrace.framing.passes import first_pass

    text = "Democratic Sens. Kyrsten Sinema and Joe Manchin met Reps. Jim Banks of Indiana on Monday."
    surfaces = {text[m.start : m.end] for _, found in first_pass([text]) for m in found}
    assert {"Kyrsten Sinema", "Joe Manchin", "Jim Banks"} <= surfaces
    assert not any(surface.startswith(("Sens", "Reps")) for surface in surfaces)


def test_a_label_ends_before_a_no_break_space() -> None:
    from narratrace.framing.phrases import span_chars
    from narratrace.nlp import english

    doc = english()("White House press secretary\u00a0Jen Psaki said so.")
    start, end = span_chars(doc, 0, 4)  # the no-break space is token 4
    assert doc.text[start:end] == "White House press secretary"


def test_a_month_that_is_a_given_name_stays_with_the_name_but_a_date_does_not() -> None:
    assert _names("White House correspondent April Ryan asked the question.") == ["White House", "April Ryan"]
    assert _names("Country singer June Carter Cash sang.")[-1] == "June Carter Cash"
    assert _names("The senator said in April Biden was wrong.") == ["Biden"]
    assert _names("Since June Carter left, the band played.") == ["Carter"]
    assert _names("Trump's January Senate testimony was long.") == ["Trump", "Senate"]
    assert _names("May God bless America, he said.") == ["God", "America"]


def test_an_institution_joined_by_and_is_one_name_and_its_office_is_no_name() -> None:
    text = "National Institute of Allergy and Infectious Diseases Director Anthony Fauci said so."
    assert _names(text) == ["National Institute of Allergy and Infectious Diseases", "Anthony Fauci"]


def test_a_chief_and_what_it_is_chief_of_are_a_title() -> None:
    text = "In a message released on the site, White House Chief of Staff Denis McDonough said it was over."
    assert _names(text) == ["White House", "Denis McDonough"]
    text = "In a call with reporters, Apple Chief Executive Tim Cook spoke about the sales in the quarter."
    assert _names(text) == ["Apple", "Tim Cook"]
    assert _names("The ruling by Chief Justice John Roberts was written in a hurry for the court.") == ["John Roberts"]
