"""The title, date, author and outlet a plain text states about itself, and the lines that state them.

Plain text (``.txt`` files, JSONL ``text`` fields, feed content without markup,
pasted or scraped pages) has no markup to declare its metadata, but its top
often says it in words: a headline line, "By Jane Doe", "Published: April 14,
2025", "Source: Reuters", a wire dateline "CAIRO, April 14 (Reuters) -", a
scraper's "Title: ..." and "URL: ..." labels. ``read_text_header`` reads those
and says which lines are metadata (to drop) or open with a metadata prefix (to
rewrite); a field the text does not state stays None, never guessed.

Precision comes first. Every rule matches a whole line (or a labelled prefix
followed by a new sentence) of a strict shape, so a line of running prose is
never read, dropped or rewritten: "By the time the rescuers arrived, ..." is not
a byline, "Updated guidance was issued ..." is not a date line. Where a line
sits is checked too: the header is looked for in the first ``HEAD_LINES`` lines
(a dateline only on the first prose line), and "Published/Updated" lines,
origin notes and wire credits also in the last ``TAIL_LINES`` lines. Lines that
are only credible as header lines count only above the article's first prose
line: a bare date ("April 15, 2025" inside an article is a heading), a bare URL,
and "Source:"/"via" labels ("Source: ..." under a chart credits the chart). A
line longer than 250 characters is never a metadata line (it may still open
with a labelled date prefix).

A line that is metadata but states nothing certain is still dropped, with the
field left empty: "Published: 05/04/2025", "Published April 14", "Published 3
hours ago", "5 min read", "By Staff Reporter", "Source: https://...".

Decisions, in one place:

- Dates: a date without a year is not a date ("April 14" in a dateline gives
  none). Numeric dates are read only when unambiguous: "2025/04/14", or
  "14/04/2025" and "04/14/2025" where one part is over 12; "05/04/2025" is left
  unread (its line is still metadata and dropped). A stated weekday that does
  not match the date makes the date unread. A clock time is kept only with a
  zone that fixes it ("Z", "+01:00", "BST", "EDT", "ET" via America/New_York);
  without one, or with an ambiguous one ("CST", "IST"), only the date is kept,
  because the rest of storytrace reads a naive time as UTC and a local clock
  time would be hours off.
- Which date is ``published``: an explicit published label (Date, Published,
  Posted, First published, Originally published on) beats a bare date line at
  the top, which beats a dated wire dateline, which beats an Updated/Last
  updated/Modified label. So when only "Updated ..." is stated, it is used: the
  text states no earlier date, and the update time is an upper bound on
  publication. Within one kind, the first stated wins.
- Outlet: only from what the text says: an explicit label ("Source:",
  "Outlet:", "Publisher:", "via X", "Originally published in X", "This article
  originally appeared on X", "republished from X"), then a known news agency
  credited in the byline ("By Jane Doe, Reuters", "By AFP"), then the agency or
  press-release wire of a dateline ("(Reuters)", "/PRNewswire/"): a pasted wire
  story's outlet is the agency that filed it. Never from a random capitalised
  line or a title suffix. An origin note names the outlet whose text this is,
  even when the copy at hand was republished elsewhere.
- Author: "Author:" label, then the byline, then the "Reporting by ..." names of
  a wire credit line. Several names are joined with ", " (as JSON-LD authors are
  elsewhere); an all-capitals byline is title-cased; at most eight words.
- Title: "Title:"/"Headline:" label, else a first line shaped like a headline
  (2-25 words, no closing full stop, not a date, byline, "By ..." line or menu
  word) that is followed by prose or by a metadata line; a short line followed
  by another short line ("BBC News", then the headline) gives no title. Its repeated copies at the top (title
  tag, h1, og:title, possibly with a " | Site" suffix) are all dropped and the
  shortest form is the title.
- A dateline stays in the article text: article bodies include it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import parser as dateutil_parser

from .cleanup import is_boilerplate
from .metadata import iso_datetime
from .normalise import normalise_for_comparison

#: How many lines from the top the header is looked for in.
HEAD_LINES = 12
#: How many lines from the end "Published/Updated" lines and credits are looked for in.
TAIL_LINES = 3

_MAX_AUTHOR_WORDS = 8
_MAX_TITLE_WORDS = 25
_MAX_META_CHARS = 250  # a metadata line (labels, byline, date line, credits) is shorter than this


@dataclass(frozen=True, slots=True)
class TextHeader:
    """What a plain text states about itself, and the lines it states it on."""

    title: str | None
    published: str | None  # ISO 8601 date or datetime (with offset; see module notes)
    author: str | None
    outlet: str | None
    drop: frozenset[int]  # indices of lines that are metadata, not article text
    rewrite: dict[int, str]  # indices of lines whose metadata prefix was removed -> the remaining text


# --------------------------------------------------------------------------- dates

_WEEKDAY = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\b\.?"
)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_AMPM = r"[ap]\.?\s?m\b\.?"
_CLOCK = rf"(?:(?:[01]?\d|2[0-3])(?:[:.][0-5]\d){{1,2}}(?:\s*{_AMPM})?|(?:1[0-2]|0?[1-9])\s*{_AMPM})"

# Zones that fix a clock time: fixed offsets in minutes, and the US generic zones by region.
_ZONE_OFFSETS = {
    "Z": 0, "UTC": 0, "GMT": 0, "UT": 0, "WET": 0, "BST": 60, "WEST": 60, "CET": 60, "WAT": 60,
    "CEST": 120, "EET": 120, "SAST": 120, "EEST": 180, "MSK": 180, "EAT": 180, "PKT": 300,
    "ICT": 420, "WIB": 420, "HKT": 480, "SGT": 480, "AWST": 480, "JST": 540, "KST": 540,
    "AEST": 600, "AEDT": 660, "NZST": 720, "NZDT": 780, "EST": -300, "EDT": -240, "CDT": -300,
    "MST": -420, "MDT": -360, "PST": -480, "PDT": -420, "AKST": -540, "AKDT": -480, "HST": -600,
}  # fmt: skip
_ZONE_REGIONS = {
    "ET": "America/New_York",
    "CT": "America/Chicago",
    "MT": "America/Denver",
    "PT": "America/Los_Angeles",
}
# Zones too ambiguous to fix a time (US Central or China; Irish, Israel or India; ...): the date is still read.
_ZONE_AMBIGUOUS = ("CST", "IST", "AST", "ADT", "SST")
_ZONE_NAMES = sorted([*_ZONE_OFFSETS, *_ZONE_REGIONS, *_ZONE_AMBIGUOUS], key=len, reverse=True)
_ZONE = r"(?-i:(?:UTC|GMT)\s?[+-]\d{1,2}(?::?\d\d)?|[+-]\d\d:?\d\d|" + "|".join(_ZONE_NAMES) + r")(?![\w+-])"
_TIME = rf"{_CLOCK}(?:\s*{_ZONE})?"
_WD = rf"(?:{_WEEKDAY},?\s+)"
_CALENDAR = (
    rf"(?:{_MONTH}\s+{_DAY},?\s+{_YEAR}|{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}"
    r"|\d{1,2}[/.]\d{1,2}[/.](?:19|20)\d\d|(?:19|20)\d\d/\d{1,2}/\d{1,2})"
)
_ISO = r"\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?"
_ISO_ZONED = rf"\d{{4}}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d)?\s*{_ZONE}"
#: A date with its year, optionally with a weekday, a time and a zone (either order).
DATE_SPAN = (
    rf"(?:{_ISO_ZONED}|{_ISO}(?!\d)|{_WD}?{_CALENDAR}(?:(?:,|\s+at|\s*[-–—|·•]|\s*,?\s*{_WEEKDAY})?\s+{_TIME})?"
    rf"|{_TIME},?\s+{_WD}?{_CALENDAR})(?![\w/])"
)

# A month and day without a year: a metadata line may state one, but it is no date (never guessed).
_YEARLESS = rf"{_WD}?(?:{_MONTH}\s+{_DAY}|{_DAY}\s+(?:of\s+)?{_MONTH})(?!,?\s*(?:19|20)\d\d)(?:,?\s+{_TIME})?(?![\w/])"
_STATED = rf"(?:{DATE_SPAN}|{_YEARLESS})"

_PUBLISHED_LABEL = (
    r"(?:date|dated|published(?:\s+(?:on|at|date))?|first\s+published(?:\s+(?:on|at))?|"
    r"originally\s+published(?:\s+(?:on|at))?|posted(?:\s+(?:on|at))?|publication\s+date|"
    r"pub(?:lished)?\.?\s+date|release\s+date)"
)
_UPDATED_LABEL = r"(?:(?:last\s+)?(?:updated|modified)(?:\s+(?:on|at|date))?)"
_LABEL_SEP = r"\s*(?::|-|–|—|\|)?\s*"

_SEGMENT_SPLIT = re.compile(r"\s+[|·•]\s+|\s*[|·•]\s*$|^\s*[|·•]\s*")
_LABELLED_DATE = re.compile(
    rf"^(?:(?P<pub>{_PUBLISHED_LABEL})|(?P<upd>{_UPDATED_LABEL})){_LABEL_SEP}(?P<date>{_STATED})[\s.,;]*$",
    re.IGNORECASE,
)
_POSTED_BY = re.compile(r"^(?P<when>.+?)\s+by\s+(?P<who>[^\d]+)$", re.IGNORECASE)
_BARE_DATE = re.compile(rf"^(?P<date>{_STATED})[\s.,;]*$", re.IGNORECASE)
_RELATIVE = re.compile(
    rf"^(?:(?:{_PUBLISHED_LABEL}|{_UPDATED_LABEL}){_LABEL_SEP})?"
    r"(?:\d{1,2}|an?|one)\s+(?:sec(?:ond)?s?|min(?:ute)?s?|hours?|hrs?|days?|weeks?|months?)\s+ago\.?$|"
    r"^(?:\d{1,2})\s*(?:-\s*)?min(?:ute)?s?\.?\s+read$",
    re.IGNORECASE,
)
# A labelled date glued to the first sentence: "date 2025-04-14 The latest round ...".
_DATE_PREFIX = re.compile(
    rf"^(?:(?P<pub>{_PUBLISHED_LABEL})|(?P<upd>{_UPDATED_LABEL})){_LABEL_SEP}(?P<date>{_STATED})"
    r"\s*(?:[-–—|:]\s*)?(?P<rest>(?-i:[\"“‘'(]?[A-Z]).*)$",
    re.IGNORECASE,
)
_WEEKDAY_AT = re.compile(rf"(?:^|,\s*|\s+){_WEEKDAY},?(?=\s|$)", re.IGNORECASE)
_CLOCK_AT = re.compile(
    rf"(?<![\d/.:-])(?P<clock>{_CLOCK})(?![\d/:]|\.\d)(?:\s*(?P<zone>{_ZONE}))?", re.IGNORECASE
)
_NUMERIC = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$|^(\d{4})/(\d{1,2})/(\d{1,2})$")
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _zone(name: str, when: datetime) -> tzinfo | None:
    """The tzinfo a zone token fixes at ``when``, or None when it fixes nothing."""
    token = name.replace(" ", "")
    if token in _ZONE_OFFSETS:
        return timezone(timedelta(minutes=_ZONE_OFFSETS[token]))
    if token in _ZONE_REGIONS:
        try:
            return ZoneInfo(_ZONE_REGIONS[token])
        except ZoneInfoNotFoundError:  # no tz database on this machine: keep the date only
            return None
    m = re.fullmatch(r"(?:UTC|GMT)?([+-])(\d{1,2}):?(\d\d)?", token)
    if m:
        minutes = int(m.group(2)) * 60 + int(m.group(3) or 0)
        if minutes <= 14 * 60:
            return timezone(timedelta(minutes=minutes if m.group(1) == "+" else -minutes))
    return None


def parse_stated_date(span: str) -> str | None:
    """A date as a text writes it (``DATE_SPAN``) as ISO 8601, or None when it is not certain.

    "April 14, 2025" -> "2025-04-14"; "Mon 14 April 2025 09.12 BST" ->
    "2025-04-14T09:12:00+01:00"; "05/04/2025" (day and month ambiguous) -> None.
    See the module notes for what is kept of times and zones.
    """
    s = " ".join(span.split()).strip(" ,.;")
    if re.fullmatch(_ISO, s):
        value = iso_datetime(s)
        if value and "T" in value and not re.search(r"(?:[+-]\d\d:\d\d|Z)$", value):
            return value[:10]  # a clock time without a zone
        return value
    numeric = _NUMERIC.match(s)
    if numeric:
        return _numeric_date(numeric)
    if not re.search(r"(?<!\d)(?:19|20)\d\d(?!\d)", s):
        return None  # no year: "April 14" is not a date

    weekday = None
    m = _WEEKDAY_AT.search(s)
    if m:
        weekday = m.group().strip(" ,.").casefold()[:3]
        s = (s[: m.start()] + " " + s[m.end() :]).strip(" ,")
    clock = zone = None
    m = _CLOCK_AT.search(s)
    if m:
        clock, zone = m.group("clock"), m.group("zone")
        s = (s[: m.start()] + " " + s[m.end() :]).strip(" ,")
    s = re.sub(r"\s+(?:at|-|–|—|\||·|•)$", "", s).strip(" ,")
    numeric = _NUMERIC.match(s)
    try:
        if numeric:
            day = _numeric_date(numeric)
            if day is None:
                return None
            parsed = datetime.fromisoformat(day)
        else:
            parsed = dateutil_parser.parse(s, fuzzy=False, default=datetime(1900, 1, 1))
    except (ValueError, OverflowError):
        return None
    if not 1990 <= parsed.year <= 2100:
        return None
    if weekday and _WEEKDAYS[parsed.weekday()] != weekday:
        return None  # a stated weekday that does not fit the date: a typo somewhere, read nothing
    if clock and zone:
        hour, minute = _clock(clock)
        if hour is not None:
            when = parsed.replace(hour=hour, minute=minute)
            tz = _zone(zone, when)
            if tz is not None:
                return when.replace(tzinfo=tz).isoformat()
    return parsed.date().isoformat()


def _numeric_date(m: re.Match[str]) -> str | None:
    if m.group(4):  # year first: always year/month/day
        year, month, day = int(m.group(4)), int(m.group(5)), int(m.group(6))
    else:
        a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if a > 12 >= b:
            day, month = a, b
        elif b > 12 >= a:
            month, day = a, b
        else:
            return None  # 05/04/2025: 5 April or May 4, the text does not say
    try:
        value = date(year, month, day)
    except ValueError:
        return None
    return value.isoformat() if 1990 <= year <= 2100 else None


def _clock(text: str) -> tuple[int | None, int]:
    m = re.match(r"(\d{1,2})(?:[:.](\d\d))?(?:[:.]\d\d)?\s*(?:([ap])\.?\s?m\.?)?", text, re.IGNORECASE)
    if not m:
        return None, 0
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    half = (m.group(3) or "").casefold()
    if half:
        if not 1 <= hour <= 12:
            return None, 0
        hour = hour % 12 + (12 if half == "p" else 0)
    return (hour, minute) if hour < 24 and minute < 60 else (None, 0)


# --------------------------------------------------------------------------- names and outlets

_AGENCIES = {
    name.casefold(): canonical
    for canonical, names in (
        ("Reuters", ("Reuters", "Thomson Reuters")),
        ("AP", ("AP", "Associated Press", "The Associated Press")),
        ("AFP", ("AFP", "Agence France-Presse", "Agence France Presse")),
        ("Bloomberg", ("Bloomberg", "Bloomberg News")),
        ("dpa", ("dpa", "Deutsche Presse-Agentur")),
        ("UPI", ("UPI", "United Press International")),
        ("Xinhua", ("Xinhua",)),
        ("ANSA", ("ANSA",)),
        ("EFE", ("EFE", "Agencia EFE")),
        ("Kyodo", ("Kyodo", "Kyodo News")),
        ("Yonhap", ("Yonhap",)),
        ("TASS", ("TASS",)),
        ("PTI", ("PTI",)),
        ("IANS", ("IANS",)),
        ("ANI", ("ANI",)),
        ("AAP", ("AAP", "Australian Associated Press")),
        ("The Canadian Press", ("CP", "The Canadian Press", "Canadian Press")),
        ("PA Media", ("PA", "PA Media", "Press Association")),
        ("Anadolu", ("Anadolu", "Anadolu Agency")),
        ("CNN", ("CNN",)),
        ("PR Newswire", ("PRNewswire", "PR Newswire")),
        ("Business Wire", ("Business Wire", "BUSINESS WIRE")),
        ("GlobeNewswire", ("GLOBE NEWSWIRE", "GlobeNewswire")),
        ("ACCESSWIRE", ("ACCESSWIRE", "ACCESS Newswire")),
        ("EIN Presswire", ("EINPresswire.com", "EIN Presswire")),
        ("CNW", ("CNW", "Canada Newswire")),
    )
    for name in names
}

_PARTICLES = frozenset("de da di du del della der den van von ter ten le la al el bin ibn y dos das".split())
_NAME_TOKEN = re.compile(r"^(?:[A-Z]\.)+$|^[^\W\d_][\w'’.\-]*$")
# Words that make a comma piece of a byline a job title or an organisation rather than a person.
_ROLE_WORDS = frozenset(
    """writer writers reporter reporters correspondent correspondents editor editors contributor
    contributors columnist journalist journalists analyst producer staff bureau chief desk team
    newsroom intern freelance photographer photographers""".split()
)
_ORG_WORDS = frozenset(
    """times news post press journal herald tribune daily agency service media group network radio tv
    television magazine gazette review associated wire online inc ltd university institute
    foundation company corp party government guardian telegraph observer star sun mail chronicle
    courier today weekly""".split()
)


def _name_case(name: str) -> str:
    letters = [c for c in name if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 3:
        return " ".join(w if w.casefold() in _PARTICLES else w.title() for w in name.split())
    return name


def _person(text: str) -> str | None:
    """``text`` as one person's name (2-5 capitalised words, particles allowed), else None."""
    words = text.strip(" ,;:.-–—").split()
    if not 2 <= len(words) <= 5 or any(c.isdigit() for c in text):
        return None
    for i, w in enumerate(words):
        if w.casefold() in _PARTICLES and 0 < i < len(words) - 1:
            continue
        if not _NAME_TOKEN.match(w) or not w[0].isupper():
            return None
    if {w.casefold().strip(".") for w in words} & (_ORG_WORDS | _ROLE_WORDS):
        return None
    return _name_case(" ".join(words))


