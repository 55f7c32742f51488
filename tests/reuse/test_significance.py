"""Significance of shared text: stock phrasing never links articles, partial pairs, ranking, background."""

from __future__ import annotations

import random

import numpy as np

from narratrace.reuse import ReuseOptions, find_reuse
from narratrace.reuse.background import StockBackground, learn_background, stock_background
from narratrace.reuse.headlines import headline_words
from narratrace.reuse.significance import SharedEvidence, ShingleRarity, estimated_words, pair_kind
from narratrace.reuse.tokens import document_shingles, tokenize
from tests.reuse.synthetic import clean, paragraphs, sentence, vocabulary

STOCK = "The death toll was likely to rise because of the number of serious injuries."


def _article(rng: random.Random, vocab: list[str], count: int = 5) -> str:
    return "\n\n".join(paragraphs(rng, vocab, count))


def _stock_corpus(rng: random.Random, vocab: list[str]) -> list:
    # Six unrelated articles, each with the same stock sentence in its second paragraph.
    articles = []
    for k in range(6):
        parts = paragraphs(rng, vocab, 5)
        parts[1] = parts[1] + " " + STOCK
        articles.append(clean(f"s{k}", "\n\n".join(parts), published=f"2020-01-0{k + 1}"))
    return articles


def test_one_shared_stock_sentence_makes_no_pair_and_no_cluster():
    rng = random.Random(5)
    articles = _stock_corpus(rng, vocabulary(rng))
    result = find_reuse(articles)
    assert result.pairs == [] and result.clusters == [] and result.stock_pairs == []


def test_stock_pairs_only_on_request_and_never_links():
    rng = random.Random(5)
    articles = _stock_corpus(rng, vocabulary(rng))
    result = find_reuse(articles, keep_stock=True)
    assert result.pairs == [] and result.clusters == []
    assert len(result.stock_pairs) == 15  # every two of the six articles
    for pair in result.stock_pairs:
        assert pair.kind == "stock"
        (passage,) = pair.passages
        text = next(a for a in articles if a.id == pair.a).article.text
        assert text[passage.a_start : passage.a_end] == STOCK[:-1] or STOCK.startswith(
            text[passage.a_start : passage.a_end]
        )


def test_a_shared_paragraph_in_two_long_articles_is_partial():
    rng = random.Random(8)
    vocab = vocabulary(rng)
    shared = " ".join(sentence(rng, vocab, 15) for _ in range(4))  # 60 words
    a = _article(rng, vocab, 10) + "\n\n" + shared + "\n\n" + _article(rng, vocab, 4)
    b = _article(rng, vocab, 6) + "\n\n" + shared + "\n\n" + _article(rng, vocab, 8)
    (pair,) = find_reuse([clean("a", a), clean("b", b)]).pairs
    assert pair.kind == "partial"
    assert pair.significance == 60
    assert max(pair.containment_a, pair.containment_b) < 0.3
    (passage,) = pair.passages
    assert a[passage.a_start : passage.a_end] == shared


def test_pairs_rank_by_significant_shared_text():
    rng = random.Random(9)
    vocab = vocabulary(rng)
    source = _article(rng, vocab, 6)
    whole = clean("whole", sentence(rng, vocab) + "\n\n" + source)
    half = clean("half", "\n\n".join(source.split("\n\n")[:3]) + "\n\n" + _article(rng, vocab, 6))
    result = find_reuse([clean("source", source), whole, half])
    ranked = result.ranked()
    assert [(p.a, p.b) for p in ranked][:2] == [("source", "whole"), ("half", "whole")] or ranked[0].b == "whole"
    assert [p.significance for p in ranked] == sorted((p.significance for p in ranked), reverse=True)
    assert ranked[0].significance > ranked[-1].significance > 0
    # "half" keeps 3 of the source's 6 paragraphs beside 6 of its own: under half of either text.
    assert {(p.a, p.b): p.kind for p in ranked} == {
        ("source", "whole"): "copy",
        ("half", "source"): "partial",
        ("half", "whole"): "partial",
    }
    assert [(p.a, p.b) for p in result.pairs] == sorted((p.a, p.b) for p in result.pairs)


