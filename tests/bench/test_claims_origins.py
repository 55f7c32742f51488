"""bench.claims_origins: the labelling sheet hides the stage's reasoning, and scoring compares the stage's origin
groups with a reader's on the articles the reader says state the claim."""

from __future__ import annotations

import json
from pathlib import Path

from bench.claims_origins import PER_STRATUM, draw, score, score_matching

TEXT = "Officials said the plan is ready. Nothing else happened that day, reporters said."


def _mention(article: str, source: str | None = None) -> dict[str, object]:
    return {
        "article": article,
        "content": {"start": 15, "end": 32, "text": TEXT[15:32]},
        "source": {"start": 0, "end": 9, "text": source} if source else None,
        "source_type": "anonymous" if source else "unattributed",
    }


def _runs(tmp_path: Path) -> Path:
    claims = [
        {  # the stage: a and b one origin, c another
            "id": "claim-1",
            "claim": "the plan is ready",
            "articles": ["a", "b", "c"],
            "independent_origins": 2,
            "why": "3 articles, 2 independent origins: a and b both rest on officials",
            "origins": [["a", "b"], ["c"]],
            "mentions": [_mention("a", "Officials"), _mention("b", "Officials"), _mention("c")],
        },
        {
            "id": "claim-2",
            "claim": "nothing else happened",
            "articles": ["d", "e"],
            "independent_origins": 2,
            "why": "2 articles, 2 independent origins: no copies or shared sources among them",
            "origins": [["d"], ["e"]],
            "mentions": [_mention("d"), _mention("e")],
        },
    ]
    for corpus in PER_STRATUM:
        folder = tmp_path / corpus
        folder.mkdir(parents=True)
        (folder / "claims.jsonl").write_text("".join(json.dumps(c) + "\n" for c in claims), encoding="utf-8")
        articles = [{"id": i, "text": TEXT, "outlet": f"Outlet {i}", "published": None, "title": i} for i in "abcde"]
        (folder / "articles.jsonl").write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    return tmp_path


def test_the_sheet_marks_each_statement_and_leaves_out_the_stages_reasoning(tmp_path: Path) -> None:
    runs = _runs(tmp_path / "runs")
    draw(runs, tmp_path / "sheet")
    sheet = (tmp_path / "sheet" / "sheet.md").read_text(encoding="utf-8")
    index = [json.loads(line) for line in (tmp_path / "sheet" / "index.jsonl").read_text().splitlines()]
    assert len(index) == 2 * len(PER_STRATUM)  # each corpus: one claim discounted, one not
    assert "⟦the plan is ready⟧" in sheet
    assert "independent origins" not in sheet and "rest on" not in sheet
    assert {row["stratum"] for row in index} == {"discounted", "not discounted"}
    again = tmp_path / "again"
    draw(runs, again, exclude=index)  # an earlier draw's claims are not drawn again
    assert (again / "index.jsonl").read_text() == ""


def test_scoring_counts_origins_on_the_articles_that_state_the_claim(tmp_path: Path) -> None:
    runs = _runs(tmp_path)
    plan = [["allsides", a, 15, 32] for a in "abc"]
    labels = [
        # The reader: a, b and c are one origin (the stage says two): one too many.
        {"claim": "C1", "corpus": "allsides", "stratum": "discounted", "mentions": plan, "origins": [["a", "b", "c"]]},
        # c does not state the claim; a and b are one origin, as the stage says: exact.
        {"claim": "C2", "corpus": "pages", "stratum": "discounted", "mentions": plan, "origins": [["a", "b"]]},
        # Only one article states it: nothing to count.
        {"claim": "C3", "corpus": "ptc", "stratum": "discounted", "mentions": plan, "origins": [["a"]]},
    ]
    figures = score(runs, labels)
    assert figures["all"]["claims"] == 2
    assert figures["all"]["exact"] == 1 and figures["all"]["over"] == 1 and figures["all"]["under"] == 0
    assert figures["all"]["tp"] == 2 and figures["all"]["fn"] == 2 and figures["all"]["fp"] == 0
    assert figures["allsides"]["over"] == 1 and figures["pages"]["exact"] == 1
    # The floor: c names no source, so it may rest on the officials a and b name: one origin, as the reader says.
    assert figures["all"]["floor_exact"] == 2 and figures["all"]["in_range"] == 2
    assert figures["allsides"]["range_a_point"] == 0 and figures["pages"]["range_a_point"] == 1


def test_a_changed_from_sheet_holds_every_claim_a_change_moved(tmp_path: Path) -> None:
    before, after = _runs(tmp_path / "before"), _runs(tmp_path / "after")
    for corpus in ("allsides", "ptc"):  # the change joins d and e in two corpora
        path = after / corpus / "claims.jsonl"
        claims = [json.loads(line) for line in path.read_text().splitlines()]
        claims[1] = {**claims[1], "origins": [["d", "e"]], "independent_origins": 1}
        path.write_text("".join(json.dumps(c) + "\n" for c in claims))
    draw(after, tmp_path / "moved", changed_from=before)
    index = [json.loads(line) for line in (tmp_path / "moved" / "index.jsonl").read_text().splitlines()]
    assert [(row["corpus"], row["mentions"][0][1]) for row in index] == [("allsides", "d"), ("ptc", "d")]


def test_matching_counts_stating_mentions_kept_and_other_claims_joined(tmp_path: Path) -> None:
    """The run's claim holding most of the stating mentions: a stating mention outside it is split off, a mention
    of another claim inside it wrongly joined."""
    runs = _runs(tmp_path)
    plan = [["allsides", a, 15, 32] for a in "abc"]
    others = [["allsides", a, 15, 32] for a in "de"]
    labels = [
        # c states another claim but sits in the run's claim: one wrong join; a and b kept.
        {"claim": "C1", "mentions": plan, "not_the_claim": [3], "origins": [["a", "b"]]},
        # a, b (in claim-1) and d (in claim-2) all state it: claim-1 holds most, d is split off; e is kept out.
        {"claim": "C2", "mentions": [*plan[:2], *others], "not_the_claim": [4], "origins": [["a", "b", "d"]]},
    ]
    figures = score_matching(runs, labels)
    assert (figures["kept"], figures["split_off"], figures["wrongly_joined"], figures["kept_out"]) == (4, 1, 1, 1)
    assert figures["precision"] == 0.8 and figures["recall"] == 0.8
    # Within the run's claims: the one wrong mention is c, a bare sentence of a claim of three.
    assert figures["another_claims_share"] == {
        "attributed contents": 0.0,
        "bare sentences": 1.0,
        "claims of 3 mentions": 0.2,
    }


def test_a_corpus_without_a_run_is_skipped(tmp_path: Path) -> None:
    """RUNS may hold any of the corpora (PolNeAR's run is optional): those missing are neither drawn nor scored."""
    runs = _runs(tmp_path / "runs")
    for corpus in ("pages", "polnear"):
        for path in (runs / corpus).iterdir():
            path.unlink()
        (runs / corpus).rmdir()
    draw(runs, tmp_path / "sheet")
    index = [json.loads(line) for line in (tmp_path / "sheet" / "index.jsonl").read_text().splitlines()]
    assert {row["corpus"] for row in index} == {"allsides", "ptc"}
    plan = [["ptc", a, 15, 32] for a in "abc"]
    label = {"claim": "C1", "corpus": "ptc", "stratum": "discounted", "mentions": plan, "origins": [["a", "b", "c"]]}
    assert score(runs, [label])["ptc"]["over"] == 1