def _people(text: str) -> list[str] | None:
    """The names in "Jane Doe, John Roe and Ann Poe", or None when any part is not a name."""
    parts = [p for p in re.split(r"\s*,\s*|\s+(?:and|&)\s+", text.strip()) if p]
    names = [_person(p) for p in parts]
    if not names or any(n is None for n in names):
        return None
    return [n for n in names if n]


def _authors(names: list[str]) -> str | None:
    """Names joined with ", ", as many as fit in the word limit."""
    kept: list[str] = []
    for name in dict.fromkeys(names):
        if sum(len(n.split()) for n in kept) + len(name.split()) > _MAX_AUTHOR_WORDS:
            break
        kept.append(name)
    return ", ".join(kept) or None


def _agency(text: str) -> str | None:
    return _AGENCIES.get(" ".join(text.split()).strip(" .").casefold())


def _is_role(text: str) -> bool:
    words = [w.casefold().strip(".,") for w in text.split()]
    return 0 < len(words) <= 6 and (bool(set(words) & _ROLE_WORDS) or words[:2] == ["special", "to"])


def _titled_phrase(text: str, max_words: int = 6) -> bool:
    """A short name-like phrase: capitalised words, small connectors, no digits, no sentence."""
    words = text.split()
    if not 1 <= len(words) <= max_words or any(c.isdigit() for c in text):
        return False
    small = {"of", "the", "and", "&", "for", "de", "la", "el", "du", "des", "in", "on", "at"}
    return words[0][0].isupper() and all(w[0].isupper() or w.casefold() in small for w in words)


