"""Facts bound to a store: extraction on ingest, story fact tables, figures over time."""

from __future__ import annotations

import logging
import re
from collections import deque
from collections.abc import Iterable
from concurrent.futures import Future
from typing import Any

from .._helpers import Helper, can_help
from ..grouping.features import parse_time
from ..model import Article, FactGroup, Figure, FigureTrack, Problem
from ..store import Store, utcnow
from .params import FactParams, default_fact_params
from .compare import ArticleInfo, DisjointSets, comparable, compare_story, track_figure, year_of
from .extract import ArticleFacts, extract_facts, load_parser

log = logging.getLogger(__name__)

#: Bump when extraction changes: stored facts of another version are read again.
VERSION = "facts-6"


#: Batches a helper may have in hand; with more, ingest reads the next batch itself.
MAX_IN_FLIGHT = 2
#: Smaller batches are read in this process: a helper takes a second or two to start.
MIN_BACKGROUND = 32


class FactReader:
    """Reads the figures and quotes of every stored article not yet read by this ``VERSION``.

    With ``background=True``, batches of ``MIN_BACKGROUND`` articles or more are parsed
    in a helper process (spaCy holds the GIL, so a thread would not help):
    ``catch_up(wait=False)`` hands them over and returns, ingest goes on with the next
    batch, and this process writes the facts when they come back (at the latest in
    ``catch_up(wait=True)``). Nothing is lost if ingest stops in between: unwritten
    articles are still pending in the store and the next run reads them. If the helper
    dies, its batches are read in this process.
    """

    def __init__(
        self, store: Store, *, nlp: Any = "default", batch_size: int = 64, background: bool = False
    ) -> None:
        self.store = store
        self._nlp = nlp
        self.batch_size = batch_size
        self.problems: list[Problem] = []
        self._may_help = background and can_help()
        self._helper: Helper | None = None
        self._in_flight: deque[tuple[list[tuple[int, Article]], Future[Any]]] = deque()
        self._after = 0  # highest key read here or handed to the helper

    @property
    def nlp(self) -> Any:
        if self._nlp == "default":
            self._nlp = load_parser()
        return self._nlp

    @property
    def background(self) -> bool:
        """Whether a helper process is reading (it starts with the first large batch)."""
        return self._helper is not None and self._helper.alive

    def catch_up(self, *, wait: bool = True) -> dict[str, int]:
        """Read what is pending; without ``wait`` (background only) return before it is all written."""
        counts = {"articles": 0, "figures": 0, "quotes": 0}
        while keys := self.store.facts_pending(VERSION, after_key=self._after, limit=self.batch_size):
            self._after = keys[-1]
            articles = self.store.articles_by_key(keys)
            batch = [(k, articles[k]) for k in keys if k in articles]
            if self._may_help and len(batch) >= MIN_BACKGROUND and len(self._in_flight) < MAX_IN_FLIGHT:
                self._submit(batch)
            else:
                # Small, or the helper is behind: read it here rather than wait for it.
                self._write(batch, read_facts([a for _, a in batch], self.nlp), counts)
        while self._in_flight and (wait or self._in_flight[0][1].done()):
            self._write_next(counts)
        return counts

    def finish(self) -> dict[str, int]:
        """Wait for the background reader and write what it read; then stop it."""
        counts = self.catch_up(wait=True)
        self.close()
        return counts

    def close(self) -> None:
        """Stop the helper process; facts not yet written stay pending in the store."""
        if self._helper is not None:
            self._helper.close()
        self._in_flight.clear()

    def _submit(self, batch: list[tuple[int, Article]]) -> None:
        try:
            self._helper = self._helper or Helper(_warm_worker)
            future = self._helper.submit(_read_in_worker, [a for _, a in batch])
        except Exception as exc:  # noqa: BLE001 - no helper: this batch is read here when written
            future = Future()
            future.set_exception(exc)
        self._in_flight.append((batch, future))

    def _write_next(self, counts: dict[str, int]) -> None:
        batch, future = self._in_flight.popleft()
        try:
            result = future.result()
        except Exception as exc:  # noqa: BLE001 - the helper died or could not take the batch
            if self._may_help:
                log.warning("fact helper process failed (%s); reading facts in this process", exc)
                self._may_help = False
                if self._helper is not None:
                    self._helper.close()
            result = read_facts([a for _, a in batch], self.nlp)
        self._write(batch, result, counts)

    def _write(
        self,
        batch: list[tuple[int, Article]],
        result: tuple[list[ArticleFacts], list[Problem]],
        counts: dict[str, int],
    ) -> None:
        facts, problems = result
        rows = []
        for (key, _), found in zip(batch, facts, strict=True):
            rows.append((key, found.figures, found.quotes))
            counts["figures"] += len(found.figures)
            counts["quotes"] += len(found.quotes)
        self.store.write_facts(rows, version=VERSION, now=utcnow())
        counts["articles"] += len(rows)
        self.problems += problems


