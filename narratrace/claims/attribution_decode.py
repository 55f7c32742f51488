"""From per-piece BIO probabilities to spans, and from spans of the three parts to linked attributions.

Decoding works on words, not word pieces: every piece of a word takes the tag of the word's first piece,
so a span never starts or ends inside a word. Linking pairs each content span with the nearest cue in
the same paragraph, and that cue with the nearest source: attribution parts sit close to each other
("X said Y", "Y, X said", "according to X, Y").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from narratrace.claims.attribution_quotes import continued_quotations, quotation_open_at, speakers_after_quotations

Span = tuple[int, int]
OUTSIDE, BEGIN, INSIDE = 0, 1, 2


@dataclass(frozen=True)
class ScoredSpan:
    start: int
    end: int
    score: float  # mean probability of "in the span" over its pieces


@dataclass(frozen=True)
class LinkedAttribution:
    source: Span | None
    cue: Span | None
    content: Span
    confidence: float


def word_starts(offsets: np.ndarray, text: str) -> np.ndarray:
    """True for the pieces that start a word: a piece glued to an alphanumeric predecessor continues it."""
    starts = np.ones(len(offsets), dtype=bool)
    for i in range(1, len(offsets)):
        previous_end, start = int(offsets[i - 1, 1]), int(offsets[i, 0])
        if start == previous_end and start > 0 and text[start - 1].isalnum() and text[start : start + 1].isalnum():
            starts[i] = False
    return starts


def merge_close(text: str, spans: list[ScoredSpan], max_gap_chars: int) -> list[ScoredSpan]:
    """Join spans separated by at most ``max_gap_chars`` within a paragraph (a content clause cut in two)."""
    merged: list[ScoredSpan] = []
    for span in spans:
        if merged and span.start - merged[-1].end <= max_gap_chars and "\n" not in text[merged[-1].end : span.start]:
            last = merged[-1]
            merged[-1] = ScoredSpan(last.start, span.end, (last.score + span.score) / 2)
        else:
            merged.append(span)
    return merged


def decode_spans(
    text: str, offsets: np.ndarray, probs: np.ndarray, low: float = 0.5, high: float = 0.5
) -> list[ScoredSpan]:
    """Spans of one part from (n_pieces, 3) O/B/I probabilities, read word by word with hysteresis.

    A span is a run of words whose "in the span" probability (B + I) is at least ``low`` and that holds
    one word at ``high`` or more; a word where B outweighs I starts a new span. With ``low`` below ``high``
    a long quote whose middle the tagger doubts stays one span instead of breaking into fragments.
    """
    if not len(offsets):
        return []
    first = np.flatnonzero(word_starts(offsets, text))
    last_piece = np.append(first[1:], len(offsets)) - 1
    inside = probs[first, BEGIN] + probs[first, INSIDE]
    opens = probs[first, BEGIN] > np.maximum(probs[first, INSIDE], 0.5)
    spans: list[ScoredSpan] = []
    run: list[int] = []

    def close() -> None:
        if run and inside[run].max() >= high:
            start, end = int(offsets[first[run[0]], 0]), int(offsets[last_piece[run[-1]], 1])
            spans.append(ScoredSpan(start, end, float(inside[run].mean())))
        run.clear()

    for word in range(len(first)):
        if inside[word] < low or opens[word]:
            close()
        if inside[word] >= low:
            run.append(word)
    close()
    return spans


def split_at_lines(text: str, spans: list[ScoredSpan], keep_open_quotes: bool = False) -> list[ScoredSpan]:
    """Each span cut at line breaks into its non-blank lines (same score).

    For sources and cues: in PolNeAR's training part 1 of 15,422 gold sources and none of 16,630 cues
    crosses a line break, while the tagger runs a source on from a headline or URL line into the text.
    ``keep_open_quotes`` (for contents): a break after a line whose quotation is still open is no cut. A quotation
    runs on over lines where a text puts each sentence on its own line ("“Right now I'm just concerned ...\nIt's
    highly unusual,” Hickey told media.") and over paragraphs opened again with a quote mark; cut there, the first
    line was left as a quotation with no speaker.
    """
    pieces: list[ScoredSpan] = []
    for span in spans:
        start = span.start
        cuts = [span.start + m.start() for m in re.finditer("\n", text[span.start : span.end])]
        if keep_open_quotes:
            cuts = [i for i in cuts if not quotation_open_at(text, span.start, i)]
        for end in [*cuts, span.end]:
            trimmed = _trimmed(text, start, end)
            if trimmed is not None:
                pieces.append(ScoredSpan(trimmed[0], trimmed[1], span.score))
            start = end + 1
    return pieces


# Marks a word may open with: a source's start is moved back to its word's start, never past one of these.
_OPENING_MARKS = "\"“‘'([—"


def source_word_starts(text: str, spans: list[ScoredSpan]) -> list[ScoredSpan]:
    """Sources start on a word: a leading comma is dropped, a start inside a word goes back to the word's start.

    No gold source in PolNeAR's training part starts with ',', '.' or '-' (0 of 15,422), but the tagger's words
    may ("Donald J. Trump[, who]", "Mrs[. Clinton]", "African[-Americans]", "Syria[’s Idlib Residents]").
    A span left with no letter or digit is dropped: the sentence shape may still give the cue its source.
    """
    mended: list[ScoredSpan] = []
    for span in spans:
        start = span.start
        while start < span.end and (text[start] in ",;:" or text[start].isspace()):
            start += 1
        if 0 < start < span.end and text[start - 1].isalnum():
            while start > 0 and not text[start - 1].isspace() and text[start - 1] not in _OPENING_MARKS:
                start -= 1
        if any(character.isalnum() for character in text[start : span.end]):
            mended.append(ScoredSpan(start, span.end, span.score))
    return mended


# A source ends before a preposition the tagger ran on into: "The Senate on [Tuesday] passed", "Florida Gov. Ron
# DeSantis on [Thursday] signed". 7 of 15,422 gold sources in PolNeAR's training part end on one.
_TRAILING_PREPOSITION = re.compile(r"(?:[\s,]+(?:on|in|at|of|for|to|from|with|by|about))+[\s,]*$", re.IGNORECASE)


# A content ends before a conjunction or preposition the tagger ran on into: "out of business,"[ while]", "to probe
# the attack[, in]". 35 of 16,631 gold contents in PolNeAR's training part end on one of these (0.2%; "that" and
# "which", which end 111 gold contents, are not among them), against 3% of the default model's contents on dev.
_TRAILING_FUNCTION_WORD = re.compile(
    r"(?:[\s,;]+(?:and|or|but|nor|of|in|on|at|for|to|from|with|by|about|while|because|when|if))+[\s,;]*$",
    re.IGNORECASE,
)


def sources_without_trailing_prepositions(text: str, spans: list[ScoredSpan]) -> list[ScoredSpan]:
    """Sources end before a trailing preposition ("The Supreme Court[ on]"); a span that is nothing else is kept."""
    return _without_trailing(text, spans, _TRAILING_PREPOSITION)


def contents_without_trailing_function_words(text: str, spans: list[ScoredSpan]) -> list[ScoredSpan]:
    """Contents end before a trailing conjunction or preposition ("out of business,\"[ while]")."""
    return _without_trailing(text, spans, _TRAILING_FUNCTION_WORD)


def _without_trailing(text: str, spans: list[ScoredSpan], trailing: re.Pattern[str]) -> list[ScoredSpan]:
    mended = []
    for span in spans:
        cut = trailing.search(text, span.start, span.end)
        end = cut.start() if cut is not None and cut.start() > span.start else span.end
        mended.append(ScoredSpan(span.start, end, span.score))
    return mended


def cues_without_trailing_commas(text: str, spans: list[ScoredSpan]) -> list[ScoredSpan]:
    """Cues end before a trailing comma or semicolon ("replied[,] “Well…"): 9 of 16,630 gold cues in PolNeAR's
    training part end with one, against 14 of 3,491 of the tagger's on dev, 11 of them where gold has none."""
    mended = []
    for span in spans:
        end = span.end
        while end > span.start and (text[end - 1] in ",;" or text[end - 1].isspace()):
            end -= 1
        if end > span.start:
            mended.append(ScoredSpan(span.start, end, span.score))
    return mended


def _gap(a: Span, b: Span) -> int:
    return max(0, b[0] - a[1], a[0] - b[1])


def _same_paragraph(text: str, a: Span, b: Span) -> bool:
    low, high = min(a[1], b[1]), max(a[0], b[0])
    return "\n" not in text[low:high] if low < high else True


def _nearest(text: str, anchor: Span, candidates: list[ScoredSpan], max_chars: int) -> ScoredSpan | None:
    best: tuple[int, ScoredSpan] | None = None
    for candidate in candidates:
        span = (candidate.start, candidate.end)
        gap = _gap(anchor, span)
        if gap <= max_chars and _same_paragraph(text, anchor, span) and (best is None or gap < best[0]):
            best = (gap, candidate)
    return best[1] if best else None


def link_parts(text: str, spans: Mapping[str, list[ScoredSpan]], max_chars: int) -> list[LinkedAttribution]:
    """One attribution per cue (its nearest content and nearest source), and one per content no cue took.

    Anchoring on cues keeps every cue and its source even when two cues share one content span
    ("X said, and Y agreed, that ..."); a content without a cue nearby stays, unattributed.
    """
    linked = []
    taken: set[tuple[int, int]] = set()
    for cue in spans["Cue"]:
        cue_span = (cue.start, cue.end)
        content = _nearest(text, cue_span, spans["Content"], max_chars)
        if content is None:
            continue
        taken.add((content.start, content.end))
        source = _nearest(text, cue_span, spans["Source"], max_chars)
        scores = [content.score, cue.score] + ([source.score] if source else [])
        linked.append(
            LinkedAttribution(
                (source.start, source.end) if source else None,
                cue_span,
                (content.start, content.end),
                float(np.mean(scores)),
            )
        )
    for content in spans["Content"]:
        if (content.start, content.end) in taken:
            continue
        # No cue took this content: it keeps the nearest cue (shared) and that cue's source, if any.
        content_span = (content.start, content.end)
        shared_cue = _nearest(text, content_span, spans["Cue"], max_chars)
        shared_span = (shared_cue.start, shared_cue.end) if shared_cue else None
        its_source = _nearest(text, shared_span, spans["Source"], max_chars) if shared_span else None
        scores = [content.score] + [part.score for part in (shared_cue, its_source) if part is not None]
        source_span = (its_source.start, its_source.end) if its_source else None
        linked.append(LinkedAttribution(source_span, shared_span, content_span, float(np.mean(scores))))
    return linked


def rescue_contents(
    text: str, cues: list[ScoredSpan], strict: list[ScoredSpan], loose: list[ScoredSpan], max_chars: int
) -> list[ScoredSpan]:
    """``strict`` contents plus, for each cue with none in reach, its nearest ``loose`` content.

    Contents are read with a high peak threshold for precision; a cue left without any would be lost with
    its source, so it falls back on a content read with looser thresholds.
    """
    extra: list[ScoredSpan] = []
    for cue in cues:
        cue_span = (cue.start, cue.end)
        if _nearest(text, cue_span, strict, max_chars) is None:
            fallback = _nearest(text, cue_span, loose, max_chars)
            if fallback is not None and fallback not in extra and fallback not in strict:
                extra.append(fallback)
    return sorted(strict + extra, key=lambda span: (span.start, span.end))


def drop_unattributed(linked: list[LinkedAttribution], min_confidence: float) -> list[LinkedAttribution]:
    """Attributions without a cue kept only when confident: a cue-less content is mostly a tagger false alarm
    (on the inner split, dropping those under 0.7 raised content precision more than it cost recall)."""
    return [a for a in linked if a.cue is not None or a.confidence >= min_confidence]


# Annotators never start or end a content span on these (measured on the training part: no gold content
# starts with ':' or ends with '.' or ','); quotation marks stay.
EDGE_PUNCTUATION = frozenset(" \t\n\xa0.,;:—–-")
MAX_QUOTE_CHARS = 600


def snap_contents(text: str, spans: list[ScoredSpan], in_quotes: np.ndarray) -> list[ScoredSpan]:
    """Content spans moved to quotation boundaries and stripped of edge punctuation.

    ``in_quotes`` is 1 for each character inside a quotation (its marks included). A span ending inside a
    quotation runs on to the closing mark; one starting inside a quotation goes back to the opening mark.
    """
    snapped = []
    for span in spans:
        start, end = span.start, span.end
        if 0 < end < len(text) and in_quotes[end - 1] and in_quotes[end]:
            close = end
            while close < len(text) and in_quotes[close] and text[close] != "\n" and close - end < MAX_QUOTE_CHARS:
                close += 1
            if not (close < len(text) and in_quotes[close]):
                end = close
        if 0 < start < len(text) and in_quotes[start] and in_quotes[start - 1]:
            open_at = start
            while open_at > 0 and in_quotes[open_at - 1] and text[open_at - 1] != "\n" and start - open_at < 300:
                open_at -= 1
            if text[open_at] in "“\"'‘«":
                start = open_at
        while start < end and text[start] in EDGE_PUNCTUATION:
            start += 1
        while end > start and text[end - 1] in EDGE_PUNCTUATION:
            end -= 1
        if end > start:
            snapped.append(ScoredSpan(start, end, span.score))
    return snapped


@dataclass(frozen=True)
class SyntaxFlags:
    """Per word-piece facts from the parse that source recovery reads."""

    sentence_start: np.ndarray  # bool: the piece starts a sentence
    nominal: np.ndarray  # bool: noun, proper noun or pronoun
    clause_opener: np.ndarray  # bool: a word that opens an adverbial phrase or clause, not a subject
    citing_cues: frozenset[str] = frozenset({"citing", "quoting"})


def recover_sources(
    text: str, linked: list[LinkedAttribution], offsets: np.ndarray, flags: SyntaxFlags
) -> list[LinkedAttribution]:
    """A source for cues the tagger left without one, from the sentence's shape.

    * ``X, citing Y, reported that ...``: the cue "citing" / "quoting" takes the noun phrase after it (Y);
    * ``X[, aside,] reported that ...``: a reporting cue before its content takes the sentence's opening
      noun phrase up to the first comma (X), when that phrase is short and starts like a subject;
    * a quotation that ends its clause takes the speaker its sentence names after it: `"...," X said.`
      (``speakers_after_quotations``);
    * a quotation alone on its line after another one with a source takes that source (``continued_quotations``).
    """
    recovered = []
    sentence_starts = offsets[flags.sentence_start, 0] if len(offsets) else np.zeros(0, dtype=np.int64)
    for attribution in linked:
        cue, content = attribution.cue, attribution.content
        if attribution.source is None and cue is not None and content[0] >= cue[1]:
            if text[cue[0] : cue[1]].lower() in flags.citing_cues:
                source = _phrase_after(text, cue[1], content[0])
            else:
                source = _opening_phrase(text, cue[0], sentence_starts, offsets, flags)
            if source is not None:
                attribution = LinkedAttribution(source, cue, content, attribution.confidence)
        recovered.append(attribution)
    return continued_quotations(text, speakers_after_quotations(text, recovered))


def _trimmed(text: str, start: int, end: int) -> Span | None:
    piece = text[start:end]
    start, end = start + len(piece) - len(piece.lstrip()), start + len(piece.rstrip())
    return (start, end) if end > start else None


def _phrase_after(text: str, start: int, limit: int) -> Span | None:
    after = text[start:limit]
    stops = [at for at in (after.find(","), after.find("\n"), after.find(" that ")) if at >= 0]
    span = _trimmed(text, start, start + min(stops, default=len(after)))
    return span if span and len(text[span[0] : span[1]].split()) <= 8 else None


def _opening_phrase(
    text: str, cue_start: int, sentence_starts: np.ndarray, offsets: np.ndarray, flags: SyntaxFlags
) -> Span | None:
    earlier = sentence_starts[sentence_starts <= cue_start]
    sentence = max(int(earlier.max()) if len(earlier) else 0, text.rfind("\n", 0, cue_start) + 1)
    window = text[sentence:cue_start]
    comma = window.find(",")
    # "X reported" or "X, <aside>, reported": anything else before the cue ("In May, it said") is not a subject.
    if comma >= 0 and not window.rstrip().endswith(","):
        return None
    span = _trimmed(text, sentence, sentence + (comma if comma >= 0 else len(window)))
    if span is None or not 0 < len(text[span[0] : span[1]].split()) <= 10:
        return None
    rows = np.flatnonzero((offsets[:, 0] >= span[0]) & (offsets[:, 1] <= span[1]))
    if not len(rows) or not flags.nominal[rows].any() or flags.clause_opener[rows[0]]:
        return None
    return span
