"""The public Python API: open a store, ingest, query, export.

>>> import storytrace
>>> with storytrace.open_store(":memory:") as store:
...     report = storytrace.ingest(store, [storytrace.demo_corpus_dir()])
...     report.counts()["ingested"] > 0
True
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .demo import corpus_dir as demo_corpus_dir
from .errors import ExportError
from .export import check_options as check_export_options
from .export import export
from .model import Article, Entity, FactGroup, FigureTrack, IngestReport, Story
from .pipeline import Progress, ingest
from .settings import Config, default_db_path
from .store import Store, open_store


def article_links(store: Store, article_id: str, *, family_limit: int | None = 50) -> ArticleLinks:
    """An article with every reuse link touching it, the passages' texts, its original and copy family.

    ``family_limit``: copy family members to list (see ``copy_family``); None leaves the family out.
    """
    from .reuse.views import article_links as _article_links

    return _article_links(store, article_id, family_limit=family_limit)


def copy_family(store: Store, article_id: str, *, limit: int = 50) -> CopyFamily:
    """The article's original and every copy or rewrite of it (copies of copies too), up to ``limit``.

    Copies of one wire story are not linked to each other; this finds them from any one.
    """
    from .reuse.views import copy_family as _copy_family

    return _copy_family(store, article_id, limit=limit)


def outlet_report(store: Store) -> list[OutletReuse]:
    """Per outlet: copies, rewrites and partial reuse of others' work, with a content-farm score."""
    from .reuse.views import outlet_report as _outlet_report

    return _outlet_report(store)


def relink(store: Store, config: Config | None = None) -> dict[str, int]:
    """Rebuild the reuse indexes and every link over the whole store (batch)."""
    from .reuse.stored import relink as _relink

    return _relink(store, config)


def stories(
    store: Store,
    *,
    since: str | None = None,
    until: str | None = None,
    outlet: str | None = None,
    search: str | None = None,
    limit: int | None = 50,
    offset: int = 0,
) -> list[Story]:
    """Stories, most recently published first; ``search`` matches any member article (FTS5)."""
    return store.stories(since=since, until=until, outlet=outlet, search=search, limit=limit, offset=offset)


def story(store: Store, story_id: str) -> Story:
    """One story (id or unique prefix; a merged id redirects) with its timeline and changes."""
    return store.get_story(story_id)


def entities(store: Store, article_id: str) -> list[Entity]:
    """Named entities (spaCy) in an article's headline and first 1,000 characters, with offsets.

    Read when the article joined a story (``stories`` on); the lead is where news
    names its who and where, and reading the whole text would double the story stage.
    """
    return store.entities_of(store.resolve_id(article_id))


def facts(store: Store, story_id: str, params: FactParams | None = None) -> list[FactGroup]:
    """A story's figures and quotes lined up across its articles, each group with a status,
    the pair of statements it rests on and a confidence.

    Statuses, strongest first: changed-in-copy, conflict, altered-quote, qualifier-drift,
    update, corroborated, single-source (see ``storytrace.statements.compare``).
    ``params``: what the statuses decide with (default: the fitted ``FactParams``).
    """
    from .statements.stored import story_facts

    return story_facts(store, story_id, params)


def figure(store: Store, query: str) -> list[FigureTrack]:
    """A measure ("death toll", "hostages") followed across articles and stories over time."""
    from .statements.stored import figure_tracks

    return figure_tracks(store, query)


def recluster(store: Store, config: Config | None = None) -> dict[str, int]:
    """Batch: regroup the whole store into stories with the ingest scoring; records splits."""
    from .grouping.features import vector_encoder
    from .grouping.params import StoryParams
    from .grouping.stored import recluster as _recluster

    config = config or Config.load()
    return _recluster(
        store,
        encoder=vector_encoder(config.model_precision),
        helpers=config.helpers,
        params=StoryParams.from_config(config),
    )


if TYPE_CHECKING:
    from .reuse.views import ArticleLinks, CopyFamily, OutletReuse
    from .statements.params import FactParams

__all__ = [
    "DemoResult",
    "Progress",
    "article_links",
    "check_export_options",
    "copy_family",
    "demo_corpus_dir",
    "entities",
    "export",
    "export_to",
    "facts",
    "figure",
    "ingest",
    "open_store",
    "outlet_report",
    "recluster",
    "relink",
    "run_demo",
    "stories",
    "story",
]


def export_to(store: Store, path: str | Path | None, *, format: str = "jsonl", what: str = "articles") -> int:
    """Export to a file path, or to stdout when ``path`` is None; returns records written.

    The file is written beside its final name and renamed at the end, so an
    interrupted export never leaves a half-written file behind.
    """
    check_export_options(format, what)
    if path is None:
        if format == "parquet":
            if sys.stdout.isatty():
                raise ExportError("parquet is binary: write it to a file with -o FILE")
            n = export(store, sys.stdout.buffer, format=format, what=what)
            sys.stdout.buffer.flush()
            return n
        return export(store, sys.stdout, format=format, what=what)
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    try:
        opened = open(tmp, "wb") if format == "parquet" else open(tmp, "w", encoding="utf-8", newline="")  # noqa: SIM115
        with opened as fh:
            n = export(store, fh, format=format, what=what)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return n


@dataclass(slots=True)
class DemoResult:
    db: str
    report: IngestReport
    articles: int
    outlets: list[tuple[str, int]]
    latest: list[Article]
    links: dict[str, int]
    derivative: list[OutletReuse]  # outlets by share of copied or rewritten articles
    copied: list[str]  # ids of articles that are rewrites or copies, rewrites first
    stories: list[Story]  # the biggest stories, largest first
    facts: list[FactGroup]  # every story's fact groups that are not single-source, strongest status first


def run_demo(db: str | Path | None = None, *, config: Config | None = None) -> DemoResult:
    """Ingest the bundled demo corpus into ``db`` (default: demo.db in the user data folder)."""
    config = config or Config.load()
    path = Path(db) if db else default_db_path(config).with_name("demo.db")
    with open_store(str(path)) as store:
        report = ingest(store, [demo_corpus_dir()], config=config, command="demo")
        return DemoResult(
            db=store.path,
            report=report,
            articles=store.count_articles(),
            outlets=store.outlets(),
            latest=store.articles(limit=10),
            links=store.count_links(),
            derivative=outlet_report(store),
            copied=[
                x.target_id
                for x in sorted(store.links(), key=lambda x: (x.kind != "rewrite", x.kind, x.target_id))
            ],
            stories=sorted(store.stories(limit=None), key=lambda s: (-s.n_articles, s.first_published or "")),
            facts=_notable_facts(store),
        )


def _notable_facts(store: Store) -> list[FactGroup]:
    from .statements.compare import STATUSES
    from .statements.stored import all_story_facts

    rank = {s: i for i, s in enumerate(STATUSES)}
    found = [g for g in all_story_facts(store) if g.status != "single-source"]
    return sorted(found, key=lambda g: (rank[g.status], g.story_id or "", g.measure))
