"""Text normalisation for comparison, and the content-derived article id.

Two copies of one story rarely match byte for byte: outlets swap straight and
curly quotes, hyphens and dashes, non-breaking spaces, ``1,200`` and ``1 200``.
``normalise_for_comparison`` folds all of those so that ids (and, later, copy
detection) see the same text. It is for comparing only, never for display.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import ftfy

_FTFY_CONFIG = ftfy.TextFixerConfig(unescape_html=False, explain=False)

_QUOTES = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u2035\u0060\u00b4\u02bc\u02bb\uff07", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb\u2039\u203a\uff02", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d", "-"),
        # Soft hyphen, zero-width characters and the BOM carry no visible text.
        **dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff", ""),
    }
)

_WHITESPACE = re.compile(r"\s+")

# Digit groups of three with one repeated separator: 1 200, 1,200, 1.200, 12,345,678.
# Thousands only: "3.14" (not three digits after the dot) is left alone.
_THOUSANDS = re.compile(r"(?<![\d])(\d{1,3})((?:([ ,.'])\d{3})(?:\3\d{3})*)(?![\d])")


def _join_thousands(m: re.Match[str]) -> str:
    return m.group(1) + m.group(2).replace(m.group(3), "")


def _normalise_once(text: str) -> str:
    text = ftfy.fix_text(text, config=_FTFY_CONFIG)
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_QUOTES)
    text = text.casefold()
    text = unicodedata.normalize("NFKC", text)
    text = _WHITESPACE.sub(" ", text).strip()
    return _THOUSANDS.sub(_join_thousands, text)


# Non-ASCII punctuation that ftfy leaves alone and NFKC/_QUOTES fold to ASCII: text with
# no other non-ASCII character (most English news) can skip ftfy, which costs ~1.7 ms an
# article. The fold is the same one the full path ends up applying.
_FAST_FOLD = {
    **_QUOTES,
    **{ord(c): " " for c in "\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"},
    ord("\u2026"): "...",
}
# (\x0b is not safe: ftfy deletes it.)
_FAST_SAFE = re.compile("[^\t\n\x0c\r\x20-\x7e" + "".join(chr(c) for c in _FAST_FOLD) + "]")
_NUMBER_SPAN = re.compile(r"\d[\d ,.']*\d")


def normalise_for_comparison(text: str) -> str:
    """Fold ``text`` to a canonical comparison form (idempotent).

    NFKC, ftfy repairs, one kind of quote, apostrophe and dash, casefolded,
    whitespace collapsed to single spaces, thousands separators removed.
    Text of printable ASCII plus common punctuation takes a fast path that
    gives the same result without ftfy (tests check the two agree).
    """
    if not _FAST_SAFE.search(text):
        return _fast_normalise(text)
    return _full_normalise(text)


def _fast_normalise(text: str) -> str:
    # On such text ftfy changes nothing, NFKC and the quote table only fold the
    # punctuation to ASCII, and casefold is lower(); what is left is whitespace
    # and thousands separators.
    if not text.isascii() or "`" in text:  # the backtick is the one ASCII key of the fold
        text = text.translate(_FAST_FOLD)
    # str.split() splits on exactly the whitespace \s+ matches in this character set.
    text = " ".join(text.lower().split())
    # One pass is a fixed point: removing separators only lengthens digit runs, which
    # can only stop the thousands pattern from matching. Running it span by span
    # (a span never starts or ends next to a digit) is the same substitution, faster.
    return _NUMBER_SPAN.sub(_fold_span, text)


def _fold_span(m: re.Match[str]) -> str:
    return _THOUSANDS.sub(_join_thousands, m.group())


def _full_normalise(text: str) -> str:
    # The steps can expose work for one another (casefolding can produce a
    # character NFKC changes), so they run to a fixed point; two rounds almost always do.
    for _ in range(4):
        out = _normalise_once(text)
        if out == text:
            break
        text = out
    return text


def article_id(text: str) -> str:
    """A stable 16-hex-digit id for an article's text.

    Texts that differ only in whitespace, quote style, dash style, case or
    thousands separators get the same id.
    """
    return hashlib.sha256(normalise_for_comparison(text).encode("utf-8")).hexdigest()[:16]
