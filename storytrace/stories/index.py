"""The online story index: each new article joins the best story or starts one.

A story is held as a centroid (the sum of its members' unit vectors, terms and
entities, cut to the ``CENTROID_TERMS`` heaviest keys) and its time span. Keys are
32-bit hashes, weights float32, so a story costs about a kilobyte whatever its size.

Scoring an article against a story (both sides weighted by IDF from the document
frequencies of everything indexed so far, then cosine)::

    score = (1 - ENTITY_WEIGHT) * cos(terms) + ENTITY_WEIGHT * cos(entities)
    score *= exp(-max(0, gap_days - TIME_GRACE_DAYS) / TIME_SCALE_DAYS)

where ``gap_days`` is how far the article's time lies outside the story's span
(no decay when either side has no time). The article joins the best-scoring
candidate story at or above ``JOIN_THRESHOLD``; otherwise it starts a new story.
Candidates are the stories indexed under the article's ``QUERY_TERMS`` heaviest
terms (the most recent ``POSTINGS_PER_TERM`` of each), so one assignment costs the
same with a thousand or a million articles indexed.

When an article scores above the threshold with two stories whose centroids are
themselves that close (``MERGE_THRESHOLD``), the later story is merged into the
earlier one and redirects to it.

Deterministic: the same features in the same order give the same stories.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import tempfile
import zlib
from array import array
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .features import StoryFeatures

__all__ = [
    "CENTROID_TERMS",
    "ENTITY_WEIGHT",
    "JOIN_THRESHOLD",
    "MERGE_THRESHOLD",
    "Assignment",
    "StoryIndex",
]

#: Share of the score that comes from named entities (the rest from words).
ENTITY_WEIGHT = 0.3
#: Lowest score at which an article joins a story.
JOIN_THRESHOLD = 0.15
#: Two stories an article links at or above the join threshold merge when their
#: centroids score at least this against each other.
MERGE_THRESHOLD = 0.5
#: Days outside a story's time span that cost nothing (reports trail an event).
TIME_GRACE_DAYS = 0.5
#: Then the score falls by 1/e every this many days.
TIME_SCALE_DAYS = 2.0
#: Keys kept per story centroid (terms; entities keep a quarter as many).
CENTROID_TERMS = 96
#: An article looks for candidate stories under this many of its heaviest terms ...
QUERY_TERMS = 15
#: ... and under each, at most this many of the stories last indexed there.
POSTINGS_PER_TERM = 64
#: Document-frequency table size (hashed keys; collisions only blur rare terms).
DF_BITS = 22

_FORMAT = 1
_DAY = 86400.0


def _hash(key: str) -> int:
    return zlib.crc32(key.encode("utf-8"))


def _sparse(vector: dict[str, float], limit: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(sorted uint32 keys, float32 weights) of a ``{key: weight}`` map."""
    items = sorted(vector.items(), key=lambda kv: -kv[1])[:limit] if limit else vector.items()
    acc: dict[int, float] = {}
    for k, w in items:
        h = _hash(k)
        acc[h] = acc.get(h, 0.0) + w
    keys = np.fromiter(acc, dtype=np.uint32, count=len(acc))
    weights = np.fromiter(acc.values(), dtype=np.float32, count=len(acc))
    order = np.argsort(keys)
    return keys[order], weights[order]


def _add_sparse(
    a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray], limit: int
) -> tuple[np.ndarray, np.ndarray]:
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


@dataclass(slots=True)
class Assignment:
    """Where one article went."""

    story: int  # story number (the surviving one, after any merge)
    score: float  # 0 for the founder of a new story
    new: bool
    merged: list[int] = field(default_factory=list)  # story numbers merged into ``story``


