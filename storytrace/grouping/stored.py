"""Stories bound to a store: each ingested article is assigned at once.

The store is the truth (``article_stories``, ``stories``, ``story_changes``); the
``StoryIndex`` saved beside it in ``<db>.stories`` is a cache. When it
is missing, stale or unreadable it is rebuilt by replaying the stored
assignments (no decision is taken again), and articles the store holds but no
story has yet are then assigned in key order, as a crash would leave them.
"""

from __future__ import annotations

import logging
import math
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from ..model import Article, Problem
from ..store import Store, StoryMove, StorySummary, StoryWrite, utcnow
from .cluster import story_id
from .features import (
    SplitEntities,
    StoryFeatures,
    featurize,
    load_nlp,
    parse_time,
    term_counts,
    unit_vector,
    vector_encoder,
    words_only,
)
from .index import Recheck, StoryIndex
from .params import StoryParams

log = logging.getLogger(__name__)

STATE = "stories"
#: Bump when features or scoring change: a saved index of another version is rebuilt.
INDEX_VERSION = "stories-6"
#: Features of this many of the latest assigned articles are kept for settling.
RECENT_FEATURES = 4096


class StoryTracker:
    """Assigns a store's articles to stories, incrementally, in key (ingest) order."""

    def __init__(
        self,
        store: Store,
        *,
        nlp: Any = "default",
        encoder: Any = "default",
        fresh: bool = False,
        helpers: bool = False,
        params: StoryParams | None = None,
    ) -> None:
        self.store = store
        self.params = params if params is not None else StoryParams()
        # A saved index built with other params is rebuilt (replayed), never reused.
        self.version = f"{INDEX_VERSION}-{self.params.fingerprint()}"
        self.nlp = load_nlp() if nlp == "default" else nlp
        if helpers and self.nlp is not None:
            self.nlp = SplitEntities(self.nlp)  # half of each batch's entities in a helper process
        self.encoder = vector_encoder() if encoder == "default" else encoder
        # Beside the reuse indexes, not inside them: those are replaced as one folder.
        self.path: Path | None = None if store.path == ":memory:" else Path(store.path + ".stories")
        self.ids: list[str] = []  # story number -> story id
        self.number: dict[str, int] = {}
        self._scanned = 0  # keys up to here are known to have a story
        self.problems: list[Problem] = []
        # Features of the latest articles, as the store would give them back: settling
        # reads its members here before it reads the store.
        self._recent: OrderedDict[int, StoryFeatures] = OrderedDict()
        self.index = StoryIndex(self.params) if fresh else self._load()

    def close(self) -> None:
        """Stop the helper process, if any (the tracker still works, in one process)."""
        if isinstance(self.nlp, SplitEntities):
            self.nlp.close()

    # -- index cache ------------------------------------------------------------

    def _load(self) -> StoryIndex:
        state = self.store.get_index_state(STATE)
        if state is not None and state[1] == self.version and self.path is not None and self.path.exists():
            try:
                index = StoryIndex.load(self.path, self.params)
                ids = (self.path / "ids.txt").read_text(encoding="utf-8").split()
            except Exception as exc:  # noqa: BLE001 - a broken cache is rebuilt, never fatal
                log.warning("story index at %s unreadable (%s); rebuilding", self.path, exc)
            else:
                if len(ids) == len(index) and index.n_docs == state[0] == self.store.count_assigned():
                    self.ids, self.number = ids, {s: i for i, s in enumerate(ids)}
                    return index
        return self._replay()

    def _replay(self) -> StoryIndex:
        """Rebuild the index from the stored assignments (no decisions taken again)."""
        index = StoryIndex(self.params)
        self.ids, self.number = [], {}
        rows = list(self.store.story_assignments())
        for start in range(0, len(rows), 500):
            chunk = rows[start : start + 500]
            keys = [row[0] for row in chunk]
            articles = self.store.articles_by_key(keys)
            stored = self.store.story_features(keys)
            for key, sid, score, reason in chunk:
                feats = _stored_features(articles[key], stored.get(key))
                if sid in self.number:
                    # A scored join counts for the story's cohesion, as it did live.
                    index.assign(feats, to=self.number[sid], join_score=score if _scored(reason) else None)
                else:
                    result = index.assign(
                        feats, to=None, force_new=True, join_score=score if _scored(reason) else None
                    )
                    self.number[sid] = result.story
                    self.ids.append(sid)
        return index

    def save(self) -> None:
        if self.path is not None:
            self.index.save(self.path)
            tmp = self.path / "ids.txt.tmp"
            tmp.write_text("\n".join(self.ids), encoding="utf-8")
            tmp.replace(self.path / "ids.txt")
        self.store.set_index_state(STATE, self.index.n_docs, self.version)

    # -- assignment ---------------------------------------------------------------

    def catch_up(self, chunk: int = 256) -> dict[str, int]:
        """Assign every stored article that has no story yet, in key order; counts by outcome."""
        counts = _counts()
        while keys := self.store.unassigned_after(self._scanned, chunk):
            by_key = self.store.articles_by_key(keys)
            self.assign([(k, by_key[k]) for k in keys if k in by_key], counts)
            self._scanned = keys[-1]
        return counts

    def assign(
        self, batch: Sequence[tuple[int, Article]], counts: dict[str, int] | None = None
    ) -> list[StoryWrite]:
        """Assign a batch of stored articles (key order) and store the result."""
        counts = counts if counts is not None else _counts()
        articles = [a for _, a in batch]
        features = self._featurize(articles)
        sources = self.store.link_sources(kinds=("copy", "rewrite"), touching=[a.id for a in articles])
        # An original that arrives after its copies belongs to their story, as a copy
        # belongs to its source's: the link says so whatever the words score.
        copies: dict[str, set[str]] = {}
        for target, found in sources.items():
            for src in found:
                copies.setdefault(src, set()).add(target)
        related = {s for a in articles for s in sources.get(a.id, set()) | copies.get(a.id, set())}
        story_of = self.store.story_of(sorted(related))
        # A link places an article only within the time one story spans (``in_reach``).
        times = {a.id: parse_time(a.published) for a in self.store.articles_by_id(sorted(related)).values()}
        times.update({a.id: parse_time(a.published) for a in articles})
        writes: list[StoryWrite] = []
        merges: list[tuple[str, str]] = []
        for (key, article), feats in zip(batch, features, strict=True):
            to, reason = None, "joined"
            related_to = [(src, f"copy of {src}") for src in sorted(sources.get(article.id, ()))]
            related_to += [(dup, f"original of {dup}") for dup in sorted(copies.get(article.id, ()))]
            for other, why in related_to:
                if not self.params.in_reach(times.get(article.id), times.get(other)):
                    continue
                sid = story_of.get(other)
                if sid is not None:
                    sid = self.store.resolve_story(sid) if sid not in self.number else sid
                    if sid in self.number:
                        to, reason = self.number[sid], why
                        break
            result = self.index.assign(feats, to=to)
            if result.new:
                self._name(result.story, article.id)
                reason = "started"
                counts["started"] += 1
            else:
                counts["copy" if to is not None else "joined"] += 1
            sid = self.ids[result.story]
            for ended in result.merged:
                merges.append((self.ids[ended], sid))
                counts["merged"] += 1
            story_of[article.id] = sid
            self._remember(key, feats)
            headline = self._headline_score(article, result.story)
            writes.append(
                StoryWrite(
                    article_key=key,
                    story_id=sid,
                    score=1.0 if to is not None else result.score,
                    reason=reason,
                    title=article.title,
                    headline_score=headline,
                    published=article.published,
                    published_time=parse_time(article.published),
                    time=feats.time,
                    entities=feats.to_json(),
                    vector=feats.vector.astype(np.float16).tobytes() if feats.vector is not None else None,
                )
            )
        now = utcnow()
        self.store.write_stories(writes, merges, now=now)
        touched = {self.number[self.store.resolve_story(w.story_id)] for w in writes}
        counts["moved"] += self.settle(touched, now=now)
        return writes

    def settle(self, touched: set[int], *, now: str, members: int | None = None) -> int:
        """Settle the latest ``members`` (``params.settle_members``) of the stories a batch
        touched; store the moves.

        Articles at either end of a copy or rewrite link stay where the link put them.
        Returns how many articles moved.
        """
        sids = sorted({self.ids[self.index.resolve(n)] for n in touched})
        latest = self.store.latest_members(sids, self.params.settle_members if members is None else members)
        rows = sorted((key, sid, score, reason) for sid in sids for key, score, reason in latest.get(sid, []))
        articles = self.store.articles_by_key([r[0] for r in rows])
        # Both ends of a copy or rewrite link stay where the link put them.
        links = self.store.link_sources(kinds=("copy", "rewrite"), touching=[a.id for a in articles.values()])
        linked = set(links) | {s for found in links.values() for s in found}
        rows = [r for r in rows if r[0] in articles and articles[r[0]].id not in linked]
        if not rows:
            return 0
        keys = [r[0] for r in rows]
        stored = self.store.story_features([k for k in keys if k not in self._recent])
        items = [
            Recheck(
                self._recent.get(k) or _stored_features(articles[k], stored.get(k)),
                self.number[sid],
                score if _scored(reason) else None,
            )
            for k, sid, score, reason in rows
        ]
        for number, pos in sorted(self.index.settle(items).items()):
            # A story settling started is named after the article that started it.
            self._name(number, articles[keys[pos]].id)
        moves: list[StoryMove] = []
        for (key, sid, _, _), item in zip(rows, items, strict=True):
            to = self.ids[self.index.resolve(item.story)]
            if to != sid:
                reason = f"moved from {sid}" if item.score is not None else f"left {sid}"
                moves.append(StoryMove(key, articles[key].id, sid, to, item.score or 0.0, reason))
        if moves:
            self.store.apply_moves(moves, self._rebuild(moves), now=now)
        return len(moves)

    def _rebuild(self, moves: list[StoryMove]) -> list[StorySummary]:
        """Rebuild the stories the moves touched from their members, as a replay would
        build them, and sum up each as it stands after the moves (read once, before
        they are stored)."""
        sids = sorted({m.from_id for m in moves} | {m.to_id for m in moves})
        members = {
            sid: {k: (score, reason) for k, score, reason in rows}
            for sid, rows in self.store.latest_members(sids, 1 << 62).items()
        }
        gone_to: dict[str, str] = {}
        for m in moves:
            members.setdefault(m.from_id, {}).pop(m.article_key, None)
            members.setdefault(m.to_id, {})[m.article_key] = (m.score, m.reason)
            gone_to[m.from_id] = m.to_id
        keys = sorted(k for rows in members.values() for k in rows)
        articles = self.store.articles_by_key(keys)
        stored = self.store.story_features([k for k in keys if k not in self._recent])
        out = []
        for sid in sids:
            rows = sorted(members.get(sid, {}).items())
            number = self.number[sid]
            self.index.rebuild(
                number,
                [
                    (
                        self._recent.get(k) or _stored_features(articles[k], stored.get(k)),
                        score if _scored(reason) else None,
                    )
                    for k, (score, reason) in rows
                ],
            )
            headline, best = None, -1.0
            for k, _ in rows:
                fit = self._headline_score(articles[k], number)
                if fit > best:
                    headline, best = articles[k].title, fit
            times = sorted(
                (t, p) for k, _ in rows if (p := articles[k].published) and (t := parse_time(p)) is not None
            )
            first = times[0] if times else (None, None)
            last = times[-1] if times else (None, None)
            out.append(
                StorySummary(
                    id=sid,
                    n_articles=len(rows),
                    headline=headline,
                    headline_score=best,
                    first_published=first[1],
                    first_time=first[0],
                    last_published=last[1],
                    last_time=last[0],
                    merged_into=None if rows else gone_to.get(sid),
                )
            )
        return out

    def settle_all(self, chunk: int = 256) -> int:
        """Settle every member of every story (``recluster`` ends with it); how many moved.

        Ingest settles only the stories each batch touched, on what has arrived so far;
        a batch run has every report in hand, so each article gets its second look
        with all of them.
        """
        live = sorted({n for n in map(self.index.resolve, range(len(self.ids))) if self.index.size[n]})
        moved = 0
        for start in range(0, len(live), chunk):
            moved += self.settle(set(live[start : start + chunk]), now=utcnow(), members=1 << 62)
        return moved

    def _remember(self, key: int, feats: StoryFeatures) -> None:
        # Exactly what ``_stored_features`` reads back: the vector as stored (float16).
        vector = feats.vector.astype(np.float16).astype(np.float32) if feats.vector is not None else None
        self._recent[key] = replace(feats, vector=vector, names={}, spans=[])
        while len(self._recent) > RECENT_FEATURES:
            self._recent.popitem(last=False)

    def _name(self, number: int, founder_id: str) -> str:
        assert number == len(self.ids), "story numbers are named in order"
        sid = base = story_id(founder_id)
        k = 1
        while sid in self.number or self.store.story_exists(sid):
            k += 1
            sid = f"{base}-{k}"
        self.number[sid] = number
        self.ids.append(sid)
        return sid

    def _featurize(self, articles: list[Article]) -> list[StoryFeatures]:
        """Features of a batch; an article the models fail on still gets its words."""
        try:
            return featurize(articles, nlp=self.nlp, encoder=self.encoder)
        except Exception as exc:  # noqa: BLE001 - find the bad article, keep the rest
            log.debug("story features failed for a batch (%s); retrying one by one", exc)
        out = []
        for article in articles:
            try:
                out += featurize([article], nlp=self.nlp, encoder=self.encoder)
            except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch
                reason = (
                    f"named entities or vector failed ({type(exc).__name__}: {exc}); grouped by its words"
                )
                self.problems.append(Problem(article.id, "stories", reason, "failed"))
                out += featurize([article], nlp=None, encoder=None)
        return out

    def _headline_score(self, article: Article, story: int) -> float:
        """How well the article's headline names the story (cosine with the centroid)."""
        if not article.title:
            return -1.0
        feats = StoryFeatures(terms=unit_vector(term_counts(Article(id="", text="", title=article.title))))
        return round(self.index.headline_fit(feats, story), 6)


