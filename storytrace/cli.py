"""The ``storytrace`` command: a thin Typer layer over the library.

Each command parses its options, calls one library function and renders the
result. Exit status: 0 success; 1 the command failed (bad store, unknown id, ...);
2 invalid usage; 3 ``--strict`` was given and some inputs were skipped or failed.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape as _escape
from rich.table import Table

from . import api
from .errors import ConfigError, StorytraceError
from .model import Article, FactGroup, IngestReport, Story
from .reuse.views import CopyFamily, OutletReuse
from .settings import SETTINGS, Config, default_db_path

EXIT_ERROR, EXIT_USAGE, EXIT_STRICT = 1, 2, 3

app = typer.Typer(
    help="Map the news: ingest articles, find who copied whom, group stories, compare facts.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)
_HELP = {s.name: s.help for s in SETTINGS}

# Untrusted text (titles, sources, article bodies) must not drive the terminal:
# drop C0/C1 control characters (ANSI escapes, bells, cursor moves) and escape Rich markup.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def escape(text: str) -> str:
    return _escape(_CONTROL.sub("", text))


DbOption = Annotated[
    str | None,
    typer.Option("--db", envvar="STORYTRACE_DB", help=_HELP["db"], show_default=False),
]
PrecisionOption = Annotated[str | None, typer.Option(help=_HELP["model_precision"], show_default=False)]
HelpersOption = Annotated[
    bool | None, typer.Option("--helpers/--no-helpers", help=_HELP["helpers"], show_default=False)
]
T = TypeVar("T")


@contextmanager
def _errors() -> Iterator[None]:
    """Turn library errors into one clean line and an exit status."""
    try:
        yield
    except ConfigError as exc:
        err.print(f"error: {escape(str(exc))}")
        raise typer.Exit(EXIT_USAGE) from None
    except StorytraceError as exc:
        err.print(f"error: {escape(str(exc))}")
        raise typer.Exit(EXIT_ERROR) from None


def _run(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    with _errors():
        return fn(*args, **kwargs)


def _print_report(report: IngestReport, db: str) -> None:
    for p in report.problems:
        err.print(escape(str(p)))
    c = report.counts()
    out.print(
        f"ingested {c['ingested']}, duplicates {c['duplicates']}, skipped {c['skipped']}, "
        f"failed {c['failed']}  (store {escape(db)}, run {report.run_id})"
    )
    found = {k: n for k, n in sorted(report.links.items()) if n}
    if found:
        kinds = ", ".join(f"{k} {n}" for k, n in found.items())
        out.print(f"reuse links found: {sum(found.values())} ({kinds})")
    st = report.stories
    if any(st.values()):
        out.print(
            f"stories: {st.get('started', 0)} new; articles joined {st.get('joined', 0)}, "
            f"placed by a copy link {st.get('copy', 0)}, stories merged {st.get('merged', 0)}, "
            f"moved on a second look {st.get('moved', 0)}"
        )
    fa = report.facts
    if fa.get("articles"):
        out.print(
            f"facts: {fa.get('figures', 0)} figures and {fa.get('quotes', 0)} quotes in {fa['articles']} articles"
        )


@app.command()
def ingest(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files or folders (read recursively).", show_default=False)
    ] = None,
    url: Annotated[
        list[str] | None, typer.Option("--url", help="A URL to fetch (repeatable).", show_default=False)
    ] = None,
    db: DbOption = None,
    strict: Annotated[
        bool, typer.Option(help="Exit with status 3 if any input was skipped or failed.")
    ] = False,
    max_bytes: Annotated[int | None, typer.Option(help=_HELP["max_bytes"], show_default=False)] = None,
    min_words: Annotated[int | None, typer.Option(help=_HELP["min_words"], show_default=False)] = None,
    timeout: Annotated[float | None, typer.Option(help=_HELP["fetch_timeout"], show_default=False)] = None,
    max_redirects: Annotated[
        int | None, typer.Option(help=_HELP["max_redirects"], show_default=False)
    ] = None,
    allow_private: Annotated[bool, typer.Option("--allow-private", help=_HELP["allow_private"])] = False,
    reuse: Annotated[str | None, typer.Option(help=_HELP["reuse"], show_default=False)] = None,
    stories: Annotated[str | None, typer.Option(help=_HELP["stories"], show_default=False)] = None,
    facts: Annotated[str | None, typer.Option(help=_HELP["facts"], show_default=False)] = None,
    site_templates: Annotated[
        str | None, typer.Option(help=_HELP["site_templates"], show_default=False)
    ] = None,
    model_precision: PrecisionOption = None,
    helpers: HelpersOption = None,
) -> None:
    """Ingest HTML, text, JSONL, WARC and feed files, folders and URLs into the store."""
    if not paths and not url:
        err.print("error: nothing to ingest; give files or folders, or --url URL")
        raise typer.Exit(EXIT_USAGE)
    with _errors():
        config = Config.load(
            db=db,
            max_bytes=max_bytes,
            min_words=min_words,
            fetch_timeout=timeout,
            max_redirects=max_redirects,
            allow_private=allow_private or None,
            reuse=reuse,
            stories=stories,
            facts=facts,
            site_templates=site_templates,
            model_precision=model_precision,
            helpers=helpers,
        )
        with api.open_store(config.db or None) as store:
            report = _with_progress(
                lambda cb: api.ingest(store, paths or [], url or [], config=config, progress=cb)
            )
            _print_report(report, store.path)
    if strict and (report.skipped or report.failed):
        raise typer.Exit(EXIT_STRICT)


def _with_progress(run: Callable[[Any], IngestReport]) -> IngestReport:
    if not sys.stderr.isatty():
        return run(None)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.description}"),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task("", total=None)

        def update(p: api.Progress) -> None:
            bar.update(task, completed=p.done, total=p.total, description=escape(Path(p.item).name[-40:]))

        return run(update)


@app.command()
def demo(
    db: Annotated[
        str | None,
        typer.Option(
            "--db", help="Store for the demo (default: demo.db in the user data folder).", show_default=False
        ),
    ] = None,
) -> None:
    """Ingest the bundled demo corpus (fictional news) and show what storytrace found."""
    with _errors():
        result = api.run_demo(db)
        _print_report(result.report, result.db)
        out.print()
        links = ", ".join(f"{k} {n}" for k, n in sorted(result.links.items())) or "none"
        out.print(f"{result.articles} articles from {len(result.outlets)} outlets; reuse links: {links}")
        _outlet_table(result.derivative, "Who copies whom", full=False)
        _story_table(result.stories, f"{len(result.stories)} stories, largest first")
        _fact_summary(result.facts, {st.id: st.headline or st.id for st in result.stories})
        example = next(iter(result.copied), result.latest[0].id if result.latest else "ID")
        out.print(
            f"\nNext: storytrace serve --db {result.db}   (the story map in a browser: http://127.0.0.1:8000/)\n"
            f"      storytrace links {example} --db {result.db}\n"
            f"      storytrace story {result.stories[0].id if result.stories else 'ID'} --db {result.db}\n"
            f"      storytrace facts {next((g.story_id for g in result.facts), 'ID')} --db {result.db}\n"
            f'      storytrace figure "death toll" --db {result.db}\n'
            f"      storytrace search ceasefire --db {result.db}\n"
            f"      storytrace export --what links --db {result.db}"
        )


def _fact_summary(groups: list[FactGroup], headlines: dict[str, str]) -> None:
    table = Table(
        title="What the outlets agree on, disagree on and update (statuses that passed their check on real stories)",
        title_justify="left",
    )
    for col in ("status", "confidence", "story", "what", "why"):
        table.add_column(col, overflow="fold")
    for g in groups:
        table.add_row(
            _styled(g.status),
            "" if g.confidence is None else f"{g.confidence:.2f}",
            escape(_cut(headlines.get(g.story_id or "", ""), 40)),
            escape(g.label),
            escape(g.note),
        )
    out.print(table)


def _article_table(articles: list[Article], title: str | None = None) -> None:
    table = Table(title=title)
    table.add_column("id", no_wrap=True, min_width=16)
    table.add_column("published", no_wrap=True, min_width=16)
    table.add_column("outlet", overflow="ellipsis", no_wrap=True, min_width=8, max_width=24)
    table.add_column("title", overflow="ellipsis", no_wrap=True)
    for a in articles:
        table.add_row(a.id, (a.published or "")[:16], escape(a.outlet or ""), escape(a.title or ""))
    out.print(table)


@app.command("list")
def list_(
    db: DbOption = None,
    limit: Annotated[int, typer.Option(min=1, help="Rows to show.")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="Rows to skip.")] = 0,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet.", show_default=False)] = None,
    since: Annotated[
        str | None, typer.Option(help="Published on or after (ISO date).", show_default=False)
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Published on or before (ISO date).", show_default=False)
    ] = None,
) -> None:
    """List stored articles, newest first."""
    with _errors(), api.open_store(db) as store:
        rows = store.articles(limit=limit, offset=offset, outlet=outlet, since=since, until=until)
        total = store.count_articles()
        _article_table(rows, title=f"{len(rows)} of {total} articles")


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="Article id or a unique prefix of it.")],
    db: DbOption = None,
) -> None:
    """Show one article: metadata, where it was seen, and its text."""
    with _errors(), api.open_store(db) as store:
        a = store.get_article(article_id)
        ents = api.entities(store, a.id)
    out.print(f"[bold]{escape(a.title or '(untitled)')}[/bold]")
    for label, value in (
        ("id", a.id),
        ("outlet", a.outlet),
        ("published", a.published),
        ("author", a.author),
        ("language", a.language),
        ("url", a.url),
        ("canonical", a.canonical_url),
        ("words", str(a.word_count)),
    ):
        if value:
            out.print(f"{label:>10}: {escape(value)}")
    for s in a.sightings:
        times = f" ({s.times}x)" if s.times > 1 else ""
        out.print(f"{'seen':>10}: {escape(s.source)}  {s.first_seen}{times}")
    for key, value in sorted(a.extra.items()):
        out.print(f"{escape(key)[:10]:>10}: {escape(str(value))[:200]}")
    named = list(dict.fromkeys(f"{e.text} ({e.label})" for e in ents if e.label not in _NUMERIC_LABELS))
    if named:
        out.print(f"{'entities':>10}: {escape(', '.join(named))}")
    out.print()
    out.print(escape(a.text))


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words, "a phrase", OR, NOT, prefix*.')],
    db: DbOption = None,
    limit: Annotated[int, typer.Option(min=1, help="Results to show.")] = 20,
) -> None:
    """Full-text search over titles and texts, best match first."""
    with _errors(), api.open_store(db) as store:
        hits = store.search(query, limit=limit)
    if not hits:
        out.print("no matches")
        return
    table = Table(title=f"{len(hits)} matches for {escape(query)}")
    for col in ("id", "outlet", "title", "snippet"):
        table.add_column(col, overflow="fold")
    for h in hits:
        table.add_row(
            h.article.id, escape(h.article.outlet or ""), escape(h.article.title or ""), escape(h.snippet)
        )
    out.print(table)


@app.command()
def export(
    db: DbOption = None,
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv or parquet.")] = "jsonl",
    what: Annotated[
        str,
        typer.Option(
            help="What to export: articles, links, stories, facts (fact groups with statuses), "
            "figures or quotes (every one extracted, with its sentence)."
        ),
    ] = "articles",
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="File to write (default: stdout).", show_default=False),
    ] = None,
) -> None:
    """Export the store as JSONL, CSV or Parquet (the stable machine interface)."""
    with _errors():
        api.check_export_options(format, what)
        with api.open_store(db) as store:
            n = api.export_to(store, output, format=format, what=what)
    if output is not None:
        err.print(f"wrote {n} {what} to {escape(str(output))}")


@app.command()
def links(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="Article id or a unique prefix of it.")],
    db: DbOption = None,
    width: Annotated[int, typer.Option(min=40, help="Characters of each passage to show.")] = 240,
    family: Annotated[
        int, typer.Option(min=0, help="Other copies of the same original to list (0: none).")
    ] = 50,
) -> None:
    """Show what an article copies or rewrites, who copied it, and the other copies of its original."""
    with _errors(), api.open_store(db) as store:
        view = api.article_links(store, article_id, family_limit=family or None)
    a = view.article
    out.print(
        f"[bold]{escape(a.title or '(untitled)')}[/bold]  {a.id}  {escape(a.outlet or '')}  {a.published or ''}"
    )
    if view.original:
        o = view.original
        out.print(f"original source: {o.id}  {escape(o.outlet or '')}  {escape(o.title or '')}")
    for note in view.notes:
        out.print(f"note: {escape(note)}")
    if not view.links:
        out.print("no reuse links: nothing stored shares text with this article")
        return
    for item in view.links:
        link, other, d = item.link, item.other, item.link.direction
        role = "derived from" if link.target_id == a.id else "reused by"
        if d.decided_by == "ingest_order":
            role = "shares text with"  # which came first is only a guess: no accusation
        out.print()
        out.print(
            f"[bold]{link.kind}[/bold] {link.score:.2f}  {role} {other.id}  {escape(other.outlet or '')}  "
            f"{escape(other.title or '')}"
        )
        out.print(
            f"  direction: {'unknown, a guess by ingest order' if d.decided_by == 'ingest_order' else d.decided_by}"
            f" (confidence {d.confidence:.2f}; published "
            f"{d.source_published or '?'} -> {d.target_published or '?'}; source in target "
            f"{d.source_in_target:.2f}, target in source {d.target_in_source:.2f})"
        )
        table = Table(show_lines=True)
        table.add_column(f"original {link.source_id[:8]}", overflow="fold", ratio=1)
        table.add_column(f"derived {link.target_id[:8]}", overflow="fold", ratio=1)
        table.add_column("sim", justify="right", no_wrap=True)
        for p, (src, dst) in zip(link.passages, item.passage_texts, strict=True):
            table.add_row(escape(_cut(src, width)), escape(_cut(dst, width)), f"{p.similarity:.2f} {p.kind}")
        out.print(table)
        for e in link.edits:
            out.print(f"  edit ({e.kind}): {escape(e.note or f'{e.source_text} -> {e.target_text}')}")
    if view.family is not None:
        _print_family(view.family)


def _print_family(family: CopyFamily) -> None:
    """The original, the other copies and rewrites of it, and who partly reuses them."""
    o = family.original
    if o is None:
        return
    out.print()
    if o.id == family.article_id:
        out.print("[bold]copy family[/bold]: this article is the original")
        head = "copies and rewrites of this article"
    else:
        out.print(
            f"[bold]copy family[/bold] of the original {o.id}  {escape(o.outlet or '')}  "
            f"{escape(o.title or '')}"
        )
        head = "also copies of the same original"
    groups = (
        (head, [m for m in family.members if m.article.id != family.article_id], family.more_members),
        ("partial reuse within the family", family.partial, family.more_partial),
    )
    for title, members, more in groups:
        if not members and not more:
            continue
        out.print(f"{title}:")
        for m in members:
            a = m.article
            out.print(
                f"  {m.kind} {m.score:.2f}  {a.id}  {escape(a.outlet or '')}  {escape(a.title or '')}"
                f"  ({escape(m.relation)})"
            )
        if more:
            out.print(f"  ... and {more} more (raise --family to list them)")


def _outlet_table(rows: list[OutletReuse], title: str, *, full: bool) -> None:
    """Outlets with their copies, rewrites and partial reuse of others' work."""
    cols = ["outlet", "articles", "copies", "rewrites", "partial"]
    cols += ["reused by others", "direction unknown"] if full else []
    cols += ["farm score", "copies from"]
    table = Table(title=title)
    for col in cols:
        table.add_column(
            col, overflow="fold", justify="left" if col in ("outlet", "copies from") else "right"
        )
    for r in rows:
        top = sorted(r.sources.items(), key=lambda kv: (-kv[1], kv[0]))[: 3 if full else 2]
        cells = [escape(r.outlet), str(r.articles), str(r.copies), str(r.rewrites), str(r.partial)]
        cells += [str(r.reused_by_others), str(r.undirected)] if full else []
        cells += [f"{r.farm_score:.2f}", ", ".join(f"{escape(k)} {v}" for k, v in top)]
        table.add_row(*cells)
    out.print(table)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


