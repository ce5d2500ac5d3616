"""The JSON API: every page's data under ``/api``, paginated, with the store's stable ids."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import JSONResponse

from .. import api as lib
from ..model import Article, Entity, FactGroup, FigureTrack, SearchHit
from ..reuse.views import CopyFamily, OutletReuse
from .app import WebError, require_token
from .jobs import IngestJob
from .views import (
    ArticlePage,
    ComparePage,
    OutletPage,
    StoryPage,
    StoryRows,
    article_page,
    compare_page,
    outlet_page,
    story_page,
    story_rows,
)

router = APIRouter(prefix="/api", tags=["api"])

Limit = Annotated[int, Query(ge=1, le=200, description="Items per page (1-200).")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip.")]
Day = Annotated[str | None, Query(max_length=40, description="A date (YYYY-MM-DD) or ISO 8601 datetime.")]
Text = Annotated[str | None, Query(max_length=500)]


@dataclass(slots=True)
class ArticleList:
    items: list[Article]
    limit: int
    offset: int


@dataclass(slots=True)
class SearchResults:
    items: list[SearchHit]
    limit: int
    offset: int


@dataclass(slots=True)
class LinkSummary:
    source_id: str
    target_id: str
    kind: str
    score: float
    #: Why ``source`` is taken as the original (``Direction.decided_by``); "ingest_order"
    #: means nothing told: the direction is a guess and should not be shown as a finding.
    direction_by: str = ""
    direction_confidence: float = 0.0


@dataclass(slots=True)
class Health:
    status: str
    articles: int
    stories: int
    writes: bool


def _store(request: Request):
    return request.app.state.store


@router.get("/health", response_model=Health, summary="Liveness and store size")
def health(request: Request) -> Health:
    store = _store(request)
    return Health("ok", store.count_articles(), store.count_stories(), bool(request.app.state.token))


@router.get("/stories", response_model=StoryRows, summary="Stories, most recently reported first")
def stories(
    request: Request,
    q: Text = None,
    since: Day = None,
    until: Day = None,
    outlet: Text = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> StoryRows:
    """Each with counts of outlets, copies and rewrites, and fact conflicts and updates."""
    return story_rows(
        _store(request),
        request.app.state.facts,
        search=q,
        since=since,
        until=until,
        outlet=outlet,
        limit=limit,
        offset=offset,
    )


@router.get(
    "/stories/{story_id}", response_model=StoryPage, summary="One story: timeline, reuse graph, facts"
)
def story(request: Request, story_id: str) -> StoryPage:
    """A merged story's id redirects to the story it joined (the response carries the live id)."""
    return story_page(_store(request), request.app.state.facts, _id(story_id))


@router.get("/stories/{story_id}/facts", response_model=list[FactGroup], summary="A story's fact groups")
def story_facts(request: Request, story_id: str) -> list[FactGroup]:
    store = _store(request)
    return request.app.state.facts.get(store, lib.story(store, _id(story_id)))


@router.get(
    "/stories/{story_id}/links", response_model=list[LinkSummary], summary="Reuse links within a story"
)
def story_links(request: Request, story_id: str) -> list[LinkSummary]:
    store = _store(request)
    sid = lib.story(store, _id(story_id)).id
    return [LinkSummary(*row) for row in store.story_links(sid)]


