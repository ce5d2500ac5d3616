"""JSONL/JSON field names as people's data has them: date aliases, outlet, headline, body."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

import storytrace
from storytrace import Config
from storytrace.cli import app
from storytrace.ingest import iter_documents
from storytrace.ingest.jsonl import read_date, read_outlet, record_to_document
from storytrace.model import Document, Problem

CONFIG = Config(max_bytes=1_000_000)
BODY = (
    "The harbour council voted on Tuesday to close the old swing bridge for repairs that will last "
    "into the spring, officials said, and ferries will run every twenty minutes until it reopens."
)


def doc(record: dict[str, Any]) -> Document:
    out = record_to_document(record, "x.jsonl#line=1")
    assert isinstance(out, Document), out
    return out


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def run(*paths: Path) -> list[Document | Problem]:
    return list(iter_documents([str(p) for p in paths], config=CONFIG))


def warnings(items: list[Document | Problem]) -> list[Problem]:
    return [i for i in items if isinstance(i, Problem) and i.kind == "warning"]


# Each alias maps to its canonical field, and is not kept twice -------------------------


@pytest.mark.parametrize(
    "key",
    ["date", "published", "pubDate", "publish_date", "datetime", "timestamp", "PubDate", "publish-date"],
)
def test_date_aliases_become_published(key: str) -> None:
    d = doc({"text": "t", key: "2024-04-14T10:00:00Z", "desk": "world"})
    assert d.fields == {"published": "2024-04-14T10:00:00+00:00", "desk": "world"}


@pytest.mark.parametrize(
    ("key", "value", "outlet"),
    [
        ("source", "Reuters", "Reuters"),
        ("site", "The Harbour Times", "The Harbour Times"),
        ("publisher", "Wire Service", "Wire Service"),
        ("domain", "bbc.co.uk", "bbc.co.uk"),
        ("domain", "www.bbc.co.uk", "bbc.co.uk"),
        ("source", "https://www.bbc.co.uk/news/world-1", "bbc.co.uk"),
        ("Publisher", "  Wire   Service ", "Wire Service"),
    ],
)
def test_outlet_aliases_become_outlet(key: str, value: str, outlet: str) -> None:
    d = doc({"text": "t", key: value})
    assert d.fields == {"outlet": outlet}


def test_newsapi_source_object_gives_its_name() -> None:
    d = doc({"content": "t", "source": {"id": "bbc-news", "name": "BBC News"}, "author": "A. Writer"})
    assert d.fields == {"outlet": "BBC News", "author": "A. Writer"}
    assert read_outlet({"id": None, "url": "https://edition.cnn.com/"}, "source") == "cnn.com"


def test_unreadable_outlet_values_stay_as_they_were() -> None:
    d = doc({"text": "t", "source": 42, "site": {"id": "x"}, "domain": "Example"})
    assert d.fields == {"source": 42, "site": {"id": "x"}, "outlet": "Example"}


def test_headline_becomes_title() -> None:
    assert doc({"text": "t", "headline": "Bridge to close"}).fields == {"title": "Bridge to close"}


@pytest.mark.parametrize("key", ["body", "content", "article", "Body"])
def test_body_aliases_become_the_body_as_text(key: str) -> None:
    d = doc({key: "Plain words of an article.", "id": 3})
    assert (d.body, d.media_type, d.fields) == ("Plain words of an article.", "text", {"id": 3})


@pytest.mark.parametrize(
    "value",
    [
        "<p>First paragraph.</p><p>Second.</p>",
        "<html><body><article>Words</article></body></html>",
        "Lead words.<br><br>More words.",
    ],
)
def test_body_aliases_that_hold_html_are_read_as_html(value: str) -> None:
    d = doc({"content": value})
    assert d.media_type == "html" and d.body == value


def test_a_plain_text_body_with_an_inline_tag_stays_text() -> None:
    assert doc({"body": "A claim in <b>bold</b> words."}).media_type == "text"


# Canonical names win ---------------------------------------------------------------------


def test_canonical_names_beat_aliases_and_the_losers_stay_in_extra() -> None:
    d = doc(
        {
            "text": "the text",
            "body": "the body",
            "title": "The title",
            "headline": "The headline",
            "published": "2024-04-14",
            "date": "2023-01-01",
            "outlet": "The Outlet",
            "source": "A Source",
        }
    )
    assert d.body == "the text"
    assert d.fields == {
        "body": "the body",
        "title": "The title",
        "headline": "The headline",
        "published": "2024-04-14",
        "date": "2023-01-01",
        "outlet": "The Outlet",
        "source": "A Source",
    }


def test_exact_spelling_beats_another_case_and_specific_date_names_beat_loose_ones() -> None:
    d = doc(
        {
            "text": "t",
            "Title": "Other case",
            "title": "Exact",
            "timestamp": 1713052800,
            "pubDate": "2024-04-15",
        }
    )
    assert d.fields == {
        "Title": "Other case",
        "title": "Exact",
        "timestamp": 1713052800,
        "published": "2024-04-15",
    }


def test_a_readable_alias_beats_an_unreadable_canonical_date() -> None:
    d = doc({"text": "t", "published": "n/a", "date": "2024-04-14"})
    assert d.fields == {"published": "2024-04-14"}


def test_text_beats_html_as_before() -> None:
    d = doc({"text": "plain", "html": "<p>markup</p>", "content": "<p>c</p>"})
    assert (d.body, d.media_type, d.fields) == ("plain", "text", {"content": "<p>c</p>"})


# Reading dates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        (1713052800, "2024-04-14T00:00:00+00:00"),  # epoch seconds
        (1713052800000, "2024-04-14T00:00:00+00:00"),  # milliseconds
        (1713052800123, "2024-04-14T00:00:00.123000+00:00"),
        ("1713052800", "2024-04-14T00:00:00+00:00"),  # as strings too
        ("1713052800000", "2024-04-14T00:00:00+00:00"),
        (1713052800.5, "2024-04-14T00:00:00.500000+00:00"),
        (99_999_999_999, None),  # seconds just under the milliseconds cut: year 5138, refused
        (100_000_000_000, None),  # milliseconds: 1973, outside 1990-2100
        (20240414, "2024-04-14"),  # YYYYMMDD
        ("Sun, 14 Apr 2024 10:00:00 GMT", "2024-04-14T10:00:00+00:00"),  # RFC 2822
        ("Sun, 14 Apr 2024 10:00:00 +0200", "2024-04-14T10:00:00+02:00"),
        ("2024-04-14", "2024-04-14"),
        ("2024-04-14 10:00:00", "2024-04-14T10:00:00"),
        ("14 Apr 2024", "2024-04-14"),
        ("April 14, 2024", "2024-04-14"),
        ("Apr 14, 2024 3:05 PM EST", "2024-04-14T15:05:00-05:00"),
        ("14/04/2024", "2024-04-14"),
        ({"$date": {"$numberLong": "1713052800000"}}, "2024-04-14T00:00:00+00:00"),  # mongoexport
    ],
)
def test_read_date(value: Any, iso: str | None) -> None:
    assert read_date(value) == iso


@pytest.mark.parametrize(
    "value",
    ["yesterday", "04/05/2024", "May 2024", "2024", 2024, 0, -1, True, "", [2024, 4, 14], {"y": 2024}],
)
def test_unreadable_and_ambiguous_dates_are_refused(value: Any) -> None:
    assert read_date(value) is None


@given(st.one_of(st.text(max_size=80), st.integers(), st.floats(), st.none(), st.booleans()))
def test_read_date_never_raises_and_gives_iso(value: Any) -> None:
    out = read_date(value)
    if out is not None:
        when = datetime.fromisoformat(out)
        assert "T" not in out or 1990 <= when.year <= 2100


def test_unreadable_date_stays_in_extra_and_gets_the_warning(tmp_path: Path) -> None:
    p = write_jsonl(tmp_path / "items.jsonl", [{"text": "t", "date": "yesterday", "headline": "H"}])
    out = run(p)
    (d,) = [i for i in out if isinstance(i, Document)]
    assert d.fields == {"date": "yesterday", "title": "H"}
    (w,) = warnings(out)
    assert w.item == str(p) and w.stage == "ingest"
    assert w.reason.startswith(
        'no readable publication date in 1 row (date given but not a readable date, e.g. "yesterday")'
    )


# The warning: one per file, naming the fields -------------------------------------------


def test_one_warning_per_undated_file_naming_its_fields(tmp_path: Path) -> None:
    rows = [
        {"id": n, "body": BODY, "headline": f"H{n}", "source": "Wire", "url": f"https://x.org/{n}"}
        for n in range(3)
    ]
    rows[1]["lede"] = "an extra key on one row"
    a = write_jsonl(tmp_path / "a.jsonl", rows)
    b = write_jsonl(tmp_path / "b.jsonl", [{"text": BODY, "timestamp": "soon"}])
    out = run(a, b)
    assert [type(i).__name__ for i in out] == ["Document"] * 3 + ["Problem", "Document", "Problem"]
    first, second = warnings(out)
    assert str(first) == (
        f"warning: {a}: ingest: no readable publication date in 3 rows; "
        "fields seen: id, body, headline, source, url, lede; dates are read from published, pubDate, "
        "publish_date, date, datetime, timestamp (ISO 8601, RFC 2822 or epoch seconds/milliseconds)"
    )
    assert second.item == str(b) and '(timestamp given but not a readable date, e.g. "soon")' in second.reason


def test_no_warning_when_some_rows_have_a_date(tmp_path: Path) -> None:
    p = write_jsonl(
        tmp_path / "mixed.jsonl", [{"text": "a"}, {"text": "b", "pubDate": 1713052800}, {"text": "c"}]
    )
    out = run(p)
    assert len(out) == 3 and all(isinstance(i, Document) for i in out)


def test_no_warning_for_a_file_without_articles(tmp_path: Path) -> None:
    p = tmp_path / "bad.jsonl"
    p.write_text('{"title": "no body"}\n[1]\n', encoding="utf-8")
    out = run(p)
    assert [i.kind for i in out if isinstance(i, Problem)] == ["skipped", "failed"]


def test_warning_notes_html_rows_whose_markup_may_hold_a_date(tmp_path: Path) -> None:
    p = write_jsonl(tmp_path / "pages.jsonl", [{"html": "<p>x</p>"}, {"text": "y"}])
    (w,) = warnings(run(p))
    assert "in 2 rows (1 HTML, whose own markup may still give a date)" in w.reason


def test_warning_field_list_is_short_and_printable(tmp_path: Path) -> None:
    row: dict[str, Any] = {"text": "t", "bad\nname\x1b[31m": 1} | {f"k{n}": n for n in range(40)}
    (w,) = warnings(run(write_jsonl(tmp_path / "wide.jsonl", [row])))
    assert "fields seen: text, bad name?[31m, k0, k1," in w.reason and " and 27 more;" in w.reason
    assert w.reason.isprintable()


def test_json_files_use_the_same_names_and_warning(tmp_path: Path) -> None:
    p = tmp_path / "items.json"
    p.write_text(json.dumps([{"article": "a", "pubDate": "Sun, 14 Apr 2024 10:00:00 GMT"}, {"content": "b"}]))
    first, second = run(p)
    assert isinstance(first, Document) and first.fields == {"published": "2024-04-14T10:00:00+00:00"}
    assert isinstance(second, Document) and second.body == "b"
    q = tmp_path / "one.json"
    q.write_text(json.dumps({"body": "b", "Headline": "H"}))
    d, w = run(q)
    assert isinstance(d, Document) and d.fields == {"title": "H"}
    assert isinstance(w, Problem) and w.kind == "warning" and "fields seen: body, Headline;" in w.reason


# End to end: public API, store and CLI ----------------------------------------------------


def _config() -> Config:
    return Config.load(env={}, reuse="off", stories="off", facts="off")


def test_aliases_reach_the_stored_article_and_the_warning_the_report(tmp_path: Path) -> None:
    dated = write_jsonl(
        tmp_path / "newsapi.jsonl",
        [
            {
                "source": {"id": "bbc-news", "name": "BBC News"},
                "headline": "Harbour bridge to close",
                "body": BODY,
                "publish_date": 1713052800000,
                "url": "https://www.bbc.co.uk/news/1",
                "desk": "local",
            }
        ],
    )
    undated = write_jsonl(
        tmp_path / "scrape.jsonl",
        [{"content": BODY.replace("Tuesday", "Monday"), "site": "Harbour Times", "date": "sometime"}],
    )
    with storytrace.open_store(str(tmp_path / "news.db")) as store:
        report = storytrace.ingest(store, [dated, undated], config=_config())
        assert report.counts() == {"ingested": 2, "duplicates": 0, "skipped": 0, "failed": 0}
        (warning,) = report.warnings
        assert warning.item == str(undated) and warning.kind == "warning"
        assert "no readable publication date in 1 row" in warning.reason
        assert store.problems(report.run_id) == [warning]
        by_outlet = {a.outlet: a for a in store.articles()}
    bbc, times = by_outlet["BBC News"], by_outlet["Harbour Times"]
    assert (bbc.title, bbc.published) == ("Harbour bridge to close", "2024-04-14T00:00:00+00:00")
    assert bbc.extra == {"desk": "local"}  # the aliases consumed are not stored twice
    assert times.published is None and times.extra == {"date": "sometime"}


def test_cli_prints_the_warning_and_strict_does_not_fail_on_it(tmp_path: Path) -> None:
    p = write_jsonl(tmp_path / "undated.jsonl", [{"body": BODY, "headline": "H"}])
    env = {"STORYTRACE_REUSE": "off", "STORYTRACE_STORIES": "off", "STORYTRACE_FACTS": "off"}
    result = CliRunner().invoke(app, ["ingest", str(p), "--db", str(tmp_path / "x.db"), "--strict"], env=env)
    assert result.exit_code == 0, result.output
    assert f"warning: {p}: ingest: no readable publication date in 1 row" in result.stderr
    assert "ingested 1, duplicates 0, skipped 0, failed 0" in result.stdout


# Feeds: readable dates only, and one warning for a feed with none ----------------------


def _rss(tmp_path: Path, dates: list[str | None]) -> Path:
    items = []
    for n, date in enumerate(dates, start=1):
        stamp = f"<pubDate>{date}</pubDate>" if date is not None else ""
        items.append(f"<item><title>Story {n}</title><link>https://example.org/{n}</link>{stamp}<description>{BODY}</description></item>")
    path = tmp_path / "news.rss"
    path.write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour News</title>{"".join(items)}</channel></rss>',
        encoding="utf-8",
    )
    return path


def test_feed_without_dates_gets_one_warning(tmp_path: Path) -> None:
    path = _rss(tmp_path, [None, None])
    out = run(path)
    docs = [d for d in out if isinstance(d, Document)]
    assert len(docs) == 2 and all("published" not in d.fields for d in docs)
    (w,) = warnings(out)
    assert w.item == str(path) and "no readable publication date in 2 entries" in w.reason
    assert "<pubDate>" in w.reason


def test_feed_unreadable_date_is_no_date_and_is_named_in_the_warning(tmp_path: Path) -> None:
    out = run(_rss(tmp_path, ["sometime last week"]))
    (d,) = [d for d in out if isinstance(d, Document)]
    assert "published" not in d.fields
    (w,) = warnings(out)
    assert "1 entry" in w.reason and "'sometime last week'" in w.reason


def test_feed_date_feedparser_cannot_read_is_read_like_jsonl_dates(tmp_path: Path) -> None:
    out = run(_rss(tmp_path, ["1713088800"]))  # epoch seconds: 2024-04-14 10:00 UTC
    (d,) = [d for d in out if isinstance(d, Document)]
    assert d.fields["published"].startswith("2024-04-14")
    assert warnings(out) == []


def test_feed_with_some_dated_entries_gets_no_warning(tmp_path: Path) -> None:
    out = run(_rss(tmp_path, ["Sun, 14 Apr 2024 10:00:00 GMT", None]))
    assert warnings(out) == []


def test_unreadable_container_date_does_not_replace_the_page_date() -> None:
    from storytrace.extract.document import extract_document

    page = (
        '<html><head><meta property="article:published_time" content="2024-04-14T10:00:00Z">'
        f"<title>Bridge</title></head><body><article><h1>Bridge</h1><p>{BODY}</p><p>{BODY}</p></article></body></html>"
    )
    kept = extract_document(Document(source="x", kind="jsonl", body=page, fields={"published": "n/a"}), CONFIG)
    assert kept.published and kept.published.startswith("2024-04-14")
    given = extract_document(
        Document(source="x", kind="jsonl", body=page, fields={"published": "2023-01-02"}), CONFIG
    )
    assert given.published == "2023-01-02"
