"""Label kinds on small hand-written texts, offsets that point into the original text, hostile input."""

from __future__ import annotations

import pytest

from narratrace.clean import clean_article
from narratrace.clean.types import CleanArticle
from narratrace.framing import LABEL_KINDS, FramingResult, find_framing, framing_table, normalise_label
from narratrace.ingest.article import Article


def _articles(*texts: str, outlets: tuple[str | None, ...] = ()) -> list[CleanArticle]:
    return [
        clean_article(Article(id=f"a{i}", text=text, outlet=outlets[i] if i < len(outlets) else None))
        for i, text in enumerate(texts)
    ]


def _labels(result: FramingResult, entity: str, kind: str) -> list[str]:
    return [label.text for label in result.labels() if label.entity == entity and label.kind == kind]


def test_appositive_and_predicate() -> None:
    result = find_framing(
        _articles(
            "The White Helmets, a volunteer rescue group, said on Monday that it had moved its teams.\n\n"
            "Critics say the White Helmets are a propaganda tool of the West."
        )
    )
    assert "a volunteer rescue group" in _labels(result, "White Helmets", "appositive")
    assert "a propaganda tool of the West" in _labels(result, "White Helmets", "predicate")


def test_so_called_and_scare_quotes() -> None:
    result = find_framing(
        _articles(
            'Officials met members of the so-called "White Helmets" on Monday.\n\n'
            "Residents said the \u201cWhite Helmets\u201d had left the town before the raid."
        )
    )
    assert _labels(result, "White Helmets", "so_called") == ['the so-called "White Helmets"']
    assert _labels(result, "White Helmets", "scare_quote") == ["\u201cWhite Helmets\u201d"]


def test_relative_clause_keeps_the_noun_phrase_and_skips_reported_speech() -> None:
    result = find_framing(
        _articles(
            "Funding went to the Mercy Corps, which has long been accused of serving foreign interests.\n\n"
            "The Mercy Corps, which said it would appeal, declined to comment further."
        )
    )
    clauses = _labels(result, "Mercy Corps", "relative_clause")
    assert clauses == ["the Mercy Corps, which has long been accused of serving foreign interests"]


def test_modifier_and_called_description() -> None:
    result = find_framing(
        _articles(
            "Aid went to the Western-backed Syrian Civil Defence in Idlib.\n\n"
            "Militants posed as a fake charity called the White Helmets, a minister claimed."
        )
    )
    assert "Western-backed" in _labels(result, "White Helmets", "modifier")
    assert any("a fake charity" in text for text in _labels(result, "White Helmets", "description"))


def test_daesh_isis_and_islamic_state_are_one_entity_with_their_names_counted() -> None:
    result = find_framing(
        _articles(
            "Daesh attacked the town. Later ISIS claimed the attack.",
            "The Islamic State lost ground. Daesh fighters fled.",
        )
    )
    names = {e.name: set(e.aliases) for e in result.entities}
    assert {"daesh", "isis", "islamic state"} <= names["Islamic State"]
    counts = {c.label: c.count for f in result.framings if f.entity == "Islamic State" for c in f.counts}
    assert counts["daesh"] == 2 and counts["isis"] == 1


def test_also_known_as_merges_corpus_aliases() -> None:
    result = find_framing(
        _articles(
            "Hayat Tahrir al-Sham, also known as Jabhat Fateh al-Sham, took the city.",
            "Jabhat Fateh al-Sham denied it. Hayat Tahrir al-Sham said nothing.",
        )
    )
    merged = [e for e in result.entities if "jabhat fateh al-sham" in e.aliases]
    assert merged and "hayat tahrir al-sham" in merged[0].aliases


def test_the_group_after_a_mention_is_attributed_conservatively() -> None:
    result = find_framing(
        _articles(
            "The Mercy Corps runs clinics in Idlib. The controversial charity, which critics call a front, denies it.",
            "The Mercy Corps and the Red Crescent met in Idlib. The group said talks went well. "
            "The Red Crescent agreed.",
        )
    )
    corps = [label for label in result.labels() if label.entity == "Mercy Corps"]
    assert "The controversial charity" in [label.text for label in corps if label.kind == "description"]
    # Two organisations in view, neither dominant: "the group" is attributed to neither.
    assert not any(label.mention_text == "The group" for label in result.labels())


def test_offsets_round_trip_through_boilerplate() -> None:
    text = (
        "Listen Live\n\nMiddle East\n\nThe White Helmets, a volunteer rescue group, left Syria on Monday.\n\n"
        "READ MORE: Other story\n\nThe so-called 'White Helmets' are a propaganda tool, officials said."
    )
    articles = _articles(text)
    result = find_framing(articles)
    labels = result.labels()
    assert {label.kind for label in labels} >= {"appositive", "so_called", "predicate", "name"}
    for label in labels:
        assert text[label.start : label.end] == label.text
        assert text[label.mention_start : label.mention_end] == label.mention_text
        assert label.kind in LABEL_KINDS


