"""JSON Lines input: one article object per line (``.jsonl``, ``.ndjson``, gzipped or not).

Each line is parsed on its own, so a bad line costs one ``Problem`` and the rest
of the file still comes through. Lines are read with a length limit, so a
gigabyte-long line never lands in memory.

Records may use the field names people's data has (``date``, ``pubDate``,
``headline``, ``body``, ``source``...): see ``FIELD_NAMES``. A file none of whose
articles has a readable date gives one warning naming the fields it saw.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import IO, Any, NamedTuple

from ..errors import InputError
from ..extract.metadata import iso_datetime, registered_domain
from ..model import Document, MediaType, Problem
from .reading import STAGE, problem
from .sniff import HEAD_BYTES, sniff

_BOM = b"\xef\xbb\xbf"
#: Keys whose value becomes the document body rather than a field.
BODY_KEYS = ("text", "html")
#: Other names for the body; HTML or plain text is decided by looking at the value.
BODY_ALIASES = ("body", "content", "article")

#: The fields storytrace reads from a record, each with the names it goes by, in
#: priority order: the canonical name first, so ``published`` beats ``date`` and
#: ``title`` beats ``headline`` (the body: ``text``, ``html``, then ``BODY_ALIASES``).
#: Names match ignoring case, ``_``, ``-`` and spaces (``PubDate``, ``publish-date``).
#: The first name whose value can be read wins; if it is an alias, its value moves to
#: the canonical field and the alias is not kept again as an extra field. Every other
#: key, including an alias whose value cannot be read (``"date": "yesterday"``) or
#: one that lost to a better name, stays in the article's ``extra`` fields. (So an
#: unreadable ``published`` gives way to a readable ``date``; with no readable
#: alias it is passed on as given, as before.)
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    # Names that say "published" before the looser date, datetime and timestamp.
    "published": ("published", "pubDate", "publish_date", "date", "datetime", "timestamp"),
    # Names before domains: a domain is what storytrace falls back to anyway.
    "outlet": ("outlet", "publisher", "site", "source", "domain"),
    "url": ("url",),
    "author": ("author",),
    "language": ("language",),
}
_JSON_TYPES = {
    list: "array",
    str: "string",
    int: "number",
    float: "number",
    bool: "boolean",
    type(None): "null",
}


def _reject_constant(name: str) -> Any:
    # The stdlib accepts NaN/Infinity; JSON does not, and they break exports later.
    raise ValueError(f"{name} is not valid JSON")


def _fix_str(s: str) -> str:
    """Replace lone surrogates (legal in JSON escapes, illegal in UTF-8) with U+FFFD."""
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        return s.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def clean_value(value: Any) -> Any:
    """A copy of a parsed JSON value whose strings (keys too) all encode as UTF-8.

    Iterative rather than recursive: the parser already accepted the nesting depth,
    and this must not be the place that hits the recursion limit.
    """
    if isinstance(value, str):
        return _fix_str(value)
    if not isinstance(value, (dict, list)):
        return value
    root: Any = {} if isinstance(value, dict) else []
    stack: list[tuple[Any, Any]] = [(value, root)]
    while stack:
        src, dst = stack.pop()
        items = src.items() if isinstance(src, dict) else enumerate(src)
        for key, item in items:
            if isinstance(item, (dict, list)):
                new: Any = {} if isinstance(item, dict) else []
                stack.append((item, new))
            elif isinstance(item, str):
                new = _fix_str(item)
            else:
                new = item
            if isinstance(dst, dict):
                dst[_fix_str(key)] = new
            else:
                dst.append(new)
    return root


def parse_line(raw: bytes) -> dict[str, Any]:
    """Parse one line into a JSON object; ``ValueError`` with a clear message otherwise."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"line is not valid UTF-8 ({exc.reason} at byte {exc.start + 1})") from None
    try:
        obj = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON: {exc.msg.removesuffix(' at')} at column {exc.colno}") from None
    except RecursionError:
        raise ValueError("invalid JSON: nested too deeply") from None
    except ValueError as exc:
        raise ValueError(f"invalid JSON: {exc}") from None
    if not isinstance(obj, dict):
        kind = _JSON_TYPES.get(type(obj), type(obj).__name__)
        raise ValueError(f"line is a JSON {kind}, not an object with a text or html field")  # noqa: TRY004
    return obj


def _key(name: str) -> str:
    return re.sub(r"[\s_-]+", "", name).casefold()


def _keys_for(index: dict[str, list[str]], names: tuple[str, ...]) -> list[str]:
    """The record's keys that spell one of ``names``, in ``names`` order, exact spelling first."""
    out: list[str] = []
    for name in names:
        out += sorted(index.get(_key(name), ()), key=lambda k: k != name)
    return out