@app.command()
def outlets(db: DbOption = None) -> None:
    """Per outlet: articles, how many copy or rewrite others (and whose), a content-farm score."""
    with _errors(), api.open_store(db) as store:
        rows = api.outlet_report(store)
    _outlet_table(rows, "Outlets, most derivative first", full=True)


@app.command()
def relink(
    db: DbOption = None,
    reuse: Annotated[str | None, typer.Option(help=_HELP["reuse"], show_default=False)] = None,
    model_precision: PrecisionOption = None,
) -> None:
    """Batch: rebuild the reuse indexes and every link over the whole store."""
    with _errors():
        config = Config.load(db=db, reuse=reuse, model_precision=model_precision)
        with api.open_store(config.db or None) as store:
            counts = api.relink(store, config)
    out.print("links: " + (", ".join(f"{k} {n}" for k, n in sorted(counts.items())) or "none"))


def _story_table(stories: list[Story], title: str) -> None:
    table = Table(title=title, title_justify="left")
    table.add_column("story", no_wrap=True)
    table.add_column("articles", justify="right")
    table.add_column("outlets", justify="right")
    table.add_column("first", no_wrap=True)
    table.add_column("first by", overflow="fold")
    table.add_column("headline", overflow="fold", ratio=1)
    for st in stories:
        table.add_row(
            st.id,
            str(st.n_articles),
            str(len(st.outlets)),
            (st.first_published or "")[:10],
            escape(st.first_outlet or ""),
            escape(st.headline or "(no headline)"),
        )
    out.print(table)


