import json

import pytest

from narratrace.claims.matching import find_claims
from narratrace.claims.statements import article_statements

from .helpers import article, attribution


def test_statements_skip_questions_headings_and_short_lines() -> None:
    text = (
        "White Helmets Plotting Attack In Southern Syria\n\n"
        "Is this the end of the war?\n"
        "Read more: the latest news from the region in one place today.\n"
        "The ministry said on Monday that forty people were evacuated from the town.\n"
        "Too short."
    )
    statements = article_statements(0, article("a", text))
    assert [s.content.text for s in statements] == [
        "The ministry said on Monday that forty people were evacuated from the town."
    ]
    span = statements[0].content
    assert text[span.start : span.end] == span.text


def test_attributed_content_replaces_the_sentence_it_covers() -> None:
    text = "Officials said the bridge will close for repairs in May next year. The rain fell on the hills all night."
    doc = article("a", text)
    own = [attribution(doc, "Officials", "the bridge will close for repairs in May next year", "anonymous")]
    statements = article_statements(0, doc, own)
    assert statements[0].source_type == "anonymous"
    assert statements[0].content.text == "the bridge will close for repairs in May next year"
    assert [s.content.text for s in statements[1:]] == ["The rain fell on the hills all night."]


@pytest.mark.parametrize(
    "text",
    ["", "word", "Слово за слово, и вот уже все согласны с тем, что было сказано.", "The cat sat. " * 80_000],
)
def test_hostile_input_gives_no_claims_and_no_crash(text: str) -> None:
    assert find_claims([article("a", text), article("b", "x")]) == []


def test_attributions_with_foreign_offsets_are_ignored() -> None:
    doc = article("a", "A short text about nothing in particular at all.")
    bad = attribution(doc, "A short", "text about nothing", "person")
    moved = type(bad)(bad.article, bad.source, None, type(bad.content)(500, 900, "x"), "person")
    assert all(s.content.end <= len(doc.article.text) for s in article_statements(0, doc, [moved]))


@pytest.mark.slow
def test_claims_across_articles_with_sources_and_first_appearance() -> None:
    shared = "the ministry confirmed that forty-two people were evacuated from the flooded town of Riverside"
    texts = {
        "a": f"On Monday {shared} overnight. Markets rose sharply on Tuesday as oil prices fell again.",
        "b": f"According to SANA, {shared} on Monday. The new stadium opens to fans next spring in the capital.",
        "c": f"Citing SANA, the paper said {shared}. Bakers in the north are striking over the price of flour.",
    }
    docs = [
        article("a", texts["a"], outlet="Daily One", published=None),
        article("b", texts["b"], outlet="Two Times", published="2024-05-02"),
        article("c", texts["c"], outlet=None, published="2024-05-01"),
    ]
    attributions = [
        [],
        [attribution(docs[1], "SANA", shared, "outlet")],
        [attribution(docs[2], "SANA", shared, "outlet")],
    ]
    claims = find_claims(docs, attributions)
    assert len(claims) == 1
    claim = claims[0]
    assert claim.first_seen == "c"  # the earliest dated article; the undated one is never first
    record = claim.to_record()
    assert set(record) >= {"id", "claim", "articles", "outlets", "first_seen", "independent_origins", "why"}
    assert record["articles"] == ["c", "b", "a"]
    assert record["outlets"] == ["unknown", "Two Times", "Daily One"]
    assert claim.independent_origins == 2
    assert "rest on SANA" in claim.why
    json.dumps(record)
    assert find_claims(docs, attributions)[0].id == claim.id  # stable for the same input


def test_threshold_argument_overrides_the_pair_threshold_only() -> None:
    from dataclasses import replace

    from narratrace.claims.matching import DEFAULT_CLUSTER_THRESHOLD, MatchOptions

    options = replace(MatchOptions(), linkage="average")
    docs = [article("a", "One two three four five six seven."), article("b", "Nothing at all here today, sadly.")]
    assert find_claims(docs, threshold=0.9, options=options) == []
    assert options.cluster_threshold == DEFAULT_CLUSTER_THRESHOLD and options.threshold != 0.9


def test_a_claims_headline_leaves_out_a_reported_clauses_that() -> None:
    """ "said that the dam will open" is claimed as "the dam will open"; a sentence's own "That" stays, and the
    mention keeps its span as the text has it."""
    from narratrace.claims.linkage import headline_text

    assert headline_text("that the dam will open in May") == "the dam will open in May"
    assert headline_text("That decision was taken in May") == "That decision was taken in May"
    assert headline_text("thatch roofs burned") == "thatch roofs burned"
    content = "that the northern dam will open its gates to farmers early next month"
    texts = {
        "a": f"Officials said {content}. Markets rose sharply on Tuesday as oil prices fell again.",
        "b": f"The ministry said {content}. The new stadium opens to fans next spring in the capital.",
    }
    docs = [article(name, text) for name, text in texts.items()]
    found = [[attribution(doc, doc.article.text.split(" said")[0], content, "anonymous")] for doc in docs]
    [claim] = find_claims(docs, found)
    assert claim.text == content.removeprefix("that ")
    assert claim.mentions[0].content.text == content
