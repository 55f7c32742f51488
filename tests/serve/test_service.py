"""The read-only service over one analysis: look-ups, filters, paging, errors and hostile documents."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from narratrace.serve import DocumentIndex, create_app
from tests.conftest import unboxed
from tests.report.samples import BREAKOUT, SCRIPT, sample_document


def _with_stages(doc: dict[str, Any]) -> dict[str, Any]:
    """The sample analysis plus a story, a claim and framing labels over its articles (A, B, C)."""
    a, b, c = (record["id"] for record in doc["articles"])
    doc["articles"][0]["published"], doc["articles"][1]["published"] = "2018-07-22", None
    doc["stories"] = [{"id": "story-1", "narrative": "narrative-1", "title": "Evacuation", "articles": [b, a, c]}]
    doc["narratives"] = [{"id": "narrative-1", "title": "Evacuation", "stories": ["story-1"]}]
    for record in doc["articles"]:
        record["story"] = "story-1"
    doc["claims"] = [
        {
            "id": "claim-1",
            "claim": "the evacuation would begin on Sunday",
            "articles": [a, b],
            "outlets": ["x"],
            "independent_origins": 1,
            "why": f"2 articles, 1 independent origin: {b} copies {a}",
        },
        {
            "id": "claim-2",
            "claim": "We will not abandon them",
            "articles": [c],
            "outlets": ["quotes.example"],
            "independent_origins": 1,
            "why": "1 article",
        },
    ]
    doc["framing"] = [
        {
            "entity": "Rescuers",
            "outlet": "o1",
            "labels": [{"text": "so-called rescuers", "article": a, "start": 1, "end": 5}],
        },
        {
            "entity": "Rescuers",
            "outlet": "o2",
            "labels": [{"text": "a brutal gang", "article": b, "start": 2, "end": 9}],
        },
    ]
    doc["framing_tables"] = [{"story": "story-1", "entity": "Rescuers", "columns": [a, b], "cells": []}]
    return doc


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    return _with_stages(sample_document())


@pytest.fixture(scope="module")
def client(doc: dict[str, Any]) -> TestClient:
    return TestClient(create_app(doc))


def test_overview_counts_what_the_document_holds(client: TestClient, doc: dict[str, Any]) -> None:
    body = client.get("/api").json()
    assert body["articles"] == 3 and body["stories"] == 1 and body["claims"] == 2
    assert body["pairs"] == {"copy": 1, "shared_quote": 1}
    assert body["framed_entities"] == 1
    assert set(body["outlets"]) == {record["outlet"] for record in doc["articles"]}


def test_an_article_comes_with_its_pairs_claims_and_labels(client: TestClient, doc: dict[str, Any]) -> None:
    a, b, _ = (record["id"] for record in doc["articles"])
    body = client.get(f"/api/articles/{b}").json()
    assert body["article"]["text"] == doc["articles"][1]["text"]
    assert [p["kind"] for p in body["pairs"]] == ["copy"]
    assert [c["id"] for c in body["claims"]] == ["claim-1"] and body["claims"][0]["articles"] == 2
    assert body["framing"] == [{"entity": "Rescuers", "outlet": "o2", "labels": [doc["framing"][1]["labels"][0]]}]
    assert {p["kind"] for p in client.get(f"/api/articles/{a}").json()["pairs"]} == {"copy", "shared_quote"}


def test_filters_and_paging(client: TestClient, doc: dict[str, Any]) -> None:
    a, b, c = (record["id"] for record in doc["articles"])
    copies = client.get("/api/pairs", params={"kind": "copy"}).json()
    assert copies["total"] == 1 and {copies["items"][0]["a"], copies["items"][0]["b"]} == {a, b}
    assert client.get("/api/pairs", params={"article": c}).json()["items"][0]["kind"] == "shared_quote"
    assert client.get("/api/pairs", params={"outlet": "quotes.example"}).json()["total"] == 1
    assert client.get("/api/pairs", params={"min_significance": 10**9}).json()["total"] == 0
    paged = client.get("/api/articles", params={"limit": 2, "offset": 2}).json()
    assert paged["total"] == 3 and [item["id"] for item in paged["items"]] == [c]
    assert "text" not in paged["items"][0] and paged["items"][0]["pairs"] == 1
    assert client.get("/api/articles", params={"q": "REGION"}).json()["items"][0]["id"] == c
    assert client.get("/api/claims", params={"min_articles": 2}).json()["items"][0]["id"] == "claim-1"
    assert client.get("/api/claims", params={"article": c}).json()["items"][0]["id"] == "claim-2"
    assert client.get("/api/claims", params={"q": "ABANDON"}).json()["total"] == 1
    assert [f["outlet"] for f in client.get("/api/framing", params={"entity": "rescuers"}).json()["items"]] == [
        "o1",
        "o2",
    ]
    assert client.get("/api/framing", params={"outlet": "o2"}).json()["total"] == 1


def test_a_story_lists_its_articles_in_time_order_undated_last(client: TestClient, doc: dict[str, Any]) -> None:
    a, b, c = (record["id"] for record in doc["articles"])
    body = client.get("/api/stories/story-1").json()
    assert [item["id"] for item in body["articles"]] == [a, c, b]  # 2018-07-22, 2018-07-23, undated
    assert body["narrative"]["id"] == "narrative-1" and body["framing_tables"][0]["entity"] == "Rescuers"
    claim = client.get("/api/claims/claim-1").json()
    assert [item["id"] for item in claim["articles"]] == [a, b]


def test_unknown_ids_and_bad_parameters_are_clear_errors(client: TestClient) -> None:
    for path in ("/api/articles/nope", "/api/stories/nope", "/api/claims/nope"):
        response = client.get(path)
        assert response.status_code == 404 and "nope" in response.json()["detail"]
    assert client.get("/api/pairs", params={"kind": "cousin"}).status_code == 422
    assert client.get("/api/articles", params={"limit": 0}).status_code == 422
    assert client.get("/api/articles", params={"offset": -1}).status_code == 422


def test_report_document_and_lists_are_served(client: TestClient, doc: dict[str, Any]) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "Content-Security-Policy" in page.text and page.headers["x-content-type-options"] == "nosniff"
    assert client.get("/analysis.json").json()["articles"] == doc["articles"]
    assert client.get("/api/network").json() == doc["outlet_network"]
    assert client.get("/api/techniques").json()["legend"] == doc["technique_legend"]
    assert client.get("/api/narratives").json()["total"] == 1
    assert client.get("/api/clusters").json()["total"] == len(doc["clusters"])
    assert client.get("/openapi.json").json()["paths"]["/api/pairs"]


def test_hostile_text_is_escaped_in_the_report_and_plain_data_in_json() -> None:
    hostile = TestClient(create_app(_with_stages(sample_document(hostile=True))))
    page = hostile.get("/").text
    assert SCRIPT not in page and BREAKOUT not in page
    titles = [item["title"] for item in hostile.get("/api/articles").json()["items"]]
    assert any(BREAKOUT in title for title in titles)  # data stays data: JSON carries the text as it is
    assert hostile.get("/api/articles/" + "%3Cscript%3E").status_code == 404


@pytest.mark.parametrize(
    "broken",
    [{}, {"articles": "not a list", "reuse": [1, None, "x"], "claims": {"a": 1}}, {"articles": [{"id": None}, {}]}],
)
def test_a_malformed_document_gives_empty_answers_not_errors(broken: dict[str, Any]) -> None:
    client = TestClient(create_app(broken))
    for path in ("/api", "/api/articles", "/api/pairs", "/api/claims", "/api/stories", "/api/framing", "/api/network"):
        assert client.get(path).status_code == 200, path
    assert DocumentIndex(broken).overview()["articles"] == 0


def test_the_command_refuses_a_folder_without_an_analysis(tmp_path: Path) -> None:
    from narratrace.cli import serve as serve_cli

    app = typer.Typer()
    serve_cli.register(app)
    app.command("noop")(lambda: None)  # two commands, so typer keeps `serve` as a sub-command
    result = CliRunner().invoke(app, ["serve", str(tmp_path)])
    assert result.exit_code == 2 and "analysis.json" in result.output
    (tmp_path / "analysis.json").write_text("[1, 2]", encoding="utf-8")
    result = CliRunner().invoke(app, ["serve", str(tmp_path)])
    assert result.exit_code == 2 and "JSON object" in unboxed(result.output)
