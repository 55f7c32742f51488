"""The shipped model: offline loading, hostile inputs, and behaviour on the seed articles."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from narratrace.techniques import TECHNIQUE_NAMES, TECHNIQUES, detect_techniques, technique_profile
from narratrace.techniques.data import read_article_text
from tests.conftest import shared_path

LABELS_FOR_WORDS = {"Loaded_Language", "Name_Calling,Labeling"}

# Known gap of the shipped model: in seed 002 its token scores for "ISIS terrorists" are ~0.39, just
# under the tuned span threshold (0.40), so the fragment is missed at default settings (found at 0.35).
# Kept as an expected failure (non-strict) so that a better model turns it green without edits.
SEED_GAP = pytest.mark.xfail(
    strict=False, reason="shipped model scores this seed fragment just under its span threshold"
)


def test_loads_offline_in_a_fresh_process() -> None:
    code = (
        "from narratrace.techniques import detect_techniques;"
        "r = detect_techniques(['The corrupt, evil regime lies again.']);"
        "print(len(r))"
    )
    env = os.environ | {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "HF_HOME": "/nonexistent"}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "1"


def test_taxonomy_is_complete() -> None:
    assert len(TECHNIQUES) == 14
    assert {t.name for t in TECHNIQUES} == set(TECHNIQUE_NAMES)
    assert all(t.definition and t.example and t.title for t in TECHNIQUES)


def test_empty_and_one_word_texts() -> None:
    assert detect_techniques([]) == []
    empty, one_word, spaces = detect_techniques(["", "Hello", " \n\n "])
    assert empty == [] and spaces == []
    assert all(0 <= s.start < s.end <= 5 for s in one_word)
    with pytest.raises(TypeError):
        detect_techniques("a str is not a list of texts")


def test_non_english_text_gives_no_confident_spans() -> None:
    texts = [
        "Der Gemeinderat hat am Dienstag den Haushalt für das kommende Jahr beschlossen. "
        "Die Sitzung dauerte drei Stunden und verlief ruhig.",
        "城市议会周二通过了明年的预算。会议持续了三个小时。",
    ]
    for text, spans in zip(texts, detect_techniques(texts), strict=True):
        assert all(0 <= s.start < s.end <= len(text) for s in spans)
        assert all(s.confidence < 0.5 for s in spans)


def test_control_characters_and_replacement_chars_do_not_crash() -> None:
    text = "\x00\x01\x02 binary-ish \ufffd\ufffd bytes \x7f\n\n\x0b"
    (spans,) = detect_techniques([text])
    assert all(0 <= s.start < s.end <= len(text) and 0.0 <= s.confidence <= 1.0 for s in spans)


@pytest.mark.slow
def test_one_megabyte_article() -> None:
    sentence = "The minister said the new budget would be published next week after a long debate.\n"
    text = sentence * (1_000_000 // len(sentence) + 1)
    (spans,) = detect_techniques([text])
    assert all(0 <= s.start < s.end <= len(text) for s in spans)


def test_profile_counts_per_thousand_words() -> None:
    from narratrace.techniques import TechniqueSpan

    text = " ".join(["word"] * 500)
    spans = [TechniqueSpan(0, 4, "Doubt", 0.9), TechniqueSpan(5, 9, "Doubt", 0.8)]
    profile = technique_profile(text, spans)
    assert profile["Doubt"] == pytest.approx(4.0)
    assert profile["Slogans"] == 0.0
    assert set(profile) == set(TECHNIQUE_NAMES)
    assert technique_profile("", spans) == dict.fromkeys(TECHNIQUE_NAMES, 0.0)


def _seed_texts() -> dict[str, str]:
    seeds = shared_path("seeds")
    return {p.name: read_article_text(p) for p in sorted(seeds.glob("*.txt"))}


def test_seed_loaded_words_are_tagged() -> None:
    texts = _seed_texts()
    results = dict(zip(texts, detect_techniques(list(texts.values())), strict=True))
    for word in ("so-called", "notorious"):
        hits = [
            (name, s)
            for name, text in texts.items()
            for s in results[name]
            if s.technique in LABELS_FOR_WORDS and word in text[s.start : s.end].lower()
        ]
        assert hits, f"no Loaded_Language/Name_Calling span covers {word!r} in the seeds"


@SEED_GAP
def test_seed_002_name_calling_span() -> None:
    texts = _seed_texts()
    name = next(n for n in texts if n.startswith("002"))
    text = texts[name]
    start = text.index("ISIS terrorists")
    end = text.index("fake volunteer rescue group", start) + len("fake volunteer rescue group")
    (spans,) = detect_techniques([text])
    assert any(s.technique == "Name_Calling,Labeling" and s.start < end and s.end > start for s in spans), [
        (text[s.start : s.end], s.technique) for s in spans if s.start < end and s.end > start
    ]
