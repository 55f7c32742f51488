"""Direction of reuse pairs: each kind of evidence alone, and in conflict."""

from __future__ import annotations

from typing import Any, cast

import pytest

from narratrace.clean.types import CleanArticle
from narratrace.provenance import Direction, ProvenanceOptions, infer_directions
from narratrace.provenance.shape import SHAPE_PRIOR
from tests.provenance.helpers import SHARED, make_article, make_pair


def _verdict(*articles: CleanArticle, **pair_kwargs: Any) -> Direction:
    a, b = articles
    pair = make_pair(a, b, **pair_kwargs)
    return infer_directions([pair], {x.id: x for x in articles})[(a.id, b.id)]


def _kinds(direction: Direction) -> dict[str, str | None]:
    return {e.kind: e.favours for e in direction.evidence if e.favours is not None}


def test_earlier_date_is_the_source() -> None:
    verdict = _verdict(
        make_article("a", SHARED, published="2021-03-10"), make_article("b", SHARED, published="2021-03-02")
    )
    assert verdict.source == "b"
    assert _kinds(verdict) == {"date": "b"}
    assert 0.5 < verdict.confidence < 1.0


def test_wider_date_gap_is_stronger() -> None:
    near = _verdict(
        make_article("a", SHARED, published="2021-03-01"), make_article("b", SHARED, published="2021-03-02")
    )
    far = _verdict(make_article("a", SHARED, published="2021-03-01"), make_article("b", SHARED, published="2021-04-01"))
    assert near.source == far.source == "a"
    assert far.confidence > near.confidence


def test_suspect_header_date_is_discounted_and_said_so() -> None:
    plain = _verdict(
        make_article("a", SHARED, published="2019-01-01"), make_article("b", SHARED, published="2021-01-01")
    )
    suspect = _verdict(
        make_article("a", SHARED, published="2019-01-01"),
        make_article("b", SHARED, published="2021-01-01", date_mismatch=True),
    )
    assert suspect.source == "a"
    assert suspect.confidence < plain.confidence
    date_item = next(e for e in suspect.evidence if e.kind == "date")
    assert "discounted" in date_item.detail and "b:" in date_item.detail


def test_undated_and_same_day_give_neutral_date_evidence() -> None:
    undated = _verdict(make_article("a", SHARED), make_article("b", SHARED, published="2021-03-02"))
    same_day = _verdict(
        make_article("a", SHARED, published="2021-03-02"), make_article("b", SHARED, published="2021-03-02")
    )
    for verdict, word in ((undated, "undated"), (same_day, "same day")):
        assert verdict.source is None and verdict.confidence == 0.5
        date_item = next(e for e in verdict.evidence if e.kind == "date")
        assert date_item.favours is None and word in date_item.detail


def test_times_order_articles_of_the_same_day() -> None:
    verdict = _verdict(
        make_article("a", SHARED, published="2021-03-02T18:00:00+00:00"),
        make_article("b", SHARED, published="2021-03-02T09:30:00Z"),
    )
    assert verdict.source == "b"


def test_credit_naming_the_other_outlet() -> None:
    source = make_article("a", "Intro of our own. " + SHARED, outlet="sputniknews.com")
    copy = make_article("b", "Sputnikenews.com reports: " + SHARED, outlet="example-aggregator.net")
    verdict = _verdict(source, copy)
    assert verdict.source == "a"
    credit = next(e for e in verdict.evidence if e.kind == "credit")
    assert credit.favours == "a" and "Sputnikenews.com" in credit.detail
    assert credit.data["crediting"] == "b"


def test_credit_matches_outlet_taken_from_url() -> None:
    source = make_article("b", SHARED, url="https://www.reuters.com/world/story-1")
    copy = make_article("a", SHARED + "\n— Reuters")
    assert _verdict(copy, source).source == "b"


def test_credit_beats_a_one_day_date_conflict() -> None:
    """The copy is dated a day earlier (a scraper's date) but credits the source's outlet."""
    source = make_article("a", SHARED, outlet="Reuters", published="2021-05-03")
    copy = make_article("b", "According to Reuters, " + SHARED, outlet="blog.example", published="2021-05-02")
    verdict = _verdict(source, copy)
    assert verdict.source == "a"
    assert _kinds(verdict)["date"] == "b" and _kinds(verdict)["credit"] == "a"