def _counts() -> dict[str, int]:
    return {"started": 0, "joined": 0, "copy": 0, "merged": 0, "moved": 0}


def _scored(reason: str) -> bool:
    """Whether a member's stored score counts for its story's cohesion (a scored join)."""
    return reason == "joined" or reason.startswith("moved from")


def _stored_features(
    article: Article, stored: tuple[float | None, dict[str, Any], bytes | None] | None
) -> StoryFeatures:
    if stored is None:
        return featurize([article], nlp=None)[0]
    time, data, vector = stored
    feats = words_only(article, time if time is not None and not math.isnan(time) else None)
    feats.entities = dict(data.get("entities", {}))
    feats.vector = np.frombuffer(vector, dtype=np.float16).astype(np.float32) if vector else None
    feats.names = dict(data.get("names", {}))
    return feats


def recluster(
    store: Store,
    *,
    nlp: Any = "default",
    encoder: Any = "default",
    helpers: bool = False,
    params: StoryParams | None = None,
) -> dict[str, int]:
    """Batch: drop every story and assign the whole store again, in key order.

    Uses the same scoring as ingest, then settles every story once more with all the
    reports in hand (``StoryTracker.settle_all``).
    A story is named after its founding article; an old story id that no longer
    names a story redirects to where most of its articles went, and the change is
    recorded: ``split`` when its articles now sit in several stories,
    ``reclustered`` when they all went into another.
    """
    old = {row[0]: row[1] for row in store.story_assignments()}
    store.clear_stories()
    tracker = StoryTracker(store, nlp=nlp, encoder=encoder, fresh=True, helpers=helpers, params=params)
    try:
        # Settled every ``settle_batch`` articles, as ``regroup_articles`` does in memory.
        counts = tracker.catch_up(chunk=tracker.params.settle_batch or 256)
        counts["moved"] += tracker.settle_all()
        tracker.save()
    finally:
        tracker.close()
    new = {row[0]: row[1] for row in store.story_assignments()}
    now = utcnow()
    spread: dict[str, set[str]] = {}
    for key, sid in old.items():
        if key in new:
            spread.setdefault(sid, set()).add(new[key])
    live = set(new.values())
    changed = 0
    for sid, into in sorted(spread.items()):
        if into == {sid}:
            continue
        largest = max(
            sorted(into), key=lambda s: sum(1 for k, o in old.items() if o == sid and new.get(k) == s)
        )
        kind = "split" if len(into) > 1 else "reclustered"
        detail = "articles now in " + ", ".join(sorted(into))
        store.record_story_change(kind, sid, largest, detail, now=now)
        if sid not in live:
            store.redirect_story(sid, largest, now=now)
        changed += 1
    counts["changed"] = changed
    return counts