def _outlet(text: str) -> str | None:
    """``text`` as an outlet name (a short titled phrase or a domain), else None."""
    text = " ".join(text.split()).strip(" .,;:")
    if re.fullmatch(r"(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}", text, re.IGNORECASE):
        return text.removeprefix("www.")
    if text.casefold().startswith(("http://", "https://")):
        return None
    agency = _agency(text)
    if agency:
        return agency
    return text if _titled_phrase(text) else None


# --------------------------------------------------------------------------- line readers


@dataclass(slots=True)
class _Found:
    """What one line says: fields, dates as (rank, iso or None), and whether the line is metadata."""

    title: str | None = None
    author: str | None = None
    outlet: str | None = None  # explicit label
    agency: str | None = None  # credited in a byline
    dates: tuple[tuple[int, str | None], ...] = ()
    rewrite: str | None = None
    header_only: bool = False  # read only above the article's first prose line


# Ranks of dates: lower wins.
_RANK_PUBLISHED, _RANK_BARE, _RANK_DATELINE, _RANK_UPDATED = 0, 1, 2, 3

_URL_LINE = re.compile(
    r"^(?:(?:source\s+)?(?:url|link|permalink|canonical(?:\s+url)?|original\s+url|source)\s*:\s*)?"
    r"(?:https?://|www\.)\S+$",
    re.IGNORECASE,
)
_BARE_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_TITLE_LABEL = re.compile(r"^(?:title|headline)\s*:\s*(?P<v>\S.*)$", re.IGNORECASE)
_AUTHOR_LABEL = re.compile(r"^(?:authors?|byline|writer|written\s+by)\s*:\s*(?P<v>\S.*)$", re.IGNORECASE)
_OUTLET_LABEL = re.compile(
    r"^(?:source|outlet|publisher|publication|news\s+source|published\s+by)\s*:\s*(?P<v>\S.*)$", re.IGNORECASE
)
_VIA = re.compile(r"^via\s+(?P<v>\S.*)$")  # lower-case "via": a title-cased headline may open with "Via"
_ORIGIN = re.compile(
    r"^(?:this\s+(?:article|story|piece|post|report)\s+(?:was\s+|is\s+)?|it\s+was\s+)?"
    r"(?:(?:originally|first)\s+(?:appeared|published|ran)|republished)\s+(?:on|in|at|by|from)\s+(?P<v>.+)$",
    re.IGNORECASE,
)
# What may follow the outlet in an origin note; anything else means the line is prose.
_ORIGIN_REST = re.compile(
    r",?\s+(?:under\s+(?:a\s+)?creative\s+commons\s+(?:licen[cs]e|[\w-]+\s+licen[cs]e)|"
    r"(?:and\s+(?:is\s+)?(?:republished|reproduced|reprinted|shared)\s+)?(?:here\s+)?with\s+(?:its\s+)?permission)$",
    re.IGNORECASE,
)
_ORIGIN_TAIL = re.compile(r"^(?:read the original(?: article)?|reprinted with permission)\.?$", re.IGNORECASE)
_BY = re.compile(
    r"^(?:by|written\s+by|words\s+by|story\s+by|reported\s+by|text\s+by)\s*:?\s+(?P<rest>\S.*)$",
    re.IGNORECASE,
)
_PIPE_BYLINE = re.compile(r"^(?P<name>[^|]{3,60}?)\s+\|\s+(?P<credit>[^|]{2,60})$")
_CREDITS = re.compile(
    r"^\(?\s*(?:(?:additional\s+)?reporting|writing|editing|compiled|research|graphics|"
    r"fact[- ]?checking|produced|photos?)\s+by\s+\S",
    re.IGNORECASE,
)
_CREDIT_PART = re.compile(
    r"^(?:and\s+)?(?:(?:additional\s+)?reporting|writing|editing|compiled|research|graphics|"
    r"fact[- ]?checking|produced|photos?)\s+by\s+(?P<names>.+)$",
    re.IGNORECASE,
)
_TRAILING_DATE = re.compile(
    rf"(?:,|\s+on|\s+[-–—|·•]|\s*\|)?\s+(?:(?P<pub>{_PUBLISHED_LABEL})|(?P<upd>{_UPDATED_LABEL}))?"
    rf"{_LABEL_SEP}(?P<date>{DATE_SPAN})[\s.,;]*$",
    re.IGNORECASE,
)