def read_facts(articles: list[Article], nlp: Any) -> tuple[list[ArticleFacts], list[Problem]]:
    """Facts of a batch, and the articles the parser failed on (recorded with no facts)."""
    try:
        return extract_facts(articles, nlp=nlp), []
    except Exception as exc:  # noqa: BLE001 - find the bad article, keep the rest
        log.debug("fact extraction failed for a batch (%s); retrying one by one", exc)
    out: list[ArticleFacts] = []
    problems = []
    for article in articles:
        try:
            out += extract_facts([article], nlp=nlp)
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch
            reason = f"fact extraction failed ({type(exc).__name__}: {exc}); stored without facts"
            problems.append(Problem(article.id, "facts", reason, "failed"))
            out.append(ArticleFacts(article.id, [], []))
    return out, problems


def _read_in_worker(articles: list[Article]) -> tuple[list[ArticleFacts], list[Problem]]:
    return read_facts(articles, load_parser())


def _warm_worker() -> None:
    load_parser()  # while the first batch is still being extracted


def _infos(store: Store, article_ids: Iterable[str]) -> dict[str, ArticleInfo]:
    ids = list(article_ids)
    stories = store.story_of(ids)
    return {
        aid: ArticleInfo(aid, outlet, published, parse_time(published), title, stories.get(aid))
        for aid, (outlet, published, title) in store.article_meta(ids).items()
    }


def story_facts(store: Store, story_id: str, params: FactParams | None = None) -> list[FactGroup]:
    """The fact groups of one story (id, prefix or merged id), strongest status first."""
    sid = store.resolve_story(story_id)
    ids = store.story_member_ids(sid)
    infos = _infos(store, ids)
    facts = store.facts_of(ids)
    # (source, derived): a copy's changes are told from its source's.
    links = [(link[0], link[1], link[2]) for link in store.story_links(sid)]
    texts = store.article_texts([a for a, (f, q) in facts.items() if f or q])
    return compare_story(
        sid,
        [infos[i] for i in ids if i in infos],
        {a: f for a, (f, _) in facts.items()},
        {a: q for a, (_, q) in facts.items()},
        links,
        texts=texts,
        params=params,
    )


def all_story_facts(store: Store, params: FactParams | None = None) -> Iterable[FactGroup]:
    """Every story's fact groups, newest story first (``export --what facts``)."""
    offset = 0
    while page := store.stories(limit=200, offset=offset):
        for story in page:
            yield from story_facts(store, story.id, params)
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


def figure_tracks(store: Store, query: str, params: FactParams | None = None) -> list[FigureTrack]:
    """Each measure matching ``query`` ("death toll", "hostages") with its values over time.

    A measure is followed within a thread of stories about one subject (stories that
    share two key named entities: the 2025 and 2026 Kaldar talks, not a factory fire), and
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
    params = params or default_fact_params()
    threads = _threads(store, {i.story_id for i in infos.values() if i.story_id}, params)
    by_track: dict[tuple[str, str], list[tuple[Figure, ArticleInfo]]] = {}
    for (article_id, measure), f in first.items():
        info = infos.get(article_id)
        if info is not None:
            thread = threads.find(info.story_id) if info.story_id else f"article:{article_id}"
            by_track.setdefault((measure, thread), []).append((f, info))
    tracks = []
    for (measure, _), rows in by_track.items():
        points = track_figure(rows, measure=measure, params=params)
        counted = [f.counted for f, _ in rows if f.counted]
        label = max(set(counted), key=lambda c: (counted.count(c), c)) if counted else measure
        stories = sorted({i.story_id for _, i in rows if i.story_id})
        tracks.append(FigureTrack(measure, label, points, threads.about(stories), stories))
    return sorted(tracks, key=lambda t: (-len(t.points), t.measure, t.about))


class _Threads(DisjointSets):
    """Stories about one subject: two stories are one thread when they share ``shared`` of
    their ``top`` key named entities ("Kaldar" and "Orun Front": the 2025 and 2026 talks).
    One shared name is not enough: on a real store "U.S." alone chained a Gaza toll, US
    COVID deaths and the Kabul airport attack into one death toll (issue 18)."""

    def __init__(self, entities: dict[str, list[str]], top: int = 3, shared: int = 2) -> None:
        super().__init__()
        self.entities = entities
        self.top = top
        keys = {
            sid: {re.sub(r"^the\s+|['’]s$", "", name.casefold()).strip() for name in names[:top]}
            for sid, names in entities.items()
        }
        ids = sorted(keys)
        for i, a in enumerate(ids):
            self.find(a)
            for b in ids[i + 1 :]:
                if len(keys[a] & keys[b]) >= min(shared, len(keys[a]), len(keys[b])) and keys[a] & keys[b]:
                    self.union(a, b)

    def about(self, stories: list[str]) -> list[str]:
        counts: dict[str, int] = {}
        for sid in stories:
            for name in self.entities.get(sid, [])[: self.top]:
                counts[name] = counts.get(name, 0) + 1
        return [n for n, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))][: self.top]


def _threads(store: Store, story_ids: set[str], params: FactParams) -> _Threads:
    return _Threads(
        {sid: store.get_story(sid).entities for sid in sorted(story_ids)},
        top=params.thread_entities,
        shared=params.thread_shared,
    )