def test_outlets_and_table_columns() -> None:
    texts = (
        "The White Helmets, a volunteer rescue group, returned. The White Helmets are heroes.",
        "The so-called 'White Helmets' returned. The White Helmets are a propaganda tool.",
    )
    by_outlet = find_framing(_articles(*texts, outlets=("left.example", "right.example")))
    rows = framing_table(by_outlet)
    row = next(r for r in rows if r.entity == "White Helmets")
    assert row.columns == ("left.example", "right.example")
    right = row.cells[1]
    assert "propaganda tool" in [c.label for c in right.labels]
    assert right.names and right.names[0].label == "white helmets"
    records = by_outlet.records()
    assert {r["outlet"] for r in records if r["entity"] == "White Helmets"} == {"left.example", "right.example"}

    by_article = framing_table(find_framing(_articles(*texts)))
    assert by_article[0].columns == ("a0", "a1")
    stories = framing_table(find_framing(_articles(*texts)), stories={"a0": "s1"})
    assert {r.story for r in stories} == {"s1"} and stories[0].columns == ("a0",)


def test_a_cell_shows_so_called_and_scare_quotes_first_and_counts_what_it_leaves_out() -> None:
    text = (
        "The White Helmets, a rescue group, left. The White Helmets, a rescue group, returned. "
        "The White Helmets are a charity. The White Helmets are a movement. "
        "The so-called 'White Helmets' stayed."
    )
    result = find_framing(_articles(text))
    (cell,) = next(r for r in framing_table(result, top_labels=2) if r.entity == "White Helmets").cells
    assert cell.labels[0].kind == "so_called"  # used once, shown before the twice-used "rescue group"
    assert [c.label for c in cell.labels[1:]] == ["rescue group"]
    ranked = next(r for r in framing_table(result, top_labels=10) if r.entity == "White Helmets").cells[0]
    assert cell.labels_left_out == len(ranked.labels) - 2 > 0
    assert cell.to_record()["labels_left_out"] == cell.labels_left_out


def test_normalise_label() -> None:
    assert normalise_label("the so-called \u2018White Helmets\u2019,") == "so-called white helmets"
    assert normalise_label("A  Volunteer rescue group") == "volunteer rescue group"
    # An apostrophe inside a word is the word's ("countrys" read as a typo in the report's table).
    assert normalise_label("the country\u2019s presence") == "country's presence"
    assert normalise_label("'aid group,'") == "aid group"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Hello",
        "Сирийские «Белые каски» — так называемая группа.",
        "\u767d\u76d4\u662f\u4e00\u4e2a\u6551\u63f4\u7ec4\u7ec7\u3002" * 50,
        "( ( ( \u201c\u201d ,,, -- The The The",
    ],
)
def test_hostile_input_does_not_crash(text: str) -> None:
    result = find_framing(_articles(text, text))
    for label in result.labels():
        assert text[label.start : label.end] == label.text


def test_one_megabyte_article_without_names() -> None:
    text = "the rescue group said it would go on working. " * 20_000 + "x" * 100_000
    result = find_framing(_articles(text))
    assert result.entities == () and result.labels() == ()


@pytest.mark.slow
def test_one_megabyte_article() -> None:
    sentence = "The White Helmets, a volunteer rescue group, met Mercy Corps officials in Idlib on Monday. "
    text = sentence * (1_000_000 // len(sentence)) + "x" * 200_000  # and one run-on 'sentence' of 200 KB
    result = find_framing(_articles(text))
    assert {"White Helmets", "Mercy Corps"} <= {entity.name for entity in result.entities}
    assert "a volunteer rescue group" in _labels(result, "White Helmets", "appositive")
    assert all(text[label.start : label.end] == label.text for label in result.labels()[:200])


def test_object_of_a_naming_verb() -> None:
    result = find_framing(
        _articles(
            "Officials described the Mercy Corps as a front for smugglers.\n\nThe Mercy Corps denied it.",
        )
    )
    assert "a front for smugglers" in _labels(result, "Mercy Corps", "predicate")


def test_progress_counts_parsed_sentences_up_to_their_total() -> None:
    calls: list[tuple[int, int]] = []
    text = "The White Helmets, a volunteer rescue group, left. Critics say the White Helmets are a propaganda tool."
    result = find_framing(_articles(text, text), progress=lambda done, total: calls.append((done, total)))
    parsed = int(result.stats["sentences_parsed"])
    assert parsed > 0
    assert calls[-1] == (parsed, parsed)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
