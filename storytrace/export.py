"""Export: storytrace's stable machine interface (JSONL, CSV, Parquet).

``--what articles`` writes one article per line/row with the fields in
``ARTICLE_FIELDS``. JSONL and Parquet keep ``sightings`` as a list of records and
``extra`` as an object (Parquet: a JSON string, since extra fields differ per
article); CSV holds both as JSON text. ``--what figures`` and ``--what quotes``
write every figure and quotation extracted, one per line, with its sentence
(``FIGURE_FIELDS``, ``QUOTE_FIELDS``), whether or not it is compared with
another outlet's.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import asdict
from typing import IO, Any

from .errors import ExportError
from .model import Article, FactGroup, Figure, Quote, ReuseLink, Story
from .store import Store

FORMATS = ("jsonl", "csv", "parquet")
WHATS = ("articles", "links", "stories", "facts", "figures", "quotes")

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
    (
        "original",
        "id of the article this one was copied or rewritten from, followed back to the first; or null",
    ),
    ("story", "id of the story (real-world event) the article belongs to, or null"),
)

#: (field, description) of ``--what stories``: one story per line.
STORY_FIELDS: tuple[tuple[str, str], ...] = (
    ("id", "story id: s- and the start of the id of the article that started it"),
    ("headline", "the member headline that best names the story"),
    ("first_published", "earliest publication time among its articles, or null"),
    ("last_published", "latest publication time among its articles, or null"),
    ("n_articles", "articles in the story"),
    ("outlets", "outlets in the order they first reported it"),
    ("first_article", "id of the article that reported it first (earliest publication, else ingest)"),
    ("first_outlet", "outlet of that article"),
    (
        "first_by",
        "how first is known: published (one earliest time), tie (several share the earliest time or its "
        "date: first_tied), ingest (no dates: first stored, not first reported)",
    ),
    ("first_tied", "ids of the articles tied for first, in time order"),
    ("entities", "key named entities, most mentioned first"),
    ("articles", "member article ids in time order"),
)

#: (field, description) of ``--what links``: one reuse link per related pair.
LINK_FIELDS: tuple[tuple[str, str], ...] = (
    ("source", "id of the original article"),
    ("target", "id of the derived article (the copy, the rewrite, or the one that reused passages)"),
    (
        "kind",
        "copy (whole article reprinted with light edits), partial (shared passages) or rewrite (paraphrase)",
    ),
    ("score", "strength of the link, 0..1"),
    ("source_outlet", "outlet of the original"),
    ("target_outlet", "outlet of the derived article"),
    (
        "passages",
        "aligned passages: source_start, source_end, target_start, target_end (character offsets into "
        "each text), similarity, kind (verbatim, edited, paraphrase)",
    ),
    (
        "direction",
        "why source is the original: decided_by (published, text, containment, extra_text, ingest_order), "
        "confidence, both publication times, source_in_target, target_in_source, source_only_chars, "
        "target_only_chars, family_reversed (copy families read the link from target to source)",
    ),
    (
        "edits",
        "meaning-changing edits: kind (number, qualifier, attribution, quote), source_text, target_text, offsets, note",
    ),
)


#: (field, description) of ``--what facts``: one fact group per line.
FACT_FIELDS: tuple[tuple[str, str], ...] = (
    ("story", "id of the story whose articles state it"),
    ("kind", "figure or quote"),
    (
        "measure",
        'what is measured, normalised so outlets\' wordings meet ("person killed"), or "quote: <speaker>"',
    ),
    ("label", 'the articles\' own words for it ("people killed"), or the speaker'),
    (
        "status",
        "changed-in-copy (a copy or rewrite states its source's figure or quotation differently), "
        "conflict (independent sources' values for one fact at one time that cannot both be true), "
        "altered-quote (two outlets, one named speaker's statement, changed words), qualifier-drift "
        "(same number, hedged in opposite directions), update (a later value the earlier cannot hold), "
        "corroborated (compatible values from two or more independent sources) or single-source",
    ),
    ("note", "one line saying why"),
    ("confidence", "how sure the status is (0..1): the fitted one-fact model's probability for its pair (figures), "
     "the measured precision of the rule (quotations); null for single-source"),
    ("pair", "positions in values of the two statements the status rests on, or null"),
    ("sources", "independent sources: articles joined by reuse links, and one outlet's articles, count once"),
    (
        "values",
        "each article's statement in publication order: article, outlet, published, text (as written), "
        "value, qualifier, qualifier_class, unit, time_ref, attribution (or the speaker), start, end, "
        "sentence (the sentence it was read from)",
    ),
)


#: (field, description) of ``--what figures``: every figure extracted, one per line.
FIGURE_FIELDS: tuple[tuple[str, str], ...] = (
    ("article", "id of the article that states it"),
    ("outlet", "that article's outlet"),
    ("published", "that article's publication time, or null"),
    ("story", "id of the article's story, or null"),
    ("start", "character offset of the number expression in the article text"),
    ("end", "end offset (exclusive)"),
    ("text", 'the number as written: "1,200", "nine", "$2.3bn"'),
    ("value", "its value: 1200, 9, 2300000000 (a vague word's lower end: dozens 12)"),
    ("unit", 'percent, currency:USD, age, duration:months, fraction, measure:km, or null'),
    ("qualifier", 'the hedge as written, lower case ("as many as"), or null'),
    ("qualifier_class", "min, over, max, under, approx, nearly or vague, or null (exact)"),
    ("counted", 'what it counts in the article\'s words ("people killed"), or null'),
    ("measure", 'the same normalised so outlets\' wordings meet ("person killed"), or null'),
    ("time", 'the time it refers to as written ("since October 7"), or null'),
    ("attribution", 'whom it is credited to ("Gaza\'s health ministry"), or null'),
    ("sentence_start", "offset of its sentence"),
    ("sentence_end", "end offset of its sentence"),
    ("sentence", "the sentence it was read from"),
)

#: (field, description) of ``--what quotes``: every quotation extracted, one per line.
QUOTE_FIELDS: tuple[tuple[str, str], ...] = (
    ("article", "id of the article that quotes it"),
    ("outlet", "that article's outlet"),
    ("published", "that article's publication time, or null"),
    ("story", "id of the article's story, or null"),
    ("start", "character offset of the quoted words in the article text (inside the marks)"),
    ("end", "end offset (exclusive)"),
    ("text", "the quoted words"),
    ("speaker", 'who said them: a name ("Michael Steele") or a description ("a Hamas official"), or null'),
    ("speaker_kind", "name, description or unknown"),
    ("verb", 'the reporting verb as written ("said", "told"), or null'),
    ("said_to", 'whom it was said to ("Reuters" in "told Reuters"), or null'),
    ("sentence", "the sentence or sentences holding the quotation"),
)


def figure_record(article: str, outlet: str | None, published: str | None, story: str | None,
                  text: str, f: Figure) -> dict[str, Any]:
    """The export record of one figure (``FIGURE_FIELDS``)."""
    return {
        "article": article,
        "outlet": outlet,
        "published": published,
        "story": story,
        "start": f.start,
        "end": f.end,
        "text": f.text,
        "value": f.value,
        "unit": f.unit,
        "qualifier": f.qualifier,
        "qualifier_class": f.qualifier_class,
        "counted": f.counted,
        "measure": f.measure,
        "time": f.time,
        "attribution": f.attribution,
        "sentence_start": f.sentence_start,
        "sentence_end": f.sentence_end,
        "sentence": text[f.sentence_start : f.sentence_end],
    }


def quote_record(article: str, outlet: str | None, published: str | None, story: str | None,
                 text: str, q: Quote) -> dict[str, Any]:
    """The export record of one quotation (``QUOTE_FIELDS``)."""
    from .statements.compare import quote_sentence

    sentence = quote_sentence(text, q.start, q.end)
    return {
        "article": article,
        "outlet": outlet,
        "published": published,
        "story": story,
        "start": q.start,
        "end": q.end,
        "text": q.text,
        "speaker": q.speaker,
        "speaker_kind": q.speaker_kind,
        "verb": q.verb,
        "said_to": q.outlet,
        "sentence": sentence,
    }


def fact_record(group: FactGroup) -> dict[str, Any]:
    return {
        "story": group.story_id,
        "kind": group.kind,
        "measure": group.measure,
        "label": group.label,
        "status": group.status,
        "note": group.note,
        "confidence": group.confidence,
        "pair": list(group.pair) if group.pair else None,
        "sources": group.sources,
        "values": [
            {
                "article": v.article_id,
                "outlet": v.outlet,
                "published": v.published,
                "text": v.text,
                "value": v.value,
                "qualifier": v.qualifier,
                "qualifier_class": v.qualifier_class,
                "unit": v.unit,
                "time_ref": v.time_ref,
                "attribution": v.attribution,
                "start": v.start,
                "end": v.end,
                "sentence": v.sentence,
            }
            for v in group.values
        ],
    }


def story_record(story: Story) -> dict[str, Any]:
    return {
        "id": story.id,
        "headline": story.headline,
        "first_published": story.first_published,
        "last_published": story.last_published,
        "n_articles": story.n_articles,
        "outlets": story.outlets,
        "first_article": story.first_article,
        "first_outlet": story.first_outlet,
        "first_by": story.first_by,
        "first_tied": story.first_tied,
        "entities": story.entities,
        "articles": [m.article_id for m in story.articles],
    }


def article_record(article: Article, original: str | None = None, story: str | None = None) -> dict[str, Any]:
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
        "original": original,
        "story": story,
    }
    return rec


def link_record(link: ReuseLink, outlets: dict[str, str | None]) -> dict[str, Any]:
    return {
        "source": link.source_id,
        "target": link.target_id,
        "kind": link.kind,
        "score": round(link.score, 4),
        "source_outlet": outlets.get(link.source_id),
        "target_outlet": outlets.get(link.target_id),
        "passages": [asdict(p) for p in link.passages],
        "direction": asdict(link.direction),
        "edits": [asdict(e) for e in link.edits],
    }


def originals(store: Store) -> dict[str, str]:
    """article id -> its original, following copy and rewrite links back (in memory)."""
    best: dict[str, tuple[float, str]] = {}
    for link in store.iter_links():
        if link.kind in ("copy", "rewrite"):
            cur = best.get(link.target_id)
            if cur is None or (link.score, link.source_id) > cur:
                best[link.target_id] = (link.score, link.source_id)
    out: dict[str, str] = {}
    for target in best:
        node, seen = target, {target}
        while node in best and best[node][1] not in seen:
            node = best[node][1]
            seen.add(node)
        out[target] = node
    return out


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
    if what == "links":
        outlets = store.outlet_of_all()
        records = (link_record(link, outlets) for link in store.iter_links())
        fields = LINK_FIELDS
    elif what == "stories":
        records = (story_record(store.get_story(s.id)) for s in store.stories(limit=None))
        fields = STORY_FIELDS
    elif what == "facts":
        from .statements.stored import all_story_facts

        records = (fact_record(g) for g in all_story_facts(store))
        fields = FACT_FIELDS
    elif what in ("figures", "quotes"):
        story_of = store.story_of()
        make = figure_record if what == "figures" else quote_record
        records = (
            make(aid, outlet, published, story_of.get(aid), text, item)  # type: ignore[arg-type]
            for aid, outlet, published, text, item in store.iter_statements(what)
        )
        fields = FIGURE_FIELDS if what == "figures" else QUOTE_FIELDS
    else:
        orig = originals(store)
        story_of = store.story_of()
        records = (
            article_record(a, orig.get(a.id), story_of.get(a.id)) for a in store.iter_articles(order="oldest")
        )
        fields = ARTICLE_FIELDS
    if format == "jsonl":
        return _jsonl(records, out)
    if format == "csv":
        return _csv(records, out, fields)
    return _parquet(records, out, what)


def _jsonl(records: Iterator[dict[str, Any]], out: IO[str]) -> int:
    n = 0
    for rec in records:
        out.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
        n += 1
    return n


def _csv(records: Iterator[dict[str, Any]], out: IO[str], fields: tuple[tuple[str, str], ...]) -> int:
    writer = csv.DictWriter(out, fieldnames=[f for f, _ in fields], lineterminator="\n")
    writer.writeheader()
    n = 0
    for rec in records:
        for key, value in rec.items():
            if isinstance(value, (dict, list)):
                rec[key] = json.dumps(value, ensure_ascii=False, default=str)
        writer.writerow(rec)
        n += 1
    return n


def _parquet(records: Iterator[dict[str, Any]], out: IO[bytes], what: str) -> int:
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
    if what == "links":
        passage = pa.struct(
            [(n, pa.int64()) for n in ("source_start", "source_end", "target_start", "target_end")]
            + [("similarity", pa.float64()), ("kind", pa.string())]
        )
        edit = pa.struct(
            [
                ("kind", pa.string()),
                ("source_text", pa.string()),
                ("target_text", pa.string()),
                ("source_start", pa.int64()),
                ("target_start", pa.int64()),
                ("note", pa.string()),
            ]
        )
        direction = pa.struct(
            [
                ("decided_by", pa.string()),
                ("confidence", pa.float64()),
                ("source_published", pa.string()),
                ("target_published", pa.string()),
                ("source_in_target", pa.float64()),
                ("target_in_source", pa.float64()),
                ("source_only_chars", pa.int64()),
                ("target_only_chars", pa.int64()),
                ("family_reversed", pa.bool_()),
            ]
        )
        schema = pa.schema(
            [
                ("source", pa.string()),
                ("target", pa.string()),
                ("kind", pa.string()),
                ("score", pa.float64()),
                ("source_outlet", pa.string()),
                ("target_outlet", pa.string()),
                ("passages", pa.list_(passage)),
                ("direction", direction),
                ("edits", pa.list_(edit)),
            ]
        )
        json_fields: tuple[str, ...] = ()
    elif what == "stories":
        schema = pa.schema(
            [(f, pa.string()) for f in ("id", "headline", "first_published", "last_published")]
            + [("n_articles", pa.int64())]
            + [("outlets", pa.list_(pa.string()))]
            + [("first_article", pa.string()), ("first_outlet", pa.string()), ("first_by", pa.string())]
            + [("first_tied", pa.list_(pa.string()))]
            + [("entities", pa.list_(pa.string())), ("articles", pa.list_(pa.string()))]
        )
        json_fields = ()
    elif what == "facts":
        value = pa.struct(
            [(f, pa.string()) for f in ("article", "outlet", "published", "text")]
            + [("value", pa.float64())]
            + [(f, pa.string()) for f in ("qualifier", "qualifier_class", "unit", "time_ref", "attribution")]
            + [("start", pa.int64()), ("end", pa.int64()), ("sentence", pa.string())]
        )
        schema = pa.schema(
            [(f, pa.string()) for f in ("story", "kind", "measure", "label", "status", "note")]
            + [("confidence", pa.float64()), ("pair", pa.list_(pa.int64()))]
            + [("sources", pa.int64()), ("values", pa.list_(value))]
        )
        json_fields = ()
    elif what in ("figures", "quotes"):
        ints = {"start", "end", "sentence_start", "sentence_end"}
        fields = FIGURE_FIELDS if what == "figures" else QUOTE_FIELDS
        schema = pa.schema(
            [(f, pa.int64() if f in ints else pa.float64() if f == "value" else pa.string()) for f, _ in fields]
        )
        json_fields = ()
    else:
        schema = pa.schema(
            [
                (f, pa.string())
                for f, _ in ARTICLE_FIELDS
                if f not in {"word_count", "sightings", "extra", "original", "story"}
            ]
            + [
                ("word_count", pa.int64()),
                ("sightings", pa.list_(sighting)),
                ("extra", pa.string()),
                ("original", pa.string()),
                ("story", pa.string()),
            ]
        )
        json_fields = ("extra",)
    sink = out if not isinstance(out, io.TextIOBase) else None
    if sink is None:
        raise ExportError("parquet is binary: write it to a file with -o FILE")
    n = 0
    with pq.ParquetWriter(sink, schema) as writer:
        batch: list[dict[str, Any]] = []
        for rec in records:
            for key in json_fields:
                rec[key] = json.dumps(rec[key], ensure_ascii=False, default=str)
            batch.append(rec)
            if len(batch) == 1000:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n
