"""The story tables of the store (mixed into ``Store``; all story SQL lives here)."""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ..errors import ConfigError, NotFound, StoreError
from ..model import Entity, Story, StoryChange, StoryMember

_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


@dataclass(slots=True)
class StoryWrite:
    """One article's story assignment, as the tracker hands it to the store."""

    article_key: int
    story_id: str
    score: float
    reason: str
    title: str | None
    headline_score: float  # how well the title fits the story (-1: no title)
    published: str | None
    published_time: float | None  # ``published`` in UTC seconds
    time: float | None  # the clustering time (published)
    entities: dict[str, Any]
    vector: bytes | None = None  # float16 story vector


@dataclass(slots=True)
class StoryMove:
    """An article that settling moved from one story to another (or to a story of its own)."""

    article_key: int
    article_id: str
    from_id: str
    to_id: str
    score: float
    reason: str  # "moved from <story>" or "left <story>" (it now starts its own)


@dataclass(slots=True)
class StorySummary:
    """A story's figures recomputed after settling moved articles in or out."""

    id: str
    n_articles: int
    headline: str | None
    headline_score: float
    first_published: str | None
    first_time: float | None
    last_published: str | None
    last_time: float | None
    merged_into: str | None = None  # an emptied story redirects where its last article went


def _utc_seconds(value: str, name: str, *, end_of_day: bool = False) -> float:
    """A ``--since``/``--until`` date or datetime as UTC seconds (dates: midnight, or the day's end)."""
    try:
        dt = datetime.fromisoformat(value.strip())
    except ValueError as exc:
        raise ConfigError(f"{name} {value!r} is not a date; use YYYY-MM-DD or an ISO 8601 datetime") from exc
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    seconds = dt.timestamp()
    if end_of_day and len(value.strip()) == 10:
        seconds += 86400 - 1e-3
    return seconds


