"""Batch: an archive through the stages into Parquet, in this process or on a Dask cluster.

``storytrace batch INPUT... --out DIR [--engine local|dask] [--scheduler ADDRESS]``
reads what ``ingest`` reads and writes, without a store, the datasets a store would
hold:

- ``articles/``, ``figures/``, ``quotes/``, ``problems/``: one Parquet file per input
  partition, made by the partition kernel (``partition_kernel``: read, extract, read
  facts), which runs on the workers;
- ``links.parquet`` and ``stories.parquet``: made on the driver over every article in
  time order, by the same engines ``relink`` and ``recluster`` use in memory
  (``reuse.link_articles``, ``grouping.cluster_articles``).

Partitions are the input files, dealt round-robin in sorted order. A partition whose
files exist is not made again, nor a driver dataset, so a killed run resumes where it
stopped. The results do not depend on the engine or the number of partitions: the
articles are deduplicated by content id (the copy from the first input path wins) and
taken in (publication time, id) order before links and stories are made; tests hold
local and Dask at 1 and 3 partitions to the same bytes of every dataset.

Models (spaCy, MiniLM) are loaded once per worker process, by the kernel on first use;
nothing runs at import. A bad file or record becomes a row of ``problems/`` with its
stage and reason; the run goes on.

What is left (issue 19): reuse candidates by LSH bands shuffled across workers and
stories assigned in time shards; here both run on the driver, which bounds the archive
to what one machine's memory holds of articles' texts.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .model import Article, Document, Problem
from .settings import Config

__all__ = ["BatchResult", "partition_kernel", "partitions_of", "run_batch"]

#: Parquet compression of every dataset.
COMPRESSION = "zstd"


@dataclass(frozen=True, slots=True)
class BatchResult:
    out: str
    partitions: int
    articles: int
    links: int
    stories: int
    figures: int
    quotes: int
    problems: int
    made: list[str]  # datasets made by this run (the others were there already)


def partitions_of(inputs: Sequence[str | os.PathLike[str]], n: int) -> list[list[str]]:
    """The input files (folders walked, sorted) dealt round-robin into ``n`` partitions."""
    files: list[str] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            files += sorted(str(p) for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        else:
            files.append(str(path))
    files = sorted(dict.fromkeys(files))
    n = max(1, min(n, len(files) or 1))
    return [files[i::n] for i in range(n)]


_NLP: Any = None


def _parser() -> Any:
    """spaCy for facts, once per process (a worker keeps it between partitions)."""
    global _NLP
    if _NLP is None:
        from .statements.extract import load_parser

        _NLP = load_parser()
    return _NLP


def partition_kernel(paths: Sequence[str], config: Config, now: str) -> dict[str, list[dict[str, Any]]]:
    """Read, extract and read the facts of one partition's files: records per dataset."""
    from .ingest import iter_documents
    from .pipeline import extract_stage
    from .statements.extract import extract_facts

    docs: list[Document] = []
    problems: list[Problem] = []
    for item in iter_documents([Path(p) for p in paths], [], config):
        (problems if isinstance(item, Problem) else docs).append(item)  # type: ignore[arg-type]
    pairs, extract_problems = extract_stage(docs, config, now)
    problems += extract_problems
    seen: set[str] = set()
    articles: list[tuple[Article, str]] = []
    for article, sighting in pairs:
        if article.id not in seen:
            seen.add(article.id)
            articles.append((article, sighting.source))
    facts = extract_facts([a for a, _ in articles], nlp=_parser()) if config.facts == "on" and articles else []
    return {
        "articles": [_article_row(a, source) for a, source in articles],
        "figures": [asdict(f) for af in facts for f in af.figures],
        "quotes": [asdict(q) for af in facts for q in af.quotes],
        "problems": [asdict(p) for p in problems],
    }


def _article_row(a: Article, source: str) -> dict[str, Any]:
    return {
        "id": a.id,
        "source": source,
        "outlet": a.outlet,
        "title": a.title,
        "published": a.published,
        "author": a.author,
        "language": a.language,
        "url": a.url,
        "canonical_url": a.canonical_url,
        "text": a.text,
        "extra": json.dumps(a.extra, ensure_ascii=False, sort_keys=True, default=str),
    }


