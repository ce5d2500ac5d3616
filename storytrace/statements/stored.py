"""Facts bound to a store: extraction on ingest, story fact tables, figures over time."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Any

from ..grouping.features import parse_time
from ..model import Article, FactGroup, Figure, FigureTrack, Problem
from ..store import Store, utcnow
from .compare import ArticleInfo, DisjointSets, comparable, compare_story, track_figure, year_of
from .extract import extract_facts, load_parser

log = logging.getLogger(__name__)

#: Bump when extraction changes: stored facts of another version are read again.
VERSION = "facts-1"


class FactReader:
    """Reads the figures and quotes of every stored article not yet read by this ``VERSION``."""

    def __init__(self, store: Store, *, nlp: Any = "default", batch_size: int = 64) -> None:
        self.store = store
        self.nlp = load_parser() if nlp == "default" else nlp
        self.batch_size = batch_size
        self.problems: list[Problem] = []

    def catch_up(self) -> dict[str, int]:
        counts = {"articles": 0, "figures": 0, "quotes": 0}
        after = 0
        while keys := self.store.facts_pending(VERSION, after_key=after, limit=self.batch_size):
            after = keys[-1]
            articles = self.store.articles_by_key(keys)
            batch = [(k, articles[k]) for k in keys if k in articles]
            rows = []
            for key, facts in zip([k for k, _ in batch], self._extract([a for _, a in batch]), strict=True):
                rows.append((key, facts.figures, facts.quotes))
                counts["figures"] += len(facts.figures)
                counts["quotes"] += len(facts.quotes)
            self.store.write_facts(rows, version=VERSION, now=utcnow())
            counts["articles"] += len(rows)
        return counts

    def _extract(self, articles: list[Article]) -> list[Any]:
        """Facts of a batch; an article the parser fails on is recorded with no facts."""
        from .extract import ArticleFacts

        try:
            return extract_facts(articles, nlp=self.nlp)
        except Exception as exc:  # noqa: BLE001 - find the bad article, keep the rest
            log.debug("fact extraction failed for a batch (%s); retrying one by one", exc)
        out = []
        for article in articles:
            try:
                out += extract_facts([article], nlp=self.nlp)
            except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch
                reason = f"fact extraction failed ({type(exc).__name__}: {exc}); stored without facts"
                self.problems.append(Problem(article.id, "facts", reason, "failed"))
                out.append(ArticleFacts(article.id, [], []))
        return out


def _infos(store: Store, article_ids: Iterable[str]) -> dict[str, ArticleInfo]:
    ids = list(article_ids)
    stories = store.story_of(ids)
    return {
        aid: ArticleInfo(aid, outlet, published, parse_time(published), title, stories.get(aid))
        for aid, (outlet, published, title) in store.article_meta(ids).items()
    }


def story_facts(store: Store, story_id: str) -> list[FactGroup]:
    """The fact groups of one story (id, prefix or merged id), strongest status first."""
    sid = store.resolve_story(story_id)
    ids = store.story_member_ids(sid)
    infos = _infos(store, ids)
    facts = store.facts_of(ids)
    links = [(src, dst) for src, dst, _, _ in store.story_links(sid)]
    return compare_story(
        sid,
        [infos[i] for i in ids if i in infos],
        {a: f for a, (f, _) in facts.items()},
        {a: q for a, (_, q) in facts.items()},
        links,
    )


def all_story_facts(store: Store) -> Iterable[FactGroup]:
    """Every story's fact groups, newest story first (``export --what facts``)."""
    offset = 0
    while page := store.stories(limit=200, offset=offset):
        for story in page:
            yield from story_facts(store, story.id)
        offset += len(page)


# "death toll" is how people ask for "people killed"; plural and synonyms as the extractor normalises.
_QUERY_WORDS = {
    "death": "killed",
    "deaths": "killed",
    "dead": "killed",
    "killed": "killed",
    "kill": "killed",
    "killing": "killed",
    "toll": "",
    "people": "person",
    "injuries": "injured",
    "injured": "injured",
    "wounded": "injured",
    "of": "",
    "the": "",
    "number": "",
}


def _query_words(query: str) -> list[str]:
    out = []
    for word in re.findall(r"[\w'’-]+", query.casefold()):
        mapped = _QUERY_WORDS.get(word)
        if mapped is None:
            mapped = word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word
        if mapped and mapped not in out:
            out.append(mapped)
    return out


#: Stories sharing one of their this-many key entities are one thread of a measure.
THREAD_ENTITIES = 3


def figure_tracks(store: Store, query: str) -> list[FigureTrack]:
    """Each measure matching ``query`` ("death toll", "hostages") with its values over time.

    A measure is followed within a thread of stories about one subject (stories that
    share a key named entity: the 2025 and 2026 Kaldar talks, not a factory fire), and
    each article counts with the largest value it gives for the measure ("rose from
    33,207 to 33,512" reports 33,512); values dated to another year are background.
    """
    words = _query_words(query)
    if not words:
        from ..errors import ConfigError

        raise ConfigError(f"figure query {query!r} names nothing to follow; try e.g. 'killed' or 'hostages'")
    found = [f for f in store.iter_figures(words) if comparable(f)]
    infos = _infos(store, {f.article_id for f in found})
    first: dict[tuple[str, str], Figure] = {}
    for f in found:
        info = infos.get(f.article_id)
        year = year_of(f.time)
        if info is None or (year is not None and not (info.published or "").startswith(year)):
            continue  # "in 1987, a quake killed 11": background, not this measure's value now
        key = (f.article_id, f.measure or "")
        if key not in first or f.value > first[key].value:
            # "rose from 33,207 to 33,512": a report's value is its largest.
            first[key] = f
    threads = _threads(store, {i.story_id for i in infos.values() if i.story_id})
    by_track: dict[tuple[str, str], list[tuple[Figure, ArticleInfo]]] = {}
    for (article_id, measure), f in first.items():
        info = infos.get(article_id)
        if info is not None:
            thread = threads.find(info.story_id) if info.story_id else f"article:{article_id}"
            by_track.setdefault((measure, thread), []).append((f, info))
    tracks = []
    for (measure, _), rows in by_track.items():
        points = track_figure(rows, measure=measure)
        counted = [f.counted for f, _ in rows if f.counted]
        label = max(set(counted), key=lambda c: (counted.count(c), c)) if counted else measure
        stories = sorted({i.story_id for _, i in rows if i.story_id})
        tracks.append(FigureTrack(measure, label, points, threads.about(stories), stories))
    return sorted(tracks, key=lambda t: (-len(t.points), t.measure, t.about))


class _Threads(DisjointSets):
    """Stories linked by a shared key entity."""

    def __init__(self, entities: dict[str, list[str]]) -> None:
        super().__init__()
        self.entities = entities
        owner: dict[str, str] = {}
        for sid, names in sorted(entities.items()):
            for name in names[:THREAD_ENTITIES]:
                key = re.sub(r"^the\s+|['’]s$", "", name.casefold()).strip()
                if key in owner:
                    self.union(owner[key], sid)
                else:
                    owner[key] = sid

    def about(self, stories: list[str]) -> list[str]:
        counts: dict[str, int] = {}
        for sid in stories:
            for name in self.entities.get(sid, [])[:THREAD_ENTITIES]:
                counts[name] = counts.get(name, 0) + 1
        return [n for n, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))][:THREAD_ENTITIES]


def _threads(store: Store, story_ids: set[str]) -> _Threads:
    return _Threads({sid: store.get_story(sid).entities for sid in sorted(story_ids)})
