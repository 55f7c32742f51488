"""Synthetic text-reuse corpus with exact ground truth, for benchmarking ``narratrace.reuse``.

Real articles (the PTC developer set) are the originals, topped up with random filler
documents so the corpus can reach 100k documents. About ``copy_rate`` of the documents are
copies of another outlet's document (some are copies of copies), edited the way aggregator
sites edit: paragraphs dropped or reordered, a few words substituted, sentences inserted, a
"X.com reports:" credit, a new intro or title, or nothing at all.

Every word carries an *origin tag*: the document and position where the word was first
written. A copy keeps the tags of the words it copies; any word it writes itself (a
substitution, an intro, a credit) gets a fresh tag of its own, so a copy of that copy
inherits them. Ground truth is computed from tags alone, never from text similarity:

* A **true passage** of two documents X and Y is a maximal run of words in X whose tags
  occur in Y in the same order at consecutive positions, bridging gaps of at most
  ``GAP_WORDS`` unmatched words on each side (word substitutions), with at least
  ``MIN_PASSAGE_WORDS`` matched words. Its offsets run from the first character of its first
  word to the end of its last word, in the document text as written to the JSONL file.
* A **true pair** is two documents with at least one true passage. This covers source and
  copy, copy of a copy and its ancestors, and siblings (two copies of one source that kept
  some common paragraph); two copies that kept disjoint paragraphs are not a pair.
* A pair's **true direction** is its ancestor document when one document descends from the
  other through copy links; siblings have no true direction.

PTC articles share real text among themselves (quotes, site footers, near-duplicates). So
that such natural reuse cannot muddle the truth, every PTC sentence that shares a normalised
``NATURAL_SHINGLE_WORDS``-word shingle with an earlier PTC article (by file name) is dropped
before use, and an article that loses more than half of its words is left out; the numbers
are recorded in the truth file under ``meta.natural_reuse``. Shorter shared spans (quotes,
stock phrases) survive; PTC article pairs sharing a 5-word shingle are listed as
``natural_pairs`` so scoring can tell them from false positives (``bench.reuse_metrics``).

Outlets (50) are producers, aggregators that mostly copy 1-3 favourite producers, or mixed;
an outlet republishes a story at most once. Copy dates: mostly 1-10 days after the source,
some the same day, some undated, some a few days *before* it (misleading headers). An undated
page still went up at some time (``Doc.written``, drawn apart): its dated copies come after it.

Files: ``corpus.jsonl`` (id, url, outlet, title, published, text; ids are shuffled so they say
nothing about order) and ``truth.json``: ``pairs`` (a < b by id, ``passages`` as
``[a_start, a_end, b_start, b_end]``, ``source`` or null, ``relation`` direct / ancestor /
sibling, ``lifted_sentence``: the only shared text is one sentence of the texts' own, which the
labelling guide puts below reuse; still a true pair, with recall also given without them by
``bench.provenance_regimes``), ``docs`` (every copied original and every copy: kind, outlet, parent, root, logged
``edits``), ``real_originals`` (id -> PTC file), ``natural_pairs`` and ``meta``.

Usage::

    python -m bench.corpus_gen --docs 1000 --seed 7 --out bench/out/corpus-1000
"""

from __future__ import annotations

import argparse
import gc
import json
import multiprocessing
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bench.corpus_sources import DEFAULT_PTC, Filler, load_ptc, natural_pairs
from bench.corpus_truth import GAP_WORDS, MIN_PASSAGE_WORDS, Doc, ancestors, lifted_sentence, true_passages

TAG_STRIDE = 1 << 22  # tag = doc_index * TAG_STRIDE + word number within the doc that wrote it


@dataclass(frozen=True)
class Outlet:
    name: str
    domain: str
    produces: float  # weight for publishing originals
    copies: float  # weight for publishing copies
    favourites: tuple[int, ...]  # outlets it mostly copies from


@dataclass(frozen=True)
class CopyHabits:
    """How copiers edit and date their copies; the defaults are the generator's original habits.

    Regimes (``REGIMES``) vary them so provenance is calibrated across habits, not to one: copies
    that cut, that add introductions and comments, both; different shares of undated, same-day and
    backdated copies; dates with clock times and lags of hours. A draw that only a non-default habit
    needs is taken only then, so the default corpus stays byte-identical.
    """

    p_drop: float = 0.5  # drop 10-60 % of the paragraphs
    p_intro: float = 0.3  # a new introduction of one or two sentences
    p_outro: float = 0.0  # a closing comment of one or two sentences
    undated: float = 0.12  # shares of copies: no date ...
    same_day: float = 0.15  # ... the source's date ...
    backdated: float = 0.08  # ... 1-3 days before the source's (a scraper's or a backdated header)
    lag_hours: tuple[float, float] | None = None  # None: 1-10 whole days after; else hours, with clock times