def _schemas() -> dict[str, Any]:
    import pyarrow as pa

    s = pa.string()
    i = pa.int64()
    return {
        "articles": pa.schema([(f, s) for f in ("id", "source", "outlet", "title", "published", "author",
                                                "language", "url", "canonical_url", "text", "extra")]),
        "figures": pa.schema(
            [("article_id", s), ("start", i), ("end", i), ("text", s), ("value", pa.float64())]
            + [(f, s) for f in ("unit", "qualifier", "qualifier_class", "counted", "measure", "time", "attribution")]
            + [("sentence_start", i), ("sentence_end", i)]
        ),
        "quotes": pa.schema(
            [("article_id", s), ("start", i), ("end", i)]
            + [(f, s) for f in ("text", "speaker", "speaker_kind", "verb", "outlet")]
        ),
        "problems": pa.schema([(f, s) for f in ("item", "stage", "reason", "kind")]),
        "links": pa.schema(
            [("source", s), ("target", s), ("kind", s), ("score", pa.float64()), ("direction", s), ("passages", s)]
        ),
        "stories": pa.schema([("article", s), ("story", s)]),
    }


def _write(path: Path, rows: list[dict[str, Any]], schema: Any) -> None:
    """A Parquet file written beside its name and renamed: never half there."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pylist(rows, schema=schema)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    os.close(fd)
    try:
        pq.write_table(table, tmp, compression=COMPRESSION)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read(path: Path) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    return pq.read_table(path).to_pylist()


def _part_name(number: int, paths: Sequence[str]) -> str:
    """A partition's file name: its number and its files, so another split is made again."""
    import hashlib

    digest = hashlib.sha256("\n".join(paths).encode("utf-8")).hexdigest()[:12]
    return f"part-{number:05d}-{digest}.parquet"


def _run_partition(job: tuple[int, list[str], str, Config, str]) -> dict[str, int]:
    """Make one partition's files unless they are there (runs on a worker)."""
    number, paths, out, config, now = job
    name = _part_name(number, paths)
    root = Path(out)
    if all((root / d / name).is_file() for d in ("articles", "figures", "quotes", "problems")):
        return {"made": 0}
    records = partition_kernel(paths, config, now)
    schemas = _schemas()
    # problems and facts first, articles last: a partition counts as made once articles/ has it.
    for dataset in ("problems", "figures", "quotes", "articles"):
        _write(root / dataset / name, records[dataset], schemas[dataset])
    return {"made": 1}


Mapper = Callable[[Callable[[Any], Any], list[Any]], list[Any]]


def _local_map(fn: Callable[[Any], Any], jobs: list[Any]) -> list[Any]:
    return [fn(job) for job in jobs]