class StoryTables:
    """Story reads and writes; ``Store`` provides the connection and transactions."""

    _conn: sqlite3.Connection
    path: str

    def _transaction(self) -> AbstractContextManager[sqlite3.Connection]:  # pragma: no cover - Store's
        raise NotImplementedError

    # -- writing -------------------------------------------------------------

    def write_stories(
        self, writes: Sequence[StoryWrite], merges: Sequence[tuple[str, str]] = (), *, now: str
    ) -> None:
        """Store a batch of assignments and the merges they caused, in one transaction.

        ``merges``: (ended story, surviving story), in the order they happened.
        """
        try:
            with self._transaction() as conn:
                for w in writes:
                    conn.execute(
                        "INSERT INTO stories (id, created_at, updated_at) VALUES (?, ?, ?)"
                        " ON CONFLICT (id) DO NOTHING",
                        (w.story_id, now, now),
                    )
                    conn.execute(
                        "INSERT INTO article_stories (article_key, story_id, score, reason, assigned_at)"
                        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (article_key) DO UPDATE SET"
                        " story_id = excluded.story_id, score = excluded.score, reason = excluded.reason,"
                        " assigned_at = excluded.assigned_at",
                        (w.article_key, w.story_id, w.score, w.reason, now),
                    )
                    conn.execute(
                        "INSERT OR REPLACE INTO story_features (article_key, time, entities, vector)"
                        " VALUES (?, ?, ?, ?)",
                        (
                            w.article_key,
                            w.time,
                            json.dumps(w.entities, ensure_ascii=False, sort_keys=True),
                            w.vector,
                        ),
                    )
                    conn.execute(
                        "UPDATE stories SET n_articles = n_articles + 1, updated_at = ?,"
                        " headline = CASE WHEN ? > headline_score THEN ? ELSE headline END,"
                        " headline_score = max(headline_score, ?) WHERE id = ?",
                        (now, w.headline_score, w.title, w.headline_score, w.story_id),
                    )
                    if w.published_time is not None:
                        self._widen(
                            conn, w.story_id, w.published, w.published_time, w.published, w.published_time
                        )
                for ended, into in merges:
                    self._merge(conn, ended, into, now)
        except sqlite3.Error as exc:
            raise StoreError(f"writing {len(writes)} story assignments to {self.path} failed: {exc}") from exc

    def _merge(self, conn: sqlite3.Connection, ended: str, into: str, now: str) -> None:
        conn.execute(
            "UPDATE article_stories SET story_id = ? WHERE story_id = ?",
            (into, ended),
        )
        row = conn.execute(
            "SELECT headline, headline_score, first_published, last_published, first_time, last_time,"
            " n_articles FROM stories WHERE id = ?",
            (ended,),
        ).fetchone()
        if row is not None:
            conn.execute(
                "UPDATE stories SET n_articles = n_articles + ?, updated_at = ?,"
                " headline = CASE WHEN ? > headline_score THEN ? ELSE headline END,"
                " headline_score = max(headline_score, ?) WHERE id = ?",
                (row["n_articles"], now, row["headline_score"], row["headline"], row["headline_score"], into),
            )
            if row["first_time"] is not None:
                self._widen(
                    conn,
                    into,
                    row["first_published"],
                    row["first_time"],
                    row["last_published"],
                    row["last_time"],
                )
        conn.execute(
            "UPDATE stories SET merged_into = ?, n_articles = 0, updated_at = ? WHERE id = ?",
            (into, now, ended),
        )
        # Earlier redirects to the ended story now lead straight to the survivor.
        conn.execute("UPDATE stories SET merged_into = ? WHERE merged_into = ?", (into, ended))
        conn.execute(
            "INSERT INTO story_changes (at, kind, story_id, other_id, detail) VALUES (?, 'merged', ?, ?, ?)",
            (now, ended, into, f"{row['n_articles'] if row else 0} article(s) moved"),
        )

    @staticmethod
    def _widen(
        conn: sqlite3.Connection, sid: str, first: str | None, first_t: float, last: str | None, last_t: float
    ) -> None:
        """Stretch a story's publication span to cover ``first``..``last`` (compared in UTC)."""
        conn.execute(
            "UPDATE stories SET first_published = ?, first_time = ? WHERE id = ?"
            " AND (first_time IS NULL OR ? < first_time)",
            (first, first_t, sid, first_t),
        )
        conn.execute(
            "UPDATE stories SET last_published = ?, last_time = ? WHERE id = ?"
            " AND (last_time IS NULL OR ? > last_time)",
            (last, last_t, sid, last_t),
        )

    def apply_moves(self, moves: Sequence[StoryMove], summaries: Sequence[StorySummary], *, now: str) -> None:
        """Store what settling changed, in one transaction: the moves, each recorded as a
        ``moved`` change, and the new figures of every story they touched."""
        try:
            with self._transaction() as conn:
                for m in moves:
                    conn.execute(
                        "INSERT INTO stories (id, created_at, updated_at) VALUES (?, ?, ?)"
                        " ON CONFLICT (id) DO UPDATE SET merged_into = NULL",
                        (m.to_id, now, now),
                    )
                    conn.execute(
                        "UPDATE article_stories SET story_id = ?, score = ?, reason = ?, assigned_at = ?"
                        " WHERE article_key = ?",
                        (m.to_id, m.score, m.reason, now, m.article_key),
                    )
                    conn.execute(
                        "INSERT INTO story_changes (at, kind, story_id, other_id, detail)"
                        " VALUES (?, 'moved', ?, ?, ?)",
                        (now, m.from_id, m.to_id, f"article {m.article_id} {m.reason}"),
                    )
                for st in summaries:
                    conn.execute(
                        "UPDATE stories SET n_articles = ?, headline = ?, headline_score = ?,"
                        " first_published = ?, first_time = ?, last_published = ?, last_time = ?,"
                        " merged_into = ?, updated_at = ? WHERE id = ?",
                        (
                            st.n_articles,
                            st.headline,
                            st.headline_score,
                            st.first_published,
                            st.first_time,
                            st.last_published,
                            st.last_time,
                            st.merged_into,
                            now,
                            st.id,
                        ),
                    )
                    if st.merged_into is not None:
                        conn.execute(
                            "UPDATE stories SET merged_into = ? WHERE merged_into = ?",
                            (st.merged_into, st.id),
                        )
        except sqlite3.Error as exc:
            raise StoreError(f"writing {len(moves)} story moves to {self.path} failed: {exc}") from exc

    def record_story_change(
        self, kind: str, story_id: str, other_id: str | None, detail: str, *, now: str
    ) -> None:
        with self._transaction() as conn:
            conn.execute(
                "INSERT INTO story_changes (at, kind, story_id, other_id, detail) VALUES (?, ?, ?, ?, ?)",
                (now, kind, story_id, other_id, detail),
            )

    def redirect_story(self, story_id: str, into: str, *, now: str) -> None:
        """Keep an old story id that no longer names a story as a redirect to ``into``."""
        with self._transaction() as conn:
            conn.execute(
                "INSERT INTO stories (id, merged_into, created_at, updated_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (id) DO UPDATE SET merged_into = excluded.merged_into, n_articles = 0",
                (story_id, into, now, now),
            )

    def unassigned_after(self, after_key: int, limit: int) -> list[int]:
        """Keys above ``after_key`` of articles that have no story yet, ascending."""
        rows = self._conn.execute(
            "SELECT key FROM articles a WHERE key > ? AND NOT EXISTS"
            " (SELECT 1 FROM article_stories m WHERE m.article_key = a.key) ORDER BY key LIMIT ?",
            (after_key, limit),
        )
        return [int(r[0]) for r in rows]

    def clear_stories(self) -> None:
        """Drop every assignment and story (not the change log, not the features)."""
        with self._transaction() as conn:
            conn.execute("DELETE FROM article_stories")
            conn.execute("DELETE FROM stories")

    # -- reading -------------------------------------------------------------

    def story_assignments(self, after_key: int = 0) -> Iterator[tuple[int, str, float, str]]:
        """(article key, story id, join score, reason) in key order."""
        yield from self._conn.execute(
            "SELECT article_key, story_id, score, reason FROM article_stories WHERE article_key > ?"
            " ORDER BY article_key",
            (after_key,),
        )

    def story_features(
        self, keys: Sequence[int]
    ) -> dict[int, tuple[float | None, dict[str, Any], bytes | None]]:
        """article key -> (time, entities JSON, vector bytes) as story clustering saw them."""
        out: dict[int, tuple[float | None, dict[str, Any], bytes | None]] = {}
        for i in range(0, len(keys), 500):
            chunk = list(keys[i : i + 500])
            marks = ",".join("?" * len(chunk))
            for r in self._conn.execute(
                f"SELECT article_key, time, entities, vector FROM story_features WHERE article_key IN ({marks})",
                chunk,
            ):
                out[int(r[0])] = (r[1], json.loads(r[2]), r[3])
        return out

    def entities_of(self, article_id: str) -> list[Entity]:
        """Named entities found in an article's headline and lead when it joined a story."""
        row = self._conn.execute(
            "SELECT f.entities FROM story_features f JOIN articles a ON a.key = f.article_key WHERE a.id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            return []
        return [
            Entity(int(a), int(b), str(c), str(d), str(e))
            for a, b, c, d, e in json.loads(row[0]).get("spans", [])
        ]

    def story_of(self, article_ids: Sequence[str] | None = None) -> dict[str, str]:
        """article id -> story id (all assigned articles when ``article_ids`` is None)."""
        sql = "SELECT a.id, s.story_id FROM article_stories s JOIN articles a ON a.key = s.article_key"
        if article_ids is None:
            return {r[0]: r[1] for r in self._conn.execute(sql)}
        out: dict[str, str] = {}
        ids = list(article_ids)
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            out.update({r[0]: r[1] for r in self._conn.execute(f"{sql} WHERE a.id IN ({marks})", chunk)})
        return out

    def latest_members(self, story_ids: Sequence[str], limit: int) -> dict[str, list[tuple[int, float, str]]]:
        """story id -> its ``limit`` latest members as (article key, score, reason), key order."""
        out: dict[str, list[tuple[int, float, str]]] = {}
        for i in range(0, len(story_ids), 500):
            chunk = list(story_ids[i : i + 500])
            marks = ",".join("?" * len(chunk))
            for r in self._conn.execute(
                "SELECT story_id, article_key, score, reason FROM (SELECT story_id, article_key, score,"
                " reason, row_number() OVER (PARTITION BY story_id ORDER BY article_key DESC) AS n"
                f" FROM article_stories WHERE story_id IN ({marks})) WHERE n <= ? ORDER BY article_key",
                [*chunk, limit],
            ):
                out.setdefault(r[0], []).append((int(r[1]), float(r[2]), str(r[3])))
        return out

    def story_exists(self, story_id: str) -> bool:
        return self._conn.execute("SELECT 1 FROM stories WHERE id = ?", (story_id,)).fetchone() is not None

    def count_assigned(self) -> int:
        """Articles that have a story."""
        return int(self._conn.execute("SELECT count(*) FROM article_stories").fetchone()[0])

    def count_stories(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM stories WHERE merged_into IS NULL").fetchone()[0])

    def resolve_story(self, story_id: str) -> str:
        """The live story for an id or unique id prefix, following merge redirects."""
        row = self._conn.execute("SELECT id, merged_into FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            rows = self._conn.execute(
                "SELECT id, merged_into FROM stories WHERE id LIKE ? ESCAPE '\\' LIMIT 2",
                (story_id.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%",),
            ).fetchall()
            if len(rows) != 1:
                what = "matches several stories; give more of it" if rows else "is not a story in this store"
                raise NotFound(f"story {story_id!r} {what}; list them with: storytrace stories")
            row = rows[0]
        seen = {row["id"]}
        while row["merged_into"] is not None:
            row = self._conn.execute(
                "SELECT id, merged_into FROM stories WHERE id = ?", (row["merged_into"],)
            ).fetchone()
            if row is None or row["id"] in seen:  # pragma: no cover - a broken redirect chain
                raise StoreError(f"story {story_id!r} redirects into a loop; run: storytrace recluster")
            seen.add(row["id"])
        return str(row["id"])

    def stories(
        self,
        *,
        since: str | None = None,
        until: str | None = None,
        outlet: str | None = None,
        search: str | None = None,
        limit: int | None = 50,
        offset: int = 0,
    ) -> list[Story]:
        """Live stories, most recently published first, optionally filtered."""
        where, params = self._story_filters(since, until, outlet, search)
        sql = (
            "SELECT s.* FROM stories s WHERE "
            + " AND ".join(where)
            + " ORDER BY s.last_time IS NULL, s.last_time DESC, s.updated_at DESC, s.id"
            + (" LIMIT ? OFFSET ?" if limit is not None else "")
        )
        if limit is not None:
            params += [limit, offset]
        return [self._story(row) for row in self._run_search(sql, params, search)]

    def story_page(
        self,
        *,
        since: str | None = None,
        until: str | None = None,
        outlet: str | None = None,
        search: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[list[Story], int]:
        """One page of ``stories`` and the number of stories matching in all, in one pass.

        With filters, the ids of every match are read once (in list order) and the page is
        cut from them, so a search runs its full-text query once, not twice.
        """
        if not (since or until or outlet or search):
            return self.stories(limit=limit, offset=offset), self.count_stories_matching()
        where, params = self._story_filters(since, until, outlet, search)
        sql = (
            "SELECT s.id FROM stories s WHERE "
            + " AND ".join(where)
            + " ORDER BY s.last_time IS NULL, s.last_time DESC, s.updated_at DESC, s.id"
        )
        ids = [r[0] for r in self._run_search(sql, params, search)]
        page = ids[offset : offset + limit]
        rows = (
            {
                r["id"]: r
                for r in self._conn.execute(
                    f"SELECT * FROM stories WHERE id IN ({','.join('?' * len(page))})", page
                )
            }
            if page
            else {}
        )
        return [self._story(rows[i]) for i in page if i in rows], len(ids)

    def count_stories_matching(
        self,
        *,
        since: str | None = None,
        until: str | None = None,
        outlet: str | None = None,
        search: str | None = None,
    ) -> int:
        """How many live stories ``stories`` would list without a limit."""
        where, params = self._story_filters(since, until, outlet, search)
        sql = "SELECT count(*) FROM stories s WHERE " + " AND ".join(where)
        return int(self._run_search(sql, params, search)[0][0])

    def _run_search(self, sql: str, params: list[Any], search: str | None) -> list[sqlite3.Row]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            if search is None:
                raise
            raise StoreError(f"bad search {search!r}: {exc}; use plain words or quote a phrase") from exc

    def _story_filters(
        self, since: str | None, until: str | None, outlet: str | None, search: str | None
    ) -> tuple[list[str], list[Any]]:
        where = ["s.merged_into IS NULL", "s.n_articles > 0"]
        params: list[Any] = []
        if since:
            where.append("s.last_time >= ?")
            params.append(_utc_seconds(since, "since"))
        if until:
            where.append("s.first_time <= ?")
            params.append(_utc_seconds(until, "until", end_of_day=True))
        # Filters go from the matching articles to their stories (an index each way),
        # not from every story to its articles.
        if outlet:
            where.append(
                "s.id IN (SELECT m.story_id FROM articles a JOIN article_stories m ON m.article_key = a.key"
                " WHERE a.outlet = ?)"
            )
            params.append(outlet)
        if search:
            where.append(
                "s.id IN (SELECT m.story_id FROM article_stories m WHERE m.article_key IN"
                " (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?))"
            )
            params.append(search)
        return where, params

    def story_member_ids(self, story_id: str) -> list[str]:
        """The article ids of a live story (id as stored), in key order; no other reads."""
        rows = self._conn.execute(
            "SELECT a.id FROM article_stories m JOIN articles a ON a.key = m.article_key"
            " WHERE m.story_id = ? ORDER BY a.key",
            (story_id,),
        )
        return [r[0] for r in rows]

    def story_links(self, story_id: str) -> list[tuple[str, str, str, float, str, float]]:
        """(source, target, kind, score, direction decided by, its confidence) of the reuse
        links between a story's articles."""
        rows = self._conn.execute(
            "SELECT l.source_id, l.target_id, l.kind, l.score,"
            " json_extract(l.direction, '$.decided_by'), json_extract(l.direction, '$.confidence')"
            " FROM reuse_links l"
            " JOIN articles t ON t.id = l.target_id JOIN article_stories mt ON mt.article_key = t.key"
            " JOIN articles s ON s.id = l.source_id JOIN article_stories ms ON ms.article_key = s.key"
            " WHERE mt.story_id = ? AND ms.story_id = ? ORDER BY l.score DESC, l.source_id, l.target_id",
            (story_id, story_id),
        )
        return [(r[0], r[1], r[2], float(r[3]), str(r[4] or ""), float(r[5] or 0.0)) for r in rows]

    def story_reuse_counts(self, story_ids: Sequence[str]) -> dict[str, dict[str, int]]:
        """Per story, its articles that copy, rewrite or partly reuse another: {kind: n}."""
        out: dict[str, dict[str, int]] = {sid: {} for sid in story_ids}
        ids = list(story_ids)
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for sid, kind, n in self._conn.execute(
                "SELECT m.story_id, l.kind, count(DISTINCT l.target_id) FROM reuse_links l"
                " JOIN articles t ON t.id = l.target_id JOIN article_stories m ON m.article_key = t.key"
                f" WHERE m.story_id IN ({marks}) GROUP BY m.story_id, l.kind",
                chunk,
            ):
                out[sid][kind] = int(n)
        return out

    def get_story(self, story_id: str) -> Story:
        """One story with its articles in time order and its change history."""
        sid = self.resolve_story(story_id)
        row = self._conn.execute("SELECT * FROM stories WHERE id = ?", (sid,)).fetchone()
        story = self._story(row, with_articles=True)
        story.changes = [
            StoryChange(r["at"], r["kind"], r["story_id"], r["other_id"], r["detail"])
            for r in self._conn.execute(
                "SELECT * FROM story_changes WHERE story_id IN (SELECT id FROM stories WHERE id = ?"
                " OR merged_into = ?) OR other_id = ? ORDER BY seq",
                (sid, sid, sid),
            )
        ]
        return story

    def _members(self, sid: str) -> list[StoryMember]:
        rows = self._conn.execute(
            "SELECT a.id, a.title, a.outlet, a.published, a.ingested_at, m.score, m.reason"
            " FROM article_stories m JOIN articles a ON a.key = m.article_key"
            " LEFT JOIN story_features f ON f.article_key = m.article_key WHERE m.story_id = ?"
            " ORDER BY f.time IS NULL, f.time, a.key",
            (sid,),
        ).fetchall()
        return [StoryMember(r[0], r[1], r[2], r[3], r[4], float(r[5]), r[6]) for r in rows]

    def _story(self, row: sqlite3.Row, *, with_articles: bool = False) -> Story:
        members = self._members(row["id"])
        outlets: list[str] = []
        for m in members:
            if m.outlet and m.outlet not in outlets:
                outlets.append(m.outlet)
        first, first_by, first_tied = _first_reports(members)
        counts: Counter[str] = Counter()
        names: dict[str, str] = {}
        keys = [
            int(r[0])
            for r in self._conn.execute(
                "SELECT article_key FROM article_stories WHERE story_id = ?", (row["id"],)
            )
        ]
        for _, feats, _ in self.story_features(keys).values():
            counts.update(feats.get("entities", {}).keys())
            for k, v in feats.get("names", {}).items():
                names.setdefault(k, v)
        # One name per entity, whatever type spaCy gave it in each article.
        totals: Counter[str] = Counter()
        shown: dict[str, str] = {}
        for key, n in counts.items():
            name = names.get(key, key.split(":", 1)[-1])
            # "the Brackwater Textiles" and "Brackwater Textiles" are one name.
            fold = _LEADING_THE.sub("", name).casefold()
            totals[fold] += n
            if fold not in shown or (_LEADING_THE.match(shown[fold]) and not _LEADING_THE.match(name)):
                shown[fold] = name
        entities = [shown[k] for k, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))]
        story = Story(
            id=row["id"],
            headline=row["headline"],
            first_published=row["first_published"],
            last_published=row["last_published"],
            n_articles=int(row["n_articles"]),
            outlets=outlets,
            first_article=first.article_id if first else None,
            first_outlet=first.outlet if first else None,
            first_by=first_by,
            first_tied=first_tied,
            entities=entities[:8],
            merged_into=row["merged_into"],
            created_at=row["created_at"],
            updated_at=row["updated_at"],
        )
        if with_articles:
            story.articles = members
        return story


#: Publication times closer than this tie for "first reported" (clock skew, feeds rounding
#: to the minute); the same margin ``reuse.direction.TIME_MARGIN`` uses for who copied whom.
FIRST_REPORT_MARGIN_S = 300.0


def _first_reports(members: Sequence[StoryMember]) -> tuple[StoryMember | None, str, list[str]]:
    """``(first member, how it is known, ids tied for first)`` of a story's members.

    A date without a time ties with every article of that day; times within
    ``FIRST_REPORT_MARGIN_S`` of the earliest tie with it. With no date at all the first
    stored member is given, as ``ingest``.
    """
    dated: list[tuple[datetime, bool, StoryMember]] = []
    for m in members:
        when = _parse_when(m.published)
        if when is not None:
            dated.append((*when, m))
    if not dated:
        first = members[0] if members else None
        return first, "ingest", [first.article_id] if first else []
    start, date_only, first = min(dated, key=lambda t: (t[0], not t[1]))
    tied = []
    for when, day_only, m in dated:
        if date_only or day_only:
            same = when.date() == start.date()
        else:
            same = (when - start).total_seconds() <= FIRST_REPORT_MARGIN_S
        if same:
            tied.append(m)
    ids = [m.article_id for m in members if any(m is t for t in tied)]
    if len(ids) > 1:
        return next(m for m in members if m.article_id == ids[0]), "tie", ids
    return first, "published", ids


def _parse_when(value: str | None) -> tuple[datetime, bool] | None:
    """(UTC instant, a date without a time) of an ISO 8601 publication value."""
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        if len(text) <= 10:
            d = datetime.fromisoformat(text)
            return d.replace(tzinfo=UTC), True
        dt = datetime.fromisoformat(text)
    except ValueError:
        return None
    return (dt if dt.tzinfo else dt.replace(tzinfo=UTC)).astimezone(UTC), False
