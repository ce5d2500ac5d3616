"""What the pages and the JSON API show: plain data assembled from the library.

The HTTP layer stays thin: each route parses its input, calls one function here
(or in ``storytrace.api``) and renders or serialises the result. Everything here
returns dataclasses, so the API's OpenAPI schema and the templates read the same
fields.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from .. import api
from ..grouping.features import parse_time
from ..model import Article, Edit, FactGroup, Passage, ReuseLink, Story
from ..statements.params import FactParams
from ..reuse.views import OutletReuse
from ..store import Store

__all__ = [
    "ArticlePage",
    "ComparePage",
    "OutletPage",
    "Segment",
    "StoryPage",
    "StoryRow",
    "StoryRows",
    "article_page",
    "compare_page",
    "outlet_page",
    "story_page",
    "story_rows",
]


@dataclass(slots=True)
class StoryRow:
    """One line of the story list."""

    story: Story
    outlets: int
    copies: int  # articles in the story that copy or rewrite another
    conflicts: int  # fact groups in conflict
    updates: int


@dataclass(slots=True)
class StoryRows:
    items: list[StoryRow]
    total: int
    limit: int
    offset: int


class FactCache:
    """Fact groups per story, kept while the story is unchanged (its ``updated_at``).

    Comparing a story's facts reads all its articles' figures; the story list shows
    counts for fifty stories at a time, so each story's groups are computed once per
    version of the story, not once per page view.
    """

    def __init__(self, size: int = 4096, params: FactParams | None = None) -> None:
        self.size = size
        self.params = params
        self._groups: dict[str, tuple[str | None, list[FactGroup]]] = {}
        self._lock = threading.Lock()

    def get(self, store: Store, story: Story) -> list[FactGroup]:
        with self._lock:
            hit = self._groups.get(story.id)
        if hit is not None and hit[0] == story.updated_at:
            return hit[1]
        groups = api.facts(store, story.id, self.params)
        with self._lock:
            if len(self._groups) >= self.size:
                self._groups.pop(next(iter(self._groups)))
            self._groups[story.id] = (story.updated_at, groups)
        return groups

    def clear(self) -> None:
        with self._lock:
            self._groups.clear()


class OutletNames:
    """The outlet list for filters, read again only when the store changed.

    ``PRAGMA data_version`` moves when another connection (the CLI, another server)
    commits; this server's own writes call ``clear``.
    """

    def __init__(self) -> None:
        self._key: int | None = None
        self._names: list[str] = []
        self._lock = threading.Lock()

    def get(self, store: Store) -> list[str]:
        version = store.data_version()
        with self._lock:
            if self._key == version:
                return self._names
        names = [name for name, _ in store.outlets()]
        with self._lock:
            self._key, self._names = version, names
        return names

    def clear(self) -> None:
        with self._lock:
            self._key = None


def story_rows(
    store: Store,
    facts: FactCache,
    *,
    search: str | None = None,
    since: str | None = None,
    until: str | None = None,
    outlet: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> StoryRows:
    stories, total = store.story_page(
        since=since, until=until, outlet=outlet, search=search, limit=limit, offset=offset
    )
    reuse = store.story_reuse_counts([s.id for s in stories])
    rows = []
    for s in stories:
        groups = facts.get(store, s)
        rows.append(
            StoryRow(
                story=s,
                outlets=len(s.outlets),
                copies=reuse[s.id].get("copy", 0) + reuse[s.id].get("rewrite", 0),
                conflicts=sum(g.status == "conflict" for g in groups),
                updates=sum(g.status == "update" for g in groups),
            )
        )
    return StoryRows(rows, total, limit, offset)


# -- story page ------------------------------------------------------------------------


@dataclass(slots=True)
class TimelinePoint:
    """One article on the story's timeline chart (x in 0..1 of the span, row = outlet)."""

    article_id: str
    title: str | None
    outlet: str
    published: str | None
    x: float
    row: int
    relation: str  # "first", "original", "copy", "rewrite", "partial", "independent"


@dataclass(slots=True)
class GraphEdge:
    """A reuse link between two of the story's articles, placed on the timeline chart."""

    source_id: str
    target_id: str
    kind: str
    score: float
    source_outlet: str | None
    target_outlet: str | None
    decided_by: str = ""  # why source is taken as the original; "ingest_order": unknown
    direction_confidence: float = 0.0
    x1: float = 0.5  # the source's timeline position ...
    row1: int = 0
    x2: float = 0.5  # ... and the derived article's
    row2: int = 0


