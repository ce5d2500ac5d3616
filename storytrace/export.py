"""Export: storytrace's stable machine interface (JSONL, CSV, Parquet).

``--what articles`` writes one article per line/row with the fields in
``ARTICLE_FIELDS``. JSONL and Parquet keep ``sightings`` as a list of records and
``extra`` as an object (Parquet: a JSON string, since extra fields differ per
article); CSV holds both as JSON text.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import asdict
from typing import IO, Any

from .errors import ExportError
from .model import Article
from .store import Store

FORMATS = ("jsonl", "csv", "parquet")
WHATS = ("articles",)

#: (field, description) in output order; the README's export reference is built from this.
ARTICLE_FIELDS: tuple[tuple[str, str], ...] = (
    ("id", "stable article id: 16 hex chars of SHA-256 over the normalised text"),
    ("outlet", "outlet name (site name, publisher, or the domain)"),
    ("title", "headline"),
    ("published", "publication date or datetime, ISO 8601, or null"),
    ("author", "byline, or null"),
    ("language", "language code, or null"),
    ("url", "URL the article was first ingested from, or null"),
    ("canonical_url", "the page's canonical URL, or null"),
    ("text", "clean article text, paragraphs separated by a blank line"),
    ("word_count", "words in text"),
    ("ingested_at", "when it was first stored (UTC, ISO 8601)"),
    ("sightings", "every path or URL it was ingested from: source, kind, url, first_seen, last_seen, times"),
    ("extra", "fields that came with the input (e.g. JSONL keys) beyond the ones above"),
)


def article_record(article: Article) -> dict[str, Any]:
    """The export record of one article (the same dict the JSON API returns)."""
    rec = {
        "id": article.id,
        "outlet": article.outlet,
        "title": article.title,
        "published": article.published,
        "author": article.author,
        "language": article.language,
        "url": article.url,
        "canonical_url": article.canonical_url,
        "text": article.text,
        "word_count": article.word_count,
        "ingested_at": article.ingested_at,
        "sightings": [asdict(s) for s in article.sightings],
        "extra": article.extra,
    }
    return rec


def check_options(format: str, what: str) -> None:
    if format not in FORMATS:
        raise ExportError(f"unknown format {format!r}; use {', '.join(FORMATS)}")
    if what not in WHATS:
        raise ExportError(f"unknown export {what!r}; use {', '.join(WHATS)}")


def export(store: Store, out: IO[Any], *, format: str = "jsonl", what: str = "articles") -> int:
    """Write the store's ``what`` to ``out`` (text stream for jsonl/csv, binary for parquet).

    Returns the number of records written.
    """
    check_options(format, what)
    records = (article_record(a) for a in store.iter_articles(order="oldest"))
    if format == "jsonl":
        return _jsonl(records, out)
    if format == "csv":
        return _csv(records, out)
    return _parquet(records, out)


def _jsonl(records: Iterator[dict[str, Any]], out: IO[str]) -> int:
    n = 0
    for rec in records:
        out.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
        n += 1
    return n


def _csv(records: Iterator[dict[str, Any]], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=[f for f, _ in ARTICLE_FIELDS], lineterminator="\n")
    writer.writeheader()
    n = 0
    for rec in records:
        rec["sightings"] = json.dumps(rec["sightings"], ensure_ascii=False)
        rec["extra"] = json.dumps(rec["extra"], ensure_ascii=False, default=str)
        writer.writerow(rec)
        n += 1
    return n


def _parquet(records: Iterator[dict[str, Any]], out: IO[bytes]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    sighting = pa.struct(
        [
            ("source", pa.string()),
            ("kind", pa.string()),
            ("url", pa.string()),
            ("first_seen", pa.string()),
            ("last_seen", pa.string()),
            ("times", pa.int64()),
        ]
    )
    schema = pa.schema(
        [(f, pa.string()) for f, _ in ARTICLE_FIELDS if f not in {"word_count", "sightings", "extra"}]
        + [("word_count", pa.int64()), ("sightings", pa.list_(sighting)), ("extra", pa.string())]
    )
    sink = out if not isinstance(out, io.TextIOBase) else None
    if sink is None:
        raise ExportError("parquet is binary: write it to a file with -o FILE")
    n = 0
    with pq.ParquetWriter(sink, schema) as writer:
        batch: list[dict[str, Any]] = []
        for rec in records:
            rec["extra"] = json.dumps(rec["extra"], ensure_ascii=False, default=str)
            batch.append(rec)
            if len(batch) == 1000:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n
