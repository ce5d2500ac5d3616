"""Direct quotations: where they are in an article's text.

Quotation marks in news copy are messy: curly and straight marks, ``''`` as a
closing mark in tokenised text, single quotes inside double ones, and the
newspaper convention that a quotation running over several paragraphs leaves
each paragraph open and reopens the next. ``find_quotes`` pairs marks within a
paragraph; an opening mark left unclosed at the paragraph's end closes there.
Apostrophes ("Obama's", "’90s") are not quotation marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["QuoteSpan", "find_quotes"]

_PARAGRAPH = re.compile(r"[^\n]+")
# Opening and closing double marks; a straight " is decided by its position.
_MARK = re.compile(r"[\u201c\u201d\u201e\u00ab\u00bb\"]|''|``")
_OPEN = {"\u201c", "\u201e", "\u00ab", "``"}
_CLOSE = {"\u201d", "\u00bb", "''"}
#: Shortest quotation kept (characters between the marks).
MIN_CHARS = 2


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    start: int  # offsets of the quoted words, without the marks
    end: int
    text: str
    closed: bool  # False: ran to the end of its paragraph (a multi-paragraph quote)


def _straight_opens(text: str, i: int) -> bool:
    """Whether a straight double quote at ``i`` opens a quotation (space or start before it)."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace() or before in "([{:;,—–-":
        return True
    if after.isspace() or after in ".,;:!?)]}":
        return False
    return not before.isalnum()


def find_quotes(text: str) -> list[QuoteSpan]:
    """Quotations in ``text`` in order, each the words between a pair of marks."""
    out: list[QuoteSpan] = []
    for para in _PARAGRAPH.finditer(text):
        p0, p1 = para.span()
        open_at: int | None = None
        for m in _MARK.finditer(text, p0, p1):
            mark = m.group(0)
            if mark == '"':
                opens = open_at is None and _straight_opens(text, m.start())
                closes = open_at is not None
            else:
                opens = mark in _OPEN and open_at is None
                closes = mark in _CLOSE and open_at is not None
            if closes and open_at is not None:
                _add(out, text, open_at, m.start(), closed=True)
                open_at = None
            elif opens:
                open_at = m.end()
        if open_at is not None:
            _add(out, text, open_at, p1, closed=False)
    return out


def _add(out: list[QuoteSpan], text: str, start: int, end: int, *, closed: bool) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start >= MIN_CHARS and not is_name_or_term(text, start, end):
        out.append(QuoteSpan(start, end, text[start:end], closed))


def is_name_or_term(text: str, start: int, end: int) -> bool:
    """Quotation marks around a title, a nickname or a term, not around someone's words.

    "Tucker Carlson Tonight" (every word capitalised, no closing stop), Adam "Pacman"
    Jones (between a first name and a surname), the so-called "Green Pass" (introduced
    as a name).
    """
    words = text[start:end].split()
    before = text[max(0, start - 40) : start - 1]
    after = text[end + 1 : end + 40]
    if _INTRODUCED.search(before):
        return True
    if len(words) <= 3 and _CAPITALISED_END.search(before) and _CAPITALISED_START.match(after):
        return True  # a nickname inside a name
    content = [w for w in words if w.lower().strip(".,:;!?") not in _SMALL_WORDS]
    return (
        len(content) >= 2
        and all(w[:1].isupper() or not w[:1].isalpha() for w in content)
        and text[end - 1] not in ".?!,"
    )


_INTRODUCED = re.compile(
    r"(?i)\b(?:so[- ]called|dubbed|known as|titled|entitled|marked|nicknamed|labell?ed|the words?|the term)\s*$"
)
_CAPITALISED_END = re.compile(r"\b[A-Z][a-z]+\s$")
_CAPITALISED_START = re.compile(r"^\s*[A-Z][a-z]+\b")
_SMALL_WORDS = frozenset("a an the of and or to in on at for by with from as is be vs".split())
