"""Shared fixtures: a fresh store, the demo corpus ingested once, ../shared/data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from storytrace import Config, Store, ingest
from storytrace.demo import corpus_dir

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "test.db") as s:
        yield s


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The demo corpus ingested once per test session (read-only for tests)."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with Store.open(path) as s:
        ingest(s, [corpus_dir()], config=Config.load(env={}))
        yield s


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data beside the checkout; evaluation tests skip without it."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"evaluation data not found at {SHARED_DATA} (CI has it; a fresh clone may not)")
    return SHARED_DATA


XSS_FILES = "xss-payloads"


def xss_payloads(shared: Path) -> list[str]:
    """Every payload line of ../shared/data/malformed/xss-payloads (deduplicated, file order)."""
    seen: dict[str, None] = {}
    folder = shared / "malformed" / XSS_FILES
    for path in sorted(folder.glob("*.txt")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.strip():
                seen.setdefault(line.strip(), None)
    return list(seen)


@pytest.fixture(scope="session")
def xss_store(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> Iterator[Store]:
    """A store whose titles, texts, outlets and URLs are the public XSS payload lists."""
    import json

    payloads = xss_payloads(shared_data)
    folder = tmp_path_factory.mktemp("xss")
    records = []
    for n, i in enumerate(range(0, len(payloads), 50)):
        chunk = payloads[i : i + 50]
        body = "\n\n".join(
            f"Paragraph {k} of the report says {p} and the story goes on here." for k, p in enumerate(chunk)
        )
        records.append(
            {
                "title": chunk[0],
                "outlet": chunk[1 % len(chunk)][:120],
                "url": chunk[2 % len(chunk)],
                "author": chunk[3 % len(chunk)],
                "published": f"2025-0{1 + n % 9}-1{n % 10}T10:00:00+00:00",
                "text": body,
            }
        )
    path = folder / "payloads.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    with Store.open(folder / "xss.db") as s:
        ingest(s, [path], config=Config.load(env={}, reuse="lexical"))
        yield s
