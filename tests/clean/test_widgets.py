"""In-body widgets (a poll with its sign-up form) are page chrome, however sentence-like their lines."""

from __future__ import annotations

from narratrace.clean import clean_article
from narratrace.ingest.article import Article

BODY_BEFORE = "The stepmother also claimed in 2017 that the aide held her in captivity, according to court papers."
BODY_AFTER = "Last week, the state department of law enforcement said it had opened an inquiry into the documents."
WIDGET = """take our poll - story continues below
Should Jim Acosta have gotten his press pass back?
Should Jim Acosta have gotten his press pass back?
* Yes, he should have gotten it back.
No, you can't act like a child and keep your pass.
Email *
Phone This field is for validation purposes and should be left unchanged.
Completing this poll grants you access to Freedom Outpost updates free of charge.
You may opt out at anytime.
You also agree to this site's Privacy Policy and Terms of Use."""


def test_a_poll_widget_inside_the_body_is_removed_with_its_offsets() -> None:
    text = f"{BODY_BEFORE}\n{WIDGET}\n{BODY_AFTER}"
    clean = clean_article(Article(id="w", text=text))
    assert clean.text == f"{BODY_BEFORE}\n{BODY_AFTER}"
    widget = [line for line in clean.boilerplate if line.kind == "widget"]
    assert len(widget) == len(WIDGET.splitlines())
    assert all(text[line.start : line.end] == line.text for line in widget)


def test_consent_lines_alone_go_and_an_opener_without_a_form_stays() -> None:
    lone = f"{BODY_BEFORE}\nCompleting this poll entitles you to Conservative Tribune news updates free of charge.\n"
    lone += f"You may opt out at anytime.\n{BODY_AFTER}"
    assert clean_article(Article(id="a", text=lone)).text == f"{BODY_BEFORE}\n{BODY_AFTER}"
    # "Story continues below" with no form after it is no widget: the next lines are the story.
    kept = f"{BODY_BEFORE}\nStory continues below\n{BODY_AFTER}\nThe inquiry is set to report in May."
    assert BODY_AFTER in clean_article(Article(id="b", text=kept)).text
    assert "free of charge" in clean_article(Article(id="c", text=f"{BODY_BEFORE} It was given free of charge.")).text
