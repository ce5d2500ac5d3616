"""Ingest of local files: formats, detection, size caps, folders and locators."""

from __future__ import annotations

import gzip
import os
import uuid
from pathlib import Path

import pytest

from storytrace.ingest import iter_documents, list_inputs
from storytrace.model import Document, Problem
from storytrace.settings import Config

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
CONFIG = Config(max_bytes=1_000_000)


def run(*paths: str | Path, config: Config = CONFIG) -> list[Document | Problem]:
    return list(iter_documents([str(p) for p in paths], config=config))


def docs(items: list[Document | Problem]) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


def problems(items: list[Document | Problem]) -> list[Problem]:
    return [i for i in items if isinstance(i, Problem)]


def only(items: list[Document | Problem]) -> Document | Problem:
    assert len(items) == 1, items
    return items[0]


# Hand-made WARC records -------------------------------------------------------


def warc_record(
    kind: str, uri: str, block: bytes, content_type: str, date: str = "2024-05-06T08:30:00Z"
) -> bytes:
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\n"
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, uri + kind + str(len(block)))}>\r\n"
        f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n"
    ).encode()
    return head + block + b"\r\n\r\n"


def http_response(
    body: bytes, content_type: str = "text/html; charset=ISO-8859-1", status: str = "200 OK"
) -> bytes:
    return (
        f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n".encode()
        + body
    )


PAGE = b"<html><body><p>An archived article about the harbour bridge.</p></body></html>"


def sample_warc() -> bytes:
    return b"".join(
        [
            warc_record("warcinfo", "", b"software: test\r\n", "application/warc-fields"),
            warc_record(
                "request",
                "http://example.org/a",
                b"GET /a HTTP/1.1\r\n\r\n",
                "application/http;msgtype=request",
            ),
            warc_record(
                "response", "http://example.org/a", http_response(PAGE), "application/http;msgtype=response"
            ),
            warc_record(
                "response",
                "http://example.org/logo.png",
                http_response(b"\x89PNG\r\n\x1a\n....", "image/png"),
                "application/http;msgtype=response",
            ),
            warc_record(
                "response",
                "http://example.org/moved",
                http_response(b"<html>moved</html>", "text/html", "301 Moved Permanently"),
                "application/http;msgtype=response",
            ),
            warc_record(
                "resource", "<http://example.org/r>", b"<p>resource page</p>", "text/html; charset=utf-8"
            ),
        ]
    )


# Single files ----------------------------------------------------------------------


def test_html_file_becomes_one_undecoded_html_document() -> None:
    doc = only(run(FIXTURES / "article.html"))
    assert isinstance(doc, Document)
    assert doc.kind == "file" and doc.media_type == "html"
    assert doc.source == str(FIXTURES / "article.html")
    assert doc.body == (FIXTURES / "article.html").read_bytes()


def test_text_file_becomes_text_document() -> None:
    doc = only(run(FIXTURES / "article.txt"))
    assert isinstance(doc, Document) and doc.media_type == "text" and doc.kind == "file"


def test_gzipped_html_is_decompressed(tmp_path: Path) -> None:
    p = tmp_path / "page.html.gz"
    p.write_bytes(gzip.compress(PAGE))
    doc = only(run(p))
    assert isinstance(doc, Document) and doc.body == PAGE and doc.media_type == "html"


def test_truncated_gzip_is_one_problem(tmp_path: Path) -> None:
    p = tmp_path / "page.html.gz"
    p.write_bytes(gzip.compress(PAGE * 50)[:-30])
    prob = only(run(p))
    assert isinstance(prob, Problem) and prob.kind == "failed"
    assert prob.reason.startswith("truncated or corrupt gzip:")
    assert prob.item == str(p) and prob.stage == "ingest"


def test_gzip_bomb_stops_at_the_cap(tmp_path: Path) -> None:
    p = tmp_path / "bomb.txt.gz"
    p.write_bytes(gzip.compress(b"a" * 5_000_000))
    prob = only(run(p, config=Config(max_bytes=100_000)))
    assert isinstance(prob, Problem) and prob.kind == "skipped"
    assert "max_bytes" in prob.reason and "raise --max-bytes" in prob.reason