def _utc(published: str | None) -> str:
    """A publication time as UTC "YYYY-MM-DD HH:MM" (offsets differ between outlets)."""
    from datetime import UTC, datetime

    from .grouping.features import parse_time

    t = parse_time(published)
    if t is None:
        return (published or "")[:16]
    return datetime.fromtimestamp(t, UTC).strftime(
        "%Y-%m-%d %H:%M" if "T" in (published or "") else "%Y-%m-%d"
    )


@app.command("stories")
def stories_(
    db: DbOption = None,
    since: Annotated[
        str | None, typer.Option(help="Only stories still reported on or after this date.")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Only stories first reported on or before this date.")
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="Only stories this outlet reported.")] = None,
    search: Annotated[
        str | None, typer.Option(help="Only stories with an article matching this search.")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="Rows to show.")] = 50,
) -> None:
    """List stories (real-world events), most recently reported first."""
    with _errors(), api.open_store(db) as store:
        rows = api.stories(store, since=since, until=until, outlet=outlet, search=search, limit=limit)
        total = store.count_stories()
    _story_table(rows, f"{len(rows)} of {total} stories")


@app.command()
def story(
    story_id: Annotated[
        str, typer.Argument(metavar="ID", help="Story id or a unique prefix (merged ids redirect).")
    ],
    db: DbOption = None,
) -> None:
    """One story: who reported first, then every article in time order, by outlet."""
    with _errors(), api.open_store(db) as store:
        st = api.story(store, story_id)
    if st.id != story_id and not st.id.startswith(story_id):
        out.print(f"{escape(story_id)} was merged into {st.id}")
    out.print(f"[bold]{escape(st.headline or '(no headline)')}[/bold]  {st.id}")
    span = " .. ".join(x for x in (_utc(st.first_published), _utc(st.last_published)) if x)
    out.print(f"{st.n_articles} articles from {len(st.outlets)} outlets  {span}")
    if st.first_article:
        if st.first_by == "tie":
            tied = {m.article_id: m for m in st.articles}
            names = ", ".join(
                escape((tied[i].outlet if i in tied else None) or "(unknown outlet)") for i in st.first_tied
            )
            out.print(
                f"first reported on {(st.first_published or '?')[:10]} by {len(st.first_tied)} articles at once "
                f"(their publication times tie): {names}"
            )
        elif st.first_by == "ingest":
            out.print(
                f"who reported first is unknown (no publication dates); first stored: "
                f"{escape(st.first_outlet or '(unknown outlet)')}: {st.first_article}"
            )
        else:
            out.print(f"first reported by {escape(st.first_outlet or '(unknown outlet)')}: {st.first_article}")
    if st.entities:
        out.print("key entities: " + escape(", ".join(st.entities)))
    table = Table(title="Timeline (UTC)", title_justify="left")
    for col in ("published", "outlet", "headline", "article", "how it joined"):
        table.add_column(col, overflow="fold")
    for m in st.articles:
        table.add_row(
            _utc(m.published),
            escape(m.outlet or ""),
            escape(m.title or ""),
            m.article_id,
            escape(m.reason if m.reason != "joined" else f"joined (fit {m.score:.2f})"),
        )
    out.print(table)
    by_outlet: dict[str, list[str]] = {}
    for m in st.articles:
        by_outlet.setdefault(m.outlet or "(unknown outlet)", []).append(_utc(m.published) or "undated")
    out.print("By outlet, in order of first report:")
    for name, times in by_outlet.items():
        span = f"{times[0]} .. {times[-1]}" if len(times) > 1 else times[0]
        out.print(f"  {escape(name)}: {len(times)} article(s)  {span}")
    for c in st.changes:
        out.print(f"{c.at[:16]}  {c.kind}: {c.story_id} -> {c.other_id or ''}  {escape(c.detail)}")


