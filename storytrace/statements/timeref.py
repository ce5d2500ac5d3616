"""When a figure's time reference is, as dates: "on Thursday" in a Friday paper is yesterday.

A figure's ``time`` is its words ("on Thursday", "last month", "since October 7", "in
2004"). Two reports' "on Thursday" are one day only if they were published in the same
week; "Friday" in a Friday report and "yesterday" in a Saturday one are the same day.
``resolve`` turns the words into a closed range of days against the date the article
was published (news tells past events: a bare weekday is the latest such day on or
before it):

- weekdays ("Thursday", "on Thursday night", "last Friday"), "today", "yesterday",
  "tonight", "this morning", "last night";
- "this week" / "last week", "this month" / "last month", "this year" / "last year";
- a year ("in 2004", "2012"), a month with or without a year ("in March", "March
  2019"), a day of a month ("October 7", "7 October", "Oct. 7, 2023");
- "since ..." of any of those: a running count from that day (``TimeRef.since``).

Anything else ("next year", "recently") is None: unknown, never a match or a clash.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["TimeRef", "resolve"]

_WEEKDAYS = {d.casefold(): i for i, d in enumerate(calendar.day_name)}
_MONTHS = {m.casefold(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.casefold(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_MONTH_RE = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
_DAY_OF_MONTH = re.compile(
    rf"(?i)\b(?:(?P<m1>{_MONTH_RE})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>\d{{4}}))?"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH_RE})\.?(?:,?\s+(?P<y2>\d{{4}}))?)\b"
)
_MONTH_YEAR = re.compile(rf"(?i)\b(?P<m>{_MONTH_RE})\.?(?:\s+(?:of\s+)?(?P<y>\d{{4}}))?\b")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_WEEKDAY = re.compile(r"(?i)\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")


@dataclass(frozen=True, slots=True)
class TimeRef:
    """A closed range of days a time reference means, and whether it counts since then."""

    first: date
    last: date
    since: bool = False

    def overlaps(self, other: TimeRef) -> bool:
        return self.first <= other.last and other.first <= self.last


def _month_span(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def resolve(words: str | None, published: str | None) -> TimeRef | None:
    """The days ``words`` mean for an article published on ``published`` (ISO date or
    datetime; its first ten characters are read), or None when unknown."""
    if not words:
        return None
    text = " ".join(words.split()).casefold()
    since = text.startswith("since ")
    anchor: date | None = None
    if published:
        try:
            anchor = date.fromisoformat(published[:10])
        except ValueError:
            anchor = None
    span = _absolute(text, anchor) or (_relative(text, anchor) if anchor is not None else None)
    if span is None:
        return None
    return TimeRef(span[0], span[1], since)


def _absolute(text: str, anchor: date | None) -> tuple[date, date] | None:
    if m := _DAY_OF_MONTH.search(text):
        month = _MONTHS[(m.group("m1") or m.group("m2")).casefold().rstrip(".")]
        day = int(m.group("d1") or m.group("d2"))
        year_s = m.group("y1") or m.group("y2")
        year = int(year_s) if year_s else (anchor.year if anchor else None)
        if year is None or not 1 <= day <= calendar.monthrange(year, month)[1]:
            return None
        when = date(year, month, day)
        if not year_s and anchor is not None and when > anchor:
            # "October 7" in a March paper is last October.
            if day > calendar.monthrange(year - 1, month)[1]:
                return None
            when = date(year - 1, month, day)
        return when, when
    if (m := _MONTH_YEAR.search(text)) and not _WEEKDAY.search(text):
        name = m.group("m").casefold().rstrip(".")
        # "may" and "march" are also words; only read them after "in", "since" or with a year.
        if m.group("y") or re.search(rf"\b(?:in|since|of|early|late|mid-?)\s+{re.escape(m.group('m').casefold())}", text):
            month = _MONTHS[name]
            if m.group("y"):
                return _month_span(int(m.group("y")), month)
            if anchor is not None:
                year = anchor.year if month <= anchor.month else anchor.year - 1
                return _month_span(year, month)
    if m := _YEAR.search(text):
        year = int(m.group(1))
        return date(year, 1, 1), date(year, 12, 31)
    return None


def _relative(text: str, anchor: date) -> tuple[date, date] | None:
    if re.search(r"\b(today|tonight|this morning|this afternoon|this evening)\b", text):
        return anchor, anchor
    if re.search(r"\b(yesterday|last night)\b", text):
        day = anchor - timedelta(days=1)
        return day, day
    if m := _WEEKDAY.search(text):
        target = _WEEKDAYS[m.group(1).casefold()]
        back = (anchor.weekday() - target) % 7
        if re.search(rf"\blast\s+{m.group(1).casefold()}\b", text) and back == 0:
            back = 7
        day = anchor - timedelta(days=back)
        return day, day
    if re.search(r"\bthis week\b", text):
        start = anchor - timedelta(days=anchor.weekday())
        return start, anchor
    if re.search(r"\blast week\b", text):
        start = anchor - timedelta(days=anchor.weekday() + 7)
        return start, start + timedelta(days=6)
    if re.search(r"\bthis month\b", text):
        return date(anchor.year, anchor.month, 1), anchor
    if re.search(r"\blast month\b", text):
        year, month = (anchor.year, anchor.month - 1) if anchor.month > 1 else (anchor.year - 1, 12)
        return _month_span(year, month)
    if re.search(r"\bthis year\b", text):
        return date(anchor.year, 1, 1), anchor
    if re.search(r"\blast year\b", text):
        return date(anchor.year - 1, 1, 1), date(anchor.year - 1, 12, 31)
    return None
