"""The web app and JSON API on one store (FastAPI).

``create_app(db)`` builds it; ``storytrace serve`` runs it with uvicorn. Pages are
rendered on the server with Jinja2 (autoescaping on: article text and titles are
untrusted and only ever rendered as text), charts are inline SVG built from data,
and the only script is a same-origin file for the ingest page's progress. Every
response carries a strict Content-Security-Policy.

Access: reads are open to clients on this machine (loopback) and, when the server
is started with ``public_reads``, to everyone; otherwise they need the token.
Writes (ingest, delete) always need the token (``STORYTRACE_TOKEN``): without one
configured they are switched off.
"""

from __future__ import annotations

import ipaddress
import secrets
import time
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import ConfigError, NotFound, StorytraceError
from ..settings import Config
from ..statements.params import FactParams
from ..store import Store
from .jobs import JobRunner
from .views import FactCache, OutletNames, utc

__all__ = ["CSP", "WebError", "create_app"]

HERE = Path(__file__).parent
#: No inline script or style, nothing from elsewhere, no framing, no plugins.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


class WebError(Exception):
    """An HTTP error with a message that says what to do next."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host in ("testclient", "localhost"):
        return True  # in-process test clients
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def create_app(
    db: str | Path,
    *,
    token: str | None = None,
    public_reads: bool = False,
    max_upload_bytes: int = 50_000_000,
    config: Config | None = None,
) -> FastAPI:
    """The web app and JSON API on the store at ``db`` (created if missing)."""
    config = config or Config.load()
    store = Store.open(db)
    # Ingest jobs write through a connection of their own: page reads on the main one
    # never see a half-done batch (WAL lets both run at once).
    runner = JobRunner(Store.open(db), config)
    facts = FactCache(params=FactParams.from_config(config))
    outlets = OutletNames()

    def changed() -> None:
        facts.clear()
        outlets.clear()

    runner.on_done = changed

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        runner.close()
        store.close()

    app = FastAPI(
        title="storytrace",
        summary="The story map of a news store: stories, reuse, facts.",
        version="1",
        lifespan=lifespan,
        docs_url=None,  # the interactive docs load scripts from a CDN; /openapi.json is the schema
        redoc_url=None,
    )
    app.state.store = store
    app.state.config = config
    app.state.token = token
    app.state.public_reads = public_reads
    app.state.max_upload_bytes = max_upload_bytes
    app.state.jobs = runner
    app.state.facts = facts
    app.state.outlets = outlets
    app.state.changed = changed
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals["utc"] = utc
    app.state.templates = templates

    @app.middleware("http")
    async def guard(request: Request, call_next: Any) -> Response:
        started = time.perf_counter()
        if not _may_read(request) and request.url.path not in ("/api/health",):
            response = _error(
                request,
                401,
                "reading this store from another machine needs the token: "
                "send Authorization: Bearer <STORYTRACE_TOKEN>",
            )
        else:
            response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        # The app's own time for this request (the benchmark reads it; browsers show it).
        response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.2f}"
        return response

    @app.exception_handler(WebError)
    async def web_error(request: Request, exc: WebError) -> Response:
        return _error(request, exc.status, exc.message)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return _error(request, 404, str(exc))

    @app.exception_handler(ConfigError)
    async def bad_input(request: Request, exc: ConfigError) -> Response:
        return _error(request, 400, str(exc))

    @app.exception_handler(StorytraceError)
    async def store_error(request: Request, exc: StorytraceError) -> Response:
        return _error(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for e in exc.errors():
            where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body"))
            parts.append(f"{where}: {e.get('msg')}")
        return _error(request, 422, "; ".join(parts) or "invalid request")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail))

    from .api import router as api_router
    from .pages import router as page_router

    app.include_router(api_router)
    app.include_router(page_router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    return app


def _may_read(request: Request) -> bool:
    state = request.app.state
    if state.public_reads or _is_loopback(request.client.host if request.client else None):
        return True
    return state.token is not None and _token_ok(request)


def _token_ok(request: Request, form_token: str | None = None) -> bool:
    expected = request.app.state.token
    if not expected:
        return False
    given = form_token
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        given = auth[7:].strip()
    given = given or request.headers.get("x-storytrace-token")
    return given is not None and secrets.compare_digest(given.encode(), expected.encode())


def require_token(request: Request, form_token: str | None = None) -> None:
    """Writes need the configured token; without one they are off."""
    if not request.app.state.token:
        raise WebError(403, "writes are switched off: start the server with STORYTRACE_TOKEN set")
    if not _token_ok(request, form_token):
        raise WebError(401, "missing or wrong token: send Authorization: Bearer <STORYTRACE_TOKEN>")


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api") and "text/html" in request.headers.get(
        "accept", "text/html"
    )


def _error(request: Request, status: int, message: str) -> Response:
    if _wants_html(request):
        templates: Jinja2Templates = request.app.state.templates
        return templates.TemplateResponse(
            request, "error.html", {"status": status, "message": message}, status_code=status
        )
    return JSONResponse({"error": message, "status": status}, status_code=status)


def html(request: Request, name: str, context: dict[str, Any]) -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, name, context)
