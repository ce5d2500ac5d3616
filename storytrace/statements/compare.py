"""Line up what the articles of a story state, and follow a figure across stories.

Within a story, figures that measure the same thing (``Figure.measure``, e.g.
"person killed") form one group, and quotations of one speaker that say nearly
the same words form one group. Each group gets one status:

- ``conflict``: different values for the same measure at the same time (two
  reports less than ``UPDATE_HOURS`` apart, or either undated), or a later value
  below an earlier one (tolls and counts do not shrink without a reason to check);
- ``altered-quote``: the same speaker's quotation with changed words (a shorter
  excerpt of the same words is not a change);
- ``qualifier-drift``: the same number hedged differently ("as many as 25" and
  "at least 25": an upper bound became a lower one);
- ``update``: a later report gives a larger value ("25 killed", a day later 31);
- ``corroborated``: one value from two or more independent sources;
- ``single-source``: one value from one source.

Independent sources: articles joined by a reuse link (a copy, a rewrite, pasted
paragraphs) are one source, and so are the articles of one outlet; a wire story
and its twenty reprints corroborate nothing. The first status in the order above
that applies is the group's.

Across stories, ``track_figure`` follows a measure over time: each value with its
date and source, marked ``first``, ``same``, ``update`` or ``conflict`` against
what was known before it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from ..model import FactGroup, FactValue, Figure, FigurePoint, Quote
from .numbers import qualifier_direction

__all__ = [
    "STATUSES",
    "UPDATE_HOURS",
    "ArticleInfo",
    "comparable",
    "compare_story",
    "track_figure",
    "year_of",
]

#: Every status, strongest first: a group takes the first that applies.
STATUSES = ("conflict", "altered-quote", "qualifier-drift", "update", "corroborated", "single-source")
#: Two reports of different values less than this many hours apart conflict; further
#: apart, a larger later value is an update.
UPDATE_HOURS = 6.0
#: Two values further apart than this factor are taken to count different things (the
#: measure's words matched, the numbers did not: "1,000 cases" a year, "41 cases" pending),
#: not to disagree about one.
CONFLICT_RATIO = 2.0
#: Two quotations of one speaker are one quotation (maybe altered) from this word overlap.
SAME_QUOTE = 0.5
_WORD = re.compile(r"[\w'’-]+")


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """What comparison needs to know about an article besides its facts."""

    article_id: str
    outlet: str | None
    published: str | None
    time: float | None  # publication time, UTC seconds
    title: str | None = None
    story_id: str | None = None


class DisjointSets:
    """Union-find over string keys; a key's set is named by its smallest member."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, a: str) -> str:
        root = self.parent.setdefault(a, a)
        while self.parent[root] != root:
            root = self.parent[root]
        while a != root:  # point the path at the root
            self.parent[a], a = root, self.parent[a]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


class _Sources(DisjointSets):
    """Articles as sources: reuse links and a shared outlet make one source."""

    def __init__(self, infos: Iterable[ArticleInfo], links: Iterable[tuple[str, str]]) -> None:
        super().__init__()
        by_outlet: dict[str, str] = {}
        for info in infos:
            self.find(info.article_id)
            if info.outlet:
                key = info.outlet.casefold()
                if key in by_outlet:
                    self.union(by_outlet[key], info.article_id)
                else:
                    by_outlet[key] = info.article_id
        for a, b in links:
            if a in self.parent and b in self.parent:
                self.union(a, b)

    def count(self, articles: Iterable[str]) -> int:
        return len({self.find(a) for a in articles})


def _value(item: Figure | Quote, info: ArticleInfo) -> FactValue:
    if isinstance(item, Figure):
        return FactValue(
            article_id=item.article_id,
            outlet=info.outlet,
            published=info.published,
            text=item.text,
            value=item.value,
            qualifier=item.qualifier,
            qualifier_class=item.qualifier_class,
            unit=item.unit,
            time_ref=item.time,
            attribution=item.attribution,
            start=item.start,
            end=item.end,
        )
    return FactValue(
        article_id=item.article_id,
        outlet=info.outlet,
        published=info.published,
        text=item.text,
        attribution=item.speaker,
        start=item.start,
        end=item.end,
    )


def compare_story(
    story_id: str | None,
    infos: Sequence[ArticleInfo],
    figures: Mapping[str, Sequence[Figure]],
    quotes: Mapping[str, Sequence[Quote]],
    links: Iterable[tuple[str, str]] = (),
) -> list[FactGroup]:
    """Fact groups of one story's articles (``links``: reuse pairs among them), strongest status first."""
    by_id = {i.article_id: i for i in infos}
    sources = _Sources(infos, links)
    groups = _figure_groups(story_id, by_id, figures, sources) + _quote_groups(
        story_id, by_id, quotes, sources
    )
    order = {s: i for i, s in enumerate(STATUSES)}
    return sorted(groups, key=lambda g: (order[g.status], -len(g.values), g.measure))


