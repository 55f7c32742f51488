"""Quotations over several lines: contents are not cut inside an open quotation, and a quotation alone on its
line after another one takes that one's source and cue."""

from __future__ import annotations

from narratrace.claims.attribution_decode import LinkedAttribution, ScoredSpan, split_at_lines
from narratrace.claims.attribution_quotes import continued_quotations, quotation_open_at, speakers_after_quotations


def _pieces(text: str, start: int) -> list[str]:
    cut = split_at_lines(text, [ScoredSpan(start, len(text), 0.9)], keep_open_quotes=True)
    return [text[s.start : s.end] for s in cut]


def test_a_content_runs_on_over_a_line_break_inside_an_open_quotation() -> None:
    # One sentence per line, as some sites and corpora print a text: the quotation spans two lines.
    text = "Intro.\n“Right now I am concerned.\nIt is unusual,” Hickey told media.\nNext line."
    assert _pieces(text, text.index("“")) == [
        "“Right now I am concerned.\nIt is unusual,” Hickey told media.",
        "Next line.",
    ]
    # Without the option every line is its own piece, as for sources and cues.
    assert len(split_at_lines(text, [ScoredSpan(text.index("“"), len(text), 0.9)])) == 3


def test_a_closed_quotation_is_cut_even_when_its_closing_mark_is_on_a_later_line() -> None:
    text = 'x\n"After that, Mr.\nPaddock."\nDeath threats'
    assert _pieces(text, 2) == ['"After that, Mr.\nPaddock."', "Death threats"]
    assert quotation_open_at(text, 2, text.index("\nPaddock"))
    assert not quotation_open_at(text, 2, text.index("\nDeath"))


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def test_a_quotation_alone_on_its_line_continues_the_one_before() -> None:
    text = (
        "“Reporters have always asked follow-up questions,” the group wrote on Monday.\n"
        "“We fully expect this tradition will continue.”\n"
        "The White House did not reply."
    )
    first = LinkedAttribution(
        _span(text, "the group"),
        _span(text, "wrote on Monday"),
        _span(text, "“Reporters have always asked follow-up questions,”"),
        0.9,
    )
    second = LinkedAttribution(None, None, _span(text, "“We fully expect this tradition will continue.”"), 0.8)
    third = LinkedAttribution(None, None, _span(text, "The White House did not reply."), 0.7)
    out = continued_quotations(text, [second, first, third])  # order kept, whatever it is
    assert out[0].source == first.source and out[0].cue == first.cue and out[0].content == second.content
    assert out[1] == first
    assert out[2] == third  # not a quotation: the article's own words


def test_a_quotation_after_narration_or_mid_line_keeps_no_source() -> None:
    narration = "The mayor spoke at noon.\n“We will rebuild.”"
    said = LinkedAttribution(_span(narration, "The mayor"), _span(narration, "spoke"), _span(narration, "at noon"), 0.9)
    alone = LinkedAttribution(None, None, _span(narration, "“We will rebuild.”"), 0.8)
    assert continued_quotations(narration, [said, alone])[1].source is None  # the one before is no quotation
    two_lines_apart = "“Yes,” she said.\nThe vote was close.\n“We won.”"
    first = LinkedAttribution(_span(two_lines_apart, "she"), _span(two_lines_apart, "said"), (0, 6), 0.9)
    later = LinkedAttribution(None, None, _span(two_lines_apart, "“We won.”"), 0.8)
    assert continued_quotations(two_lines_apart, [first, later])[1].source is None  # narration between them


def _speaker(text: str) -> tuple[str | None, str | None]:
    start = text.index('"')
    end = max(text.find(',"', start), text.find('?"', start)) + 2
    [found] = speakers_after_quotations(text, [LinkedAttribution(None, None, (start, end), 0.9)])
    source = text[found.source[0] : found.source[1]] if found.source else None
    cue = text[found.cue[0] : found.cue[1]] if found.cue else None
    return source, cue


def test_a_quotation_takes_the_speaker_its_sentence_names_after_it() -> None:
    ruling = (
        '"The nationwide eviction moratorium is one such decision," D.C. District Court Judge Dabney Friedrich, '
        "a Trump appointee, ruled on Wednesday.\n\nThe Trump administration imposed it."
    )
    assert _speaker(ruling) == ("D.C. District Court Judge Dabney Friedrich", "ruled")  # not cut at "D.C."
    assert _speaker('"We will win," said Mr. Smith, the mayor.') == ("Mr. Smith", "said")
    assert _speaker('"Why now?" she asked. Then the vote came.') == ("she", "asked")
    assert _speaker('"No," U.S. officials said Tuesday in Washington.') == ("U.S. officials", "said")


def test_no_speaker_without_a_speech_verb_a_subject_or_a_clause_ending_quotation() -> None:
    assert _speaker('"It is over," the crowd chanted as police arrived.') == (None, None)  # no speech verb listed
    assert _speaker('"No," and the Senate said it would vote.') == (None, None)  # no subject opens the words after
    text = 'He used the word "victory" and said it twice.'
    whole = LinkedAttribution(None, None, (text.index('"'), text.index('" ') + 1), 0.9)
    assert speakers_after_quotations(text, [whole]) == [whole]  # a quoted word, not a clause ending with ","
