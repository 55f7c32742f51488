"""Credit extraction and outlet-name matching."""

from __future__ import annotations

import pytest

from narratrace.provenance.credits import extract_credits, name_keys, names_match, normalise_outlet


def _credits(text: str) -> list[tuple[str, str, str]]:
    return [(c.outlet_text, c.scope, text[c.start : c.end]) for c in extract_credits(text)]


@pytest.mark.parametrize(
    ("text", "outlet", "scope"),
    [
        ("Sputnikenews.com reports: Two anonymous US officials said", "Sputnikenews.com", "block"),
        ("According to Sputnik, two officials said", "Sputnik", "claim"),
        ("The plan was discussed, CBS News reported, citing an official.", "CBS News", "claim"),
        ("Officials met in Geneva, citing Reuters as the first to know.", "Reuters", "claim"),
        ("The talks failed again.\n— Reuters", "Reuters", "block"),
        ("WASHINGTON (AP) — The president said", "AP", "block"),
        ("The Guardian said in a report on Monday that", "The Guardian", "claim"),
        ("This story was first published by The Intercept.", "The Intercept", "block"),
        ("This article originally appeared on ZeroHedge.com", "ZeroHedge.com", "block"),
        ("Pictures shared via ZeroHedge.com show the scene.", "ZeroHedge.com", "block"),
        ("Source: RT\n", "RT", "block"),
        ("According to SANA's report, the statement implied", "SANA", "claim"),
        ("CNN writes that the plans entail", "CNN", "claim"),
        ("as reported by BBC News on Friday", "BBC News", "claim"),
        ("Voice of America reported that the vote", "Voice of America", "claim"),
        # A sentence-opening connective is not part of the name.
        ("As The New York Times reported, the agency called", "The New York Times", "claim"),
        ("And Reuters reported that the vote", "Reuters", "claim"),
        ("Asia Times reported that the vote", "Asia Times", "claim"),
        # A known outlet's language edition is an outlet (and a sister, not the outlet: names differ below).
        ("Sputnik Arabic reported, citing military sources, that", "Sputnik Arabic", "claim"),
        ("According to BBC Mundo, the talks failed", "BBC Mundo", "claim"),
    ],
)
def test_credit_patterns(text: str, outlet: str, scope: str) -> None:
    found = extract_credits(text)
    assert [(c.outlet_text, c.scope) for c in found] == [(outlet, scope)]
    credit = found[0]
    assert outlet in text[credit.start : credit.end]
    assert credit.normalised == normalise_outlet(outlet)


@pytest.mark.parametrize(
    "text",
    [
        "according to the media outlet, the plan failed",  # no name, a description
        "killed civilians via various false flag attacks",  # lowercase after "via"
        "Press TV - Members of the group are said to coordinate with militants across the region",
        "White Helmets Plotting False Flag Chemical Attack in Southern Syria – Sources",
        "the temperature fell to - 5 degrees",
        "He reported that the talks failed",
        "Pictures shared via Twitter show the scene.",  # a platform, not an outlet
        "He told us via Skype that the town had fallen",
        "according to FacebookComment users",
        "as seen via the Internet",
        "",
    ],
)
def test_non_credits(text: str) -> None:
    assert extract_credits(text) == []


def test_credits_in_text_order_with_offsets() -> None:
    text = "According to Reuters, talks failed. Later, Sputnik reports: nothing changed."
    found = extract_credits(text)
    assert [c.outlet_text for c in found] == ["Reuters", "Sputnik"]
    assert text[found[1].start : found[1].end] == "Sputnik reports:"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Sputnikenews.com", "sputniknews.com"),
        ("Sputnikenews.com", "Sputnik"),
        ("https://www.sputniknews.com/world/x.html", "Sputnik"),
        ("CBS News", "cbsnews.com"),
        ("Associated Press", "AP"),
        ("Russia Today", "RT"),
        ("The Guardian", "theguardian.com"),
        ("BBC News", "bbc.co.uk"),
    ],
)
def test_names_that_match(first: str, second: str) -> None:
    assert names_match(first, second)
    assert names_match(second, first)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        *(("AP", "AFP"), ("Sputnik", "Spiegel"), ("NewsTimes.com", "TimesNews.com"), ("Reuters", "Press TV")),
        ("Sputnik Arabic", "Sputnik"),
    ],
)
def test_names_that_differ(first: str, second: str) -> None:
    assert not names_match(first, second)


def test_name_keys_drop_generic_suffixes_only() -> None:
    assert "cbs" in name_keys("CBS News")
    assert "times" not in name_keys("NewsTimes.com")


@pytest.mark.slow
def test_hostile_texts_finish_with_bounded_output() -> None:
    huge_credits = "According to Reuters, " * 200_000
    assert 0 < len(extract_credits(huge_credits)) <= 2000
    assert extract_credits("x" * 5_000_000) == []
    assert extract_credits("(" * 1_000_000 + "- " * 500_000) == []


def test_trailer_cue_patterns_match_the_bounded_repeat_form() -> None:
    import random
    import re

    from narratrace.provenance import credits

    rng = random.Random(3)
    pieces = ["—", "–", "-", " ", "\t", "\n", "Reuters", "AP", "x", ".", "'"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randrange(0, 30))) for _ in range(5000)]
    trailers = [pattern for kind, pattern in credits._CUES if kind == "trailer"]
    for dash, fast in zip(("—", "–", r"\-"), trailers, strict=True):
        plain = re.compile(rf"{dash}{{1,2}}[ \t]*(?=[^\n—–\-]{{1,60}}(?:\n|\Z))")
        for text in texts:
            assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
