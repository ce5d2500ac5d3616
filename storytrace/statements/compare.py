"""Line up what the articles of a story state, and follow a figure across stories.

Within a story, figures that measure the same thing (``Figure.measure``, e.g.
"person killed") form one group, and quotations of one speaker that say nearly
the same words form one group. Each group gets one status, resting on one pair of
its statements (``FactGroup.pair``), with a confidence:

- ``changed-in-copy``: a copy or rewrite (a reuse link) states its source's figure
  with a value the source's cannot be, or its quotation with changed words;
- ``conflict``: two independent sources give values for one fact at one time
  (reports less than ``FactParams.update_hours`` apart, or undated) that cannot both
  be true (``ranges``: "more than 1.6 million" and 1,626,042 can);
- ``altered-quote``: two outlets quote one statement of one named speaker with
  changed words (a shorter excerpt of the same words is not a change);
- ``qualifier-drift``: the same number hedged in opposite directions ("as many as
  25" and "at least 25": an upper bound became a lower one);
- ``update``: a later report gives a larger value the earlier cannot hold ("25
  killed", a day later 31);
- ``corroborated``: two or more independent sources give compatible values;
- ``single-source``: one source.

A status that says two figures are one fact (conflict, drift, update,
corroborated, changed in copy) needs the fitted model's word for it
(``FactParams.same_fact``, ``pairs.figure_pair_features``): on labelled pairs of
real stories (``bench/statuses/``) most figures a measure put together were two
facts (two votes, a part and a whole, a depth and a distance). Its probability is
the status's confidence. Vague words ("dozens") are ranges and never make a
conflict or an update; the halves of a tally or score ("69-30") are not compared
one by one.

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
import itertools
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from ..model import FactGroup, FactValue, Figure, FigurePoint, Quote
from .numbers import qualifier_direction
from .pairs import figure_pair_features, times
from .params import FactParams, default_fact_params
from .ranges import compatible, value_range

__all__ = [
    "STATUSES",
    "ArticleInfo",
    "comparable",
    "compare_story",
    "track_figure",
    "year_of",
]

#: Every status, strongest first: a group takes the first that applies.
STATUSES = (
    "changed-in-copy",
    "conflict",
    "altered-quote",
    "qualifier-drift",
    "update",
    "corroborated",
    "single-source",
)
_WORD = re.compile(r"[\w'’-]+")
#: "69-30", "222-to-190", "20 - 13": a figure that is half of a tally or score.
_TALLY_AFTER = re.compile(r"^\s?(?:-|–|to|-to-)\s?\d")
_TALLY_BEFORE = re.compile(r"\d\s?(?:-|–|to|-to-)\s?$")


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

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo


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


def _value(item: Figure | Quote, info: ArticleInfo, text: str | None) -> FactValue:
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
            sentence=text[item.sentence_start : item.sentence_end] if text else "",
            counted=item.counted,
        )
    return FactValue(
        article_id=item.article_id,
        outlet=info.outlet,
        published=info.published,
        text=item.text,
        attribution=item.speaker,
        start=item.start,
        end=item.end,
        sentence=quote_sentence(text, item.start, item.end) if text else "",
    )


def quote_sentence(text: str, start: int, end: int) -> str:
    """The sentence or sentences a quotation runs through, read within its paragraph."""
    from ..reuse.sentences import split_sentences

    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    hi = len(text) if hi < 0 else hi
    spans = [s for s in split_sentences(text[lo:hi]) if s.end + lo > start and s.start + lo < end]
    return text[lo + spans[0].start : lo + spans[-1].end] if spans else text[start:end]


def compare_story(
    story_id: str | None,
    infos: Sequence[ArticleInfo],
    figures: Mapping[str, Sequence[Figure]],
    quotes: Mapping[str, Sequence[Quote]],
    links: Iterable[tuple[str, ...]] = (),
    *,
    texts: Mapping[str, str] | None = None,
    params: FactParams | None = None,
) -> list[FactGroup]:
    """Fact groups of one story's articles, strongest status first.

    ``links``: reuse pairs among them, (source, derived) or (source, derived, kind);
    every kind makes one source, and a ``copy`` or ``rewrite`` (or a pair without a
    kind) is a copy whose changes are its own status (pasted paragraphs, ``partial``,
    leave the rest of an article the outlet's own). ``texts``: the articles' texts, for
    the sentences each status shows as evidence and the model reads.
    """
    params = params or default_fact_params()
    texts = texts or {}
    links = list(links)
    by_id = {i.article_id: i for i in infos}
    sources = _Sources(infos, [(link[0], link[1]) for link in links])
    copies = {(link[0], link[1]) for link in links if len(link) < 3 or link[2] in ("copy", "rewrite")}
    groups = _figure_groups(story_id, by_id, figures, sources, copies, texts, params) + _quote_groups(
        story_id, by_id, quotes, sources, copies, texts, params
    )
    order = {s: i for i, s in enumerate(STATUSES)}
    return sorted(groups, key=lambda g: (order[g.status], -len(g.values), g.measure))


def _tally_half(f: Figure, text: str | None) -> bool:
    """Whether a figure is one side of a tally or score ("69-30"): compared alone, the
    yes votes of one report meet the no votes of another."""
    if not text:
        return False
    return bool(_TALLY_AFTER.match(text[f.end : f.end + 8]) or _TALLY_BEFORE.search(text[max(0, f.start - 8) : f.start]))


def _figure_groups(
    story_id: str | None,
    by_id: Mapping[str, ArticleInfo],
    figures: Mapping[str, Sequence[Figure]],
    sources: _Sources,
    copies: set[tuple[str, str]],
    texts: Mapping[str, str],
    params: FactParams,
) -> list[FactGroup]:
    buckets: dict[tuple[str, str | None, str | None], list[Figure]] = {}
    for article_id, items in figures.items():
        if article_id not in by_id:
            continue
        seen: set[tuple[str, float]] = set()
        for f in items:
            if not comparable(f) or _tally_half(f, texts.get(article_id)):
                continue
            if (f.measure, f.value) in seen:
                continue  # the same figure repeated within one article
            seen.add((f.measure or "", f.value))
            buckets.setdefault((f.measure or "", _unit_kind(f.unit), year_of(f.time)), []).append(f)
    out = []
    for (measure, _, year), items in sorted(buckets.items(), key=lambda kv: tuple(k or "" for k in kv[0])):
        ordered = sorted(
            items,
            key=lambda f: (by_id[f.article_id].time is None, by_id[f.article_id].time or 0.0, f.article_id, f.start),
        )
        values = [_value(f, by_id[f.article_id], texts.get(f.article_id)) for f in ordered]
        status, note, pair, confidence = _figure_status(values, ordered, by_id, sources, copies, params)
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
                confidence=confidence,
                pair=pair,
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


def _range(v: FactValue, params: FactParams) -> tuple[float, float]:
    return value_range(
        v.value or 0.0, v.text, v.qualifier, v.qualifier_class, approx_tolerance=params.approx_tolerance
    )


def pair_claim(
    a: FactValue,
    b: FactValue,
    *,
    copied: bool,
    independent: bool,
    time_a: float | None,
    time_b: float | None,
    stated_a: set[float | None],
    stated_b: set[float | None],
    params: FactParams,
) -> str | None:
    """The status two figures of one measure would earn if they state one fact.

    ``copied``: a reuse link joins their articles; ``independent``: different sources;
    ``stated_*``: every value of the measure each article states (a report giving
    both "5" and "2" judges names a split, not a disagreement).
    """
    if a.article_id == b.article_id:
        return None
    fits = compatible(_range(a, params), _range(b, params))
    flipped = a.value == b.value and {
        qualifier_direction(a.qualifier_class),
        qualifier_direction(b.qualifier_class),
    } == {"upper", "lower"}
    vague = a.qualifier_class == "vague" or b.qualifier_class == "vague"
    disagree = a.value != b.value and b.value not in stated_a and a.value not in stated_b
    differs = not fits and not vague and disagree
    if copied:
        # A copy or rewrite that cannot be saying what its source said: another value,
        # or the same number with its hedge turned round.
        return "changed-in-copy" if flipped or differs else None
    if not independent:
        return None
    gap = None if time_a is None or time_b is None else abs(time_b - time_a)
    later_lower = gap is not None and gap >= params.update_hours * 3600 and (
        (b.value or 0.0) < (a.value or 0.0) if time_b > time_a else (a.value or 0.0) < (b.value or 0.0)  # type: ignore[operator]
    )
    times_agree = not times(a, b)[0]  # "last year" and "this week": two times, not two claims
    lo, hi = sorted((abs(a.value or 0.0), abs(b.value or 0.0)))
    close = hi <= params.conflict_ratio * lo
    if differs and close and times_agree and (gap is None or gap < params.update_hours * 3600 or later_lower):
        return "conflict"
    if flipped:
        return "qualifier-drift"
    if differs and gap is not None and gap >= params.update_hours * 3600 and not later_lower:
        return "update"
    if fits:
        return "corroborated"
    return None


def _figure_status(
    values: Sequence[FactValue],
    figures: Sequence[Figure],
    by_id: Mapping[str, ArticleInfo],
    sources: _Sources,
    copies: set[tuple[str, str]],
    params: FactParams,
) -> tuple[str, str, tuple[int, int] | None, float | None]:
    """(status, note, the pair it rests on, confidence) of one measure's values.

    Every pair of values from two articles earns the status its structure allows
    (``pair_claim``) if the model takes it for one fact at that status's threshold; the
    group takes the strongest status earned, resting on its most probable pair.
    """
    model = params.same_fact
    stated: dict[str, set[float | None]] = {}
    for v in values:
        stated.setdefault(v.article_id, set()).add(v.value)
    earned: dict[str, list[tuple[float, int, int]]] = {}
    for i, j in itertools.combinations(range(len(values)), 2):
        a, b = values[i], values[j]
        if a.article_id == b.article_id:
            continue
        copied = (a.article_id, b.article_id) in copies or (b.article_id, a.article_id) in copies
        status = pair_claim(
            a,
            b,
            copied=copied,
            independent=sources.find(a.article_id) != sources.find(b.article_id),
            time_a=by_id[a.article_id].time,
            time_b=by_id[b.article_id].time,
            stated_a=stated[a.article_id],
            stated_b=stated[b.article_id],
            params=params,
        )
        if status is None:
            continue
        if model is None:
            p = 1.0
        else:
            feats = figure_pair_features(a, b, figures[i].measure or "", figures[j].measure or "", linked=copied)
            p = model.probability(feats)
            if p < model.cut(status):
                continue
        earned.setdefault(status, []).append((p, i, j))
    for status in STATUSES:
        if status not in earned:
            continue
        p, i, j = max(earned[status], key=lambda t: (t[0], -t[1], -t[2]))
        a, b = values[i], values[j]
        pair = (i, j)
        confidence = round(p, 3)
        if status == "changed-in-copy":
            if (b.article_id, a.article_id) in copies:
                a, b, pair = b, a, (j, i)
            note = (
                f"{_show(a)} in the source ({a.outlet or a.article_id}) became {_show(b)} in its copy "
                f"({b.outlet or b.article_id})"
            )
        elif status == "conflict":
            note = (
                f"{_show(a)} ({a.outlet or a.article_id}) and {_show(b)} ({b.outlet or b.article_id}) cannot both "
                "be true of one fact at one time"
            )
        elif status == "qualifier-drift":
            note = f"{_show(a, bare=True)} hedged as: " + " / ".join(
                sorted({a.qualifier or "(none)", b.qualifier or "(none)"})
            )
        elif status == "update":
            if (by_id[b.article_id].time or 0.0) < (by_id[a.article_id].time or 0.0):
                a, b, pair = b, a, (j, i)
            note = f"{_show(a)} ({_when(a)}, {a.outlet}) -> {_show(b)} ({_when(b)}, {b.outlet})"
        else:
            agreeing = {values[k].article_id for _, x, y in earned[status] for k in (x, y)}
            note = f"{_show(a)} from {sources.count(agreeing)} independent sources"
        return status, note, pair, confidence
    shown = ", ".join(_show(v) for v in values)
    if sources.count(v.article_id for v in values) >= 2:
        return "single-source", f"no two sources state one fact: {shown}", None, None
    if len({v.value for v in values}) == 1:
        return "single-source", f"{_show(values[0])} from one source ({len(values)} article(s))", None, None
    return "single-source", f"one source names several: {shown}", None, None


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


#: Words a parse can leave as a "speaker" that name nobody: pronouns, relative words,
#: and the like ("that", "who" and "Since Israel" were credited on a real store).
_NOT_SPEAKERS = frozenset(
    "that who which what whom whose he she they it we i you this these those there here one some "
    "since while when after before because as if though although and but or so".split()
)


def _speaker_key(quote: Quote) -> str | None:
    """Whom a quotation is compared under: a named person or organisation, by surname
    ("Mirela Tanase" and "Tanase" are one person); None for no speaker, a description
    ("a Hamas official": which one?) or words that name nobody ("that", "counties")."""
    if not quote.speaker or quote.speaker_kind != "name":
        return None
    words = _WORD.findall(quote.speaker)
    if not words or not all(w[:1].isupper() for w in words if w.casefold() not in ("of", "the", "de", "al", "van", "von")):
        return None  # a common noun ("counties") is not a name
    if words[0].casefold() in _NOT_SPEAKERS or words[-1].casefold() in _NOT_SPEAKERS:
        return None
    return words[-1].casefold().strip("'’")


def _overlap(a: list[str], b: list[str]) -> float:
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


def _contained(short: list[str], long: list[str]) -> bool:
    """Whether ``short`` is a run of ``long``'s words (an excerpt, not a change)."""
    n = len(short)
    return any(long[i : i + n] == short for i in range(len(long) - n + 1))


def _letters(text: str) -> str:
    """Letters and digits only, lower case: "tax-filing" and "tax filing", "e-mail" and
    "email", "government’s" and "government's" read alike."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def same_words(a: str, b: str) -> bool:
    """Whether two renderings of a quotation say the same words: one is an excerpt of the
    other once spacing, hyphens, apostrophes and punctuation are set aside, or they differ
    by a typo (two letters at most: "damages" and "damaged"). On the tune half of the status
    labels every such pair was labelled the same quotation."""
    la, lb = _letters(a), _letters(b)
    short, long = (la, lb) if len(la) <= len(lb) else (lb, la)
    if not short or short in long:
        return True
    if len(long) - len(short) > 2:
        return False
    ops = difflib.SequenceMatcher(a=la, b=lb, autojunk=False).get_opcodes()
    return sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in ops if op != "equal") <= 2


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
    copies: set[tuple[str, str]],
    texts: Mapping[str, str],
    params: FactParams,
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
                    if c.key == key and any(_overlap(words, w) >= params.same_quote for w in c.words)
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
        values = [_value(q, by_id[q.article_id], texts.get(q.article_id)) for q in c.items]
        articles = [q.article_id for q in c.items]
        n = sources.count(articles)
        changed = _altered(c, by_id, sources, copies, params)
        pair: tuple[int, int] | None = None
        confidence: float | None = None
        if changed is not None:
            status, note, pair = changed
            confidence = params.quote_confidence.get(status)
        elif n >= 2 and (
            repeated := [
                (i, j)
                for i, j in itertools.combinations(range(len(c.items)), 2)
                if sources.find(articles[i]) != sources.find(articles[j])
                and same_words(c.items[i].text, c.items[j].text)
            ]
        ):
            # Only the same words (or an excerpt of them) corroborate: a cluster may also hold
            # another statement of the speaker's that shares words with one of its members.
            agreeing = {articles[k] for pair_ in repeated for k in pair_}
            status, note = "corroborated", f"the same words in {sources.count(agreeing)} independent sources"
            pair = repeated[0]
            confidence = params.quote_confidence.get(status)
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
                confidence=confidence,
                pair=pair,
            )
        )
    return out


def _altered(
    c: _QuoteCluster,
    by_id: Mapping[str, ArticleInfo],
    sources: _Sources,
    copies: set[tuple[str, str]],
    params: FactParams,
) -> tuple[str, str, tuple[int, int]] | None:
    """(status, what changed, the pair) for two renderings of one quotation with changed
    words: ``changed-in-copy`` between a source and its copy, ``altered-quote`` between
    two outlets that do not copy each other; None for no change."""
    for i, j in itertools.combinations(range(len(c.words)), 2):
        a, b = c.words[i], c.words[j]
        ia, ib = c.items[i].article_id, c.items[j].article_id
        first, then = by_id[ia], by_id[ib]
        if a == b or ia == ib:
            continue
        if same_words(c.items[i].text, c.items[j].text):
            continue  # an excerpt of the same words, or a typo
        if _overlap(a, b) < params.altered_overlap:
            continue  # too far apart to be one statement rendered twice
        copied = (ia, ib) in copies or (ib, ia) in copies
        if not copied:
            if sources.find(ia) == sources.find(ib):
                continue  # one outlet quoting its own words twice
        changes = []
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
            was, now = " ".join(a[i1:i2]), " ".join(b[j1:j2])
            if op == "replace":
                changes.append(f"“{was}” -> “{now}”")
            elif op == "delete":
                changes.append(f"“{was}” dropped")
            elif op == "insert":
                changes.append(f"“{now}” added")
        who = f"{first.outlet or first.article_id} -> {then.outlet or then.article_id}"
        note = f"{'; '.join(changes[:4])}{' ...' if len(changes) > 4 else ''} ({who})"
        return ("changed-in-copy" if copied else "altered-quote"), note, (i, j)
    return None


def track_figure(
    figures: Iterable[tuple[Figure, ArticleInfo]], *, measure: str | None = None, params: FactParams | None = None
) -> list[FigurePoint]:
    """Values of one measure over time, each marked against what was reported before it.

    ``first``: the first report; ``same``: the value already reported; ``update``: a
    value reported at least ``FactParams.update_hours`` after the one before that is larger, or
    belongs to a later story (a new round of talks may count fewer hostages);
    ``conflict``: a different value at the same time (or undated), or a lower one
    later within the same story. Those two are claims, and are made only where the
    status passed its check on real stories (``FactParams.same_fact.cut``); otherwise a
    different value is only marked ``higher`` or ``lower`` than the one before it.
    """
    params = params or default_fact_params()
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
            and info.time - last_time >= params.update_hours * 3600
            and (f.value > last.value or info.story_id != last.story_id)
        ):
            change = "update"
        else:
            change = "conflict"
        if change in ("update", "conflict") and params.same_fact is not None and params.same_fact.cut(change) > 1:
            change = "higher" if f.value > last.value else "lower"  # not a checked claim
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
