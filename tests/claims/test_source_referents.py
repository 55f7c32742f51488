"""Who a pronoun source stands for (``refers_to``), and why a bare pronoun never makes two articles one origin."""

from __future__ import annotations

from narratrace.claims.attribution import extract_attributions
from narratrace.claims.attribution_syntax import syntax_pipeline
from narratrace.claims.corroboration import count_origins
from narratrace.claims.outlet_mentions import short_outlet_referent
from narratrace.claims.source_types import complete_parses, read_sources, relative_antecedent, type_sources
from narratrace.claims.sources import same_source, source_key
from narratrace.claims.types import TextSpan

from .helpers import check_offsets, mention

TEXT = (
    "The White Helmets are in danger. The NGO, which claims to be a rescue group, has been accused of staging "
    "videos. National Security Council spokesperson Garrett Marquis said the US was concerned. "
    "Reporters asked Marquis about Bashar al-Assad. He added that talks went on.\n"
    "Donald Trump, who wants to leave Syria, spoke on Monday."
)


def _spans(*words: str) -> list[tuple[int, int]]:
    return [(TEXT.index(w), TEXT.index(w) + len(w.split()[0])) for w in words]


def _read(doc: object | None) -> list[tuple[str, str | None]]:
    spans = _spans("which claims", "He added", "who wants")
    readings = read_sources(TEXT, spans, doc)
    return [(r.source_type, TEXT[r.refers_to[0] : r.refers_to[1]] if r.refers_to else None) for r in readings]


def test_pronouns_point_at_who_they_stand_for_with_either_parse() -> None:
    expected = [("organisation", "The NGO"), ("person", "Garrett Marquis"), ("person", "Donald Trump")]
    assert _read(None) == expected  # each source typed from a window parsed around it
    doc = syntax_pipeline("no_ner")(TEXT)  # the default model's own parse, entities added around the sources
    complete_parses([TEXT], [doc], [_spans("which claims", "He added", "who wants")])
    assert _read(doc) == expected


def test_he_prefers_the_person_who_acts_over_the_nearest_name() -> None:
    # "Bashar al-Assad" and the object "Marquis" are nearer; the subject who spoke, "Garrett Marquis", is "he".
    assert _read(None)[1] == ("person", "Garrett Marquis")


def test_relative_antecedent_stops_at_a_line_start_and_needs_a_relative_clause() -> None:
    text = "Read more: short URL\nThe NGO, which claims it saves lives, is accused."
    doc = syntax_pipeline("no_ner")(text)
    start = text.index("which")
    found = relative_antecedent(doc, start, start + 5)
    assert found is not None and text[found[0] : found[1]] == "The NGO"
    said = text.index("is accused")
    assert relative_antecedent(doc, said, said + 2) is None  # "is" heads no relative clause


def test_it_and_i_are_typed_but_not_pointed_anywhere() -> None:
    text = "The ministry issued a statement. It said the talks stalled. I think so, the writer added."
    spans = [(text.index("It said"), text.index("It said") + 2), (text.index("I think"), text.index("I think") + 1)]
    readings = read_sources(text, spans)
    assert [r.refers_to for r in readings] == [None, None]
    assert readings[0].source_type == "organisation"


def test_extracted_attributions_carry_refers_to_inside_the_text() -> None:
    text = (
        "Senator Maria Lopez criticised the plan on Tuesday. She said the budget would not pass, "
        "and she added that the vote was close."
    )
    [found] = extract_attributions([text])
    check_offsets(text, found)
    pointed = [a for a in found if a.refers_to is not None]
    assert pointed, found
    for a in pointed:
        assert text[a.refers_to.start : a.refers_to.end] == a.refers_to.text  # type: ignore[union-attr]
        assert a.source_name == a.refers_to.text  # type: ignore[union-attr]
        assert a.to_record()["refers_to"] == a.refers_to.to_record()  # type: ignore[union-attr]


def test_a_bare_pronoun_is_no_one_in_particular() -> None:
    for pronoun in ("he", "She", "it", "they", "which", "who", "I", "we"):
        assert source_key(pronoun) == ""
        assert not same_source(source_key(pronoun), source_key(pronoun), "person")
    assert source_key("Mr. Trump") == "mr trump"


