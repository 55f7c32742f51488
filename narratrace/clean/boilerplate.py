"""Line-level boilerplate detection for text that an extractor already pulled out of a page.

Scrapers leave the page chrome around an article: player and navigation labels, "READ MORE:"
links, lists of related headlines, tag lines, comment forms, newsletter prompts. The rules here
are deliberately conservative because losing a body sentence is worse than keeping a stray
label: a line is removed only when a specific pattern names it, or when it is a short,
non-sentence line in the page chrome *before the first* or *after the last* body paragraph.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

# A body paragraph: enough words and ending like prose. Chrome lines almost never are. (The definition of a
# sentence end; ``ends_sentence`` tests it faster.)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*\s*$|[\"”’»]\s*$")
_WORD = re.compile(r"\w+")

_READ_MORE = re.compile(
    r"^(read more|read also|also read|see also|related|more on this|recommended|watch|listen)\s*[:\-–—]\s*\S",
    re.IGNORECASE,
)
# Interface strings of comment systems, newsletters and share bars (WordPress, Disqus, Viafoura, ...).
_UI_PHRASES = (
    r"be the first to comment|leave a (reply|comment)|post (a )?comment|add (a )?comment|comments?|discussion|"
    r"community (standards|guidelines)|your (e-?mail( address)?|name|comment)( will not be published\.?)?|"
    r"your e-?mail address will not be published\.?|required fields are marked \*?|"
    r"(subscribe|sign up)( now| today)?( to| for)?( our| the)?( daily| weekly| free)? newsletters?\.?|"
    r"subscribe|newsletter|share( this( article| story)?)?( on)?|tweet|email|print|"
    r"follow us( on (twitter|facebook|telegram|x))?|click here to .{0,60}|advertisement|sponsored( content)?|"
    r"get short url|listen live|log ?in|sign ?in|register|menu|search|skip to (main )?content|"
    r"all rights reserved\.?|loading\.*|cookies? policy|privacy policy|terms of (use|service)|"
    r"get the latest (news|updates)( right)? in your inbox\.?|you may also like\.*|most read( in [\w ]{1,30})?|"
    r"like this (story|article)\? share it with a friend!?|click to tweet|text size|have a tip\?.{0,80}|"
    r"copyright (©|\(c\))?.{0,80}|also on [\w.]+.{0,100}|more:"
)
_UI_LINE = re.compile(rf"^(?:(?:{_UI_PHRASES})\s*[|·•/,]?\s*)+$", re.IGNORECASE)
_COMMENT_KINDS = re.compile(r"comment|discussion|community|reply|your (e-?mail|name)|required fields", re.I)
_NEWSLETTER_KINDS = re.compile(r"newsletter|subscribe|sign up|follow us", re.I)
_SHARE_KINDS = re.compile(r"share|tweet|email|print", re.I)
# A lower-case letter before a capital; opening with a character class (not a look-behind) lets the engine
# skip ahead fast.
_CASE_CHANGE = re.compile(r"([a-z])(?=[A-Z])")

# In-body widgets (a poll, a sign-up form) open with a line such as "take our poll - story continues below" and
# close with the form's consent lines ("You also agree to this site's Privacy Policy and Terms of Use."). Their
# question and options read as sentences, so only the two ends, found within ``WIDGET_LINES``, mark the block.
_WIDGET_OPENER = re.compile(r"\b(?:take our poll|story continues below)\b", re.IGNORECASE)
_WIDGET_CLOSER = re.compile(
    r"this field is for validation purposes|\byou may opt[ -]?out at any ?time\b|"
    r"\bagree to (?:this site's|this site’s|our) privacy policy|"
    r"(?:grants you access|entitles you) to .{0,80}\bfree of charge",
    re.IGNORECASE,
)
WIDGET_LINES = 15
# Words one of the widget patterns needs; a text with none is not searched line by line (most texts: the
# case-insensitive alternations cost ~0.15 CPU ms a text, a lowered substring test a tenth of that).
_WIDGET_HINTS = (
    *("take our poll", "continues below", "validation purposes", "privacy policy", "free of charge"),
    *("opt out", "opt-out", "optout"),
)


def may_hold_widget(text: str) -> bool:
    """Whether ``text`` holds a word that a widget opener or consent line needs."""
    lowered = text.lower()
    return any(hint in lowered for hint in _WIDGET_HINTS)


def is_widget_consent(text: str) -> bool:
    """A form's consent or honeypot line on its own ("You may opt out at anytime."): chrome wherever it stands."""
    return bool(_WIDGET_CLOSER.search(text)) and not has_words(text, 26)


def widget_blocks(lines: list[Line]) -> list[tuple[int, int]]:
    """(first, last) line indexes of in-body widgets: an opener line, then a closer within ``WIDGET_LINES``;
    the block runs to the last closer line in a row."""
    blocks = []
    index = 0
    while index < len(lines):
        if _WIDGET_OPENER.search(lines[index].text):
            closers = [
                n
                for n in range(index + 1, min(len(lines), index + 1 + WIDGET_LINES))
                if _WIDGET_CLOSER.search(lines[n].text)
            ]
            if closers:
                last = closers[0]
                while last + 1 < len(lines) and _WIDGET_CLOSER.search(lines[last + 1].text):
                    last += 1
                blocks.append((index, last))
                index = last
        index += 1
    return blocks