def _rank(m: re.Match[str], unlabelled: int = _RANK_UPDATED) -> int:
    """The rank of a date matched with optional "pub"/"upd" label groups."""
    if m.group("pub"):
        return _RANK_PUBLISHED
    return _RANK_UPDATED if m.group("upd") else unlabelled


def _date_segment(seg: str) -> tuple[int, str | None] | None:
    """A labelled or bare date segment as (rank, iso), or None when the segment is not one."""
    m = _LABELLED_DATE.match(seg)
    if m:
        return (_rank(m), parse_stated_date(m.group("date")))
    m = _BARE_DATE.match(seg)
    if m:
        return (_RANK_BARE, parse_stated_date(m.group("date")))
    return None


def _date_line(line: str) -> _Found | None:
    """A line made only of dates, relative times and reading times ("Published ... | Updated ...")."""
    segments = [s for s in _SEGMENT_SPLIT.split(line) if s.strip()]
    dates: list[tuple[int, str | None]] = []
    names: list[str] = []
    for seg in segments:
        seg = seg.strip()
        found = _date_segment(seg)
        posted_by = _POSTED_BY.match(seg)
        if found:
            dates.append(found)
        elif posted_by and _date_segment(posted_by.group("when")) and _people(posted_by.group("who")):
            dates.append(_date_segment(posted_by.group("when")))  # type: ignore[arg-type]
            names.extend(_people(posted_by.group("who")) or [])
        elif not _RELATIVE.match(seg):
            return None
    if not segments:
        return None
    # A bare date ("April 14, 2025") is the header's only above the prose; inside the article it is a heading.
    return _Found(
        author=_authors(names) if names else None,
        dates=tuple(dates),
        header_only=all(rank == _RANK_BARE for rank, _ in dates) and not names,
    )


