"""Run the stages: ingest -> extract -> store, in batches, one transaction per batch.

Each stage is a plain function over a batch (``extract_stage`` here), so the same
code runs in-process and, later, inside a Dask task. A bad item becomes a
``Problem`` with its stage and reason; it never stops the batch.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError, StorytraceError
from .extract import article_id, extract_document
from .extract.template import find_template_lines
from .ingest import iter_documents, list_inputs
from .model import Article, Document, IngestReport, Problem, Sighting
from .settings import Config
from .store import Store, utcnow

if TYPE_CHECKING:
    from .grouping.stored import StoryTracker
    from .reuse.stored import StoreLinker
    from .statements.stored import FactReader

_KNOWN_FIELDS = {"title", "published", "outlet", "author", "language", "url", "text", "html"}


@dataclass(frozen=True, slots=True)
class Progress:
    """Handed to a progress callback after each input (file or URL) is done."""

    done: int
    total: int
    item: str


ProgressCallback = Callable[[Progress], None]


def extract_stage(
    docs: Sequence[Document], config: Config, now: str
) -> tuple[list[tuple[Article, Sighting]], list[Problem]]:
    """Extract each document into an ``Article`` with its ``Sighting``.

    Reads: ``Document`` bodies and fields. Adds: clean text, metadata, content id.
    With ``config.site_templates == "batch"``, plain-text documents first lose their
    site's template: lines shared by at least three different text documents of the same
    outlet in this batch (``extract.template.find_template_lines``). It is off by default:
    a page's text, and so its content id, would then depend on the batch it came in
    (the same file ingested alone later is stored again as a near copy).
    """
    out: list[tuple[Article, Sighting]] = []
    problems: list[Problem] = []
    if config.site_templates == "batch":
        templates = find_template_lines(docs, config)
    else:
        templates = [frozenset[str]()] * len(docs)
    for doc, template in zip(docs, templates, strict=True):
        try:
            ext = extract_document(doc, config, template_lines=template)
        except InputError as exc:
            problems.append(Problem(doc.source, "extract", str(exc), exc.problem_kind))  # type: ignore[arg-type]
            continue
        except RecursionError:
            problems.append(Problem(doc.source, "extract", "document nested too deeply to parse", "failed"))
            continue
        except Exception as exc:  # noqa: BLE001 - one bad page must not stop the batch
            problems.append(
                Problem(doc.source, "extract", f"internal error: {type(exc).__name__}: {exc}", "failed")
            )
            continue
        extra = {k: v for k, v in doc.fields.items() if k not in _KNOWN_FIELDS}
        url = doc.url or _str(doc.fields.get("url"))
        article = Article(
            id=article_id(ext.text),
            text=ext.text,
            title=ext.title,
            published=ext.published,
            outlet=ext.outlet,
            author=ext.author,
            language=ext.language,
            url=url,
            canonical_url=ext.canonical_url,
            extra=extra,
            ingested_at=now,
        )
        out.append((article, Sighting(doc.source, doc.kind, url, now, now)))
    return out, problems


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _batches_across(
    inputs: list[tuple[list[Path], list[str], str]], config: Config
) -> Iterator[tuple[list[Document | Problem], list[int]]]:
    """Batches of ``config.batch_size`` items over all inputs, each with the inputs it finished.

    An input counts as finished in the batch that holds its last item (or, for an input
    with none, the batch being filled when it ended).
    """
    batch: list[Document | Problem] = []
    finished: list[int] = []
    for number, (file_paths, file_urls, _label) in enumerate(inputs):
        for item in iter_documents(file_paths, file_urls, config):
            if len(batch) == config.batch_size:
                yield batch, finished
                batch, finished = [], []
            batch.append(item)
        finished.append(number)
    if batch or finished:
        yield batch, finished


def ingest(
    store: Store,
    paths: Iterable[str | os.PathLike[str]] = (),
    urls: Iterable[str] = (),
    *,
    config: Config | None = None,
    progress: ProgressCallback | None = None,
    command: str = "ingest",
) -> IngestReport:
    """Ingest files, folders and URLs into ``store``; returns what happened.

    Idempotent: content already stored gains a sighting and counts as a duplicate.
    Every problem is recorded in the store with the run, and returned.
    """
    config = config or Config.load()
    paths = [Path(p) for p in paths]
    urls = [u.strip() for u in urls]
    # Expand folders up front so progress has a total; missing paths still go
    # through ingest so they are reported like any other bad input.
    inputs: list[tuple[list[Path], list[str], str]] = []
    own = _store_files(store)
    for p in paths:
        if p.exists():
            inputs += [([f], [], str(f)) for f in list_inputs([p]) if not _is_own(f, own)]
        else:
            inputs.append(([p], [], str(p)))
    inputs += [([], [u], u) for u in urls]

    report = IngestReport(run_id=store.start_run(command))
    linker: StoreLinker | None = None
    tracker: StoryTracker | None = None
    reader: FactReader | None = None
    try:
        # Batches run across inputs: a folder of pages is one document per file, and
        # the models read a batch far faster than its articles one by one.
        for batch, finished in _batches_across(inputs, config):
            new = _ingest_batch(store, batch, config, report) if batch else 0
            if new and config.reuse != "off":
                linker = linker or _linker(store, config)
                _link_stage(linker, report)
            if new and config.stories != "off":
                # After linking: a copy joins its source's story.
                tracker = tracker or _tracker(store, config)
                _story_stage(tracker, report)
            if new and config.facts != "off":
                reader = reader or _reader(store, config)
                _fact_stage(reader, report, wait=False)
            if progress:
                for done in finished:
                    progress(Progress(done + 1, len(inputs), inputs[done][2]))
        if linker is None and config.reuse != "off" and _unlinked(store):
            # An earlier run was interrupted before its links were saved.
            linker = _linker(store, config)
            _link_stage(linker, report)
        if tracker is None and config.stories != "off" and store.unassigned_after(0, 1):
            tracker = _tracker(store, config)
            _story_stage(tracker, report)
        if reader is None and config.facts != "off" and _unread(store):
            # Articles an interrupted run (or an older extractor) left unread.
            reader = _reader(store, config)
        if reader is not None:
            _fact_stage(reader, report, wait=True)
        if linker is not None:
            # Only after a clean run: an interrupted one leaves the saved index
            # behind the store, and the next run re-links what it missed.
            linker.save()
        if tracker is not None:
            tracker.save()
    finally:
        if reader is not None:
            reader.close()
        if tracker is not None:
            tracker.close()
        store.record_problems(report.run_id or 0, report.problems)
        store.finish_run(report.run_id or 0, report)
    return report


def _linker(store: Store, config: Config) -> StoreLinker:
    # Imported here: reuse detection pulls in numpy and, in full mode, the model.
    from .reuse.stored import StoreLinker, encoder_for

    from .reuse.params import ReuseParams

    return StoreLinker(store, encoder_for(config), params=ReuseParams.from_config(config))


def _tracker(store: Store, config: Config) -> StoryTracker:
    from .grouping.features import vector_encoder
    from .grouping.params import StoryParams
    from .grouping.stored import StoryTracker

    return StoryTracker(
        store,
        encoder=vector_encoder(config.model_precision),
        helpers=config.helpers,
        params=StoryParams.from_config(config),
    )


def _story_stage(tracker: StoryTracker, report: IngestReport) -> None:
    """Give every stored article without a story one (new ones, and any a crash left out)."""
    for outcome, n in tracker.catch_up().items():
        if n:
            report.stories[outcome] = report.stories.get(outcome, 0) + n
    report.problems += tracker.problems
    tracker.problems.clear()


def _reader(store: Store, config: Config) -> FactReader:
    from .statements.stored import FactReader

    return FactReader(store, batch_size=config.batch_size, background=config.helpers)


def _unread(store: Store) -> bool:
    from .statements.stored import VERSION

    return bool(store.facts_pending(VERSION, limit=1))


def _fact_stage(reader: FactReader, report: IngestReport, *, wait: bool) -> None:
    """Read the figures and quotes of every stored article not yet read (``wait``: all written)."""
    for what, n in reader.catch_up(wait=wait).items():
        report.facts[what] = report.facts.get(what, 0) + n
    report.problems += reader.problems
    reader.problems.clear()


def _unlinked(store: Store) -> bool:
    """Whether the store holds articles the saved reuse index has not seen."""
    from .reuse.stored import STATE

    state = store.get_index_state(STATE)
    return store.max_key() > (state[0] if state else 0)


def _link_stage(linker: StoreLinker, report: IngestReport) -> None:
    """Link the articles just stored (and any an earlier, interrupted run left unlinked)."""
    for links, retired in linker.iter_catch_up():
        for pair in retired:
            kind = report.new_links.pop(pair, None)
            if kind is not None:
                report.links[kind] -= 1
        for link in links:
            report.new_links[frozenset((link.source_id, link.target_id))] = link.kind
            report.links[link.kind] = report.links.get(link.kind, 0) + 1
    report.problems += linker.detector.problems
    linker.detector.problems.clear()


def _store_files(store: Store) -> set[Path]:
    """The store's own files and index folder, which a folder being ingested may contain."""
    if store.path == ":memory:":
        return set()
    db = Path(store.path).resolve()
    return {db} | {
        db.with_name(db.name + suffix) for suffix in ("-wal", "-shm", "-journal", ".indexes", ".stories")
    }


def _is_own(path: Path, own: set[Path]) -> bool:
    resolved = path.resolve()
    return resolved in own or any(parent in own for parent in resolved.parents)


def _ingest_batch(store: Store, batch: list[Document | Problem], config: Config, report: IngestReport) -> int:
    """Extract and store one batch; returns how many new articles it stored."""
    docs = [d for d in batch if isinstance(d, Document)]
    report.problems += [p for p in batch if isinstance(p, Problem)]
    report.seen += len(docs)
    items, problems = extract_stage(docs, config, utcnow())
    report.problems += problems
    if not items:
        return 0
    try:
        new_flags = store.write_articles(items)
    except StorytraceError as exc:
        # The transaction rolled back: nothing of this batch is stored.
        report.problems += [Problem(s.source, "store", str(exc), "failed") for _, s in items]
        return 0
    for (article, _), new in zip(items, new_flags, strict=True):
        if new:
            report.ingested.append(article.id)
        else:
            report.duplicates.append(article.id)
    return sum(new_flags)