def _figure_groups(
    story_id: str | None,
    by_id: Mapping[str, ArticleInfo],
    figures: Mapping[str, Sequence[Figure]],
    sources: _Sources,
) -> list[FactGroup]:
    buckets: dict[tuple[str, str | None, str | None], list[Figure]] = {}
    for article_id, items in figures.items():
        if article_id not in by_id:
            continue
        seen: set[tuple[str, float]] = set()
        for f in items:
            if not comparable(f):
                continue
            if (f.measure, f.value) in seen:
                continue  # the same figure repeated within one article
            seen.add((f.measure or "", f.value))
            buckets.setdefault((f.measure or "", _unit_kind(f.unit), year_of(f.time)), []).append(f)
    out = []
    for (measure, _, year), items in sorted(buckets.items(), key=lambda kv: tuple(k or "" for k in kv[0])):
        values = sorted(
            (_value(f, by_id[f.article_id]) for f in items),
            key=lambda v: (
                by_id[v.article_id].time is None,
                by_id[v.article_id].time or 0.0,
                v.article_id,
                v.start,
            ),
        )
        status, note = _figure_status(values, by_id, sources)
        out.append(
            FactGroup(
                story_id=story_id,
                kind="figure",
                measure=measure if year is None else f"{measure} ({year})",
                label=_label(items),
                status=status,
                note=note,
                sources=sources.count(v.article_id for v in values),
                values=values,
            )
        )
    return out


#: Heads too vague to compare on their own: "3 of them", "two years", "10 km" say
#: nothing checkable without what happened to them.
GENERIC = frozenset(
    "person they them it one time list year day week month hour minute second km kilometre mile "
    "point percent times way thing".split()
)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def comparable(f: Figure) -> bool:
    """Whether a figure can be lined up with other outlets' (it counts something named)."""
    if not f.measure or f.unit == "age":
        return False  # an age is about one person, not a measure outlets report
    words = f.measure.split()
    head = words[0]
    event = len(words) > 1 and not words[1].startswith("[")
    return event or head not in GENERIC


def year_of(time_ref: str | None) -> str | None:
    """A year the figure is dated to ("in 1987"): background, not the story's own figure."""
    m = _YEAR.search(time_ref or "")
    return m.group(1) if m else None


def _unit_kind(unit: str | None) -> str | None:
    return unit.split(":")[0] if unit else None


def _label(items: Sequence[Figure]) -> str:
    counted = [f.counted for f in items if f.counted]
    return (
        max(set(counted), key=lambda c: (counted.count(c), -len(c), c)) if counted else items[0].measure or ""
    )


def _figure_status(
    values: Sequence[FactValue], by_id: Mapping[str, ArticleInfo], sources: _Sources
) -> tuple[str, str]:
    distinct = sorted({v.value for v in values if v.value is not None})
    if len(distinct) > 1:
        stated: dict[str, set[float | None]] = {}
        for v in values:
            stated.setdefault(v.article_id, set()).add(v.value)
        clash = _clash(values, by_id, sources, stated)
        if clash is not None:
            return "conflict", clash
        drift = _drift(values)
        if drift is not None:
            return "qualifier-drift", drift
        rise = _rise(values, by_id, stated)
        if rise is not None:
            a, b = rise
            return "update", f"{_show(a)} ({_when(a)}, {a.outlet}) -> {_show(b)} ({_when(b)}, {b.outlet})"
        shown = ", ".join(_show(v) for v in values)
        return "single-source", f"one source names several: {shown}"
    drift = _drift(values)
    if drift is not None:
        return "qualifier-drift", drift
    n = sources.count(v.article_id for v in values)
    if n >= 2:
        return "corroborated", f"{_show(values[0])} from {n} independent sources"
    return "single-source", f"{_show(values[0])} from one source ({len(values)} article(s))"


def _drift(values: Sequence[FactValue]) -> str | None:
    """The first number that reports hedge in different directions, as a note.

    Within a group whose toll also rose ("as many as 25", "at least 25", later 31)
    the hedge still changed: the status order puts the drift before the update.
    """
    for number in sorted({v.value for v in values}, key=lambda x: (x is None, x or 0.0)):
        same = [v for v in values if v.value == number]
        if len({qualifier_direction(v.qualifier_class) for v in same}) > 1:
            phrases = sorted({v.qualifier or "(none)" for v in same})
            return f"{_show(same[0], bare=True)} hedged as: " + " / ".join(phrases)
    return None