REGIMES: dict[str, CopyHabits] = {
    "default": CopyHabits(),
    "intro": CopyHabits(
        p_drop=0.1, p_intro=0.8, p_outro=0.4, undated=0.10, same_day=0.0, backdated=0.0, lag_hours=(12.0, 240.0)
    ),
    "cut": CopyHabits(p_drop=0.9, p_intro=0.0, undated=0.25, same_day=0.25, backdated=0.04),
    "both": CopyHabits(p_drop=0.7, p_intro=0.7, p_outro=0.3, undated=0.05, same_day=0.10, backdated=0.12),
}


# ---------------------------------------------------------------------------- generation


def make_outlets(rng: random.Random, n: int = 50) -> list[Outlet]:
    """Producers (mostly originals), aggregators (mostly copy from 1-3 favourites) and mixed."""
    stems = [
        "daily",
        "global",
        "free",
        "true",
        "patriot",
        "world",
        "news",
        "report",
        "signal",
        "herald",
        "voice",
        "truth",
        "insider",
        "wire",
        "post",
        "times",
        "beacon",
        "ledger",
        "front",
        "alert",
    ]
    outlets: list[Outlet] = []
    names: set[str] = set()
    for i in range(n):
        while True:
            name = rng.choice(stems).capitalize() + rng.choice(stems).capitalize()
            if name not in names:
                break
        names.add(name)
        role = "producer" if i < n * 0.4 else ("aggregator" if i < n * 0.7 else "mixed")
        produces = {"producer": 3.0, "aggregator": 0.2, "mixed": 1.0}[role]
        copies = {"producer": 0.2, "aggregator": 3.0, "mixed": 1.0}[role]
        favourites: tuple[int, ...] = ()
        if role == "aggregator":
            favourites = tuple(rng.sample(range(int(n * 0.4)), rng.randint(1, 3)))
        tld = rng.choice([".com", ".net", ".org", ".info", ".news"])
        outlets.append(Outlet(name, name.lower() + tld, produces, copies, favourites))
    return outlets


def _iso(day: int) -> str:
    return str(np.datetime64("2019-01-01") + np.timedelta64(day, "D"))


def _day(iso: str) -> int:
    return int((np.datetime64(iso) - np.datetime64("2019-01-01")).astype(int))


def _later(iso: str, hours: float) -> str:
    """``iso`` (a date, or a date with a time) plus ``hours``, with a clock time."""
    start = np.datetime64(iso if "T" in iso else f"{iso}T12:00:00", "m")
    return str(start + np.timedelta64(round(hours * 60), "m")) + ":00"


