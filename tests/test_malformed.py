"""Ingest against real malformed and hostile inputs from public test suites.

The files live in ../shared/data/malformed (see its README) and are read in place
or copied to a temporary folder; they are never copied into the project. Each
suite must come through ``iter_documents`` as Documents and Problems, never as an
exception, and the hostile ones (XML bombs, XXE, script injection) must be
refused or neutralised.
"""

from __future__ import annotations

import json
import re
import shutil
import tracemalloc
from collections import defaultdict
from pathlib import Path

import pytest

from storytrace.ingest import iter_documents
from storytrace.model import Document, Problem
from storytrace.settings import Config

pytestmark = pytest.mark.evaluation

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "malformed"
CONFIG = Config(max_bytes=2_000_000)
_META = {"LICENSE", "NOTICE", "MANIFEST.tsv", "README.md"}


def suite(name: str) -> Path:
    folder = DATA / name
    if not folder.is_dir():
        pytest.skip(f"malformed-input suite not found at {folder} (needs ../shared/data/malformed)")
    return folder


def data_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name not in _META)


def run(paths: list[Path], config: Config = CONFIG) -> list[Document | Problem]:
    return list(iter_documents([str(p) for p in paths], config=config))


def by_file(items: list[Document | Problem]) -> dict[str, list[Document | Problem]]:
    out: dict[str, list[Document | Problem]] = defaultdict(list)
    for item in items:
        where = item.source if isinstance(item, Document) else item.item
        out[where.split("#", 1)[0]].append(item)
    return out


def text_of(doc: Document) -> str:
    body = doc.body.decode("utf-8", "replace") if isinstance(doc.body, bytes) else doc.body
    return body + " " + json.dumps(doc.fields, ensure_ascii=False, default=str)


# html5lib-tests -----------------------------------------------------------------------


def _html5lib_inputs(folder: Path) -> list[str]:
    inputs: list[str] = []
    for test_file in sorted((folder / "tokenizer").glob("*.test")):
        for test in json.loads(test_file.read_text(encoding="utf-8")).get("tests", []):
            inputs.append(test["input"])
    for dat in sorted((folder / "tree-construction").glob("*.dat")):
        text = dat.read_text(encoding="utf-8")
        for block in re.split(r"\n\n(?=#data\n)", "\n" + text):
            m = re.search(r"#data\n(.*?)\n#errors", block, re.DOTALL)
            if m:
                inputs.append(m.group(1))
    return inputs


def test_html5lib_containers_and_every_input_come_through(tmp_path: Path) -> None:
    folder = suite("html5lib-tests")
    containers = data_files(folder)
    out = run(containers)
    assert len(out) == len(containers)  # one text Document (or Problem) per container file
    inputs = _html5lib_inputs(folder)
    assert len(inputs) > 1000
    written: list[Path] = []
    for i, text in enumerate(inputs):
        raw = text.encode("utf-8", "surrogatepass")
        named = tmp_path / "named" / f"{i:05d}.html"
        sniffed = tmp_path / "sniffed" / f"{i:05d}"
        for p in (named, sniffed):
            p.parent.mkdir(exist_ok=True)
            p.write_bytes(raw)
        written += [named, sniffed]
    results = by_file(run([tmp_path / "named", tmp_path / "sniffed"]))
    for p in written:
        items = results[str(p)]
        assert len(items) == 1, (p, items)
        item = items[0]
        if p.suffix == ".html":
            if p.read_bytes().strip():
                assert isinstance(item, Document) and item.body == p.read_bytes()
            else:
                assert isinstance(item, Problem) and item.reason.startswith("empty file")


# feedparser ---------------------------------------------------------------------------


