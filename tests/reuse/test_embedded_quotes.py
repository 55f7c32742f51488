"""Quotations without double marks: single curly quotes and embedded tweets (``reuse.quotations``)."""

from __future__ import annotations

from narratrace.reuse import find_reuse
from narratrace.reuse.quotations import MAX_TWEET_CHARACTERS, MIN_SINGLE_QUOTED_WORDS, quotation_spans
from tests.reuse.synthetic import clean


def _quoted(text: str) -> list[str]:
    return [text[start:end] for start, end in quotation_spans(text).tolist()]


def test_single_curly_quotes_mark_a_quotation_but_apostrophes_do_not():
    text = "‘The witch hunt must stop right now,’ the president wrote. Syria’s army and the Smiths’ house."
    assert _quoted(text) == ["The witch hunt must stop right now,"]
    # Too few words inside: "rock ‘n’ roll", a nickname; across a line break: not one quotation.
    assert _quoted("He loved rock ‘n’ roll and ‘Big Joe’ Turner.") == []
    assert _quoted("He said ‘we will go\nto the border’ today.") == []
    assert MIN_SINGLE_QUOTED_WORDS == 3


def test_a_quote_within_a_double_quotation_is_part_of_it():
    text = "“He told me ‘we will win this war’ and left,” she said."
    assert _quoted(text) == ["He told me ‘we will win this war’ and left,"]


def test_tweet_markup_and_rendered_tweet_signatures_are_quotations():
    markup = 'He wrote: <tweet author="someone" tweet_id="1">Another horrific attack, this time in Nice.</tweet>.'
    assert "Another horrific attack, this time in Nice." in _quoted(markup)
    rendered = (
        "Intro line.\nTroops set up wire under the bridge pic.twitter.com/x — Jo Doe (@jodoe) November 2, 2018\nNext."
    )
    assert _quoted(rendered) == ["Troops set up wire under the bridge pic.twitter.com/x"]
    alone = "Intro line.\nThe tweet text stands here on its own line\n— Jo Doe (@jodoe) November 2, 2018\nNext."
    assert _quoted(alone) == ["The tweet text stands here on its own line"]
    # Prose run on after the signature is not part of the tweet; a long line before it is cut to a tweet's length.
    long_line = "word " * 200 + "tweet ends here — Jo Doe (@jodoe) May 1, 2019 Prose goes on after it."
    (span,) = quotation_spans(long_line).tolist()
    assert span[1] - span[0] <= MAX_TWEET_CHARACTERS and long_line[span[0] : span[1]].endswith("tweet ends here")


def test_a_tweet_quoted_in_single_marks_and_embedded_is_a_shared_quote():
    tweet = "Bob is totally conflicted, and his angry helpers doing his dirty work are a disgrace to the country"
    own_a = "The president attacked the inquiry again on Wednesday morning from his residence in the capital."
    own_b = "Lawyers for the campaign filed a motion in federal court late on Friday, hours after the hearing."
    a = clean("a", f"{own_a}\n‘{tweet},’ the president tweeted.\nHe did not say more.")
    b = clean("b", f"{own_b}\n{tweet} pic.twitter.com/abc — Donald Trump (@realDonaldTrump) August 1, 2018\nEnd.")
    (pair,) = find_reuse([a, b]).pairs
    assert pair.kind == "shared_quote"


def test_hostile_text_does_not_break_quotation_spans():
    for text in ["", "‘", "’’’", "— (@x) May 1, 2019", "‘" * 10_000 + "’", "<tweet>" * 1000, "word ’s ‘ ‘ ’" * 5000]:
        spans = quotation_spans(text)
        assert spans.shape[1] == 2 and (spans[:, 0] <= spans[:, 1]).all()
        assert (spans[1:, 0] > spans[:-1, 1]).all()
