"""Fixtures for real browser tests: Debian's chromium driven by Python playwright.

- ``serve(app)``: context manager serving any ASGI app with uvicorn on 127.0.0.1 (free port)
  in a background thread; yields the base URL (no trailing slash).
- ``live_server``: fixture returning ``start(app) -> base_url``; servers stop at test teardown.
- ``chromium_path`` (session): the chromium binary, or a skip.
- ``browser`` (session): a headless playwright ``Browser``.
- ``page``: a fresh context + page (1280x900) per test; ``page.console_errors`` lists console
  errors and uncaught page errors (CSP violations appear there); a full-page screenshot is saved
  to ``test-artifacts/screenshots/<test-name>.png`` on teardown, pass or fail.

``playwright install`` does not work here; run ``scripts/install_chromium.sh`` instead.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 900}
DEFAULT_TIMEOUT_MS = 10_000


# --------------------------------------------------------------------------- live server


def _answers(port: int) -> bool:
    """True once anything answers HTTP on 127.0.0.1:port (any status; no proxy involved)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
    try:
        conn.request("GET", "/")
        conn.getresponse().read()
        return True
    except OSError:
        return False
    finally:
        conn.close()


@contextlib.contextmanager
def serve(app: Any, *, startup_timeout: float = 10.0, **config: Any) -> Iterator[str]:
    """Serve an ASGI ``app`` with uvicorn in a thread; yield ``http://127.0.0.1:<port>``.

    Extra keyword arguments go to ``uvicorn.Config`` (e.g. ``lifespan="off"``). The listening
    socket is bound before the thread starts, so there is no free-port race.
    """
    import uvicorn

    options: dict[str, Any] = {
        "log_level": "warning",
        "ws": "none",  # no websockets import (its deprecation warnings are errors here)
        "lifespan": "auto",
        "timeout_graceful_shutdown": 3,
        "access_log": False,
    }
    options.update(config)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, **options))
        thread = threading.Thread(
            target=server.run, kwargs={"sockets": [sock]}, name=f"uvicorn-{port}", daemon=True
        )
        thread.start()
        try:
            deadline = time.monotonic() + startup_timeout
            while not (server.started and _answers(port)):
                if not thread.is_alive():
                    raise RuntimeError("uvicorn exited during startup (see log output above)")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"uvicorn did not answer on port {port} in {startup_timeout}s")
                time.sleep(0.02)
            yield f"http://127.0.0.1:{port}"
        finally:
            server.should_exit = True
            thread.join(timeout=15)
            if thread.is_alive():  # pragma: no cover - only on a hung app
                server.force_exit = True
                thread.join(timeout=5)
            assert not thread.is_alive(), f"uvicorn thread on port {port} did not stop"
    finally:
        sock.close()


@pytest.fixture
def live_server() -> Iterator[Callable[..., str]]:
    """``live_server(app, **uvicorn_config) -> base_url``; every server stops at teardown."""
    with contextlib.ExitStack() as stack:

        def start(app: Any, **config: Any) -> str:
            return stack.enter_context(serve(app, **config))

        yield start


# --------------------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = os.environ.get("STORYTRACE_CHROMIUM") or DEFAULT_CHROMIUM
    resolved = shutil.which(path)
    if resolved is None:
        pytest.skip(
            f"chromium not found at {path} (run scripts/install_chromium.sh as root, "
            "or set STORYTRACE_CHROMIUM); browser tests skipped"
        )
    return resolved


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


def _screenshot_name(node_name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", node_name).strip("_")[:150] or "test"


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh page; ``page.console_errors`` is a list of console/page error texts."""
    from playwright.sync_api import Error as PlaywrightError

    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    try:
        pg = context.new_page()
        errors: list[str] = []
        pg.console_errors = errors
        pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        pg.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
        yield pg
        # (teardown) screenshot always, pass or fail; a crashed/closed page must not mask the result
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(PlaywrightError):
            pg.screenshot(
                path=str(SCREENSHOTS / f"{_screenshot_name(request.node.name)}.png"), full_page=True
            )
    finally:
        context.close()
