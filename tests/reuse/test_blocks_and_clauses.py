"""Unmarked quoted blocks (introducer lines, sign-offs) and lifted clauses, which make no partial."""

from __future__ import annotations

import random

from narratrace.reuse import find_reuse
from narratrace.reuse.blocks import MAX_BLOCK_LINES, block_spans
from narratrace.reuse.significance import LIFTED_CLAUSE_WORDS, lifted_clause_weight
from tests.reuse.synthetic import clean, paragraphs, sentence, vocabulary


def _blocks(text: str) -> list[str]:
    return [text[start:end].strip() for start, end in block_spans(text)]


def test_a_statement_introduced_by_a_speaker_line_is_a_block_up_to_the_next_introducer():
    text = "Intro line.\nA statement from the White House read as follows:\nFirst.\nSecond.\nHe said:\nThird."
    assert _blocks(text) == ["First.\nSecond.", "Third."]


def test_a_block_runs_at_most_a_few_lines_below_its_introducer():
    lines = [f"Paragraph {number}." for number in range(MAX_BLOCK_LINES + 3)]
    text = "The agency said in a statement:\n" + "\n".join(lines)
    assert _blocks(text) == ["\n".join(lines[:MAX_BLOCK_LINES])]


def test_an_inline_introducer_starts_the_block_after_its_colon():
    assert _blocks("Of course. According to the DOJ: Lambert conspired.\nMore of it.") == [
        "Lambert conspired.\nMore of it."
    ]


def test_an_outlet_or_a_writer_introducing_a_block_is_reuse_not_a_quotation():
    for introducer in ("Fox News reports:", "As ABC reported Friday:", "Pilger wrote:", "In January, I reported:"):
        assert _blocks(f"{introducer}\nThe copied paragraph.") == [], introducer
    assert _blocks("Here are the eight accusations he faces:\nOne.") == []  # no speaker, a list of the author's


def test_a_colon_before_a_quotation_mark_leaves_the_marks_to_say_where_it_ends():
    assert _blocks('The minister said: "We will win." Then he left.\nNext paragraph.') == []


def test_a_sign_off_line_closes_a_block_of_the_lines_above_unless_it_names_a_wire():
    text = "Own line.\nOne.\nTwo.\nThree.\n\u2013DOJ\nOwn again."
    assert _blocks(text) == ["One.\nTwo.\nThree."]
    assert _blocks("One.\nTwo.\n- Reuters\nOwn.") == []


def test_hostile_texts_have_no_blocks_and_no_crash():
    assert block_spans("") == []
    assert block_spans(":") == []
    assert block_spans("\u2013") == []
    assert isinstance(block_spans(("He said:\n" + "x " * 400 + "\n") * 300), list)  # ~240 kB
    assert _blocks("Он сказал:\nЭто заявление.") == []


def _statement_pair(introducer: str, marked: bool) -> tuple[str, str]:
    """A prints an 80-word statement (in quotation marks or not); B prints it as a block under ``introducer``."""
    rng = random.Random(23)
    vocab = vocabulary(rng)
    statement = [sentence(rng, vocab, 20) for _ in range(4)]
    printed = [f"\u201c{line}\u201d" for line in statement] if marked else statement
    a = "\n".join([*paragraphs(rng, vocab, 2), *printed, *paragraphs(rng, vocab, 2)])
    b = "\n".join([*paragraphs(rng, vocab, 2), introducer, *statement, *paragraphs(rng, vocab, 2)])
    return a, b


def test_a_statement_quoted_in_one_text_and_a_block_in_the_other_is_a_shared_quote():
    a, b = _statement_pair("A statement from the White House read as follows:", marked=True)
    (pair,) = find_reuse([clean("a", a), clean("b", b)]).pairs
    assert pair.kind == "shared_quote"


def test_a_statement_unmarked_in_one_text_and_a_block_in_the_other_is_no_reuse():
    # Not the texts' own words, but whether both report them is a guess (where a block ends is): no link.
    a, b = _statement_pair("A statement from the White House read as follows:", marked=False)
    assert find_reuse([clean("a", a), clean("b", b)]).pairs == []
    (pair,) = find_reuse([clean("a", a), clean("b", b)], keep_stock=True).stock_pairs
    assert pair.kind == "stock"


def test_the_same_paragraphs_under_an_outlet_credit_are_that_outlets_text():
    a, b = _statement_pair("Fox News reports:", marked=False)
    (pair,) = find_reuse([clean("a", a), clean("b", b)]).pairs
    assert pair.kind in ("partial", "copy")


