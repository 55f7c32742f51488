"""Engineered cues per word-piece token and per span: repetition inside the article, quotes, '!'/'?',
capitalisation, position, and the project's lexicons (``lexicons.py``).

The encoder sees ~256 tokens at a time; repetition across the whole article (the Repetition technique)
and document position are invisible to it, which is why they are computed here.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np

from narratrace.measures import WORD_RE
from narratrace.techniques.lexicons import LEXICON_NAMES, LEXICONS, MAX_PHRASE_WORDS, word_set

QUOTE_CHARS = frozenset('"“”«»')
STOPWORDS = word_set(
    "a an the and or but if of to in on at by for with from as is are was were be been being it its this "
    "that these those he she they we you i his her their our your my me him them us not no so do does did "
    "has have had will would can could should may might must than then there here who whom which what "
    "when where why how all any each more most other some such only own same too very just s t don now"
)
TOKEN_FEATURE_NAMES: tuple[str, ...] = (
    "in_title",
    "in_quotes",
    "line_exclamation",
    "line_question",
    "capitalised",
    "all_caps",
    "word_repeats",
    "trigram_repeats",
    "line_position",
    "not_a_word",
    *(f"lexicon_{name}" for name in LEXICON_NAMES),
)


@dataclass(frozen=True)
class TextCues:
    """Per-character and per-word facts about one text that token and span features are read from."""

    word_spans: np.ndarray  # (n_words, 2) code-point offsets
    words: list[str]  # lower-cased
    char_word: np.ndarray  # word index of each character, -1 outside words
    char_in_quotes: np.ndarray  # bool per character
    char_line: np.ndarray  # line number per character
    line_flags: np.ndarray  # (n_lines, 2): has '!', has '?'
    word_features: np.ndarray  # (n_words, len(TOKEN_FEATURE_NAMES))
    word_counts: Counter[str]
    lowered: str  # the text lower-cased once (span repetition counts search it)


def _code_points(text: str) -> np.ndarray:
    """The text as an array of code points (lone surrogates kept), for vectorised per-character facts."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


_QUOTE_CODES = np.array(sorted(ord(c) for c in QUOTE_CHARS), dtype=np.uint32)


def _quote_mask(codes: np.ndarray, is_newline: np.ndarray, char_line: np.ndarray) -> np.ndarray:
    """True for characters between an opening and a closing quote mark on the same line.

    Quote marks pair up left to right within a line (an unclosed one runs to the line's end), so a
    character is quoted when an odd number of marks on its line sit at or before it.
    """
    if len(codes) == 0:
        return np.zeros(0, dtype=bool)
    is_quote = np.isin(codes, _QUOTE_CODES)
    quotes_through = np.cumsum(is_quote)
    line_starts = np.concatenate([[0], np.flatnonzero(is_newline) + 1])
    quotes_before = np.concatenate([quotes_through - is_quote, quotes_through[-1:]])[line_starts]
    line_of = char_line - is_newline  # here a newline belongs to the line it ends
    return ((quotes_through - quotes_before[line_of]) % 2 == 1) & ~is_newline


def _phrase_columns() -> dict[str, list[int]]:
    columns: dict[str, list[int]] = {}
    for column, name in enumerate(LEXICON_NAMES):
        for phrase in LEXICONS[name]:
            columns.setdefault(phrase, []).append(column)
    return columns


_PHRASE_COLUMNS = _phrase_columns()
_FIRST_WORDS = frozenset(phrase.split(" ")[0] for phrase in _PHRASE_COLUMNS)


def _lexicon_hits(words: list[str]) -> np.ndarray:
    """(n_words, n_lexicons): 1 where a word belongs to a phrase of that lexicon."""
    hits = np.zeros((len(words), len(LEXICON_NAMES)), dtype=np.float32)
    for i in (i for i, word in enumerate(words) if word in _FIRST_WORDS):
        for n in range(1, min(MAX_PHRASE_WORDS, len(words) - i) + 1):
            columns = _PHRASE_COLUMNS.get(" ".join(words[i : i + n]))
            if columns:
                hits[i : i + n, columns] = 1.0
    return hits


def _char_word(n_chars: int, word_spans: np.ndarray) -> np.ndarray:
    """Word index of each character, -1 outside words (words never overlap)."""
    if len(word_spans) == 0:
        return np.full(n_chars, -1, dtype=np.int64)
    starts, ends = word_spans[:, 0], word_spans[:, 1]
    boundary = np.zeros(n_chars + 1, dtype=np.int64)
    np.add.at(boundary, starts, 1)
    np.add.at(boundary, ends, -1)
    inside = np.cumsum(boundary[:-1]) > 0
    word_starts = np.zeros(n_chars, dtype=np.int64)
    word_starts[starts] = 1
    return np.where(inside, np.cumsum(word_starts) - 1, -1)