def test_two_articles_quoting_he_are_two_origins_unless_he_is_the_same_person() -> None:
    bare = count_origins([mention("a", "he", "person"), mention("b", "he", "person")])
    assert len(bare.groups) == 2 and "rest on" not in bare.why
    marquis, also = mention("a", "he", "person"), mention("b", "Garrett Marquis", "person")
    resolved = marquis.__class__(**{**marquis.__dict__, "source_refers_to": TextSpan(0, 7, "Marquis")})
    origins = count_origins([resolved, also])
    assert origins.groups == (("a", "b"),)
    assert "both rest on Marquis" in origins.why


def test_they_and_you_are_unnamed_people() -> None:
    text = "The aides met on Monday. They said the plan was dead. If you ask voters, you hear the same."
    spans = [(text.index("They"), text.index("They") + 4), (text.index("you hear"), text.index("you hear") + 3)]
    assert [r.source_type for r in read_sources(text, spans)] == ["anonymous", "anonymous"]


def test_a_person_named_like_an_outlet_is_a_person_with_either_parse() -> None:
    text = (
        "Former New York mayor Michael Bloomberg said the race was close. Bloomberg reported that markets fell. "
        "Mr. Bloomberg added that he would not run."
    )
    spans = [(text.index("Former"), text.index(" said")), (text.index("Bloomberg rep"), text.index(" reported"))]
    spans.append((text.index("Mr. Bloomberg"), text.index(" added")))
    assert [r.source_type for r in read_sources(text, spans)] == ["person", "outlet", "person"]
    doc = syntax_pipeline("no_ner")(text)
    complete_parses([text], [doc], [spans])
    assert [r.source_type for r in read_sources(text, spans, doc)] == ["person", "outlet", "person"]


def test_role_nouns_are_one_person_or_unnamed_people() -> None:
    text = (
        "The governor said the bill was dead. Two senators said it could pass. Senate candidates said nothing. "
        "A reporter said the vote was late. The town said the roads were closed."
    )
    heads = ("The governor", "Two senators", "Senate candidates", "A reporter", "The town")
    spans = [(text.index(h), text.index(h) + len(h)) for h in heads]
    assert type_sources(text, spans) == ["person", "anonymous", "anonymous", "anonymous", "organisation"]
    assert not same_source(source_key("the governor"), source_key("The governor"), "person")


def test_a_short_outlet_name_refers_to_the_outlet_named_in_full_before_it() -> None:
    text = (
        "The Los Angeles Times and The New York Times both ran the story on Monday. Later the Times said the "
        "deal was off. The Post said nothing.\nThe Times, citing aides, said the talks would resume."
    )
    later, post, again = (text.index(w) for w in ("the Times said", "The Post", "The Times, citing"))
    spans = [(later, later + 9), (post, post + 8), (again, again + 9)]
    readings = read_sources(text, spans)
    # The nearest full name before it; "the Post" has none, so it points nowhere.
    assert [text[r.refers_to[0] : r.refers_to[1]] if r.refers_to else None for r in readings] == [
        "New York Times",
        None,
        "New York Times",
    ]
    assert readings[0].source_type == readings[2].source_type == "outlet"
    alone = read_sources("Officials met. The Times said the talks would resume.", [(15, 24)])
    assert alone[0].refers_to is None  # "the Times" alone could be any of several papers
    later_named = "The Post said so. The Washington Post agreed."
    assert short_outlet_referent(later_named, 0, 8) is None  # only a name before it counts
    assert short_outlet_referent(later_named, 18, 37) is None  # the full name is no short form


def test_the_times_resolved_in_one_article_meets_the_full_name_in_another() -> None:
    short, full = mention("a", "the Times", "outlet"), mention("b", "The New York Times", "outlet")
    resolved = short.__class__(**{**short.__dict__, "source_refers_to": TextSpan(0, 14, "New York Times")})
    origins = count_origins([resolved, full])
    assert origins.groups == (("a", "b"),)