def _disagree(a: FactValue, b: FactValue, stated: Mapping[str, set[float | None]]) -> bool:
    """Two values that say different things: neither report also states the other's value
    (a report giving both "5" and "2" judges is naming a split, not disagreeing)."""
    return a.value != b.value and b.value not in stated[a.article_id] and a.value not in stated[b.article_id]


def _close(a: FactValue, b: FactValue) -> bool:
    """Values near enough to be two claims about one number (see ``CONFLICT_RATIO``)."""
    lo, hi = sorted((abs(a.value or 0.0), abs(b.value or 0.0)))
    return hi <= CONFLICT_RATIO * lo


def _rise(
    values: Sequence[FactValue], by_id: Mapping[str, ArticleInfo], stated: Mapping[str, set[float | None]]
) -> tuple[FactValue, FactValue] | None:
    """The first value and the last larger one reported ``UPDATE_HOURS`` or more after it."""
    for a in values:
        ta = by_id[a.article_id].time
        for b in reversed(values):
            tb = by_id[b.article_id].time
            if ta is None or tb is None or tb - ta < UPDATE_HOURS * 3600:
                continue
            if _disagree(a, b, stated) and (b.value or 0) > (a.value or 0):
                return a, b
    return None


def _clash(
    values: Sequence[FactValue],
    by_id: Mapping[str, ArticleInfo],
    sources: _Sources,
    stated: Mapping[str, set[float | None]],
) -> str | None:
    """Why two sources' different values cannot both stand (``None``: none clash).

    Two values from one source (one outlet, or a text and its copies) are not set
    against each other: one report naming two figures of a kind ("34 seats" for one
    party, "62" for another) is not contradicting itself. Different values from
    independent sources clash when reported less than ``UPDATE_HOURS`` apart (or
    undated), or when the later one is lower.
    """
    for i, a in enumerate(values):
        for b in values[i + 1 :]:
            if sources.find(a.article_id) == sources.find(b.article_id) or not _disagree(a, b, stated):
                continue
            if not _close(a, b):
                continue  # "1,000 cases" and "41 cases": two different counts, not one disputed
            if a.time_ref and b.time_ref and a.time_ref.casefold() != b.time_ref.casefold():
                continue  # "last year" and "this week": two times, not two claims
            ta, tb = by_id[a.article_id].time, by_id[b.article_id].time
            if ta is None or tb is None or abs(tb - ta) < UPDATE_HOURS * 3600:
                return f"{_show(a)} ({a.outlet or a.article_id}) vs {_show(b)} ({b.outlet or b.article_id})"
            if max(x or 0 for x in stated[b.article_id]) < (a.value or 0):
                # Lower than before, and nothing higher in that report ("rose from 33,207 to
                # 33,512" restates the old value beside the new one).
                return f"{_show(a)} ({a.outlet or a.article_id}) then a lower {_show(b)} ({b.outlet or b.article_id}, later)"
    return None


def _when(v: FactValue) -> str:
    """A publication time as a UTC day and hour: outlets write their own offsets."""
    if not v.published:
        return "undated"
    try:
        dt = datetime.fromisoformat(v.published)
    except ValueError:
        return v.published
    if dt.tzinfo is None:
        return dt.strftime("%Y-%m-%d")
    return dt.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _show(v: FactValue, *, bare: bool = False) -> str:
    number = f"{v.value:,.0f}" if v.value is not None and v.value == int(v.value) else f"{v.value:g}"
    if v.unit == "percent":
        number += "%"
    elif v.unit and v.unit.startswith("currency:"):
        number = f"{v.unit.split(':')[1]} {number}"
    if v.qualifier and not bare and v.qualifier_class != "vague":
        number = f"{v.qualifier} {number}"
    return number


def _words(text: str) -> list[str]:
    return [w.casefold().strip("'’") for w in _WORD.findall(text)]


def _speaker_key(quote: Quote) -> str | None:
    if not quote.speaker:
        return None
    words = _words(quote.speaker)
    if not words:
        return None
    # A named speaker is known by surname ("Mirela Tanase" and "Tanase" are one person).
    return words[-1] if quote.speaker_kind == "name" else " ".join(words)


def _overlap(a: list[str], b: list[str]) -> float:
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


def _contained(short: list[str], long: list[str]) -> bool:
    """Whether ``short`` is a run of ``long``'s words (an excerpt, not a change)."""
    n = len(short)
    return any(long[i : i + n] == short for i in range(len(long) - n + 1))