@dataclass(slots=True)
class SeriesPoint:
    x: float  # 0..1 across the story's span
    y: float  # 0..1 of the series' value range
    value: float
    outlet: str | None
    published: str | None


@dataclass(slots=True)
class FigureSeries:
    """One measure's values over the story's span, for a small chart."""

    label: str
    status: str
    points: list[SeriesPoint]
    low: float
    high: float


@dataclass(slots=True)
class StoryPage:
    story: Story
    outlets: list[str]  # timeline rows, first reporter first
    timeline: list[TimelinePoint]
    span: tuple[str | None, str | None]
    graph: list[GraphEdge]
    facts: list[FactGroup]
    series: list[FigureSeries]
    quotes: dict[str, list[tuple[str, str | None, str]]]  # speaker -> (quote, outlet, article id)
    statuses: dict[str, int] = field(default_factory=dict)


def _x(t: float | None, t0: float | None, t1: float | None) -> float:
    if t is None or t0 is None or t1 is None or t1 <= t0:
        return 0.5
    return (t - t0) / (t1 - t0)


def story_page(store: Store, facts: FactCache, story_id: str) -> StoryPage:
    story = api.story(store, story_id)
    members = story.articles
    times = [parse_time(m.published) for m in members]
    known = [t for t in times if t is not None]
    t0, t1 = (min(known), max(known)) if known else (None, None)
    links = store.story_links(story.id)
    relation: dict[str, str] = {}
    for src, dst, kind, *_ in links:
        relation[dst] = kind
        relation.setdefault(src, "original")
    outlets: list[str] = []
    for m in members:
        name = m.outlet or "(unknown outlet)"
        if name not in outlets:
            outlets.append(name)
    first = story.first_article
    timeline = [
        TimelinePoint(
            m.article_id,
            m.title,
            m.outlet or "(unknown outlet)",
            m.published,
            _x(t, t0, t1),
            outlets.index(m.outlet or "(unknown outlet)"),
            "first" if m.article_id == first else relation.get(m.article_id, "independent"),
        )
        for m, t in zip(members, times, strict=True)
    ]
    outlet_of = {m.article_id: m.outlet for m in members}
    at = {p.article_id: p for p in timeline}
    graph = []
    for src, dst, kind, score, decided_by, confidence in links:
        a, b = at.get(src), at.get(dst)
        edge = GraphEdge(src, dst, kind, score, outlet_of.get(src), outlet_of.get(dst), decided_by, confidence)
        if a is not None and b is not None:
            edge.x1, edge.row1, edge.x2, edge.row2 = a.x, a.row, b.x, b.row
        graph.append(edge)
    groups = facts.get(store, story)
    time_of = {m.article_id: t for m, t in zip(members, times, strict=True)}
    series = [
        _series(g, time_of, t0, t1)
        for g in groups
        if g.kind == "figure" and g.status in ("update", "conflict")
    ]
    quotes: dict[str, list[tuple[str, str | None, str]]] = {}
    for g in groups:
        if g.kind == "quote":
            quotes.setdefault(g.label, []).extend((v.text, v.outlet, v.article_id) for v in g.values)
    statuses: dict[str, int] = {}
    for g in groups:
        statuses[g.status] = statuses.get(g.status, 0) + 1
    return StoryPage(
        story,
        outlets,
        timeline,
        (story.first_published, story.last_published),
        graph,
        groups,
        series,
        quotes,
        statuses,
    )


def _series(
    group: FactGroup, time_of: dict[str, float | None], t0: float | None, t1: float | None
) -> FigureSeries:
    values = [v.value for v in group.values if v.value is not None]
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    pad = (high - low) * 0.1 or max(abs(high) * 0.1, 1.0)
    lo, hi = low - pad, high + pad
    points = [
        SeriesPoint(
            _x(time_of.get(v.article_id), t0, t1), (v.value - lo) / (hi - lo), v.value, v.outlet, v.published
        )
        for v in group.values
        if v.value is not None and not math.isnan(v.value)
    ]
    return FigureSeries(group.label, group.status, points, low, high)


# -- article pages ---------------------------------------------------------------------


