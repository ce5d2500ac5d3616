"""Bytes to text: find the right charset, then repair mojibake.

Order of evidence, strongest first: a byte-order mark, the charset the transport
declared (HTTP/WARC header), a ``<meta charset>`` in the page, strict UTF-8,
windows-1252 when it reads like Western text, then charset-normalizer's guess.
Whatever wins, ftfy repairs text that was already mis-decoded upstream
(``CafÃ©`` -> ``Café``). Decoding never fails on garbage: the last resort
replaces undecodable bytes. Spotting binary input is separate
(``binary_reason``) so callers decide what to do with it.
"""

from __future__ import annotations

import codecs
import re

import ftfy
from charset_normalizer import from_bytes

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# <meta charset="x"> and <meta http-equiv="Content-Type" content="text/html; charset=x">
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:\-]{1,40})""", re.IGNORECASE
)

# Signatures of common binary formats that can lack NUL bytes near the start.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG", "PNG image"),
    (b"GIF8", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ", "xz data"),
)

# ftfy's default fixes, minus the ones that would change legitimate text: we keep
# curly quotes, ligatures, full-width forms and HTML entities as the page had them.
_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    uncurl_quotes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    normalization=None,
    explain=False,
)


def _codec(name: str | None) -> str | None:
    """Python's codec for a charset label, or None if unknown.

    Browsers treat latin-1 and ascii labels as windows-1252; so do we, since
    real pages labelled latin-1 routinely contain cp1252 quotes and dashes.
    """
    if not name:
        return None
    try:
        canonical = codecs.lookup(name.strip().strip("\"'").lower()).name
    except LookupError:
        return None
    if canonical in {"latin-1", "iso8859-1", "ascii"}:
        return "cp1252"
    if canonical in {"shift_jis", "cp932"}:
        return "cp932"  # the superset every real shift_jis page needs
    return canonical


def _try(data: bytes, codec: str | None) -> str | None:
    if codec is None:
        return None
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def sniff_meta_charset(data: bytes) -> str | None:
    """The charset a ``<meta>`` tag declares in the first 4 KiB, if any."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "replace") if m else None


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` looks binary rather than HTML or text, or None if it does not.

    NUL bytes never occur in real HTML or text in 8-bit encodings or UTF-8; UTF-16
    and UTF-32 (which are full of them) are accepted only with a byte-order mark.
    """
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return None
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return f"binary content ({what}), not HTML or text"
    if b"\x00" in head:
        return "binary content (NUL bytes), not HTML or text"
    return None


# What UTF-8 read as latin-1/windows-1252 looks like: a lead byte shown as Â..ô
# followed by a continuation byte shown as a C1 control, Latin-1 symbol or one of
# cp1252's extra characters. Plus C1 controls and lone surrogates on their own.
_SUSPECT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
    "|[\u0080-\u009f\ud800-\udfff]"
)


def repair_text(text: str) -> str:
    """Fix mojibake, C1 controls and lone surrogates with ftfy, keeping the rest as is.

    ftfy's full pass (and even its own quick test) takes seconds on a megabyte
    of HTML, so only the lines a cheap pattern flags as suspect go through it;
    ftfy works line by line anyway, so the result is the same for mojibake.
    """
    if text.isascii() or not _SUSPECT.search(text):
        return text
    lines = text.splitlines(keepends=True)
    return "".join(ftfy.fix_text(ln, config=_FTFY_CONFIG) if _SUSPECT.search(ln) else ln for ln in lines)


_WESTERN_EXTRA = set(
    "\u00a0\u201c\u201d\u2018\u2019\u2013\u2014\u2026\u20ac\u2022\u2122\u00ab\u00bb\u00b0\u00a3\u00a7\u00a9\u00ae\u00b4"
)
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]{4,}")


def _plausible_western(text: str) -> bool:
    """True if ``text`` (decoded as windows-1252) reads like a Western European language.

    charset-normalizer often mistakes short French or German text for cp1250 or
    a Mac code page; browsers default to windows-1252 instead, and so do we when
    every non-ASCII character is an accented Latin letter or common typography,
    isolated between ASCII letters (CJK bytes read as cp1252 give long runs).
    """
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii:
        return True
    if _NON_ASCII_RUN.search(text):
        return False
    if len(non_ascii) > 0.15 * sum(c.isalpha() for c in text):
        return False
    return all(
        ("\u00c0" <= c <= "\u00ff" and c not in "\u00d7\u00f7") or c in _WESTERN_EXTRA for c in non_ascii
    )


def decode_bytes(data: bytes, declared_encoding: str | None = None) -> str:
    """Decode ``data`` to text as a browser would, then repair mojibake.

    Never raises on undecodable input: the final fallback is windows-1252 with
    replacement characters.
    """
    text: str | None = None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(codec, errors="replace")
            break
    if text is None:
        text = _try(data, _codec(declared_encoding))
    if text is None:
        text = _try(data, _codec(sniff_meta_charset(data)))
    if text is None:
        text = _try(data, "utf-8")
    if text is None:
        western = _try(data, "cp1252")
        text = western if western is not None and _plausible_western(western) else None
    if text is None:
        best = from_bytes(data[:200_000]).best()
        text = _try(data, _codec(best.encoding)) if best is not None else None
    if text is None:
        text = data.decode("cp1252", errors="replace")
    return repair_text(text)
