"""Attribution extraction: offsets, source types, hostile input, parsing PolNeAR, scoring, and the seeds."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from narratrace.claims.attribution import extract_attributions, load_attribution_model
from narratrace.claims.attribution_data import GoldAttribution, parse_brat
from narratrace.claims.attribution_decode import (
    LinkedAttribution,
    ScoredSpan,
    SyntaxFlags,
    contents_without_trailing_function_words,
    cues_without_trailing_commas,
    decode_spans,
    drop_unattributed,
    link_parts,
    recover_sources,
    rescue_contents,
    snap_contents,
    source_word_starts,
    sources_without_trailing_prepositions,
)
from narratrace.claims.attribution_eval import WordIndex, span_match
from narratrace.claims.attribution_features import _quote_depth, quotation_chars
from narratrace.claims.attribution_model import AttributionTagger
from narratrace.claims.source_types import type_sources
from narratrace.claims.types import SOURCE_TYPES
from tests.claims.helpers import SAMPLE, check_offsets, typing_case


def test_offsets_round_trip_and_types() -> None:
    [found] = extract_attributions([SAMPLE])
    assert found, "a quote with 'told reporters' and an 'according to' should be found"
    check_offsets(SAMPLE, found)
    assert all(a.article == "text-0" for a in found)
    sources = {a.source.text: a.source_type for a in found if a.source}
    assert any("Kovacs" in text and kind == "person" for text, kind in sources.items()), sources


@pytest.mark.parametrize(
    "text",
    ["", "word", "Der Minister sagte am Montag, die Verhandlungen seien gescheitert.", "你好，世界。他说这是真的。"],
)
def test_hostile_input(text: str) -> None:
    [found] = extract_attributions([text])
    check_offsets(text, found)


@pytest.mark.slow
def test_a_large_input_is_tagged_in_pieces() -> None:
    # 250 KB here; a 1 MB text also passes (test_attribution_speed.py: ~1 CPU minute, too long for every CI run).
    text = (SAMPLE + "\n") * (250_000 // (len(SAMPLE) + 1))
    [found] = extract_attributions([text])
    assert found
    check_offsets(text, found)


def test_source_types_from_cues() -> None:
    text, spans = typing_case()
    assert type_sources(text, spans) == [
        "person",
        "anonymous",
        "outlet",
        "outlet",
        "organisation",
        "person",
        "unattributed",
    ]


def test_a_role_then_its_holder_is_a_person_and_an_outlets_edition_an_outlet() -> None:
    text = (
        "As CNN's chief medical correspondent Dr. Sanjay Gupta noted at the time, the disease is common. "
        "Sputnik Arabic said the attack was staged. CBS News reported that two officials had resigned."
    )
    sources = ("CNN's chief medical correspondent Dr. Sanjay Gupta", "Sputnik Arabic", "CBS News")
    spans = [(text.index(source), text.index(source) + len(source)) for source in sources]
    # Before: "outlet" (CNN named first, the holder in apposition) and "person" (the tagger's PERSON).
    assert type_sources(text, spans) == ["person", "outlet", "outlet"]


def test_parse_brat_reads_events_and_discontinuous_spans() -> None:
    annotation = (
        "T1\tSource 0 2\the\nT2\tCue 3 7\tsaid\nT3\tContent 8 12;14 20\tthat it\nT4\tAttribution 3 7\tsaid\n"
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
        "T5\tCue 30 33\tsay\nT6\tContent 34 40\tthings\nE2\tAttribution-no-source:T5 Content:T6 Cue:T5\n"
    )
    assert parse_brat(annotation) == (
        GoldAttribution((0, 2), (3, 7), (8, 20)),
        GoldAttribution(None, (30, 33), (34, 40)),
    )


def test_decoding_keeps_words_whole_and_links_nearest_parts() -> None:
    text = "Smithson said taxes rose"
    offsets = np.array([[0, 5], [5, 8], [9, 13], [14, 19], [20, 24]])
    probs = np.zeros((5, 3))
    probs[:, 0] = 1.0
    probs[0] = [0, 1, 0]  # B on "Smith", O on "son": the word stays whole
    assert [(s.start, s.end) for s in decode_spans(text, offsets, probs)] == [(0, 8)]
    spans = {
        "Source": [ScoredSpan(0, 8, 0.9)],
        "Cue": [ScoredSpan(9, 13, 0.9)],
        "Content": [ScoredSpan(14, 24, 0.6)],
    }
    [linked] = link_parts(text, spans, max_chars=100)
    assert (linked.source, linked.cue, linked.content) == ((0, 8), (9, 13), (14, 24))


def test_overlap_match_is_word_jaccard() -> None:
    text = "one two three four"
    index = WordIndex(text)
    assert span_match((0, 13), (4, 13), "overlap", index) == pytest.approx(2 / 3)
    assert span_match((0, 3), (0, 13), "overlap", index) == 0.0  # Jaccard 1/3
    assert span_match((0, 3), (0, 3), "exact", index) == 1.0
    assert span_match(None, None, "exact", index) == 1.0


def test_model_round_trip(tmp_path: Path) -> None:
    model = load_attribution_model()
    model.save(tmp_path)
    again = type(model).load(tmp_path)
    assert again.get_params() == model.get_params()
    assert extract_attributions([SAMPLE], model=again) == extract_attributions([SAMPLE], model=model)


@pytest.mark.slow
@pytest.mark.parametrize("model", [None, "accurate"])
def test_seeds_acceptance(seeds_dir: Path, model: str | None) -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(seeds_dir.glob("*.txt"))]
    found = [a for article in extract_attributions(texts, model) for a in article]
    sources = [(a.source.text, a.source_type) for a in found if a.source]

    def has(fragment: str, kind: str) -> bool:
        return any(fragment.lower() in text.lower() and t == kind for text, t in sources)

    assert has("two anonymous US officials", "anonymous"), sources
    assert has("CBS News", "outlet"), sources
    assert has("Garrett Marquis", "person"), sources
    assert has("SANA", "outlet"), sources
    # The issue's "SANA, citing unnamed sources and local media": SANA named where it cites them (004: "Syria's
    # official news agency SANA, citing ..."), not only in a later "According to SANA's report"; the default
    # model also reads the unnamed sources as an anonymous source (the accurate one takes SANA's "citing" as
    # the cue of the whole report, without them).
    assert has("news agency SANA", "outlet"), sources
    if model is None:
        assert has("unnamed sources and local media", "anonymous"), sources
        # ... and says which outlet cites them: the outlet citing anonymous sources, as the issue puts it.
        cited = [a.via.text for a in found if a.source and "unnamed sources" in a.source.text and a.via]
        assert cited == ["SANA"], cited


@pytest.mark.slow
def test_source_typing_on_hand_labels(shared_data: Path) -> None:
    import csv
    from collections import defaultdict

    labels_path = Path(__file__).parent / "data" / "source_types_dev.tsv"
    with labels_path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert len(rows) >= 80
    by_document: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        assert row["label"] in SOURCE_TYPES
        by_document[row["document"]].append(row)
    correct = 0
    for document, document_rows in by_document.items():
        text = (shared_data / "attribution" / "text" / f"{document}.txt").read_text(encoding="utf-8")
        predicted = type_sources(text, [(int(r["start"]), int(r["end"])) for r in document_rows])
        correct += sum(p == r["label"] for p, r in zip(predicted, document_rows, strict=True))
    assert correct / len(rows) >= 0.75  # measured 0.924 on 1,240 spans (docs/results/attribution.md)


def test_hysteresis_keeps_a_doubted_middle_word_inside_the_span() -> None:
    text = "he said taxes will rise"
    offsets = np.array([[0, 2], [3, 7], [8, 13], [14, 18], [19, 23]])
    probs = np.array([[1, 0, 0], [1, 0, 0], [0.1, 0.8, 0.1], [0.6, 0.0, 0.4], [0.2, 0.0, 0.8]])
    assert [(s.start, s.end) for s in decode_spans(text, offsets, probs)] == [(8, 13), (19, 23)]
    assert [(s.start, s.end) for s in decode_spans(text, offsets, probs, low=0.3, high=0.6)] == [(8, 23)]
    # A run whose best word stays under ``high`` is no span at all.
    assert decode_spans(text, offsets, probs * [1, 0, 0] + [0, 0, 0.4], low=0.3, high=0.6) == []


def test_contents_snap_to_quotation_marks_and_lose_edge_punctuation() -> None:
    text = 'She said: "We will stay here." Then she left, and said that it rained.'
    in_quotes = _quote_depth(text)
    cut_quote = ScoredSpan(text.index(": "), text.index(" here"), 0.9)
    clause = ScoredSpan(text.index("that it"), len(text), 0.9)
    snapped = snap_contents(text, [cut_quote, clause], in_quotes)
    assert [text[s.start : s.end] for s in snapped] == ['"We will stay here."', "that it rained"]


def test_sources_are_recovered_from_the_sentence_shape() -> None:
    text = "The agency, citing unnamed sources, reported that talks failed. In May, it said that talks resumed."
    pieces = [(m.start(), m.end()) for m in re.finditer(r"\w+|[^\w\s]", text)]
    offsets = np.array(pieces)
    words = [text[s:e] for s, e in pieces]
    flags = SyntaxFlags(
        sentence_start=np.array([w in ("The", "In") for w in words]),
        nominal=np.array([w in ("agency", "sources", "it", "talks", "May") for w in words]),
        clause_opener=np.array([w in ("In", "reported", "said", "citing") for w in words]),
    )

    def span(fragment: str) -> tuple[int, int]:
        return text.index(fragment), text.index(fragment) + len(fragment)

    linked = [
        LinkedAttribution(None, span("citing"), span("that talks failed"), 0.9),
        LinkedAttribution(None, span("reported"), span("that talks failed"), 0.9),
        LinkedAttribution(None, span("said"), span("that talks resumed"), 0.9),
    ]
    sources = [a.source for a in recover_sources(text, linked, offsets, flags)]
    assert sources == [span("unnamed sources"), span("The agency"), None]


def test_a_cue_without_a_strict_content_falls_back_on_a_loose_one() -> None:
    text = "Smithson said taxes rose. Jones added that rents fell."
    cues = [ScoredSpan(9, 13, 0.9), ScoredSpan(32, 37, 0.9)]
    strict = [ScoredSpan(14, 24, 0.9)]
    loose = [ScoredSpan(14, 24, 0.6), ScoredSpan(43, 53, 0.5), ScoredSpan(0, 5, 0.5)]
    kept = rescue_contents(text, cues, strict, loose, max_chars=7)
    # "added" has no strict content in reach: it takes its nearest loose one; "said" keeps the strict one.
    assert [(s.start, s.end) for s in kept] == [(14, 24), (43, 53)]
    assert rescue_contents(text, [], strict, loose, max_chars=100) == strict


def test_only_confident_contents_stay_without_a_cue() -> None:
    cued = LinkedAttribution((0, 8), (9, 13), (14, 24), 0.3)
    doubtful, sure = LinkedAttribution(None, None, (30, 40), 0.5), LinkedAttribution(None, None, (50, 60), 0.9)
    assert drop_unattributed([cued, doubtful, sure], 0.7) == [cued, sure]
    assert drop_unattributed([cued, doubtful], 0.0) == [cued, doubtful]


def test_contents_can_be_cut_at_line_breaks() -> None:
    text = 'He said "the talks failed."\nThe minister left for Paris.'
    run_on = [ScoredSpan(text.index('"the'), len(text) - 1, 0.9)]
    in_quotes = _quote_depth(text)
    whole = AttributionTagger(content_lines=False)._finished_contents(text, run_on, in_quotes)
    cut = AttributionTagger(content_lines=True)._finished_contents(text, run_on, in_quotes)
    assert [text[s.start : s.end] for s in whole] == ['"the talks failed."\nThe minister left for Paris']
    assert [text[s.start : s.end] for s in cut] == ['"the talks failed."', "The minister left for Paris"]
    assert AttributionTagger(content_lines=True).get_params()["content_lines"] is True


def test_sources_start_on_a_word() -> None:
    text = "Donald J. Trump, who won, and Mrs. Clinton and Syria’s Idlib Residents, said so at the rally, ok"

    def span(fragment: str) -> ScoredSpan:
        return ScoredSpan(text.index(fragment), text.index(fragment) + len(fragment), 0.9)

    spans = [
        span(", who"),
        span(". Clinton"),
        span("’s Idlib Residents"),
        ScoredSpan(len(text) - 4, len(text) - 3, 0.9),
    ]  # a lone comma
    mended = source_word_starts(text, spans)
    assert [text[s.start : s.end] for s in mended] == ["who", "Mrs. Clinton", "Syria’s Idlib Residents"]
    quoted = 'the "White Helmets" said'
    assert source_word_starts(quoted, [ScoredSpan(4, 19, 0.9)]) == [ScoredSpan(4, 19, 0.9)]
    opened = "he met “Trump’s supporters"
    (inside,) = source_word_starts(opened, [ScoredSpan(opened.index("’s"), len(opened), 0.9)])
    assert opened[inside.start : inside.end] == "Trump’s supporters"


def _span(text: str, fragment: str) -> ScoredSpan:
    return ScoredSpan(text.index(fragment), text.index(fragment) + len(fragment), 0.9)


def test_sources_end_before_a_trailing_preposition() -> None:
    text = "The Supreme Court on Monday ruled. From there, he said. The Post, The Times, and NBC News on Friday said"
    fragments = ["The Supreme Court on", "From", "NBC News on"]
    mended = sources_without_trailing_prepositions(text, [_span(text, f) for f in fragments])
    # "From" alone is kept: a span that is nothing but a preposition is left to the other rules.
    assert [text[s.start : s.end] for s in mended] == ["The Supreme Court", "From", "NBC News"]


def test_contents_end_before_a_trailing_conjunction_or_preposition() -> None:
    text = 'she was "going to put coal miners out of business," while he voted to probe the attack, in June, and so on'
    fragments = ['"going to put coal miners out of business," while', "to probe the attack, in", "and"]
    mended = contents_without_trailing_function_words(text, [_span(text, f) for f in fragments])
    # A quotation keeps its closing mark; a span that is nothing but the word is left to the other rules.
    assert [text[s.start : s.end] for s in mended] == [
        '"going to put coal miners out of business,"',
        "to probe the attack",
        "and",
    ]


def test_cues_end_before_a_trailing_comma() -> None:
    text = "He replied, “Well, maybe so,” and went on to say; no more"
    spans = [ScoredSpan(3, 11, 0.9), ScoredSpan(text.index("went"), text.index(";") + 1, 0.9), ScoredSpan(10, 11, 0.5)]
    mended = cues_without_trailing_commas(text, spans)
    assert [text[s.start : s.end] for s in mended] == ["replied", "went on to say"]


def test_two_apostrophes_quote_a_content_as_a_double_quote_does() -> None:
    text = "Neither man was impressed - ''Born with a silver spoon in her mouth,'' Mr. Elkins said - at all."
    cut = ScoredSpan(text.index("''Born"), text.index(" in her"), 0.9)
    (snapped,) = snap_contents(text, [cut], quotation_chars(text))
    assert text[snapped.start : snapped.end] == "''Born with a silver spoon in her mouth,''"
    # The model's input feature keeps reading double quotes only, as it was trained.
    assert _quote_depth(text).sum() == 0
    assert quotation_chars('he said "yes" then').sum() == _quote_depth('he said "yes" then').sum() == 5