# "*... banned in Russia" and similar legal notes that outlets attach to group names.
DISCLAIMER = re.compile(
    r"^\*+.{0,400}\b(banned|outlawed|prohibited|proscribed|extremist|terrorist organi[sz]ations?|"
    r"designated)\b.{0,400}$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Line:
    start: int  # original offset of the first non-space character
    end: int  # original offset just after the last non-space character
    text: str  # stripped line
    blank_before: bool  # separated from the previous non-empty line by a blank line


def split_lines(text: str) -> list[Line]:
    """Non-empty lines with their stripped spans in ``text``."""
    lines: list[Line] = []
    pos = 0
    blank = False
    for raw in text.splitlines(keepends=True):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            start = pos + lead
            lines.append(Line(start, start + len(stripped), stripped, blank or not lines))
            blank = False
        else:
            blank = True
        pos += len(raw)
    return lines


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def has_words(text: str, minimum: int) -> bool:
    """``word_count(text) >= minimum``, reading only as far as the ``minimum``-th word."""
    return sum(1 for _ in itertools.islice(_WORD.finditer(text), minimum)) >= minimum


_CLOSERS = "\"'”’»)]"


def ends_sentence(text: str) -> bool:
    """``_SENTENCE_END.search(text)``, read from the end: a full stop, ?, ! or … before closing quotes and
    brackets, or a closing quote, then only whitespace (the regex tries every full stop in a paragraph)."""
    end = text.rstrip()
    return end.endswith(('"', "”", "’", "»")) or end.rstrip(_CLOSERS).endswith((".", "!", "?", "…"))


def is_body_paragraph(text: str) -> bool:
    return has_words(text, 8) and ends_sentence(text)


def is_headline_like(text: str) -> bool:
    """A short line that reads like a title: several words, no sentence ending, mostly capitalised words."""
    words = text.split()
    if not 3 <= len(words) <= 25 or (ends_sentence(text) and not text.endswith(("?", "'", "’"))):
        return False
    capitalised = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    return capitalised / len(words) >= 0.5


def is_tag_line(text: str) -> bool:
    """'NGO, evacuation, NATO, Syria, US': many short comma-separated items and no sentence."""
    items = [item.strip() for item in text.split(",")]
    return (
        len(items) >= 4
        and ":" not in text
        and all(0 < word_count(item) <= 4 for item in items)
        and not ends_sentence(text)
        and not re.search(r"\b(and|or|the|of|to|is|are|was|were)\b", items[-1], re.I)
    )


_MENU_SEPARATORS = "|·•»>/"


def is_menu_line(text: str) -> bool:
    """'Home | World | Politics': short items joined by menu separators."""
    if text.startswith("|") and text.endswith("|"):
        return False  # a table row, not a menu
    if not any(separator in text for separator in _MENU_SEPARATORS):
        return False  # one item: the split below would find no separator (most lines; the split is slow)
    items = [item.strip() for item in re.split(r"\s[|·•»>/]\s", text)]
    return len(items) >= 3 and all(0 < word_count(item) <= 3 for item in items)


# ASCII letters to "a" (lower case) and "A" (capitals); every other byte, UTF-8 continuation bytes included, stays.
_LETTER_CASES = bytes.maketrans(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", b"a" * 26 + b"A" * 26)


def has_case_change(text: str) -> bool:
    """Whether ``_CASE_CHANGE`` finds anything in ``text``: a lower-case ASCII letter before a capital.

    The regex stops at every lower-case letter (most of a line); one byte translation and a substring
    search are several times faster, and most lines have no such place.
    """
    return b"aA" in text.encode("utf-8", "surrogatepass").translate(_LETTER_CASES)


def classify_ui_line(text: str) -> str | None:
    """The kind of interface string a line is, or None if it is not one."""
    # Labels glued together by the scraper ("Community standardsDiscussion") are split at the case change.
    spaced = _CASE_CHANGE.sub(r"\1 ", text) if has_case_change(text) else text
    if not _UI_LINE.match(spaced):
        return None
    if _COMMENT_KINDS.search(spaced):
        return "comment_form"
    if _NEWSLETTER_KINDS.search(spaced):
        return "newsletter"
    if _SHARE_KINDS.search(spaced):
        return "share"
    return "navigation"


def strong_kind(line: Line, in_chrome: bool, is_date_line: bool) -> str | None:
    """A kind named by a specific pattern: removed wherever it is (datelines only in the chrome)."""
    text = line.text
    if _READ_MORE.match(text) and not is_body_paragraph(text.split(":", 1)[-1]):
        return "read_more"
    kind = classify_ui_line(text)
    if kind:
        return kind
    if is_tag_line(text):
        return "tags"
    if is_menu_line(text):
        return "navigation"
    if in_chrome and is_date_line:
        return "dateline"
    return None


def weak_kind(line: Line, before_body: bool) -> str | None:
    """A kind guessed from shape alone, for a line in the chrome. Only removed when anchored (see clean)."""
    text = line.text
    if _LIST_OR_DATA.search(text):
        return None
    if is_headline_like(text):
        return "headline" if before_body else "related_headlines"
    if not has_words(text, 5) and not ends_sentence(text):
        return "navigation"
    return None


# Lists, tables, credits and captions that articles legitimately end with: tour dates ("June 9 – ..."),
# "- England (Group A): ...", "(Reporting by ...)", "| a | b |", "Contributing: ...", scores "70-44".
_LIST_OR_DATA = re.compile(
    r"^\s*(?:[-–—•*|\[(©_]|\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d)"
    r"|[@|:]|\d+\s*[-–:]\s*\d+",
    re.IGNORECASE,
)
