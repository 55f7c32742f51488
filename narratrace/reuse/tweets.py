"""Embedded tweets: someone's words that a scraped page prints as its own paragraph.

A tweet embedded in a news page keeps, in plain text, the embed's signature: a dash, the author's name,
their handle in parentheses and the date ("— Adolfo Flores (@aflores) November 13, 2018"). The tweet's text
is right before it: on the same line (text, links, then the signature) or, when the line holds only the
signature and the tweet's trailing links and mentions, on the nearest non-empty line above. A tweet is at
most ``MAX_TWEET_CHARACTERS`` long, so a paragraph of the outlet's own prose run into the tweet's line is
cut off at the sentence where those characters begin.

By the labelling guide a shared tweet is a shared quotation, however long. Unlike an introducer's block
(``blocks.py``), whose end is a guess, a tweet's extent is fixed by its signature, so its words are
quoted even where the other text prints them without the embed (a copy that dropped the signature line):
the tweet's author wrote them, not either outlet (``significance.passage_evidence``).

A tweet is also what a text quotes in marks and attributes to Twitter in the same sentence ("“...,” Joe
Galli wrote on Twitter.", "Trump tweeted: “...”"): the marks fix its extent as a signature does, so a copy
that prints the same words unmarked (the embed's text, whose signature may be lines away or dropped) still
prints the tweet's author's words. Only quotations of a tweet's length count.
"""

from __future__ import annotations

import re

import numpy as np
import numpy.typing as npt

from narratrace.reuse.blocks import words_inside
from narratrace.reuse.quotations import quotation_spans

# 280 characters of text plus the links the embed prints in full (a t.co link, a pic.twitter.com link).
MAX_TWEET_CHARACTERS = 340
# Words (not links or mentions) the signature's line must hold before the signature to be the tweet itself;
# with fewer, the tweet is the paragraph above and the line holds only its trailing links and mentions.
MIN_TWEET_WORDS = 3
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_SIGNATURE = re.compile(
    r"(?:^|(?<=\s))(?:\u2014|\u2013|-{1,2})\s?[^\n()\u2014\u2013]{1,60}?\s?\(@\w{1,15}\)\s+"
    rf"(?:{_MONTHS})\s+\d{{1,2}},\s+\d{{4}}"
)
_LINK_OR_MENTION = re.compile(r"^(?:https?://\S+|pic\.twitter\.com/\S+|[@#]\w+)$")
# Said of a quotation within its sentence, before or after it: the quotation is a tweet. "retweeted" is left
# out: who retweets a story is not quoting its words.
_ON_TWITTER = re.compile(r"\b(?:tweeted|tweets|on Twitter|in a tweet)\b")
# How far from the quotation's marks the attribution may stand ("," Joe Galli, a reporter for News 4, wrote on Twitter).
_ATTRIBUTION_CHARACTERS = 80
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*(?:\s|$)|\n")
_SENTENCE_START = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=[.!?][\"'\u201d\u2019)]\s))\S")


def _tweet_start(text: str, start: int, end: int) -> int:
    """Start of the tweet that ends at ``end``: ``start``, or the first sentence within the length limit."""
    if end - start <= MAX_TWEET_CHARACTERS:
        return start
    floor = end - MAX_TWEET_CHARACTERS
    for match in _SENTENCE_START.finditer(text, floor, end):
        if match.start() > floor or match.start() == start:
            return match.start()
    return end


def _words(text: str) -> int:
    return sum(1 for token in text.split() if not _LINK_OR_MENTION.match(token))


def _attributed_to_twitter(text: str, start: int, end: int) -> bool:
    """Whether the sentence around the quotation ``text[start:end]`` says it was posted on Twitter."""
    after = text[end : end + _ATTRIBUTION_CHARACTERS]
    stop = _SENTENCE_END.search(after)
    if _ON_TWITTER.search(after[: stop.start() if stop else len(after)]):
        return True
    before = text[max(0, start - _ATTRIBUTION_CHARACTERS) : start]
    sentence_starts = [m.end() for m in _SENTENCE_END.finditer(before)]
    return bool(_ON_TWITTER.search(before[sentence_starts[-1] if sentence_starts else 0 :]))


def quoted_tweet_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quotations (in marks) of a tweet's length that their sentence attributes to Twitter."""
    if "weet" not in text and "Twitter" not in text:
        return []
    return [
        (start, end)
        for start, end in quotation_spans(text).tolist()
        if 0 < end - start <= MAX_TWEET_CHARACTERS and _attributed_to_twitter(text, start, end)
    ]


def tweet_spans(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of the text of tweets: embedded, or quoted and attributed to Twitter (module docstring)."""
    quoted = quoted_tweet_spans(text)
    if "(@" not in text:
        return quoted
    spans: list[tuple[int, int]] = []
    previous_end = 0
    for signature in _SIGNATURE.finditer(text):
        line_start = text.rfind("\n", 0, signature.start()) + 1
        start, end = max(line_start, previous_end), signature.start()
        if _words(text[start:end]) < MIN_TWEET_WORDS and start == line_start:
            # The line holds only the signature (and the tweet's links): the tweet is the paragraph above,
            # unless that paragraph ends with another tweet's signature.
            above_end = len(text[:line_start].rstrip())
            above_start = text.rfind("\n", 0, above_end) + 1
            if above_end <= above_start or above_end <= previous_end:
                previous_end = signature.end()
                continue
            start = max(above_start, previous_end)  # another tweet may end mid-line, this one following it
        previous_end = signature.end()
        start = _tweet_start(text, start, end)
        if _words(text[start:end]) > 0:
            spans.append((start, len(text[:end].rstrip())))
    return sorted(spans + quoted)


def tweet_words(text: str, starts: npt.NDArray[np.int64], ends: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    """True for each word (character spans ``starts``/``ends``) inside an embedded tweet's text."""
    return words_inside(tweet_spans(text), starts, ends)
