"""Decide what an input file is: first from its name, then from its first bytes.

Names are trusted when they carry a known extension (``.html``, ``.jsonl.gz``...);
anything else is sniffed, because real piles of downloads have odd names
(``index.php?id=3``, ``page``, ``dump.bak``).
"""

from __future__ import annotations

import codecs
import re
from typing import Literal

#: What a file holds, as far as ingest cares.
Format = Literal["html", "text", "jsonl", "json", "warc", "arc", "feed"]
#: What sniffing the first bytes can say; "xml" is markup that is neither HTML nor a feed.
Sniffed = Literal["html", "text", "feed", "warc", "arc", "gzip", "xml", "binary", "empty"]

GZIP_MAGIC = b"\x1f\x8b"
#: How many leading bytes sniffing looks at.
HEAD_BYTES = 8192

_EXTENSIONS: dict[str, Format] = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".txt": "text",
    ".text": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".warc": "warc",
    ".arc": "arc",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".rdf": "feed",
    ".feed": "feed",
}

# Root elements that make a document HTML (a page or a fragment of one).
_HTML_TAGS = frozenset(
    [
        "html",
        "head",
        "body",
        "p",
        "div",
        "article",
        "section",
        "main",
        "header",
        "footer",
        "nav",
        "aside",
        "span",
        "a",
        "b",
        "i",
        "em",
        "strong",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "title",
        "meta",
        "link",
        "script",
        "style",
        "table",
        "ul",
        "ol",
        "li",
        "br",
        "hr",
        "img",
        "figure",
        "blockquote",
        "pre",
        "form",
        "iframe",
        "noscript",
        "base",
        "center",
        "font",
    ]
)
_FEED_ROOTS = frozenset({"rss", "feed", "rdf:rdf", "rdf", "channel"})

_PROLOG_SKIP = re.compile(
    rb"""\s+                      # whitespace
       | <\?.*?\?>                # XML declaration, processing instructions
       | <!--.*?-->               # comments
       | <!\[CDATA\[.*?\]\]>      # stray CDATA
    """,
    re.DOTALL | re.VERBOSE,
)
_DOCTYPE = re.compile(rb"<!doctype\s+([^\s>\[]+)[^>\[]*(\[.*?\]\s*)?>", re.DOTALL | re.IGNORECASE)
_ROOT = re.compile(rb"<([a-z][a-z0-9_.:-]*)", re.IGNORECASE)


def classify_name(name: str) -> tuple[Format | None, bool]:
    """The format a file name promises and whether it is gzipped.

    ``("html", True)`` for ``page.html.gz``; ``(None, False)`` when the name says
    nothing useful and the content must be sniffed.
    """
    low = name.lower()
    gz = low.endswith(".gz")
    if gz:
        low = low[:-3]
    dot = low.rfind(".")
    if dot <= 0:  # no extension, or a hidden file's leading dot only
        return None, gz
    return _EXTENSIONS.get(low[dot:]), gz


def root_element(head: bytes) -> tuple[str | None, str | None]:
    """The doctype name and root element name of a markup document, lowercased.

    Skips the XML declaration, comments and a doctype (with or without an internal
    subset). Either value is ``None`` when absent; the root is ``None`` when the
    head does not start with markup at all.
    """
    pos = 0
    doctype: str | None = None
    n = len(head)
    while pos < n:
        m = _PROLOG_SKIP.match(head, pos)
        if m:
            pos = m.end()
            continue
        m = _DOCTYPE.match(head, pos)
        if m:
            doctype = m.group(1).decode("latin-1").lower()
            pos = m.end()
            continue
        break
    m = _ROOT.match(head, pos)
    root = m.group(1).decode("latin-1").lower() if m else None
    return doctype, root


def _strip_bom(head: bytes) -> bytes:
    if head.startswith(codecs.BOM_UTF8):
        return head[3:]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # UTF-16 markup: the ASCII-range structure survives dropping the NULs,
        # which is all sniffing needs (extraction does the real decoding).
        return head[2:].replace(b"\x00", b"")
    return head


def is_utf8_text(head: bytes, complete: bool) -> bool:
    """True when ``head`` is valid UTF-8 without NUL bytes.

    ``complete`` says whether ``head`` is the whole file; if not, a multi-byte
    character cut off at the end is fine.
    """
    if b"\x00" in head:
        return False
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head, final=complete)
    except UnicodeDecodeError:
        return False
    return True


def sniff(head: bytes, complete: bool = False) -> Sniffed:
    """Classify content from its first bytes (``HEAD_BYTES`` is plenty)."""
    if not head:
        return "empty"
    if head.startswith(GZIP_MAGIC):
        return "gzip"
    body = _strip_bom(head)
    stripped = body.lstrip()
    if not stripped:
        return "empty"
    if stripped.startswith(b"WARC/"):
        return "warc"
    if stripped.startswith(b"filedesc://"):
        return "arc"
    if stripped.startswith(b"<"):
        doctype, root = root_element(stripped)
        if doctype == "html" or root in _HTML_TAGS:
            return "html"
        if root in _FEED_ROOTS or doctype in _FEED_ROOTS:
            return "feed"
        if root is not None:
            return "xml"
    if is_utf8_text(body, complete):
        return "text"
    return "binary"


def describe_head(head: bytes) -> str:
    """A short, printable hint of a binary file's first bytes for a problem message."""
    known = {
        b"\x89PNG": "PNG image",
        b"\xff\xd8\xff": "JPEG image",
        b"GIF8": "GIF image",
        b"%PDF": "PDF document",
        b"PK\x03\x04": "ZIP archive (also docx/xlsx/epub)",
        b"\x7fELF": "ELF executable",
        b"SQLite format 3": "SQLite database",
        b"RIFF": "RIFF media (WebP/WAV/AVI)",
        b"\x28\xb5\x2f\xfd": "zstd archive",
        b"BZh": "bzip2 archive",
        b"\xfd7zXZ": "xz archive",
    }
    for magic, label in known.items():
        if head.startswith(magic):
            return label
    return "starts with bytes " + head[:8].hex(" ")
