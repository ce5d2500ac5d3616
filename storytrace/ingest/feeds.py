"""RSS, Atom and RDF feeds: one ``Document`` per entry that carries article content.

Safety: feeds are untrusted XML. feedparser already strips the DOCTYPE and never
loads external entities, but it re-inserts "safe-looking" internal entities, which
is enough for a quadratic-blowup attack. So documents that declare any entity
(``<!ENTITY``) are refused before parsing, and feedparser only ever sees bytes
(never a string, which it would treat as a path or URL to open).
"""

from __future__ import annotations

import calendar
import io
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from ..errors import InputError, UnsupportedInput
from ..model import Document, Problem
from .jsonl import read_date
from .reading import STAGE, problem

_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
#: A summary shorter than this many words is a teaser, not an article.
MIN_SUMMARY_WORDS = 25


def check_feed_safety(data: bytes) -> None:
    """Raise ``InputError`` for feeds that could blow up or leak during parsing.

    The check runs on the bytes with NULs removed too, so a UTF-16/32 encoded
    ``<!ENTITY`` cannot slip past it.
    """
    plain = data.replace(b"\x00", b"")
    if _ENTITY_DECL.search(plain):
        raise InputError(
            "feed declares XML entities (<!ENTITY>); refused because entity expansion "
            "can be abused (billion laughs, external entities)"
        )
    head = plain.lstrip(b"\xef\xbb\xbf\xfe\xff \t\r\n")[:1]
    if head != b"<":
        raise UnsupportedInput("not an XML feed: does not start with '<'")


def _iso(parsed: Any, raw: Any) -> str | None:
    """An entry date as ISO 8601: feedparser's parse, else the raw value read as JSONL dates are
    (``jsonl.read_date``); None when neither reads it (a string no timeline can place is no date)."""
    # feedparser reads some values no feed means as a date (epoch seconds "1713088800" as the
    # year 1713): a parse outside the years news archives hold yields to ``read_date``.
    if isinstance(parsed, time.struct_time) and 1990 <= parsed.tm_year <= 2100:
        try:
            stamp = calendar.timegm(parsed)
            return datetime.fromtimestamp(stamp, tz=UTC).isoformat()
        except (OverflowError, ValueError, OSError):
            pass
    return read_date(raw) if isinstance(raw, str) and raw.strip() else None


def _words(html: str) -> int:
    return len(_TAG.sub(" ", html).split())


def _bozo_reason(result: Any) -> str:
    exc = result.get("bozo_exception")
    if exc is None:
        return "not a well-formed feed"
    text = " ".join(str(exc).split())
    return f"not a valid feed: {text or type(exc).__name__}"


def _parse(data: bytes, base_url: str | None, content_type: str | None) -> Any:
    import feedparser  # imported lazily: it is slow to import and only feeds need it

    headers: dict[str, str] = {}
    if base_url:
        headers["content-location"] = base_url
    if content_type:
        headers["content-type"] = content_type
    return feedparser.parse(
        io.BytesIO(data), response_headers=headers, sanitize_html=True, resolve_relative_uris=True
    )


def iter_feed(
    data: bytes,
    source: str,
    *,
    base_url: str | None = None,
    content_type: str | None = None,
) -> Iterator[Document | Problem]:
    """Yield a ``Document`` per entry with content (``source#entry=N``, 1-based).

    Entries with only a short summary give a skipped ``Problem``; a broken feed
    with no entries raises ``InputError`` with feedparser's reason.
    """
    check_feed_safety(data)
    try:
        result = _parse(data, base_url, content_type)
    except (RecursionError, MemoryError):
        raise
    except Exception as exc:  # noqa: BLE001 - a third-party parser on hostile input
        raise InputError(f"feed parser failed: {type(exc).__name__}: {exc}") from None
    entries = result.get("entries") or []
    if not entries:
        if result.get("bozo"):
            raise InputError(_bozo_reason(result))
        raise UnsupportedInput("feed has no entries")
    feed = result.get("feed") or {}
    outlet = feed.get("title") or None
    language = feed.get("language") or None
    articles = dated = 0
    unreadable: str | None = None  # the first date value given that could not be read
    for n, entry in enumerate(entries, start=1):
        item = f"{source}#entry={n}"
        doc = _entry_document(entry, item, outlet, language)
        if isinstance(doc, Document):
            articles += 1
            dated += "published" in doc.fields
            if unreadable is None and "published" not in doc.fields:
                raw = dict.get(entry, "published") or dict.get(entry, "updated")
                unreadable = raw if isinstance(raw, str) and raw.strip() else None
        yield doc
    if articles and not dated:
        yield _no_date_warning(source, articles, unreadable)


def _no_date_warning(source: str, articles: int, unreadable: str | None) -> Problem:
    """One line for a feed none of whose articles has a readable date (some undated entries
    among dated ones are normal and not flagged)."""
    given = ""
    if unreadable is not None:
        shown = " ".join(unreadable.split())[:40]
        given = f" (a date is given but not readable, e.g. {shown!r})"
    entries = f"{articles} entr{'y' if articles == 1 else 'ies'}"
    reason = (
        f"no readable publication date in {entries}{given}; dates are read from each entry's "
        "<pubDate>, <published>, <updated> or <dc:date> (RFC 2822 or ISO 8601)"
    )
    return Problem(item=source, stage=STAGE, reason=reason, kind="warning")


def _entry_document(entry: Any, item: str, outlet: str | None, language: str | None) -> Document | Problem:
    body: str | None = None
    media = "html"
    contents = entry.get("content") or []
    for content in contents:
        value = content.get("value")
        if isinstance(value, str) and value.strip():
            body = value
            if content.get("type") == "text/plain":
                media = "text"
            break
    summary = entry.get("summary")
    summary = summary if isinstance(summary, str) and summary.strip() else None
    if body is None:
        if summary is None:
            return problem(item, "feed entry has no content or summary", "skipped")
        words = _words(summary)
        if words == 0:
            return problem(item, "feed entry has no content and its summary has no text", "skipped")
        if words < MIN_SUMMARY_WORDS:
            return problem(
                item,
                f"feed entry has only a {words}-word summary; ingest its link to get the article",
                "skipped",
            )
        body = summary
        detail = entry.get("summary_detail") or {}
        if detail.get("type") == "text/plain":
            media = "text"
    fields: dict[str, Any] = {}
    title = entry.get("title")
    if isinstance(title, str) and title.strip():
        fields["title"] = title
    # dict.get, not entry.get: FeedParserDict maps a missing "updated" to "published"
    # with a DeprecationWarning; we ask for exactly the key we mean.
    published = _iso(dict.get(entry, "published_parsed"), dict.get(entry, "published")) or _iso(
        dict.get(entry, "updated_parsed"), dict.get(entry, "updated")
    )
    if published:
        fields["published"] = published
    author = entry.get("author")
    if isinstance(author, str) and author.strip():
        fields["author"] = author
    if outlet:
        fields["outlet"] = outlet
    if language:
        fields["language"] = language
    if summary is not None and summary is not body:
        fields["summary"] = summary
    link = entry.get("link")
    return Document(
        source=item,
        kind="feed",
        body=body,
        media_type=media,  # type: ignore[arg-type]
        url=link if isinstance(link, str) and link.strip() else None,
        fields=fields,
    )
