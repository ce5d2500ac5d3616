"""Fetching article pages and feeds over HTTP(S), defensively.

Every hop of a redirect chain is checked before it is requested: only http(s),
no credentials in the URL, and (unless ``allow_private``) no host that resolves
to a private, loopback, link-local, reserved, multicast or unspecified address.
After connecting, the peer address is checked again, which defeats a DNS answer
that changes between our check and the connection (DNS rebinding). Bodies are
streamed with a size cap and a timeout for the connection and each read.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from ..errors import FetchError, TooLarge, UnsupportedInput
from ..model import Document, Problem
from ..settings import Config
from .feeds import iter_feed
from .sniff import sniff
from .warc import parse_content_type

_HTML = {"text/html", "application/xhtml+xml"}
_TEXT = {"text/plain"}
_FEED = {
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/feed+xml",
    "application/x-rss+xml",
}
_MAYBE_FEED = {"application/xml", "text/xml"}
#: A whole download may take at most this many read timeouts, so a server that
#: drips one byte per second cannot hold a fetch forever.
_TOTAL_TIMEOUTS = 3


@dataclass(frozen=True, slots=True)
class Fetched:
    """A successful download: the final URL after redirects and the capped body."""

    url: str
    final_url: str
    status: int
    content_type: str | None
    media: str | None
    charset: str | None
    body: bytes


def _address_ok(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    bad = (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_multicast
        or ip.is_unspecified
        or not ip.is_global
    )
    return not bad


def check_url(url: str, config: Config) -> None:
    """Raise ``FetchError`` unless ``url`` is one storytrace may fetch under ``config``."""
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        raise FetchError("invalid URL: contains whitespace or control characters")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchError(f"invalid URL: {exc}") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(
            f"refused: only http and https URLs are fetched, not {parts.scheme or 'no scheme'!r}"
        )
    if parts.username is not None or parts.password is not None:
        raise FetchError("refused: URLs with credentials (user:password@) are not fetched")
    host = parts.hostname
    if not host:
        raise FetchError("invalid URL: no host")
    if config.allow_private:
        return
    port = port or (443 if parts.scheme.lower() == "https" else 80)
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host}: {exc}") from None
    for info in infos:
        addr = str(info[4][0]).split("%", 1)[0]  # drop an IPv6 zone id
        ip = ipaddress.ip_address(addr)
        if not _address_ok(ip):
            raise FetchError(
                f"refused: {host} resolves to non-public address {ip}; "
                "set allow_private (--allow-private) to fetch from local networks"
            )


def _check_peer(response: httpx.Response, host: str, config: Config) -> None:
    if config.allow_private:
        return
    stream = response.extensions.get("network_stream")
    if stream is None:
        return
    peer = stream.get_extra_info("server_addr")
    if not peer:
        return
    try:
        ip = ipaddress.ip_address(str(peer[0]).split("%", 1)[0])
    except ValueError:
        return
    if not _address_ok(ip):
        raise FetchError(f"refused: {host} connected to non-public address {ip}")


def make_client(config: Config) -> httpx.Client:
    """An httpx client set up for ``fetch``: no automatic redirects, no proxy env."""
    return httpx.Client(
        timeout=httpx.Timeout(config.fetch_timeout),
        follow_redirects=False,
        headers={"User-Agent": config.user_agent},
        # Proxies from the environment would hide the real peer address from the
        # private-address check; storytrace talks to servers directly.
        trust_env=False,
    )


def _reason(exc: httpx.HTTPError) -> str:
    return " ".join((str(exc) or type(exc).__name__).split())


def _download(client: httpx.Client, url: str, config: Config) -> Fetched:
    current = url
    hops = 0
    while True:
        check_url(current, config)
        host = urlsplit(current).hostname or current
        try:
            with client.stream("GET", current, headers={"User-Agent": config.user_agent}) as resp:
                _check_peer(resp, host, config)
                if resp.is_redirect and "location" in resp.headers:
                    hops += 1
                    if hops > config.max_redirects:
                        raise FetchError(
                            f"too many redirects (more than {config.max_redirects}); "
                            "raise --max-redirects if this chain is expected"
                        )
                    current = urljoin(str(resp.url), resp.headers["location"])
                    continue
                if not 200 <= resp.status_code < 300:
                    raise FetchError(f"HTTP {resp.status_code} {resp.reason_phrase}".strip())
                length = resp.headers.get("content-length", "")
                if length.isdigit() and int(length) > config.max_bytes:
                    raise TooLarge(
                        f"{int(length):,} bytes, over the max_bytes cap of {config.max_bytes:,}; "
                        "raise --max-bytes to fetch it"
                    )
                body = _read_capped(resp, config)
                ctype = resp.headers.get("content-type")
                media, charset = parse_content_type(ctype)
                return Fetched(url, str(resp.url), resp.status_code, ctype, media, charset, body)
        except httpx.TimeoutException:
            raise FetchError(f"timed out after {config.fetch_timeout:g} s waiting for {host}") from None
        except httpx.ConnectError as exc:
            raise FetchError(f"cannot connect to {host}: {_reason(exc)}") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"fetch failed: {type(exc).__name__}: {_reason(exc)}") from None
        except (httpx.InvalidURL, httpx.StreamError) as exc:  # not HTTPError subclasses
            raise FetchError(f"invalid URL or stream: {' '.join(str(exc).split())}") from None


def _read_capped(resp: httpx.Response, config: Config) -> bytes:
    deadline = time.monotonic() + config.fetch_timeout * _TOTAL_TIMEOUTS
    parts: list[bytes] = []
    total = 0
    for chunk in resp.iter_bytes():
        total += len(chunk)
        if total > config.max_bytes:
            raise TooLarge(
                f"body over the max_bytes cap of {config.max_bytes:,} bytes; raise --max-bytes to fetch it"
            )
        parts.append(chunk)
        if time.monotonic() > deadline:
            raise FetchError(
                f"download took longer than {config.fetch_timeout * _TOTAL_TIMEOUTS:g} s; "
                "raise --fetch-timeout for slow servers"
            )
    return b"".join(parts)


def _kind(fetched: Fetched) -> str:
    """ "html", "text" or "feed" for a download, else raise ``UnsupportedInput``."""
    media = fetched.media
    if media in _HTML:
        return "html"
    if media in _TEXT:
        return "text"
    if media in _FEED:
        return "feed"
    if media is None or media in _MAYBE_FEED:
        sniffed = sniff(fetched.body[:8192], complete=len(fetched.body) <= 8192)
        if sniffed == "feed":
            return "feed"
        if media is None and sniffed in ("html", "text"):
            return sniffed
        if media is None:
            raise UnsupportedInput("response has no Content-Type and does not look like HTML, text or a feed")
        raise UnsupportedInput(f"content type {media} is XML but not an RSS/Atom feed")
    raise UnsupportedInput(f"content type {media} is not HTML, plain text or an RSS/Atom feed")


def _page(fetched: Fetched, kind: str) -> Document:
    return Document(
        source=fetched.url,
        kind="url",
        body=fetched.body,
        media_type="text" if kind == "text" else "html",
        url=fetched.final_url,
        declared_encoding=fetched.charset,
    )


def _fetch(url: str, config: Config, client: httpx.Client | None) -> Fetched:
    """Download ``url`` with ``client``, or with a client of our own that is closed after."""
    if client is not None:
        return _download(client, url, config)
    with make_client(config) as own:
        return _download(own, url, config)


def fetch_url(url: str, config: Config, client: httpx.Client | None = None) -> Document:
    """Download one HTML or text page as a ``Document`` (kind "url").

    Raises ``FetchError`` (refused, unreachable, non-2xx, timeout), ``TooLarge``
    and ``UnsupportedInput`` (other content types, including feeds: use
    ``iter_url_documents`` to read a feed's entries).
    """
    fetched = _fetch(url, config, client)
    kind = _kind(fetched)
    if kind == "feed":
        raise UnsupportedInput("this URL is an RSS/Atom feed; ingest it as a URL input to read its entries")
    return _page(fetched, kind)


def iter_url_documents(
    url: str, config: Config, client: httpx.Client | None = None
) -> Iterator[Document | Problem]:
    """Fetch ``url``: one ``Document`` for a page, one per entry for a feed.

    Raises the same errors as ``fetch_url`` (the caller turns them into Problems).
    """
    fetched = _fetch(url, config, client)
    kind = _kind(fetched)
    if kind == "feed":
        yield from iter_feed(fetched.body, url, base_url=fetched.final_url, content_type=fetched.content_type)
    else:
        yield _page(fetched, kind)
