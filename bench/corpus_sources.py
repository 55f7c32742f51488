"""Raw material for the reuse benchmark corpus: real PTC articles, cleared of natural reuse, and filler.

PTC articles share real text among themselves (quotes, site footers, near-duplicates). So
that such natural reuse cannot muddle the truth, every PTC sentence that shares a normalised
``NATURAL_SHINGLE_WORDS``-word shingle with an earlier PTC article (by file name) is dropped,
and an article that loses more than half of its words is left out. Shorter shared spans
(quotations, stock phrases) remain; ``natural_pairs`` declares them.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import numpy as np

NATURAL_SHINGLE_WORDS = 7
DEFAULT_PTC = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ptc" / "articles"

_WORD = re.compile(r"[a-z]+")


def _norm_words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def load_ptc(ptc_dir: Path) -> tuple[list[tuple[str, str, list[str]]], dict[str, object]]:
    """PTC articles as (file name, title, sentences) with naturally shared sentences removed."""
    seen: set[tuple[str, ...]] = set()
    kept: list[tuple[str, str, list[str]]] = []
    dropped_sentences = 0
    dropped_articles: list[str] = []
    k = NATURAL_SHINGLE_WORDS
    for path in sorted(ptc_dir.glob("*.txt")):
        raw = path.read_text(encoding="utf-8").lstrip("\ufeff")
        lines = [line.strip() for line in raw.split("\n")]
        title, sentences = lines[0], [s for s in lines[1:] if s]
        keep = _drop_shared_sentences(sentences, seen, k)
        for text in (" ".join(sentences), " ".join(keep)):  # the whole article marks later copies
            words = _norm_words(text)
            seen.update(tuple(words[i : i + k]) for i in range(len(words) - k + 1))
        total = sum(len(s.split()) for s in sentences)
        dropped_sentences += len(sentences) - len(keep)
        if total == 0 or sum(len(s.split()) for s in keep) < total / 2 or len(keep) < 3:
            dropped_articles.append(path.name)
            continue
        kept.append((path.name, title, keep))
    stats: dict[str, object] = {
        "residual_shared_shingles": _shared_shingles([" ".join(s) for _, _, s in kept], k),
        "shingle_words": k,
        "articles_read": len(kept) + len(dropped_articles),
        "sentences_dropped": dropped_sentences,
        "articles_dropped": dropped_articles,
    }
    return kept, stats


def _drop_shared_sentences(sentences: list[str], seen: set[tuple[str, ...]], k: int) -> list[str]:
    """``sentences`` minus every sentence touched by a shingle in ``seen``.

    Shingles run across sentence ends (short lines such as "Follow us on Twitter" only match
    when joined), and dropping a sentence joins its neighbours, so repeat until stable.
    """
    keep = list(sentences)
    while True:
        owner: list[int] = []
        words: list[str] = []
        for n, sentence in enumerate(keep):
            sentence_words = _norm_words(sentence)
            words.extend(sentence_words)
            owner.extend([n] * len(sentence_words))
        bad = {owner[j] for i in range(len(words) - k + 1) if tuple(words[i : i + k]) in seen for j in range(i, i + k)}
        if not bad:
            return keep
        keep = [s for n, s in enumerate(keep) if n not in bad]


def natural_pairs(ptc: list[tuple[str, str, list[str]]], k: int = 5) -> list[tuple[str, str]]:
    """PTC articles (file names) that still share a normalised ``k``-word shingle after cleaning.

    These are short quotations and stock phrases that no sentence removal can take out
    without gutting the articles; the truth file declares them and scoring leaves pairs
    whose roots are such a pair out of precision (they do share text, but not by our copying).
    """
    holders: dict[tuple[str, ...], set[int]] = {}
    for n, (_, title, sentences) in enumerate(ptc):
        words = _norm_words(" ".join([title, *sentences]))
        for i in range(len(words) - k + 1):
            holders.setdefault(tuple(words[i : i + k]), set()).add(n)
    pairs: set[tuple[str, str]] = set()
    for group in holders.values():
        if len(group) > 1:
            names = sorted(ptc[n][0] for n in group)
            pairs.update((a, b) for i, a in enumerate(names) for b in names[i + 1 :])
    return sorted(pairs)


def _shared_shingles(texts: list[str], k: int) -> int:
    """How many normalised k-word shingles occur in more than one of ``texts`` (should be ~0)."""
    owner: dict[tuple[str, ...], int] = {}
    shared: set[tuple[str, ...]] = set()
    for n, text in enumerate(texts):
        words = _norm_words(text)
        for i in range(len(words) - k + 1):
            sh = tuple(words[i : i + k])
            if owner.setdefault(sh, n) != n:
                shared.add(sh)
    return len(shared)


class Filler:
    """Random sentences over the PTC vocabulary: realistic word lengths, no shared spans.

    Words are drawn with weight ``count ** 0.5`` (flatter than Zipf), which makes an
    accidental shared run of 5+ words between two filler documents vanishingly rare.

    With ``stock_phrases`` > 0 the filler also shares phrasing the way news does: a pool of that
    many stock items (attribution formulas of 5-9 words closing a sentence, and whole stock
    sentences of 10-25 words), fixed by ``stock_seed``, drawn with Zipf weights (a few in many
    documents, most in a handful); each sentence is one with probability ``stock_rate``. They are
    written afresh in every document, so they are never true reuse (``corpus_truth``).
    """

    def __init__(self, texts: list[str], stock_phrases: int = 0, stock_rate: float = 0.08, stock_seed: int = 0) -> None:
        counts = Counter(w for t in texts for w in _norm_words(t) if len(w) > 1)
        self.vocab = np.array(sorted(counts), dtype=object)
        weights = np.sqrt(np.array([counts[w] for w in self.vocab], dtype=float))
        self.cdf = np.cumsum(weights / weights.sum())
        self.stock_rate = stock_rate if stock_phrases > 0 else 0.0
        prng = np.random.default_rng([stock_seed, 17])
        self.stock: list[list[str]] = [
            self.words(prng, int(prng.integers(5, 10) if k % 2 else prng.integers(10, 26)))
            for k in range(stock_phrases)
        ]
        zipf = 1.0 / np.arange(1, stock_phrases + 1, dtype=float)
        self.stock_cdf = np.cumsum(zipf / zipf.sum()) if stock_phrases else np.zeros(0)

    def _stock_item(self, rng: np.random.Generator, words: list[str]) -> list[str]:
        """A stock item in place of (a long phrase) or at the end of (a formula) ``words``."""
        pick = int(np.searchsorted(self.stock_cdf, rng.random() * self.stock_cdf[-1], side="right"))
        phrase = list(self.stock[min(pick, len(self.stock) - 1)])
        return phrase if len(phrase) >= 10 else words[: max(3, len(words) // 2)] + phrase

    def words(self, rng: np.random.Generator, n: int) -> list[str]:
        picks = np.searchsorted(self.cdf, rng.random(n) * self.cdf[-1], side="right")
        return list(self.vocab[np.minimum(picks, len(self.vocab) - 1)])

    def sentence(self, rng: np.random.Generator) -> list[str]:
        words = self.words(rng, int(rng.integers(8, 26)))
        if self.stock_rate and rng.random() < self.stock_rate:
            words = self._stock_item(rng, words)
        words[0] = words[0].capitalize()
        words[-1] += "."
        return words

    def title(self, rng: np.random.Generator) -> str:
        return " ".join(w.capitalize() for w in self.words(rng, int(rng.integers(5, 11))))

    def paragraphs(self, rng: np.random.Generator) -> list[list[str]]:
        target = int(rng.integers(300, 901))
        out: list[list[str]] = []
        total = 0
        while total < target:
            para: list[str] = []
            for _ in range(int(rng.integers(2, 6))):
                para.extend(self.sentence(rng))
            out.append(para)
            total += len(para)
        return out
