"""``extract_document``: the pipeline's entry point for one ingested item."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from ..errors import InputError, NoArticle, TooLarge
from ..model import Document, Extraction
from ..settings import Config
from .decode import binary_reason, decode_bytes, repair_text
from .html import extract_html
from .metadata import iso_datetime, language_code, registered_domain
from .text import extract_plain_text

# Container fields that override what the page says (the container is the
# publisher's own feed or archive record, so it is usually the better source).
_CONTAINER_WINS = ("title", "published", "outlet")
_GAP_FILLERS = ("author", "language")


def _field(fields: dict[str, Any], name: str) -> str | None:
    value = fields.get(name)
    if value is None:
        return None
    if name == "published" and isinstance(value, date):
        return iso_datetime(value)
    value = " ".join(str(value).split())
    return value or None


def _size(body: bytes | str) -> int:
    return len(body) if isinstance(body, bytes) else len(body.encode("utf-8", errors="replace"))


_TAG = re.compile(r"<[A-Za-z!/?]")


def _plain_in_html_clothing(body: bytes | str) -> bool:
    """True for "HTML" without a single tag: feed content or a JSONL ``html`` field that is plain text.

    Such text gets text-mode extraction (lines, stated metadata), as a ``.txt`` file would.
    """
    head = body[:200_000]
    if isinstance(head, bytes):
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            return False  # UTF-16 with a byte-order mark: the HTML decoder reads it
        head = head.decode("utf-8", errors="replace")
    return _TAG.search(head) is None


def is_text_mode(doc: Document) -> bool:
    """Whether ``doc`` gets text-mode extraction: plain text, or "HTML" without a single tag."""
    return doc.media_type != "html" or _plain_in_html_clothing(doc.body)


def plain_text(doc: Document) -> str:
    """The text of a text-mode document, decoded and repaired.

    Raises ``InputError`` for binary content (NUL bytes, a known binary format).
    """
    if isinstance(doc.body, bytes):
        reason = binary_reason(doc.body)
        if reason:
            raise InputError(reason)
        return decode_bytes(doc.body, doc.declared_encoding)
    if "\x00" in doc.body[:8192]:
        raise InputError("binary content (NUL bytes), not HTML or text")
    return repair_text(doc.body)


def extract_document(
    doc: Document, config: Config, template_lines: frozenset[str] = frozenset()
) -> Extraction:
    """Extract one document, merging in the fields its container supplied.

    ``template_lines`` (normalised lines, ``normalise_for_comparison``) are its site's
    template, found across the batch by ``template.find_template_lines``; a text-mode
    document loses them before its header and story lines are read. The default, none,
    extracts the document on its own.

    Raises ``TooLarge`` over ``config.max_bytes``, ``InputError`` for binary
    content and ``NoArticle`` when fewer than ``config.min_words`` words of
    article text remain after cleanup.
    """
    size = _size(doc.body)
    if size > config.max_bytes:
        raise TooLarge(f"{size} bytes is over max_bytes {config.max_bytes}; raise max_bytes to read it")

    stated_outlet = None
    if not is_text_mode(doc):
        result = extract_html(doc.body, url=doc.url, declared_encoding=doc.declared_encoding)
    else:
        result = extract_plain_text(plain_text(doc), template_lines=template_lines)
        # An outlet the text states ("Source: ...", a wire dateline) is the last resort: the
        # container's outlet or the address the copy was found at says who published this copy.
        stated_outlet, result.outlet = result.outlet, None

    fields = doc.fields or {}
    for name in _CONTAINER_WINS:
        value = _field(fields, name)
        if value and name == "published":
            # An unreadable container date ("last Tuesday", "n/a") is no date: the page's own
            # date, if it states one, stands rather than a string no timeline can place.
            value = iso_datetime(value)
        if value:
            setattr(result, name, value)
    for name in _GAP_FILLERS:
        value = _field(fields, name)
        if value and not getattr(result, name):
            setattr(result, name, language_code(value) or value if name == "language" else value)
    if not result.outlet:
        url = doc.url or _field(fields, "url")
        result.outlet = registered_domain(url) if url and "//" in url else None
    if not result.outlet:
        result.outlet = stated_outlet

    words = len(result.text.split())
    if words < config.min_words:
        what = "no article text found" if words == 0 else "too little article text"
        raise NoArticle(f"{what} ({words} words < min_words {config.min_words})")
    return result
