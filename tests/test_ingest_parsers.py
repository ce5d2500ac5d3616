"""Property tests for ingest's small parsers: they classify or reject, never crash."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storytrace.errors import InputError, TooLarge
from storytrace.ingest.jsonl import clean_value, parse_line, record_to_document
from storytrace.ingest.reading import decompress_capped
from storytrace.ingest.sniff import classify_name, root_element, sniff
from storytrace.ingest.warc import _dechunk, decode_payload, parse_content_type
from storytrace.model import Document, Problem

SNIFF_RESULTS = {"html", "text", "feed", "warc", "arc", "gzip", "xml", "binary", "empty"}


@given(st.binary(max_size=512), st.booleans())
def test_sniff_always_classifies(data: bytes, complete: bool) -> None:
    assert sniff(data, complete) in SNIFF_RESULTS


@given(st.text(max_size=300))
def test_sniff_never_calls_utf8_text_binary(text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    if "\x00" not in text and not any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        assert sniff(data, complete=True) != "binary"


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"<!DOCTYPE html><p>x", "html"),
        (b"\xef\xbb\xbf  <html>", "html"),
        (b"<!-- c -->\n<div>x</div>", "html"),
        (b'<?xml version="1.0"?>\n<!-- note -->\n<rss version="2.0">', "feed"),
        (b'<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        (b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="x">', "feed"),
        (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><rss>', "feed"),
        (b"<svg><g/></svg>", "xml"),
        (b"WARC/1.0\r\n", "warc"),
        (b"filedesc://x.arc", "arc"),
        (b"\x1f\x8b\x08\x00", "gzip"),
        ("h\u00e9llo wor\u00e9".encode()[:-1], "text"),  # a cut multi-byte char is fine mid-file
        (b"\xff\xfe<\x00h\x00t\x00m\x00l\x00>\x00", "html"),
        (b"\x00\x01\x02", "binary"),
        (b"", "empty"),
        (b" \n\t", "empty"),
    ],
)
def test_sniff_examples(head: bytes, kind: str) -> None:
    assert sniff(head) == kind


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.HTML", ("html", False)),
        ("a.htm.gz", ("html", True)),
        ("a.txt", ("text", False)),
        ("a.jsonl.gz", ("jsonl", True)),
        ("a.ndjson", ("jsonl", False)),
        ("a.warc.gz", ("warc", True)),
        ("a.arc.gz", ("arc", True)),
        ("feed.Atom", ("feed", False)),
        ("index.php", (None, False)),
        ("README", (None, False)),
        (".bashrc", (None, False)),
        ("x.gz", (None, True)),
    ],
)
def test_classify_name(name: str, expected: tuple[str | None, bool]) -> None:
    assert classify_name(name) == expected


@given(st.binary(max_size=300))
def test_root_element_never_crashes(data: bytes) -> None:
    doctype, root = root_element(data)
    assert doctype is None or isinstance(doctype, str)
    assert root is None or isinstance(root, str)


@given(st.binary(max_size=200))
def test_parse_line_accepts_objects_or_raises_value_error(data: bytes) -> None:
    try:
        obj = parse_line(data)
    except ValueError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert isinstance(obj, dict)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4),
    max_leaves=20,
)


@given(st.dictionaries(st.text(), json_values, max_size=5), st.text())
def test_records_keep_every_extra_field(extra: dict[str, object], text: str) -> None:
    record = {**extra, "text": text}
    out = record_to_document(json.loads(json.dumps(record)), "x.jsonl#line=1")
    if text.strip():
        assert isinstance(out, Document)
        assert out.fields == clean_value({k: v for k, v in record.items() if k not in ("text", "html")})
        json.dumps(out.fields).encode("utf-8")
    else:
        assert isinstance(out, Problem)


def test_clean_value_handles_deep_nesting_without_recursion() -> None:
    value: object = "\ud800"
    for _ in range(5000):
        value = [value]
    cleaned = clean_value(value)
    for _ in range(5000):
        assert isinstance(cleaned, list)
        cleaned = cleaned[0]
    assert cleaned == "\ufffd"


@given(st.binary(max_size=300))
def test_dechunk_returns_bytes_or_none(data: bytes) -> None:
    out = _dechunk(data)
    assert out is None or isinstance(out, bytes)


@given(st.binary(max_size=300), st.sampled_from(["gzip", "deflate", "br", "identity", "compress", ""]))
@settings(max_examples=200)
def test_decode_payload_returns_bytes_or_input_error(data: bytes, encoding: str) -> None:
    try:
        out = decode_payload(data, {"content-encoding": encoding, "transfer-encoding": "chunked"}, 10_000)
    except InputError as exc:
        assert str(exc)
    else:
        assert isinstance(out, bytes)


@given(st.binary(min_size=1, max_size=2000))
def test_decompress_capped_round_trips(data: bytes) -> None:
    assert decompress_capped(gzip.compress(data) + gzip.compress(data), 10_000) == data + data


def test_decompress_capped_stops_at_the_cap() -> None:
    with pytest.raises(TooLarge):
        decompress_capped(gzip.compress(b"\x00" * 10_000_000), 1_000_000)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("text/html; charset=UTF-8", ("text/html", "utf-8")),
        ('text/html; charset="windows-1251"', ("text/html", "windows-1251")),
        ("TEXT/HTML", ("text/html", None)),
        ("garbage", (None, None)),
        (None, (None, None)),
        ("", (None, None)),
    ],
)
def test_parse_content_type(value: str | None, expected: tuple[str | None, str | None]) -> None:
    assert parse_content_type(value) == expected


def test_fixtures_folder_exists() -> None:
    assert (Path(__file__).parent / "fixtures" / "ingest" / "articles.jsonl").is_file()


def _mutate(data: bytes, cut: int, flips: list[tuple[int, int]]) -> bytes:
    buf = bytearray(data[: max(1, cut % (len(data) + 1))])
    for pos, value in flips:
        if buf:
            buf[pos % len(buf)] = value
    return bytes(buf)


FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
_MUTATION_SOURCES = {
    "crawl.warc": FIXTURES / "crawl.warc",
    "feed.rss": FIXTURES / "feed.rss",
    "feed.atom": FIXTURES / "feed.atom",
    "articles.jsonl": FIXTURES / "articles.jsonl",
}


def _source_bytes(name: str) -> bytes:
    return _MUTATION_SOURCES[name].read_bytes()


@given(
    st.sampled_from(sorted(_MUTATION_SOURCES)),
    st.booleans(),
    st.integers(min_value=0, max_value=10_000),
    st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=0, max_value=255)), max_size=8),
)
@settings(max_examples=150, deadline=None)
def test_mutated_inputs_never_raise(name: str, gz: bool, cut: int, flips: list[tuple[int, int]]) -> None:
    import tempfile

    from storytrace.ingest import iter_documents
    from storytrace.settings import Config

    data = _mutate(_source_bytes(name), cut, flips)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / (name + (".gz" if gz else ""))
        path.write_bytes(gzip.compress(data) if gz else data)
        out = list(iter_documents([path], config=Config(max_bytes=100_000)))
    for item in out:
        assert isinstance(item, (Document, Problem))
        if isinstance(item, Problem):
            assert item.reason and "\n" not in item.reason


def test_brotli_payloads_are_decoded_with_a_cap() -> None:
    brotli = pytest.importorskip("brotli")
    page = b"<p>" + b"brotli " * 300_000 + b"</p>"
    headers = {"content-encoding": "br"}
    assert decode_payload(brotli.compress(page), headers, 10_000_000) == page
    with pytest.raises(TooLarge):
        decode_payload(brotli.compress(page), headers, 100_000)
    with pytest.raises(InputError, match="truncated brotli"):
        decode_payload(brotli.compress(page)[:-10], headers, 10_000_000)