class Generator:
    """Builds the corpus plan; filler originals are regenerated from their own seed on demand."""

    def __init__(
        self,
        n_docs: int,
        seed: int,
        ptc_dir: Path,
        copy_rate: float = 0.10,
        habits: CopyHabits | None = None,
        stock_phrases: int = 0,
    ) -> None:
        self.seed = seed
        self.habits = habits or CopyHabits()
        self.rng = random.Random(seed)
        self.ptc, self.natural_stats = load_ptc(ptc_dir)
        # stock_phrases > 0: filler shares phrasing as news does (corpus_sources.Filler)
        self.filler = Filler([" ".join(s) for _, _, s in self.ptc], stock_phrases, stock_seed=seed)
        self.outlets = make_outlets(self.rng)
        self.n_docs = n_docs
        self.n_copies = round(n_docs * copy_rate)
        self.n_originals = n_docs - self.n_copies
        self.n_real = min(len(self.ptc), self.n_originals)
        produce_w = [o.produces for o in self.outlets]
        self.orig_outlet = self.rng.choices(range(len(self.outlets)), weights=produce_w, k=self.n_originals)
        self.orig_date = [
            None if self.rng.random() < 0.05 else _iso(self.rng.randrange(730)) for _ in range(self.n_originals)
        ]
        self.docs: dict[int, Doc] = {}  # originals that were copied, and every copy
        # An outlet republishes a story once: the outlets already in each family (by root).
        self.family_outlets: dict[int, set[int]] = {}
        # Only ~300 real articles exist; cap their expected copies so that at 100k documents one
        # story is not republished hundreds of times (there are only 50 outlets).
        self.p_real_source = min(0.5, 8 * self.n_real / max(1, self.n_copies))
        self.by_outlet_real: dict[int, list[int]] = {}
        self.by_outlet_any: dict[int, list[int]] = {}
        for i, o in enumerate(self.orig_outlet):
            self.by_outlet_any.setdefault(o, []).append(i)
            if i < self.n_real:
                self.by_outlet_real.setdefault(o, []).append(i)
        if self.habits.lag_hours is not None:  # clock times on the originals too, from a draw of their own
            clock = random.Random(f"{seed}:clock")
            self.orig_date = [
                d and f"{d}T{clock.randrange(24):02d}:{clock.randrange(60):02d}:00" for d in self.orig_date
            ]
        self._plan_copies()

    # -- originals
    def original(self, index: int) -> Doc:
        if index in self.docs:
            return self.docs[index]
        if index < self.n_real:
            name, title, sentences = self.ptc[index]
            # Group the one-sentence lines into paragraphs of 1-3 sentences.
            grouping = random.Random(f"{self.seed}:para:{index}")
            paragraphs: list[list[str]] = []
            i = 0
            while i < len(sentences):
                take = grouping.randint(1, 3)
                paragraphs.append(" ".join(sentences[i : i + take]).split())
                i += take
            kind, source_name = "original_real", name
        else:
            nrng = np.random.default_rng([self.seed, index])
            title, paragraphs, kind, source_name = (
                self.filler.title(nrng),
                self.filler.paragraphs(nrng),
                "original_filler",
                None,
            )
        tags, n = [], 0
        base = index * TAG_STRIDE
        for para in paragraphs:
            tags.append(list(range(base + n, base + n + len(para))))
            n += len(para)
        return Doc(
            index,
            self.orig_outlet[index],
            title,
            paragraphs,
            tags,
            self.orig_date[index],
            kind,
            root=index,
            source_name=source_name,
            written=self.orig_date[index] or _iso(random.Random(f"{self.seed}:written:{index}").randrange(730)),
        )

    # -- copies
    def _pick_source(self, copier: int, copies_so_far: list[int]) -> int:
        rng = self.rng
        for attempt in range(200):
            fav = self.outlets[copier].favourites
            if attempt >= 50:  # saturated choices: any filler original will do
                src = (
                    rng.randrange(self.n_real, self.n_originals)
                    if self.n_originals > self.n_real
                    else (rng.randrange(self.n_originals))
                )
            elif copies_so_far and rng.random() < 0.2:
                src = rng.choice(copies_so_far)
            elif fav and rng.random() < 0.7:
                f = rng.choice(fav)
                pool = self.by_outlet_real.get(f) if rng.random() < self.p_real_source else None
                pool = pool or self.by_outlet_any.get(f)
                if not pool:
                    continue
                src = rng.choice(pool)
            elif rng.random() < self.p_real_source:
                src = rng.randrange(self.n_real)
            else:
                src = rng.randrange(self.n_originals)
            if src in self.docs:
                outlet, root = self.docs[src].outlet, self.docs[src].root
            else:
                outlet, root = self.orig_outlet[src], src
            if outlet != copier and copier not in self.family_outlets.get(root if root is not None else src, ()):
                return src
        raise RuntimeError("no source left to copy; lower copy_rate")

    def _plan_copies(self) -> None:
        copy_w = [o.copies for o in self.outlets]
        copies: list[int] = []
        for c in range(self.n_originals, self.n_docs):
            copier = self.rng.choices(range(len(self.outlets)), weights=copy_w)[0]
            src_index = self._pick_source(copier, copies)
            source = self.docs.get(src_index) or self.original(src_index)
            self.docs[src_index] = source
            self.docs[c] = self._copy(c, copier, source)
            root = source.root if source.root is not None else src_index
            self.family_outlets.setdefault(root, {source.outlet}).add(copier)
            copies.append(c)

    def _copy(self, index: int, copier: int, src: Doc) -> Doc:
        rng = self.rng
        nrng = np.random.default_rng([self.seed, index])
        paragraphs = [list(p) for p in src.paragraphs]
        tags = [list(t) for t in src.tags]
        edits: list[dict[str, object]] = []
        fresh = iter(range(index * TAG_STRIDE, (index + 1) * TAG_STRIDE))

        def new_words(words: list[str]) -> list[int]:
            return [next(fresh) for _ in words]

        exact = rng.random() < 0.15
        if not exact:
            habits = self.habits
            if len(paragraphs) > 1 and rng.random() < habits.p_drop:
                frac = rng.uniform(0.1, 0.6)
                n_drop = min(len(paragraphs) - 1, max(1, round(frac * len(paragraphs))))
                drop = set(rng.sample(range(len(paragraphs)), n_drop))
                paragraphs = [p for i, p in enumerate(paragraphs) if i not in drop]
                tags = [t for i, t in enumerate(tags) if i not in drop]
                edits.append({"op": "delete_paragraphs", "count": n_drop, "fraction": round(frac, 3)})
            if len(paragraphs) > 2 and rng.random() < 0.2:
                i, j = rng.sample(range(len(paragraphs)), 2)
                paragraphs.insert(j, paragraphs.pop(i))
                tags.insert(j, tags.pop(i))
                edits.append({"op": "move_paragraph", "from": i, "to": j})
            if rng.random() < 0.5:
                rate = rng.uniform(0.02, 0.06)
                n_sub = 0
                for p, t in zip(paragraphs, tags, strict=True):
                    for k, word in enumerate(p):
                        if rng.random() < rate and word[:1].isalpha():
                            tail = word[len(word.rstrip(".,;:!?\"'")) :]
                            p[k] = self.filler.words(nrng, 1)[0] + tail
                            t[k] = next(fresh)
                            n_sub += 1
                edits.append({"op": "substitute_words", "rate": round(rate, 3), "count": n_sub})
            if rng.random() < 0.4:
                for _ in range(rng.randint(1, 3)):
                    sent = self.filler.sentence(nrng)
                    k = rng.randrange(len(paragraphs) + 1)
                    if rng.random() < 0.5 or k == len(paragraphs):
                        paragraphs.insert(k, sent)
                        tags.insert(k, new_words(sent))
                        edits.append({"op": "insert_paragraph", "at": k, "words": len(sent)})
                    else:  # inside a paragraph, at a sentence end when there is one
                        para = paragraphs[k]
                        ends = [i + 1 for i, w in enumerate(para[:-1]) if w.endswith(".")] or [len(para)]
                        at = rng.choice(ends)
                        para[at:at] = sent
                        tags[k][at:at] = new_words(sent)
                        edits.append({"op": "insert_sentence", "paragraph": k, "words": len(sent)})
            if rng.random() < habits.p_intro:
                intro = self.filler.sentence(nrng) + (self.filler.sentence(nrng) if rng.random() < 0.5 else [])
                paragraphs.insert(0, intro)
                tags.insert(0, new_words(intro))
                edits.append({"op": "new_intro", "words": len(intro)})
            if habits.p_outro and rng.random() < habits.p_outro:
                outro = self.filler.sentence(nrng) + (self.filler.sentence(nrng) if rng.random() < 0.5 else [])
                paragraphs.append(outro)
                tags.append(new_words(outro))
                edits.append({"op": "new_outro", "words": len(outro)})
            if rng.random() < 0.3:
                domain = self.outlets[src.outlet].domain
                credit = [domain[0].upper() + domain[1:], "reports:"]
                paragraphs[0] = credit + paragraphs[0]
                tags[0] = new_words(credit) + tags[0]
                edits.append({"op": "credit", "text": " ".join(credit)})
        title = src.title
        if not exact and rng.random() < 0.5:
            title = self.filler.title(nrng)
            edits.append({"op": "new_title"})
        if exact:
            edits.append({"op": "exact_copy"})
        published: str | None
        habits = self.habits
        roll = rng.random()
        if roll < habits.undated:
            published = None
        elif src.published is None:
            # A copy of an undated page still appeared after it went up (its hidden ``written`` time). The old
            # uniform draw is still made, so that every other document of the corpus stays as it was.
            rng.randrange(730)
            published = self._after(src.written, random.Random(f"{self.seed}:after:{index}"))
        elif roll < habits.undated + habits.same_day:
            published = src.published
        elif roll < habits.undated + habits.same_day + habits.backdated:  # a header date before the source's
            published = _iso(max(0, _day(src.published[:10]) - rng.randint(1, 3)))
        elif habits.lag_hours is None:
            published = _iso(_day(src.published) + rng.randint(1, 10))
        else:
            published = _later(src.published, rng.uniform(*habits.lag_hours))
        # When the copy went up, dated or not (what its own copies follow); its own draw, as above.
        written = published or self._after(src.published or src.written, random.Random(f"{self.seed}:after:{index}"))
        return Doc(
            index,
            copier,
            title,
            paragraphs,
            tags,
            published,
            "copy",
            parent=src.index,
            root=src.root,
            edits=edits,
            written=written,
        )

    def _after(self, when: str | None, draw: random.Random) -> str:
        """A time after ``when`` by this regime's lag (1-10 days, or ``lag_hours`` with a clock time)."""
        if when is None:  # not reached: every document has a written time
            return _iso(draw.randrange(730))
        if self.habits.lag_hours is None:
            return _iso(_day(when[:10]) + draw.randint(1, 10))
        return _later(when, draw.uniform(*self.habits.lag_hours))

    # -- output
    def ids(self) -> list[str]:
        """Doc ids in a shuffled order, so an id says nothing about who came first."""
        perm = list(range(self.n_docs))
        random.Random(f"{self.seed}:ids").shuffle(perm)
        return [f"d{p:07d}" for p in perm]

    def iter_records(self, ids: list[str], indices: list[int] | None = None) -> Iterator[tuple[int, dict[str, object]]]:
        """Records in id order (or of ``indices``, in their order)."""
        for index in sorted(range(self.n_docs), key=ids.__getitem__) if indices is None else indices:
            doc = self.docs.get(index) or self.original(index)
            # = doc.render()[0], without the per-word offsets and tags only the truth needs
            text = "\n\n".join(" ".join(words) for words in doc.paragraphs)
            outlet = self.outlets[doc.outlet]
            slug = "-".join(doc.title.lower().split()[:6])
            slug = re.sub(r"[^a-z0-9-]", "", slug)
            yield (
                index,
                {
                    "id": ids[index],
                    "url": f"https://{outlet.domain}/news/{slug}-{ids[index][1:]}",
                    "outlet": outlet.domain,
                    "title": doc.title,
                    "published": doc.published,
                    "text": text,
                },
            )


