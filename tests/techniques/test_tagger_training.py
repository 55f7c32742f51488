"""A tiny-config training run: fit, predict, classify, save/load round trip."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from narratrace.techniques.data import held_back_split, load_ptc
from narratrace.techniques.span import TechniqueSpan
from narratrace.techniques.tagger import TechniqueTagger
from tests.conftest import shared_path


@pytest.mark.slow
def test_tiny_training_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from narratrace.techniques.span_classifier import SoftmaxSpanClassifier

    articles = held_back_split(load_ptc(shared_path("data", "ptc")))[0][:6]
    tagger = TechniqueTagger(n_layers=1, hidden=16, epochs=2, patience=1, random_state=3, decoded_span_weight=0.5)
    seen: dict[str, object] = {}
    original_fit = SoftmaxSpanClassifier.fit

    def spy(self: SoftmaxSpanClassifier, vectors: np.ndarray, labels: list[str], sample_weight: np.ndarray) -> object:
        seen.update(labels=list(labels), weights=np.asarray(sample_weight))
        return original_fit(self, vectors, labels, sample_weight=sample_weight)

    monkeypatch.setattr(SoftmaxSpanClassifier, "fit", spy)
    tagger.fit([a.text for a in articles], [list(a.spans) for a in articles])
    # The span classifier learns from every gold row (weight 1) and from the tagger's own fragments that
    # overlap one (weight 0.5), named after gold techniques.
    labels, weights = seen["labels"], seen["weights"]
    assert isinstance(labels, list) and isinstance(weights, np.ndarray)
    assert (weights == 1.0).sum() == sum(len(a.spans) for a in articles)
    assert set(weights) <= {0.5, 1.0}
    assert {label for label, w in zip(labels, weights, strict=True) if w == 0.5} <= {
        s.technique for a in articles for s in a.spans
    }
    assert 0.0 <= tagger.validation_si_f1_ <= 1.0
    assert tagger.best_epochs_[0] in (1, 2)

    predicted = tagger.predict([articles[0].text])[0]
    for span in predicted:
        assert 0 <= span.start < span.end <= len(articles[0].text)
        assert 0.0 <= span.confidence <= 1.0
        assert articles[0].text[span.start] not in " \n.,:;"

    gold = list(articles[0].spans[:3])
    labelled = tagger.classify(articles[0].text, gold)
    assert [(s.start, s.end) for s in labelled] == [(s.start, s.end) for s in gold]

    tagger.save(tmp_path / "model")
    config = json.loads((tmp_path / "model" / "config.json").read_text(encoding="utf-8"))
    # The machine that loads a model picks its precision; the training one is only recorded.
    assert config["params"]["precision"] == "auto" and config["trained_precision"] in ("fp32", "bf16")
    reloaded = TechniqueTagger.load(tmp_path / "model")
    assert (reloaded.threshold_, reloaded.low_threshold_) == (tagger.threshold_, tagger.low_threshold_)
    assert tagger.low_threshold_ <= tagger.threshold_
    # Pre-release save formats are not read any more: a folder missing a field is refused, not guessed at.
    del config["low_threshold"]
    (tmp_path / "model" / "config.json").write_text(json.dumps(config), encoding="utf-8")
    with pytest.raises(KeyError):
        TechniqueTagger.load(tmp_path / "model")
    # fp16 storage of the head moves confidences in the fourth decimal at most, never the techniques.
    relabelled = reloaded.classify(articles[0].text, gold)
    assert [(s.start, s.end, s.technique) for s in relabelled] == [(s.start, s.end, s.technique) for s in labelled]
    np.testing.assert_allclose([s.confidence for s in relabelled], [s.confidence for s in labelled], atol=2e-3)
    # fp16 storage of the head changes probabilities only slightly
    again = reloaded.predict([articles[0].text])[0]
    assert abs(len(again) - len(predicted)) <= max(2, len(predicted) // 5)


@pytest.mark.slow
def test_heads_are_averaged_and_survive_a_round_trip(tmp_path: Path) -> None:
    articles = held_back_split(load_ptc(shared_path("data", "ptc")))[0][:6]
    tagger = TechniqueTagger(n_layers=1, hidden=16, epochs=2, patience=1, n_heads=2, random_state=3)
    tagger.fit([a.text for a in articles], [list(a.spans) for a in articles])
    assert len(tagger.nets_) == 2 and len(tagger.best_epochs_) == 2
    (article,) = tagger._prepare([articles[0].text])
    members = [TechniqueTagger._token_probs(_with_nets(tagger, [net]), [article])[0] for net in tagger.nets_]
    assert not np.allclose(members[0], members[1])  # different seeds, different heads
    np.testing.assert_allclose(tagger._token_probs([article])[0], (members[0] + members[1]) / 2, rtol=1e-6)

    reloaded = TechniqueTagger.load(tagger.save(tmp_path / "model"))
    assert reloaded.n_heads == 2 and len(reloaded.nets_) == 2
    assert reloaded.best_epochs_ == tagger.best_epochs_
    gold = list(articles[0].spans[:3])
    assert reloaded.classify(articles[0].text, gold) == tagger.classify(articles[0].text, gold)


def _with_nets(tagger: TechniqueTagger, nets: list[Any]) -> TechniqueTagger:
    single = TechniqueTagger(**tagger.get_params())
    single.nets_ = nets
    return single


def test_fit_rejects_bad_input() -> None:
    with pytest.raises(ValueError):
        TechniqueTagger().fit(["a text"], [])
    with pytest.raises(ValueError):
        TechniqueTagger().fit(["a text"], [[TechniqueSpan(0, 1, "Not_A_Technique", 1.0)]])


def test_unfitted_tagger_says_so() -> None:
    with pytest.raises(RuntimeError, match="not fitted"):
        TechniqueTagger().predict(["text"])


def test_repeated_rows_on_one_span_get_distinct_techniques(tmp_path: Path) -> None:
    from narratrace.techniques import load_tagger

    tagger = load_tagger("default")
    text = "The corrupt regime's so-called reforms are a disgrace."
    rows = [TechniqueSpan(4, 22, "?", 0.0), TechniqueSpan(4, 22, "?", 0.0)]
    labelled = tagger.classify(text, rows)
    assert labelled[0].technique != labelled[1].technique
    assert labelled[0].confidence >= labelled[1].confidence
    with pytest.raises(ValueError):
        tagger.classify(text, [(10, 5)])
    assert np.isfinite([s.confidence for s in labelled]).all()


def test_segment_bounds_cover_the_text_and_cut_at_line_ends() -> None:
    from narratrace.techniques.batching import segment_bounds

    assert segment_bounds("") == [(0, 0)]
    assert segment_bounds("short text", limit=100) == [(0, 10)]
    text = ("A line of an article.\n" * 40) + ("x" * 250)
    bounds = segment_bounds(text, limit=100)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(bounds))
    assert all(0 < end - start <= 100 for start, end in bounds)
    assert all(text[end - 1] == "\n" for _, end in bounds[:8])  # cut after newlines while there are some
    assert text[bounds[-2][1] - 1] == "x"  # then hard cuts inside a 250-character word


def test_long_texts_are_tagged_in_segments_with_original_offsets(monkeypatch: pytest.MonkeyPatch) -> None:
    from narratrace.techniques import batching, load_tagger

    tagger = load_tagger("fast")
    paragraph = "The corrupt, evil regime lies again and again. Its so-called reforms are a disgrace.\n"
    text = paragraph * 12
    cut = 3 * len(paragraph)
    (segment_alone,) = tagger.predict([text[:cut]])
    monkeypatch.setattr(batching, "SEGMENT_CHARS", cut)
    (spans,) = tagger.predict([text])
    assert spans and all(0 <= s.start < s.end <= len(text) for s in spans)
    # The first segment is tagged exactly as that text alone would be; no fragment crosses a cut.
    assert [s for s in spans if s.end <= cut] == segment_alone
    assert not any(s.start < cut < s.end for s in spans)
    # The same segment at two places yields the same fragments, shifted.
    first = [(s.start, s.end, s.technique) for s in spans if s.end <= cut]
    second = [(s.start - cut, s.end - cut, s.technique) for s in spans if cut <= s.start < 2 * cut]
    assert first == second


def test_batches_are_bounded_by_count_and_characters() -> None:
    from narratrace.techniques.batching import batches as _batches

    pieces = [(0, 0, 100_000), (0, 100_000, 150_000), (1, 0, 10), (2, 0, 10), (3, 0, 300_000), (4, 0, 5)]
    batches = _batches(pieces, max_pieces=2, max_chars=200_000)
    assert [p for batch in batches for p in batch] == pieces
    assert all(len(batch) <= 2 for batch in batches)
    # A batch goes over the character budget only when it is a single piece.
    assert all(len(b) == 1 or sum(end - start for _, start, end in b) <= 200_000 for b in batches)
    assert _batches([], 32, 1000) == []


def test_classify_encodes_only_the_segments_its_spans_touch(monkeypatch: pytest.MonkeyPatch) -> None:
    from narratrace.techniques import batching, load_tagger

    tagger = load_tagger("fast")
    paragraph = "The corrupt, evil regime lies again and again. Its so-called reforms are a disgrace.\n"
    text = paragraph * 12
    cut = 3 * len(paragraph)
    inside = (cut + 4, cut + 22)  # "corrupt, evil regime" in the second segment
    crossing = (cut - 30, cut + 10)
    alone = tagger.classify(text[cut : 2 * cut], [(inside[0] - cut, inside[1] - cut)])
    monkeypatch.setattr(batching, "SEGMENT_CHARS", cut)
    encoded: list[int] = []
    prepare = tagger._prepare

    def counting(texts: list[str], **kw: Any) -> Any:
        encoded.extend(map(len, texts))
        return prepare(texts, **kw)

    monkeypatch.setattr(tagger, "_prepare", counting)
    labelled = tagger.classify(text, [inside, crossing, (0, len(text))])
    assert [(s.start, s.end) for s in labelled] == [inside, crossing, (0, len(text))]
    # The span inside a segment is labelled as in that segment alone, shifted back.
    assert (labelled[0].technique, labelled[0].confidence) == (alone[0].technique, alone[0].confidence)
    # Segments 1 (inside), 0+1 (crossing) and 0 (the whole-text span, cut to its first segment): never all.
    assert sorted(encoded) == [cut, cut, 2 * cut]


def test_a_decoded_fragment_takes_the_technique_it_overlaps_most() -> None:
    from narratrace.techniques.fitting import most_overlapped as _most_overlapped

    gold = [TechniqueSpan(0, 10, "Doubt", 1.0), TechniqueSpan(5, 30, "Loaded_Language", 1.0)]
    assert _most_overlapped(gold, 2, 8) == "Doubt"  # 6 characters against 3
    assert _most_overlapped(gold, 8, 20) == "Loaded_Language"
    assert _most_overlapped(gold, 5, 15) == "Loaded_Language"  # 10 characters against 5
    tied = [TechniqueSpan(0, 10, "Doubt", 1.0), TechniqueSpan(10, 30, "Loaded_Language", 1.0)]
    assert _most_overlapped(tied, 5, 15) == "Doubt"  # 5 and 5: the first row, not the larger name
    assert _most_overlapped(gold, 30, 40) is None  # touching is not overlapping
    assert _most_overlapped([], 0, 5) is None
