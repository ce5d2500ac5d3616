from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from storytrace import Article, ExportError, Sighting, Store, export, export_to
from storytrace.export import ARTICLE_FIELDS


@pytest.fixture
def filled(store: Store) -> Store:
    a = Article(
        id="00000000000000a1",
        text='First para.\n\nSecond, with "quotes", commas and <script>x</script>.',
        title="T1",
        outlet="Meridian Wire",
        published="2025-03-01",
        extra={"desk": "world", "n": 3},
    )
    b = Article(id="00000000000000b2", text="Another text", title=None)
    store.write_articles([(a, Sighting("https://x.example/1", "url", "https://x.example/1", "t1", "t1"))])
    store.write_articles([(a, Sighting("/data/a.html", "file", None, "t2", "t2"))])
    store.write_articles([(b, Sighting("/data/b.txt", "file", None, "t3", "t3"))])
    return store


def test_jsonl_has_documented_fields_sightings_and_extra(filled: Store) -> None:
    buf = io.StringIO()
    assert export(filled, buf, format="jsonl") == 2
    recs = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert list(recs[0]) == [f for f, _ in ARTICLE_FIELDS]
    by_id = {r["id"]: r for r in recs}
    a = by_id["00000000000000a1"]
    assert [s["source"] for s in a["sightings"]] == ["https://x.example/1", "/data/a.html"]
    assert a["extra"] == {"desk": "world", "n": 3}
    assert a["text"].startswith("First para.\n\nSecond")


def test_csv_round_trips_text_with_quotes_and_newlines(filled: Store) -> None:
    buf = io.StringIO()
    export(filled, buf, format="csv")
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    a = next(r for r in rows if r["id"] == "00000000000000a1")
    assert a["text"] == filled.get_article("00000000000000a1").text
    assert json.loads(a["extra"]) == {"desk": "world", "n": 3}
    assert len(json.loads(a["sightings"])) == 2


def test_parquet_keeps_sightings_as_records(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "a.parquet"
    assert export_to(filled, out, format="parquet") == 2
    table = pq.read_table(out)
    assert table.column_names == [
        f for f, _ in ARTICLE_FIELDS if f not in {"word_count", "sightings", "extra", "original", "story"}
    ] + ["word_count", "sightings", "extra", "original", "story"]
    rows = {r["id"]: r for r in table.to_pylist()}
    assert len(rows["00000000000000a1"]["sightings"]) == 2
    assert not (tmp_path / "a.parquet.part").exists()


def test_empty_store_exports_valid_empty_files(store: Store, tmp_path: Path) -> None:
    assert export_to(store, tmp_path / "e.parquet", format="parquet") == 0
    assert pq.read_table(tmp_path / "e.parquet").num_rows == 0
    assert export_to(store, tmp_path / "e.jsonl") == 0


def test_bad_options_say_what_is_allowed(store: Store) -> None:
    with pytest.raises(ExportError, match="use jsonl, csv, parquet"):
        export(store, io.StringIO(), format="xml")
    with pytest.raises(ExportError, match="use articles"):
        export(store, io.StringIO(), what="nonsense")


def test_export_to_unwritable_path_is_clear_and_leaves_nothing(filled: Store, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="cannot write"):
        export_to(filled, tmp_path / "no" / "such" / "dir" / "x.jsonl")
