"""Siblings of a credited third party: both texts credit it, each in its own words, beside the shared text."""

from __future__ import annotations

from narratrace.provenance import extract_credits, infer_directions
from narratrace.provenance.credits import Credit
from narratrace.provenance.siblings import same_party
from tests.provenance.helpers import SHARED, make_article, make_pair


def _credit(text: str, name: str) -> Credit:
    return next(c for c in extract_credits(text, keep_unknown=True) if c.outlet_text == name)


def test_a_person_named_in_full_and_by_surname_is_one_party() -> None:
    full = _credit("The email was read out on air.\n— Tucker Carlson\n", "Tucker Carlson")
    surname = _credit("It was sent to staff, according to Carlson: the email", "Carlson")
    assert same_party(full, surname)
    other = _credit("It was sent to staff, according to Hannity: the email", "Hannity")
    assert not same_party(full, other)


def test_the_surname_rule_is_for_people_not_outlets() -> None:
    times = _credit("It was sent to staff, according to The New York Times.", "The New York Times")
    other_times = _credit("It was sent to staff, according to the Financial Times.", "the Financial Times")
    assert not same_party(times, other_times)


def test_two_texts_crediting_one_outlet_in_their_own_words_are_siblings() -> None:
    a = make_article(
        "a", "Our own intro here. According to Fox News: " + SHARED + " Our own end.", outlet="one.example"
    )
    b = make_article("b", "A different start. Fox News reports: " + SHARED + " More comment.", outlet="two.example")
    verdict = infer_directions([make_pair(a, b, 0.4, 0.9)], {"a": a, "b": b})[("a", "b")]
    assert verdict.source is None
    assert verdict.evidence[0].kind == "wire_sibling" and "siblings of Fox News" in verdict.evidence[0].detail


def test_a_credit_copied_inside_the_shared_text_makes_no_siblings() -> None:
    shared = "According to Fox News, " + SHARED
    a = make_article("a", "Our own intro here. " + shared, outlet="one.example", published="2015-02-01")
    b = make_article("b", "A different start. " + shared, outlet="two.example", published="2015-02-09")
    verdict = infer_directions([make_pair(a, b, shared=shared)], {"a": a, "b": b})[("a", "b")]
    assert all(e.kind != "wire_sibling" for e in verdict.evidence)
    assert verdict.source == "a"


def test_a_text_crediting_the_other_is_its_copy_not_a_sibling() -> None:
    a = make_article("a", "According to Fox News: " + SHARED, outlet="Fox News")
    b = make_article("b", "Fox News reports: " + SHARED, outlet="two.example")
    verdict = infer_directions([make_pair(a, b)], {"a": a, "b": b})[("a", "b")]
    assert verdict.source == "a"


def test_according_to_with_a_colon_introduces_a_block() -> None:
    assert _credit("According to Fox News: the email was sent.", "Fox News").scope == "block"
    assert _credit("According to Fox News, the email was sent.", "Fox News").scope == "claim"


def test_a_block_credit_against_a_claim_credit_is_not_siblings() -> None:
    writer = make_article("a", "The allies have ramped up plans. According to Sputnik, " + SHARED)
    paster = make_article("b", "Our own intro to the story, in a sentence or two. Sputnikenews.com reports: " + SHARED)
    verdict = infer_directions([make_pair(writer, paster)], {"a": writer, "b": paster})[("a", "b")]
    assert verdict.source == "a"
