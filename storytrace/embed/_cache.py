"""The user cache folder for files derived from the installed model (never downloaded)."""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable
from pathlib import Path


def cache_dir() -> Path:
    """``$STORYTRACE_CACHE``, else the platform's user cache folder for storytrace."""
    env = os.environ.get("STORYTRACE_CACHE")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("storytrace"))


def fingerprint(path: Path) -> str:
    """A cheap identity of a model file: its size and a hash of its first megabyte."""
    with open(path, "rb") as fh:
        head = fh.read(1 << 20)
    return f"{path.stat().st_size}-{hashlib.sha256(head).hexdigest()[:16]}"


def write_atomic(path: Path, write: Callable[[Path], None]) -> bool:
    """Have ``write`` fill a temporary file beside ``path``, then move it into place.

    Readers never see a half-written file, and two processes writing at once both
    end with a whole one. ``False`` when the folder cannot be written (the caller
    builds the file again next time, which is slower but still correct).
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write(tmp)
        tmp.replace(path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        return False
    return True