def test_lifted_clauses_make_no_partial_but_one_passage_of_the_same_length_does():
    rng = random.Random(29)
    vocab = vocabulary(rng)
    clauses = [sentence(rng, vocab, LIFTED_CLAUSE_WORDS - 1) for _ in range(6)]  # 54 shared words in all

    def carrying(pieces: list[str]) -> str:
        return " ".join(f"{sentence(rng, vocab, 30)} {piece}" for piece in pieces) + " " + sentence(rng, vocab, 30)

    assert find_reuse([clean("a", carrying(clauses)), clean("b", carrying(clauses))]).pairs == []
    passage = " ".join(clauses)
    (pair,) = find_reuse([clean("a", carrying([passage])), clean("b", carrying([passage]))]).pairs
    assert pair.kind == "partial"


def test_a_short_passage_that_continues_a_copied_run_is_no_lifted_clause():
    rng = random.Random(31)
    vocab = vocabulary(rng)
    lead, question, closing = sentence(rng, vocab, 25), sentence(rng, vocab, 8), sentence(rng, vocab, 11)
    dropped = [sentence(rng, vocab, 20) for _ in range(2)]
    source = "\n\n".join([sentence(rng, vocab, 14), lead, *dropped, f"{question} {closing}", sentence(rng, vocab, 12)])
    # The copy drops the two paragraphs between the lead and the question, and puts a sentence of its own
    # between the question and the closing line: 44 shared words in three passages, 8 of them the question
    # (36 without it: short of a partial, and under half of either text).
    inserted = sentence(rng, vocab, 23)
    copy = "\n\n".join([sentence(rng, vocab, 25), lead, f"{question} {inserted}", closing])
    (pair,) = find_reuse([clean("a", source), clean("b", copy)]).pairs
    assert pair.kind == "partial"
    assert len(pair.passages) == 3


def test_a_short_passage_is_a_clause_unless_it_continues_a_substantial_one():
    short, long = LIFTED_CLAUSE_WORDS - 2, LIFTED_CLAUSE_WORDS + 5
    # Adjoining the long passage in a (starting where it ends), after it in b: part of the copied run.
    assert lifted_clause_weight([(0, 15, 0, 15), (15, 23, 40, 48)], [long, short], join_gap=3) == 0.0
    # Before it, adjoining in b only, 2 words away.
    assert lifted_clause_weight([(0, 8, 0, 8), (30, 45, 10, 25)], [short, long], join_gap=3) == 0.0
    # Unshared text around it in both texts: a lifted clause.
    assert lifted_clause_weight([(0, 15, 0, 15), (30, 38, 30, 38)], [long, short], join_gap=3) == short
    # Adjoining in a but before it in b (a moved paragraph): not its continuation.
    assert lifted_clause_weight([(0, 15, 40, 55), (15, 23, 0, 8)], [long, short], join_gap=3) == short
    # Two short passages adjoining only each other stay clauses (a lifted sentence at most).
    assert lifted_clause_weight([(0, 8, 0, 8), (8, 16, 40, 48)], [short, short], join_gap=3) == 2 * short
    assert lifted_clause_weight([(0, 30, 0, 30)], [30.0], join_gap=3) == 0.0
    assert lifted_clause_weight([], [], join_gap=3) == 0.0


def test_a_speech_word_far_before_the_colon_introduces_no_block():
    assert _blocks("But that headline, which mirrors a tweet by a pundit, is quite misleading:\nOwn prose.") == []


def test_end_matter_lines_are_furniture_only_at_the_end_of_a_text():
    from narratrace.reuse.endmatter import end_matter_words
    from narratrace.reuse.tokens import tokenize

    bio = "Jane Roe is the author of a book on ports. Follow Jane Roe on Twitter."
    body = "The harbour will close for the winter, the council said on Monday after a long debate."
    text = f"{bio}\n{body}\n{body}\n{body}\n{bio}"
    flags = end_matter_words(text, tokenize(text))
    words = len(tokenize(bio))
    assert flags[-words:].all() and not flags[:-words].any()
    assert not end_matter_words("", tokenize("")).any()


def test_two_posts_sharing_only_their_authors_bio_make_no_pair():
    rng = random.Random(31)
    vocab = vocabulary(rng)
    bio = f"Jane Roe is the author of {sentence(rng, vocab, 45)}"  # 50 words: a partial were it prose
    first = "\n".join([*paragraphs(rng, vocab, 3), bio])
    second = "\n".join([*paragraphs(rng, vocab, 3), bio])
    assert find_reuse([clean("a", first), clean("b", second)]).pairs == []
    # The same 50 words inside both bodies are reuse.
    first = "\n".join(
        [*paragraphs(rng, vocab, 2), bio.replace("is the author of", "wrote"), *paragraphs(rng, vocab, 2)]
    )
    second = "\n".join(
        [*paragraphs(rng, vocab, 2), bio.replace("is the author of", "wrote"), *paragraphs(rng, vocab, 2)]
    )
    (pair,) = find_reuse([clean("a", first), clean("b", second)]).pairs
    assert pair.kind == "partial"
