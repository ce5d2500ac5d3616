"""Open SQLite the way storytrace needs it and apply numbered migrations.

Migrations are ``migrations/NNNN_name.sql`` files applied in order, each in its own
transaction, and recorded in ``schema_migrations``; a store written by a newer
storytrace is refused rather than guessed at.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from ..errors import StoreError

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


def connect(path: Path | str) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), WAL, FKs on."""
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=30.0)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open store {path}: {exc}; check the path and its permissions") from exc
    conn.row_factory = sqlite3.Row
    try:
        if str(path) != ":memory:":
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode.lower() != "wal":  # pragma: no cover - e.g. some network filesystems
                raise StoreError(f"store {path} cannot use WAL journaling (got {mode})")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA busy_timeout = 30000")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{path} is not a storytrace store (SQLite says: {exc})") from exc
    return conn


def available() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every bundled migration, in order."""
    out = []
    folder = resources.files("storytrace.store") / "migrations"
    for entry in folder.iterdir():
        m = _NAME.match(entry.name)
        if m:
            out.append((int(m.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    out.sort()
    versions = [v for v, _, _ in out]
    if versions != list(range(1, len(versions) + 1)):  # pragma: no cover - packaging bug
        raise StoreError(f"migrations are not numbered 1..n: {versions}")
    return out


def current_version(conn: sqlite3.Connection) -> int:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    row = conn.execute("SELECT max(version) FROM schema_migrations").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the schema up to date; returns the version now in force."""
    try:
        version = current_version(conn)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"not a storytrace store (SQLite says: {exc})") from exc
    migrations = available()
    latest = migrations[-1][0] if migrations else 0
    if version > latest:
        raise StoreError(
            f"store schema version {version} is newer than this storytrace knows ({latest}); "
            "upgrade storytrace"
        )
    for number, name, sql in migrations:
        if number <= version:
            continue
        # executescript would COMMIT implicitly; run the statements inside our own
        # transaction so a failed migration leaves the store as it was.
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (number, name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            conn.execute("ROLLBACK")
            raise StoreError(f"migration {name} failed: {exc}") from exc
        version = number
    return version


def _statements(sql: str) -> list[str]:
    """Split a migration into complete statements (triggers hold inner semicolons)."""
    out: list[str] = []
    buf = ""
    for line in sql.splitlines(keepends=True):
        if line.lstrip().startswith("--") and not buf.strip():
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out
