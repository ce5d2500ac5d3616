"""The online story index: each new article joins the best story or starts one.

A story is held as five centroids, one per bag of ``features`` (body, lead,
entities, capitals, numbers: the sums of its members' unit vectors, cut to their
heaviest keys), the
sum of its members' MiniLM vectors, its time span, and the mean score at which its
members joined. Keys are 32-bit hashes and weights float32 (vectors float16), so a
story costs one to two kilobytes whatever its size.

Scoring an article against a story::

    words = 0.25 cos(body) + 0.15 cos(lead) + 0.15 cos(entities)   # IDF-weighted cosines
          + 0.25 cos(capitals) + 0.2 cos(numbers)
    if both have a time:
        s = 0.65 words + 0.35 (cos(vector, story vectors) - 0.3) / 0.7
        s *= exp(-max(0, gap_days - 0.5) / 2)      # gap: how far outside the story's span
    else:
        s = words
    s -= max(0, mean(join scores of the story) - join_threshold)

with ``idf = ln((n + 100) / (df + 1)) ** 2`` over the articles indexed so far
(squared: a rare name shared by two reports says far more than a topic word).
The article joins the best candidate at or above ``join_threshold`` (0.14), else
starts a new story. The sentence vector counts only for dated pairs: two reports close in
time and alike in meaning are one event, but without times the same likeness
joins two events of one kind (two earthquakes, two title fights). The last term
is cohesion: an article joins a story only if it fits at least as well as the
story's members did on average. Measured on the events data
(``bench/story_eval.py``): without the vector BASIL and AllSides lose 0.03-0.04
BCubed F1, without cohesion ECB+ loses 0.03 (both before settling, below).
The capitals and numbers bags read the whole text for the names and figures that
tell two events of one kind apart (two Internet Explorer patches, two quakes on one
island); they took ECB+ from 0.898 to 0.911 and BASIL from 0.976 to 0.983 (means of
four feed orders), AllSides unchanged.

Candidates are the stories indexed under the article's ``query_terms`` heaviest body
terms (the most recent ``postings_per_term`` of each; of those, the ``max_scored``
found under the most and heaviest terms), so one assignment costs the
same with a thousand or a million articles indexed.

When an article scores above the threshold with two stories whose body centroids
are themselves that close (``merge_threshold``), the later story is merged into the
earlier one and redirects to it.

After each batch the latest members of the stories it touched are settled: each is
scored again, without itself and without cohesion, against its story and the others,
and moves if another fits it better (``settle``). The two work together: strict
joins online split an event into pieces, and settling moves the pieces' articles to
where they fit once the event's reports are in. Over eight feed orders of the events
data (BCubed F1, ECB+ / BASIL / AllSides): online with cohesion at half the mean
0.911 / 0.982 / 0.913; settled 0.914 / 0.987 / 0.917; settled with cohesion at the
whole mean and the join at 0.14 (not 0.15) 0.924 / 0.985 / 0.931. Without settling,
that cohesion alone gives 0.857 / 0.937 / 0.901.

Every value named here is a field of ``StoryParams`` (``params.py``), given to the
index when it is made. Deterministic: the same features in the same order and the
same params give the same stories.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import tempfile
import zlib
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .features import StoryFeatures
from .params import BAGS, StoryParams

__all__ = [
    "Assignment",
    "Recheck",
    "StoryIndex",
]

#: Document-frequency table size (hashed keys; collisions only blur rare terms). Part of
#: the saved format, not a decision: it is not in ``StoryParams``.
DF_BITS = 22

_BAGS = BAGS
_FORMAT = 4
_DAY = 86400.0
_MASK = (1 << DF_BITS) - 1
Sparse = tuple[np.ndarray, np.ndarray]


def _hash(bag: str, key: str) -> int:
    return zlib.crc32(f"{bag[0]}:{key}".encode())


def _sparse(bag: str, vector: dict[str, float]) -> Sparse:
    """(sorted uint32 keys, float32 weights) of a ``{key: weight}`` map."""
    acc: dict[int, float] = {}
    for k, w in vector.items():
        h = _hash(bag, k)
        acc[h] = acc.get(h, 0.0) + w
    keys = np.fromiter(acc, dtype=np.uint32, count=len(acc))
    weights = np.fromiter(acc.values(), dtype=np.float32, count=len(acc))
    order = np.argsort(keys)
    return keys[order], weights[order]


def _add_sparse(a: Sparse, b: Sparse, limit: int) -> Sparse:
    keys = np.concatenate([a[0], b[0]])
    weights = np.concatenate([a[1], b[1]])
    uniq, inverse = np.unique(keys, return_inverse=True)
    summed = np.zeros(uniq.size, dtype=np.float32)
    np.add.at(summed, inverse, weights)
    if uniq.size > limit:
        # Heaviest keys; ties broken by key so the cut is deterministic.
        top = np.lexsort((uniq, -summed))[:limit]
        top.sort()
        uniq, summed = uniq[top], summed[top]
    return uniq, summed


def _decay(t0: np.ndarray, t1: np.ndarray, time: float, params: StoryParams) -> np.ndarray:
    """How much of a score survives the gap between ``time`` and each story's span."""
    gap = np.maximum(0.0, np.maximum(t0 - time, time - t1)) / _DAY
    return np.exp(-np.maximum(0.0, gap - params.time_grace_days) / params.time_scale_days)


