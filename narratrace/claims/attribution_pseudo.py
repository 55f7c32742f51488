"""Pseudo-labelled attribution corpora: a teacher tagger's attributions on unlabelled text, saved as PolNeAR.

A teacher (e.g. the accurate model) tags unlabelled news; its attributions are written as a folder shaped like
PolNeAR's (``text/NAME.txt`` and ``attributions/NAME_teacher.ann`` in brat standoff), so that
``attribution_data.load_corpus`` reads them back as gold-like training articles for a cheaper student
(``narratrace train attribution --extra-gold DIR``). The folder belongs outside the repository: it holds
third-party text.

The teacher also gives its probabilities (``teacher_targets``), which the student learns beside the hard tags
(``narratrace train attribution --soft-teacher accurate``): how sure the teacher was of each word carries what its
decoded spans drop. The two models cut words into different pieces; ``on_student_pieces`` maps one onto the other.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from narratrace.claims.attribution_data import AnnotatedArticle, GoldAttribution, load_corpus
from narratrace.claims.attribution_decode import BEGIN, INSIDE, OUTSIDE

if TYPE_CHECKING:
    from narratrace.claims.attribution_model import AttributionTagger

ANNOTATOR = "teacher"
# Names become file names and the part of a brat file name before its last underscore is the article's name.
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9.-]+")


def safe_name(name: str) -> str:
    """``name`` as a file name without underscores (load_corpus splits the annotator off at the last one)."""
    return _UNSAFE_NAME.sub("-", name).strip(".-") or "article"


def to_brat(text: str, attributions: Iterable[GoldAttribution]) -> str:
    """Brat standoff for ``attributions`` (text-bound Source / Cue / Content spans tied by one event each)."""
    lines: list[str] = []
    spans = 0
    for number, attribution in enumerate(attributions, start=1):
        roles = []
        for part in ("Source", "Cue", "Content"):
            span = attribution.part(part)
            if span is None:
                continue
            spans += 1
            label = f"T{spans}"
            covered = " ".join(text[span[0] : span[1]].split())
            lines.append(f"{label}\t{part} {span[0]} {span[1]}\t{covered}")
            roles.append(f"{part}:{label}")
        lines.append(f"E{number}\t{' '.join(roles)}")
    return "\n".join(lines) + ("\n" if lines else "")


def write_pseudo_corpus(
    out_dir: Path, names: Sequence[str], texts: Sequence[str], attributions: Sequence[Iterable[GoldAttribution]]
) -> list[Path]:
    """Write each text and its attributions as a PolNeAR-shaped folder under ``out_dir``; the text files written."""
    (out_dir / "text").mkdir(parents=True, exist_ok=True)
    (out_dir / "attributions").mkdir(parents=True, exist_ok=True)
    stems = [safe_name(name) for name in names]
    if len(set(stems)) != len(stems):
        raise ValueError("two article names map to one file name; make them differ in letters or digits")
    written = []
    for stem, name, text, found in zip(stems, names, texts, attributions, strict=True):
        if "\r" in text:  # load_corpus reads text files with newline translation: offsets would shift
            raise ValueError(f"{name}: normalise line ends to '\\n' before tagging")
        gold = [GoldAttribution(a.source, a.cue, a.content) for a in found]
        (out_dir / "attributions" / f"{stem}_{ANNOTATOR}.ann").write_text(to_brat(text, gold), encoding="utf-8")
        # The text last: a folder interrupted mid-write lacks the text, and load_corpus skips such articles.
        path = out_dir / "text" / f"{stem}.txt"
        path.write_text(text, encoding="utf-8", newline="")
        written.append(path)
    return written


def load_extra_gold(directories: Sequence[Path]) -> list[AnnotatedArticle]:
    """Every article of each PolNeAR-shaped folder (none held out): extra training articles for a student."""
    return [article for directory in directories for article in load_corpus(directory)]


def with_extra_gold(
    train: Sequence[AnnotatedArticle], held_out: Sequence[AnnotatedArticle], directories: Sequence[Path]
) -> list[AnnotatedArticle]:
    """``train`` plus the articles of ``directories``; refuses any extra article named like a held-out one or with
    a held-out one's text.

    A held-out article re-labelled by a teacher would leak the split it is scored on into training (file names
    do not tell: ``safe_name`` rewrites PolNeAR's), and input caches are kept by article name.
    """
    extra = load_extra_gold(directories)
    held_names, held_texts = {a.name for a in held_out}, {a.text for a in held_out}
    leaked = sorted(a.name for a in extra if a.name in held_names or a.text in held_texts)
    if leaked:
        raise ValueError(f"{len(leaked)} extra articles are held out for scoring, e.g. {leaked[0]!r}")
    return [*train, *extra]


def on_student_pieces(
    teacher_offsets: np.ndarray, teacher_probs: np.ndarray, student_offsets: np.ndarray
) -> np.ndarray:
    """The teacher's (n, parts, O/B/I) probabilities on the student's pieces: each student piece takes the teacher
    piece holding its first character. A student piece that starts inside a teacher piece cannot begin a span (the
    teacher's B there means the span began earlier), so its B mass moves to I."""
    if len(teacher_offsets) == 0:  # nothing the teacher read (an empty text): outside everywhere
        probs = np.zeros((len(student_offsets), *teacher_probs.shape[1:]), np.float32)
        probs[..., OUTSIDE] = 1.0
        return probs
    starts = teacher_offsets[:, 0]
    holder = np.clip(np.searchsorted(starts, student_offsets[:, 0], side="right") - 1, 0, len(starts) - 1)
    probs = teacher_probs[holder].astype(np.float32)
    later = starts[holder] != student_offsets[:, 0]
    probs[later, :, INSIDE] += probs[later, :, BEGIN]
    probs[later, :, BEGIN] = 0.0
    return probs


def teacher_tag(model_dir: Path) -> str:
    """A short digest of a saved model's files: cached soft targets of another teacher are never read back."""
    digest = hashlib.sha256()
    for path in sorted(model_dir.glob("*.json")) + sorted(model_dir.glob("*.safetensors")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:12]


def teacher_targets(
    teacher: AttributionTagger,
    texts: Sequence[str],
    student_offsets: Sequence[np.ndarray],
    cache_files: Sequence[Path] | None = None,
    log: Callable[[str], None] | None = None,
) -> list[np.ndarray]:
    """The teacher's probabilities on each text, on the student's pieces (fp16 ``.npy`` kept at ``cache_files``:
    the teacher costs ~3x the student's features)."""
    targets: dict[int, np.ndarray] = {}
    missing = []
    for i, offsets in enumerate(student_offsets):
        path = cache_files[i] if cache_files is not None else None
        if path is not None and path.exists() and len(cached := np.load(path)) == len(offsets):
            targets[i] = cached.astype(np.float32)
        else:
            missing.append(i)
    for start in range(0, len(missing), 8):
        batch = missing[start : start + 8]
        inputs = teacher.token_inputs([texts[i] for i in batch])
        for i, x, probs in zip(batch, inputs, teacher.predict_probs(inputs), strict=True):
            targets[i] = mapped = on_student_pieces(x.offsets, probs, student_offsets[i])
            if cache_files is not None:
                np.save(cache_files[i], mapped.astype(np.float16))
        if log is not None:
            log(f"teacher: {min(start + 8, len(missing))}/{len(missing)} articles")
    return [targets[i] for i in range(len(texts))]