_STATUS_STYLE = {
    "changed-in-copy": "bold red",
    "conflict": "bold red",
    "altered-quote": "bold magenta",
    "qualifier-drift": "yellow",
    "update": "cyan",
    "corroborated": "green",
    "single-source": "dim",
    "higher": "dim",
    "lower": "dim",
}


_NUMERIC_LABELS = frozenset({"CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY", "DATE", "TIME"})


def _styled(status: str) -> str:
    style = _STATUS_STYLE.get(status)
    return f"[{style}]{escape(status)}[/]" if style else escape(status)


def _number(value: float | None, unit: str | None) -> str:
    if value is None:
        return ""
    text = f"{value:,.0f}" if value == int(value) else f"{value:,g}"
    if unit == "percent":
        return text + "%"
    if unit and unit.startswith("currency:"):
        return f"{unit.split(':')[1]} {text}"
    return text


@app.command("facts")
def facts_(
    story_id: Annotated[str, typer.Argument(metavar="STORY", help="Story id or a unique prefix.")],
    db: DbOption = None,
    all_: Annotated[
        bool, typer.Option("--all", help="Show single-source facts too (hidden by default).")
    ] = False,
) -> None:
    """A story's figures and quotes across its articles: corroborated, conflicting, updated, altered."""
    with _errors(), api.open_store(db) as store:
        st = api.story(store, story_id)
        groups = api.facts(store, st.id)
    out.print(f"[bold]{escape(st.headline or '(no headline)')}[/bold]  {st.id}")
    shown = [g for g in groups if all_ or g.status != "single-source"]
    table = Table(title=f"{len(shown)} of {len(groups)} fact groups", title_justify="left")
    for col in ("status", "confidence", "what", "values (outlet)", "sources", "why"):
        table.add_column(col, overflow="fold")
    for g in shown:
        if g.kind == "figure":
            values = "; ".join(
                f"{escape((v.qualifier + ' ') if v.qualifier and v.qualifier_class != 'vague' else '')}"
                f"{_number(v.value, v.unit)} ({escape(v.outlet or v.article_id)})"
                for v in g.values
            )
        else:
            values = "; ".join(
                f"“{escape(_cut(v.text, 60))}” ({escape(v.outlet or v.article_id)})" for v in g.values
            )
        table.add_row(
            _styled(g.status),
            "" if g.confidence is None else f"{g.confidence:.2f}",
            escape(g.label),
            values,
            str(g.sources),
            escape(g.note),
        )
    out.print(table)
    if not all_ and len(shown) < len(groups):
        out.print(f"{len(groups) - len(shown)} single-source facts hidden; --all shows them")