def test_background_loads_offline_and_knows_news_phrasing():
    background = stock_background(5)
    assert len(background) > 500
    assert np.all(background.hashes[1:] > background.hashes[:-1])  # sorted, distinct
    phrase = document_shingles("did not respond to a request for comment", (), 5)
    assert background.contains(phrase).sum() >= 2
    unusual = document_shingles("zorbulent quaffle marmots jiggered the vexillology", (), 5)
    assert not background.contains(unusual).any()
    assert stock_background(4).hashes.size == 0  # built for 5-word shingles only


def test_background_phrasing_is_not_significant():
    rng = random.Random(12)
    vocab = vocabulary(rng)
    background = stock_background(5)
    words = "officials did not respond to a request for comment on the matter"
    text = _article(rng, vocab, 4)
    shared_text = text + "\n\n" + " ".join([words] * 1)
    other = _article(rng, vocab, 4) + "\n\n" + words
    assert background.contains(document_shingles(words, (), 5)).any()
    result = find_reuse([clean("x", shared_text), clean("y", other)], keep_stock=True)
    for pair in result.stock_pairs:
        assert pair.significance < len(words.split())
    assert result.pairs == []


def test_learn_background_needs_several_collections():
    common = "according to the statement released on friday by officials"
    collections = {
        "one": [f"story {k} {common} more words here" for k in range(4)],
        "two": [f"other {k} {common} and then" for k in range(2)],
        "three": ["a shared footer line that only one site prints"] * 5,
    }
    learned = learn_background(collections, 5, min_documents=3, min_collections=2)
    assert learned.contains(document_shingles(common, (), 5)).all()
    assert not learned.contains(document_shingles("a shared footer line that only one site prints", (), 5)).any()
    assert isinstance(StockBackground.empty(5), StockBackground) and len(StockBackground.empty(5)) == 0


def test_kinds_and_estimates():
    options = ReuseOptions()

    def evidence(weight: float, span: int, quoted: float = 0.0) -> SharedEvidence:
        return SharedEvidence(weight, round(weight), quoted, round(quoted), span, span)

    assert pair_kind(evidence(200, 200), 300, 600, options) == "copy"
    assert pair_kind(evidence(140, 140), 300, 600, options) == "partial"  # under half of either text
    assert pair_kind(evidence(50, 50), 600, 600, options) == "partial"
    assert pair_kind(evidence(20, 20), 600, 600, options) == "stock"
    assert pair_kind(evidence(0, 7, 7), 600, 600, options) == "shared_quote"
    assert pair_kind(evidence(0, 20, 3), 600, 600, options) == "stock"
    # However long a shared quotation is, it stays a shared quote while the texts' own wording is not reused.
    assert pair_kind(evidence(10, 210, 200), 300, 300, options) == "shared_quote"
    # Shares are of the texts' own wording: with a 40-word shared quotation set aside, 40 of 60 words.
    assert pair_kind(evidence(40, 80, 40), 100, 100, options) == "copy"
    # Weighted evidence decides, spans measure shares: boilerplate many documents carry is stock.
    assert pair_kind(evidence(10, 115), 200, 300, options) == "stock"
    # One 15-word sentence (11 shingles, one postings list) is far from a partial pair.
    assert estimated_words(11, 1, options) < options.min_partial_words


