"""Which names are one actor: a surname joins the full name most of its namesakes' mentions use, and an
institution's short name after "the" ("the House") is not a surname of a longer name ("the White House")."""

from __future__ import annotations

from narratrace.framing.entities import EntityIndex, drop_sentence_openers
from narratrace.framing.passes import first_pass

TEXTS = [
    "President Joe Biden spoke on Monday. Later, officials said Biden would travel to Ohio.",
    "Joe Biden met the governors. The meeting ran long, and Biden left early.",
    "Joe Biden signed the bill, and aides said Biden was pleased.",
    "On Tuesday, Hunter Biden testified. Critics said Biden had not answered.",
    "The bill passed the House on Friday. The White House welcomed the vote in the House and said so.",
    "Speakers in the House argued for hours. The White House stayed silent while the House debated.",
]


def _index_of(texts: list[str], min_mentions: int = 1) -> EntityIndex:
    mentions = [m for _, found in first_pass(texts) for m in found]
    return EntityIndex(drop_sentence_openers(mentions, texts), texts, min_mentions=min_mentions)


def _index() -> EntityIndex:
    return _index_of(TEXTS, min_mentions=2)


def test_a_surname_joins_the_full_name_most_namesakes_mentions_use() -> None:
    index = _index()
    assert index.entity_of["biden"] == index.entity_of["joe biden"] == "Joe Biden"
    assert index.entity_of["hunter biden"] != "Joe Biden"


def test_the_house_is_not_the_white_house() -> None:
    index = _index()
    assert index.entity_of["house"] != index.entity_of["white house"]


def test_two_equally_named_namesakes_leave_a_surname_alone() -> None:
    texts = ["On Monday, Ann Lee spoke and Lee left.", "On Monday, Bob Lee spoke and Lee left."]
    index = _index_of(texts)
    assert index.entity_of["lee"] not in (index.entity_of["ann lee"], index.entity_of["bob lee"])


def test_a_word_after_of_is_no_surname_of_the_longer_name() -> None:
    texts = [
        "Students at the University of Pennsylvania protested, and voters in Pennsylvania went to the polls.",
        "The University of Pennsylvania said Pennsylvania would count the votes. Shinzo Abe met Mr. Abe's critics.",
        "Senator Bernie Sanders of Vermont won. Vermont voters cheered, and Sanders thanked Vermont.",
    ]
    index = _index_of(texts)
    assert index.entity_of["pennsylvania"] != index.entity_of["university of pennsylvania"]
    assert index.entity_of["vermont"] != index.entity_of["bernie sanders"] == index.entity_of["sanders"]


def test_a_lone_word_does_not_join_a_name_a_compass_word_sets_apart() -> None:
    texts = [
        "Officials said American buyers and North American markets fell. North American buyers waited.",
        "Voters in West Virginia chose, and Virginia counted later. West Virginia voted first.",
    ]
    index = _index_of(texts)
    assert index.entity_of["american"] != index.entity_of["north american"]
    assert index.entity_of["virginia"] != index.entity_of["west virginia"]


def test_a_body_or_a_party_word_alone_is_no_surname_of_a_longer_name() -> None:
    # No "the" before them here, so the determiner rule above does not apply: "House Speaker Nancy Pelosi",
    # "Republican support", "Dallas police".
    texts = [
        "On Monday the new House Speaker Nancy Pelosi spoke to reporters. The White House said it would wait.",
        "The White House answered later.",
        "Cheney, the Wyoming Republican, lost. Democrats passed it without Republican support.",
        "The Capitol Police said Dallas Police and Police in Ohio were told. Capitol Police officers waited.",
    ]
    index = _index_of(texts)
    assert index.entity_of["house"] != index.entity_of["white house"]
    assert index.entity_of["republican"] != index.entity_of["wyoming republican"]
    assert index.entity_of["police"] != index.entity_of["capitol police"]


def test_a_name_does_not_run_over_a_line_break() -> None:
    texts = ["The professor wrote to Fr.\nThomas Weinandy about it. Fr.\nThomas Weinandy replied at once."]
    mentions = [m for _, found in first_pass(texts) for m in found]
    keys = {m.key for m in mentions}
    assert "thomas weinandy" in keys
    assert not any("\n" in texts[0][m.start : m.end] for m in mentions)
    assert "fr" not in keys  # the title alone at the line's end is no actor
