"""The server-rendered pages: the same data as the JSON API, as HTML."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from .. import api as lib
from ..statements.compare import STATUSES as STATUS_ORDER
from .api import Day, Offset, Text, _id, _name
from .app import html
from .views import article_page, compare_page, outlet_page, story_page, story_rows

router = APIRouter(include_in_schema=False)


@router.get("/favicon.ico")
def favicon() -> Response:
    return Response(status_code=204)


@router.get("/", response_class=HTMLResponse)
def stories(
    request: Request,
    q: Text = None,
    since: Day = None,
    until: Day = None,
    outlet: Text = None,
    offset: Offset = 0,
) -> HTMLResponse:
    store = request.app.state.store
    rows = story_rows(
        store,
        request.app.state.facts,
        search=q or None,
        since=since or None,
        until=until or None,
        outlet=outlet or None,
        limit=50,
        offset=offset,
    )
    return html(
        request,
        "stories.html",
        {
            "rows": rows,
            "q": q or "",
            "since": since or "",
            "until": until or "",
            "outlet": outlet or "",
            "outlets": request.app.state.outlets.get(store),
            "title": "Stories",
        },
    )


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(request: Request, story_id: str) -> HTMLResponse:
    page = story_page(request.app.state.store, request.app.state.facts, _id(story_id))
    if page.story.id != story_id:
        return RedirectResponse(f"/stories/{page.story.id}", status_code=308)  # type: ignore[return-value]
    return html(
        request,
        "story.html",
        {"page": page, "title": page.story.headline or page.story.id, "status_order": STATUS_ORDER},
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: str) -> HTMLResponse:
    page = article_page(request.app.state.store, _id(article_id))
    return html(request, "article.html", {"page": page, "title": page.article.title or page.article.id})


@router.get("/articles/{article_id}/compare/{other_id}", response_class=HTMLResponse)
def compare(request: Request, article_id: str, other_id: str) -> HTMLResponse:
    page = compare_page(request.app.state.store, _id(article_id), _id(other_id))
    return html(
        request,
        "compare.html",
        {"page": page, "title": f"{page.target.title or page.target.id}: side by side"},
    )


@router.get("/outlets", response_class=HTMLResponse)
def outlets(request: Request) -> HTMLResponse:
    rows = lib.outlet_report(request.app.state.store)
    return html(request, "outlets.html", {"rows": rows, "title": "Outlets"})


@router.get("/outlets/{name:path}", response_class=HTMLResponse)
def outlet(request: Request, name: str) -> HTMLResponse:
    page = outlet_page(request.app.state.store, _name(name))
    return html(request, "outlet.html", {"page": page, "title": page.reuse.outlet})


@router.get("/figures", response_class=HTMLResponse)
def figures(request: Request, q: Annotated[str | None, Query(max_length=200)] = None) -> HTMLResponse:
    tracks = lib.figure(request.app.state.store, q) if q else []
    return html(request, "figures.html", {"tracks": tracks, "q": q or "", "title": "Figures over time"})


@router.get("/ingest", response_class=HTMLResponse)
def ingest(request: Request) -> HTMLResponse:
    return html(
        request,
        "ingest.html",
        {
            "title": "Ingest",
            "writes": bool(request.app.state.token),
            "max_upload": request.app.state.max_upload_bytes,
        },
    )
