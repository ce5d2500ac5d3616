"""Fetching URLs against a real HTTP server on 127.0.0.1 (no other host is ever contacted)."""

from __future__ import annotations

import gzip
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from storytrace.errors import FetchError, TooLarge, UnsupportedInput
from storytrace.ingest import check_url, fetch_url, iter_documents
from storytrace.ingest import fetch as fetch_module
from storytrace.model import Document, Problem
from storytrace.settings import Config

pytestmark = pytest.mark.network

PAGE = b"<html><head><title>t</title></head><body><p>A fetched article.</p></body></html>"
FEED = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>Local Feed</title>'
    b"<item><title>One</title><link>http://127.0.0.1/one</link>"
    b"<description>" + b"word " * 40 + b"</description></item></channel></rss>"
)


class Handler(BaseHTTPRequestHandler):
    release: threading.Event
    seen_agents: list[str]

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass

    def _send(
        self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", **headers: str
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers.items():
            self.send_header(k.replace("_", "-"), v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        self.seen_agents.append(self.headers.get("User-Agent", ""))
        path = self.path
        if path == "/ok":
            self._send(200, PAGE)
        elif path == "/text":
            self._send(200, b"plain words", "text/plain; charset=iso-8859-1")
        elif path == "/gz":
            self._send(200, gzip.compress(PAGE), Content_Encoding="gzip")
        elif path == "/feed":
            self._send(200, FEED, "application/rss+xml")
        elif path == "/xmlfeed":
            self._send(200, FEED, "text/xml")
        elif path == "/image":
            self._send(200, b"\x89PNG....", "image/png")
        elif path == "/missing":
            self._send(404, b"<p>not here</p>")
        elif path.startswith("/hop/"):
            n = int(path.rsplit("/", 1)[1])
            if n == 0:
                self._send(200, PAGE)
            else:
                self._send(302, b"", Location=f"/hop/{n - 1}")
        elif path == "/to-file":
            self._send(302, b"", Location="file:///etc/passwd")
        elif path == "/to-private":
            self._send(302, b"", Location="http://10.0.0.1/secret")
        elif path == "/big":
            self._send(200, b"<p>" + b"x" * 50_000 + b"</p>")
        elif path == "/big-chunked":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for _ in range(20):
                chunk = b"x" * 10_000
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            self.wfile.write(b"0\r\n\r\n")
        elif path == "/slow":
            self.release.wait(10)  # hold the response until the test ends
            self._send(200, PAGE)
        else:
            self._send(500, b"unexpected path")


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients that hang up early (size cap, refusals) are expected here


@pytest.fixture(scope="module")
def _running_server() -> Iterator[tuple[str, type[Handler]]]:
    handler = type("H", (Handler,), {"release": threading.Event(), "seen_agents": []})
    httpd = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", handler
    finally:
        handler.release.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


@pytest.fixture()
def server(_running_server: tuple[str, type[Handler]]) -> tuple[str, type[Handler]]:
    """The module's local server, with its per-test request log cleared."""
    _running_server[1].seen_agents.clear()
    return _running_server


LOCAL = Config(
    allow_private=True, max_bytes=20_000, fetch_timeout=2.0, max_redirects=3, user_agent="storytrace-test/1"
)


def test_ok_page_is_fetched_with_our_user_agent(server: tuple[str, type[Handler]]) -> None:
    base, handler = server
    doc = fetch_url(f"{base}/ok", LOCAL)
    assert doc.kind == "url" and doc.media_type == "html" and doc.body == PAGE
    assert doc.source == f"{base}/ok" and doc.url == f"{base}/ok" and doc.declared_encoding == "utf-8"
    assert handler.seen_agents == ["storytrace-test/1"]


def test_plain_text_and_gzip_encoded_pages(server: tuple[str, type[Handler]]) -> None:
    base, _ = server
    text = fetch_url(f"{base}/text", LOCAL)
    assert text.media_type == "text" and text.declared_encoding == "iso-8859-1"
    assert fetch_url(f"{base}/gz", LOCAL).body == PAGE


def test_http_error_status_is_a_fetch_error(server: tuple[str, type[Handler]]) -> None:
    base, _ = server
    with pytest.raises(FetchError, match=r"^HTTP 404 Not Found$"):
        fetch_url(f"{base}/missing", LOCAL)


def test_redirects_are_followed_up_to_the_limit(server: tuple[str, type[Handler]]) -> None:
    base, _ = server
    doc = fetch_url(f"{base}/hop/3", LOCAL)
    assert doc.source == f"{base}/hop/3" and doc.url == f"{base}/hop/0"
    with pytest.raises(FetchError, match="too many redirects"):
        fetch_url(f"{base}/hop/4", LOCAL)


def test_every_redirect_hop_is_checked(server: tuple[str, type[Handler]]) -> None:
    base, _ = server
    with pytest.raises(FetchError, match="only http and https"):
        fetch_url(f"{base}/to-file", LOCAL)


def test_redirect_to_a_private_address_is_refused_without_contacting_it(
    server: tuple[str, type[Handler]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Treat the test server's 127.0.0.1 as "public" so the first hop is allowed; the
    # redirect to 10.0.0.1 must then be refused by the per-hop check, never connected to.
    base, _ = server
    real = fetch_module._address_ok
    monkeypatch.setattr(fetch_module, "_address_ok", lambda ip: str(ip) == "127.0.0.1" or real(ip))
    strict = LOCAL.with_(allow_private=False)
    assert fetch_url(f"{base}/ok", strict).body == PAGE
    with pytest.raises(FetchError, match="non-public address 10.0.0.1"):
        fetch_url(f"{base}/to-private", strict)


def test_too_large_body_is_cut_off(server: tuple[str, type[Handler]]) -> None:
    base, _ = server
    with pytest.raises(TooLarge, match="max_bytes"):
        fetch_url(f"{base}/big", LOCAL)  # Content-Length says so up front
    with pytest.raises(TooLarge, match="max_bytes"):
        fetch_url(f"{base}/big-chunked", LOCAL)  # no length: counted while streaming


def test_slow_server_times_out(server: tuple[str, type[Handler]]) -> None:
    base, _ = server
    with pytest.raises(FetchError, match="timed out"):
        fetch_url(f"{base}/slow", LOCAL.with_(fetch_timeout=0.2))


def test_unreachable_port_is_a_fetch_error() -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    with pytest.raises(FetchError, match="cannot connect to 127.0.0.1"):
        fetch_url(f"http://127.0.0.1:{port}/", LOCAL)


def test_unsupported_content_type_and_feed_urls(server: tuple[str, type[Handler]]) -> None:
    base, _ = server
    with pytest.raises(UnsupportedInput, match="image/png"):
        fetch_url(f"{base}/image", LOCAL)
    with pytest.raises(UnsupportedInput, match="feed"):
        fetch_url(f"{base}/feed", LOCAL)


def test_iter_documents_reads_feed_urls_and_reports_failures(server: tuple[str, type[Handler]]) -> None:
    base, _ = server
    out = list(
        iter_documents(
            [], urls=[f"{base}/feed", f"{base}/xmlfeed", f"{base}/missing", f"{base}/ok"], config=LOCAL
        )
    )
    # The two test feeds carry no dates: each gets its one warning line after its entries.
    notes = [i for i in out if isinstance(i, Problem) and i.kind == "warning"]
    assert [n.item for n in notes] == [f"{base}/feed", f"{base}/xmlfeed"]
    out = [i for i in out if i not in notes]
    assert [type(i).__name__ for i in out] == ["Document", "Document", "Problem", "Document"]
    feed_doc = out[0]
    assert isinstance(feed_doc, Document) and feed_doc.kind == "feed"
    assert feed_doc.source == f"{base}/feed#entry=1" and feed_doc.fields["outlet"] == "Local Feed"
    assert isinstance(out[2], Problem) and out[2].item == f"{base}/missing"
    assert out[2].reason == "HTTP 404 Not Found" and out[2].kind == "failed"


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://10.0.0.1/",
        "http://[::1]/",
        "http://169.254.169.254/latest/meta-data/",
        "http://localhost/",
        "http://0.0.0.0/",
        "http://[::ffff:127.0.0.1]/",
        "http://2130706433/",
        "http://224.0.0.1/",
    ],
)
def test_private_addresses_are_refused_by_default(url: str) -> None:
    strict = Config(allow_private=False)
    with pytest.raises(FetchError, match="refused: .* non-public address"):
        check_url(url, strict)
    out = list(iter_documents([], urls=[url], config=strict))
    assert len(out) == 1 and isinstance(out[0], Problem) and "refused" in out[0].reason


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("file:///etc/passwd", "only http and https"),
        ("ftp://example.org/x", "only http and https"),
        ("http://user:pw@example.org/", "credentials"),
        ("http:///nohost", "no host"),
        ("http://example.org:99999/", "invalid URL"),
        ("not a url", "whitespace or control"),
        ("http://example.org/\x00", "whitespace or control"),
        ("http://exa mple.org/", "whitespace or control"),
        ("http://[::1/", "invalid URL"),
    ],
)
def test_bad_urls_are_refused_before_any_network(url: str, message: str) -> None:
    with pytest.raises(FetchError, match=message):
        check_url(url, Config())


def test_unresolvable_host_is_a_fetch_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", fail)  # no real DNS query leaves the machine
    with pytest.raises(FetchError, match=r"^cannot resolve host news\.example: .*Name or service not known"):
        check_url("https://news.example/story", Config())


def test_peer_address_is_checked_after_connecting(
    server: tuple[str, type[Handler]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Simulate DNS rebinding: the pre-connection check passes, the connection lands on
    # loopback anyway. The response must be refused before its body is used.
    base, _ = server
    monkeypatch.setattr(fetch_module, "check_url", lambda url, config: None)
    with pytest.raises(FetchError, match="connected to non-public address 127.0.0.1"):
        fetch_url(f"{base}/ok", Config(allow_private=False, fetch_timeout=2.0))