@app.command()
def figure(
    query: Annotated[
        str, typer.Argument(metavar="MEASURE", help='What to follow: "death toll", "hostages".')
    ],
    db: DbOption = None,
    limit: Annotated[int, typer.Option(min=1, help="Measures to show.")] = 5,
) -> None:
    """A figure's values over time, across stories: each marked first, same, update or conflict."""
    with _errors(), api.open_store(db) as store:
        tracks = api.figure(store, query)
    if not tracks:
        out.print(f"no figure matches {escape(query)!s}; `storytrace facts STORY --all` lists what was found")
        return
    for t in tracks[:limit]:
        about = f" ({escape(', '.join(t.about))})" if t.about else ""
        table = Table(title=f"{escape(t.label)}{about}", title_justify="left")
        for col in ("published (UTC)", "outlet", "value", "credited to", "change", "story"):
            table.add_column(col, overflow="fold")
        for p in t.points:
            qualifier = f"{p.qualifier} " if p.qualifier and not p.qualifier.endswith(("of", "s")) else ""
            table.add_row(
                _utc(p.published),
                escape(p.outlet or p.article_id),
                escape(qualifier) + _number(p.value, p.unit),
                escape(p.attribution or ""),
                _styled(p.change),
                p.story_id or "",
            )
        out.print(table)
    if len(tracks) > limit:
        out.print(f"{len(tracks) - limit} more measures match; --limit shows more")


