"""Datelines read from the text, background clauses, and when date_mismatch fires (texts made here)."""

from __future__ import annotations

from datetime import date

import pytest

from narratrace.clean import clean_article
from narratrace.clean.datelines import find_date_stamps
from narratrace.clean.dates import background_role, check_header_date, find_time_cues, publication_day
from narratrace.ingest.article import Article


@pytest.mark.parametrize(
    ("text", "kind", "iso"),
    [
        ("21.08.2013\nThe minister said the talks failed.", "dateline", "2013-08-21"),
        ("Sat 24 Aug 2013\n\nThe minister said the talks failed.", "dateline", "2013-08-24"),
        ("Last updated at Jun 182016", "updated", "2016-06-18"),
        ("Published: 3 March 2019\nThe minister said.", "dateline", "2019-03-03"),
        ("Updated 10:42 GMT 22.07.2018", "updated", "2018-07-22"),
        ("Community standardsDiscussion Comment via Facebook21.08.2013 Moscow said", "dateline", "2013-08-21"),
        ("The story ended here.\n\nTuesday, May 3, 2016.", "dateline", "2016-05-03"),
    ],
)
def test_datelines_and_updated_stamps_are_read(text: str, kind: str, iso: str) -> None:
    stamps = find_date_stamps(text)
    assert [(s.kind, s.date, s.year) for s in stamps] == [(kind, iso, int(iso[:4]))]
    assert text[stamps[0].start : stamps[0].end] == stamps[0].text


def test_wire_dateline_without_a_year_is_placed_near_the_header() -> None:
    text = "WASHINGTON, July 22 (Reuters) - The Senate voted on the bill."
    (stamp,) = find_date_stamps(text, date(2018, 7, 23))
    assert (stamp.kind, stamp.date, stamp.year) == ("dateline", "2018-07-22", None)
    (early,) = find_date_stamps(text.replace("July 22", "Dec. 31"), date(2019, 1, 2))
    assert early.date == "2018-12-31"
    assert find_date_stamps(text)[0].date is None  # no header: no day


@pytest.mark.parametrize(
    "text",
    [
        "the court ruled on 3 March 2019 that the law stood",
        "Bis zum 01.01.2019 sollen alle Ärzte angeschlossen sein",
        "Earlier text.\n\nOct. 31, 2012 The Obama hug changed the race.",
        "In an email dated Feb. 12, 2012 — seven months before",
        "Nothing here at all, 04/05/2021 is ambiguous",
    ],
)
def test_dates_inside_prose_are_not_stamps(text: str) -> None:
    assert find_date_stamps(text) == []


def _role(text: str, year: str) -> str | None:
    start = text.index(year)
    return background_role(text, start, start + len(year))


@pytest.mark.parametrize(
    ("text", "year", "role"),
    [
        ("James has filled the stat sheet since he joined the league in 2003, he leads", "2003", "open_ended"),
        ("The group, founded in 1998, runs clinics.", "1998", "history"),
        ("layoffs at Meetup, which it acquired for $200 million in 2017.", "2017", "history"),
        ("parts of a state, in the 1967 Six-Day War.", "1967", "named"),
        ("Cassini studied Saturn from 2004 to 2017.", "2017", "period"),
        ("Much changed. In 2010, the first debate took place.", "2010", "history"),
        (
            "troops died, 18 years after the US invaded in the wake of the September 11, 2001 attacks",
            "2001",
            "open_ended",
        ),
        ("Washington temporarily halted funding in May 2018, but later resumed it.", "2018", None),
    ],
)
def test_background_clauses_are_told_from_events(text: str, year: str, role: str | None) -> None:
    assert _role(text, year) == role


def _warnings(text: str, published: str, source: str | None = None) -> list[str]:
    cues = find_time_cues(text, date.fromisoformat(published[:10]))
    return [str(w.evidence["basis"]) for w in check_header_date(published, cues, source)]