def _text_decay(e0: np.ndarray, e1: np.ndarray, time: float, params: StoryParams) -> np.ndarray:
    """The same for times read from the text: months of grace, not hours (see ``text_time``)."""
    gap = np.maximum(0.0, np.maximum(e0 - time, time - e1)) / _DAY
    return np.exp(-np.maximum(0.0, gap - params.text_time_grace_days) / params.text_time_scale_days)


def _when(features: StoryFeatures) -> float | None:
    """An article's time for the coarse decay: published, else what its text states."""
    return features.time if features.time is not None else features.text_time


def _empty() -> Sparse:
    return np.empty(0, dtype=np.uint32), np.empty(0, dtype=np.float32)


@dataclass(slots=True)
class Assignment:
    """Where one article went."""

    story: int  # story number (the surviving one, after any merge)
    score: float  # 0 for the founder of a new story
    new: bool
    merged: list[int] = field(default_factory=list)  # story numbers merged into ``story``


@dataclass(slots=True)
class Recheck:
    """An article already in a story, to be looked at again by ``StoryIndex.settle``."""

    features: StoryFeatures
    story: int  # its story number now (updated by ``settle``)
    score: float | None  # the join score its story counts for it (None: it founded the story)


@dataclass(slots=True)
class _Query:
    """An article prepared for scoring: keys and IDF-weighted unit weights per bag."""

    bags: dict[str, tuple[np.ndarray, np.ndarray]]
    vector: np.ndarray | None
    time: float
    when: float  # the publication time, else the time its text states (NaN: neither)