@app.command()
def recluster(
    db: DbOption = None,
    model_precision: PrecisionOption = None,
    helpers: HelpersOption = None,
) -> None:
    """Batch: regroup the whole store into stories with the ingest scoring; records splits and merges."""
    with _errors():
        config = Config.load(db=db, model_precision=model_precision, helpers=helpers)
        with api.open_store(config.db or None) as store:
            counts = api.recluster(store, config)
            total = store.count_stories()
    out.print(
        f"stories: {total}; articles placed {counts.get('joined', 0) + counts.get('started', 0)}, "
        f"as copies {counts.get('copy', 0)}, merges {counts.get('merged', 0)}, "
        f"moved on a second look {counts.get('moved', 0)}, old stories changed {counts.get('changed', 0)}"
    )


@app.command()
def batch(
    inputs: Annotated[list[Path], typer.Argument(metavar="INPUT...", help="Files or folders (HTML, WARC, JSONL, feeds, text).")],
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for the Parquet datasets (made or resumed).")],
    engine: Annotated[str, typer.Option(help="local (this process) or dask (a cluster).")] = "local",
    scheduler: Annotated[
        str | None, typer.Option(help="Address of a running Dask scheduler (tcp://host:8786); default: a local cluster.")
    ] = None,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes of the local Dask cluster.")] = 2,
    partitions: Annotated[int, typer.Option(min=1, help="Partitions the input files are dealt into.")] = 4,
) -> None:
    """Batch: read, extract, link, group and read facts of an archive into Parquet, here or on Dask."""
    from .batch import dask_map, run_batch

    with _errors():
        if engine not in ("local", "dask"):
            from .errors import ConfigError

            raise ConfigError(f"unknown engine {engine!r}; use local or dask")
        config = Config.load()
        close = None
        mapper = None
        if engine == "dask":
            mapper, close = dask_map(scheduler, workers)
        try:
            result = run_batch([str(p) for p in inputs], out_dir, config=config, partitions=partitions, mapper=mapper)
        finally:
            if close is not None:
                close()
    out.print(
        f"{result.articles} articles in {result.partitions} partition(s): {result.links} links, "
        f"{result.stories} stories, {result.figures} figures, {result.quotes} quotes, "
        f"{result.problems} problem(s) -> {escape(result.out)}"
        + (f" (made: {', '.join(result.made)})" if result.made else " (all there already)")
    )


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[
        str, typer.Option(help="Address to listen on (other machines need --public-reads or the token).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    public_reads: Annotated[bool, typer.Option("--public-reads", help=_HELP["public_reads"])] = False,
) -> None:
    """Serve the web app and JSON API on the store (writes need STORYTRACE_TOKEN)."""
    import uvicorn

    from .web import create_app

    with _errors():
        config = Config.load(db=db, public_reads=public_reads or None)
        path = config.db or str(default_db_path(config))
        web = create_app(
            path,
            token=config.token or None,
            public_reads=config.public_reads,
            max_upload_bytes=config.max_upload,
            config=config,
        )
    writes = "on (token set)" if config.token else "off (set STORYTRACE_TOKEN to allow ingest and delete)"
    out.print(f"storytrace serving {escape(path)} at http://{host}:{port}/  writes: {writes}")
    uvicorn.run(web, host=host, port=port, log_level="warning")


@app.command()
def settings() -> None:
    """List every setting with its environment variable, default and meaning."""
    table = Table()
    for col in ("setting", "environment", "default", "help"):
        table.add_column(col, overflow="fold")
    for s in SETTINGS:
        table.add_row(s.name, s.env, repr(s.default), s.help)
    out.print(table)


def main() -> None:
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
