"""Quoted blocks without marks: a statement, letter or transcript an outlet sets off as a block.

Scraped pages lose the block-quote formatting, so a press release or a court filing printed as a
block reads as the outlet's own paragraphs. Two conventions still show it in plain text:

* an *introducer*: the sentence before a colon that ends a line, or that starts the rest of the line,
  names someone speaking or a document in its last ``CUE_WORDS`` words ("A Statement from the White
  House read as follows:", "According to the DOJ:", "He told the crowd:"); the block is the rest of that line and up to
  ``MAX_BLOCK_LINES`` lines below it, up to the next introducer (a colon followed by a quotation
  mark opens a marked quotation instead, whose marks say where it ends);
* a *sign-off*: a short line of a dash and a name under the block ("–DOJ"); the block is up to
  ``MAX_SIGNED_LINES`` lines above it.

Only blocks of someone who is not an outlet count: by the labelling guide, an outlet quoting another
outlet's reporting ("Fox News reports:", "As ABC reported:") reuses that outlet's text, and a writer's
own column quoted by another ("Pilger wrote:") is reuse of that writer's text. So an introducer must
hold a speech or document word (``_SPEAKING``) and no reporting or outlet word (``_OUTLET``).

Words in a block are quoted as words inside quotation marks are: quoted (by marks or a block) in both
texts, they are a quotation both report. In a block in one text only (the other prints them unmarked),
they are not the texts' own wording but not a known shared quotation either, since where a block ends
is a guess: they count for nothing (``significance.passage_evidence``).
"""

from __future__ import annotations

import re

import numpy as np
import numpy.typing as npt

# A statement quoted as a block runs a few paragraphs; the outlet's own text follows.
MAX_BLOCK_LINES = 6
# A sign-off under a block of unknown start covers the paragraphs right above it.
MAX_SIGNED_LINES = 3
# An introducer is one sentence, not a paragraph that happens to end in a colon.
MAX_INTRODUCER_WORDS = 25
# The speech or document word stands right before the colon ("... read as follows:", "He told the crowd:");
# one further back introduces something else ("that headline, which mirrors a tweet by X, is misleading:").
CUE_WORDS = 5
_SPEAKING = re.compile(
    r"\b(?:said|says|told|tells|stated|states|declared|declares|announced|added|continued|statement|release|"
    r"letter|reads?|transcript|testimony|tweeted|tweet|posted|ruling|indictment|according to)\b",
    re.IGNORECASE,
)
_OUTLET = re.compile(
    r"\b(?:reports?|reported|reporting|reporter|wrote|writes|writing|news|times|post|journal|magazine|gazette|"
    r"herald|tribune|daily|reuters|ap|afp|cnn|msnbc|fox|abc|cbs|nbc|bbc|npr|politico|breitbart|axios|bloomberg|"
    r"article|column|op-ed|editorial|blog|story|has more)\b|\.(?:com|org|net)\b|\bI\b",
    re.IGNORECASE,
)
_OPENS_QUOTE = re.compile("\\s*[\"'\u201c\u2018\u00ab]")
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s")
_SIGN_OFF = re.compile(r"^\s*[\u2013\u2014-]{1,2}\s?([A-Z][\w.&'\u2019]*(?:\s[\w.&'\u2019]+){0,4})\s*$")


def _introducer(line: str) -> int | None:
    """Where the block starts in ``line`` (after its colon) when the line introduces a speaker's block."""
    colon = line.rfind(":")
    while colon >= 0:
        rest = line[colon + 1 :]
        # A colon followed by a quotation mark opens a marked quotation: its marks say where it ends.
        if (not rest.strip() or rest.startswith(" ")) and not _OPENS_QUOTE.match(rest):
            head = line[:colon]
            ends = [m.end() for m in _SENTENCE_END.finditer(head)]
            sentence = head[ends[-1] :] if ends else head
            words = sentence.split()
            if (
                len(words) <= MAX_INTRODUCER_WORDS
                and _SPEAKING.search(" ".join(words[-CUE_WORDS:]))
                and not _OUTLET.search(sentence)
            ):
                return colon + 1
        colon = line.rfind(":", 0, colon)
    return None


def block_spans(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of unmarked blocks of a speaker's text (see the module docstring)."""
    if ":" not in text and "\u2013" not in text and "\u2014" not in text and "-" not in text:
        return []
    lines: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        lines.append((start, start + len(line)))
        start += len(line) + 1
    spans: list[tuple[int, int]] = []
    for number, (line_start, line_end) in enumerate(lines):
        line = text[line_start:line_end]
        sign_off = _SIGN_OFF.match(line)
        if sign_off and not _OUTLET.search(sign_off.group(1)) and number > 0:
            first = max(0, number - MAX_SIGNED_LINES)
            spans.append((lines[first][0], lines[number - 1][1]))
            continue
        at = _introducer(line)
        if at is None:
            continue
        end = line_end
        for below in range(number + 1, min(len(lines), number + 1 + MAX_BLOCK_LINES)):
            if _introducer(text[lines[below][0] : lines[below][1]]) is not None:
                break
            end = lines[below][1]
        if end > line_start + at:
            spans.append((line_start + at, end))
    return spans


def words_inside(
    spans: list[tuple[int, int]], starts: npt.NDArray[np.int64], ends: npt.NDArray[np.int64]
) -> npt.NDArray[np.bool_]:
    """True for each word (character spans ``starts``/``ends``) wholly inside one of ``spans``."""
    inside = np.zeros(len(starts), dtype=bool)
    for start, end in spans:
        inside |= (starts >= start) & (ends <= end)
    return inside


def block_words(text: str, starts: npt.NDArray[np.int64], ends: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    """True for each word (character spans ``starts``/``ends``) inside a block."""
    return words_inside(block_spans(text), starts, ends)
