"""Quotations inside copied text, quotations printed with two apostrophes, and the lines of a poll widget."""

from __future__ import annotations

import random

from narratrace.reuse import ReuseOptions, find_reuse
from narratrace.reuse.quotations import quotation_spans
from narratrace.reuse.repeats import repeated_sentence_words
from narratrace.reuse.significance import SharedEvidence, pair_kind
from narratrace.reuse.tokens import tokenize
from tests.reuse.synthetic import clean, paragraphs, sentence, vocabulary


def _article(rng: random.Random, vocab: list[str], count: int) -> str:
    return "\n\n".join(paragraphs(rng, vocab, count))


def _quoted(text: str) -> list[str]:
    return [text[start:end] for start, end in quotation_spans(text).tolist()]


def test_two_apostrophes_are_a_double_quotation_mark():
    text = "The mayor said, ''We will rebuild the bridge,'' and left. ''It's done,'' she said. Don't."
    assert _quoted(text) == ["We will rebuild the bridge,", "It's done,"]
    assert _quoted("It's the council's plan and the mayor's.") == []


def test_a_quotation_printed_with_apostrophes_in_one_text_and_marks_in_the_other_is_a_shared_quote():
    rng = random.Random(7)
    vocab = vocabulary(rng)
    speech = " ".join(sentence(rng, vocab, 14) for _ in range(4))  # 56 words of someone both quote
    a = _article(rng, vocab, 6) + "\n\nThe president said, ''" + speech + "''\n\n" + _article(rng, vocab, 6)
    b = _article(rng, vocab, 6) + "\n\nHe told the crowd: \u201c" + speech + "\u201d\n\n" + _article(rng, vocab, 6)
    (pair,) = find_reuse([clean("a", a), clean("b", b)]).pairs
    assert pair.kind == "shared_quote"


def test_a_quotation_inside_a_copied_passage_counts_in_the_copy_share():
    rng = random.Random(11)
    vocab = vocabulary(rng)
    before = " ".join(sentence(rng, vocab, 15) for _ in range(2))
    after = " ".join(sentence(rng, vocab, 15) for _ in range(2))
    quotation = " ".join(sentence(rng, vocab, 15) for _ in range(4))
    copied = f'{before} The minister said: "{quotation}" {after}'  # 60 own words around a 60-word quotation
    source = _article(rng, vocab, 3) + "\n\n" + copied + "\n\n" + _article(rng, vocab, 3)
    commentary = " ".join(sentence(rng, vocab, 15) for _ in range(5))  # 75 words of the copier's own
    copier = copied + "\n\n" + commentary
    # 123 of 198 words are the copied passage: a copy. Were its quotation set aside as one both texts
    # merely report, only 63 of 138 own words would be copied (under half), and it would be a partial.
    (pair,) = find_reuse([clean("a", source), clean("b", copier)]).pairs
    assert pair.kind == "copy"


def test_a_shared_quotation_with_a_few_shared_words_around_it_is_still_a_shared_quote():
    rng = random.Random(13)
    vocab = vocabulary(rng)
    quotation = " ".join(sentence(rng, vocab, 15) for _ in range(5))
    a = "The minister said: \u201c" + quotation + "\u201d the agency reported.\n\n" + _article(rng, vocab, 2)
    b = "The minister said: \u201c" + quotation + "\u201d the agency reported.\n\n" + _article(rng, vocab, 2)
    (pair,) = find_reuse([clean("a", a), clean("b", b)]).pairs
    assert pair.kind == "shared_quote"


def test_the_short_lines_after_a_poll_question_are_furniture_and_the_prose_after_them_is_not():
    rng = random.Random(17)
    vocab = vocabulary(rng)
    question = sentence(rng, vocab, 10)
    answers = [sentence(rng, vocab, 12) for _ in range(4)]
    before = [sentence(rng, vocab, 40), sentence(rng, vocab, 40)]
    after = sentence(rng, vocab, 40)  # a line of prose ends the widget
    text = "\n".join([*before, question, question, question, *answers, after])
    flags = repeated_sentence_words(text, tokenize(text))
    assert not flags[:80].any() and flags[80 : 80 + 30 + 48].all() and not flags[80 + 30 + 48 :].any()


def test_two_posts_sharing_only_a_poll_with_its_answers_make_no_pair():
    rng = random.Random(19)
    vocab = vocabulary(rng)
    question = sentence(rng, vocab, 12)
    poll = "\n".join([question] * 3 + [sentence(rng, vocab, 12) for _ in range(4)])  # 48 words of answers
    a = _article(rng, vocab, 6) + "\n\n" + poll + "\n\n" + _article(rng, vocab, 6)
    b = _article(rng, vocab, 6) + "\n\n" + poll + "\n\n" + _article(rng, vocab, 6)
    assert find_reuse([clean("a", a), clean("b", b)]).pairs == []


def test_a_quoted_catch_phrase_is_stock_and_a_quoted_line_of_speech_links():
    options = ReuseOptions()
    slogan = SharedEvidence(quoted_weight=6.0, quoted_words=6, span_a=6, span_b=6)
    line = SharedEvidence(quoted_weight=7.0, quoted_words=7, span_a=7, span_b=7)
    assert pair_kind(slogan, 600, 600, options) == "stock"
    assert pair_kind(line, 600, 600, options) == "shared_quote"