def dask_map(scheduler: str | None = None, workers: int = 2) -> tuple[Mapper, Callable[[], None]]:
    """A mapper over a Dask cluster: the one at ``scheduler``, else a local cluster of
    ``workers`` processes of one thread each (model threads pinned to one)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - the extra is part of the test install
        from .errors import ConfigError

        raise ConfigError("the dask engine needs the dask extra: pip install 'storytrace[dask]'") from exc
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
            env={"OMP_NUM_THREADS": "1"},
        )
        client = Client(cluster)

    def mapper(fn: Callable[[Any], Any], jobs: list[Any]) -> list[Any]:
        futures = client.map(fn, jobs, pure=False)
        return client.gather(futures)

    def close() -> None:
        client.close()
        if cluster is not None:
            cluster.close()

    return mapper, close


def run_batch(
    inputs: Sequence[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    config: Config | None = None,
    partitions: int = 4,
    mapper: Mapper | None = None,
    now: str = "1970-01-01T00:00:00+00:00",
) -> BatchResult:
    """Run the stages over ``inputs`` into Parquet datasets under ``out`` (see the module).

    ``mapper``: how partitions are mapped (default: in this process; ``dask_map`` for a
    cluster). ``now`` stamps the articles (fixed by default, so that two runs of one
    input write the same bytes).
    """
    from .grouping import cluster_articles
    from .grouping.params import StoryParams
    from .reuse.detector import link_articles
    from .reuse.params import ReuseParams

    config = config or Config.load()
    root = Path(out)
    root.mkdir(parents=True, exist_ok=True)
    parts = partitions_of(inputs, partitions)
    jobs = [(n, paths, str(root), config, now) for n, paths in enumerate(parts)]
    made = sum(r["made"] for r in (mapper or _local_map)(_run_partition, jobs))
    names = [_part_name(n, paths) for n, paths in enumerate(parts)]
    done: list[str] = [f"{made} partition(s)"] if made else []
    rows = {d: [r for name in names for r in _read(root / d / name)] for d in ("articles", "figures", "quotes", "problems")}
    # One article per content id, the copy from the first input path; then time order.
    first: dict[str, dict[str, Any]] = {}
    for row in sorted(rows["articles"], key=lambda r: (r["source"], r["id"])):
        first.setdefault(row["id"], row)
    ordered = sorted(first.values(), key=lambda r: (r["published"] is None, r["published"] or "", r["id"]))
    articles = [_article(r) for r in ordered]
    schemas = _schemas()
    links_path, stories_path = root / "links.parquet", root / "stories.parquet"
    if links_path.is_file():
        link_rows = _read(links_path)
    else:
        encoder: object | None = "default" if config.reuse == "full" else None
        links = link_articles(articles, encoder=encoder, params=ReuseParams.from_config(config)) if config.reuse != "off" else []
        link_rows = sorted(
            (
                {
                    "source": x.source_id,
                    "target": x.target_id,
                    "kind": x.kind,
                    "score": round(x.score, 6),
                    "direction": json.dumps(asdict(x.direction), sort_keys=True, default=str),
                    "passages": json.dumps([asdict(p) for p in x.passages], sort_keys=True),
                }
                for x in links
            ),
            key=lambda r: (r["source"], r["target"]),
        )
        _write(links_path, link_rows, schemas["links"])
        done.append("links")
    if stories_path.is_file():
        story_rows = _read(stories_path)
    else:
        sources: dict[str, str] = {}
        for r in sorted(link_rows, key=lambda r: -r["score"]):
            if r["kind"] in ("copy", "rewrite"):
                sources.setdefault(r["target"], r["source"])
        labels = (
            cluster_articles(articles, sources=sources, params=StoryParams.from_config(config))
            if config.stories == "on" and articles
            else []
        )
        story_rows = [{"article": a.id, "story": s} for a, s in zip(articles, labels, strict=True)]
        _write(stories_path, story_rows, schemas["stories"])
        done.append("stories")
    return BatchResult(
        out=str(root),
        partitions=len(parts),
        articles=len(articles),
        links=len(link_rows),
        stories=len({r["story"] for r in story_rows}),
        figures=len({(r["article_id"], r["start"]) for r in rows["figures"] if r["article_id"] in first}),
        quotes=len({(r["article_id"], r["start"]) for r in rows["quotes"] if r["article_id"] in first}),
        problems=len(rows["problems"]),
        made=done,
    )


def _article(row: dict[str, Any]) -> Article:
    return Article(
        id=row["id"],
        text=row["text"],
        title=row["title"],
        published=row["published"],
        outlet=row["outlet"],
        author=row["author"],
        language=row["language"],
        url=row["url"],
        canonical_url=row["canonical_url"],
        extra=json.loads(row["extra"] or "{}"),
    )


def read_dataset(out: str | os.PathLike[str], name: str) -> list[dict[str, Any]]:
    """Every row of one dataset of a batch result (``articles``, ``links``, ...), in file order."""
    root = Path(out)
    single = root / f"{name}.parquet"
    if single.is_file():
        return _read(single)
    return [r for f in sorted((root / name).glob("part-*.parquet")) for r in _read(f)]