def is_labelled_date_line(line: str) -> bool:
    """Whether ``line`` is only a page's stamp ("Published Monday, Nov 18, 2019 | Updated Nov 19, 2019"):
    a labelled date, never story text. A bare date ("April 14, 2025") is not: inside an
    article it can be a live blog's heading."""
    if len(line) > 120 or not any(c.isdigit() for c in line):
        return False
    found = _date_line(line.strip())
    return found is not None and not found.header_only


def _byline(line: str) -> _Found | None:
    """ "By Jane Doe", "By JANE DOE, Reuters", "By Jane Doe and John Roe | April 14, 2025", "By AFP"."""
    m = _BY.match(line)
    if not m:
        return None
    rest = m.group("rest").strip()
    dates: list[tuple[int, str | None]] = []
    segments = [s.strip() for s in _SEGMENT_SPLIT.split(rest) if s.strip()]
    if not segments:
        return None
    names_part, extra = segments[0], segments[1:]
    trailing = _TRAILING_DATE.search(names_part)
    if trailing and trailing.start() > 0:
        dates.append((_rank(trailing, _RANK_BARE), parse_stated_date(trailing.group("date"))))
        names_part = names_part[: trailing.start()].strip()
    agency = None
    for seg in extra:
        found = _date_segment(seg)
        if found:
            dates.append(found)
        elif _agency(seg):
            agency = agency or _agency(seg)
        elif not (_RELATIVE.match(seg) or _is_role(seg)):
            return None
    # "Jane Doe, Staff Writer", "JANE DOE - Reuters": the first piece holds the names, later
    # pieces are more names, a job title, an agency or an organisation.
    pieces = [p for p in re.split(r"\s+[-–—]\s+", names_part) if p.strip()]
    head, *tail_pieces = pieces or [""]
    comma = [p.strip() for p in head.split(",") if p.strip()]
    names: list[str] = []
    for k, piece in enumerate(comma + tail_pieces):
        people = _people(piece)
        if people and not (k > 0 and _agency(piece)):
            names.extend(people)
            continue
        if k == 0 and _agency(piece):
            agency = agency or _agency(piece)
            continue
        if k == 0 and _is_role(piece):
            continue  # "By Staff Reporter", "By Our Correspondent"
        if k == 0:
            return None
        if _agency(piece):
            agency = agency or _agency(piece)
        elif not (_is_role(piece) or _titled_phrase(piece)):
            return None  # "By Jane Doe, who has covered ...": prose, not a byline
    if not names and not agency and not comma:
        return None
    return _Found(author=_authors(names) if names else None, agency=agency, dates=tuple(dates))