def _string(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63}", re.IGNORECASE)


def read_outlet(value: Any, name: str = "outlet") -> str | None:
    """An outlet name from a record's ``source``, ``site``, ``publisher``, ``domain``...

    A URL gives its registered domain, and so does a host name under ``domain``
    (``www.bbc.co.uk`` -> ``bbc.co.uk``); an object gives its ``name`` (NewsAPI's
    ``{"id": "bbc-news", "name": "BBC News"}``), ``title``, or the domain of its
    ``url``/``href``. Anything else (numbers, lists, empty strings) is None.
    """
    if isinstance(value, dict):
        for key in ("name", "title"):
            found = read_outlet(value.get(key), key)
            if found:
                return found
        for key in ("url", "href"):
            url = _string(value.get(key))
            if url and "//" in url:
                return registered_domain(url)
        return None
    text = _string(value)
    if text is None:
        return None
    text = " ".join(text.split())
    if "://" in text:
        return registered_domain(text)
    if _key(name) == "domain" and _HOST.fullmatch(text):
        return registered_domain(text)
    return text


# Zone names dateutil does not know on its own: RFC 2822's, as email.utils reads them.
_ZONES = {"UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5}
_ZONES |= {"MST": -7, "MDT": -6, "PST": -8, "PDT": -7}
_NUMBER = re.compile(r"\d{1,20}(?:\.\d{1,9})?")
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_DAY_MONTH = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-]\d{4}\b")
#: Years a date read here must fall in (the window ``iso_datetime`` uses for datetimes):
#: it turns placeholders such as 0 or -1 into "unreadable" rather than 1970.
_YEARS = range(1990, 2101)
#: Epoch values at or over this are milliseconds (10**11 seconds is the year 5138).
EPOCH_MS_FROM = 10**11


def _zone(name: str | None, offset: int | None) -> timezone | None:
    if offset is not None:
        return timezone(timedelta(seconds=offset))
    hours = _ZONES.get((name or "").upper())
    return None if hours is None else timezone(timedelta(hours=hours))


def _from_number(number: float) -> str | None:
    if isinstance(number, int) and 10_000_000 <= number <= 99_999_999:  # 20240414
        try:
            day = datetime.strptime(str(number), "%Y%m%d").date()
        except ValueError:
            pass
        else:
            return day.isoformat() if day.year in _YEARS else None
    try:
        seconds = float(number)
    except OverflowError:
        return None
    if not math.isfinite(seconds):
        return None
    while abs(seconds) >= EPOCH_MS_FROM:  # milliseconds (and micro-, nanoseconds)
        seconds /= 1000
    try:
        when = datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, ValueError, OSError):
        return None
    return when.isoformat() if when.year in _YEARS else None


def _with_dateutil(text: str) -> str | None:
    """Other written dates ("April 14, 2024", "14/04/2024 10:00"), refusing guesses.

    A date must name its year (four digits), month and day; a numeric day/month
    order that could be read both ways ("04/05/2024") is refused, not guessed.
    """
    if len(text) > 64 or not _YEAR.search(text):
        return None
    m = _DAY_MONTH.match(text)
    if m and int(m.group(1)) <= 12 and int(m.group(2)) <= 12 and m.group(1) != m.group(2):
        return None
    from dateutil import parser  # imported lazily: only odd dates need it

    try:
        # Parsed against two different defaults: a part the text leaves out differs.
        first = parser.parse(text, default=datetime(2000, 1, 1, 0, 0), tzinfos=_zone)
        second = parser.parse(text, default=datetime(2004, 2, 2, 1, 1), tzinfos=_zone)
    except (ValueError, OverflowError):
        return None
    if first.date() != second.date() or first.year not in _YEARS:
        return None
    return first.date().isoformat() if first.hour != second.hour else first.isoformat()


def read_date(value: Any) -> str | None:
    """A record's date value as ISO 8601, or None when it cannot be read.

    Reads ISO 8601 ("2024-04-14", "2024-04-14T10:00:00Z"), RFC 2822 as feeds write
    it ("Sun, 14 Apr 2024 10:00:00 GMT"), other written dates via dateutil, eight
    digits as YYYYMMDD, and epoch numbers (or digit strings): seconds, or
    milliseconds from ``EPOCH_MS_FROM`` up, as UTC. Outside 1990-2100 only a plain
    ISO date ("1985-06-01") is read, as ``iso_datetime`` does. MongoDB's ``{"$date": ...}`` and ``{"$numberLong": ...}`` are unwrapped.
    """
    for wrapper in ("$date", "$numberLong"):
        if isinstance(value, dict) and len(value) == 1 and wrapper in value:
            value = value[wrapper]
    if isinstance(value, bool | dict | list):
        return None
    if isinstance(value, int | float):
        return _from_number(value)
    text = _string(value)
    if text is None:
        return None
    text = text.strip()
    if _NUMBER.fullmatch(text):
        return _from_number(float(text) if "." in text else int(text))
    return iso_datetime(text) or _with_dateutil(text)


