from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from storytrace import Article, NotFound, Sighting, Store, StoreError
from storytrace.model import IngestReport, Problem
from storytrace.store import _migrate


def _article(i: int, text: str | None = None, **kw: object) -> Article:
    return Article(id=f"{i:016x}", text=text or f"Article number {i} about ceasefire talks in Cairo.", **kw)  # type: ignore[arg-type]


def _seen(source: str, when: str = "2026-01-01T00:00:00+00:00") -> Sighting:
    return Sighting(source, "file", None, when, when)


def test_store_uses_wal_fts5_and_records_migrations(store: Store) -> None:
    conn = store._conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    versions = [r[0] for r in conn.execute("SELECT version FROM schema_migrations")]
    assert versions == [v for v, _, _ in _migrate.available()]
    assert store.schema_version == versions[-1]


def test_reopening_a_store_does_not_rerun_migrations(tmp_path: Path) -> None:
    with Store.open(tmp_path / "a.db") as s:
        s.write_articles([(_article(1), _seen("a.html"))])
    with Store.open(tmp_path / "a.db") as s:
        assert s.count_articles() == 1
        assert s._conn.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == s.schema_version


def test_store_from_a_newer_storytrace_is_refused(tmp_path: Path) -> None:
    with Store.open(tmp_path / "a.db") as s:
        s._conn.execute("INSERT INTO schema_migrations VALUES (999, 'future', 'now')")
    with pytest.raises(StoreError, match="newer than this storytrace"):
        Store.open(tmp_path / "a.db")


