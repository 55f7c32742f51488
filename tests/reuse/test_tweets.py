"""Embedded tweets: their text is a quotation, found from the embed's signature."""

from __future__ import annotations

import random

from narratrace.reuse import find_reuse
from narratrace.reuse.tweets import MAX_TWEET_CHARACTERS, tweet_spans
from tests.reuse.synthetic import clean, paragraphs, sentence, vocabulary

SIGNATURE = "\u2014 Adolfo Flores (@aflores) November 13, 2018"


def _tweets(text: str) -> list[str]:
    return [text[start:end].strip() for start, end in tweet_spans(text)]


def test_a_tweet_is_the_text_before_its_signature_on_the_same_line():
    text = f"Own prose here.\n\nTroops close three lanes at the port. pic.twitter.com/abc123 {SIGNATURE}\n\nMore."
    assert _tweets(text) == ["Troops close three lanes at the port. pic.twitter.com/abc123"]


def test_a_signature_on_its_own_line_signs_the_paragraph_above():
    text = f"Own prose.\n\nHere are the three lanes that were shut.\n\n@10News pic.twitter.com/x1 {SIGNATURE} RT says:"
    assert _tweets(text) == ["Here are the three lanes that were shut.\n\n@10News pic.twitter.com/x1"]


def test_a_tweet_running_on_after_another_signature_starts_after_it():
    other = "\u2014 Kelly Biele (@kellytvnews) November 14, 2018"
    text = f"First tweet words here. {other} Photos posted today from the port.\n\npic.twitter.com/Mz {SIGNATURE}"
    assert _tweets(text) == ["First tweet words here.", "Photos posted today from the port.\n\npic.twitter.com/Mz"]


def test_a_long_line_before_a_signature_is_cut_to_a_tweets_length_at_a_sentence():
    prose = " ".join(f"Sentence number {k} of the outlet's own long paragraph." for k in range(20))
    (tweet,) = _tweets(f"{prose} The tweet itself is this one. {SIGNATURE}")
    assert len(tweet) <= MAX_TWEET_CHARACTERS
    assert tweet.startswith("Sentence number") and tweet.endswith("this one.")


def test_text_without_an_embed_signature_has_no_tweets():
    assert _tweets("He said (@aflores) nothing.\n- Reuters\nA dash \u2014 and more. November 13, 2018") == []
    assert _tweets(f"{SIGNATURE}") == []  # a signature with nothing above it


def test_hostile_texts_have_no_tweets_and_no_crash():
    for text in ("", "word", "(@", "\n\n" + SIGNATURE, "Он написал. " + SIGNATURE, "x " * 500_000 + SIGNATURE):
        assert isinstance(tweet_spans(text), list)


def test_a_shared_tweet_is_a_shared_quote_even_where_one_copy_dropped_its_signature():
    rng = random.Random(53)
    vocab = vocabulary(rng)
    tweet = sentence(rng, vocab, 30)
    signed = "\n\n".join([*paragraphs(rng, vocab, 3), tweet, f"pic.twitter.com/rc6YsAF5VQ {SIGNATURE}"])
    unsigned = "\n\n".join([*paragraphs(rng, vocab, 3), tweet, *paragraphs(rng, vocab, 2)])
    (pair,) = find_reuse([clean("a", signed), clean("b", unsigned)]).pairs
    assert pair.kind == "shared_quote"
    # Without the signature the same 30 words are the texts' own: a lifted passage, below a partial.
    bare = signed.replace(SIGNATURE, "")
    assert find_reuse([clean("a", bare), clean("b", unsigned)]).pairs == []


def test_a_quotation_its_sentence_attributes_to_twitter_is_a_tweet():
    after = "\u201cTeen got a new hat in the mail. A hat signed by @realDonaldTrump,\u201d Jo Gallow wrote on Twitter."
    assert _tweets(after) == ["Teen got a new hat in the mail. A hat signed by @realDonaldTrump,"]
    assert _tweets(
        "Trump tweeted: \u201cThe witch hunt must end now.\u201d Then \u201csomething else\u201d was said."
    ) == ["The witch hunt must end now."]


def test_a_quotation_not_attributed_to_twitter_in_its_sentence_is_no_tweet():
    assert _tweets("He said \u201ca story about the assault\u201d. Then he tweeted about it.") == []
    assert _tweets("He retweeted \u201ca story about the assault\u201d yesterday.") == []
    assert _tweets("\u201c" + "long words " * 60 + "\u201d he tweeted.") == []  # longer than any tweet


def test_a_tweet_quoted_in_one_text_and_printed_bare_in_the_other_is_a_shared_quote():
    rng = random.Random(23)
    vocab = vocabulary(rng)
    tweet = sentence(rng, vocab, 28).rstrip(".")
    quoted = "\n\n".join(
        [*paragraphs(rng, vocab, 3), f"\u201c{tweet},\u201d Jo Doe wrote on Twitter.", *paragraphs(rng, vocab, 2)]
    )
    bare = "\n\n".join([*paragraphs(rng, vocab, 3), f"#Update: {tweet}.", *paragraphs(rng, vocab, 2)])
    (pair,) = find_reuse([clean("a", quoted), clean("b", bare)]).pairs
    assert pair.kind == "shared_quote"
    # Quoted without saying it is a tweet, the words are one text's quotation and the other's own: no link.
    unattributed = quoted.replace("Jo Doe wrote on Twitter", "Jo Doe said")
    assert find_reuse([clean("a", unattributed), clean("b", bare)]).pairs == []