# The parent's generator, inherited by forked render workers (read only).
_FORKED: tuple[Generator, list[str]] | None = None


def _render_chunk(indices: list[int]) -> bytes:
    assert _FORKED is not None
    gen, ids = _FORKED
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for _, r in gen.iter_records(ids, indices)).encode("utf-8")


def _complete_lines(path: Path) -> int:
    """Cut ``path`` after its last complete line; returns how many complete lines it holds."""
    lines = end = 0
    with path.open("rb") as fh:
        offset = 0
        while block := fh.read(1 << 24):
            lines += block.count(b"\n")
            last = block.rfind(b"\n")
            if last >= 0:
                end = offset + last + 1
            offset += len(block)
    with path.open("r+b") as fh:
        fh.truncate(end)
    return lines


def _write_corpus(
    gen: Generator, ids: list[str], path: Path, workers: int, resume: bool = False, chunk: int = 5_000
) -> None:
    """``corpus.jsonl`` in id order; with ``workers`` > 1, chunks of it rendered by forked processes.

    Every document depends only on the plan (copies, made in the parent) and its own seed, so the
    file is byte-identical whatever the number of workers; chunks come back in order and are
    streamed to disk. ``resume``: keep the complete lines of an interrupted run and write the rest.
    """
    done = _complete_lines(path) if resume and path.exists() else 0
    order = sorted(range(gen.n_docs), key=ids.__getitem__)[done:]
    chunks = [order[i : i + chunk] for i in range(0, len(order), chunk)]
    global _FORKED
    _FORKED = (gen, ids)
    gc.freeze()  # forked workers then leave the plan's pages shared (a collection would write to every object)
    with path.open("ab" if done else "wb") as fh:
        if workers <= 1:
            for part in chunks:
                fh.write(_render_chunk(part))
        else:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                for rendered in pool.imap(_render_chunk, chunks):
                    fh.write(rendered)
    _FORKED = None


