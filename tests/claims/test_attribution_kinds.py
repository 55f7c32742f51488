from dataclasses import replace

import pytest

from bench.attribution_kinds import DATA, report
from narratrace.claims.attribution_kinds import KINDS, attribution_kind
from narratrace.claims.profile import sourcing_profiles
from narratrace.claims.statements import article_statements
from narratrace.claims.types import Attribution, TextSpan
from narratrace.clean.types import CleanArticle

from .helpers import article, attribution


@pytest.mark.parametrize(
    ("cue", "kind"),
    [
        ("said", "speech"),
        ("told reporters on Monday", "speech"),
        ("According to", "speech"),
        ("in a statement", "speech"),
        ("wrote in a 20-page opinion", "speech"),
        ("has denied", "speech"),  # "deny" → denied
        ("rebutted", "speech"),  # a doubled consonant
        ("made it clear", "speech"),
        ("has so far made clear", "speech"),
        (":", "speech"),  # 'Trump: "…"'
        (None, "speech"),
        ("relayed the story about", "speech"),  # words no list knows: speech, what most cues are
        ("believes", "belief"),
        ("fears", "belief"),
        ("sees", "belief"),
        ("wants", "intention"),
        ("sought to blame", "intention"),  # the first word the lists know decides
        ("is determined to", "intention"),
        ("has determined", "speech"),  # a finding, not a resolve
        ("voted Wednesday", "other"),
        ("VOTED", "other"),  # capitals read as any other letters
        ("signed into law", "other"),
        ("bought", "other"),
        ("declined to comment", "other"),
        ("known as", "other"),
        ("has a history of threatening", "other"),
        ("saw", "other"),  # a perception, not a view
    ],
)
def test_kind_of_a_cue(cue: str | None, kind: str) -> None:
    assert attribution_kind(cue) == kind
    assert kind in KINDS


def test_attribution_record_carries_its_kind() -> None:
    doc = article("a", "Officials said the bridge will close. The mayor wants the bridge to stay open.")
    said = _with_cue(doc, "Officials", "said", "the bridge will close", "anonymous")
    wants = _with_cue(doc, "The mayor", "wants", "the bridge to stay open", "person")
    assert said.to_record()["kind"] == "speech" and said.reports_statement
    assert wants.to_record()["kind"] == "intention" and not wants.reports_statement


TEXT = (
    "Reuters reported that the talks had stalled after the weekend. "
    "Anonymous officials voted to close the border crossing at the northern gate this week. "
    "The Associated Press signed a lease for the downtown office building."
)


VOTE = "to close the border crossing at the northern gate"


def _with_cue(doc: CleanArticle, source: str, cue: str, content: str, source_type: str) -> Attribution:
    found = attribution(doc, source, content, source_type)
    start = doc.article.text.index(cue)
    return replace(found, cue=TextSpan(start, start + len(cue), cue))


def test_acts_are_not_sourcing() -> None:
    doc = article("a", TEXT, outlet="Sputnik")
    found = [
        _with_cue(doc, "Reuters", "reported", "the talks had stalled after the weekend", "outlet"),
        _with_cue(doc, "Anonymous officials", "voted", VOTE, "anonymous"),
        _with_cue(doc, "The Associated Press", "signed", "a lease for the downtown office building", "outlet"),
    ]
    (profile,), _ = sourcing_profiles([doc], [found])
    # The vote is no anonymous sourcing and the lease no citation of the AP: only Reuters' report counts.
    assert profile.attributions == 1 and profile.anonymous == 0
    assert dict(profile.outlets_cited) == {"Reuters": 1}


def test_an_official_act_stays_a_claim_of_its_author() -> None:
    text = "The agency approved the booster shot for people over 65 on Friday. The mayor bought a new car last week."
    doc = article("a", text)
    found = [
        _with_cue(doc, "The agency", "approved", "the booster shot for people over 65", "organisation"),
        _with_cue(doc, "The mayor", "bought", "a new car last week", "person"),
    ]
    assert [a.kind for a in found] == ["other", "other"]
    assert [a.carries_claim for a in found] == [True, False]  # the approval is where the fact comes from
    by_text = {s.content.text: s.source_type for s in article_statements(0, doc, found)}
    assert by_text["the booster shot for people over 65"] == "organisation"
    assert "a new car last week" not in by_text
    assert by_text["The mayor bought a new car last week."] == "unattributed"  # the article's own assertion
    (profile,), _ = sourcing_profiles([doc], [found])
    assert profile.attributions == 0  # neither is sourcing: nobody said anything


def test_labelled_set_scores_for_both_readers() -> None:
    lines = report(DATA)
    rows = [line for line in lines if line.startswith("| report") or line.startswith("| tune")]
    assert len(rows) == 4  # two readers, two splits
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        keep_all_precision, kinds_precision = float(cells[2]), float(cells[4])
        assert kinds_precision > keep_all_precision  # kinds keep fewer non-statements than keeping everything
        assert float(cells[5]) >= 0.98  # and lose almost no statement