def test_text_many_documents_carry_weighs_less():
    # An editor's note appended to 30 unrelated articles: 45 words, but no two articles are linked by it.
    rng = random.Random(31)
    vocab = vocabulary(rng)
    note = " ".join(sentence(rng, vocab, 15) for _ in range(3))
    articles = [clean(f"n{k:02d}", _article(rng, vocab, 4) + "\n\n" + note) for k in range(30)]
    assert find_reuse(articles).pairs == []
    # The same note in two articles only is a partial pair: text only they share is full evidence.
    (pair,) = find_reuse(articles[:2]).pairs
    assert pair.kind == "partial" and pair.significance == 45
    rarity = ShingleRarity.from_frequencies(
        StockBackground.empty(5),
        np.array([10, 20], np.uint64),
        np.array([8, 40], np.int64),
        0,
        ReuseOptions(),
    )
    hashes = np.array([10, 20, 30], np.uint64)  # with 0 document bits, an even hash is its own indexed value
    assert rarity.weights(hashes).tolist() == [1.0, 0.2, 1.0]


def test_repeated_text_counts_once():
    rng = random.Random(32)
    vocab = vocabulary(rng)
    question = sentence(rng, vocab, 16)
    widget = "\n".join([question] * 3)
    a = _article(rng, vocab, 6) + "\n\n" + widget + "\n\n" + _article(rng, vocab, 6)
    b = _article(rng, vocab, 6) + "\n\n" + widget + "\n\n" + _article(rng, vocab, 6)
    pairs = find_reuse([clean("a", a), clean("b", b)], keep_stock=True).stock_pairs
    assert [p.kind for p in pairs] == ["stock"]  # 48 words shared, 16 of them distinct
    assert pairs[0].significance <= 16 + 4


def test_headline_lists_are_no_evidence():
    rng = random.Random(33)
    vocab = vocabulary(rng)
    related = "Related:\n\n" + "\n\n".join(
        " ".join(w.capitalize() for w in [*rng.sample(vocab, 3), "On", "The", *rng.sample(vocab, 3)]) + "."
        for _ in range(6)
    )
    a, b = _article(rng, vocab, 2) + "\n\n" + related, _article(rng, vocab, 1) + "\n\n" + related
    assert find_reuse([clean("a", a), clean("b", b)]).pairs == []
    text = "He met Prime Minister Theresa May. The talks failed, the Syrian Observatory for Human Rights said."
    assert not headline_words(text, tokenize(text)).any()
    title = "Rand Paul Scores Direct Hit On Donald Trump"
    assert headline_words(title, tokenize(title)).all()


def test_a_long_shared_quotation_is_a_shared_quote():
    rng = random.Random(34)
    vocab = vocabulary(rng)
    statement = " ".join(sentence(rng, vocab, 15) for _ in range(5))  # 75 words, quoted in both
    a = _article(rng, vocab, 5) + '\n\nThe minister said: "' + statement + '"\n\n' + _article(rng, vocab, 5)
    b = _article(rng, vocab, 5) + '\n\nIn a statement, she wrote: "' + statement + '"\n\n' + _article(rng, vocab, 5)
    (pair,) = find_reuse([clean("a", a), clean("b", b)]).pairs
    assert pair.kind == "shared_quote" and pair.significance >= 70
    # Quoted in one text only, it is the other's own wording reused.
    c = _article(rng, vocab, 5) + "\n\n" + statement + "\n\n" + _article(rng, vocab, 5)
    (pair,) = find_reuse([clean("a", a), clean("c", c)]).pairs
    assert pair.kind == "partial"


def test_parallel_and_in_process_agree_with_stock_phrasing():
    rng = random.Random(21)
    vocab = vocabulary(rng)
    articles = _stock_corpus(rng, vocab)
    for k in range(20):
        source = articles[k % 6].text.split("\n\n")
        articles.append(clean(f"c{k:02d}", "\n\n".join([sentence(rng, vocab), *source[: 2 + k % 3]])))
    serial = find_reuse(articles, ReuseOptions(workers=1))
    parallel = find_reuse(articles, ReuseOptions(workers=2, min_parallel_documents=2, min_parallel_pairs=2))
    assert serial == parallel
    assert {p.kind for p in serial.pairs} <= {"copy", "partial"} and len(serial.pairs) >= 20