_SCRIPTY = re.compile(r"<script|<iframe|<object|<embed|\son\w+\s*=|javascript:", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def test_feedparser_illformed_and_sanitize_feeds_never_crash_or_leak_script() -> None:
    folder = suite("feedparser")
    files = data_files(folder)
    assert len(files) > 900
    results = by_file(run(files))
    documents = 0
    for f in files:
        items = results[str(f)]
        assert items, f"{f} produced nothing"
        for item in items:
            if isinstance(item, Document):
                documents += 1
                assert item.kind == "feed" and item.source.startswith(f"{f}#entry=")
                if "sanitize" in f.parts and not f.name.startswith("acceptable_"):
                    visible = _COMMENT.sub("", str(item.body))
                    assert not _SCRIPTY.search(visible), (f.name, visible[:200])
            else:
                assert item.reason and "\n" not in item.reason
    assert documents > 100
    for f in (folder / "illformed").rglob("*.xml"):
        assert results[str(f)], f


# WARC ---------------------------------------------------------------------------------


def test_warcio_and_resiliparse_archives() -> None:
    warcio, resiliparse = suite("warcio"), suite("resiliparse")
    files = data_files(warcio) + data_files(resiliparse)
    results = by_file(run(files))

    def kinds(name: str, folder: Path) -> list[str]:
        return [type(i).__name__ for i in results[str(folder / name)]]

    # valid controls: only documents
    for name in ("example.warc", "example.warc.gz", "example-resource.warc.gz"):
        assert kinds(name, warcio) == ["Document"], name
    assert kinds("warcfile.warc.gz", resiliparse) == ["Document"] * 16
    # ClueWeb09 quirks (bare-LF HTTP headers, bad WARC-Date) still read, with their charset
    clueweb = results[str(resiliparse / "clueweb-quirk.warc.gz")]
    assert len(clueweb) == 29 and all(
        isinstance(d, Document) and d.declared_encoding == "euc-jp" for d in clueweb
    )
    # cut-off archives: the good records, then exactly one problem naming the file
    for name, folder in (("example-trunc.warc", warcio), ("clipped.warc.gz", resiliparse)):
        items = results[str(folder / name)]
        last = items[-1]
        assert isinstance(last, Problem) and last.item == str(folder / name), items
        assert "truncated" in last.reason
        assert sum(isinstance(i, Problem) and i.item == str(folder / name) for i in items) == 1
    # ARC is refused with advice
    for name in ("example.arc", "example.arc.gz", "bad.arc", "example-space-in-url.arc"):
        (item,) = results[str(warcio / name)]
        assert isinstance(item, Problem) and item.kind == "skipped" and "ARC" in item.reason
    # every document is HTML with a target URL and a locator
    for items in results.values():
        for d in items:
            if isinstance(d, Document) and d.kind == "warc":
                assert re.search(r"#record=\d+$", d.source) and d.url and not d.url.startswith("<")


# JSONTestSuite ------------------------------------------------------------------------


def test_json_test_suite_as_jsonl(tmp_path: Path) -> None:
    folder = suite("jsontestsuite") / "test_parsing"
    if not folder.is_dir():
        pytest.skip(f"{folder} missing")
    copies: list[Path] = []
    for f in sorted(folder.glob("*.json")):
        for suffix in (".jsonl", ".json"):  # as JSON Lines, and as a whole JSON document
            dest = tmp_path / suffix.strip(".") / (f.stem + suffix)
            dest.parent.mkdir(exist_ok=True)
            shutil.copyfile(f, dest)
            copies.append(dest)
    results = by_file(run(copies))
    for dest in copies:
        items = results[str(dest)]
        assert items, dest.name  # at least a Problem ("empty file") for everything
        if dest.name.startswith("n_"):
            assert all(isinstance(i, Problem) for i in items), (dest.name, items)
        for item in items:
            if isinstance(item, Document):
                assert isinstance(item.body, str) and item.body.strip()
                item.body.encode("utf-8")  # no lone surrogates leak downstream
                json.dumps(item.fields).encode("utf-8")
    for suffix in ("jsonl", "json"):
        deep = results[str(tmp_path / suffix / f"n_structure_100000_opening_arrays.{suffix}")]
        assert len(deep) == 1 and isinstance(deep[0], Problem)


def test_json_test_suite_values_as_extra_fields(tmp_path: Path) -> None:
    # Every accepted (y_) single-line value, nested as an extra field of a good record.
    folder = suite("jsontestsuite") / "test_parsing"
    lines: list[bytes] = []
    for f in sorted(folder.glob("y_*.json")):
        raw = f.read_bytes().strip()
        if b"\n" not in raw and b"\r" not in raw:
            lines.append(b'{"text": "body", "value": ' + raw + b"}")
    p = tmp_path / "values.jsonl"
    p.write_bytes(b"\n".join(lines) + b"\n")
    out = [i for i in run([p]) if not (isinstance(i, Problem) and i.kind == "warning")]  # no dates
    assert len(out) == len(lines)
    ok = [i for i in out if isinstance(i, Document)]
    assert len(ok) >= len(lines) - 5  # only BOM/NaN-style oddities may fail
    for d in ok:
        json.dumps(d.fields).encode("utf-8")


# Big List of Naughty Strings ---------------------------------------------------------


def test_naughty_strings_survive_as_titles_and_text(tmp_path: Path) -> None:
    folder = suite("naughty-strings")
    strings: list[str] = json.loads((folder / "blns.json").read_text(encoding="utf-8"))
    p = tmp_path / "naughty.jsonl"
    with p.open("w", encoding="utf-8") as f:
        for s in strings:
            f.write(json.dumps({"title": s, "text": s, "outlet": s}) + "\n")
    out = [i for i in run([p]) if not (isinstance(i, Problem) and i.kind == "warning")]  # no dates
    assert len(out) == len(strings)
    for s, item in zip(strings, out, strict=True):
        if s.strip():
            assert isinstance(item, Document) and item.body == s and item.fields["title"] == s
        else:
            assert isinstance(item, Problem)
    # and the raw list as a plain text file
    (doc,) = run([folder / "blns.txt"])
    assert isinstance(doc, Document) and doc.media_type == "text"


# XML bombs and XXE --------------------------------------------------------------------


def test_xml_bombs_are_refused_without_expansion(tmp_path: Path) -> None:
    folder = suite("xml-bombs")
    files = data_files(folder)
    copies = []
    for f in files:
        for suffix in (".rss", ".xml"):  # force the feed parser, and the sniffing path
            dest = tmp_path / suffix.strip(".") / (f.stem + suffix)
            dest.parent.mkdir(exist_ok=True)
            data = f.read_bytes()
            if f.name == "external_file.xml":  # point the XXE at a real file with a marker
                data = data.replace(
                    b"file:///PATH/TO/xmltestdata/simple.xml", (folder / "simple.xml").as_uri().encode()
                )
            dest.write_bytes(data)
            copies.append(dest)
    passwd = tmp_path / "xxe.rss"
    passwd.write_bytes(
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<rss version="2.0"><channel><title>&x;</title><item><title>&x;</title>'
        b"<description>&x; " + b"word " * 40 + b"</description></item></channel></rss>"
    )
    copies.append(passwd)
    tracemalloc.start()
    try:
        out = run(copies)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 50_000_000  # a billion-laughs expansion would be gigabytes
    assert all(isinstance(i, Problem) for i in out), [i for i in out if isinstance(i, Document)]
    for bomb in ("xmlbomb", "xmlbomb2", "quadratic", "cyclic", "external", "external_file"):
        for sub in ("rss", "xml"):
            (item,) = by_file(out)[str(tmp_path / sub / f"{bomb}.{sub}")]
            assert isinstance(item, Problem) and "entities" in item.reason
    assert "entities" in by_file(out)[str(passwd)][0].reason
    for item in out:
        assert "root:" not in item.reason and "element key" not in item.reason