_HTML_HINT = re.compile(r"<(?:p|/p|br)\b[^>]{0,200}>", re.IGNORECASE)


def _media(body: str) -> MediaType:
    """HTML when the value starts like markup (as files are sniffed) or has paragraphs."""
    head = body[:HEAD_BYTES]
    if sniff(head.encode("utf-8", "replace"), len(body) <= HEAD_BYTES) == "html" or _HTML_HINT.search(head):
        return "html"
    return "text"


class _Read(NamedTuple):
    item: Document | Problem
    fields_seen: list[str]  # the record's keys
    dated: bool  # a readable publication date was found
    bad_dates: dict[str, Any]  # date keys given whose values could not be read -> value


def _read_field(name: str, value: Any, key: str) -> Any:
    """``value`` as the canonical field ``name``, or None when it cannot be read as one."""
    if name == "published":
        return read_date(value)
    if name == "outlet":
        return read_outlet(value, key)
    return _string(value)


def _read_record(obj: dict[str, Any], source: str, kind: str) -> _Read:
    obj = clean_value(obj)
    index: dict[str, list[str]] = {}
    for key in obj:
        index.setdefault(_key(key), []).append(key)
    body_key = next((k for k in _keys_for(index, BODY_KEYS + BODY_ALIASES) if _string(obj[k])), None)
    if body_key is None:
        reason = "record has no non-empty text or html string field"
        return _Read(problem(source, reason, "skipped"), list(obj), False, {})
    body: str = obj[body_key]
    named = _key(body_key)
    media: MediaType = "text" if named == "text" else "html" if named == "html" else _media(body)
    fields = {k: v for k, v in obj.items() if k not in BODY_KEYS and k != body_key}
    dated = False
    bad_dates: dict[str, Any] = {}
    for name, names in FIELD_NAMES.items():
        for key in _keys_for(index, names):
            value = _read_field(name, obj[key], key)
            if value is not None:
                if key != name:
                    del fields[key]
                fields[name] = value
                dated = dated or name == "published"
                break
            if name == "published" and obj[key] is not None and obj[key] != "":
                bad_dates[key] = obj[key]
    url = fields.get("url")
    doc = Document(
        source=source,
        kind=kind,  # type: ignore[arg-type]
        body=body,
        media_type=media,
        url=url if isinstance(url, str) and url.strip() else None,
        fields=fields,
    )
    return _Read(doc, list(obj), dated, {} if dated else bad_dates)


def record_to_document(obj: dict[str, Any], source: str, kind: str = "jsonl") -> Document | Problem:
    """Turn one parsed record into a ``Document``; a ``Problem`` if it has no body text.

    Field names are mapped as ``FIELD_NAMES`` says; a date is stored as ISO 8601.
    """
    return _read_record(obj, source, kind).item


def _shown(name: str, limit: int = 40) -> str:
    name = "".join(c if c.isprintable() else "?" for c in " ".join(name.split()))
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _example(value: Any) -> str:
    if isinstance(value, str):
        return _shown(json.dumps(value, ensure_ascii=False), 30)
    if isinstance(value, bool | int | float):
        return json.dumps(value)
    return "an object" if isinstance(value, dict) else "an array"