def test_a_long_date_gap_is_not_reversed_by_a_claim_credit() -> None:
    """Dates a year apart against an in-sentence credit: the credited article cannot be the later one, so the
    credit does not reverse the date; with the credit's own words as an intro (text shape) it is a conflict."""
    early = make_article("a", "According to Daily Herald, " + SHARED, outlet="news.example", published="2020-01-01")
    late = make_article("b", SHARED, outlet="Daily Herald", published="2021-01-01")
    verdict = _verdict(early, late)
    assert _kinds(verdict)["date"] == "a" and _kinds(verdict)["credit"] == "b"
    assert verdict.source in ("a", None)
    dates_and_credits = infer_directions(
        [make_pair(early, late)], {"a": early, "b": late}, ProvenanceOptions(containment_scale=0.0)
    )[("a", "b")]
    assert dates_and_credits.source == "a"


def test_third_party_block_credit_points_to_the_uncredited_side() -> None:
    """Both derive from Sputnik; the side that pastes it under "X reports:" is not the origin of the wording."""
    writer = make_article("a", "The allies have ramped up plans. According to Sputnik, " + SHARED)
    paster = make_article("b", "Our own intro to the story, in a sentence or two. Sputnikenews.com reports: " + SHARED)
    verdict = _verdict(writer, paster, containment_a=0.9, containment_b=0.9)
    assert verdict.source == "a"
    credit = next(e for e in verdict.evidence if e.kind == "credit")
    assert credit.favours == "a" and credit.data["b_scope"] == "block" and credit.data["a_scope"] == "claim"


def test_same_credit_on_both_sides_is_neutral() -> None:
    verdict = _verdict(make_article("a", "Sputnik reports: " + SHARED), make_article("b", "Sputnik reports: " + SHARED))
    credit = next(e for e in verdict.evidence if e.kind == "credit")
    assert credit.favours is None and verdict.source is None


def test_self_identification_counts_only_without_outlet() -> None:
    source = make_article("a", "Press TV - " + SHARED)
    copy = make_article("b", "Press TV reports: " + SHARED, outlet="aggregator.example")
    assert _verdict(source, copy).source == "a"


def test_text_shape_prior_without_a_corpus_copies_cut_and_add_intros() -> None:
    # b is an excerpt of a (a's own paragraph after the shared text is gone): a is the source.
    full = make_article("a", SHARED + " " + " ".join(["A closing paragraph of the original report."] * 3))
    excerpt = make_article("b", SHARED)
    cut = _verdict(full, excerpt, containment_a=0.5, containment_b=1.0)
    assert cut.source == "a" and _kinds(cut) == {"text_shape": "a"}
    # b puts an introduction of its own before the text it takes: a is the source.
    original = make_article("a", SHARED)
    introduced = make_article("b", "Our readers asked about this story, and here it is in full. " + SHARED)
    intro = _verdict(original, introduced, containment_a=1.0, containment_b=0.75)
    assert intro.source == "a" and _kinds(intro) == {"text_shape": "a"}


def test_shared_quote_pairs_get_no_direction() -> None:
    a, b = make_article("a", SHARED, published="2020-01-01"), make_article("b", SHARED, published="2021-01-01")
    verdict = _verdict(a, b, kind="shared_quote")
    assert verdict.source is None and [e.kind for e in verdict.evidence] == ["shared_quote"]


