"""``create_app(doc)``: a read-only HTTP service over one analysis, for tools and colleagues to query.

The report is one page for reading; the service answers the questions an analyst scripts: the copies of an
article, the claims an outlet repeats, a story's articles in time order, how each outlet labels an entity.
It serves an analysis.json (what ``narratrace analyze`` wrote), never the store, so it cannot change what
was found, and it holds the document in memory: a request is a look-up in ``DocumentIndex``.

Safety, because article text is hostile input: answers are JSON (FastAPI encodes every string); the one HTML
answer is the report, rendered by ``narratrace.report`` with autoescaping and its no-network
Content-Security-Policy; every answer carries ``nosniff`` so a browser never guesses a type. The API is
described at ``/openapi.json``; FastAPI's ``/docs`` pages are off because they load their scripts from a CDN,
which an offline analyst's machine cannot reach.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import cache
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Query, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse

from narratrace.document import ReportOptions, as_dict, as_list
from narratrace.report.html import render_report
from narratrace.serve.index import PAIR_KINDS, DocumentIndex, page

Offset = Annotated[int, Query(ge=0, description="Skip this many matches.")]
Limit = Annotated[int, Query(ge=1, le=1000, description="At most this many matches (1-1000).")]
ArticleFilter = Annotated[str | None, Query(description="Only what involves this article id.")]
OutletFilter = Annotated[str | None, Query(description="Only what involves this outlet.")]


def create_app(doc: dict[str, Any], report_options: ReportOptions | None = None) -> FastAPI:
    """The service for one analysis document (a dict, as ``narratrace.report.html.read_document`` reads it)."""
    index = DocumentIndex(doc)
    app = FastAPI(
        title="narratrace",
        summary="Who copied whom, which stories and claims, how each outlet tells it: one analysis, read-only.",
        version=str(index.overview()["schema_version"] or "1"),
        docs_url=None,
        redoc_url=None,
    )

    @app.middleware("http")
    async def no_sniffing(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response

    @cache
    def report_page() -> str:  # rendered on first request: a large corpus should not delay start-up
        return render_report(doc, report_options)

    @app.get("/", response_class=HTMLResponse, summary="The HTML report of this analysis")
    def report() -> HTMLResponse:
        return HTMLResponse(report_page())

    @app.get("/analysis.json", summary="The whole analysis document, as analyze wrote it")
    def document() -> JSONResponse:
        return JSONResponse(doc)

    @app.get("/api", summary="What the analysis holds: stages run, counts, outlets")
    def overview() -> dict[str, Any]:
        return index.overview()

    @app.get("/api/articles", summary="Articles (without text), filtered by outlet, story or title words")
    def articles(
        offset: Offset = 0,
        limit: Limit = 100,
        outlet: OutletFilter = None,
        story: Annotated[str | None, Query(description="Only articles of this story id.")] = None,
        q: Annotated[str | None, Query(description="Only titles containing this (any case).")] = None,
    ) -> dict[str, Any]:
        return page(index.article_list(outlet=outlet, story=story, query=q), offset, limit).to_record()

    @app.get("/api/articles/{article_id}", summary="One article with its reuse pairs, claims and framing labels")
    def article(article_id: str) -> dict[str, Any]:
        return _found(index.article_detail(article_id), "article", article_id)

    @app.get(
        "/api/pairs",
        summary="Reuse pairs, most significant shared text first (stock pairs last), as analyze ranked them",
    )
    def pairs(
        offset: Offset = 0,
        limit: Limit = 100,
        kind: Annotated[str | None, Query(description=f"One of {', '.join(PAIR_KINDS)}.")] = None,
        article: ArticleFilter = None,
        outlet: OutletFilter = None,
        min_significance: Annotated[float, Query(ge=0, description="Only pairs sharing at least this much.")] = 0,
    ) -> dict[str, Any]:
        if kind is not None and kind not in PAIR_KINDS:
            raise HTTPException(422, f"kind must be one of {', '.join(PAIR_KINDS)}, not {kind!r}")
        found = index.pair_list(kind=kind, article=article, outlet=outlet, min_significance=min_significance)
        return page(found, offset, limit).to_record()

    @app.get("/api/clusters", summary="Groups of articles linked by copies and partial copies of the same passages")
    def clusters(offset: Offset = 0, limit: Limit = 100) -> dict[str, Any]:
        return page(as_list(doc.get("clusters")), offset, limit).to_record()

    @app.get("/api/network", summary="The outlet-level content-sharing network (nodes and directed edges)")
    def network() -> dict[str, Any]:
        value = doc.get("outlet_network")
        return value if isinstance(value, dict) else {"nodes": [], "edges": []}

    @app.get("/api/stories", summary="Stories (one event each) with their narrative")
    def stories(offset: Offset = 0, limit: Limit = 100) -> dict[str, Any]:
        return page(index.stories.values(), offset, limit).to_record()

    @app.get("/api/stories/{story_id}", summary="One story: its articles in time order and its framing tables")
    def story(story_id: str) -> dict[str, Any]:
        return _found(index.story_detail(story_id), "story", story_id)

    @app.get("/api/narratives", summary="Narratives: themes that recur across stories")
    def narratives(offset: Offset = 0, limit: Limit = 100) -> dict[str, Any]:
        return page(index.narratives.values(), offset, limit).to_record()

    @app.get("/api/claims", summary="Claims across articles with their independent origins and why")
    def claims(
        offset: Offset = 0,
        limit: Limit = 100,
        article: ArticleFilter = None,
        outlet: OutletFilter = None,
        min_articles: Annotated[int, Query(ge=1, description="Only claims repeated by this many articles.")] = 1,
        q: Annotated[str | None, Query(description="Only claims containing this (any case).")] = None,
    ) -> dict[str, Any]:
        found = index.claim_list(article=article, outlet=outlet, min_articles=min_articles, query=q)
        return page(found, offset, limit).to_record()

    @app.get("/api/claims/{claim_id}", summary="One claim with every article repeating it")
    def claim(claim_id: str) -> dict[str, Any]:
        return _found(index.claim_detail(claim_id), "claim", claim_id)

    @app.get("/api/sourcing", summary="Per outlet: anonymous share, outlets and agencies cited, self-citation")
    def sourcing() -> list[Any]:
        return as_list(doc.get("outlet_sourcing"))

    @app.get("/api/framing", summary="How each outlet labels each entity, with every label's article and offsets")
    def framing(
        offset: Offset = 0,
        limit: Limit = 100,
        entity: Annotated[str | None, Query(description="Only this entity (any case).")] = None,
        outlet: OutletFilter = None,
    ) -> dict[str, Any]:
        return page(index.framing_list(entity=entity, outlet=outlet), offset, limit).to_record()

    @app.get("/api/techniques", summary="Propaganda techniques per outlet, and the legend of technique names")
    def techniques() -> dict[str, Any]:
        return {
            "model": doc.get("technique_model"),
            "outlets": as_dict(doc.get("outlet_techniques")),
            "legend": as_list(doc.get("technique_legend")),
        }

    return app


def _found(value: dict[str, Any] | None, kind: str, key: str) -> dict[str, Any]:
    if value is None:
        raise HTTPException(404, f"no {kind} {key!r} in this analysis")
    return value