def test_file_over_the_cap_is_skipped_before_reading(tmp_path: Path) -> None:
    p = tmp_path / "big.html"
    p.write_bytes(b"<p>" + b"x" * 2000 + b"</p>")
    prob = only(run(p, config=Config(max_bytes=1000)))
    assert isinstance(prob, Problem) and prob.kind == "skipped"
    assert prob.reason == "2,007 bytes, over the max_bytes cap of 1,000; raise --max-bytes to read it"


def test_empty_and_whitespace_files_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(b"")
    (tmp_path / "b.txt").write_bytes(b"  \n\t\n")
    (tmp_path / "c").write_bytes(b"\n\n")
    out = run(tmp_path)
    assert [p.reason for p in problems(out)] == ["empty file", "empty file (only whitespace)", "empty file"]
    assert all(p.kind == "skipped" for p in problems(out))


def test_binary_file_is_skipped_with_a_hint(tmp_path: Path) -> None:
    p = tmp_path / "photo.bin"
    p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    prob = only(run(p))
    assert isinstance(prob, Problem) and prob.kind == "skipped"
    assert prob.reason == "binary or unknown file type (PNG image)"


def test_missing_path_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    prob = only(run(tmp_path / "nope.html"))
    assert isinstance(prob, Problem) and prob.reason == "no such file or directory" and prob.kind == "failed"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.html"
    os.mkfifo(fifo)
    prob = only(run(fifo))
    assert isinstance(prob, Problem) and "not a regular file" in prob.reason


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read anything")
def test_unreadable_file_is_a_problem(tmp_path: Path) -> None:
    p = tmp_path / "secret.html"
    p.write_bytes(PAGE)
    p.chmod(0)
    prob = only(run(p))
    assert isinstance(prob, Problem) and prob.reason.startswith("cannot read:")


def test_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    (tmp_path / "a.php").write_bytes(b"\n  <!DOCTYPE html><title>x</title><p>hello</p>")
    (tmp_path / "b.dat").write_bytes("Just some words, caf\u00e9.\n".encode())
    (tmp_path / "c.out").write_bytes(
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>'
    )
    (tmp_path / "d.gz").write_bytes(gzip.compress(b"<html><body><p>zipped page</p></body></html>"))
    (tmp_path / "e.conf").write_bytes(b'<?xml version="1.0"?><config><a/></config>')
    out = run(tmp_path)
    assert [(type(i).__name__, getattr(i, "media_type", None)) for i in out] == [
        ("Document", "html"),
        ("Document", "text"),
        ("Problem", None),  # a feed with no entries
        ("Document", "html"),
        ("Problem", None),
    ]
    assert problems(out)[0].reason == "feed has no entries"
    assert problems(out)[1].reason == "XML that is not an RSS/Atom/RDF feed (root element <config>)"


def test_arc_files_are_skipped_with_advice(tmp_path: Path) -> None:
    p = tmp_path / "old.arc"
    p.write_bytes(b"filedesc://old.arc 0.0.0.0 20240101000000 text/plain 10\n")
    prob = only(run(p))
    assert isinstance(prob, Problem) and prob.kind == "skipped" and "convert it to WARC" in prob.reason


# Folders ----------------------------------------------------------------------------


def test_folder_is_walked_recursively_in_sorted_order_skipping_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("zed")
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "c.txt").write_text("c")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01")
    expected = [tmp_path / "a.txt", tmp_path / "b" / "z.txt", tmp_path / "c.txt"]
    assert list_inputs([tmp_path]) == expected
    assert [d.source for d in docs(run(tmp_path))] == [str(p) for p in expected]


def test_fixture_folder_gives_documents_from_every_format() -> None:
    out = run(FIXTURES)
    kinds = sorted({d.kind for d in docs(out)})
    assert kinds == ["feed", "file", "jsonl", "warc"]
    assert str(FIXTURES / "nested" / "page") in [d.source for d in docs(out)]
    assert list_inputs([FIXTURES]) == sorted(list_inputs([FIXTURES]), key=lambda p: p.parts)


def test_explicit_hidden_file_is_read(tmp_path: Path) -> None:
    p = tmp_path / ".note.txt"
    p.write_text("I was named explicitly.")
    assert isinstance(only(run(p)), Document)