@dataclass(slots=True)
class Segment:
    """A stretch of article text; ``source`` is the index of the source it was taken from."""

    text: str
    source: int | None = None
    kind: str | None = None  # passage kind: verbatim, edited, paraphrase


@dataclass(slots=True)
class SourceRef:
    index: int
    article_id: str
    outlet: str | None
    title: str | None
    kind: str  # link kind: copy, partial, rewrite
    direction: str  # "source" (this article took from it) or "derived" (it took from this article)


@dataclass(slots=True)
class ArticlePage:
    article: Article
    story: str | None
    segments: list[Segment]
    sources: list[SourceRef]
    derived: list[SourceRef]
    original: str | None


def _segments(text: str, marks: Sequence[tuple[int, int, int, str]]) -> list[Segment]:
    """Cut ``text`` at non-overlapping (start, end, source index, kind) marks, earliest first."""
    out: list[Segment] = []
    pos = 0
    for start, end, source, kind in sorted(marks):
        start = max(start, pos)
        if end <= start:
            continue
        if start > pos:
            out.append(Segment(text[pos:start]))
        out.append(Segment(text[start:end], source, kind))
        pos = end
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return out


def article_page(store: Store, article_id: str) -> ArticlePage:
    view = api.article_links(store, article_id, family_limit=None)
    article = view.article
    sources: list[SourceRef] = []
    derived: list[SourceRef] = []
    marks: list[tuple[int, int, int, str]] = []
    for lv in view.links:
        link = lv.link
        if link.target_id == article.id:
            ref = SourceRef(len(sources), lv.other.id, lv.other.outlet, lv.other.title, link.kind, "source")
            sources.append(ref)
            marks += [(p.target_start, p.target_end, ref.index, p.kind) for p in link.passages]
        else:
            derived.append(
                SourceRef(len(derived), lv.other.id, lv.other.outlet, lv.other.title, link.kind, "derived")
            )
    story = store.story_of([article.id]).get(article.id)
    return ArticlePage(
        article,
        story,
        _segments(article.text, marks),
        sources,
        derived,
        view.original.id if view.original else None,
    )


@dataclass(slots=True)
class ComparePage:
    """An article beside the one it took text from, passages aligned."""

    source: Article
    target: Article
    link: ReuseLink
    source_segments: list[Segment]
    target_segments: list[Segment]
    passages: list[Passage]
    edits: list[Edit]


def compare_page(store: Store, article_id: str, other_id: str) -> ComparePage:
    """``article_id`` beside ``other_id``, whichever of the two is the source."""
    from ..errors import NotFound

    a = store.get_article(article_id)
    b = store.get_article(other_id)
    link = next(
        (lk for lk in store.links(a.id) if {lk.source_id, lk.target_id} == {a.id, b.id}),
        None,
    )
    if link is None:
        raise NotFound(f"no reuse link between {a.id} and {b.id}; the article page lists its sources")
    source, target = (a, b) if link.source_id == a.id else (b, a)
    src_marks = [(p.source_start, p.source_end, i, p.kind) for i, p in enumerate(link.passages)]
    dst_marks = [(p.target_start, p.target_end, i, p.kind) for i, p in enumerate(link.passages)]
    return ComparePage(
        source,
        target,
        link,
        _segments(source.text, src_marks),
        _segments(target.text, dst_marks),
        link.passages,
        link.edits,
    )


# -- outlets ---------------------------------------------------------------------------


@dataclass(slots=True)
class OutletPage:
    reuse: OutletReuse
    stories: list[Story]
    articles: list[Article]


def outlet_page(store: Store, name: str, *, limit: int = 50) -> OutletPage:
    from ..errors import NotFound

    report = next((r for r in api.outlet_report(store) if r.outlet == name), None)
    if report is None:
        raise NotFound(f"no outlet named {name!r}; /outlets lists them")
    return OutletPage(
        report, api.stories(store, outlet=name, limit=limit), store.articles(outlet=name, limit=limit)
    )


def utc(published: str | None) -> str:
    """A publication time as "YYYY-MM-DD HH:MM UTC" (outlets write their own offsets)."""
    t = parse_time(published)
    if t is None:
        return published or ""
    dt = datetime.fromtimestamp(t, UTC)
    return dt.strftime("%Y-%m-%d %H:%M UTC") if published and "T" in published else dt.strftime("%Y-%m-%d")