@dataclass
class _QuoteCluster:
    key: str
    items: list[Quote] = field(default_factory=list)
    words: list[list[str]] = field(default_factory=list)


def _quote_groups(
    story_id: str | None,
    by_id: Mapping[str, ArticleInfo],
    quotes: Mapping[str, Sequence[Quote]],
    sources: _Sources,
) -> list[FactGroup]:
    clusters: list[_QuoteCluster] = []
    for article_id in sorted(
        quotes,
        key=lambda a: (by_id[a].time is None, by_id[a].time or 0.0, a) if a in by_id else (True, 0.0, a),
    ):
        if article_id not in by_id:
            continue
        for q in quotes[article_id]:
            key = _speaker_key(q)
            words = _words(q.text)
            if key is None or len(words) < 4:
                continue  # a word or two in quotation marks is not a statement to compare
            home = next(
                (
                    c
                    for c in clusters
                    if c.key == key and any(_overlap(words, w) >= SAME_QUOTE for w in c.words)
                ),
                None,
            )
            if home is None:
                home = _QuoteCluster(key)
                clusters.append(home)
            home.items.append(q)
            home.words.append(words)
    out = []
    for c in clusters:
        values = [_value(q, by_id[q.article_id]) for q in c.items]
        articles = [q.article_id for q in c.items]
        altered = _altered(c, by_id)
        n = sources.count(articles)
        if altered is not None:
            status, note = "altered-quote", altered
        elif n >= 2:
            status, note = "corroborated", f"the same words in {n} independent sources"
        else:
            status, note = "single-source", f"quoted by one source ({len(values)} article(s))"
        speaker = next((q.speaker for q in c.items if q.speaker_kind == "name"), c.items[0].speaker) or ""
        out.append(
            FactGroup(
                story_id=story_id,
                kind="quote",
                measure=f"quote: {speaker}",
                label=speaker,
                status=status,
                note=note,
                sources=n,
                values=values,
            )
        )
    return out


def _altered(c: _QuoteCluster, by_id: Mapping[str, ArticleInfo]) -> str | None:
    """What changed between two renderings of one quotation (``None``: no change)."""
    for i, a in enumerate(c.words):
        for j in range(i + 1, len(c.words)):
            b = c.words[j]
            if a == b:
                continue
            short, long = (a, b) if len(a) <= len(b) else (b, a)
            if _contained(short, long):
                continue  # an excerpt of the same words
            changes = []
            for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
                was, now = " ".join(a[i1:i2]), " ".join(b[j1:j2])
                if op == "replace":
                    changes.append(f"“{was}” -> “{now}”")
                elif op == "delete":
                    changes.append(f"“{was}” dropped")
                elif op == "insert":
                    changes.append(f"“{now}” added")
            first, then = by_id[c.items[i].article_id], by_id[c.items[j].article_id]
            who = f"{first.outlet or first.article_id} -> {then.outlet or then.article_id}"
            return f"{'; '.join(changes[:4])}{' ...' if len(changes) > 4 else ''} ({who})"
    return None


def track_figure(
    figures: Iterable[tuple[Figure, ArticleInfo]], *, measure: str | None = None
) -> list[FigurePoint]:
    """Values of one measure over time, each marked against what was reported before it.

    ``first``: the first report; ``same``: the value already reported; ``update``: a
    value reported at least ``UPDATE_HOURS`` after the one before that is larger, or
    belongs to a later story (a new round of talks may count fewer hostages);
    ``conflict``: a different value at the same time (or undated), or a lower one
    later within the same story.
    """
    rows = sorted(
        ((f, info) for f, info in figures if measure is None or f.measure == measure),
        key=lambda fi: (fi[1].time is None, fi[1].time or 0.0, fi[0].article_id, fi[0].start),
    )
    points: list[FigurePoint] = []
    last: FigurePoint | None = None
    last_time: float | None = None
    for f, info in rows:
        if last is None:
            change = "first"
        elif f.value == last.value:
            change = "same"
        elif (
            info.time is not None
            and last_time is not None
            and info.time - last_time >= UPDATE_HOURS * 3600
            and (f.value > last.value or info.story_id != last.story_id)
        ):
            change = "update"
        else:
            change = "conflict"
        point = FigurePoint(
            measure=f.measure or "",
            value=f.value,
            text=f.text,
            qualifier=f.qualifier,
            unit=f.unit,
            article_id=f.article_id,
            outlet=info.outlet,
            published=info.published,
            story_id=info.story_id,
            attribution=f.attribution,
            time_ref=f.time,
            change=change,
        )
        points.append(point)
        if change != "same" or last is None:
            last, last_time = point, info.time
    return points
