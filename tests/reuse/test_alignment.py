"""Passage alignment on generated copies whose shared spans are known exactly."""

from __future__ import annotations

import random

import pytest

from narratrace.reuse import ReuseOptions, find_reuse
from tests.reuse.synthetic import clean, paragraphs, sentence, substitute, vocabulary


@pytest.fixture(scope="module")
def vocab() -> list[str]:
    return vocabulary(random.Random(5))


def _only_pair(articles, options=None):
    result = find_reuse(articles, options)
    assert len(result.pairs) == 1, [(p.a, p.b) for p in result.pairs]
    return result.pairs[0]


def test_exact_copy_aligns_whole_text_from_offset_zero(vocab):
    text = "\n\n".join(paragraphs(random.Random(1), vocab, 5))
    pair = _only_pair([clean("a", text), clean("b", text)])
    assert pair.kind == "copy"
    assert [(p.a_start, p.a_end, p.b_start, p.b_end) for p in pair.passages] == [(0, len(text), 0, len(text))]
    assert pair.passages[0].score == 1.0
    assert pair.containment_a == pair.containment_b == 1.0
    assert pair.edits == ()


def test_short_article_pasted_at_start_and_in_middle_of_long_one(vocab):
    rng = random.Random(2)
    short = " ".join(sentence(rng, vocab, 12) for _ in range(3))
    long_text = "\n\n".join(paragraphs(rng, vocab, 12))
    cut = long_text.index("\n\n", len(long_text) // 2) + 2
    at_start = short + "\n\n" + long_text
    in_middle = long_text[:cut] + short + "\n\n" + long_text[cut:]
    result = find_reuse([clean("s", short), clean("x", at_start), clean("y", in_middle)])
    by_pair = {(p.a, p.b): p for p in result.pairs}
    start_pair, middle_pair = by_pair[("s", "x")], by_pair[("s", "y")]
    assert [(p.a_start, p.a_end, p.b_start, p.b_end) for p in start_pair.passages] == [(0, len(short), 0, len(short))]
    assert [(p.a_start, p.a_end, p.b_start, p.b_end) for p in middle_pair.passages] == [
        (0, len(short), cut, cut + len(short))
    ]
    assert start_pair.containment_a == 1.0 and start_pair.containment_b < 0.25


def test_edited_copy_new_intro_deletion_reorder_substitutions(vocab):
    rng = random.Random(3)
    source = paragraphs(rng, vocab, 8)
    intro = sentence(rng, vocab, 16)
    kept = [substitute(rng, vocab, p, 0.04) for i, p in enumerate(source) if i != 2]
    kept[3], kept[4] = kept[4], kept[3]  # source paragraphs 4 and 5 swap places
    copy = "\n\n".join([intro, *kept])
    original = "\n\n".join(source)
    pair = _only_pair([clean("a", original), clean("b", copy)])
    assert pair.kind == "copy"
    # Every kept paragraph of a is covered by some passage; the dropped one is not.
    for index, paragraph in enumerate(source):
        start = original.index(paragraph)
        covered = any(p.a_start <= start + 20 and p.a_end >= start + len(paragraph) - 20 for p in pair.passages)
        assert covered == (index != 2), index
    # Reordering shows up as passages that are not in the same order in both texts.
    b_order = [p.b_start for p in sorted(pair.passages, key=lambda p: p.a_start)]
    assert b_order != sorted(b_order)
    # The new intro is an addition, the dropped paragraph a removal; substitutions are changes.
    ops = {(e.op, e.b_text) for e in pair.edits}
    assert ("added", intro) in ops
    assert any(e.op == "removed" and e.a_text == source[2] for e in pair.edits)
    assert any(e.op == "changed" for e in pair.edits)
    assert 0.8 < pair.containment_a < 1.0 and pair.containment_b > 0.9
    for passage in pair.passages:
        assert 0.85 <= passage.score <= 1.0


def test_inserted_sentence_is_an_added_edit(vocab):
    rng = random.Random(4)
    source = paragraphs(rng, vocab, 4)
    inserted = sentence(rng, vocab, 9)
    copied = list(source)
    first_stop = copied[1].index(". ") + 2
    copied[1] = copied[1][:first_stop] + inserted + " " + copied[1][first_stop:]
    pair = _only_pair([clean("a", "\n\n".join(source)), clean("b", "\n\n".join(copied))])
    # Word-level: the edit spans the inserted words (its final full stop sits after the last word).
    assert any(e.op == "added" and e.b_text == inserted.rstrip(".") for e in pair.edits)
    assert pair.containment_a == 1.0
    assert len(pair.passages) == 1  # one passage, the insertion an edit inside it


def test_thirty_percent_containment_is_found(vocab):
    rng = random.Random(6)
    source = paragraphs(rng, vocab, 10)
    kept = source[:3]
    copy = "\n\n".join(paragraphs(rng, vocab, 3) + kept)
    pair = _only_pair([clean("a", "\n\n".join(source)), clean("b", copy)])
    assert pair.kind == "copy"
    assert 0.2 < pair.containment_a < 0.45
    shared = "\n\n".join(kept)
    assert [(p.a_start, p.a_end) for p in pair.passages] == [(0, len(shared))]
    assert pair.passages[0].b_start == copy.index(shared)


def test_unrelated_texts_and_short_coincidences_are_not_pairs(vocab):
    rng = random.Random(7)
    phrase = " ".join(rng.choice(vocab) for _ in range(7))
    first = sentence(rng, vocab, 30) + " " + phrase + " " + sentence(rng, vocab, 30)
    second = sentence(rng, vocab, 30) + " " + phrase + " " + sentence(rng, vocab, 30)
    third = "\n\n".join(paragraphs(rng, vocab, 3))
    assert find_reuse([clean("a", first), clean("b", second), clean("c", third)]).pairs == []


def test_short_quote_shared_in_quotation_marks_is_a_shared_quote(vocab):
    rng = random.Random(8)
    quote = " ".join(rng.choice(vocab) for _ in range(8))
    first = sentence(rng, vocab, 30) + f' He said "{quote}" yesterday. ' + sentence(rng, vocab, 30)
    second = sentence(rng, vocab, 25) + f" “{quote},” a source said. " + sentence(rng, vocab, 25)
    pair = _only_pair([clean("a", first), clean("b", second)])
    assert pair.kind == "shared_quote"
    (passage,) = pair.passages
    # The passage is the quoted words, widened at most over the quotation marks both texts share.
    assert first[passage.a_start : passage.a_end].strip('"') == quote
    assert second[passage.b_start : passage.b_end].strip("“”") == quote


def test_masked_disclaimers_do_not_make_pairs(vocab):
    from narratrace.clean.offsets import OffsetMap
    from narratrace.clean.types import CleanArticle, MarkedSpan
    from narratrace.ingest.article import Article

    rng = random.Random(9)
    disclaimer = "*" + " ".join(rng.choice(vocab) for _ in range(20)) + " banned in Russia"
    articles = []
    for name in "ab":
        text = "\n\n".join([*paragraphs(rng, vocab, 2), disclaimer])
        start = text.index(disclaimer)
        articles.append(
            CleanArticle(
                Article(id=name, text=text),
                text,
                OffsetMap.identity(len(text)),
                marked=(MarkedSpan(start, start + len(disclaimer), "disclaimer"),),
            )
        )
    assert find_reuse(articles).pairs == []


def test_pairs_are_ordered_by_id_and_reported_once(vocab):
    text = "\n\n".join(paragraphs(random.Random(10), vocab, 3))
    result = find_reuse([clean("z", text), clean("m", text), clean("b", text)])
    assert [(p.a, p.b) for p in result.pairs] == [("b", "m"), ("b", "z"), ("m", "z")]


def test_offsets_map_back_to_original_text(vocab):
    """Passages are reported in original coordinates even when cleaning removed lines."""
    from narratrace.clean import clean_article
    from narratrace.ingest.article import Article

    body = "\n\n".join(paragraphs(random.Random(11), vocab, 4))
    chrome = "Listen Live\nGet short URL\n\n"
    with_chrome = clean_article(Article(id="b", text=chrome + body))
    plain = clean_article(Article(id="a", text=body))
    (pair,) = find_reuse([plain, with_chrome]).pairs
    (passage,) = pair.passages
    assert (chrome + body)[passage.b_start : passage.b_end] == body[passage.a_start : passage.a_end]
    assert passage.b_start >= len(chrome) - 2


def test_options_are_validated():
    with pytest.raises(ValueError):
        ReuseOptions(shingle_words=0)
    with pytest.raises(ValueError):
        find_reuse([], engine="hadoop")