class StoryIndex:
    """Online story clustering state; see the module docstring for the scoring."""

    def __init__(self) -> None:
        self.df = np.zeros(1 << DF_BITS, dtype=np.uint32)
        self.n_docs = 0
        self.terms: list[tuple[np.ndarray, np.ndarray]] = []
        self.entities: list[tuple[np.ndarray, np.ndarray]] = []
        self.t0: list[float] = []  # NaN = no time known
        self.t1: list[float] = []
        self.size: list[int] = []
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
        """Approximate memory held by the index (arrays and postings)."""
        vecs = sum(k.nbytes + w.nbytes + 2 * 112 for k, w in self.terms + self.entities)
        posts = sum(len(p) * 4 + 80 for p in self.postings.values()) + 100 * len(self.postings)
        lists = 5 * 8 * len(self.size)
        return int(self.df.nbytes + vecs + posts + lists)

    # -- scoring ----------------------------------------------------------------

    def _idf(self, keys: np.ndarray) -> np.ndarray:
        df = self.df[keys & ((1 << DF_BITS) - 1)].astype(np.float32)
        return np.log((self.n_docs + 1.0) / (df + 1.0)) + 1.0

    def _weighted(self, vec: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        w = vec[1] * self._idf(vec[0])
        norm = float(np.sqrt(np.dot(w, w)))
        return w / norm if norm else w

    def _cosine(self, a_keys: np.ndarray, a_w: np.ndarray, story_vec: tuple[np.ndarray, np.ndarray]) -> float:
        if not a_keys.size or not story_vec[0].size:
            return 0.0
        b_w = self._weighted(story_vec)
        _, ia, ib = np.intersect1d(a_keys, story_vec[0], assume_unique=True, return_indices=True)
        return float(np.dot(a_w[ia], b_w[ib]))

    def _time_factor(self, t: float, story: int) -> float:
        t0, t1 = self.t0[story], self.t1[story]
        if math.isnan(t) or math.isnan(t0):
            return 1.0
        gap = max(0.0, t0 - t, t - t1) / _DAY
        return math.exp(-max(0.0, gap - TIME_GRACE_DAYS) / TIME_SCALE_DAYS)

    def score(self, features: StoryFeatures, story: int) -> float:
        """How well an article fits a story (the index's current IDF)."""
        terms = _sparse(features.terms)
        ents = _sparse(features.entities)
        return self._score(terms[0], self._weighted(terms), ents[0], self._weighted(ents), features, story)

    def _score(
        self,
        t_keys: np.ndarray,
        t_w: np.ndarray,
        e_keys: np.ndarray,
        e_w: np.ndarray,
        features: StoryFeatures,
        story: int,
    ) -> float:
        s = (1.0 - ENTITY_WEIGHT) * self._cosine(t_keys, t_w, self.terms[story])
        if ENTITY_WEIGHT:
            s += ENTITY_WEIGHT * self._cosine(e_keys, e_w, self.entities[story])
        t = features.time if features.time is not None else math.nan
        return s * self._time_factor(t, story)

    # -- assignment ---------------------------------------------------------------

    def headline_fit(self, features: StoryFeatures, story: int) -> float:
        """Cosine of a headline's terms with a story's centroid (picks the story's headline)."""
        terms = _sparse(features.terms)
        return self._cosine(terms[0], self._weighted(terms), self.terms[self.resolve(story)])

    def assign(
        self, features: StoryFeatures, *, to: int | None = None, force_new: bool = False
    ) -> Assignment:
        """Add one article: join its best story, or ``to`` (e.g. its copy's source's story).

        ``force_new`` starts a new story whatever the scores (replaying stored stories).
        """
        terms = _sparse(features.terms)
        ents = _sparse(features.entities)
        self.n_docs += 1
        mask = (1 << DF_BITS) - 1
        np.add.at(self.df, terms[0] & mask, 1)
        np.add.at(self.df, ents[0] & mask, 1)
        t_w, e_w = self._weighted(terms), self._weighted(ents)
        query = terms[0][np.argsort(-t_w, kind="stable")[:QUERY_TERMS]]

        scored: list[tuple[float, int]] = []
        if force_new:
            pass
        elif to is None:
            for story in self._candidates(query):
                s = self._score(terms[0], t_w, ents[0], e_w, features, story)
                scored.append((s, story))
            scored.sort(key=lambda x: (-x[0], x[1]))
        else:
            to = self.resolve(to)
            scored = [(1.0, to)]

        if scored and scored[0][0] >= JOIN_THRESHOLD:
            best_score, story = scored[0]
            self._join(story, terms, ents, features.time)
            merged = self._merges(story, [s for sc, s in scored[1:] if sc >= JOIN_THRESHOLD])
            if merged and min(merged) < story:
                # The earliest story survives, so the oldest id stays the story's id.
                keep = min(merged + [story])
                merged = sorted(set(merged + [story]) - {keep})
                story = keep
            for other in merged:
                self._merge(other, into=story)
            self._post(query, story)
            return Assignment(story, round(best_score, 4), False, merged)

        story = len(self.size)
        self.terms.append((terms[0][:0], terms[1][:0]))
        self.entities.append((ents[0][:0], ents[1][:0]))
        self.t0.append(math.nan)
        self.t1.append(math.nan)
        self.size.append(0)
        self.parent.append(story)
        self._join(story, terms, ents, features.time)
        self._post(query, story)
        return Assignment(story, 0.0, True)

    def _candidates(self, query: np.ndarray) -> list[int]:
        seen: set[int] = set()
        for key in query.tolist():
            posting = self.postings.get(key)
            if posting is not None:
                for story in posting[-POSTINGS_PER_TERM:]:
                    seen.add(self.resolve(story))
        return sorted(seen)

    def _post(self, query: np.ndarray, story: int) -> None:
        for key in query.tolist():
            posting = self.postings.get(key)
            if posting is None:
                self.postings[key] = array("i", [story])
            elif posting[-1] != story:
                posting.append(story)
                if len(posting) > 2 * POSTINGS_PER_TERM:
                    del posting[:-POSTINGS_PER_TERM]

    def _join(
        self,
        story: int,
        terms: tuple[np.ndarray, np.ndarray],
        ents: tuple[np.ndarray, np.ndarray],
        time: float | None,
    ) -> None:
        self.terms[story] = _add_sparse(self.terms[story], terms, CENTROID_TERMS)
        self.entities[story] = _add_sparse(self.entities[story], ents, CENTROID_TERMS // 4)
        self.size[story] += 1
        if time is not None:
            t0, t1 = self.t0[story], self.t1[story]
            self.t0[story] = time if math.isnan(t0) else min(t0, time)
            self.t1[story] = time if math.isnan(t1) else max(t1, time)

    def _centroid_cosine(self, a: int, b: int) -> float:
        ta, tb = self.terms[a], self.terms[b]
        return self._cosine(ta[0], self._weighted(ta), tb)

    def _merges(self, story: int, others: list[int]) -> list[int]:
        return [o for o in others if o != story and self._centroid_cosine(story, o) >= MERGE_THRESHOLD]

    def _merge(self, other: int, *, into: int) -> None:
        self.terms[into] = _add_sparse(self.terms[into], self.terms[other], CENTROID_TERMS)
        self.entities[into] = _add_sparse(self.entities[into], self.entities[other], CENTROID_TERMS // 4)
        self.size[into] += self.size[other]
        for t in (self.t0[other], self.t1[other]):
            if not math.isnan(t):
                self.t0[into] = t if math.isnan(self.t0[into]) else min(self.t0[into], t)
                self.t1[into] = t if math.isnan(self.t1[into]) else max(self.t1[into], t)
        self.parent[other] = into
        self.terms[other] = (self.terms[other][0][:0], self.terms[other][1][:0])
        self.entities[other] = (self.entities[other][0][:0], self.entities[other][1][:0])
        self.size[other] = 0

    # -- persistence ----------------------------------------------------------------

    def save(self, path: Path) -> None:
        """Write the index to ``path`` (a folder), replacing it atomically."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        arrays: dict[str, np.ndarray] = {"df": self.df}
        for name, vecs in (("terms", self.terms), ("entities", self.entities)):
            lengths = np.fromiter((k.size for k, _ in vecs), dtype=np.int64, count=len(vecs))
            arrays[f"{name}_len"] = lengths
            arrays[f"{name}_keys"] = np.concatenate([k for k, _ in vecs]) if vecs else np.empty(0, np.uint32)
            arrays[f"{name}_w"] = np.concatenate([w for _, w in vecs]) if vecs else np.empty(0, np.float32)
        arrays["t0"] = np.asarray(self.t0, dtype=np.float64)
        arrays["t1"] = np.asarray(self.t1, dtype=np.float64)
        arrays["size"] = np.asarray(self.size, dtype=np.int64)
        arrays["parent"] = np.asarray(self.parent, dtype=np.int64)
        post_keys = np.fromiter(self.postings, dtype=np.uint32, count=len(self.postings))
        arrays["post_keys"] = post_keys
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
    def load(cls, path: Path) -> StoryIndex:
        path = Path(path)
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        if meta.get("format") != _FORMAT:
            raise ValueError(f"{path} holds story index format {meta.get('format')}, not {_FORMAT}")
        index = cls()
        with np.load(path / "index.npz") as z:
            index.df = z["df"].copy()
            index.n_docs = int(meta["n_docs"])
            for name in ("terms", "entities"):
                offsets = np.concatenate([[0], np.cumsum(z[f"{name}_len"])])
                keys, weights = z[f"{name}_keys"], z[f"{name}_w"]
                setattr(
                    index,
                    name,
                    [(keys[a:b].copy(), weights[a:b].copy()) for a, b in itertools.pairwise(offsets)],
                )
            index.t0 = z["t0"].tolist()
            index.t1 = z["t1"].tolist()
            index.size = z["size"].tolist()
            index.parent = z["parent"].tolist()
            offsets = np.concatenate([[0], np.cumsum(z["post_len"])])
            stories = z["post_stories"]
            index.postings = {
                int(k): array("i", stories[a:b].tobytes())
                for k, a, b in zip(z["post_keys"].tolist(), offsets[:-1].tolist(), offsets[1:].tolist())
            }
        return index
