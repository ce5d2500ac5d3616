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
