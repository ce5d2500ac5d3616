"""The SQLite store: the only place in storytrace that speaks SQL."""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import NotFound, StoreError
from ..model import Article, Direction, Edit, IngestReport, Passage, Problem, ReuseLink, SearchHit, Sighting
from . import _migrate
from ._facts import FactTables
from ._stories import StoryTables

_ARTICLE_COLUMNS = (
    "id, title, text, published, outlet, author, language, url, canonical_url, extra, ingested_at"
)
_ID_PREFIX = re.compile(r"^[0-9a-f]{4,16}$")


def utcnow() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store(StoryTables, FactTables):
    """A storytrace store in one SQLite file (WAL mode, FTS5, numbered migrations).

    Reads may run from any thread; writes are serialised through one lock and run
    in ``BEGIN IMMEDIATE`` transactions so a failed batch leaves nothing half-written.

    >>> store = Store.open(":memory:")
    >>> store.count_articles()
    0
    """

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self._conn = conn
        self.path = path
        self._write_lock = threading.RLock()
        self.schema_version = _migrate.migrate(conn)

    @classmethod
    def open(cls, path: str | Path) -> Store:
        """Open (creating if needed) the store at ``path`` and migrate it."""
        text = str(path)
        if text != ":memory:":
            p = Path(text).expanduser()
            if p.is_dir():
                raise StoreError(f"store path {p} is a directory; give a file path like {p / 'news.db'}")
            try:
                p.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the folder for store {p}: {exc}") from exc
            text = str(p)
        return cls(_migrate.connect(text), text)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Store:  # noqa: PYI034 - subclasses are not expected
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._write_lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            else:
                self._conn.execute("COMMIT")

    # -- writing -------------------------------------------------------------

    def write_articles(self, items: Sequence[tuple[Article, Sighting]]) -> list[bool]:
        """Store articles and their sightings in one transaction.

        Returns, per item, True when the article is new and False when the same
        content was already stored (then only its sighting is added or bumped).
        """
        new: list[bool] = []
        try:
            with self._transaction() as conn:
                for article, sighting in items:
                    cur = conn.execute(
                        f"INSERT OR IGNORE INTO articles ({_ARTICLE_COLUMNS}, word_count) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (
                            article.id,
                            article.title,
                            article.text,
                            article.published,
                            article.outlet,
                            article.author,
                            article.language,
                            article.url,
                            article.canonical_url,
                            json.dumps(article.extra, ensure_ascii=False, sort_keys=True, default=str),
                            article.ingested_at or sighting.first_seen,
                            article.word_count,
                        ),
                    )
                    new.append(cur.rowcount == 1)
                    conn.execute(
                        "INSERT INTO sightings (article_id, source, kind, url, first_seen, last_seen, times)"
                        " VALUES (?, ?, ?, ?, ?, ?, 1)"
                        " ON CONFLICT (article_id, source) DO UPDATE SET"
                        " last_seen = excluded.last_seen, times = sightings.times + 1,"
                        " url = coalesce(excluded.url, sightings.url)",
                        (
                            article.id,
                            sighting.source,
                            sighting.kind,
                            sighting.url,
                            sighting.first_seen,
                            sighting.last_seen,
                        ),
                    )
        except sqlite3.Error as exc:
            raise StoreError(f"writing {len(items)} articles to {self.path} failed: {exc}") from exc
        return new

    def start_run(self, command: str) -> int:
        with self._transaction() as conn:
            cur = conn.execute("INSERT INTO runs (command, started_at) VALUES (?, ?)", (command, utcnow()))
            return int(cur.lastrowid or 0)

    def record_problems(self, run_id: int, problems: Iterable[Problem]) -> None:
        rows = [(run_id, p.item, p.stage, p.kind, p.reason) for p in problems]
        if not rows:
            return
        with self._transaction() as conn:
            conn.executemany(
                "INSERT INTO problems (run_id, item, stage, kind, reason) VALUES (?, ?, ?, ?, ?)", rows
            )

    def finish_run(self, run_id: int, report: IngestReport) -> None:
        c = report.counts()
        with self._transaction() as conn:
            conn.execute(
                "UPDATE runs SET finished_at = ?, ingested = ?, duplicates = ?, skipped = ?, failed = ?"
                " WHERE id = ?",
                (utcnow(), c["ingested"], c["duplicates"], c["skipped"], c["failed"], run_id),
            )

    def delete_article(self, article_id: str) -> None:
        full = self.resolve_id(article_id)
        with self._transaction() as conn:
            conn.execute("DELETE FROM articles WHERE id = ?", (full,))

    # -- reading -------------------------------------------------------------

    def count_articles(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def resolve_id(self, article_id: str) -> str:
        """The full id for ``article_id`` or a unique prefix of it (at least 4 characters)."""
        key = article_id.strip().lower()
        if not _ID_PREFIX.match(key):
            raise NotFound(
                f"{article_id!r} is not an article id; ids are 16 hex characters (see 'storytrace list')"
            )
        if len(key) == 16:
            if self._conn.execute("SELECT 1 FROM articles WHERE id = ?", (key,)).fetchone():
                return key
            raise NotFound(f"no article {key} in {self.path}; see 'storytrace list'")
        rows = self._conn.execute(
            "SELECT id FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT 2", (key, key + "g")
        ).fetchall()
        if not rows:
            raise NotFound(f"no article with id starting {key} in {self.path}; see 'storytrace list'")
        if len(rows) > 1:
            raise NotFound(f"id prefix {key} is ambiguous; give more characters")
        return str(rows[0][0])

    def get_article(self, article_id: str) -> Article:
        full = self.resolve_id(article_id)
        row = self._conn.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (full,)).fetchone()
        article = _article(row)
        article.sightings = self.sightings(full)
        return article

    def sightings(self, article_id: str) -> list[Sighting]:
        rows = self._conn.execute(
            "SELECT source, kind, url, first_seen, last_seen, times FROM sightings"
            " WHERE article_id = ? ORDER BY first_seen, source",
            (article_id,),
        ).fetchall()
        return [Sighting(*tuple(r)) for r in rows]

    def articles(
        self,
        *,
        limit: int | None = 50,
        offset: int = 0,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        with_sightings: bool = False,
    ) -> list[Article]:
        """Articles newest first (by publication, then ingest time), optionally filtered."""
        return list(
            self.iter_articles(
                limit=limit,
                offset=offset,
                outlet=outlet,
                since=since,
                until=until,
                with_sightings=with_sightings,
            )
        )

    def iter_articles(
        self,
        *,
        limit: int | None = None,
        offset: int = 0,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        with_sightings: bool = True,
        order: str = "newest",
    ) -> Iterator[Article]:
        where, params = [], []  # type: ignore[var-annotated]
        if outlet:
            where.append("outlet = ? COLLATE NOCASE")
            params.append(outlet)
        if since:
            where.append("coalesce(published, ingested_at) >= ?")
            params.append(since)
        if until:
            # A bare date as the upper bound includes that whole day.
            where.append("coalesce(published, ingested_at) < ?")
            params.append(until + "T99" if len(until) == 10 else until)
        sql = f"SELECT {_ARTICLE_COLUMNS} FROM articles"
        if where:
            sql += " WHERE " + " AND ".join(where)
        if order == "newest":
            sql += " ORDER BY coalesce(published, ingested_at) DESC, id"
        else:
            sql += " ORDER BY coalesce(published, ingested_at), id"
        sql += " LIMIT ? OFFSET ?"
        params += [-1 if limit is None else limit, offset]
        cur = self._conn.cursor()
        cur.execute(sql, params)
        while batch := cur.fetchmany(500):
            sightings = self._sightings_for([r["id"] for r in batch]) if with_sightings else {}
            for row in batch:
                article = _article(row)
                article.sightings = sightings.get(article.id, [])
                yield article

    def _sightings_for(self, ids: list[str]) -> dict[str, list[Sighting]]:
        out: dict[str, list[Sighting]] = {}
        marks = ",".join("?" * len(ids))
        for r in self._conn.execute(
            "SELECT article_id, source, kind, url, first_seen, last_seen, times FROM sightings"
            f" WHERE article_id IN ({marks}) ORDER BY first_seen, source",
            ids,
        ):
            out.setdefault(r[0], []).append(Sighting(*tuple(r)[1:]))
        return out

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Full-text search over titles and texts, best match first (BM25, titles weigh 5x).

        FTS5 query syntax (``"exact phrase"``, ``OR``, ``NOT``, ``prefix*``) works; a
        query that is not valid FTS5 is searched as plain words instead.
        """
        if not query.strip():
            return []
        try:
            return self._search(query, limit, offset)
        except sqlite3.OperationalError:
            words = re.findall(r"\w+", query)
            if not words:
                return []
            return self._search(" ".join(f'"{w}"' for w in words), limit, offset)

    def _search(self, match: str, limit: int, offset: int) -> list[SearchHit]:
        rows = self._conn.execute(
            f"SELECT {', '.join('a.' + c.strip() for c in _ARTICLE_COLUMNS.split(','))},"
            " bm25(articles_fts, 5.0, 1.0) AS rank,"
            " snippet(articles_fts, 1, '[', ']', '…', 16) AS snip"
            " FROM articles_fts JOIN articles a ON a.key = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?",
            (match, limit, offset),
        ).fetchall()
        return [SearchHit(_article(r), float(r["rank"]), r["snip"]) for r in rows]

    def outlet_of_all(self) -> dict[str, str | None]:
        return {r[0]: r[1] for r in self._conn.execute("SELECT id, outlet FROM articles")}

    def data_version(self) -> int:
        """Changes whenever another connection commits to the store (SQLite's data_version)."""
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def outlets(self) -> list[tuple[str, int]]:
        rows = self._conn.execute(
            "SELECT coalesce(outlet, '(unknown)'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC, 1"
        ).fetchall()
        return [(r[0], int(r[1])) for r in rows]

    def runs(self, limit: int = 20) -> list[dict[str, Any]]:
        rows = self._conn.execute("SELECT * FROM runs ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
        return [dict(r) for r in rows]

    def problems(self, run_id: int | None = None) -> list[Problem]:
        if run_id is None:
            rows = self._conn.execute("SELECT item, stage, reason, kind FROM problems ORDER BY id").fetchall()
        else:
            rows = self._conn.execute(
                "SELECT item, stage, reason, kind FROM problems WHERE run_id = ? ORDER BY id", (run_id,)
            ).fetchall()
        return [Problem(*tuple(r)) for r in rows]

    # -- reuse links and the indexes beside the store ---------------------------

    def keys_for(self, ids: Sequence[str]) -> dict[str, int]:
        """The stable integer key of each stored article id (the reuse indexes use keys)."""
        out: dict[str, int] = {}
        for chunk in _chunks(list(ids), 500):
            marks = ",".join("?" * len(chunk))
            for r in self._conn.execute(f"SELECT id, key FROM articles WHERE id IN ({marks})", chunk):
                out[r[0]] = int(r[1])
        return out

    def articles_by_key(self, keys: Sequence[int]) -> dict[int, Article]:
        out: dict[int, Article] = {}
        for chunk in _chunks(list(keys), 500):
            marks = ",".join("?" * len(chunk))
            for r in self._conn.execute(
                f"SELECT key, {_ARTICLE_COLUMNS} FROM articles WHERE key IN ({marks})", chunk
            ):
                out[int(r["key"])] = _article(r)
        return out

    def articles_by_id(self, ids: Sequence[str]) -> dict[str, Article]:
        """The stored articles among ``ids`` (full ids), without sightings; missing ids are left out."""
        out: dict[str, Article] = {}
        for chunk in _chunks(sorted(set(ids)), 500):
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id IN ({marks})"
            for r in self._conn.execute(sql, chunk):
                out[r["id"]] = _article(r)
        return out

    def keyed_after(self, after_key: int = 0, limit: int = 500) -> list[tuple[int, Article]]:
        """Up to ``limit`` (key, article) pairs in key order (= first ingest order) above ``after_key``."""
        rows = self._conn.execute(
            f"SELECT key, {_ARTICLE_COLUMNS} FROM articles WHERE key > ? ORDER BY key LIMIT ?",
            (after_key, limit),
        ).fetchall()
        return [(int(r["key"]), _article(r)) for r in rows]

    def max_key(self) -> int:
        return int(self._conn.execute("SELECT coalesce(max(key), 0) FROM articles").fetchone()[0])

    def save_links(
        self,
        links: Iterable[ReuseLink],
        *,
        replace_for: Iterable[str] = (),
        drop_pairs: Iterable[tuple[str, ...]] = (),
    ) -> int:
        """Store links (one per pair: a newer verdict on a pair replaces the old one).

        ``replace_for``: article ids whose existing links are dropped first, in the
        same transaction (used when an article is re-linked). ``drop_pairs``: pairs
        whose link is deleted (found obsolete), in the same transaction.
        """
        rows = [
            (
                link.source_id,
                link.target_id,
                link.kind,
                float(link.score),
                json.dumps(asdict(link.direction)),
                json.dumps([asdict(p) for p in link.passages]),
                json.dumps([asdict(e) for e in link.edits], ensure_ascii=False),
                utcnow(),
            )
            for link in links
        ]
        try:
            with self._transaction() as conn:
                for chunk in _chunks(list(replace_for), 500):
                    marks = ",".join("?" * len(chunk))
                    conn.execute(
                        f"DELETE FROM reuse_links WHERE source_id IN ({marks}) OR target_id IN ({marks})",
                        chunk + chunk,
                    )
                for a, b in drop_pairs:
                    conn.execute(
                        "DELETE FROM reuse_links WHERE min(source_id, target_id) = min(?, ?)"
                        " AND max(source_id, target_id) = max(?, ?)",
                        (a, b, a, b),
                    )
                for row in rows:
                    conn.execute(
                        "DELETE FROM reuse_links WHERE min(source_id, target_id) = min(?, ?)"
                        " AND max(source_id, target_id) = max(?, ?)",
                        (row[0], row[1], row[0], row[1]),
                    )
                    conn.execute(
                        "INSERT INTO reuse_links (source_id, target_id, kind, score, direction, passages,"
                        " edits, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        row,
                    )
        except sqlite3.Error as exc:
            raise StoreError(f"writing {len(rows)} reuse links to {self.path} failed: {exc}") from exc
        return len(rows)

    def link_sources(
        self,
        *,
        min_score: float = 0.0,
        kinds: Sequence[str] = ("copy", "partial", "rewrite"),
        touching: Sequence[str] | None = None,
    ) -> dict[str, set[str]]:
        """article id -> the articles it took text from (the sources of its links).

        ``touching``: only the links with one of these articles at either end (read
        through the link indexes, so a batch costs the same in a store of millions).
        """
        out: dict[str, set[str]] = {}
        marks = ",".join("?" * len(kinds))
        # Copy families read a link in the orientation its kind was settled in
        # (``Direction.family_reversed``; the detector's ``_family_ends``).
        sql = (
            "SELECT CASE WHEN json_extract(direction, '$.family_reversed') THEN source_id ELSE target_id END,"
            " CASE WHEN json_extract(direction, '$.family_reversed') THEN target_id ELSE source_id END"
            f" FROM reuse_links WHERE score >= ? AND kind IN ({marks})"
        )
        if touching is None:
            rows: Iterable[Any] = self._conn.execute(sql, (min_score, *kinds))
        else:
            ids = sorted(set(touching))
            rows = []
            for start in range(0, len(ids), 400):
                chunk = ids[start : start + 400]
                at = ",".join("?" * len(chunk))
                rows += self._conn.execute(
                    f"{sql} AND target_id IN ({at}) UNION {sql} AND source_id IN ({at})",
                    (min_score, *kinds, *chunk, min_score, *kinds, *chunk),
                ).fetchall()
        for r in rows:
            out.setdefault(r[0], set()).add(r[1])
        return out

    def clear_links(self) -> None:
        with self._transaction() as conn:
            conn.execute("DELETE FROM reuse_links")

    def links(self, article_id: str | None = None, *, kind: str | None = None) -> list[ReuseLink]:
        """Links touching ``article_id`` (as source or target), or all links; strongest first."""
        return list(self.iter_links(article_id, kind=kind))

    def iter_links(self, article_id: str | None = None, *, kind: str | None = None) -> Iterator[ReuseLink]:
        where, params = [], []  # type: ignore[var-annotated]
        if article_id is not None:
            full = self.resolve_id(article_id)
            where.append("(source_id = ? OR target_id = ?)")
            params += [full, full]
        if kind is not None:
            where.append("kind = ?")
            params.append(kind)
        sql = "SELECT source_id, target_id, kind, score, direction, passages, edits FROM reuse_links"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY score DESC, source_id, target_id" if article_id else " ORDER BY id"
        for r in self._conn.execute(sql, params):
            yield _link(r)

    def links_from(self, source_ids: Iterable[str], *, kinds: Sequence[str] | None = None) -> list[ReuseLink]:
        """Links that take text from any of ``source_ids`` (full ids), strongest first.

        One query per 400 ids through the source index: following a copy family
        down one generation costs one round trip, not one per article.
        """
        ids = sorted(set(source_ids))
        sql = "SELECT source_id, target_id, kind, score, direction, passages, edits FROM reuse_links"
        kind_filter = ""
        if kinds is not None:
            kind_filter = f" AND kind IN ({','.join('?' * len(kinds))})"
        out: list[ReuseLink] = []
        for chunk in _chunks(ids, 400):
            marks = ",".join("?" * len(chunk))
            rows = self._conn.execute(
                f"{sql} WHERE source_id IN ({marks}){kind_filter}", (*chunk, *(kinds or ()))
            )
            out += [_link(r) for r in rows]
        out.sort(key=lambda x: (-x.score, x.source_id, x.target_id))
        return out

    def count_links(self) -> dict[str, int]:
        rows = self._conn.execute("SELECT kind, count(*) FROM reuse_links GROUP BY kind").fetchall()
        return {r[0]: int(r[1]) for r in rows}

    def outlet_reuse(self) -> list[dict[str, Any]]:
        """Per outlet: articles, how many are copies/rewrites/partial reuses of others, of whom.

        A link whose direction is only a guess by ingest order (no dates, no sign in the
        texts) accuses neither side: it is counted under ``undirected`` for both outlets'
        articles, not as a copy by one and a source for the other.
        """
        stats: dict[str, dict[str, Any]] = {}
        for name, n in self.outlets():
            stats[name] = {
                "outlet": name,
                "articles": n,
                "copy": 0,
                "rewrite": 0,
                "partial": 0,
                "reused_by_others": 0,
                "undirected": 0,
                "sources": {},
            }
        guess = "json_extract(l.direction, '$.decided_by') = 'ingest_order'"
        rows = self._conn.execute(
            "SELECT coalesce(t.outlet, '(unknown)') AS t_outlet, coalesce(s.outlet, '(unknown)') AS s_outlet,"
            " l.kind, count(DISTINCT l.target_id) AS n"
            " FROM reuse_links l JOIN articles t ON t.id = l.target_id JOIN articles s ON s.id = l.source_id"
            f" WHERE NOT {guess} GROUP BY 1, 2, 3"
        ).fetchall()
        for r in rows:
            st = stats[r["t_outlet"]]
            st[r["kind"]] += int(r["n"])
            if r["s_outlet"] != r["t_outlet"]:
                st["sources"][r["s_outlet"]] = st["sources"].get(r["s_outlet"], 0) + int(r["n"])
            stats[r["s_outlet"]]["reused_by_others"] += int(r["n"]) if r["s_outlet"] != r["t_outlet"] else 0
        for outlet, n in self._conn.execute(
            "SELECT coalesce(a.outlet, '(unknown)'), count(*) FROM articles a JOIN"
            f" (SELECT l.source_id AS id FROM reuse_links l WHERE {guess}"
            f" UNION SELECT l.target_id FROM reuse_links l WHERE {guess}) g ON g.id = a.id GROUP BY 1"
        ).fetchall():
            stats[outlet]["undirected"] = int(n)
        derived = dict(
            self._conn.execute(
                "SELECT coalesce(a.outlet, '(unknown)'), count(DISTINCT l.target_id) FROM reuse_links l"
                f" JOIN articles a ON a.id = l.target_id WHERE l.kind IN ('copy', 'rewrite') AND NOT {guess}"
                " GROUP BY 1"
            ).fetchall()
        )
        for st in stats.values():
            st["derived"] = int(derived.get(st["outlet"], 0))
        return list(stats.values())

    def get_index_state(self, name: str) -> tuple[int, str] | None:
        row = self._conn.execute(
            "SELECT max_key, version FROM index_state WHERE name = ?", (name,)
        ).fetchone()
        return (int(row[0]), str(row[1])) if row else None

    def set_index_state(self, name: str, max_key: int, version: str) -> None:
        with self._transaction() as conn:
            conn.execute(
                "INSERT INTO index_state (name, max_key, version, saved_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (name) DO UPDATE SET max_key = excluded.max_key, version = excluded.version,"
                " saved_at = excluded.saved_at",
                (name, max_key, version, utcnow()),
            )

    def integrity_check(self) -> str:
        return str(self._conn.execute("PRAGMA integrity_check").fetchone()[0])


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _link(row: sqlite3.Row) -> ReuseLink:
    return ReuseLink(
        source_id=row["source_id"],
        target_id=row["target_id"],
        kind=row["kind"],
        score=float(row["score"]),
        direction=Direction(**json.loads(row["direction"])),
        passages=[Passage(**p) for p in json.loads(row["passages"])],
        edits=[Edit(**e) for e in json.loads(row["edits"])],
    )


def _article(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"],
        title=row["title"],
        text=row["text"],
        published=row["published"],
        outlet=row["outlet"],
        author=row["author"],
        language=row["language"],
        url=row["url"],
        canonical_url=row["canonical_url"],
        extra=json.loads(row["extra"]),
        ingested_at=row["ingested_at"],
    )