class StoryIndex:
    """Online story clustering state; see the module docstring for the scoring."""

    def __init__(self, params: StoryParams | None = None) -> None:
        self.params = params if params is not None else StoryParams()
        self._weights = self.params.bag_weights
        self._keep = self.params.centroid_keys
        self.df = np.zeros(1 << DF_BITS, dtype=np.uint32)
        self.n_docs = 0
        self.bags: dict[str, list[Sparse]] = {b: [] for b in _BAGS}
        self.vectors: list[np.ndarray | None] = []  # float16 sums
        self.t0: list[float] = []  # NaN = no time known
        self.t1: list[float] = []
        # The span of every member's time, published or read from its text (``text_time``).
        self.e0: list[float] = []
        self.e1: list[float] = []
        self.size: list[int] = []
        self.join_sum: list[float] = []  # sum of members' join scores (founders excluded)
        self.joins: list[int] = []
        self.parent: list[int] = []  # merged story -> story it joined; itself otherwise
        self.postings: dict[int, array] = {}

    # -- state ------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.size)

    def resolve(self, story: int) -> int:
        """The story a (possibly merged) story number now belongs to."""
        while self.parent[story] != story:
            story = self.parent[story]
        return story

    def nbytes(self) -> int:
        """Approximate memory held by the index (arrays, postings, per-story lists)."""
        arrays = sum(k.nbytes + w.nbytes + 2 * 112 for vecs in self.bags.values() for k, w in vecs)
        vectors = sum(v.nbytes + 112 for v in self.vectors if v is not None)
        posts = sum(len(p) * 4 + 80 for p in self.postings.values()) + 100 * len(self.postings)
        lists = 9 * 8 * len(self.size)
        return int(self.df.nbytes + arrays + vectors + posts + lists)

    # -- scoring ----------------------------------------------------------------

    def _idf(self, keys: np.ndarray) -> np.ndarray:
        df = self.df[keys & _MASK].astype(np.float32)
        return np.log((self.n_docs + self.params.idf_prior) / (df + 1.0)) ** self.params.idf_power

    def _weighted(self, vec: Sparse) -> np.ndarray:
        w = vec[1] * self._idf(vec[0])
        norm = float(np.sqrt(np.dot(w, w)))
        return w / norm if norm else w

    def _cosine(self, keys: np.ndarray, weights: np.ndarray, story_vec: Sparse) -> float:
        if not keys.size or not story_vec[0].size:
            return 0.0
        _, ia, ib = np.intersect1d(keys, story_vec[0], assume_unique=True, return_indices=True)
        if not ia.size:
            return 0.0
        return float(np.dot(weights[ia], self._weighted(story_vec)[ib]))

    def _query(self, features: StoryFeatures, raw: dict[str, Sparse] | None = None) -> _Query:
        """The article's bags IDF-weighted for scoring (``raw``: its ``_sparse`` bags, if made)."""
        bags = {}
        for bag in _BAGS:
            vec = raw[bag] if raw is not None else _sparse(bag, getattr(features, bag))
            bags[bag] = (vec[0], self._weighted(vec))
        t = features.time if features.time is not None else math.nan
        when = _when(features)
        return _Query(bags, features.vector, t, math.nan if when is None else when)

    def _with_vector(self, words: Any, cos: Any) -> Any:
        """The word score blended with the vector cosine (rescaled above the floor)."""
        p = self.params
        return (1.0 - p.vector_weight) * words + p.vector_weight * (cos - p.vector_floor) / (1.0 - p.vector_floor)

    def _cohesion_cost(self, mean_join: Any) -> Any:
        """What a story asks beyond the threshold: its members' mean join, times cohesion."""
        return np.maximum(0.0, self.params.cohesion * mean_join - self.params.join_threshold)

    def _score(self, q: _Query, story: int) -> float:
        t0, t1 = self.t0[story], self.t1[story]
        dated = not math.isnan(q.time) and not math.isnan(t0)
        decay = 1.0
        if dated:
            gap = max(0.0, t0 - q.time, q.time - t1) / _DAY
            decay = math.exp(-max(0.0, gap - self.params.time_grace_days) / self.params.time_scale_days)
        elif not math.isnan(q.when) and not math.isnan(self.e0[story]):
            gap = max(0.0, self.e0[story] - q.when, q.when - self.e1[story]) / _DAY
            decay = math.exp(
                -max(0.0, gap - self.params.text_time_grace_days) / self.params.text_time_scale_days
            )
        if decay < self.params.join_threshold:
            # No score exceeds its decay: a story this far away in time cannot
            # win, so the words are never compared (most candidates, at scale).
            return -1.0
        s = sum(self._weights[b] * self._cosine(*q.bags[b], self.bags[b][story]) for b in _BAGS)
        if dated:
            sv = self.vectors[story]
            if q.vector is not None and sv is not None:
                sv32 = sv.astype(np.float32)
                norm = float(np.linalg.norm(sv32)) or 1.0
                cos = float(np.dot(sv32, q.vector)) / norm
                s = self._with_vector(s, cos)
        s *= decay
        if self.joins[story]:
            s -= float(self._cohesion_cost(self.join_sum[story] / self.joins[story]))
        return s

    def _score_many(self, q: _Query, cands: list[int], *, cohesion: bool = True) -> np.ndarray:
        """``[_score(q, s) for s in cands]`` in one numpy pass (equal within 1e-6).

        With a million articles an undated article has about a thousand candidates;
        joining their centroids into one array and matching keys with one
        ``searchsorted`` is three times faster than scoring them one by one.
        """
        m = len(cands)
        out = np.full(m, -1.0)
        if not m:
            return out
        t0, t1 = self._spans(cands)
        dated = ~np.isnan(t0) & (not math.isnan(q.time))
        decay = np.where(dated, _decay(t0, t1, q.time, self.params), 1.0) if dated.any() else np.ones(m)
        if not math.isnan(q.when):
            e0, e1 = self._spans(cands, text=True)
            coarse = ~dated & ~np.isnan(e0)
            if coarse.any():
                decay = np.where(coarse, _text_decay(e0, e1, q.when, self.params), decay)
        live = np.flatnonzero(decay >= self.params.join_threshold)  # the rest cannot win: they keep -1
        if not live.size:
            return out
        stories = [cands[i] for i in live.tolist()]
        n = len(stories)
        s = np.zeros(n)
        for bag in _BAGS:
            qk, qw = q.bags[bag]
            vecs = self.bags[bag]
            lens = np.fromiter((vecs[st][0].size for st in stories), np.int64, n)
            if not qk.size or not lens.sum():
                continue
            keys = np.concatenate([vecs[st][0] for st in stories])
            w = np.concatenate([vecs[st][1] for st in stories]) * self._idf(keys)
            seg = np.repeat(np.arange(n), lens)
            norm = np.sqrt(np.bincount(seg, weights=(w * w).astype(np.float64), minlength=n))
            pos = np.searchsorted(qk, keys)
            pos[pos == qk.size] = 0
            hit = qk[pos] == keys
            dot = np.bincount(seg[hit], weights=(w[hit] * qw[pos[hit]]).astype(np.float64), minlength=n)
            s += self._weights[bag] * np.divide(dot, norm, out=np.zeros(n), where=norm > 0)
        d = dated[live]
        if q.vector is not None:
            has = [i for i, st in enumerate(stories) if d[i] and self.vectors[st] is not None]
            if has:
                sv = np.stack([self.vectors[stories[i]] for i in has]).astype(np.float32)
                norms = np.linalg.norm(sv, axis=1)
                norms[norms == 0] = 1.0
                cos = (sv @ np.asarray(q.vector, dtype=np.float32)) / norms
                h = np.asarray(has)
                s[h] = self._with_vector(s[h], cos)
        s = s * decay[live]  # 1 where neither side has a time
        if not cohesion:
            out[live] = s
            return out
        joins = np.fromiter((self.joins[st] for st in stories), np.float64, n)
        jsum = np.fromiter((self.join_sum[st] for st in stories), np.float64, n)
        mean = np.divide(jsum, joins, out=np.zeros(n), where=joins > 0)
        out[live] = s - np.where(joins > 0, self._cohesion_cost(mean), 0.0)
        return out

    def score(self, features: StoryFeatures, story: int) -> float:
        """How well an article fits a story (the index's current IDF)."""
        return self._score(self._query(features), self.resolve(story))

    def headline_fit(self, features: StoryFeatures, story: int) -> float:
        """Cosine of a headline's words with a story's body centroid (picks the story's headline)."""
        vec = _sparse("terms", features.terms)
        return self._cosine(vec[0], self._weighted(vec), self.bags["terms"][self.resolve(story)])

    # -- assignment ---------------------------------------------------------------

    def assign(
        self,
        features: StoryFeatures,
        *,
        to: int | None = None,
        force_new: bool = False,
        join_score: float | None = None,
    ) -> Assignment:
        """Add one article: join its best story, or ``to`` (e.g. its copy's source's story).

        ``force_new`` starts a new story whatever the scores, and ``join_score`` is the
        score a ``to`` or ``force_new`` member counts with (both for replaying stored
        stories).
        """
        self.n_docs += 1
        raw = {bag: _sparse(bag, getattr(features, bag)) for bag in _BAGS}
        for keys, _ in raw.values():
            np.add.at(self.df, keys & _MASK, 1)
        q = self._query(features, raw)
        body_keys, body_w = q.bags["terms"]
        query = body_keys[np.lexsort((body_keys, -body_w))[:self.params.query_terms]]

        scored: list[tuple[float, int]] = []
        if to is not None:
            scored = [(1.0, self.resolve(to))]
        elif not force_new:
            cands = self._candidates(query, q.time)
            scored = sorted(
                zip(self._score_many(q, cands).tolist(), cands, strict=True), key=lambda x: (-x[0], x[1])
            )

        if scored and scored[0][0] >= self.params.join_threshold:
            best_score, story = scored[0]
            self._join(story, raw, features, best_score if to is None else join_score)
            merged = self._merges(story, [s for sc, s in scored[1:] if sc >= self.params.join_threshold])
            if merged:
                # The earliest story survives, so the oldest id stays the story's id.
                keep = min([*merged, story])
                merged = sorted({*merged, story} - {keep})
                story = keep
                for other in merged:
                    self._merge(other, into=story)
            self._post(query, story)
            return Assignment(story, round(best_score, 4), False, merged)

        story = self._new_story()
        # A replayed first member that had joined (and then its founder moved away)
        # keeps counting its join score, as it did live.
        self._join(story, raw, features, join_score if force_new else None)
        self._post(query, story)
        return Assignment(story, 0.0, True)

    def settle(self, items: list[Recheck], passes: int | None = None) -> dict[int, int]:
        """Look again at articles already in stories, now that more have arrived.

        Each article in turn leaves its story and is scored against the stories
        its words find and its own; it stays if its own fits at least as well and
        above the join threshold, else goes to the best story above it, else starts a
        story of its own. An online decision is taken on the evidence of its moment:
        the first report of the second of two like events joins the first, and the
        rest follow it; once both have members, the article fits its own event's
        better. Cohesion is left out here: it guards a story against a weak join,
        not against the return of one of its own. An article that stays leaves its
        story exactly as it was; ``items`` of those that move are updated in place
        (``story``, ``score``), and the stories they left and joined are only
        approximately their members' sums until the caller ``rebuild``s them. A story
        every member left is empty, and ``resolve`` still leads to it. Returns the
        stories settling started, each with the position in ``items`` of the article
        that started it.
        """
        raws = [{bag: _sparse(bag, getattr(it.features, bag)) for bag in _BAGS} for it in items]
        # Nothing is indexed while settling, so each article's IDF weights hold throughout.
        queries = [self._query(it.features, raw) for it, raw in zip(items, raws, strict=True)]
        started: dict[int, int] = {}
        for _ in range(passes if passes is not None else self.params.settle_passes):
            for pos, (it, raw, q) in enumerate(zip(items, raws, queries, strict=True)):
                own = self.resolve(it.story)
                kept = self._snapshot(own)
                self._remove(own, raw, it.features, it.score)
                body_keys, body_w = q.bags["terms"]
                query = body_keys[np.lexsort((body_keys, -body_w))[:self.params.query_terms]]
                cands = [c for c in sorted({*self._candidates(query, q.time), own}) if self.size[c]]
                scores = self._score_many(q, cands, cohesion=False).tolist()
                fit = dict(zip(cands, scores, strict=True))
                best = min(cands, key=lambda c: (-fit[c], c)) if cands else own
                story: int
                score: float | None
                if (own in fit and fit[own] >= self.params.join_threshold and fit[own] >= fit[best]) or (
                    not self.size[own] and not (cands and fit[best] >= self.params.join_threshold)
                ):
                    self._restore(own, kept)  # it stays: its story is exactly as it was
                    continue
                if cands and fit[best] >= self.params.join_threshold:
                    story, score = best, round(fit[best], 4)
                else:
                    story, score = self._new_story(), None
                    started[story] = pos
                self._join(story, raw, it.features, score)
                self._post(query, story)
                it.story, it.score = story, score
        return started

    def rebuild(self, story: int, members: Sequence[tuple[StoryFeatures, float | None]]) -> None:
        """Make a story the sum of ``members`` (in order), as a replay of them would.

        After settling moved articles in or out, the stories they left and joined are
        rebuilt from their members, so a saved index and one rebuilt from the store
        agree (a member's score counts for cohesion unless it is None).
        """
        self._reset(story)
        for features, score in members:
            raw = {bag: _sparse(bag, getattr(features, bag)) for bag in _BAGS}
            self._join(story, raw, features, score)

    def _snapshot(self, story: int) -> tuple[object, ...]:
        return (
            {bag: self.bags[bag][story] for bag in _BAGS},
            self.vectors[story],
            self.t0[story],
            self.t1[story],
            self.e0[story],
            self.e1[story],
            self.size[story],
            self.join_sum[story],
            self.joins[story],
        )

    def _restore(self, story: int, kept: tuple[object, ...]) -> None:
        bags, vector, t0, t1, e0, e1, size, join_sum, joins = kept
        for bag, vec in bags.items():  # type: ignore[attr-defined]
            self.bags[bag][story] = vec
        self.vectors[story] = vector  # type: ignore[assignment]
        self.t0[story], self.t1[story] = t0, t1  # type: ignore[assignment]
        self.e0[story], self.e1[story] = e0, e1  # type: ignore[assignment]
        self.size[story], self.join_sum[story], self.joins[story] = size, join_sum, joins  # type: ignore[assignment]

    def _reset(self, story: int) -> None:
        for bag in _BAGS:
            self.bags[bag][story] = _empty()
        self.vectors[story] = None
        self.t0[story] = self.t1[story] = math.nan
        self.e0[story] = self.e1[story] = math.nan
        self.size[story], self.join_sum[story], self.joins[story] = 0, 0.0, 0

    def _new_story(self) -> int:
        story = len(self.size)
        for bag in _BAGS:
            self.bags[bag].append(_empty())
        self.vectors.append(None)
        self.t0.append(math.nan)
        self.t1.append(math.nan)
        self.e0.append(math.nan)
        self.e1.append(math.nan)
        self.size.append(0)
        self.join_sum.append(0.0)
        self.joins.append(0)
        self.parent.append(story)
        return story

    def _remove(
        self, story: int, raw: dict[str, Sparse], features: StoryFeatures, score: float | None
    ) -> None:
        """Take one member's share out of a story (its span stays: members' times are not kept)."""
        self.size[story] -= 1
        if score is not None:
            self.join_sum[story] -= score
            self.joins[story] -= 1
        if self.size[story] <= 0:
            self._reset(story)
            return
        for bag in _BAGS:
            keys, weights = _add_sparse(self.bags[bag][story], (raw[bag][0], -raw[bag][1]), 1 << 30)
            keep = weights > 1e-4  # what only this member had (or the cut had dropped) is gone
            self.bags[bag][story] = keys[keep], weights[keep]
        old = self.vectors[story]
        if features.vector is not None and old is not None:
            rest = old.astype(np.float32) - np.asarray(features.vector, dtype=np.float32)
            self.vectors[story] = rest.astype(np.float16)

    def _candidates(self, query: np.ndarray, time: float = math.nan) -> list[int]:
        """Stories posted under the query terms; past ``params.max_scored``, those under the most.

        A story found under many of an article's heaviest terms (the query is in weight
        order, so a term counts ``query_terms - rank``) is the likely match; one found
        under a single term shares a word. At a million articles an undated article
        finds about 1,150 stories, and scoring them all cost a p99 of 55 ms. For a
        dated article the stories too far away in time to win go first (see
        ``_score_many``), so the cut never trades a recent story for an old one.
        """
        votes: dict[int, int] = {}
        for rank, key in enumerate(query.tolist()):
            posting = self.postings.get(key)
            if posting is not None:
                for story in set(posting[-self.params.postings_per_term:]):
                    story = self.resolve(story)
                    votes[story] = votes.get(story, 0) + self.params.query_terms - rank
        found = sorted(votes)
        if len(found) > self.params.max_scored and not math.isnan(time):
            found = [st for st, ok in zip(found, self._in_time(found, time).tolist(), strict=True) if ok]
        if len(found) > self.params.max_scored:
            # Ties go to the newer story (a higher number): news moves on.
            found = sorted(sorted(found, key=lambda st: (-votes[st], -st))[:self.params.max_scored])
        return found

    def _in_time(self, stories: list[int], time: float) -> np.ndarray:
        """Which stories are near enough in time to win (undated stories always are)."""
        t0, t1 = self._spans(stories)
        return np.isnan(t0) | (_decay(t0, t1, time, self.params) >= self.params.join_threshold)

    def _spans(self, stories: list[int], *, text: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """Publication spans of the stories (``text``: spans of every member's time)."""
        n = len(stories)
        a, b = (self.e0, self.e1) if text else (self.t0, self.t1)
        return (
            np.fromiter((a[s] for s in stories), np.float64, n),
            np.fromiter((b[s] for s in stories), np.float64, n),
        )

    def _post(self, query: np.ndarray, story: int) -> None:
        for key in query.tolist():
            posting = self.postings.get(key)
            if posting is None:
                self.postings[key] = array("i", [story])
            elif posting[-1] != story:
                posting.append(story)
                if len(posting) > 2 * self.params.postings_per_term:
                    del posting[:-self.params.postings_per_term]

    def _join(self, story: int, raw: dict[str, Sparse], features: StoryFeatures, score: float | None) -> None:
        for bag in _BAGS:
            self.bags[bag][story] = _add_sparse(self.bags[bag][story], raw[bag], self._keep[bag])
        if features.vector is not None:
            v = np.asarray(features.vector, dtype=np.float32)
            old = self.vectors[story]
            self.vectors[story] = (v if old is None else old.astype(np.float32) + v).astype(np.float16)
        self.size[story] += 1
        if score is not None:
            self.join_sum[story] += score
            self.joins[story] += 1
        self._widen(story, features.time, features.time)
        when = _when(features)
        self._widen(story, when, when, text=True)

    def _widen(self, story: int, t0: float | None, t1: float | None, *, text: bool = False) -> None:
        if t0 is None or t1 is None or math.isnan(t0):
            return
        lo, hi = (self.e0, self.e1) if text else (self.t0, self.t1)
        a, b = lo[story], hi[story]
        lo[story] = t0 if math.isnan(a) else min(a, t0)
        hi[story] = t1 if math.isnan(b) else max(b, t1)

    def _merges(self, story: int, others: list[int]) -> list[int]:
        mine = self.bags["terms"][story]
        weights = self._weighted(mine)
        return [
            o
            for o in others
            if o != story and self._cosine(mine[0], weights, self.bags["terms"][o]) >= self.params.merge_threshold
        ]

    def _merge(self, other: int, *, into: int) -> None:
        for bag in _BAGS:
            self.bags[bag][into] = _add_sparse(
                self.bags[bag][into], self.bags[bag][other], self._keep[bag]
            )
            self.bags[bag][other] = _empty()
        v, w = self.vectors[into], self.vectors[other]
        if w is not None:
            self.vectors[into] = (
                w if v is None else (v.astype(np.float32) + w.astype(np.float32)).astype(np.float16)
            )
        self.vectors[other] = None
        self.size[into] += self.size[other]
        self.join_sum[into] += self.join_sum[other]
        self.joins[into] += self.joins[other]
        self._widen(into, self.t0[other], self.t1[other])
        self._widen(into, self.e0[other], self.e1[other], text=True)
        self.parent[other] = into
        self.size[other] = 0

    # -- persistence ----------------------------------------------------------------

    def save(self, path: Path) -> None:
        """Write the index to ``path`` (a folder), replacing it atomically."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        arrays: dict[str, np.ndarray] = {"df": self.df}
        for bag, vecs in self.bags.items():
            arrays[f"{bag}_len"] = np.fromiter((k.size for k, _ in vecs), dtype=np.int64, count=len(vecs))
            arrays[f"{bag}_keys"] = np.concatenate([k for k, _ in vecs]) if vecs else np.empty(0, np.uint32)
            arrays[f"{bag}_w"] = np.concatenate([w for _, w in vecs]) if vecs else np.empty(0, np.float32)
        has = np.fromiter((v is not None for v in self.vectors), dtype=bool, count=len(self.vectors))
        arrays["has_vector"] = has
        arrays["vectors"] = (
            np.stack([v for v in self.vectors if v is not None])
            if has.any()
            else np.empty((0, 0), np.float16)
        )
        for name in ("t0", "t1", "e0", "e1", "join_sum"):
            arrays[name] = np.asarray(getattr(self, name), dtype=np.float64)
        for name in ("size", "joins", "parent"):
            arrays[name] = np.asarray(getattr(self, name), dtype=np.int64)
        arrays["post_keys"] = np.fromiter(self.postings, dtype=np.uint32, count=len(self.postings))
        arrays["post_len"] = np.fromiter(
            (len(p) for p in self.postings.values()), np.int64, len(self.postings)
        )
        arrays["post_stories"] = (
            np.concatenate([np.frombuffer(p, dtype=np.int32) for p in self.postings.values()])
            if self.postings
            else np.empty(0, np.int32)
        )
        tmp = Path(tempfile.mkdtemp(prefix=".stories-", dir=path.parent))
        np.savez(tmp / "index.npz", **arrays)
        (tmp / "meta.json").write_text(
            json.dumps({"format": _FORMAT, "n_docs": self.n_docs}), encoding="utf-8"
        )
        old = path.with_name(path.name + ".old")
        if path.exists():
            os.replace(path, old)
        os.replace(tmp, path)
        if old.exists():
            for f in old.iterdir():
                f.unlink()
            old.rmdir()

    @classmethod
    def load(cls, path: Path, params: StoryParams | None = None) -> StoryIndex:
        """An index saved by ``save``; ``params`` must be those it was built with (the
        caller keeps their fingerprint, see ``stored.INDEX_VERSION``)."""
        path = Path(path)
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        if meta.get("format") != _FORMAT:
            raise ValueError(f"{path} holds story index format {meta.get('format')}, not {_FORMAT}")
        index = cls(params)
        with np.load(path / "index.npz") as z:
            index.df = z["df"].copy()
            index.n_docs = int(meta["n_docs"])
            for bag in _BAGS:
                offsets = np.concatenate([[0], np.cumsum(z[f"{bag}_len"])])
                keys, weights = z[f"{bag}_keys"], z[f"{bag}_w"]
                index.bags[bag] = [
                    (keys[a:b].copy(), weights[a:b].copy()) for a, b in itertools.pairwise(offsets)
                ]
            stack = iter(z["vectors"])
            index.vectors = [next(stack).copy() if h else None for h in z["has_vector"].tolist()]
            for name in ("t0", "t1", "e0", "e1", "join_sum", "size", "joins", "parent"):
                setattr(index, name, z[name].tolist())
            offsets = np.concatenate([[0], np.cumsum(z["post_len"])])
            stories = z["post_stories"]
            index.postings = {
                int(k): array("i", stories[a:b].tobytes())
                for k, (a, b) in zip(
                    z["post_keys"].tolist(), itertools.pairwise(offsets.tolist()), strict=True
                )
            }
        return index
