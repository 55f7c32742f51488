"""Block credits cover the block after them; a credited person is a credited source; excerpt pairs with
nothing of their own to order them stay undecided."""

from __future__ import annotations

from narratrace.provenance import extract_credits, infer_directions
from narratrace.provenance.evidence import credit_reaches
from tests.provenance.helpers import SHARED, make_article, make_pair

OWN_PARAGRAPH = (
    "In anticipation of clashes at the crossing, soldiers have begun reinforcing the fences, and the local "
    "authorities say more will follow within days, with new barriers, new lights and new patrols by night."
)
PADDING = " ".join(f"Our own line number {i} about something else entirely." for i in range(40))


def test_a_person_introducing_a_text_is_a_block_credit() -> None:
    text = "Our intro.\nJonathan Cook, a former Guardian writer, makes a similar point:\nThe truth is plain."
    (credit,) = extract_credits(text, keep_unknown=True)
    assert credit.outlet_text == "Jonathan Cook"
    assert credit.scope == "block" and credit.introduces and not credit.outlet_like
    assert text[credit.start : credit.end].startswith("Jonathan Cook")


def test_said_introduces_a_quotation_not_a_credit() -> None:
    assert extract_credits("Intro.\nJohn Smith said:\nWe will win.", keep_unknown=True) == []


def test_a_colon_before_a_quotation_mark_introduces_a_quotation_not_a_block() -> None:
    quoted = extract_credits("Intro.\nAccording to Greenwald: “If he visited, there would be a record.”", True)
    pasted = extract_credits("Intro.\nAccording to Greenwald:\nIf he visited, there would be a record.", True)
    assert quoted[0].scope == pasted[0].scope == "block"
    assert not quoted[0].introduces and pasted[0].introduces


def test_a_block_credit_reaches_to_the_next_block_credit_or_the_end() -> None:
    text = "RT reports:\n" + OWN_PARAGRAPH + "\nSputnik reports:\n" + SHARED + "\nAccording to X, it rained."
    credits = extract_credits(text, keep_unknown=True)
    reaches = dict(zip((c.outlet_text for c in credits), credit_reaches(credits, len(text)), strict=True))
    assert reaches["RT"] == (0, text.index("Sputnik reports:"))
    assert reaches["Sputnik"] == (text.index("Sputnik reports:"), len(text))
    assert reaches["X"] == next((c.start, c.end) for c in credits if c.outlet_text == "X")


def test_block_credits_far_above_the_shared_text_make_siblings() -> None:
    a = make_article("a", "Our take.\nRT reports:\n" + OWN_PARAGRAPH + "\n" + SHARED + "\n" + PADDING)
    b = make_article("b", "Another take.\nRT reports: " + OWN_PARAGRAPH[:60] + " and more.\n" + SHARED)
    verdict = infer_directions([make_pair(a, b, 0.2, 0.6, kind="partial")], {"a": a, "b": b})[("a", "b")]
    assert verdict.source is None
    assert verdict.evidence[0].kind == "wire_sibling" and "siblings of RT" in verdict.evidence[0].detail


def test_an_inline_and_a_block_credit_to_one_party_around_an_excerpt_are_siblings() -> None:
    a = make_article("a", PADDING + " The warrant was renewed, according to Fox News.\n" + SHARED + "\n" + PADDING)
    b = make_article("b", PADDING + "\nAccording to Fox News:\n" + SHARED + "\n" + PADDING)
    verdict = infer_directions([make_pair(a, b, 0.1, 0.1, kind="partial")], {"a": a, "b": b})[("a", "b")]
    assert verdict.source is None
    assert verdict.evidence[0].kind == "wire_sibling"


def test_an_inline_credit_in_a_text_the_other_carries_whole_is_copied_not_a_sibling() -> None:
    writer = make_article("a", "The allies have ramped up plans. According to Sputnik, " + SHARED)
    paster = make_article("b", PADDING + " Sputnikenews.com reports: " + SHARED)
    verdict = infer_directions([make_pair(writer, paster, 0.8, 0.2)], {"a": writer, "b": paster})[("a", "b")]
    assert verdict.source == "a"


def test_a_credited_person_decides_the_direction() -> None:
    author = make_article("a", PADDING + "\n" + SHARED + "\n" + PADDING)
    quoter = make_article("b", "Our intro.\nJane Roe, a former Times writer, makes a similar point:\n" + SHARED)
    verdict = infer_directions([make_pair(author, quoter, 0.1, 0.6, kind="partial")], {"a": author, "b": quoter})
    found = verdict[("a", "b")]
    assert found.source == "a"
    assert any(e.kind == "credit" and "Jane Roe" in e.detail for e in found.evidence)


def test_excerpts_with_no_date_or_credit_stay_undecided_with_their_leaning() -> None:
    a = make_article("a", PADDING + "\n" + SHARED + "\n" + PADDING)
    b = make_article("b", PADDING + PADDING + "\n" + SHARED)
    verdict = infer_directions([make_pair(a, b, 0.1, 0.08, kind="partial")], {"a": a, "b": b})[("a", "b")]
    assert verdict.source is None
    held = [e for e in verdict.evidence if e.kind == "undecided"]
    assert held and held[0].data.get("held") and held[0].data["leaning"] in ("a", "b")
    assert any(e.kind == "text_shape" and e.favours is not None for e in verdict.evidence)


def test_a_mostly_shared_pair_is_still_read_by_text_shape() -> None:
    a = make_article("a", SHARED + "\n" + PADDING[:300])
    b = make_article("b", "A new intro of our own, in a sentence or two, before the text.\n" + SHARED)
    verdict = infer_directions([make_pair(a, b, 0.4, 0.75)], {"a": a, "b": b})[("a", "b")]
    assert not any(e.data.get("held") for e in verdict.evidence if e.kind == "undecided")


def test_hostile_texts_pass() -> None:
    for text in ("", "word", "Jane Doe notes:\n" * 50000, "Анна Петрова пишет:\nтекст", "A:\n" * 10000):
        extract_credits(text, keep_unknown=True)
