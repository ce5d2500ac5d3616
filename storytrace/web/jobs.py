"""Ingest jobs started from the web: the CLI's ingest, run in one background worker.

Uploads are written to a private temporary folder first (each capped in size),
then ``storytrace.ingest`` reads them exactly as ``storytrace ingest`` would. Jobs
run one at a time, so two uploads never race for the store's write lock, and the
page polls ``/api/jobs/{id}`` for progress.
"""

from __future__ import annotations

import re
import secrets
import shutil
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Problem
from ..pipeline import Progress, ingest
from ..settings import Config
from ..store import Store, utcnow

__all__ = ["IngestJob", "JobRunner"]


@dataclass(slots=True)
class IngestJob:
    id: str
    state: str  # "queued", "running", "done", "failed"
    created_at: str
    inputs: list[str]  # file names and URLs, as given
    done: int = 0
    total: int = 0
    current: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    stories: dict[str, int] = field(default_factory=dict)
    links: dict[str, int] = field(default_factory=dict)
    facts: dict[str, int] = field(default_factory=dict)
    error: str | None = None
    finished_at: str | None = None


class JobRunner:
    """Runs ingest jobs one after another in a background thread; keeps the last ``keep``."""

    def __init__(self, store: Store, config: Config, *, keep: int = 100, on_done: object = None) -> None:
        self.store = store
        self.config = config
        self.keep = keep
        self.on_done = on_done
        self.jobs: dict[str, IngestJob] = {}
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="storytrace-ingest")

    def submit(self, files: list[tuple[str, bytes]], urls: list[str]) -> IngestJob:
        folder = Path(tempfile.mkdtemp(prefix="storytrace-upload-"))
        paths = []
        for i, (name, data) in enumerate(files):
            # An uploaded name is untrusted (slashes, NULs, ".."): keep its safe characters only.
            safe = re.sub(r"[^A-Za-z0-9._-]", "_", Path(name.replace("\\", "/")).name).lstrip(".")[:100]
            path = folder / f"{i:04d}-{safe or 'upload'}"
            path.write_bytes(data)
            paths.append(path)
        job = IngestJob(secrets.token_hex(8), "queued", utcnow(), [n for n, _ in files] + urls)
        with self._lock:
            self.jobs[job.id] = job
            while len(self.jobs) > self.keep:
                self.jobs.pop(next(iter(self.jobs)))
        self._pool.submit(self._run, job, folder, paths, urls)
        return job

    def get(self, job_id: str) -> IngestJob | None:
        with self._lock:
            return self.jobs.get(job_id)

    def _run(self, job: IngestJob, folder: Path, paths: list[Path], urls: list[str]) -> None:
        job.state = "running"
        job.total = len(paths) + len(urls)

        def progress(p: Progress) -> None:
            job.done, job.total, job.current = p.done, p.total, p.item

        try:
            report = ingest(
                self.store, paths, urls, config=self.config, progress=progress, command="web ingest"
            )
        except Exception as exc:  # noqa: BLE001 - the job reports it; the server goes on
            job.state, job.error = "failed", f"{type(exc).__name__}: {exc}"
        else:
            job.state = "done"
            job.counts = report.counts()
            job.problems = report.problems
            job.stories, job.links, job.facts = dict(report.stories), dict(report.links), dict(report.facts)
            if callable(self.on_done):
                self.on_done()
        finally:
            job.finished_at = utcnow()
            job.current = None
            shutil.rmtree(folder, ignore_errors=True)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        self.store.close()