class _DateCheck:
    """Watches one file's articles for a readable date: none at all gives one warning.

    Only a file with no dated article is flagged: some undated rows among dated
    ones are normal (an index page, a live blog) and would only add noise.
    """

    _KEEP = 1000  # field names remembered (a hostile file may have millions)
    _SHOW = 15

    def __init__(self) -> None:
        self.rows = 0
        self.html = 0
        self.dated = False
        self.fields: dict[str, None] = {}
        self.bad: dict[str, Any] = {}  # date key -> its first unreadable value

    def add(self, read: _Read) -> None:
        if self.dated or not isinstance(read.item, Document):
            return
        self.rows += 1
        self.html += read.item.media_type == "html"
        self.dated = read.dated
        for key in read.fields_seen[: self._KEEP - len(self.fields)]:
            self.fields.setdefault(key)
        for key, value in read.bad_dates.items():
            self.bad.setdefault(key, value)

    def warning(self, item: str) -> Problem | None:
        """The warning for the file ``item``, or None when it had a dated article (or none)."""
        if self.dated or not self.rows:
            return None
        names = [_shown(k) for k in self.fields]
        seen = ", ".join(names[: self._SHOW])
        if len(names) > self._SHOW:
            more = len(names) - self._SHOW
            seen += f" and {more}{'+' if len(names) >= self._KEEP else ''} more"
        rows = f"{self.rows} row" + ("" if self.rows == 1 else "s")
        notes = []
        if self.bad:
            which = ", ".join(_shown(k) for k in self.bad)
            notes.append(
                f"{which} given but not a readable date, e.g. {_example(next(iter(self.bad.values())))}"
            )
        if self.html:
            notes.append(f"{self.html} HTML, whose own markup may still give a date")
        note = f" ({'; '.join(notes)})" if notes else ""
        reason = (
            f"no readable publication date in {rows}{note}; fields seen: {seen}; dates are read from "
            f"{', '.join(FIELD_NAMES['published'])} (ISO 8601, RFC 2822 or epoch seconds/milliseconds)"
        )
        return Problem(item=item, stage=STAGE, reason=reason, kind="warning")


def _open(path: Path) -> IO[bytes]:
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")
    return path.open("rb")


def iter_jsonl(path: Path, max_bytes: int) -> Iterator[Document | Problem]:
    """Yield one ``Document`` or ``Problem`` per non-blank line of ``path``.

    Sources are ``path#line=N`` (1-based). Read errors (e.g. a truncated gzip)
    propagate after the lines read so far; the caller records them once. A file
    none of whose articles has a readable date ends with one "warning" ``Problem``.
    """
    name = str(path)
    seen = 0
    dates = _DateCheck()
    with _open(path) as f:
        lineno = 0
        while True:
            raw = f.readline(max_bytes + 1)
            if not raw:
                break
            lineno += 1
            item = f"{name}#line={lineno}"
            if len(raw) > max_bytes and not raw.endswith(b"\n"):
                size = len(raw)
                while True:  # skip the rest of the oversized line without keeping it
                    more = f.readline(1 << 20)
                    size += len(more)
                    if not more or more.endswith(b"\n"):
                        break
                seen += 1
                yield problem(
                    item,
                    f"line of {size:,} bytes is over the max_bytes cap of {max_bytes:,}; raise --max-bytes",
                    "skipped",
                )
                continue
            if lineno == 1 and raw.startswith(_BOM):
                raw = raw[len(_BOM) :]
            raw = raw.strip()
            if not raw:
                continue
            seen += 1
            try:
                obj = parse_line(raw)
            except ValueError as exc:
                yield problem(item, str(exc))
                continue
            read = _read_record(obj, item, "jsonl")
            dates.add(read)
            yield read.item
    if seen == 0:
        yield problem(name, "empty file (no JSON lines)", "skipped")
    elif warning := dates.warning(name):
        yield warning


def iter_json_file(path: Path, data: bytes) -> Iterator[Document | Problem]:
    """A ``.json`` file: one article object, or an array of them (``path#item=N``).

    A file that is really JSON Lines (one object per line) is read as such. Like
    JSON Lines, a file none of whose articles has a readable date gets one warning.
    """
    name = str(path)
    data = data.removeprefix(_BOM)
    try:
        obj = json.loads(data.decode("utf-8"), parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":  # several values: JSON Lines under a .json name
            yield from iter_jsonl(path, max(len(data), 1))
            return
        raise InputError(
            f"invalid JSON: {exc.msg.removesuffix(' at')} at line {exc.lineno} column {exc.colno}"
        ) from None
    except RecursionError:
        raise InputError("invalid JSON: nested too deeply") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"file is not valid UTF-8 ({exc.reason} at byte {exc.start + 1})") from None
    dates = _DateCheck()
    if isinstance(obj, dict):
        read = _read_record(obj, name, "jsonl")
        dates.add(read)
        yield read.item
    elif isinstance(obj, list) and obj:
        for n, item in enumerate(obj, start=1):
            where = f"{name}#item={n}"
            if isinstance(item, dict):
                read = _read_record(item, where, "jsonl")
                dates.add(read)
                yield read.item
            else:
                kind = _JSON_TYPES.get(type(item), type(item).__name__)
                yield problem(where, f"item is a JSON {kind}, not an object with a text or html field")
    else:
        kind = _JSON_TYPES.get(type(obj), type(obj).__name__)
        raise InputError(f"file holds a JSON {kind}; expected an article object or an array of them")
    if warning := dates.warning(name):
        yield warning