def generate(
    n_docs: int,
    seed: int,
    out_dir: Path,
    ptc_dir: Path = DEFAULT_PTC,
    copy_rate: float = 0.10,
    habits: CopyHabits | None = None,
    stock_phrases: int = 0,
    workers: int = 1,
    with_truth: bool = True,
    resume: bool = False,
) -> Path:
    """Write ``corpus.jsonl`` and (``with_truth``) ``truth.json`` into ``out_dir``; returns ``out_dir``."""
    if n_docs < 2:
        raise ValueError("a reuse corpus needs at least 2 documents")
    gen = Generator(n_docs, seed, ptc_dir, copy_rate, habits, stock_phrases)
    ids = gen.ids()
    out_dir.mkdir(parents=True, exist_ok=True)
    if not with_truth:  # the word tags serve the truth only: at 1M they are most of the plan's ~4.5 GB
        for doc in gen.docs.values():
            doc.tags = []
    _write_corpus(gen, ids, out_dir / "corpus.jsonl", workers, resume)
    if not with_truth:
        return out_dir

    families: dict[int, list[int]] = {}
    for index, doc in gen.docs.items():
        families.setdefault(doc.root if doc.root is not None else index, []).append(index)
    pairs: list[dict[str, object]] = []
    for members in families.values():
        rendered = {m: gen.docs[m].render()[1:] for m in members}
        texts = {m: "\n\n".join(" ".join(words) for words in gen.docs[m].paragraphs) for m in members}
        lineage = {m: set(ancestors(gen.docs, m)) for m in members}
        for xi, x in enumerate(members):
            for y in members[xi + 1 :]:
                a, b = (x, y) if ids[x] < ids[y] else (y, x)
                passages = true_passages(rendered[a], rendered[b])
                if not passages:
                    continue
                source = a if a in lineage[b] else (b if b in lineage[a] else None)
                relation = (
                    "sibling"
                    if source is None
                    else ("direct" if gen.docs[a].parent == b or gen.docs[b].parent == a else "ancestor")
                )
                pairs.append(
                    {
                        "a": ids[a],
                        "b": ids[b],
                        "source": None if source is None else ids[source],
                        "relation": relation,
                        "passages": passages,
                        "lifted_sentence": lifted_sentence([texts[a][p[0] : p[1]] for p in passages]),
                    }
                )
    pairs.sort(key=lambda p: (p["a"], p["b"]))
    docs_meta = {
        ids[i]: {
            "kind": d.kind,
            "outlet": gen.outlets[d.outlet].domain,
            "parent": None if d.parent is None else ids[d.parent],
            "root": ids[d.root] if d.root is not None else None,
            "edits": d.edits,
            "ptc_file": d.source_name,
        }
        for i, d in sorted(gen.docs.items())
    }
    natural = natural_pairs(gen.ptc)
    truth = {
        "real_originals": {ids[i]: gen.ptc[i][0] for i in range(gen.n_real)},
        "natural_pairs": natural,
        "meta": {
            "n_docs": n_docs,
            "seed": seed,
            "copy_rate": copy_rate,
            "stock_phrases": stock_phrases,
            "habits": gen.habits.__dict__,
            "n_copies": gen.n_copies,
            "n_real_originals": gen.n_real,
            "n_filler_originals": gen.n_originals - gen.n_real,
            "min_passage_words": MIN_PASSAGE_WORDS,
            "gap_words": GAP_WORDS,
            "natural_reuse": gen.natural_stats,
            "outlets": [o.__dict__ for o in gen.outlets],
        },
        "docs": docs_meta,
        "pairs": pairs,
    }
    (out_dir / "truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return out_dir


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, required=True)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--copy-rate", type=float, default=0.10)
    parser.add_argument("--ptc", type=Path, default=DEFAULT_PTC)
    parser.add_argument("--stock-phrases", type=int, default=0, help="filler shares this many stock phrases")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--regime", choices=sorted(REGIMES), default="default", help="copiers' editing and date habits")
    parser.add_argument("--workers", type=int, default=1, help="render documents in this many processes (same file)")
    parser.add_argument("--no-truth", action="store_true", help="write corpus.jsonl only (truth.json is slow at 1M)")
    parser.add_argument("--resume", action="store_true", help="keep the complete lines of an interrupted corpus.jsonl")
    args = parser.parse_args()
    habits = REGIMES[args.regime]
    out = generate(
        args.docs,
        args.seed,
        args.out,
        args.ptc,
        args.copy_rate,
        habits,
        args.stock_phrases,
        args.workers,
        not args.no_truth,
        args.resume,
    )
    print(out)


if __name__ == "__main__":
    main()