def analyse_text(text: str) -> TextCues:
    """Compute the cues of ``text`` once; token and span features are then cheap look-ups.

    Per-character and per-word facts are numpy operations: this runs on every article the stage sees.
    """
    matches = list(WORD_RE.finditer(text))
    word_spans = np.array([m.span() for m in matches], dtype=np.int64).reshape(-1, 2)
    raw_words = [m.group() for m in matches]
    words = [w.lower().replace("’", "'") for w in raw_words]
    codes = _code_points(text)
    is_newline = codes == 10
    char_word = _char_word(len(text), word_spans)
    char_line = np.cumsum(is_newline)  # a newline belongs to the line after it
    lines = text.split("\n")
    line_flags = np.array([["!" in line, "?" in line] for line in lines], dtype=np.float32).reshape(-1, 2)
    in_quotes = _quote_mask(codes, is_newline, char_line)
    counts = Counter(w for w in words if w not in STOPWORDS)
    trigrams = Counter(tuple(words[i : i + 3]) for i in range(len(words) - 2))
    n_lines = max(1, len(lines) - 1)

    features = np.zeros((len(words), len(TOKEN_FEATURE_NAMES)), dtype=np.float32)
    if len(words):
        line = char_line[word_spans[:, 0]]
        features[:, 0] = line == 0
        features[:, 1] = in_quotes[word_spans[:, 0]]
        features[:, 2:4] = line_flags[line]
        features[:, 4] = [raw[:1].isupper() for raw in raw_words]
        features[:, 5] = [len(raw) > 1 and raw.isupper() for raw in raw_words]
        features[:, 6] = [math.log1p(counts[w] - 1) if w in counts else 0.0 for w in words]
        # A word is in a repeated trigram if any of the (up to) three trigrams covering it repeats.
        repeated = np.zeros(len(words) + 2, dtype=bool)
        repeated[2 : len(words)] = [trigrams[tuple(words[j : j + 3])] > 1 for j in range(len(words) - 2)]
        features[:, 7] = repeated[:-2] | repeated[1:-1] | repeated[2:]
        features[:, 8] = line / n_lines
        features[:, 10:] = _lexicon_hits(words)
    return TextCues(word_spans, words, char_word, in_quotes, char_line, line_flags, features, counts, text.lower())


def token_features(cues: TextCues, offsets: np.ndarray) -> np.ndarray:
    """(n_tokens, n_features): each word-piece takes the features of the word it starts in."""
    features = np.zeros((len(offsets), len(TOKEN_FEATURE_NAMES)), dtype=np.float32)
    if len(offsets) == 0:
        return features
    starts = np.clip(offsets[:, 0], 0, max(0, len(cues.char_word) - 1))
    word_index = cues.char_word[starts] if len(cues.char_word) else np.full(len(offsets), -1)
    in_word = word_index >= 0
    features[in_word] = cues.word_features[word_index[in_word]]
    not_word = ~in_word
    if not_word.any() and len(cues.char_line):
        lines = cues.char_line[starts[not_word]]
        features[not_word, 1] = cues.char_in_quotes[starts[not_word]]
        features[not_word, 2:4] = cues.line_flags[lines]
        features[not_word, 0] = lines == 0
        features[not_word, 9] = 1.0
    return features


SPAN_FEATURE_NAMES: tuple[str, ...] = (
    "log_chars",
    "log_words",
    "log_text_occurrences",
    "max_word_repeats",
    "mean_word_repeats",
    "quoted_fraction",
    "has_exclamation",
    "has_question",
    "capital_ratio",
    "line_fraction",
    "in_title",
    "line_position",
    *(f"span_{name}" for name in LEXICON_NAMES),
    *(f"line_{name}" for name in LEXICON_NAMES),
)


def span_features(text: str, cues: TextCues, start: int, end: int) -> np.ndarray:
    """Cues of the fragment ``text[start:end]`` and of the line it sits in."""
    features = np.zeros(len(SPAN_FEATURE_NAMES), dtype=np.float32)
    start, end = max(0, start), min(len(text), end)
    if end <= start:
        return features
    fragment = text[start:end]
    word_ids = np.unique(cues.char_word[start:end])
    word_ids = word_ids[word_ids >= 0]
    repeats = [cues.word_features[w, 6] for w in word_ids]
    features[0] = math.log1p(len(fragment))
    features[1] = math.log1p(len(word_ids))
    features[2] = math.log1p(max(0, cues.lowered.count(fragment.lower()) - 1)) if len(fragment) > 2 else 0.0
    features[3] = max(repeats, default=0.0)
    features[4] = float(np.mean(repeats)) if repeats else 0.0
    features[5] = float(cues.char_in_quotes[start:end].mean())
    features[6] = "!" in fragment
    features[7] = "?" in fragment
    letters = [c for c in fragment if c.isalpha()]
    features[8] = sum(c.isupper() for c in letters) / len(letters) if letters else 0.0
    line = int(cues.char_line[start])
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    features[9] = min(1.0, (end - start) / max(1, line_end - line_start))
    features[10] = line == 0
    features[11] = line / max(1, int(cues.char_line[-1]))
    n_lex = len(LEXICON_NAMES)
    if len(word_ids):
        features[12 : 12 + n_lex] = cues.word_features[word_ids, 10:].sum(axis=0)
    line_words = np.unique(cues.char_word[line_start:line_end])
    line_words = line_words[line_words >= 0]
    if len(line_words):
        features[12 + n_lex :] = cues.word_features[line_words, 10:].sum(axis=0)
    return features