def test_list_inputs_leaves_out_missing_paths(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("a")
    assert list_inputs([tmp_path / "a.txt", tmp_path / "missing"]) == [tmp_path / "a.txt"]


# JSON Lines --------------------------------------------------------------------------


def test_jsonl_good_lines_survive_bad_ones_with_line_numbers() -> None:
    path = FIXTURES / "articles.jsonl"
    out = run(path)
    assert [(type(i).__name__, i.source if isinstance(i, Document) else i.item) for i in out] == [
        ("Document", f"{path}#line=1"),
        ("Document", f"{path}#line=3"),
        ("Problem", f"{path}#line=4"),
        ("Problem", f"{path}#line=5"),
        ("Problem", f"{path}#line=6"),
        ("Document", f"{path}#line=7"),
    ]
    first, second, fourth = docs(out)
    assert first.kind == "jsonl" and first.media_type == "text" and first.body == "The first article text."
    assert first.url == "https://example.org/a"
    assert first.fields == {
        "url": "https://example.org/a",
        "title": "First",
        "published": "2024-05-01",
        "outlet": "Example Daily",
        "section": "world",
    }
    assert second.media_type == "html" and second.fields["tags"] == ["x", "y"]
    assert fourth.url is None and fourth.fields["author"] == "A. Writer"
    reasons = [p.reason for p in problems(out)]
    assert reasons[0].startswith("invalid JSON: Unterminated string starting at column")
    assert reasons[1] == "line is a JSON array, not an object with a text or html field"
    assert reasons[2] == "record has no non-empty text or html string field"


def test_jsonl_gz_and_ndjson_are_read(tmp_path: Path) -> None:
    line = b'{"text": "gzipped line", "title": "t"}\n'
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(line * 2))
    (tmp_path / "b.ndjson").write_bytes(line)
    out = run(tmp_path)
    assert [d.source.rsplit("/", 1)[1] for d in docs(out)] == [
        "a.jsonl.gz#line=1",
        "a.jsonl.gz#line=2",
        "b.ndjson#line=1",
    ]