def test_outlet_priors_decide_undated_pairs() -> None:
    """An outlet the corpus shows copying from another one is the copy when nothing else tells."""
    articles: dict[str, CleanArticle] = {}
    pairs = []
    for i in range(6):  # dated pairs: producer.example is the source every time
        src = make_article(f"p{i}", SHARED, outlet="producer.example", published="2021-01-01")
        cpy = make_article(f"q{i}", SHARED, outlet="copier.example", published="2021-01-20")
        articles |= {src.id: src, cpy.id: cpy}
        pairs.append(make_pair(src, cpy))
    undated_src = make_article("x1", SHARED, outlet="producer.example")
    undated_copy = make_article("x0", SHARED, outlet="copier.example")
    articles |= {undated_src.id: undated_src, undated_copy.id: undated_copy}
    pairs.append(make_pair(undated_copy, undated_src))
    directions = infer_directions(pairs, articles)
    verdict = directions[("x0", "x1")]
    assert verdict.source == "x1"
    priors = [e for e in verdict.evidence if e.kind == "outlet_prior"]
    assert {e.data.get("level") for e in priors} == {"outlet", "outlet_pair"}
    options = ProvenanceOptions()
    assert sum(e.weight for e in priors) <= options.prior_cap * options.prior_total_cap + 1e-9
    assert all(directions[(f"p{i}", f"q{i}")].source == f"p{i}" for i in range(6))
    off = infer_directions(pairs, articles, ProvenanceOptions(prior_scale=0.0))
    assert off[("x0", "x1")].source is None


def test_empty_input_and_missing_articles() -> None:
    assert infer_directions([], {}) == {}
    a, b = make_article("a", SHARED), make_article("b", SHARED)
    with pytest.raises(KeyError, match="not among the articles"):
        infer_directions([make_pair(a, b)], {"a": a})


def test_unparseable_dates_count_as_undated() -> None:
    verdict = _verdict(
        make_article("a", SHARED, published="sometime"), make_article("b", SHARED, published="2021-01-01")
    )
    assert verdict.source is None


def test_flood_of_identical_texts_is_handled() -> None:
    """Hundreds of identical, undated, outlet-less texts: every pair gets a verdict, none a made-up one."""
    texts = {f"t{i:04d}": make_article(f"t{i:04d}", SHARED) for i in range(120)}
    ids = sorted(texts)
    pairs = [make_pair(texts[x], texts[y]) for i, x in enumerate(ids) for y in ids[i + 1 :]]
    directions = infer_directions(pairs, texts)
    assert len(directions) == len(pairs) == 120 * 119 // 2
    assert all(d.source is None and d.confidence == 0.5 for d in directions.values())


@pytest.mark.parametrize(
    ("published", "has_time"),
    [("2021-03-02", False), ("2021-03-02T10:00:00Z", True), ("2021-03-02 10:00", True), ("March 2, 2021", False)],
)
def test_published_dates_parse(published: str, has_time: bool) -> None:
    from narratrace.provenance.facts import parse_published

    parsed = parse_published(published)
    assert parsed is not None and parsed.value.date().isoformat() == "2021-03-02"
    assert parsed.has_time is has_time
    assert parse_published("x" * 10_000) is None


def test_story_role_points_to_the_original_of_a_story() -> None:
    """r is the source of its two dated copies; an undated article paired with r is more likely r's copy."""
    r = make_article("r", SHARED, published="2021-01-01")
    copies = [make_article(f"p{i}", SHARED, published="2021-02-01") for i in range(2)]
    undated = make_article("u", SHARED)
    articles = {x.id: x for x in (r, *copies, undated)}
    pairs = [make_pair(c, r) for c in copies] + [make_pair(r, undated)]
    verdict = infer_directions(pairs, articles)[("r", "u")]
    assert verdict.source == "r"
    assert [e.kind for e in verdict.evidence if e.favours] == ["story_role"]
    assert infer_directions(pairs, articles, ProvenanceOptions(story_role_scale=0.0))[("r", "u")].source is None


def test_stacked_credits_count_once() -> None:
    writer = make_article("a", "Own words here. " + SHARED)
    paster = make_article("b", "Intro. One.com reports: Two.com reports: " + SHARED)
    verdict = _verdict(writer, paster)
    credits = [e for e in verdict.evidence if e.kind == "credit"]
    assert [e.favours for e in credits] == ["a", "a"]
    assert sorted(e.weight for e in credits) == [0.0, ProvenanceOptions().credit_block_vs_none]


def _intro_corpus(n_dated: int) -> tuple[list[Any], dict[str, CleanArticle]]:
    """``n_dated`` dated pairs whose later copy prepends an intro, plus one undated pair like them."""
    intro = "Editor's note: our readers asked us about this story, which we follow closely. "
    articles: dict[str, CleanArticle] = {}
    pairs = []
    for k in range(n_dated + 1):
        dated = k < n_dated
        source = make_article(f"s{k:04d}", SHARED, published="2021-03-01" if dated else None)
        copy = make_article(f"t{k:04d}", intro + SHARED, published="2021-03-09" if dated else None)
        articles[source.id], articles[copy.id] = source, copy
        pairs.append(make_pair(source, copy, containment_a=1.0, containment_b=len(SHARED) / len(copy.text)))
    return pairs, articles