def test_a_non_sqlite_file_is_a_clear_store_error(tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("this is not a database, just some text that is long enough " * 20)
    with pytest.raises(StoreError, match="not a storytrace store"):
        Store.open(bad)


def test_directory_as_store_path_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a directory"):
        Store.open(tmp_path)


def test_same_content_is_stored_once_with_one_sighting_per_source(store: Store) -> None:
    a = _article(7)
    assert store.write_articles([(a, _seen("https://a.example/1"))]) == [True]
    assert store.write_articles([(a, _seen("https://b.example/2"))]) == [False]
    assert store.write_articles([(a, _seen("https://a.example/1", "2026-02-01T00:00:00+00:00"))]) == [False]
    got = store.get_article(a.id)
    assert [s.source for s in got.sightings] == ["https://a.example/1", "https://b.example/2"]
    first = got.sightings[0]
    assert (first.times, first.first_seen, first.last_seen) == (
        2,
        "2026-01-01T00:00:00+00:00",
        "2026-02-01T00:00:00+00:00",
    )
    assert store.count_articles() == 1


def test_failed_batch_leaves_nothing_half_written(store: Store) -> None:
    store.write_articles([(_article(1), _seen("one"))])
    broken = Sighting("two", None, None, "t", "t")  # type: ignore[arg-type]  # NOT NULL violation mid-batch
    with pytest.raises(StoreError):
        store.write_articles([(_article(3), _seen("three")), (_article(2), broken)])
    assert store.count_articles() == 1
    assert store.search("number") and len(store.search("number")) == 1
    assert store.integrity_check() == "ok"


def test_get_article_by_unique_prefix_and_clear_errors(store: Store) -> None:
    store.write_articles([(Article(id="abcd000000000001", text="x y z"), _seen("s1"))])
    store.write_articles([(Article(id="abcd000000000002", text="x y w"), _seen("s2"))])
    assert store.get_article("abcd000000000001").id == "abcd000000000001"
    with pytest.raises(NotFound, match="ambiguous"):
        store.get_article("abcd")
    with pytest.raises(NotFound, match="no article"):
        store.get_article("ffff")
    with pytest.raises(NotFound, match="not an article id"):
        store.get_article("'; DROP TABLE articles; --")
    assert store.count_articles() == 2


def test_search_ranks_title_matches_first_and_survives_bad_syntax(store: Store) -> None:
    store.write_articles(
        [
            (
                _article(1, "The talks resumed. Nothing about quakes here at all.", title="Ceasefire talks"),
                _seen("1"),
            ),
            (
                _article(
                    2,
                    "A strong earthquake hit the coast; later, ceasefire was mentioned once.",
                    title="Quake",
                ),
                _seen("2"),
            ),
            (_article(3, "Unrelated factory fire report.", title="Fire"), _seen("3")),
        ]
    )
    hits = store.search("ceasefire")
    assert [h.article.id for h in hits] == [f"{1:016x}", f"{2:016x}"]
    assert "[ceasefire]" in hits[1].snippet.lower()
    assert [h.article.id for h in store.search('"factory fire"')] == [f"{3:016x}"]
    for weird in ["ceasefire AND", '"unclosed', "NEAR(", "*", "'; DROP TABLE articles; --", "-", "a:b"]:
        store.search(weird)  # no exception
    assert store.search("   ") == []
    assert store.count_articles() == 3


def test_search_index_follows_deletes(store: Store) -> None:
    store.write_articles([(_article(1, "Harbour strike continues", title="Strike"), _seen("1"))])
    store.delete_article(f"{1:016x}")
    assert store.search("strike") == []
    assert store.sightings(f"{1:016x}") == []


def test_articles_filters_by_outlet_and_date(store: Store) -> None:
    store.write_articles(
        [
            (_article(1, outlet="Meridian Wire", published="2025-03-01"), _seen("1")),
            (_article(2, outlet="Harbor Daily", published="2025-03-05T10:00:00+00:00"), _seen("2")),
            (_article(3, outlet="Harbor Daily", published="2026-03-05"), _seen("3")),
        ]
    )
    assert [a.id[-1] for a in store.articles()] == ["3", "2", "1"]
    assert [a.id[-1] for a in store.articles(outlet="harbor daily")] == ["3", "2"]
    assert [a.id[-1] for a in store.articles(since="2025-03-02", until="2025-03-05")] == ["2"]
    assert [a.id[-1] for a in store.articles(limit=1, offset=1)] == ["2"]
    assert store.outlets() == [("Harbor Daily", 2), ("Meridian Wire", 1)]


def test_runs_and_problems_are_recorded(store: Store) -> None:
    run = store.start_run("ingest")
    report = IngestReport(run_id=run, problems=[Problem("x.bin", "ingest", "binary file", "skipped")])
    store.record_problems(run, report.problems)
    store.finish_run(run, report)
    assert store.problems(run) == report.problems
    assert store.runs()[0]["skipped"] == 1


def test_concurrent_reader_sees_committed_data_while_writer_works(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    with Store.open(path) as writer:
        writer.write_articles([(_article(1), _seen("1"))])
        reader = sqlite3.connect(path)
        errors: list[BaseException] = []

        def write_more() -> None:
            try:
                writer.write_articles([(_article(i), _seen(str(i))) for i in range(2, 200)])
            except BaseException as exc:  # noqa: BLE001  # pragma: no cover - surfaced below
                errors.append(exc)

        t = threading.Thread(target=write_more)
        t.start()
        seen = reader.execute("SELECT count(*) FROM articles").fetchone()[0]
        t.join()
        assert not errors
        assert seen in (1, 199)  # never a partial batch
        assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == 199
        reader.close()


def test_a_version_1_store_migrates_with_its_data_and_search(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = _migrate.connect(path)
    _migrate.current_version(conn)
    version, name, sql = _migrate.available()[0]
    conn.execute("BEGIN")
    for statement in _migrate._statements(sql):
        conn.execute(statement)
    conn.execute("INSERT INTO schema_migrations VALUES (?, ?, 'then')", (version, name))
    conn.execute(
        "INSERT INTO articles (id, title, text, extra, word_count, ingested_at)"
        " VALUES ('00000000000000aa', 'Old', 'Harbour strike text', '{}', 3, 't')"
    )
    conn.execute("INSERT INTO sightings VALUES ('00000000000000aa', 'old.html', 'file', NULL, 't', 't', 1)")
    conn.execute("COMMIT")
    conn.close()
    with Store.open(path) as s:
        assert s.schema_version == len(_migrate.available())
        assert [h.article.id for h in s.search("harbour")] == ["00000000000000aa"]
        assert s.get_article("00000000000000aa").sightings[0].source == "old.html"
        assert s.keys_for(["00000000000000aa"]) == {"00000000000000aa": 1}
        assert s.integrity_check() == "ok"
        s._conn.execute("VACUUM")
        assert s.keys_for(["00000000000000aa"]) == {"00000000000000aa": 1}