def test_jsonl_truncated_gzip_keeps_read_lines_then_one_problem(tmp_path: Path) -> None:
    data = gzip.compress(b"".join(b'{"text": "line %d"}\n' % i for i in range(2000)))
    p = tmp_path / "cut.jsonl.gz"
    p.write_bytes(data[: len(data) // 2])
    out = run(p)
    assert len(docs(out)) > 10
    assert isinstance(out[-1], Problem) and out[-1].item == str(p)
    assert out[-1].reason.startswith("truncated or corrupt gzip:") or "ended" in out[-1].reason
    assert len(problems(out)) == 1


def test_jsonl_line_over_the_cap_is_skipped_and_reading_goes_on(tmp_path: Path) -> None:
    p = tmp_path / "big.jsonl"
    p.write_bytes(b'{"text": "' + b"x" * 5000 + b'"}\n{"text": "small"}\n')
    out = run(p, config=Config(max_bytes=1000))
    assert isinstance(out[0], Problem) and out[0].item == f"{p}#line=1" and out[0].kind == "skipped"
    assert "over the max_bytes cap" in out[0].reason
    assert isinstance(out[1], Document) and out[1].source == f"{p}#line=2" and out[1].body == "small"


def test_jsonl_rejects_nan_invalid_utf8_and_deep_nesting(tmp_path: Path) -> None:
    p = tmp_path / "odd.jsonl"
    p.write_bytes(
        b'{"text": "ok", "score": NaN}\n'
        b'{"text": "caf\xe9"}\n' + b"[" * 100_000 + b"\n" + b'\xef\xbb\xbf{"text": "bom not on line 1"}\n'
    )
    reasons = [p.reason for p in problems(run(p))]
    assert reasons[0] == "invalid JSON: NaN is not valid JSON"
    assert reasons[1].startswith("line is not valid UTF-8")
    assert reasons[2] in ("invalid JSON: nested too deeply", "invalid JSON: Expecting value at column 100001")
    assert len(reasons) == 4


def test_jsonl_bom_on_first_line_and_lone_surrogates_are_handled(tmp_path: Path) -> None:
    p = tmp_path / "bom.jsonl"
    p.write_bytes(
        b'\xef\xbb\xbf{"text": "a \\ud800 b", "title": "\\udc00", "extra": {"k\\ud800": ["\\ud801"]}}\n'
    )
    doc = only(docs(run(p)))
    assert doc.body == "a \ufffd b" and doc.fields["title"] == "\ufffd"
    assert doc.fields["extra"] == {"k\ufffd": ["\ufffd"]}


def test_jsonl_with_only_blank_lines_is_skipped(tmp_path: Path) -> None:
    p = tmp_path / "blank.jsonl"
    p.write_bytes(b"\n  \n\n")
    prob = only(run(p))
    assert (
        isinstance(prob, Problem) and prob.reason == "empty file (no JSON lines)" and prob.kind == "skipped"
    )


# WARC --------------------------------------------------------------------------------


def test_warc_yields_html_records_only_with_locators(tmp_path: Path) -> None:
    p = tmp_path / "crawl.warc"
    p.write_bytes(sample_warc())
    out = run(p)
    assert [d.source for d in out] == [f"{p}#record=3", f"{p}#record=6"]  # type: ignore[union-attr]
    page, resource = docs(out)
    assert page.kind == "warc" and page.body == PAGE and page.url == "http://example.org/a"
    assert page.declared_encoding == "iso-8859-1" and page.fields == {"crawled": "2024-05-06T08:30:00Z"}
    assert resource.body == b"<p>resource page</p>" and resource.url == "http://example.org/r"
    assert resource.declared_encoding == "utf-8"


def test_warc_fixture_matches_the_builder() -> None:
    assert (FIXTURES / "crawl.warc").read_bytes() == sample_warc()


def test_warc_gz_per_record_members_are_read(tmp_path: Path) -> None:
    data = sample_warc()
    p = tmp_path / "crawl.warc.gz"
    p.write_bytes(gzip.compress(data))
    assert len(docs(run(p))) == 2


def test_truncated_warc_yields_read_records_then_one_problem(tmp_path: Path) -> None:
    data = sample_warc()
    cut = data.index(b"resource page") + 4  # inside the last record's block
    p = tmp_path / "cut.warc"
    p.write_bytes(data[:cut])
    out = run(p)
    assert [type(i).__name__ for i in out] == ["Document", "Problem"]
    assert out[1].item == str(p) and "truncated" in out[1].reason  # type: ignore[union-attr]


def test_warc_record_over_the_cap_is_skipped_and_others_read(tmp_path: Path) -> None:
    big = b"<html><body>" + b"x" * 5000 + b"</body></html>"
    data = (
        warc_record("response", "http://example.org/big", http_response(big), "application/http")
        + sample_warc()
    )
    p = tmp_path / "big.warc"
    p.write_bytes(data)
    out = run(p, config=Config(max_bytes=2000))
    assert isinstance(out[0], Problem) and out[0].item == f"{p}#record=1" and out[0].kind == "skipped"
    assert len(docs(out)) == 2


def test_warc_content_encoding_and_chunking_are_undone(tmp_path: Path) -> None:
    gz = gzip.compress(PAGE)
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(PAGE), PAGE)
    raw_gz = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n" + gz
    raw_chunked = b"HTTP/1.1 200 OK\nContent-Type: text/html\nTransfer-Encoding: chunked\n\n" + chunked
    stale = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n" + PAGE
    p = tmp_path / "enc.warc"
    p.write_bytes(
        b"".join(
            warc_record("response", f"http://e.org/{i}", b, "application/http")
            for i, b in enumerate([raw_gz, raw_chunked, stale])
        )
    )
    assert [d.body for d in docs(run(p))] == [PAGE, PAGE, PAGE]


def test_warc_without_html_records_says_so(tmp_path: Path) -> None:
    p = tmp_path / "img.warc"
    p.write_bytes(
        warc_record(
            "response", "http://e.org/x.png", http_response(b"\x89PNG", "image/png"), "application/http"
        )
    )
    prob = only(run(p))
    assert isinstance(prob, Problem) and prob.kind == "skipped" and "no HTML page records" in prob.reason


def test_garbage_named_warc_is_one_problem(tmp_path: Path) -> None:
    p = tmp_path / "fake.warc"
    p.write_bytes(b"this is not a warc file at all\n" * 10)
    prob = only(run(p))
    assert isinstance(prob, Problem) and prob.kind == "failed"


# Feeds -------------------------------------------------------------------------------


def test_rss_entries_become_documents_with_fields() -> None:
    path = FIXTURES / "feed.rss"
    out = run(path)
    doc, teaser = out
    assert isinstance(doc, Document) and doc.kind == "feed" and doc.source == f"{path}#entry=1"
    assert doc.url == "https://example.org/bridge"
    assert "harbour bridge reopened" in str(doc.body) and "<script" not in str(doc.body)
    assert doc.fields["title"] == "Bridge reopens"
    assert doc.fields["published"] == "2024-05-06T08:30:00+00:00"
    assert doc.fields["outlet"] == "Example Daily" and doc.fields["language"] == "en"
    assert doc.fields["summary"] == "Short teaser."
    assert "desk@example.org" in doc.fields["author"]
    assert isinstance(teaser, Problem) and teaser.item == f"{path}#entry=2" and teaser.kind == "skipped"
    assert teaser.reason == "feed entry has only a 3-word summary; ingest its link to get the article"


def test_atom_entry_with_long_summary_is_used() -> None:
    doc = only(run(FIXTURES / "feed.atom"))
    assert isinstance(doc, Document) and doc.url == "https://example.org/long"
    assert doc.fields["outlet"] == "Atom Times" and doc.fields["published"] == "2024-05-06T08:30:00+00:00"


def test_broken_feed_without_entries_reports_the_parser_reason(tmp_path: Path) -> None:
    p = tmp_path / "broken.rss"
    p.write_bytes(b"<rss><channel><title>x</title><item><title>unterminated")
    prob = only(run(p))
    assert isinstance(prob, Problem) and prob.kind in ("failed", "skipped")
    assert prob.reason


@pytest.mark.parametrize(
    "dtd",
    [
        '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
        '<!DOCTYPE rss [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/x.dtd"> %remote;]>',
    ],
)
def test_feeds_declaring_entities_are_refused_before_parsing(tmp_path: Path, dtd: str) -> None:
    body = (
        f'<?xml version="1.0"?>{dtd}<rss version="2.0"><channel><title>T</title>'
        "<item><title>x</title><description>&xxe;&b;</description></item></channel></rss>"
    )
    for enc, name in (("utf-8", "a.rss"), ("utf-16", "b.rss")):
        p = tmp_path / name
        p.write_bytes(body.replace('version="1.0"', f'version="1.0" encoding="{enc}"').encode(enc))
        prob = only(run(p))
        assert isinstance(prob, Problem) and "entities" in prob.reason and prob.kind == "failed"


def test_feed_bytes_are_never_opened_as_a_path(tmp_path: Path) -> None:
    # feedparser treats a *string* argument as a path or URL; we must pass bytes only.
    p = tmp_path / "path.xml"
    p.write_bytes(b"/etc/passwd")
    prob = only(run(p))
    assert isinstance(prob, Problem) and "not an XML feed" in prob.reason


def test_json_files_hold_one_article_or_an_array(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text('{"text": "one article", "title": "A"}')
    (tmp_path / "b.json").write_text('[{"html": "<p>first</p>"}, 3, {"title": "no body"}]')
    (tmp_path / "c.json").write_text('{"text": "line one"}\n{"text": "line two"}\n')
    (tmp_path / "d.json").write_text('"just a string"')
    (tmp_path / "e.json").write_text('{"text": ')
    out = run(tmp_path)
    located = [
        (type(i).__name__, (i.source if isinstance(i, Document) else i.item).rsplit("/", 1)[1]) for i in out
    ]
    assert located == [
        ("Document", "a.json"),
        ("Problem", "a.json"),  # warning: no readable publication date
        ("Document", "b.json#item=1"),
        ("Problem", "b.json#item=2"),
        ("Problem", "b.json#item=3"),
        ("Problem", "b.json"),  # warning
        ("Document", "c.json#line=1"),
        ("Document", "c.json#line=2"),
        ("Problem", "c.json"),  # warning
        ("Problem", "d.json"),
        ("Problem", "e.json"),
    ]
    assert out[0].fields == {"title": "A"}  # type: ignore[union-attr]
    assert (
        problems(out)[-2].reason == "file holds a JSON string; expected an article object or an array of them"
    )
    assert problems(out)[-1].reason.startswith("invalid JSON: Expecting value at line 1 column")
