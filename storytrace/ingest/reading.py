"""Reading input bytes with a size cap, and turning failures into ``Problem``s.

The cap is checked before reading (``os.stat``) where the size is known, and while
streaming where it is not (gzip), so a 2 GB file or a gzip bomb never lands in memory.
"""

from __future__ import annotations

import gzip
import os
import zlib
from pathlib import Path

from ..errors import InputError, TooLarge
from ..model import Problem

STAGE = "ingest"
_CHUNK = 1 << 20

#: Exceptions that a bad input item (not a bug in storytrace) can raise while we
#: read or parse it. ``iter_documents`` turns these into ``Problem``s.
ITEM_ERRORS: tuple[type[BaseException], ...] = (
    InputError,
    OSError,
    EOFError,
    ValueError,  # includes UnicodeError and json.JSONDecodeError
    zlib.error,
    RecursionError,
    MemoryError,
)


def problem(item: str, reason: str, kind: str = "failed") -> Problem:
    """A one-line ingest problem; ``kind`` is "skipped" or "failed"."""
    return Problem(item=item, stage=STAGE, reason=reason, kind="skipped" if kind == "skipped" else "failed")


def problem_from(item: str, exc: BaseException) -> Problem:
    """Describe an exception raised while reading ``item`` as a ``Problem``."""
    if isinstance(exc, InputError):
        return problem(item, str(exc), exc.problem_kind)
    if isinstance(exc, RecursionError):
        return problem(item, "nested too deeply to parse (recursion limit)")
    if isinstance(exc, MemoryError):
        return problem(item, "out of memory while reading; lower --max-bytes")
    if isinstance(exc, OSError) and exc.strerror:
        return problem(item, f"cannot read: {exc.strerror}")
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return problem(item, f"{type(exc).__name__}: {text}" if text else type(exc).__name__)


def too_large(size: int, cap: int) -> TooLarge:
    return TooLarge(f"{size:,} bytes, over the max_bytes cap of {cap:,}; raise --max-bytes to read it")


def read_capped(path: Path, cap: int) -> bytes:
    """The whole file, or ``TooLarge`` if it is over ``cap`` bytes (checked before reading)."""
    with path.open("rb") as f:
        size = os.fstat(f.fileno()).st_size
        if size > cap:
            raise too_large(size, cap)
        # size + 1 (not cap + 1): read(n) allocates n bytes up front. The extra
        # byte notices a file that grew since fstat; growth past the cap is refused.
        data = f.read(size + 1)
        if len(data) > size:
            data += f.read(cap + 1 - len(data))
    if len(data) > cap:
        raise too_large(len(data), cap)
    return data


def gunzip_capped(path: Path, cap: int) -> bytes:
    """Decompress a gzip file, stopping as soon as the output passes ``cap`` bytes.

    Raises ``TooLarge`` over the cap and ``InputError`` for a truncated or corrupt
    stream (so a gzip bomb costs at most ``cap`` bytes of memory).
    """
    parts: list[bytes] = []
    total = 0
    try:
        with gzip.open(path, "rb") as f:
            while True:
                chunk = f.read(_CHUNK)
                if not chunk:
                    break
                total += len(chunk)
                if total > cap:
                    raise TooLarge(
                        f"over {cap:,} bytes after gunzip, the max_bytes cap; raise --max-bytes to read it"
                    )
                parts.append(chunk)
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise InputError(f"truncated or corrupt gzip: {exc}") from None
    return b"".join(parts)


def gunzip_head(path: Path, size: int) -> bytes:
    """The first ``size`` decompressed bytes of a gzip file (for sniffing)."""
    try:
        with gzip.open(path, "rb") as f:
            return f.read(size)
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise InputError(f"truncated or corrupt gzip: {exc}") from None


def decompress_capped(data: bytes, cap: int, wbits: int = 31) -> bytes:
    """Inflate gzip (``wbits=31``), zlib (15) or raw deflate (-15) bytes, at most ``cap`` out.

    Handles concatenated gzip members. Raises ``TooLarge`` over the cap and
    ``InputError`` for a truncated or corrupt stream.
    """
    out: list[bytes] = []
    total = 0
    try:
        while data:
            d = zlib.decompressobj(wbits=wbits)
            buf = data
            while not d.eof:
                chunk = d.decompress(buf, _CHUNK)
                total += len(chunk)
                if total > cap:
                    raise TooLarge(
                        f"over {cap:,} bytes after decompression, the max_bytes cap; raise --max-bytes"
                    )
                out.append(chunk)
                buf = d.unconsumed_tail
                if not chunk and not buf:
                    break
            if not d.eof:
                raise InputError("truncated or corrupt compressed data: stream ended early")
            data = d.unused_data.lstrip(b"\x00") if wbits == 31 else b""
    except zlib.error as exc:
        raise InputError(f"corrupt compressed data: {exc}") from None
    return b"".join(out)
