"""JSON Lines input: one article object per line (``.jsonl``, ``.ndjson``, gzipped or not).

Each line is parsed on its own, so a bad line costs one ``Problem`` and the rest
of the file still comes through. Lines are read with a length limit, so a
gigabyte-long line never lands in memory.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from ..errors import InputError
from ..model import Document, Problem
from .reading import problem

_BOM = b"\xef\xbb\xbf"
#: Keys whose value becomes the document body rather than a field.
BODY_KEYS = ("text", "html")
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


def record_to_document(obj: dict[str, Any], source: str, kind: str = "jsonl") -> Document | Problem:
    """Turn one parsed record into a ``Document``; a ``Problem`` if it has no text or html."""
    text, html = obj.get("text"), obj.get("html")
    if isinstance(text, str) and text.strip():
        body, media = text, "text"
    elif isinstance(html, str) and html.strip():
        body, media = html, "html"
    else:
        return problem(source, "record has no non-empty text or html string field", "skipped")
    fields = {k: v for k, v in obj.items() if k not in BODY_KEYS}
    fields = clean_value(fields)
    url = fields.get("url")
    return Document(
        source=source,
        kind=kind,  # type: ignore[arg-type]
        body=_fix_str(body),
        media_type=media,  # type: ignore[arg-type]
        url=url if isinstance(url, str) and url.strip() else None,
        fields=fields,
    )


def _open(path: Path) -> IO[bytes]:
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")
    return path.open("rb")


def iter_jsonl(path: Path, max_bytes: int) -> Iterator[Document | Problem]:
    """Yield one ``Document`` or ``Problem`` per non-blank line of ``path``.

    Sources are ``path#line=N`` (1-based). Read errors (e.g. a truncated gzip)
    propagate after the lines read so far; the caller records them once.
    """
    name = str(path)
    seen = 0
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
            yield record_to_document(obj, item)
    if seen == 0:
        yield problem(name, "empty file (no JSON lines)", "skipped")


def iter_json_file(path: Path, data: bytes) -> Iterator[Document | Problem]:
    """A ``.json`` file: one article object, or an array of them (``path#item=N``).

    A file that is really JSON Lines (one object per line) is read as such.
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
    if isinstance(obj, dict):
        yield record_to_document(obj, name)
    elif isinstance(obj, list) and obj:
        for n, item in enumerate(obj, start=1):
            where = f"{name}#item={n}"
            if isinstance(item, dict):
                yield record_to_document(item, where)
            else:
                kind = _JSON_TYPES.get(type(item), type(item).__name__)
                yield problem(where, f"item is a JSON {kind}, not an object with a text or html field")
    else:
        kind = _JSON_TYPES.get(type(obj), type(obj).__name__)
        raise InputError(f"file holds a JSON {kind}; expected an article object or an array of them")
