"""Smoke tests for the browser-test infrastructure (real Chromium, strict CSP)."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from .conftest import serve

pytestmark = pytest.mark.browser

CSP = {"Content-Security-Policy": "default-src 'self'"}

BUTTON_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>smoke</title>
<script src="/app.js" defer></script></head>
<body><button id="go">Click me</button><p id="out">before</p></body></html>
"""

APP_JS = """document.getElementById("go").addEventListener("click", () => {
  document.getElementById("out").textContent = "after";
});
"""

INLINE_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>original</title></head>
<body><p>inline</p><script>document.title = "hacked";</script></body></html>
"""


async def button_page(request: Request) -> Response:
    return HTMLResponse(BUTTON_PAGE, headers=CSP)


async def app_js(request: Request) -> Response:
    return Response(APP_JS, media_type="text/javascript", headers=CSP)


async def inline_page(request: Request) -> Response:
    return HTMLResponse(INLINE_PAGE, headers=CSP)


async def favicon(request: Request) -> Response:
    return Response(status_code=204)


def make_app() -> Starlette:
    return Starlette(
        routes=[
            Route("/", button_page),
            Route("/app.js", app_js),
            Route("/inline", inline_page),
            Route("/favicon.ico", favicon),
        ]
    )


def test_button_click_changes_text(page, live_server) -> None:
    base = live_server(make_app())
    response = page.goto(base + "/")
    assert response is not None and response.ok
    assert response.headers["content-security-policy"] == "default-src 'self'"
    assert page.text_content("#out") == "before"
    page.click("#go")
    page.wait_for_function("document.getElementById('out').textContent === 'after'")
    assert page.text_content("#out") == "after"
    assert page.console_errors == []


def test_csp_blocks_inline_script(page) -> None:
    with serve(make_app()) as base:
        page.goto(base + "/inline")
        page.wait_for_load_state("load")
        assert page.title() == "original"
        assert page.text_content("p") == "inline"
    assert any("Content Security Policy" in e for e in page.console_errors), page.console_errors
