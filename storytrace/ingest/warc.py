"""WARC archives (``.warc``, ``.warc.gz``): one ``Document`` per HTML page record.

fastwarc reads the WARC structure strictly (so a cut-off archive is noticed), but
the HTTP part of each record is parsed here, leniently: old crawls (ClueWeb09)
have bare-LF headers that strict parsers reject, and crawlers often store a
decoded body under a stale ``Content-Encoding`` header. Non-HTML records
(images, scripts, requests, metadata) are ignored without a ``Problem`` each.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from email.message import Message
from pathlib import Path

from ..errors import InputError, TooLarge, UnsupportedInput
from ..model import Document, Problem
from .reading import decompress_capped, problem

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_HEAD_READ = 64 * 1024  # enough for any sane HTTP header block
_STATUS = re.compile(rb"^HTTP/\d(?:\.\d)?\s+(\d{3})")
_HEADER_END = re.compile(rb"\r?\n\r?\n")


def parse_content_type(value: str | None) -> tuple[str | None, str | None]:
    """``("text/html", "utf-8")`` from ``"text/html; charset=UTF-8"``; Nones when absent."""
    if not value:
        return None, None
    msg = Message()
    msg["content-type"] = value
    mime = msg.get_content_type().lower() if "/" in value.split(";")[0] else None
    charset = msg.get_param("charset")
    if isinstance(charset, tuple):  # RFC 2231 form
        charset = charset[2]
    charset = str(charset).strip().strip("'\"") or None if charset else None
    return mime, charset.lower() if charset else None


def _split_http(head: bytes) -> tuple[int | None, dict[str, str], int] | None:
    """Status, headers (lowercased names) and body offset of an HTTP response head."""
    m = _HEADER_END.search(head)
    if m is None:
        return None
    lines = head[: m.start()].decode("latin-1").splitlines()
    if not lines:
        return None
    sm = _STATUS.match(lines[0].encode("latin-1"))
    status = int(sm.group(1)) if sm else None
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if sep and name.strip():
            key = name.strip().lower()
            headers.setdefault(key, value.strip())  # first one wins, as browsers do
    return status, headers, m.end()


def _dechunk(data: bytes) -> bytes | None:
    """Undo HTTP chunked transfer encoding; ``None`` if ``data`` is not validly chunked."""
    out: list[bytes] = []
    pos = 0
    n = len(data)
    while pos < n:
        eol = data.find(b"\n", pos)
        if eol < 0:
            return None
        size_txt = data[pos:eol].split(b";")[0].strip()
        try:
            size = int(size_txt, 16)
        except ValueError:
            return None
        pos = eol + 1
        if size == 0:
            return b"".join(out)
        if pos + size > n:
            return None
        out.append(data[pos : pos + size])
        pos += size
        if data.startswith(b"\r\n", pos):
            pos += 2
        elif data.startswith(b"\n", pos):
            pos += 1
    return b"".join(out)


def _looks_like_markup(data: bytes) -> bool:
    return data.lstrip()[:1] == b"<"


def decode_payload(body: bytes, headers: dict[str, str], cap: int) -> bytes:
    """Undo transfer and content encodings where the stored body still has them.

    Crawlers disagree on whether they store bodies decoded; so each step is tried
    and dropped when the body plainly is not encoded that way.
    """
    if "chunked" in headers.get("transfer-encoding", "").lower():
        unchunked = _dechunk(body)
        if unchunked is not None:
            body = unchunked
    encoding = headers.get("content-encoding", "").lower().strip()
    if not encoding or encoding == "identity" or _looks_like_markup(body):
        return body
    if encoding in ("gzip", "x-gzip"):
        return decompress_capped(body, cap, wbits=31)
    if encoding == "deflate":
        try:
            return decompress_capped(body, cap, wbits=15)  # zlib-wrapped, as the RFC says
        except TooLarge:
            raise
        except InputError:  # many servers send raw deflate instead
            return decompress_capped(body, cap, wbits=-15)
    if encoding == "br":
        return _unbrotli(body, cap)
    raise InputError(f"unsupported Content-Encoding {encoding!r}")


def _unbrotli(data: bytes, cap: int) -> bytes:
    """Brotli-decode at most ``cap`` bytes (brotli comes with trafilatura and fastwarc)."""
    try:
        import brotli
    except ImportError:  # pragma: no cover - a dependency of our dependencies
        raise InputError("record is brotli-compressed and the brotli module is not installed") from None
    decoder = brotli.Decompressor()
    out: list[bytes] = []
    total = 0
    pending = data
    try:
        while True:
            chunk = decoder.process(pending, output_buffer_limit=1 << 20)
            pending = b""
            total += len(chunk)
            if total > cap:
                raise TooLarge(
                    f"over {cap:,} bytes after decompression, the max_bytes cap; raise --max-bytes"
                )
            out.append(chunk)
            if decoder.is_finished() or (not chunk and decoder.can_accept_more_data()):
                break
    except brotli.error as exc:
        raise InputError(f"corrupt brotli data: {exc}") from None
    if not decoder.is_finished():
        raise InputError("truncated brotli data")
    return b"".join(out)


class _Truncated(InputError):
    """The archive ends inside a record: stop reading this file."""


def _target(uri: str | None) -> str | None:
    if not uri:
        return None
    uri = uri.strip()
    if uri.startswith("<") and uri.endswith(">"):  # wget 1.19 wrote <http://...>
        uri = uri[1:-1].strip()
    return uri or None


def iter_warc(path: Path, max_bytes: int) -> Iterator[Document | Problem]:
    """Yield a ``Document`` per HTML response/resource record (``path#record=N``, 1-based).

    Records over ``max_bytes`` give a skipped ``Problem``. A cut-off or corrupt
    archive yields the records read so far, then raises ``InputError`` once.
    """
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    wanted = (WarcRecordType.response, WarcRecordType.resource)
    name = str(path)
    count = 0
    pages = 0
    with path.open("rb") as f:
        records = ArchiveIterator(f, parse_http=False, auto_decode="none", fsspec_args=False)
        try:
            for record in records:
                count += 1
                if record.record_type not in wanted:
                    continue
                item = f"{name}#record={count}"
                try:
                    out = _record_document(record, item, max_bytes)
                except _Truncated:
                    raise
                except InputError as exc:  # one bad record: report it, keep reading
                    out = problem(item, str(exc), exc.problem_kind)
                if out is not None:
                    pages += 1
                    yield out
        except OSError as exc:
            where = f"after record {count}" if count else "before the first record"
            raise InputError(f"truncated or corrupt WARC {where}: {exc}") from None
    if count == 0:
        raise InputError("no WARC records found (not a WARC file, or corrupt)")
    if pages == 0:
        raise UnsupportedInput(f"WARC has no HTML page records ({count} records read)")


def _record_document(record: object, item: str, max_bytes: int) -> Document | Problem | None:
    headers = record.headers  # type: ignore[attr-defined]
    declared = int(record.content_length)  # type: ignore[attr-defined]
    reader = record.reader  # type: ignore[attr-defined]
    head = reader.read(min(declared, _HEAD_READ))
    is_response = headers.get("WARC-Type") == "response"
    if is_response:
        split = _split_http(head)
        if split is None:
            return None  # not an HTTP response block: nothing to read
        status, http, offset = split
        if status is not None and not 200 <= status < 300:
            return None  # redirects, errors: not articles
        mime, charset = parse_content_type(http.get("content-type"))
    else:
        http, offset = {}, 0
        mime, charset = parse_content_type(headers.get("Content-Type"))
    if mime not in _HTML_TYPES:
        return None
    if declared - offset > max_bytes:
        return problem(
            item,
            f"record of {declared - offset:,} bytes is over the max_bytes cap of {max_bytes:,}; "
            "raise --max-bytes",
            "skipped",
        )
    rest = reader.read(declared - len(head)) if declared > len(head) else b""
    block = head + rest
    if len(block) < declared:
        raise _Truncated(
            f"truncated WARC: record {item.rsplit('=', 1)[1]} ends after {len(block):,} of {declared:,} bytes"
        )
    body = decode_payload(block[offset:], http, max_bytes)
    fields: dict[str, str] = {}
    date = headers.get("WARC-Date")
    if date:
        fields["crawled"] = date.strip()
    return Document(
        source=item,
        kind="warc",
        body=body,
        media_type="html",
        url=_target(headers.get("WARC-Target-URI")),
        fields=fields,
        declared_encoding=charset,
    )
