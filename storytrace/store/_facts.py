"""The fact tables of the store (mixed into ``Store``; all fact SQL lives here)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager

from ..model import Figure, Quote

_FIGURE_COLUMNS = (
    "start, end, text, value, unit, qualifier, qualifier_class, counted, measure, time_ref, attribution,"
    " sentence_start, sentence_end"
)
_QUOTE_COLUMNS = "start, end, text, speaker, speaker_kind, verb, outlet"
_F = ", ".join(f"f.{c.strip()}" for c in _FIGURE_COLUMNS.split(","))
_Q = ", ".join(f"q.{c.strip()}" for c in _QUOTE_COLUMNS.split(","))


class FactTables:
    """Fact reads and writes; ``Store`` provides the connection and transactions."""

    _conn: sqlite3.Connection

    def _transaction(self) -> AbstractContextManager[sqlite3.Connection]:  # pragma: no cover - Store's
        raise NotImplementedError

    def write_facts(
        self, items: Sequence[tuple[int, Sequence[Figure], Sequence[Quote]]], *, version: str, now: str
    ) -> None:
        """Replace the facts of each (article key, figures, quotes) in one transaction."""
        with self._transaction() as conn:
            for key, figures, quotes in items:
                conn.execute("DELETE FROM figures WHERE article_key = ?", (key,))
                conn.execute("DELETE FROM quotes WHERE article_key = ?", (key,))
                conn.executemany(
                    f"INSERT INTO figures (article_key, seq, {_FIGURE_COLUMNS})"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (
                            key,
                            i,
                            f.start,
                            f.end,
                            f.text,
                            f.value,
                            f.unit,
                            f.qualifier,
                            f.qualifier_class,
                            f.counted,
                            f.measure,
                            f.time,
                            f.attribution,
                            f.sentence_start,
                            f.sentence_end,
                        )
                        for i, f in enumerate(figures)
                    ],
                )
                conn.executemany(
                    f"INSERT INTO quotes (article_key, seq, {_QUOTE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (key, i, q.start, q.end, q.text, q.speaker, q.speaker_kind, q.verb, q.outlet)
                        for i, q in enumerate(quotes)
                    ],
                )
                conn.execute(
                    "INSERT INTO fact_state (article_key, extracted_at, version) VALUES (?, ?, ?)"
                    " ON CONFLICT (article_key) DO UPDATE SET extracted_at = excluded.extracted_at,"
                    " version = excluded.version",
                    (key, now, version),
                )

    def facts_pending(self, version: str, *, after_key: int = 0, limit: int = 500) -> list[int]:
        """Keys above ``after_key`` of articles not yet read by extractor ``version``, ascending."""
        rows = self._conn.execute(
            "SELECT a.key FROM articles a LEFT JOIN fact_state s ON s.article_key = a.key"
            " WHERE a.key > ? AND (s.version IS NULL OR s.version != ?) ORDER BY a.key LIMIT ?",
            (after_key, version, limit),
        )
        return [int(r[0]) for r in rows]

    def clear_facts(self) -> None:
        with self._transaction() as conn:
            conn.execute("DELETE FROM figures")
            conn.execute("DELETE FROM quotes")
            conn.execute("DELETE FROM fact_state")

    def count_facts(self) -> dict[str, int]:
        return {
            "figures": int(self._conn.execute("SELECT count(*) FROM figures").fetchone()[0]),
            "quotes": int(self._conn.execute("SELECT count(*) FROM quotes").fetchone()[0]),
        }

    def article_meta(
        self, article_ids: Sequence[str]
    ) -> dict[str, tuple[str | None, str | None, str | None]]:
        """article id -> (outlet, published, title), without reading texts."""
        out: dict[str, tuple[str | None, str | None, str | None]] = {}
        ids = list(article_ids)
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for r in self._conn.execute(
                f"SELECT id, outlet, published, title FROM articles WHERE id IN ({marks})", chunk
            ):
                out[r[0]] = (r[1], r[2], r[3])
        return out

    def article_texts(self, article_ids: Sequence[str]) -> dict[str, str]:
        """article id -> its text (the evidence sentences of fact statuses are cut from it)."""
        out: dict[str, str] = {}
        ids = list(article_ids)
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for r in self._conn.execute(f"SELECT id, text FROM articles WHERE id IN ({marks})", chunk):
                out[r[0]] = r[1]
        return out

    def facts_of(self, article_ids: Sequence[str]) -> dict[str, tuple[list[Figure], list[Quote]]]:
        """article id -> (figures, quotes) in text order (articles without facts map to empty lists)."""
        out: dict[str, tuple[list[Figure], list[Quote]]] = {a: ([], []) for a in article_ids}
        ids = list(article_ids)
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for r in self._conn.execute(
                f"SELECT a.id, {_F} FROM figures f JOIN articles a ON a.key = f.article_key"
                f" WHERE a.id IN ({marks}) ORDER BY f.article_key, f.seq",
                chunk,
            ):
                out[r[0]][0].append(_figure(r))
            for r in self._conn.execute(
                f"SELECT a.id, {_Q} FROM quotes q JOIN articles a ON a.key = q.article_key"
                f" WHERE a.id IN ({marks}) ORDER BY q.article_key, q.seq",
                chunk,
            ):
                out[r[0]][1].append(Quote(r[0], *tuple(r)[1:]))
        return out

    def iter_figures(self, measure_words: Sequence[str] = ()) -> Iterator[Figure]:
        """Stored figures whose measure or counted words contain every one of ``measure_words``."""
        sql = f"SELECT a.id, {_F} FROM figures f JOIN articles a ON a.key = f.article_key"
        args: list[str] = []
        clauses = []
        for word in measure_words:
            clauses.append("(f.measure LIKE ? ESCAPE '\\' OR f.counted LIKE ? ESCAPE '\\')")
            like = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            args += [like, like]
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += " ORDER BY f.article_key, f.seq"
        for r in self._conn.execute(sql, args):
            yield _figure(r)

    def iter_statements(self, kind: str) -> Iterator[tuple[str, str | None, str | None, str, Figure | Quote]]:
        """Every stored figure (``kind="figures"``) or quotation (``"quotes"``) with its
        article's (id, outlet, published, text), in article then text order: what
        ``export --what figures|quotes`` writes. Each text is read once per article."""
        table, cols = ("figures", _F) if kind == "figures" else ("quotes", _Q)
        alias = "f" if kind == "figures" else "q"
        current: tuple[int, str | None, str | None, str] | None = None
        for r in self._conn.execute(
            f"SELECT a.id, {cols}, a.key, a.outlet, a.published FROM {table} {alias}"
            f" JOIN articles a ON a.key = {alias}.article_key ORDER BY {alias}.article_key, {alias}.seq"
        ):
            row = tuple(r)
            key, outlet, published = row[-3:]
            if current is None or current[0] != key:
                text = self._conn.execute("SELECT text FROM articles WHERE key = ?", (key,)).fetchone()[0]
                current = (key, outlet, published, text)
            item: Figure | Quote = Figure(row[0], *row[1:-3]) if kind == "figures" else Quote(row[0], *row[1:-3])
            yield row[0], outlet, published, current[3], item

    def measures(self, *, limit: int = 50) -> list[tuple[str, int, int]]:
        """(measure, figures, articles) most reported first: what ``figure`` can follow."""
        rows = self._conn.execute(
            "SELECT measure, count(*), count(DISTINCT article_key) FROM figures WHERE measure IS NOT NULL"
            " GROUP BY measure ORDER BY count(DISTINCT article_key) DESC, measure LIMIT ?",
            (limit,),
        )
        return [(r[0], int(r[1]), int(r[2])) for r in rows]


def _figure(r: sqlite3.Row) -> Figure:
    return Figure(r[0], *tuple(r)[1:])