@router.get("/articles", response_model=ArticleList, summary="Articles, newest first")
def articles(
    request: Request,
    outlet: Text = None,
    since: Day = None,
    until: Day = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> ArticleList:
    items = _store(request).articles(outlet=outlet, since=since, until=until, limit=limit, offset=offset)
    return ArticleList(items, limit, offset)


@router.get(
    "/articles/{article_id}", response_model=ArticlePage, summary="One article with its passages by source"
)
def article(request: Request, article_id: str) -> ArticlePage:
    return article_page(_store(request), _id(article_id))


@router.get(
    "/articles/{article_id}/entities", response_model=list[Entity], summary="Named entities with offsets"
)
def entities(request: Request, article_id: str) -> list[Entity]:
    return lib.entities(_store(request), _id(article_id))


@router.get(
    "/articles/{article_id}/family",
    response_model=CopyFamily,
    summary="An article's copy family: its original, every copy or rewrite of it, partial reusers",
)
def family(request: Request, article_id: str, limit: Limit = 50) -> CopyFamily:
    """The same family from any member (copies of one original are not linked to each other).

    ``original`` is null when the article is no copy and nothing copies it; members
    past ``limit`` are counted in ``more_members`` and ``more_partial``.
    """
    return lib.copy_family(_store(request), _id(article_id), limit=limit)


@router.get(
    "/articles/{article_id}/compare/{other_id}",
    response_model=ComparePage,
    summary="An article beside its source: aligned passages and edits",
)
def compare(request: Request, article_id: str, other_id: str) -> ComparePage:
    return compare_page(_store(request), _id(article_id), _id(other_id))


@router.delete("/articles/{article_id}", status_code=200, summary="Delete an article (needs the token)")
def delete_article(request: Request, article_id: str) -> dict[str, str]:
    require_token(request)
    store = _store(request)
    full = store.resolve_id(_id(article_id))
    store.delete_article(full)
    request.app.state.changed()
    return {"deleted": full}


@router.get("/outlets", response_model=list[OutletReuse], summary="Outlets with their copying and rewriting")
def outlets(request: Request) -> list[OutletReuse]:
    return lib.outlet_report(_store(request))


@router.get(
    "/outlets/{name:path}", response_model=OutletPage, summary="One outlet: reuse from whom, its stories"
)
def outlet(request: Request, name: str) -> OutletPage:
    return outlet_page(_store(request), _name(name))


@router.get("/search", response_model=SearchResults, summary="Full-text search over titles and texts")
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500)],
    limit: Limit = 20,
    offset: Offset = 0,
) -> SearchResults:
    return SearchResults(_store(request).search(q, limit=limit, offset=offset), limit, offset)


@router.get("/figures", response_model=list[FigureTrack], summary="A measure's values over time")
def figures(request: Request, q: Annotated[str, Query(min_length=1, max_length=200)]) -> list[FigureTrack]:
    return lib.figure(_store(request), q)


@router.post(
    "/ingest", status_code=202, response_model=IngestJob, summary="Ingest uploads and URLs (needs the token)"
)
async def ingest(
    request: Request,
    files: Annotated[
        list[UploadFile] | None, File(description="HTML, text, JSONL, WARC or feed files")
    ] = None,
    urls: Annotated[str | None, Form(max_length=100_000, description="URLs, one per line")] = None,
    token: Annotated[str | None, Form(max_length=500)] = None,
) -> JSONResponse:
    """Runs in the background; poll ``/api/jobs/{id}``. Uses the same ingest as the CLI."""
    require_token(request, token)
    limit = request.app.state.max_upload_bytes
    declared = int(request.headers.get("content-length") or 0)
    if declared > limit:
        raise WebError(
            413, f"upload of {declared:,} bytes is over the {limit:,}-byte limit; send fewer files at once"
        )
    loaded: list[tuple[str, bytes]] = []
    total = 0
    for f in files or []:
        data = await f.read(limit + 1 - total)
        total += len(data)
        if total > limit:
            raise WebError(413, f"uploads are over the {limit:,}-byte limit; send fewer files at once")
        loaded.append((f.filename or "upload", data))
    url_list = [u.strip() for u in (urls or "").splitlines() if u.strip()]
    if not loaded and not url_list:
        raise WebError(400, "nothing to ingest: attach files or give URLs, one per line")
    if len(url_list) > 1000:
        raise WebError(400, "at most 1,000 URLs at once")
    job = request.app.state.jobs.submit(loaded, url_list)
    return JSONResponse(_job_json(job), status_code=202, headers={"Location": f"/api/jobs/{job.id}"})


@router.get("/jobs/{job_id}", response_model=IngestJob, summary="An ingest job's progress")
def job(request: Request, job_id: str) -> IngestJob:
    found = request.app.state.jobs.get(job_id[:64])
    if found is None:
        raise WebError(404, f"no ingest job {job_id[:64]!r}; jobs are kept until the server restarts")
    return found


def _job_json(job: IngestJob) -> dict[str, object]:
    from fastapi.encoders import jsonable_encoder

    return jsonable_encoder(job)


def _id(value: str) -> str:
    if not value or len(value) > 128 or not all(c.isalnum() or c in "-_" for c in value):
        raise WebError(400, f"{value[:40]!r} is not an id: ids are letters, digits and '-'")
    return value


def _name(value: str) -> str:
    if not value or len(value) > 300:
        raise WebError(400, "an outlet name is 1-300 characters")
    return value


__all__ = ["router"]