EVENT_TEXT = "Officials said the summit on July 11-12, 2018 had ended without a deal. Since 2014 the group has grown."


def test_event_years_far_before_the_header_flag_it() -> None:
    assert _warnings(EVENT_TEXT, "2021-04-13") == ["event_years"]
    assert _warnings(EVENT_TEXT, "2019-01-02") == []  # under two whole years: no verdict


def test_an_agreeing_dateline_clears_and_a_contradicting_one_flags() -> None:
    assert _warnings("Published: 12 April 2021\n" + EVENT_TEXT, "2021-04-13") == []
    assert _warnings("Published: 14 July 2018\n" + EVENT_TEXT, "2021-04-13") == ["dateline"]
    # The header's own source line is not independent evidence either way.
    assert _warnings("13 April 2021\n" + EVENT_TEXT, "2021-04-13", "header_line") == ["event_years"]


def test_background_years_alone_never_flag_a_metadata_date() -> None:
    text = "James has filled the stat sheet since he joined the league in 2003. The group was founded in 1998."
    assert _warnings(text, "2019-11-20", "html_metadata") == []
    assert _warnings("In 2008, Kate Henshaw won an award. She posted new photos.", "2018-10-06") == []
    # A date line a scraper found atop the text is weaker: a text of decade-old history only is stale there.
    assert _warnings("The group was founded in Turkey in 2008 by a former officer.", "2024-10-20", "header_line") == [
        "stale_text"
    ]


def test_non_english_texts_get_no_year_verdict() -> None:
    text = "Il remake della serie, datato May 2014, non piace ai fan. Le uniche speranze dei fan sono altrove."
    cleaned = clean_article(Article(id="it", text=text, published="2019-08-02"))
    assert cleaned.warnings == ()


def test_relative_cues_get_days_from_the_header() -> None:
    cues = find_time_cues("He spoke yesterday and on Sunday, and last week too.", date(2019, 11, 20))
    assert [(c.text, c.date) for c in cues] == [
        ("yesterday", "2019-11-19"),
        ("on Sunday", "2019-11-17"),
        ("last week", None),
    ]


def test_clean_article_keeps_the_dateline_cue_from_removed_chrome() -> None:
    text = "Sat 24 Aug 2013\n\nThe minister said on Monday that the negotiations had collapsed after three weeks."
    cleaned = clean_article(Article(id="d", text=text, published="2013-08-24"))
    assert [b.kind for b in cleaned.boilerplate] == ["dateline"]
    assert [(c.kind, c.date) for c in cleaned.time_cues if c.kind == "dateline"] == [("dateline", "2013-08-24")]


@pytest.mark.parametrize("text", ["", "word", "2019", "x" * 1_000_000, "Москва, 21.08.2013 — заявление " * 2000])
def test_hostile_texts_do_not_crash(text: str) -> None:
    cleaned = clean_article(Article(id="h", text=text, published="2021-01-01"))
    assert isinstance(cleaned.warnings, tuple)


def test_an_undated_text_is_dated_by_the_stamp_it_opens_with() -> None:
    """A header date wins; without one, a dateline at the top dates the article, and a date deep in the text (an
    embedded tweet's) does not."""
    opening = "BUDAPEST, Hungary, February 19, 2018 (LifeSiteNews) – The government said on Monday it would act."
    undated = clean_article(Article(id="a", text=opening))
    assert publication_day(undated) == date(2018, 2, 19).toordinal()
    headed = clean_article(Article(id="b", text=opening, published="2018-02-20"))
    assert publication_day(headed) == date(2018, 2, 20).toordinal()
    deep = "The minister spoke at length about the plan. " * 10 + "\nMarch 5th, 2017\nA post quoted in full."
    assert "dateline" in {c.kind for c in clean_article(Article(id="c", text=deep)).time_cues}
    assert publication_day(clean_article(Article(id="c", text=deep))) is None
