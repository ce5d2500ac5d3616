"""Persistence: one SQLite file per store. All SQL in storytrace lives in this package."""

from ._store import Store, utcnow
from ._stories import StoryMove, StorySummary, StoryWrite

__all__ = ["Store", "StoryMove", "StorySummary", "StoryWrite", "open_store", "utcnow"]


def open_store(path: str | None = None) -> Store:
    """Open the store at ``path``, or the default one (``STORYTRACE_DB`` or the user data folder)."""
    from ..settings import Config, default_db_path

    return Store.open(path if path else default_db_path(Config.load()))
