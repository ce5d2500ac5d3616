"""Helper processes for spaCy's share of ingest.

spaCy holds Python's global lock while it reads a batch, so a second thread cannot
use a second core for it; a second process can. Each helper is one spawned process
(not forked: the parent may already run onnxruntime's and faiss's threads) that
loads its pipeline once, in the background, while ingest goes on.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor


def can_help() -> bool:
    """Whether a helper process can run here: two or more cores, and not inside a daemon."""
    # A daemon process (a Dask or multiprocessing worker) may not have children.
    return (os.cpu_count() or 1) >= 2 and not multiprocessing.current_process().daemon


class Helper:
    """One spawned process, warmed by ``warm`` (run there once, before any task)."""

    def __init__(self, warm: Callable[[], None]) -> None:
        self._pool: ProcessPoolExecutor | None = ProcessPoolExecutor(
            max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=warm
        )
        # Submitted at once, so the process starts and loads while the caller works on.
        with _main_left_out():
            self._ready: Future[None] = self._pool.submit(_nothing)

    @property
    def alive(self) -> bool:
        return self._pool is not None

    def ready(self) -> bool:
        """Started and warm (never blocks)."""
        return self._pool is not None and self._ready.done() and self._ready.exception() is None

    def submit(self, fn: Callable[..., object], *args: object) -> Future[object]:
        if self._pool is None:
            raise RuntimeError("helper process stopped")
        return self._pool.submit(fn, *args)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def processes(self) -> list[multiprocessing.process.BaseProcess]:
        """The live process (tests kill it to check the caller carries on)."""
        return list(getattr(self._pool, "_processes", {}).values())


def _nothing() -> None:
    return None


@contextlib.contextmanager
def _main_left_out() -> Iterator[None]:
    """Start processes without the caller's main script.

    A spawned child normally runs the parent's ``__main__`` file again (as
    ``__mp_main__``) before its task: a user's script without an
    ``if __name__ == "__main__"`` guard would then run its own work a second time in
    the helper. The helper needs nothing from that script (its tasks live in
    storytrace), so the script is hidden from ``multiprocessing`` while the process
    starts.
    """
    main = sys.modules.get("__main__")
    saved = {name: main.__dict__[name] for name in ("__file__", "__spec__") if main and name in main.__dict__}
    try:
        for name in saved:
            assert main is not None
            if name == "__spec__":
                main.__spec__ = None
            else:
                del main.__dict__[name]
        yield
    finally:
        if main is not None:
            main.__dict__.update(saved)
