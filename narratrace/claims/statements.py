"""The statements of an article that can carry a claim: attributed contents, and check-worthy sentences
that no attribution covers (bare assertions).

Sentences are found with a rule splitter over the cleaned text (boilerplate already gone), and screened
with cheap tests first (length, questions, headings, link and sharing lines); only the statements that
meet a candidate in another article are parsed (see ``matching``), where ``has_subject_and_verb`` finishes
the check.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from narratrace.claims.types import Attribution, TextSpan
from narratrace.clean.types import CleanArticle
from narratrace.measures import split_sentences

MIN_WORDS = 6
MAX_WORDS = 80
MIN_CONTENT_WORDS = 4  # an attributed content shorter than this ("so", "it was true") states nothing to match
# A long article keeps its lead and its most claim-like sentences (numbers, attribution cues, names), up to
# this many statements: the embedding of each statement is most of the stage's cost.
MAX_STATEMENTS_PER_ARTICLE = 20
_LEAD_SENTENCES = 3
_ATTRIBUTION_CUE = re.compile(
    r"\b(said|says|told|according to|claim(?:s|ed)?|accuse[sd]?|report(?:s|ed)|warn(?:s|ed)|den(?:y|ies|ied)|"
    r"confirm(?:s|ed)|announce[sd]?|allege[sd]?)\b",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
# An attributed content that is an indirect question ("asked whether ...", "why he won't attend") asks, it does
# not claim; one that ends on a function word was cut off by the attribution model ("... as long as"). Neither
# is matched: on bench/data/claim_path_pairs such contents were in 110 pairs, 7 of them the same claim.
_INDIRECT_QUESTION = re.compile(r"^(?:whether|if|why|how|what|who|whom|which|when|where)\b", re.IGNORECASE)
_CUT_OFF = re.compile(
    r"\b(?:a|an|the|and|or|but|of|to|in|on|at|by|for|with|from|as|that|than|if|whether|because|while|who|which|"
    r"his|her|their|its|our|not|is|was|are|were)\s*$",
    re.IGNORECASE,
)
# Cut off before its noun: "GOP presidential front-runner Donald Trump’s". Not a decade ("the 1970’s") nor a
# possessive whose noun a comparison leaves out: "closer to Trump’s than Clinton’s", "differs from Mr. Obama's".
_POSSESSIVE_END = re.compile(r"[^\W\d]['’]s\s*$")
_ELLIPTIC_POSSESSIVE = re.compile(r"\b(?:like|unlike|than|from|as|not|is|was)\s+(?:\S+\s+){0,2}\S+['’]s\s*$", re.I)
# A newsroom's request, not anyone's claim: "did not respond to a request for comment", "repeated requests to
# comment on the subject", "messages seeking comment".
_REQUEST_FOR_COMMENT = re.compile(
    r"^(?:(?:a|an|the|our|his|her|their|repeated|multiple|several|numerous|further|two|three|email(?:ed)?|phone)\s+)*"
    r"(?:requests?|messages?|calls?|e-?mails?|inquir(?:y|ies)|queries|questions?)\s+(?:for|seeking|to|requesting)\s+"
    r"(?:a\s+|further\s+)?comments?\b",
    re.IGNORECASE,
)
_INNER_NAME = re.compile(r"(?<=[a-z,;:] )[A-Z][a-z]")  # a capitalised word that does not start the sentence

# A sentence ends at . ! ? (with closing quotes or brackets) before a space and a capital, digit or quote;
# a line break always ends one. Abbreviations such as "U.S." before a capital split wrongly and rarely matter.
_WORD = re.compile(r"\w+(?:['’.-]\w+)*")
_TERMINAL = re.compile(r"[.!\"'”’)]\s*$")
_LINK = re.compile(r"https?://|www\.|@\w|#\w|\.com\b", re.IGNORECASE)
_BOILERPLATE_START = re.compile(
    r"^\s*(read more|click|subscribe|sign up|follow us|follow\b|share\b|copyright|all rights|©|listen|watch|"
    r"related|advertisement|photo|image|video|getty|this article|this story|the views expressed)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Statement:
    """One statement of one article, with offsets into the ORIGINAL text (``Article.text``)."""

    article_index: int
    content: TextSpan
    source: TextSpan | None = None
    source_type: str = "unattributed"
    source_refers_to: TextSpan | None = None
    source_via: TextSpan | None = None  # the outlet the source spoke to (``Attribution.via``)
    cue: TextSpan | None = None  # the words that mark the attribution ("announced Monday", "ruled")


def content_states_claim(text: str) -> bool:
    """Whether an attributed content can be a claim: not an indirect question, not cut off mid-phrase or before
    its noun, not a request for comment."""
    stripped = text.strip()
    return not (
        _INDIRECT_QUESTION.match(stripped)
        or _CUT_OFF.search(stripped)
        or (_POSSESSIVE_END.search(stripped) and not _ELLIPTIC_POSSESSIVE.search(stripped))
        or _REQUEST_FOR_COMMENT.match(stripped)
    )


def _looks_like_heading(words: list[str]) -> bool:
    capitalised = sum(1 for w in words if w[:1].isupper())
    return capitalised / len(words) > 0.6


def _is_check_worthy(sentence: str) -> bool:
    words = _WORD.findall(sentence)
    if not MIN_WORDS <= len(words) <= MAX_WORDS:
        return False
    stripped = sentence.rstrip("\"'”’) ")
    if stripped.endswith("?") or not _TERMINAL.search(sentence):
        return False
    if _LINK.search(sentence) or _BOILERPLATE_START.match(sentence):
        return False
    return not _looks_like_heading(words)


def _overlaps(span: tuple[int, int], spans: Sequence[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in spans)


def _salience(sentence: str) -> int:
    """How claim-like a sentence looks, cheaply: it gives a number, cites someone, names someone."""
    return sum(bool(p.search(sentence)) for p in (_DIGIT, _ATTRIBUTION_CUE, _INNER_NAME))


def _select(sentences: list[str], room: int) -> list[int]:
    """Positions of the sentences to keep when there is room for ``room``: the lead, then the most salient
    (earlier first among equals), in text order."""
    if room <= 0:
        return []
    if len(sentences) <= room:
        return list(range(len(sentences)))
    lead = list(range(min(_LEAD_SENTENCES, room)))
    rest = sorted(range(len(lead), len(sentences)), key=lambda i: (-_salience(sentences[i]), i))
    return sorted(lead + rest[: room - len(lead)])


def article_statements(
    index: int,
    article: CleanArticle,
    attributions: Sequence[Attribution] = (),
    max_statements: int = MAX_STATEMENTS_PER_ARTICLE,
) -> list[Statement]:
    """Attributed contents of one article plus its check-worthy sentences that no attribution covers, at
    most ``max_statements`` in all (attributed contents first, then the lead and the most claim-like
    sentences)."""
    original = article.article.text
    out: list[Statement] = []
    covered: list[tuple[int, int]] = []
    for attribution in attributions:
        span = attribution.content
        if attribution.source is not None and not attribution.carries_claim:
            continue  # an intention or a private act ("wants", "bought"): the sentence is the article's own assertion
        if not 0 <= span.start < span.end <= len(original):
            continue  # offsets from elsewhere; a claim must point into this article's text
        if len(_WORD.findall(original[span.start : span.end])) < MIN_CONTENT_WORDS:
            continue
        if (span.start, span.end) in covered:
            continue  # one content with two sources or cues: one statement (the first attribution's)
        if len(out) >= max_statements:
            break
        covered.append((span.start, span.end))
        text = original[span.start : span.end]
        source_type = attribution.source_type if attribution.source is not None else "unattributed"
        if source_type != "unattributed" and not content_states_claim(text):
            continue  # its sentence stays covered: it is reported speech, not a bare assertion
        content = TextSpan(span.start, span.end, text)
        out.append(
            Statement(
                index, content, attribution.source, source_type, attribution.refers_to, attribution.via, attribution.cue
            )
        )
    masked = article.masked_spans()
    sentences: list[tuple[int, int]] = []
    for start, end in split_sentences(article.text):
        if _overlaps((start, end), masked) or not _is_check_worthy(article.text[start:end]):
            continue
        orig_start, orig_end = article.offsets.span_to_original(start, end)
        if orig_end <= orig_start or _overlaps((orig_start, orig_end), covered):
            continue
        sentences.append((orig_start, orig_end))
    texts = [original[start:end] for start, end in sentences]
    for position in _select(texts, max_statements - len(out)):
        start, end = sentences[position]
        out.append(Statement(index, TextSpan(start, end, texts[position])))
    return out


def has_subject_and_verb(doc: object) -> bool:
    """Whether a tagged spaCy ``Doc`` has a finite verb with a noun or pronoun before it: an assertion,
    not a caption or a list of names. Uses the tagger's fine tags (no parser, which costs more)."""
    seen_nominal = False
    for token in doc:  # type: ignore[attr-defined]
        tag = token.tag_
        if tag.startswith(("NN", "PRP", "CD")) or tag in ("EX", "WP"):
            seen_nominal = True
        elif seen_nominal and tag in ("VBD", "VBZ", "VBP", "MD", "VBN", "VBG"):
            return True
    return False
