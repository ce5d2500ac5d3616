"""Local inputs: expand folders, detect each file's type and read it.

Order is deterministic (sorted by path components) so two runs over the same
folder report the same sources in the same order. Hidden files and folders
(``.git``, ``.DS_Store``) are skipped when walking a folder, but read when named
explicitly.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError, UnsupportedInput
from ..model import Document, Problem
from .feeds import iter_feed
from .jsonl import iter_json_file, iter_jsonl
from .reading import ITEM_ERRORS, gunzip_capped, gunzip_head, problem, problem_from, read_capped
from .sniff import HEAD_BYTES, classify_name, describe_head, root_element, sniff
from .warc import iter_warc

_ARC_REASON = "ARC format is not supported; convert it to WARC (e.g. with warcio or jwat-tools)"


def _walk(top: Path, errors: list[Problem]) -> list[Path]:
    found: list[Path] = []

    def onerror(exc: OSError) -> None:
        errors.append(problem_from(str(exc.filename or top), exc))

    for dirpath, dirnames, filenames in os.walk(top, onerror=onerror):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        base = Path(dirpath)
        found.extend(base / f for f in filenames if not f.startswith("."))
    found.sort(key=lambda p: p.parts)
    return found


def _expand(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | Problem]:
    """Each input path, folders expanded; a ``Problem`` for paths that cannot be read."""
    for raw in paths:
        path = Path(raw)
        try:
            st = path.stat()
        except FileNotFoundError:
            yield problem(str(path), "no such file or directory")
            continue
        except OSError as exc:
            yield problem_from(str(path), exc)
            continue
        if stat.S_ISDIR(st.st_mode):
            errors: list[Problem] = []
            files = _walk(path, errors)
            yield from errors
            yield from files
        else:
            yield path


def list_inputs(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The files a run over ``paths`` will read, in reading order (cheap: no file is opened).

    Paths that exist but cannot be listed (an unreadable folder) are included, so
    reading them reports the problem; missing paths are left out.
    """
    out: list[Path] = []
    for entry in _expand(paths):
        if isinstance(entry, Path):
            out.append(entry)
        elif os.path.lexists(entry.item):
            out.append(Path(entry.item))
    return out


def iter_files(paths: Iterable[str | os.PathLike[str]], max_bytes: int) -> Iterator[Document | Problem]:
    """Documents and Problems for every file under ``paths``; never raises for a bad file."""
    for entry in _expand(paths):
        if isinstance(entry, Problem):
            yield entry
            continue
        yield from read_file(entry, max_bytes)


def read_file(path: Path, max_bytes: int) -> Iterator[Document | Problem]:
    """Documents and Problems for one file; a failure after some items adds one Problem."""
    try:
        yield from _read_file(path, max_bytes)
    except ITEM_ERRORS as exc:
        yield problem_from(str(path), exc)


def _read_file(path: Path, max_bytes: int) -> Iterator[Document | Problem]:
    st = path.stat()
    if not stat.S_ISREG(st.st_mode):
        raise UnsupportedInput("not a regular file (device, socket or pipe)")
    if st.st_size == 0:
        raise UnsupportedInput("empty file")
    fmt, gz = classify_name(path.name)
    if fmt == "warc":
        yield from iter_warc(path, max_bytes)
        return
    if fmt == "arc":
        raise UnsupportedInput(_ARC_REASON)
    if fmt == "jsonl":
        yield from iter_jsonl(path, max_bytes)
        return
    if fmt is not None:
        data = gunzip_capped(path, max_bytes) if gz else read_capped(path, max_bytes)
        if fmt == "json":
            if not data.strip():
                raise UnsupportedInput("empty file")
            yield from iter_json_file(path, data)
            return
        yield from _from_bytes(path, fmt, data)
        return
    yield from _sniffed(path, max_bytes)


def _sniffed(path: Path, max_bytes: int) -> Iterator[Document | Problem]:
    with path.open("rb") as f:
        head = f.read(HEAD_BYTES + 1)
    complete = len(head) <= HEAD_BYTES
    kind = sniff(head, complete)
    if kind == "gzip":
        inner_head = gunzip_head(path, HEAD_BYTES + 1)
        inner = sniff(inner_head, len(inner_head) <= HEAD_BYTES)
        if inner == "warc":
            yield from iter_warc(path, max_bytes)  # fastwarc reads gzip itself, record by record
            return
        data = gunzip_capped(path, max_bytes)
        yield from _dispatch_sniffed(path, inner, data, after_gunzip=True)
        return
    if kind == "warc":
        yield from iter_warc(path, max_bytes)
        return
    if kind in ("html", "text", "feed"):
        data = read_capped(path, max_bytes)
        yield from _dispatch_sniffed(path, kind, data, after_gunzip=False)
        return
    yield from _dispatch_sniffed(path, kind, head, after_gunzip=False)


def _dispatch_sniffed(path: Path, kind: str, data: bytes, after_gunzip: bool) -> Iterator[Document | Problem]:
    suffix = " after gunzip" if after_gunzip else ""
    if kind in ("html", "text", "feed"):
        yield from _from_bytes(path, kind, data)
    elif kind == "empty":
        raise UnsupportedInput(f"empty file{suffix}")
    elif kind == "arc":
        raise UnsupportedInput(_ARC_REASON)
    elif kind == "xml":
        _, root = root_element(data.lstrip(b"\xef\xbb\xbf"))
        raise UnsupportedInput(f"XML that is not an RSS/Atom/RDF feed (root element <{root}>){suffix}")
    elif kind == "gzip":
        raise UnsupportedInput("gzip inside gzip is not supported; decompress it once first")
    else:
        raise UnsupportedInput(f"binary or unknown file type ({describe_head(data)}){suffix}")


def _from_bytes(path: Path, fmt: str, data: bytes) -> Iterator[Document | Problem]:
    if not data.strip():
        raise UnsupportedInput("empty file" if not data else "empty file (only whitespace)")
    if fmt == "feed":
        yield from iter_feed(data, str(path))
        return
    if fmt not in ("html", "text"):
        raise InputError(f"cannot read {fmt} content here")  # pragma: no cover - guarded by callers
    yield Document(source=str(path), kind="file", body=data, media_type=fmt)  # type: ignore[arg-type]
