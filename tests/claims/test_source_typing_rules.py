"""Source typing rules written from the hand-labelled rounds 1-7 (docs/results/attribution.md, "Round 5", "Round 8")."""

from __future__ import annotations

from narratrace.claims.outlet_mentions import document_outlet_referent
from narratrace.claims.source_types import type_sources


def spans_of(text: str, *sources: str) -> list[tuple[int, int]]:
    return [(text.index(source), text.index(source) + len(source)) for source in sources]


def poll_referent(text: str, phrase: str) -> str | None:
    """The outlet ``phrase`` (a poll named again) refers to, as written in ``text``; None for no outlet."""
    [(start, end)] = spans_of(text, phrase)
    found = document_outlet_referent(text, start, end)
    return None if found is None else text[found[0] : found[1]]


def test_indefinite_pronouns_authorities_and_those_are_unnamed_people() -> None:
    text = (
        "Nobody said the plan would work. German authorities reported two arrests on Monday. "
        "Among voters, those who said the economy mattered most backed the governor."
    )
    assert type_sources(text, spans_of(text, "Nobody", "German authorities", "those")) == ["anonymous"] * 3


def test_an_honorific_titles_its_own_name_not_the_possessors_group() -> None:
    text = "Mr. Taylor's group said it would march on Monday. Mr. Taylor said the permit was pending."
    assert type_sources(text, spans_of(text, "Mr. Taylor's group", "Mr. Taylor said")[:1]) == ["organisation"]
    start = text.index("Mr. Taylor said")
    assert type_sources(text, [(start, start + len("Mr. Taylor"))]) == ["person"]


def test_a_name_described_by_a_role_noun_is_a_person() -> None:
    text = (
        '"If they have to put themselves on the line to be arrested, so be it," said Deb Kline, a leader of '
        "Cleveland Jobs With Justice, on Sunday."
    )
    assert type_sources(text, spans_of(text, "Deb Kline, a leader of Cleveland Jobs With Justice,")) == ["person"]


def test_a_poll_named_again_takes_the_type_of_its_first_mention() -> None:
    text = (
        "Clinton leads Trump among Hispanic voters in a new Washington Post-ABC News poll released on Sunday. "
        "Her standing may be weakening, though. According to the same poll, 30 percent view Trump favourably."
    )
    assert poll_referent(text, "the same poll") == "Washington Post"
    assert type_sources(text, spans_of(text, "the same poll")) == ["outlet"]


def test_a_poll_named_after_a_pollster_or_naming_its_own_is_no_outlets() -> None:
    text = (
        "Sanders gained four points in a Quinnipiac University poll released Tuesday, CNN reported. "
        "According to the same poll, most voters want change. The Monmouth poll found a closer race."
    )
    assert poll_referent(text, "the same poll") is None
    assert poll_referent(text, "The Monmouth poll") is None
    assert type_sources(text, spans_of(text, "the same poll", "The Monmouth poll")) == ["organisation"] * 2


def test_the_press_unnamed_is_an_outlet_and_social_media_users_are_people() -> None:
    sources = ["Russian media", "the Kremlin-controlled press", "state-run television", "several news organizations"]
    sources += [
        "Media reports",
        "Syrian media sources",
        "social media users",
        "No one",
        "the White House press secretary",
    ]
    types = []
    for source in sources:
        text = f"{source} reported on Sunday that the attack killed 12 people."
        types += type_sources(text, [(0, len(source))])
    assert types == ["outlet"] * 6 + ["anonymous", "anonymous", "person"]


def test_a_share_of_a_group_is_typed_as_the_group() -> None:
    text = (
        "In the survey, 52 percent of registered voters said the economy was weak, while only four percent said it "
        "was strong. None of the companies said anything, and half of the scholars said nothing either."
    )
    sources = ("52 percent of registered voters", "only four percent", "None of the companies", "half of the scholars")
    assert type_sources(text, spans_of(text, *sources)) == ["anonymous", "anonymous", "organisation", "anonymous"]


def test_a_newspaper_or_broadcaster_named_by_its_last_word_is_an_outlet() -> None:
    text = "According to GMA News, the mayor left. The Springfield Gazette reported the same on Monday."
    assert type_sources(text, spans_of(text, "GMA News", "The Springfield Gazette")) == ["outlet", "outlet"]


def test_a_role_then_the_name_after_a_comma_is_a_person() -> None:
    text = "The editor I was talking to, Tim Grieve, said the story would run. Respondents said they agreed."
    assert type_sources(text, spans_of(text, "The editor I was talking to, Tim Grieve,", "Respondents")) == [
        "person",
        "anonymous",
    ]


def test_a_common_noun_whose_first_wordnet_sense_is_a_person_is_a_role() -> None:
    text = (
        "Republican legislators said the bill would pass. The nurse said it would not. The party said nothing. "
        "The former first lady said she was tired. An entrepreneur named Donald Trump said he would build it."
    )
    sources = (
        "Republican legislators",
        "The nurse",
        "The party",
        "The former first lady",
        "An entrepreneur named Donald Trump",
    )
    assert type_sources(text, spans_of(text, *sources)) == [
        "anonymous",
        "person",
        "organisation",
        "person",
        "person",
    ]


def test_the_wordnet_list_holds_person_senses_first_only() -> None:
    from narratrace.claims.source_heads import WORDNET_PERSON_NOUNS

    assert {"legislator", "lawmaker", "neurosurgeon", "watcher"} <= WORDNET_PERSON_NOUNS
    assert not {"party", "head", "company", "report", "poll"} & WORDNET_PERSON_NOUNS


def test_two_blind_labellings_of_round_9_agree() -> None:
    # The labels the typing figures rest on: a second labeller, blind, agreed on 98 of 100 (the guide, "Agreement").
    import csv
    from pathlib import Path

    data = Path(__file__).parent / "data"

    def labels(name: str, round_: str | None = None) -> dict[tuple[str, str, str], str]:
        with (data / name).open(encoding="utf-8") as handle:
            rows = [r for r in csv.DictReader(handle, delimiter="\t") if round_ is None or r["round"] == round_]
        return {(r["document"], r["start"], r["end"]): r["label"] for r in rows}

    first, second = labels("source_types_dev.tsv", "9"), labels("source_types_round9_second.tsv")
    assert first.keys() == second.keys() and len(first) == 100
    assert sum(first[key] == second[key] for key in first) >= 95
