"""End matter: the author's bio, a reprint permission, a newsletter pitch or a "Follow X on Twitter" line.

The labelling guide counts author bios, "Article posted with permission from" lines and newsletter
prompts as stock: one writer's or site's posts all end with them, so two of those posts share the
lines without either reusing the other. The chrome pass (``clean/repeated.py``) finds such lines per
outlet when an outlet repeats them across many of its articles; it cannot when a text carries no
outlet (PTC) or when a columnist's bio sits under a handful of an outlet's hundreds of articles, and
by document frequency a bio under five posts keeps full weight (``ShingleRarity``).

So: a line among the last ``END_LINES`` non-empty lines of a text, of at most ``MAX_END_LINE_WORDS``
words, that reads like end matter (``_END_MATTER``: "NAME is the author of", "is a columnist",
"contributed to this report", "posted with permission", "Follow ... on Twitter", "sign up ...
newsletter", "email him") is furniture, like a poll widget (``repeats.py``): its shingles are no
evidence of reuse. The same words in the body (a source "is the author of a study") are untouched.
"""

from __future__ import annotations

import re

import numpy as np
import numpy.typing as npt

from narratrace.reuse.tokens import Words

END_LINES = 3
MAX_END_LINE_WORDS = 80
_END_MATTER = re.compile(
    r"\b(?:is|was) (?:the )?(?:co-?)?author of\b|"
    r"\bis (?:a|an|the) (?:[\w-]+ ){0,4}(?:columnist|contributor|contributing editor|editor at large|"
    r"senior fellow|fellow|correspondent|commentator|journalist|writer)\b|"
    r"\bcontributed to this (?:report|story|article)\b|\bposted with permission\b|\breprinted with permission\b|"
    r"\bfollow (?:[\w.@-]+ ){1,4}on (?:twitter|facebook|x)\b|\bfollow (?:him|her|them|us) on\b|"
    r"\bsign up\b.{0,80}\bnewsletters?\b|\bnewsletters?\b.{0,80}\bsign up\b|\be-?mail (?:him|her)\b|"
    r"\babout the author\b",
    re.IGNORECASE,
)


def end_matter_words(text: str, words: Words) -> npt.NDArray[np.bool_]:
    """True for each word of an end-matter line (see the module docstring)."""
    flags = np.zeros(len(words), dtype=bool)
    if not len(words):
        return flags
    lines: list[tuple[int, int]] = []
    end = len(text)
    while end > 0 and len(lines) < END_LINES:
        start = text.rfind("\n", 0, end) + 1
        if text[start:end].strip():
            lines.append((start, end))
        end = start - 1
    for start, stop in lines:
        line = text[start:stop]
        if len(line.split()) <= MAX_END_LINE_WORDS and _END_MATTER.search(line):
            flags |= (words.starts >= start) & (words.ends <= stop)
    return flags