def test_text_shape_is_learned_from_dated_pairs_and_decides_undated_ones() -> None:
    pairs, articles = _intro_corpus(n_dated=120)
    directions = infer_directions(pairs, articles)
    undated = directions[(f"s{120:04d}", f"t{120:04d}")]
    assert undated.source == "s0120"
    assert _kinds(undated) == {"text_shape": "s0120"}
    shape = next(e for e in undated.evidence if e.kind == "text_shape")
    features = cast(list[float], shape.data["features"])
    assert features[1] < 0  # the copy has the longer lead


def test_few_decided_pairs_keep_the_text_shape_prior() -> None:
    pairs, articles = _intro_corpus(n_dated=5)
    verdict = infer_directions(pairs, articles)[("s0005", "t0005")]
    shape = next(e for e in verdict.evidence if e.kind == "text_shape")
    assert shape.favours == "s0005"
    assert shape.data["coefficients"] == [round(c, 4) for c in SHAPE_PRIOR]


def test_a_one_day_gap_against_the_text_shape_prior_is_undecided() -> None:
    # The earlier article has an introduction the later one lacks: the shape prior calls it the copy.
    first = make_article(
        "a", "An introduction of our own, a sentence or two about the story. " + SHARED, published="2021-03-01"
    )
    second = make_article("b", SHARED, published="2021-03-02")
    verdict = _verdict(first, second, containment_a=0.75, containment_b=1.0)
    # The date and the belief nearly cancel out: no guess, and the verdict says which way it leaned and why.
    assert verdict.source is None and verdict.confidence == 0.5
    assert _kinds(verdict) == {"date": "a", "text_shape": "b"}
    undecided = next(e for e in verdict.evidence if e.kind == "undecided")
    assert float(undecided.data["against"]) > 0  # type: ignore[arg-type]
    assert "too weak to call" in undecided.detail
    # Undated, the shape decides.
    undated = _verdict(
        make_article("a", first.text), make_article("b", second.text), containment_a=0.75, containment_b=1.0
    )
    assert undated.source == "b"


def test_a_weak_date_alone_still_decides_but_weak_learned_evidence_alone_does_not() -> None:
    # The pair's own record (a suspect date two years apart, weight < decide_min_logodds) is not in conflict.
    suspect = _verdict(
        make_article("a", SHARED, published="2019-01-01"),
        make_article("b", SHARED, published="2021-01-01", date_mismatch=True),
    )
    assert suspect.source == "a" and suspect.confidence < 0.7
    # A small difference in text shape alone (a prior belief, not this pair's record) is too weak to call.
    undated = _verdict(make_article("a", SHARED), make_article("b", SHARED), containment_a=0.88, containment_b=0.93)
    assert undated.source is None
    assert any(e.kind == "text_shape" and e.favours == "a" for e in undated.evidence)


def test_third_party_credit_does_not_order_a_bare_text_inside_the_crediting_one() -> None:
    """A bare text that lies wholly inside a credited one may be a copy that cut the credit line with a paragraph."""
    credited = make_article("a", "Frontglobal.com reports: A paragraph the copy left out, of its own. " + SHARED)
    bare = make_article("b", SHARED)
    verdict = _verdict(credited, bare, containment_a=0.6, containment_b=1.0)
    credit = next(e for e in verdict.evidence if e.kind == "credit")
    assert credit.favours is None and credit.weight == 0.0
    assert "cut the credit line" in credit.detail
    # The same credit against a bare text with more words of its own still points to the bare side.
    widened = make_article("b", "A long introduction of the bare side's own, in more than one sentence. " + SHARED)
    verdict = _verdict(credited, widened, containment_a=0.6, containment_b=0.4)
    credit = next(e for e in verdict.evidence if e.kind == "credit")
    assert credit.favours == "b" and credit.weight == ProvenanceOptions().credit_block_vs_none
