"""Training and scoring the technique tagger from PTC: what ``narratrace train|evaluate techniques`` run."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from narratrace.techniques import SHIPPED_MODELS, load_tagger

if TYPE_CHECKING:
    from narratrace.techniques.distil import SoftLabels
    from narratrace.techniques.tagger import TechniqueTagger

# progress(done, total) while the teacher labels unlabelled texts
LabelProgress = Callable[[int, int], None]


@dataclass(frozen=True)
class TrainingRun:
    """What ``train_techniques`` did: how many articles, how long, the model's inner-validation figures."""

    articles: int
    seconds: float
    best_epochs: tuple[int, ...]
    validation_si_f1: float
    saved_to: Path


def parse_layers(text: str, n_available: int) -> tuple[int, tuple[int, ...]]:
    """``"2"`` -> layers 1 and 2 (the lowest layer keeps word identity); ``"4,8"`` -> layers 4 and 8."""
    try:
        numbers = sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        raise ValueError("layers are numbers such as 2 or 4,8") from None
    if not numbers or not all(1 <= n <= n_available for n in numbers):
        raise ValueError(f"this encoder has layers 1 to {n_available}")
    if len(numbers) == 1:
        return numbers[0], (1,) if numbers[0] > 1 else ()
    return numbers[-1], tuple(numbers[:-1])


def teacher_labels(
    teacher: str, unlabelled: Sequence[Path], precision: str = "auto", progress: LabelProgress | None = None
) -> list[SoftLabels]:
    """The teacher model's soft labels for the unlabelled texts (folders of .txt or JSONL files), in batches."""
    from narratrace.techniques.distil import read_unlabelled

    model = load_tagger(teacher, precision)
    texts = read_unlabelled(list(unlabelled))
    batch = 64
    soft: list[SoftLabels] = []
    for start in range(0, len(texts), batch):
        soft.extend(model.soft_label(texts[start : start + batch]))
        if progress:
            progress(min(start + batch, len(texts)), len(texts))
    return soft


def train_techniques(
    data: Path,
    out: str = "default",
    *,
    encoder: str = "mpnet-base",
    epochs: int = 12,
    heads: int | None = None,
    layers: str | None = None,
    device: str = "cpu",
    precision: str = "auto",
    use_all: bool = False,
    limit: int | None = None,
    teacher: str | None = None,
    unlabelled: Sequence[Path] = (),
    progress: LabelProgress | None = None,
) -> TrainingRun:
    """Train a tagger from scratch (fixed seeds) on PTC's 80% split (or all of it) and save it.

    ``out`` is a folder or a shipped model's name (``default``, ``fast``) to replace. With ``teacher`` and
    ``unlabelled`` it is distilled: the teacher labels the unlabelled news and the new model learns from
    those labels as well as from PTC. Bad settings raise ValueError before any long work.
    """
    from narratrace.techniques.data import held_back_split, load_ptc
    from narratrace.techniques.encoder import ENCODERS, resolve_precision
    from narratrace.techniques.tagger import TechniqueTagger

    if device not in ("cpu", "cuda"):
        raise ValueError("device must be cpu or cuda")
    resolve_precision(precision)
    if encoder not in ENCODERS:
        raise ValueError(f"known encoders: {', '.join(ENCODERS)}")
    chosen_layers = parse_layers(layers, ENCODERS[encoder].n_layers) if layers else None
    if bool(teacher) != bool(unlabelled):
        raise ValueError("a teacher and unlabelled texts go together")
    soft = teacher_labels(teacher, unlabelled, precision, progress) if teacher else []
    articles = load_ptc(data)
    training = articles if use_all else held_back_split(articles)[0]
    if limit is not None:
        training = training[:limit]
    started = time.perf_counter()
    overrides: dict[str, object] = {}
    if chosen_layers:
        overrides["n_layers"], overrides["extra_layers"] = chosen_layers
    if heads is not None:
        overrides["n_heads"] = heads
    tagger: TechniqueTagger = TechniqueTagger.for_encoder(
        encoder, epochs=epochs, device=device, precision=precision, **overrides
    )
    tagger.fit([a.text for a in training], [list(a.spans) for a in training], soft=soft)
    tagger.teacher_ = teacher
    target = tagger.save(SHIPPED_MODELS.get(out, Path(out)))
    return TrainingRun(
        len(training),
        time.perf_counter() - started,
        tuple(tagger.best_epochs_),
        tagger.validation_si_f1_,
        Path(target),
    )


def evaluate_techniques(data: Path, split: str = "heldout", model: str = "default", precision: str = "auto") -> str:
    """SI F1, TC micro-F1 (gold spans given), joint F1 and per-technique F1 of a model on PTC, as a report."""
    from narratrace.techniques.data import held_back_split, load_ptc
    from narratrace.techniques.evaluation import evaluate_tagger, format_report

    if split not in ("heldout", "all"):
        raise ValueError("split must be heldout or all")
    articles = load_ptc(data)
    chosen = held_back_split(articles)[1] if split == "heldout" else articles
    return format_report(evaluate_tagger(load_tagger(model, precision), chosen))