def _pipe_byline(line: str) -> _Found | None:
    """ "Jane Doe | Reuters", "Jane Doe | Staff Writer": only with an agency or a job title on the right."""
    m = _PIPE_BYLINE.match(line)
    if not m:
        return None
    people = _people(m.group("name"))
    if not people or len(people) > 3:
        return None
    credit = m.group("credit").strip()
    agency = _agency(credit)
    if not agency and not _is_role(credit):
        return None
    return _Found(author=_authors(people), agency=agency)


def _origin(line: str) -> _Found | None:
    """ "Originally published in X", "This article originally appeared on X", "republished from X"."""
    m = _ORIGIN.match(line)
    if not m:
        return None
    value, _, tail = m.group("v").partition(". ")
    if tail and not _ORIGIN_TAIL.match(tail.strip()):
        return None
    value = value.strip().rstrip(".")
    found = _date_segment(value)
    if found:
        return _Found(dates=((_RANK_PUBLISHED, found[1]),))
    value = _ORIGIN_REST.sub("", value)
    dates: tuple[tuple[int, str | None], ...] = ()
    on_date = re.search(rf"\s+on\s+(?P<date>{DATE_SPAN})$", value, re.IGNORECASE)
    if on_date:
        dates = ((_RANK_PUBLISHED, parse_stated_date(on_date.group("date"))),)
        value = value[: on_date.start()]
    outlet = _outlet(value)
    return _Found(outlet=outlet, dates=dates) if outlet else None


def _credits(line: str) -> _Found | None:
    """A wire credit line, "Reporting by Jane Doe in Cairo; Editing by John Roe": metadata, names of reporters."""
    if not _CREDITS.match(line):
        return None
    reporters: list[str] = []
    for part in line.strip(" ()").split(";"):
        m = _CREDIT_PART.match(part.strip(" ()."))
        # "Jane Doe in Cairo and John Roe in London" -> the names; every part must name people.
        names = (
            _people(re.sub(r"\s+in\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*", "", m.group("names")))
            if m
            else None
        )
        if names is None:
            return None
        if part.strip(" (").casefold().startswith("reporting"):
            reporters.extend(names)
    return _Found(author=_authors(reporters) if reporters else None)


