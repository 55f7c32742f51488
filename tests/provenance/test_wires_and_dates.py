"""Wire bylines and siblings, dates weighed by what is shared, calibrated and read from datelines."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from narratrace.clean.types import TimeCue
from narratrace.provenance import ProvenanceOptions, build_outlet_network, extract_credits, infer_directions
from narratrace.provenance.calibration import keep_clear_dates
from narratrace.provenance.facts import article_facts
from narratrace.provenance.types import Evidence
from tests.provenance.helpers import SHARED, make_article, make_pair


@pytest.mark.parametrize(
    ("text", "wire"),
    [
        ("AFP Sunday 22 Feb 2015\nThe army said", "AFP"),
        ("By Reuters Staff\nThe army said", "Reuters"),
        ("BEIRUT (AP) — The army said", "AP"),
        ("WASHINGTON (Reuters) - The army said", "Reuters"),
        ("DAMASCUS, (SANA) – The army said", "SANA"),
        ("The army said.\n\n-- AFP", "AFP"),
    ],
)
def test_wire_bylines_are_block_credits_of_the_wire(text: str, wire: str) -> None:
    found = [c for c in extract_credits(text) if c.wire]
    assert [(c.wire, c.scope) for c in found] == [(wire, "block")]


def test_names_that_are_no_outlet_are_kept_only_on_request() -> None:
    text = "He spoke via Skype, according to FacebookComment, and Breitbart reported it."
    assert [c.outlet_text for c in extract_credits(text)] == ["Breitbart"]  # in the gazetteer
    kept = extract_credits(text, keep_unknown=True)
    assert {c.outlet_text: c.outlet_like for c in kept} == {"Skype": False, "FacebookComment": False, "Breitbart": True}


def _wire_article(article_id: str, outlet: str, published: str, wire_line: str = "BEIRUT (Reuters) — ") -> object:
    return make_article(article_id, wire_line + SHARED, outlet=outlet, published=published)


def test_two_outlets_printing_one_wire_story_are_siblings_and_the_wire_is_the_source() -> None:
    a = make_article("a", "BEIRUT (Reuters) — " + SHARED, outlet="first.example", published="2015-02-01")
    b = make_article("b", SHARED + "\n— Reuters", outlet="second.example", published="2015-02-09")
    directions = infer_directions([make_pair(a, b)], {"a": a, "b": b})
    verdict = directions[("a", "b")]
    assert verdict.source is None
    assert verdict.evidence[0].kind == "wire_sibling" and "siblings of Reuters copy" in verdict.evidence[0].detail
    assert all(e.favours is None for e in verdict.evidence)
    graph = build_outlet_network([make_pair(a, b)], directions, {"a": a, "b": b})
    assert set(graph.edges()) == {("wire:Reuters", "first.example"), ("wire:Reuters", "second.example")}


def test_the_wires_own_article_is_the_source_not_a_sibling() -> None:
    wire = make_article("a", "BEIRUT (Reuters) — " + SHARED, outlet="Reuters", published="2015-02-01")
    copy = make_article("b", "BEIRUT (Reuters) — " + SHARED, outlet="second.example", published="2015-02-02")
    verdict = infer_directions([make_pair(wire, copy)], {"a": wire, "b": copy})[("a", "b")]
    assert verdict.source == "a"


def test_an_uncredited_text_sharing_with_two_wire_texts_carries_the_wire() -> None:
    a = make_article("a", "BEIRUT (AP) — " + SHARED, outlet="one.example", published="2015-02-01")
    b = make_article("b", SHARED, outlet="two.example", published="2015-02-05")
    c = make_article("c", SHARED + "\n— AP", outlet="three.example", published="2015-02-09")
    pairs = [make_pair(a, b), make_pair(a, c), make_pair(b, c)]
    directions = infer_directions(pairs, {x.id: x for x in (a, b, c)})
    assert all(directions[k].source is None for k in directions)
    assert "shares text with texts that credit it" in directions[("a", "b")].evidence[0].detail


def test_a_date_gap_means_little_when_little_is_shared() -> None:
    short = "Sixteen words are all that these two articles share with each other in the end."
    a = make_article("a", short + " More of a.", published="2013-01-01")
    b = make_article("b", "Other. " + short, published="2015-04-15")  # 834 days later
    verdict = infer_directions([make_pair(a, b, shared=short)], {"a": a, "b": b})[("a", "b")]
    date = next(e for e in verdict.evidence if e.kind == "date")
    assert date.weight < 1.0 and "words shared" in date.detail
    full = infer_directions(
        [
            make_pair(
                make_article("a", SHARED, published="2013-01-01"), make_article("b", SHARED, published="2015-04-15")
            )
        ],
        {
            "a": make_article("a", SHARED, published="2013-01-01"),
            "b": make_article("b", SHARED, published="2015-04-15"),
        },
    )[("a", "b")]
    assert next(e for e in full.evidence if e.kind == "date").weight > 2 * date.weight


def test_learned_evidence_does_not_outvote_a_clear_date() -> None:
    options = ProvenanceOptions()
    date = Evidence("date", "a", 2.5, "a published 9 days before b")
    shape = Evidence("text_shape", "b", 2.0, "shape")
    prior = Evidence("outlet_prior", "b", 1.5, "prior")
    kept = keep_clear_dates([date, shape, prior], options)
    assert sum(e.weight for e in kept if e.favours == "b") <= options.clear_date_margin * 2.5 + 1e-9
    assert "does not outvote" in kept[1].detail
    with_credit = [date, Evidence("credit", "b", 3.0, "a credits b"), shape]
    assert keep_clear_dates(with_credit, options) == with_credit  # a credit may side with the shape


def test_date_reliability_is_learned_from_credited_pairs() -> None:
    """A corpus whose credited copies carry headers two days BEFORE their sources: such gaps stop counting."""
    articles: dict[str, Any] = {}
    pairs = []
    for i in range(40):
        source = make_article(f"s{i:03d}", SHARED, outlet=f"src{i}.example", published="2020-03-10")
        copy = make_article(
            f"t{i:03d}", f"Src{i}.example reports: " + SHARED, outlet="copier.example", published="2020-03-08"
        )
        articles |= {source.id: source, copy.id: copy}
        pairs.append(make_pair(source, copy))
    lone_source = make_article("u000", SHARED, outlet="lone.example", published="2020-03-10")
    lone_copy = make_article("v000", SHARED, outlet="other.example", published="2020-03-08")
    articles |= {"u000": lone_source, "v000": lone_copy}
    pairs.append(make_pair(lone_source, lone_copy))
    options = ProvenanceOptions(prior_scale=0.0, story_role_scale=0.0, containment_scale=0.0)
    date = next(e for e in infer_directions(pairs, articles, options)[("u000", "v000")].evidence if e.kind == "date")
    assert date.data.get("calibrated") and date.weight < 0.3
    uncalibrated = dataclasses.replace(options, date_calibration_min_pairs=1000)
    raw = next(
        e for e in infer_directions(pairs, articles, uncalibrated)[("u000", "v000")].evidence if e.kind == "date"
    )
    assert raw.weight > 1.0


def _with_cues(article_id: str, published: str | None, cues: tuple[TimeCue, ...], mismatch: bool = False) -> object:
    article = make_article(article_id, SHARED, published=published, date_mismatch=mismatch)
    return dataclasses.replace(article, time_cues=cues)


def test_datelines_date_undated_and_flagged_articles() -> None:
    dateline = TimeCue(0, 10, "21.08.2013", "dateline", 2013, "2013-08-21")
    updated = TimeCue(0, 30, "Last updated at Jun 182016", "updated", 2016, "2016-06-18")
    undated = article_facts(_with_cues("a", None, (dateline,)))  # type: ignore[arg-type]
    assert undated.published is not None and undated.published.origin == "dateline"
    assert undated.published_day == "2013-08-21"
    flagged = article_facts(_with_cues("b", "2021-01-01", (updated, dateline), mismatch=True))  # type: ignore[arg-type]
    assert flagged.published_day == "2013-08-21" and flagged.date_warning is None
    trusted = article_facts(_with_cues("c", "2021-01-01", (dateline,)))  # type: ignore[arg-type]
    assert trusted.published_day == "2021-01-01" and trusted.published is not None
    assert trusted.published.origin == "metadata"
    only_updated = article_facts(_with_cues("d", None, (updated,)))  # type: ignore[arg-type]
    assert only_updated.published is not None and only_updated.published.origin == "updated"


def test_dateline_dates_direct_a_pair() -> None:
    a = _with_cues("a", None, (TimeCue(0, 10, "Sat 24 Aug 2013", "dateline", 2013, "2013-08-24"),))
    b = make_article("b", SHARED, published="2013-09-20")
    verdict = infer_directions([make_pair(a, b)], {"a": a, "b": b})[("a", "b")]  # type: ignore[arg-type, dict-item]
    assert verdict.source == "a"
    assert "dateline" in next(e for e in verdict.evidence if e.kind == "date").detail
