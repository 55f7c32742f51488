"""Page furniture (sentences a page repeats) and quotations that run over lines without marks."""

from __future__ import annotations

import random

from narratrace.reuse import find_reuse
from narratrace.reuse.quotations import MAX_CARRIED_LINES, quotation_spans
from narratrace.reuse.repeats import repeated_sentence_words
from narratrace.reuse.tokens import tokenize
from tests.reuse.synthetic import clean, paragraphs, sentence, vocabulary


def _article(rng: random.Random, vocab: list[str], count: int = 5) -> str:
    return "\n\n".join(paragraphs(rng, vocab, count))


def _quoted(text: str) -> list[str]:
    return [text[start:end] for start, end in quotation_spans(text).tolist()]


PROSE = (
    "The council met on Monday and voted against the plan by a wide margin. Its members said the cost was "
    "too high for a town of this size, and the mayor promised a new proposal before the summer."
)


def test_a_sentence_printed_twice_is_furniture_and_prose_is_not():
    prose = " ".join(["The council met on Monday and voted against the plan by a wide margin."] + ["It was late."] * 2)
    text = "Should the army stop the march at the border? Should the army stop the march at the border?\n" + prose
    flags = repeated_sentence_words(text, tokenize(text))
    assert flags[:18].all() and not flags[18:].any()
    prose = "The talks failed. The minister left the room early. The talks failed."  # 3 words: too short
    assert not repeated_sentence_words(prose, tokenize(prose)).any()
    # Glued on one line, without line breaks, the repeat is still found.
    glued = "He left. Take our poll now and win a prize! Take our poll now and win a prize! " + PROSE
    words = tokenize(glued)
    flagged = [glued[s:e] for s, e in zip(words.starts, words.ends, strict=True)]
    flags = repeated_sentence_words(glued, words)
    assert [w for w, f in zip(flagged, flags, strict=True) if f] == [
        "Take",
        "our",
        "poll",
        "now",
        "and",
        "win",
        "a",
        "prize",
    ] * 2


def test_a_body_scraped_twice_is_not_furniture():
    body = "The minister resigned on Friday after the vote. Parliament will elect a successor next week."
    text = body + "\n" + body
    assert not repeated_sentence_words(text, tokenize(text)).any()


def test_two_posts_sharing_only_a_poll_make_no_pair():
    rng = random.Random(41)
    vocab = vocabulary(rng)
    question = sentence(rng, vocab, 16)
    poll = "\n".join([question] * 3) + "\n" + sentence(rng, vocab, 12) + "\n" + sentence(rng, vocab, 12)
    a = _article(rng, vocab, 6) + "\n\n" + poll + "\n\n" + _article(rng, vocab, 6)
    b = _article(rng, vocab, 6) + "\n\n" + poll + "\n\n" + _article(rng, vocab, 6)
    # 16 + 24 distinct shared words: a partial if the question counted, stock once it does not.
    assert find_reuse([clean("a", a), clean("b", b)]).pairs == []


def test_an_open_quotation_runs_over_unmarked_lines_to_its_closing_mark():
    text = 'He wrote: "I ask you\nto act now.\nThe law allows it." Then she spoke.'
    assert _quoted(text) == ["I ask you\nto act now.\nThe law allows it."]
    curly = "She said: \u201cFirst line\nsecond line\u201d and left."
    assert _quoted(curly) == ["First line\nsecond line"]
    # A new opening mark on the next paragraph (the news convention) keeps each paragraph apart.
    paragraphs_quoted = "\u201cOne paragraph\n\u201cAnother one\u201d, he said."
    assert _quoted(paragraphs_quoted) == ["One paragraph", "Another one"]


def test_a_stray_mark_does_not_quote_the_rest_of_the_text():
    text = 'A stray " mark here\nplain prose\nHe said "yes" today.'  # the next mark opens: stray
    assert _quoted(text) == [" mark here", "yes"]
    far = 'Open " here\n' + "line\n" * (MAX_CARRIED_LINES + 1) + 'closed." now'
    assert _quoted(far)[0] == " here"


def test_a_letter_quoted_over_several_lines_is_a_shared_quote():
    rng = random.Random(42)
    vocab = vocabulary(rng)
    letter = [sentence(rng, vocab, 15) for _ in range(5)]  # 75 words; marks only on its first and last line
    body = letter[0] + "\n" + "\n".join(letter[1:-1]) + "\n" + letter[-1]
    a = _article(rng, vocab, 8) + '\n\nIn a letter, he said: "' + body + '"\n\n' + _article(rng, vocab, 8)
    b = _article(rng, vocab, 8) + "\n\nShe wrote: \u201c" + body + "\u201d\n\n" + _article(rng, vocab, 8)
    (pair,) = find_reuse([clean("a", a), clean("b", b)]).pairs
    assert pair.kind == "shared_quote"