def _labelled(line: str) -> _Found | None:
    """Label lines of scraped text files: "Title:", "Headline:", "Author:", "Source:", "URL:"."""
    if _URL_LINE.match(line):
        return _Found(header_only=bool(_BARE_URL.match(line)))
    m = _TITLE_LABEL.match(line)
    if m:
        value = " ".join(m.group("v").split())
        return _Found(title=value) if len(value.split()) <= 40 else None
    m = _AUTHOR_LABEL.match(line)
    if m:
        value = re.sub(r"^by\s+", "", m.group("v").strip(), flags=re.IGNORECASE)
        people = _people(value)
        if people:
            return _Found(author=_authors(people))
        agency = _agency(value)
        if agency:
            return _Found(agency=agency)
        ok = len(value.split()) <= _MAX_AUTHOR_WORDS and not any(c.isdigit() for c in value)
        return _Found(author=value if ok else None)
    # "Source: ..." also credits charts inside articles: an outlet label counts above the prose only.
    m = _OUTLET_LABEL.match(line)
    if m:
        return _Found(outlet=_outlet(m.group("v")), header_only=True)
    m = _VIA.match(line)
    if m and _outlet(m.group("v")):
        return _Found(outlet=_outlet(m.group("v")), header_only=True)
    return None


def _head_line(line: str) -> _Found | None:
    """What a line near the top states, or None when it is not metadata (see the module notes)."""
    if len(line) > _MAX_META_CHARS:
        return _date_prefix(line)  # a long line is article text, though it may open with a date label
    return (
        _labelled(line)
        or _origin(line)
        or _byline(line)
        or _pipe_byline(line)
        or _date_line(line)
        or _date_prefix(line)
    )


def _tail_line(line: str) -> _Found | None:
    """What a line at the end states: a labelled date line, an origin note or wire credits."""
    if len(line) > _MAX_META_CHARS:
        return None
    found = _origin(line) or _credits(line)
    if found:
        return found
    found = _date_line(line)
    if found and found.dates and all(rank in (_RANK_PUBLISHED, _RANK_UPDATED) for rank, _ in found.dates):
        return found
    return None


def _date_prefix(line: str) -> _Found | None:
    m = _DATE_PREFIX.match(line)
    if not m:
        return None
    rest = m.group("rest").strip()
    if len(rest.split()) < 3 or not re.search(r"\b[a-z]{2,}\b", rest):
        return None  # what follows must be a sentence, not more header ("AT 12:46 PM / UPDATED ...")
    return _Found(dates=((_rank(m), parse_stated_date(m.group("date"))),), rewrite=rest)


# --------------------------------------------------------------------------- title and dateline

_HEADLINE_END = re.compile(r"[.,;:…][\"”’')\]]*$")
_SENTENCE_INSIDE = re.compile(r"[a-z]{2,}[.!?][\"”’']?\s+[A-Z\"“‘]")
_PROSE_END = re.compile(r"[.!?…][\"”’')]*$")
_URLISH = re.compile(r"https?://|www\.|\.(?:com|org|net|co\.uk)\b", re.IGNORECASE)
# Between a headline and a site name in a title tag, as ``normalise_for_comparison`` folds them.
_SUFFIX_SEPARATORS = ("|", "-", "::", "·", "•")

_DATELINE = re.compile(
    r"^(?P<place>(?-i:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}))"
    r"(?:,\s*(?-i:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})\.?)?"
    rf"(?:,?\s+(?P<date>{DATE_SPAN}|{_MONTH}\s+{_DAY}|{_DAY}\s+{_MONTH}))?"
    r"(?:\s*\((?P<agency>[^()]{2,40})\)|\s*/(?P<wire>[^/]{2,40})/)?"
    r"\s*(?:--|-|–|—)\s*\S",
    re.IGNORECASE,
)


def _words(line: str) -> int:
    return sum(1 for w in line.split() if any(c.isalpha() for c in w))


def _is_prose(line: str) -> bool:
    """A sentence of running text: several words and a closing stop (or a dateline)."""
    return (_words(line) >= 6 and bool(_PROSE_END.search(line))) or _dateline(line) is not None


def _headline_shaped(line: str) -> bool:
    n = _words(line)
    if not 2 <= n <= _MAX_TITLE_WORDS or len(line) > 250:
        return False
    if _HEADLINE_END.search(line) or _SENTENCE_INSIDE.search(line):
        return False
    if not (line[0].isupper() or line[0].isdigit() or line[0] in "\"“‘'"):
        return False
    if _BY.match(line) or _is_role(line):
        return False  # "By Jane Doe, who has ...", "Staff Reports": bylines, not headlines
    letters = [c for c in line if c.isalpha()]
    if len(letters) > 3 and all(c.isupper() for c in letters):
        return False  # "CLICK FOR FULL RESULTS", "BAAR, SWITZERLAND": calls to action, headings, places
    if _URLISH.search(line) or len(re.findall(r"\w:\s", line)) >= 2:
        return False  # "Tested by: ... Price: ... More info: www.example.com": a spec box
    return not is_boilerplate(line)


