"""Cleaner rules and the offset map on small texts made here."""

from __future__ import annotations

import random

from narratrace.clean import CleanArticle, OffsetMap, clean_article
from narratrace.clean.dates import check_header_date, find_time_cues
from narratrace.clean.offsets import OffsetMapBuilder
from narratrace.ingest.article import Article

BODY = (
    "The minister said on Monday that the negotiations had collapsed after three weeks.\n\n"
    "Opposition leaders called the decision reckless and demanded an inquiry into the talks.\n\n"
)


def _clean(text: str, published: str | None = None) -> CleanArticle:
    return clean_article(Article(id="t", text=text, published=published))


def test_chrome_before_and_after_the_body_is_removed_with_its_kind() -> None:
    text = (
        "Home | World | Politics\nListen Live\n\n" + BODY + "READ MORE: Minister Quits Over Talks\n\n"
        "Share this article\nSubscribe to our newsletter\nBe the first to comment\n"
        "Markets Rally as Talks Collapse\nWhy the Deal Failed – Analysis\nTalks, minister, opposition, inquiry\n"
    )
    cleaned = _clean(text)
    kinds = [b.kind for b in cleaned.boilerplate]
    assert kinds == [
        "navigation",
        "navigation",
        "read_more",
        "share",
        "newsletter",
        "comment_form",
        "related_headlines",
        "related_headlines",
        "tags",
    ]
    assert cleaned.text == BODY.strip()


def test_body_sentences_that_look_like_chrome_words_are_kept() -> None:
    text = BODY + "Share prices fell sharply after the announcement, analysts said in a note.\n"
    cleaned = _clean(text)
    assert "Share prices fell sharply" in cleaned.text
    assert cleaned.boilerplate == ()


def test_short_subheading_inside_the_body_is_kept() -> None:
    text = BODY + "What comes next\n\n" + BODY
    assert "What comes next" in _clean(text).text


def test_offsets_map_back_exactly_with_indentation_and_separators() -> None:
    text = (
        "    Listen Live\n\n    First paragraph of the story is long enough to count as body.\n"
        "    Second line of the same paragraph continues the story here.\n\n\n"
        "    Last paragraph of it all, ending the text.\n"
    )
    cleaned = _clean(text)
    for seg in cleaned.offsets.segments:
        assert cleaned.text[seg.clean_start : seg.clean_end] == text[seg.orig_start : seg.orig_end]
    start = cleaned.text.index("Second line")
    orig_start, orig_end = cleaned.offsets.span_to_original(start, start + len("Second line"))
    assert text[orig_start:orig_end] == "Second line"
    # A span covering a separator maps to the kept text on both sides.
    para = cleaned.text.index("Last paragraph")
    s, e = cleaned.offsets.span_to_original(start, para + 4)
    assert text[s:e].startswith("Second line") and text[s:e].endswith("Last")
    assert cleaned.offsets.to_clean(text.index("Listen")) is None


def test_offset_map_random_round_trip() -> None:
    rng = random.Random(7)
    original = "".join(rng.choice("abc \n") for _ in range(500))
    builder = OffsetMapBuilder(original)
    pos = 0
    while pos < len(original):
        step = rng.randint(1, 30)
        if rng.random() < 0.6:
            builder.keep(pos, min(pos + step, len(original)))
            builder.insert(" | ")
        pos += step
    cleaned, offsets = builder.build()
    for seg in offsets.segments:
        for k in range(seg.length):
            assert original[offsets.to_original(seg.clean_start + k)] == cleaned[seg.clean_start + k]
            assert offsets.to_clean(seg.orig_start + k) == seg.clean_start + k
    assert OffsetMap.identity(0).to_original(5) == 0


def test_empty_and_whitespace_texts() -> None:
    for text in ("", "   \n\n  ", "\x00"):
        cleaned = _clean(text)
        assert cleaned.warnings == ()
        assert len(cleaned.text) <= 1


def test_date_mismatch_needs_a_real_gap() -> None:
    text = "The summit on July 11-12, 2018 ended. Since 2014 the group has grown."
    cues = find_time_cues(text)
    assert {c.year for c in cues if c.year} == {2018, 2014}
    assert check_header_date("2021-04-13", cues, "header_line")[0].kind == "date_mismatch"
    assert check_header_date("2019-01-02", cues, "header_line") == []
    assert check_header_date(None, cues, None) == []
    assert check_header_date("2024-01-01", find_time_cues("No years here, only last week."), None) == []


def test_money_and_counts_are_not_years() -> None:
    years = {c.year for c in find_time_cues("It cost $2019 and 2,018 people; 1,999 more came.") if c.year}
    assert years == set()