def _same_headline(a: str, b: str) -> str | None:
    """The shorter form when ``a`` and ``b`` are one headline (maybe one with a " | Site" suffix)."""
    na, nb = normalise_for_comparison(a), normalise_for_comparison(b)
    if na == nb:
        return a
    short, long_, short_raw = (na, nb, a) if len(na) < len(nb) else (nb, na, b)
    for sep in _SUFFIX_SEPARATORS:
        prefix = f"{short} {sep} "
        if long_.startswith(prefix) and len(long_[len(prefix) :].split()) <= 6:
            return short_raw
    return None


def _dateline(line: str) -> tuple[str | None, str | None] | None:
    """(outlet, published) from a wire dateline opening ``line``; None when it opens with none.

    The place is in capitals ("CAIRO", "NEW YORK, N.Y.") unless an agency in
    parentheses or a press-release wire follows ("Cairo (AFP) -").
    """
    m = _DATELINE.match(line)
    if not m:
        return None
    credit = m.group("agency") or m.group("wire")
    outlet = _agency(credit) if credit else None
    place = m.group("place")
    if not outlet and (place != place.upper() or not any(c.isalpha() for c in place)):
        return None
    if credit and not outlet and not credit.isupper():
        return None  # "(something else) -": not a wire credit
    day = m.group("date")
    published = parse_stated_date(day) if day and re.search(_YEAR, day) else None
    return outlet, published


# --------------------------------------------------------------------------- the header


def _first(found: dict[int, _Found], attr: str) -> str | None:
    return next((getattr(f, attr) for _, f in sorted(found.items()) if getattr(f, attr)), None)


def _headline(lines: Sequence[str], start: int, found: dict[int, _Found]) -> tuple[str, list[int]] | None:
    """The headline opening at ``start`` and the indices of its copies, or None when it is not one.

    A headline is followed (past its copies and any metadata lines) by prose, or
    has metadata (a byline, a date) right under it.
    """
    if not _headline_shaped(lines[start]):
        return None
    candidate, copies = lines[start], [start]
    k = start + 1
    saw_meta = False
    while k < len(lines):
        if k in found:
            saw_meta = True
            if found[k].rewrite is not None:
                break  # the first prose line, opening with a date
            k += 1
            continue
        same = _same_headline(candidate, lines[k]) if len(copies) < 4 else None
        if same is None:
            break
        candidate = same
        copies.append(k)
        k += 1
    if saw_meta or (k < len(lines) and _is_prose(lines[k])):
        return candidate, copies
    return None


def read_text_header(lines: Sequence[str]) -> TextHeader:
    """Read the metadata a text states at its top (and its end), and say which lines state it.

    ``lines`` are the text's non-blank lines, stripped, in order. Fields the text
    does not state are None. ``drop`` holds the indices of metadata lines,
    ``rewrite`` the lines that open with a metadata prefix, mapped to the rest.

    >>> h = read_text_header(["Talks resume in Cairo", "By Jane Doe", "date 2025-04-14 The talks went on."])
    >>> h.title, h.author, h.published, sorted(h.drop), h.rewrite
    ('Talks resume in Cairo', 'Jane Doe', '2025-04-14', [0, 1], {2: 'The talks went on.'})
    """
    n = len(lines)
    head = min(n, HEAD_LINES)
    found: dict[int, _Found] = {}
    for i in range(head):
        f = _head_line(lines[i]) if lines[i] else None
        if f is not None:
            found[i] = f
    for i in range(max(0, n - TAIL_LINES), n):
        f = _tail_line(lines[i]) if lines[i] and i not in found else None
        if f is not None:
            found[i] = f

    # Where the article's prose begins: bare dates, bare URLs and "Source:" lines below it are article text.
    prose_at = next((i for i in range(n) if i not in found and _is_prose(lines[i])), n)
    found = {i: f for i, f in found.items() if not (f.header_only and i > prose_at)}
    drop = {i for i, f in found.items() if f.rewrite is None}
    rewrite = {i: f.rewrite for i, f in found.items() if f.rewrite is not None}

    title = _first(found, "title")
    author = _first(found, "author")
    outlet = _first(found, "outlet") or _first(found, "agency")
    dates = [(rank, i, iso) for i, f in sorted(found.items()) for rank, iso in f.dates]

    start = next((i for i in range(head) if i not in found), None)
    if title is None and start is not None:
        headline = _headline(lines, start, found)
        if headline is not None:
            title = headline[0]
            drop.update(headline[1])
    elif title is not None:
        # A labelled title's copies above the prose (the scraped h1 under "Title: ...").
        drop.update(
            i for i in range(min(head, prose_at)) if i not in found and _same_headline(title, lines[i])
        )

    # A wire dateline on the first line of the article: its agency, and its date when it has a year.
    body = next((i for i in range(n) if i not in drop), None)
    if body is not None and body <= head:
        dateline = _dateline(rewrite.get(body, lines[body]))
        if dateline is not None:
            outlet = outlet or dateline[0]
            if dateline[1]:
                dates.append((_RANK_DATELINE, body, dateline[1]))

    published = min(((rank, i, iso) for rank, i, iso in dates if iso), default=None)
    return TextHeader(
        title=" ".join(title.split()) if title else None,
        published=published[2] if published else None,
        author=author,
        outlet=outlet,
        drop=frozenset(drop),
        rewrite=rewrite,
    )
