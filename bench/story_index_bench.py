"""Story index at scale: assign latency, memory and disk at 10k-1M articles, and end-to-end ingest.

    .venv/bin/python bench/story_index_bench.py [--sizes 10000 100000 1000000] [--queries 1000]
        [--undated-queries 300] [--brute-max 100000] [--brute-queries 300] [--brute-budget 60]
        [--verify-n 2000] [--profile-n 200] [--e2e-n 500] [--no-e2e] [--seed 0]

``--sizes`` with no value runs only the end-to-end part.

Synthetic features (no text: building a million articles through tokenising and
``StoryIndex.assign`` would take far too long). An article is what ``featurize``
gives: five unit vectors of ``1 + log(tf)`` weights (body terms, lead, entities,
capitals, numbers: the bags of ``index.BAG_WEIGHTS``), a time and a unit 384-d
vector. Stories ("events") have 1-20 articles with
P(k) ~ 1/k, start uniformly over two years and spread their articles over about a
day (exponential); articles arrive in time order. Each article draws 50-300 word
tokens: 12% from its event's 40 words (drawn from the vocabulary's long tail),
the rest from a 200,000-word vocabulary with Zipf weights 1/(rank + 1), giving
about 150 distinct terms; 5-15 entity mentions, 80% from its event's 12 entities
(3 popular, 9 from anywhere), the rest from a 50,000-entity Zipf pool; 20-40 lead
tokens, 35% event words, 20% the lead-bag names of its event's entities, the rest
drawn from its own body tokens. The real events sets give 119 distinct terms
(median 55) and 8.5 entities per article with spaCy.

Capitals (capitalised words of the whole text, lower-cased): 15-45 tokens, 55% the
event's 24 names (its 12 entities' names, the same strings as in the lead bag, and
12 names of its own from the long tail of the pool), 25% a 100,000-name Zipf pool
(1/(rank + 1)), 20% sentence-initial words drawn from the article's own body
tokens: about 25 distinct keys per article (p5 14, p95 35; real: median 23 / mean 27
ECB+, 46 / 49 BASIL, 11 / 12 AllSides), about 6 shared with the first article of its
story. Numbers: 1-3 tokens from the event's 4 figures (long tail of the pool) and
0-5 from a 20,000-number Zipf pool ("1", "2", ...): about 4.2 distinct per article
(real: mean 6.8 ECB+, 3.2 BASIL, 1.6 AllSides), 0.75 shared with the first article
of its story. These two bags come from a random stream of their own, so the first
three bags are bit for bit those of the three-bag generator. Vocabulary strings are
chosen so their keys (``index._hash``, per bag) never collide within a bag.

The vector of an article is the unit length of ``0.45 g + 0.39 T[topic] + 0.59
C[event] + d noise`` (g shared by all, 50 topics, event centroids sums of three of
4,096 random directions, d^2 uniform in 0.2-0.45, all unit-length directions), so
two articles of one event have cosine about 0.6-0.8, of one topic about 0.35 and
unrelated about 0.2, like MiniLM on news.

Bulk fill: the first N articles of a stream of N + ``--queries`` + ``--undated-queries``
go into an index in the state that replaying them with ``assign(..., to=<its
event's story>)`` (``force_new`` for each event's first article) would reach:
document frequencies as running counts by chunk, each article's query terms from
the IDF of its moment (as ``assign`` computes them), centroids summed and cut in
arrival order with ``index._add_sparse``, float16 vector sums, time spans, sizes,
and postings built from the sequence of (term, story) posts with ``_post``'s cap.
``--verify-n`` checks this against ``assign`` itself, array by array.

Per size N the script prints: bulk fill time; ``index.nbytes()`` per article and
the growth of VmRSS (``/proc/self/status``) over the fill and over a
``StoryIndex.load`` in a fresh process; ``save`` time, size on disk and load time;
then the latency of ``assign`` (wall and thread CPU) for the next ``--queries``
articles of the stream, with free scoring, and the share of them for which the
time pre-check of ``_score`` skipped candidates (from the stories' spans after the
run); then ``--undated-queries`` further articles without time or vector (no time
pruning: the worst case). At N <= ``--brute-max`` the dated articles also go, on
a copy of the index, through ``assign`` with every live story as candidate (brute
force, the same scoring), for up to ``--brute-queries`` articles or
``--brute-budget`` seconds; along that run each article's best story among the
postings candidates is compared with the best among all stories (agreement = same
story, or both below the join threshold). At the largest size the queries run
again under cProfile on the index loaded from disk.

End to end: ``--e2e-n`` real articles from ``../shared/data/events`` (a fixed
shuffle of the three sets, written as JSON Lines under /tmp) ingested into a fresh
store with ``storytrace.pipeline.ingest`` in five settings (facts on and off beside each
other, so the rate ratio survives a noisy machine), timing the stages
(extract and store, reuse, stories, facts; inside stories: ``featurize``,
``StoryIndex.assign`` and ``StoryTracker.settle``). Models are loaded once before the first run (timed apart).
Last, ``featurize`` alone on the same articles, with and without spaCy and MiniLM
(MiniLM runs in two threads beside spaCy, so its share is read from those rates).
"""

from __future__ import annotations

import argparse
import copy
import cProfile
import gc
import io
import json
import math
import pstats
import random
import shutil
import subprocess
import sys
import tempfile
import time
from array import array
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from storytrace.grouping.features import StoryFeatures
from storytrace.grouping.index import DF_BITS, Recheck, StoryIndex, _add_sparse, _hash
from storytrace.grouping.params import StoryParams

# The shipped values: this bench measures cost at the defaults.
_P = StoryParams()
BAG_WEIGHTS = _P.bag_weights
CENTROID_KEYS = _P.centroid_keys
IDF_POWER = _P.idf_power
IDF_PRIOR = _P.idf_prior
JOIN_THRESHOLD = _P.join_threshold
POSTINGS_PER_TERM = _P.postings_per_term
QUERY_TERMS = _P.query_terms
TIME_GRACE_DAYS = _P.time_grace_days
TIME_SCALE_DAYS = _P.time_scale_days

DATA = Path("/work/shared/data/events")
WORK = Path("/tmp/story_index_bench")

N_TERMS = 200_000
N_ENTITIES = 50_000
EVENT_WORDS = 40
EVENT_WORD_RATE = 0.12
EVENT_ENTITIES = 12
TOKENS = (50, 300)
MENTIONS = (5, 15)
LEAD_TOKENS = (20, 40)
LEAD_EVENT_WORDS = 0.35
LEAD_NAMES = 0.2
N_CAPITALS = 100_000
EVENT_NAMES = 12  # event-only capitalised names, beside its entities' names
CAP_TOKENS = (15, 45)
CAP_EVENT, CAP_POOL = 0.55, 0.25  # shares of capitals tokens; the rest sentence-initial words
N_NUMBERS = 20_000
EVENT_FIGURES = 4
NUM_EVENT = (1, 3)  # tokens from the event's figures
NUM_POOL = (0, 5)  # tokens from the Zipfian pool of numbers
MAX_STORY = 20
SPAN = 2 * 365 * 86400.0
SPREAD = 86400.0
T_START = 1_672_531_200.0  # 2023-01-01 UTC
LABELS = ("PERSON", "ORG", "GPE", "EVENT")
MASK = (1 << DF_BITS) - 1
CHUNK = 8192
DIM = 384
N_TOPICS = 50
N_BASIS = 4096
VCHUNK = 4096
# Squared shares of an article vector: shared, topic, event (noise: 0.2-0.45).
V_SHARED, V_TOPIC, V_EVENT, V_NOISE = 0.2, 0.15, 0.35, (0.2, 0.45)

_EMPTY = (np.empty(0, np.uint32), np.empty(0, np.float32))
#: The index's bags, body terms first (``_running_df`` answers for the first bag).
BAGS = ("terms", *(b for b in BAG_WEIGHTS if b != "terms"))
#: The bags ``synth_stream`` makes.
SYNTH_BAGS = frozenset({"terms", "lead", "entities", "capitals", "numbers"})


# -- synthetic features -------------------------------------------------------------


def _hash_unique(
    make: Callable[[int], str], n: int, bags: tuple[str, ...], seen: dict[str, set[int]]
) -> tuple[list[str], dict[str, np.ndarray]]:
    """``n`` strings whose keys in each of ``bags`` differ from each other and from ``seen``."""
    words: list[str] = []
    keys: dict[str, list[int]] = {b: [] for b in bags}
    i = 0
    while len(words) < n:
        w = make(i)
        hs = [_hash(b, w) for b in bags]
        if all(h not in seen[b] for b, h in zip(bags, hs, strict=True)):
            for b, h in zip(bags, hs, strict=True):
                seen[b].add(h)
                keys[b].append(h)
            words.append(w)
        i += 1
    return words, {b: np.array(k, dtype=np.uint32) for b, k in keys.items()}


@dataclass
class Vocab:
    words: list[str]
    word_keys: np.ndarray  # body keys
    word_cdf: np.ndarray
    ents: list[str]
    ent_keys: np.ndarray
    ent_cdf: np.ndarray
    lead: list[str]  # words, then one name per entity
    lead_keys: np.ndarray
    caps: list[str]  # words (sentence-initial), one name per entity, then the capitals pool
    cap_keys: np.ndarray
    cap_cdf: np.ndarray  # over the pool
    nums: list[str]
    num_keys: np.ndarray
    num_cdf: np.ndarray

    def names(self, bag: str) -> list[str]:
        """Strings of a bag's ids."""
        return {
            "terms": self.words,
            "lead": self.lead,
            "entities": self.ents,
            "capitals": self.caps,
            "numbers": self.nums,
        }[bag]


def make_vocab() -> Vocab:
    seen: dict[str, set[int]] = {b: set() for b in BAGS}
    words, wkeys = _hash_unique(lambda i: f"w{i:x}", N_TERMS, ("terms", "lead", "capitals"), seen)
    names, nkeys = _hash_unique(lambda i: f"n{i:x}", N_ENTITIES, ("lead", "capitals"), seen)
    ents, ekeys = _hash_unique(lambda i: f"{LABELS[i % len(LABELS)]}:e{i:x}", N_ENTITIES, ("entities",), seen)
    caps, ckeys = _hash_unique(lambda i: f"k{i:x}", N_CAPITALS, ("capitals",), seen)
    nums, mkeys = _hash_unique(lambda i: str(i + 1), N_NUMBERS, ("numbers",), seen)

    def cdf(n: int, shift: float) -> np.ndarray:
        c = np.cumsum(1.0 / (np.arange(1, n + 1) + shift))
        c /= c[-1]
        return c

    return Vocab(
        words,
        wkeys["terms"],
        cdf(N_TERMS, 1.0),
        ents,
        ekeys["entities"],
        cdf(N_ENTITIES, 1.0),
        words + names,
        np.concatenate([wkeys["lead"], nkeys["lead"]]),
        words + names + caps,
        np.concatenate([wkeys["capitals"], nkeys["capitals"], ckeys["capitals"]]),
        cdf(N_CAPITALS, 1.0),
        nums,
        mkeys["numbers"],
        cdf(N_NUMBERS, 1.0),
    )


@dataclass
class Bag:
    """One bag of every article, CSR: per article ids and keys sorted by key, unit weights."""

    ptr: np.ndarray
    ids: np.ndarray
    keys: np.ndarray
    w: np.ndarray


@dataclass
class Stream:
    """Articles in arrival order; vectors made on demand, one chunk at a time."""

    seed: int
    story: np.ndarray  # story number, by first arrival
    time: np.ndarray
    bags: dict[str, Bag]  # one per BAGS
    basis: np.ndarray  # N_BASIS x DIM unit directions
    topics: np.ndarray  # N_TOPICS x DIM
    shared: np.ndarray  # DIM
    story_basis: np.ndarray  # story -> 3 basis rows
    _cache: tuple[int, np.ndarray] | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return int(self.story.size)

    def bag(self, name: str) -> Bag:
        return self.bags[name]

    def vectors(self, c: int) -> np.ndarray:
        """Unit float32 vectors of articles ``c * VCHUNK`` onwards (deterministic per chunk)."""
        if self._cache is not None and self._cache[0] == c:
            return self._cache[1]
        a, b = c * VCHUNK, min(len(self), (c + 1) * VCHUNK)
        rng = np.random.default_rng([self.seed, 5, c])
        st = self.story[a:b]
        event = self.basis[self.story_basis[st]].sum(axis=1) / np.sqrt(3.0, dtype=np.float32)
        noise = rng.standard_normal((b - a, DIM), dtype=np.float32) / np.sqrt(DIM, dtype=np.float32)
        d = np.sqrt(rng.uniform(*V_NOISE, size=(b - a, 1))).astype(np.float32)
        v = (
            np.float32(math.sqrt(V_SHARED)) * self.shared
            + np.float32(math.sqrt(V_TOPIC)) * self.topics[st % N_TOPICS]
            + np.float32(math.sqrt(V_EVENT)) * event
            + d * noise
        )
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        self._cache = (c, v)
        return v

    def vector(self, i: int) -> np.ndarray:
        return self.vectors(i // VCHUNK)[i % VCHUNK].copy()

    def features(self, i: int, vocab: Vocab, *, dated: bool = True) -> StoryFeatures:
        """Article ``i`` as ``featurize`` would hand it over (float32 weights, exactly).

        ``dated=False``: without time and vector, as for an article with no date.
        """

        def bag(name: str) -> dict[str, float]:
            b, names = self.bags[name], vocab.names(name)
            x, y = int(b.ptr[i]), int(b.ptr[i + 1])
            return {names[t]: w for t, w in zip(b.ids[x:y].tolist(), b.w[x:y].tolist(), strict=True)}

        return StoryFeatures(
            **{name: bag(name) for name in BAGS},
            time=float(self.time[i]) if dated else None,
            vector=self.vector(i) if dated else None,
        )


def _bags(
    owner: np.ndarray, ids: np.ndarray, n_owners: int, n_ids: int, keys: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Token draws -> per owner (ptr, ids, keys, unit 1 + log(tf) weights) sorted by key."""
    uniq, counts = np.unique(owner.astype(np.int64) * n_ids + ids, return_counts=True)
    own, tid = uniq // n_ids, (uniq % n_ids).astype(np.int32)
    w = 1.0 + np.log(counts)
    norm = np.sqrt(np.bincount(own, weights=w * w, minlength=n_owners))
    w = (w / norm[own]).astype(np.float32)
    k = keys[tid]
    order = np.argsort((own << 32) | k.astype(np.int64))
    ptr = np.concatenate([[0], np.cumsum(np.bincount(own, minlength=n_owners))])
    return ptr, tid[order], k[order], w[order]


def synth_stream(n: int, seed: int, vocab: Vocab) -> Stream:
    """``n`` articles of synthetic features in arrival (time) order; deterministic."""
    rng = np.random.default_rng([seed, n, 4])
    p = 1.0 / np.arange(1, MAX_STORY + 1)
    sizes = rng.choice(
        np.arange(1, MAX_STORY + 1),
        size=int(n / (p @ np.arange(1, MAX_STORY + 1) / p.sum()) * 1.2) + 10,
        p=p / p.sum(),
    )
    n_events = sizes.size
    start = rng.random(n_events) * SPAN
    event = np.repeat(np.arange(n_events), sizes)
    times = start[event] + rng.exponential(SPREAD, event.size)
    order = np.argsort(times, kind="stable")[:n]
    event, times = event[order], times[order] + T_START
    # Stories are numbered in order of their first article, as assign numbers them.
    _, first = np.unique(event, return_index=True)
    number = np.empty(n_events, np.int64)
    seen = event[np.sort(first)]
    number[seen] = np.arange(seen.size)
    story = number[event].astype(np.int32)
    ev_words = rng.integers(2000, N_TERMS, size=(n_events, EVENT_WORDS))
    ev_ents = np.concatenate(
        [
            np.searchsorted(vocab.ent_cdf, rng.random((n_events, 3)), side="right"),
            rng.integers(0, N_ENTITIES, size=(n_events, EVENT_ENTITIES - 3)),
        ],
        axis=1,
    )
    if set(BAGS) != SYNTH_BAGS:
        raise SystemExit(f"the index scores bags {sorted(BAGS)}; the generator makes {sorted(SYNTH_BAGS)}")
    # The capitals and numbers bags draw from their own generator, so the first
    # three bags stay what they were before those bags came.
    rng2 = np.random.default_rng([seed, n, 8])
    # An event's capitalised names: its entities' names, then names of its own.
    ev_names = np.concatenate(
        [
            N_TERMS + ev_ents,
            N_TERMS + N_ENTITIES + rng2.integers(1000, N_CAPITALS, size=(n_events, EVENT_NAMES)),
        ],
        axis=1,
    )
    ev_figs = rng2.integers(100, N_NUMBERS, size=(n_events, EVENT_FIGURES))
    parts: dict[str, list[list[np.ndarray]]] = {b: [[], [], [], []] for b in BAGS}
    offs = dict.fromkeys(BAGS, 0)

    def add(b: str, got: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]) -> None:
        ptr, ids, keys, w = got
        for part, x in zip(parts[b], (ptr[1:] + offs[b], ids, keys, w), strict=True):
            part.append(x)
        offs[b] += int(ptr[-1])

    for c0 in range(0, n, 20_000):
        c1 = min(n, c0 + 20_000)
        c = c1 - c0
        ev = event[c0:c1]
        n_tok = rng.integers(TOKENS[0], TOKENS[1] + 1, size=c)
        owner = np.repeat(np.arange(c), n_tok)
        tok = np.searchsorted(vocab.word_cdf, rng.random(owner.size), side="right")
        own_ev = rng.random(owner.size) < EVENT_WORD_RATE
        tok[own_ev] = ev_words[ev[owner[own_ev]], rng.integers(0, EVENT_WORDS, int(own_ev.sum()))]
        add("terms", _bags(owner, tok, c, N_TERMS, vocab.word_keys))
        n_men = rng.integers(MENTIONS[0], MENTIONS[1] + 1, size=c)
        owner = np.repeat(np.arange(c), n_men)
        men = np.searchsorted(vocab.ent_cdf, rng.random(owner.size), side="right")
        own_ev = rng.random(owner.size) < 0.8
        men[own_ev] = ev_ents[ev[owner[own_ev]], rng.integers(0, EVENT_ENTITIES, int(own_ev.sum()))]
        add("entities", _bags(owner, men, c, N_ENTITIES, vocab.ent_keys))
        # Lead: event words, event entities' names, and the article's own body tokens.
        n_lead = rng.integers(LEAD_TOKENS[0], LEAD_TOKENS[1] + 1, size=c)
        owner = np.repeat(np.arange(c), n_lead)
        starts = np.cumsum(n_tok) - n_tok
        lead = tok[starts[owner] + (rng.random(owner.size) * n_tok[owner]).astype(np.int64)]
        kind = rng.random(owner.size)
        pick = kind < LEAD_EVENT_WORDS
        lead[pick] = ev_words[ev[owner[pick]], rng.integers(0, EVENT_WORDS, int(pick.sum()))]
        pick = (kind >= LEAD_EVENT_WORDS) & (kind < LEAD_EVENT_WORDS + LEAD_NAMES)
        lead[pick] = N_TERMS + ev_ents[ev[owner[pick]], rng.integers(0, EVENT_ENTITIES, int(pick.sum()))]
        add("lead", _bags(owner, lead, c, N_TERMS + N_ENTITIES, vocab.lead_keys))
        # Capitals: the event's names, a Zipfian pool, sentence-initial words (own body tokens).
        n_cap = rng2.integers(CAP_TOKENS[0], CAP_TOKENS[1] + 1, size=c)
        owner = np.repeat(np.arange(c), n_cap)
        cap = tok[starts[owner] + (rng2.random(owner.size) * n_tok[owner]).astype(np.int64)]
        kind = rng2.random(owner.size)
        pick = kind < CAP_EVENT
        cap[pick] = ev_names[ev[owner[pick]], rng2.integers(0, ev_names.shape[1], int(pick.sum()))]
        pick = (kind >= CAP_EVENT) & (kind < CAP_EVENT + CAP_POOL)
        cap[pick] = (
            N_TERMS + N_ENTITIES + np.searchsorted(vocab.cap_cdf, rng2.random(int(pick.sum())), side="right")
        )
        add("capitals", _bags(owner, cap, c, N_TERMS + N_ENTITIES + N_CAPITALS, vocab.cap_keys))
        # Numbers: 1-3 tokens from the event's figures, 0-5 from a Zipfian pool.
        n_ev = rng2.integers(NUM_EVENT[0], NUM_EVENT[1] + 1, size=c)
        n_pool = rng2.integers(NUM_POOL[0], NUM_POOL[1] + 1, size=c)
        owner = np.concatenate([np.repeat(np.arange(c), n_ev), np.repeat(np.arange(c), n_pool)])
        k = int(n_ev.sum())
        num = np.concatenate(
            [
                ev_figs[ev[owner[:k]], rng2.integers(0, EVENT_FIGURES, k)],
                np.searchsorted(vocab.num_cdf, rng2.random(owner.size - k), side="right"),
            ]
        )
        add("numbers", _bags(owner, num, c, N_NUMBERS, vocab.num_keys))

    def bag(b: str) -> Bag:
        ptr, ids, keys, w = (np.concatenate(x) for x in parts[b])
        return Bag(np.concatenate([[0], ptr]), ids, keys, w)

    def unit(x: np.ndarray) -> np.ndarray:
        return (x / np.linalg.norm(x, axis=-1, keepdims=True)).astype(np.float32)

    vrng = np.random.default_rng([seed, 6])
    n_stories = int(story.max()) + 1 if n else 0
    return Stream(
        seed=seed,
        story=story,
        time=times,
        bags={b: bag(b) for b in BAGS},
        basis=unit(vrng.standard_normal((N_BASIS, DIM))),
        topics=unit(vrng.standard_normal((N_TOPICS, DIM))),
        shared=unit(vrng.standard_normal(DIM)),
        story_basis=np.random.default_rng([seed, n, 7]).integers(0, N_BASIS, size=(n_stories, 3)),
    )


# -- bulk fill ------------------------------------------------------------------------


def _running_df(df: np.ndarray, entries: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """Document frequency each entry of the first bag sees when its article is added (then adds the chunk).

    ``entries``: per bag (DF slots, article within the chunk). assign adds the
    article's keys of every bag to the table before weighting, so an entry sees
    every entry of its own and earlier articles with the same slot.
    """
    comb = np.concatenate([(mk.astype(np.int64) << 20) | art for mk, art in entries])
    order = np.argsort(comb)  # equal entries are interchangeable
    sc = comb[order]
    idx = np.arange(sc.size)
    mk = sc >> 20
    # Start of each slot's group, and end of each (slot, article) run, in sorted order.
    first = np.ones(sc.size, bool)
    first[1:] = mk[1:] != mk[:-1]
    since = np.maximum.accumulate(np.where(first, idx, 0))
    last = np.ones(sc.size, bool)
    last[:-1] = sc[1:] != sc[:-1]
    upto = np.minimum.accumulate(np.where(last, idx, sc.size)[::-1])[::-1]
    seen = np.empty(sc.size, np.int64)
    seen[order] = df[mk] + (upto - since + 1)
    np.add.at(df, mk, 1)
    return seen[: entries[0][0].size]


def bulk_fill(s: Stream, n: int) -> StoryIndex:
    """An index holding the first ``n`` articles, each forced into its event's story.

    The state equals replaying them through ``assign(f, to=story)`` (``force_new``
    for a story's first article); ``--verify-n`` checks that.
    """
    n_stories = int(s.story[:n].max()) + 1 if n else 0
    cents: dict[str, list[tuple[np.ndarray, np.ndarray]]] = {b: [_EMPTY] * n_stories for b in BAGS}
    vectors: list[np.ndarray | None] = [None] * n_stories
    df = np.zeros(1 << DF_BITS, np.int64)
    q_keys = np.zeros(n * QUERY_TERMS, np.uint32)
    q_len = np.zeros(n, np.int64)
    story = s.story.tolist()
    bags = [(b, s.bag(b)) for b in BAGS]
    terms = s.bag("terms")
    for c0 in range(0, n, CHUNK):
        c1 = min(n, c0 + CHUNK)
        entries = []
        for _, bag in bags:
            a, b = int(bag.ptr[c0]), int(bag.ptr[c1])
            art = np.repeat(np.arange(c1 - c0), np.diff(bag.ptr[c0 : c1 + 1]))
            entries.append((bag.keys[a:b] & MASK, art))
        seen = _running_df(df, entries)
        ta = int(terms.ptr[c0])
        for i in range(c0, c1):
            a, b = int(terms.ptr[i]), int(terms.ptr[i + 1])
            keys, w = terms.keys[a:b], terms.w[a:b]
            # StoryIndex._weighted, with the document count and frequencies of that moment.
            dfs = seen[a - ta : b - ta].astype(np.float32)
            idf = np.log((i + 1 + IDF_PRIOR) / (dfs + 1.0)) ** IDF_POWER
            tw = w * idf
            norm = float(np.sqrt(np.dot(tw, tw)))
            tw = tw / norm if norm else tw
            q = keys[np.argsort(-tw, kind="stable")[:QUERY_TERMS]]  # keys ascending: ties by key
            q_keys[i * QUERY_TERMS : i * QUERY_TERMS + q.size] = q
            q_len[i] = q.size
            st = story[i]
            for name, bag in bags:
                x, y = int(bag.ptr[i]), int(bag.ptr[i + 1])
                cents[name][st] = _add_sparse(
                    cents[name][st], (bag.keys[x:y], bag.w[x:y]), CENTROID_KEYS[name]
                )
            v = s.vector(i)
            old = vectors[st]
            vectors[st] = (v if old is None else old.astype(np.float32) + v).astype(np.float16)
    index = StoryIndex()
    index.df = df.astype(np.uint32)
    index.n_docs = n
    index.bags = {b: cents[b] for b in BAG_WEIGHTS}  # the index's own order
    index.vectors = vectors
    t0 = np.full(n_stories, np.inf)
    t1 = np.full(n_stories, -np.inf)
    np.minimum.at(t0, s.story[:n], s.time[:n])
    np.maximum.at(t1, s.story[:n], s.time[:n])
    index.t0, index.t1 = t0.tolist(), t1.tolist()
    index.size = np.bincount(s.story[:n], minlength=n_stories).tolist()
    index.join_sum = [0.0] * n_stories  # forced joins carry no score
    index.joins = [0] * n_stories
    index.parent = list(range(n_stories))
    # Postings: every (key, story) post in arrival order, as _post makes them.
    valid = np.arange(QUERY_TERMS)[None, :] < q_len[:, None]
    index.postings = _postings(q_keys[valid.ravel()], np.repeat(s.story[:n], q_len))
    return index


def _postings(keys: np.ndarray, stories: np.ndarray) -> dict[int, array]:
    """``_post`` applied to a sequence of (key, story) posts, without the loop.

    A post repeating the story last posted under its key is skipped; a list that
    reaches 2P + 1 entries is cut to its last P, so m posts leave m (m <= 2P) or
    P + (m - 2P - 1) mod (P + 1) of the last ones.
    """
    order = np.argsort(keys, kind="stable")
    k, st = keys[order], stories[order]
    keep = np.ones(k.size, bool)
    keep[1:] = (k[1:] != k[:-1]) | (st[1:] != st[:-1])
    k, st, first_seq = k[keep], st[keep], order[keep]
    starts = np.flatnonzero(np.concatenate([[True], k[1:] != k[:-1]])) if k.size else np.empty(0, np.int64)
    ends = np.append(starts[1:], k.size)
    m = ends - starts
    cap = 2 * POSTINGS_PER_TERM
    left = np.where(m <= cap, m, POSTINGS_PER_TERM + (m - cap - 1) % (POSTINGS_PER_TERM + 1))
    st = st.astype(np.int32)
    out: dict[int, array] = {}
    # Dict order as _post inserts: by each key's first post.
    for g in np.argsort(first_seq[starts], kind="stable").tolist():
        out[int(k[starts[g]])] = array("i", st[ends[g] - left[g] : ends[g]].tobytes())
    return out


def replay(s: Stream, n: int, vocab: Vocab) -> StoryIndex:
    """The same articles through ``StoryIndex.assign`` one by one (as ``StoryTracker._replay``)."""
    index = StoryIndex()
    for i in range(n):
        f = s.features(i, vocab)
        st = int(s.story[i])
        if st == len(index):
            r = index.assign(f, force_new=True)
        else:
            r = index.assign(f, to=st)
        assert r.story == st, (i, r.story, st)
    return index


def compare(a: StoryIndex, b: StoryIndex) -> list[str]:
    """Where two indexes differ (empty when identical, bit for bit)."""
    diffs = []
    if not np.array_equal(a.df, b.df):
        diffs.append(f"df ({int((a.df != b.df).sum())} slots)")
    if a.n_docs != b.n_docs:
        diffs.append("n_docs")
    if list(a.bags) != list(b.bags):
        diffs.append(f"bags ({list(a.bags)} vs {list(b.bags)})")
    for name in BAGS:
        va, vb = a.bags[name], b.bags[name]
        bad = sum(
            1
            for (ka, wa), (kb, wb) in zip(va, vb, strict=False)
            if ka.dtype != kb.dtype
            or wa.dtype != wb.dtype
            or not np.array_equal(ka, kb)
            or wa.tobytes() != wb.tobytes()
        )
        if bad or len(va) != len(vb):
            diffs.append(f"{name} ({bad} stories, {len(va)} vs {len(vb)})")
    bad = sum(
        1
        for va, vb in zip(a.vectors, b.vectors, strict=False)
        if (va is None) != (vb is None)
        or (va is not None and vb is not None and (va.dtype != vb.dtype or va.tobytes() != vb.tobytes()))
    )
    if bad or len(a.vectors) != len(b.vectors):
        diffs.append(f"vectors ({bad} stories)")
    for name in ("t0", "t1", "size", "join_sum", "joins", "parent"):
        if getattr(a, name) != getattr(b, name):
            diffs.append(name)
    if a.postings != b.postings:
        bad = sum(1 for k in a.postings.keys() | b.postings.keys() if a.postings.get(k) != b.postings.get(k))
        diffs.append(f"postings ({bad} keys)")
    elif list(a.postings) != list(b.postings):
        diffs.append("postings key order")
    return diffs


# -- measurement helpers --------------------------------------------------------------


def rss() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


_LOAD_PROBE = """
import sys, time, json
sys.path.insert(0, sys.argv[2])
import numpy
from storytrace.grouping.index import StoryIndex
def rss():
    for line in open('/proc/self/status'):
        if line.startswith('VmRSS:'):
            return int(line.split()[1]) * 1024
r0 = rss(); t0 = time.perf_counter()
idx = StoryIndex.load(sys.argv[1])
secs = time.perf_counter() - t0
print(json.dumps({"secs": secs, "rss": rss() - r0, "stories": len(idx)}))
"""


def load_in_fresh_process(path: Path) -> dict[str, float]:
    root = str(Path(__file__).resolve().parents[1])
    out = subprocess.run(
        [sys.executable, "-c", _LOAD_PROBE, str(path), root], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def ms(values: list[float], q: float) -> float:
    return float(np.percentile(np.array(values) * 1e3, q))


@dataclass
class Timed:
    wall: list[float]
    cpu: list[float]
    candidates: list[int]
    pruned: list[int] = field(default_factory=list)  # candidates the time pre-check skipped
    placed: list[Any] = field(default_factory=list)  # each article's ``Assignment``


def time_assign(index: StoryIndex, feats: list[StoryFeatures]) -> Timed:
    """Wall and thread-CPU time of ``index.assign`` for each article, and its candidates.

    How many candidates the time pre-check of ``_score`` skipped is worked out
    after the run (from the stories' spans then), to keep it out of the timing.
    """
    lists: list[list[int]] = []
    real = index._candidates

    def recorded(query: np.ndarray, *when: float) -> list[int]:
        out = real(query, *when)
        lists.append(out)
        return out

    index._candidates = recorded  # type: ignore[method-assign]
    wall, cpu, placed = [], [], []
    try:
        for f in feats:
            c0 = time.thread_time()
            t0 = time.perf_counter()
            placed.append(index.assign(f))
            wall.append(time.perf_counter() - t0)
            cpu.append(time.thread_time() - c0)
    finally:
        del index._candidates
    t0s, t1s = np.array(index.t0), np.array(index.t1)
    pruned = []
    for f, cands in zip(feats, lists, strict=True):
        if f.time is None or not cands:
            pruned.append(0)
            continue
        c = np.array(cands)
        gap = np.maximum(0.0, np.maximum(t0s[c] - f.time, f.time - t1s[c])) / 86400.0
        decay = np.exp(-np.maximum(0.0, gap - TIME_GRACE_DAYS) / TIME_SCALE_DAYS)
        pruned.append(int(np.sum(decay < JOIN_THRESHOLD)))
    return Timed(wall, cpu, [len(c) for c in lists], pruned, placed)


def time_settle(
    index: StoryIndex, feats: list[StoryFeatures], placed: list[Any], batch: int = 64
) -> list[float]:
    """Wall seconds per article of ``index.settle`` over each batch of just-assigned articles.

    Ingest also settles the earlier members of the stories a batch touched (up to 16
    each), so this is the floor of its cost: the batch's own articles, two passes.
    """
    per: list[float] = []
    for start in range(0, len(feats), batch):
        items = [
            Recheck(f, a.story, None if a.new else a.score)
            for f, a in zip(feats[start : start + batch], placed[start : start + batch], strict=True)
        ]
        t0 = time.perf_counter()
        index.settle(items)
        per.append((time.perf_counter() - t0) / len(items))
    return per


def cap_agreement(index: StoryIndex, feats: list[StoryFeatures]) -> tuple[int, int]:
    """(articles whose decision is the same with and without the ``max_scored`` cut, articles cut).

    The decision is the best story at or above the join threshold, or none; both are
    scored on the same index state, which this leaves unchanged.
    """
    same = cut = 0
    capped_params = index.params
    for f in feats:
        q = index._query(f)
        keys, w = q.bags["terms"]
        query = keys[np.lexsort((keys, -w))[:QUERY_TERMS]]
        capped = index._candidates(query, q.time)
        # The same state asked without the cut (params are read on each call).
        index.params = capped_params.with_values(max_scored=1 << 30)
        try:
            every = index._candidates(query, q.time)
        finally:
            index.params = capped_params
        cut += len(every) > len(capped)
        best = []
        for cands in (capped, every):
            sc = index._score_many(q, cands)
            i = int(np.argmax(sc)) if len(cands) else -1
            best.append(cands[i] if i >= 0 and sc[i] >= JOIN_THRESHOLD else None)
        same += best[0] == best[1]
    return same, cut


@dataclass
class Brute:
    timed: Timed
    agree: int
    joins: int  # articles whose best story (brute force) clears the join threshold
    found: int  # ... and that story is among the postings candidates
    live: list[int]


def brute_force(index: StoryIndex, feats: list[StoryFeatures], budget: float) -> Brute:
    """``assign`` with every live story as candidate; compares its best with the postings' best.

    Runs on ``index`` (give it a copy). Each article's scores against all live
    stories are recorded as ``assign`` computes them, so both bests come from the
    same state.
    """
    scores: dict[int, float] = {}
    ours: list[set[int]] = []
    live_n: list[int] = []
    real_score, real_many = index._score, index._score_many

    def all_live(query: np.ndarray, *when: float) -> list[int]:
        scores.clear()
        ours.append(set(StoryIndex._candidates(index, query, *when)))
        live = [st for st in range(len(index.size)) if index.parent[st] == st and index.size[st]]
        live_n.append(len(live))
        return live

    def recorded(q: Any, story: int) -> float:
        sc = real_score(q, story)
        scores[story] = sc
        return sc

    def recorded_many(q: Any, cands: list[int]) -> np.ndarray:
        out = real_many(q, cands)
        scores.update(zip(cands, out.tolist(), strict=True))
        return out

    def best(among: Any) -> int | None:
        top = min(((-scores[st], st) for st in among if st in scores), default=None)
        return top[1] if top is not None and -top[0] >= JOIN_THRESHOLD else None

    index._candidates = all_live  # type: ignore[method-assign]
    index._score = recorded  # type: ignore[method-assign]
    index._score_many = recorded_many  # type: ignore[method-assign]
    wall, cpu = [], []
    agree = joins = found = 0
    start = time.perf_counter()
    for f in feats:
        c0 = time.thread_time()
        t0 = time.perf_counter()
        index.assign(f)
        wall.append(time.perf_counter() - t0)
        cpu.append(time.thread_time() - c0)
        if live_n[-1] and not scores:
            raise RuntimeError("brute force saw no scores: assign calls neither _score nor _score_many")
        b_all, b_ours = best(scores), best(ours[-1])
        agree += b_all == b_ours
        if b_all is not None:
            joins += 1
            found += b_all in ours[-1]
        if time.perf_counter() - start > budget and len(wall) >= 20:
            break
    return Brute(Timed(wall, cpu, [len(o) for o in ours]), agree, joins, found, live_n)


def profile_assign(index: StoryIndex, feats: list[StoryFeatures], top: int = 12) -> str:
    prof = cProfile.Profile()
    prof.enable()
    for f in feats:
        index.assign(f)
    prof.disable()
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(top)
    lines = buf.getvalue().splitlines()
    start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
    return "\n".join(lines[start : start + top + 1])


# -- per size -------------------------------------------------------------------------


def bench_size(n: int, args: argparse.Namespace, vocab: Vocab, tmp: Path, profile: bool) -> dict[str, Any]:
    print(f"\n== {n:,} articles in the index ==")
    t0 = time.perf_counter()
    s = synth_stream(n + args.queries + args.undated_queries, args.seed, vocab)
    gen = time.perf_counter() - t0
    per = {b: np.diff(s.bag(b).ptr[: n + 1]) for b in BAGS}
    gc.collect()
    r0 = rss()
    t0 = time.perf_counter()
    index = bulk_fill(s, n)
    fill = time.perf_counter() - t0
    gc.collect()
    grow = rss() - r0
    sizes = np.array(index.size)
    print(
        f"synthetic features: {gen:.1f} s; terms/article mean {per['terms'].mean():.0f}"
        f" (p5 {np.percentile(per['terms'], 5):.0f}, p95 {np.percentile(per['terms'], 95):.0f}),"
        f" lead {per['lead'].mean():.1f}, entities {per['entities'].mean():.1f},"
        f" capitals {per['capitals'].mean():.1f} (p5 {np.percentile(per['capitals'], 5):.0f},"
        f" p95 {np.percentile(per['capitals'], 95):.0f}), numbers {per['numbers'].mean():.1f};"
        f" {len(index):,} stories (mean size {sizes.mean():.2f}, singletons {np.mean(sizes == 1):.0%})"
    )
    vs = [s.vector(i) for i in range(min(n, 4000))]
    same, other = [], []
    by_story: dict[int, int] = {}
    for i, v in enumerate(vs):
        j = by_story.setdefault(int(s.story[i]), i)
        if j != i:
            same.append(float(v @ vs[j]))
        other.append(float(v @ vs[(i * 7919 + 13) % len(vs)]))
    print(
        f"synthetic vector cosines: same event median {np.median(same):.2f} (p10 {np.percentile(same, 10):.2f},"
        f" p90 {np.percentile(same, 90):.2f}), random pairs median {np.median(other):.2f}"
        f" (p10 {np.percentile(other, 10):.2f}, p90 {np.percentile(other, 90):.2f})"
    )
    print(f"bulk fill: {fill:.1f} s ({n / fill:,.0f} articles/s); postings keys {len(index.postings):,}")
    nbytes = index.nbytes()
    print(
        f"index.nbytes(): {nbytes / 2**20:,.0f} MiB = {nbytes / n:,.0f} B/article;"
        f" VmRSS growth over the fill {grow / n:,.0f} B/article"
    )
    path = tmp / f"stories-{n}"
    t0 = time.perf_counter()
    index.save(path)
    save = time.perf_counter() - t0
    disk = du(path)
    probe = load_in_fresh_process(path)
    print(
        f"save {save:.2f} s, on disk {disk / 2**20:,.0f} MiB = {disk / n:,.0f} B/article;"
        f" load (fresh process) {probe['secs']:.2f} s, VmRSS growth {probe['rss'] / n:,.0f} B/article"
    )
    feats = [s.features(i, vocab) for i in range(n, n + args.queries)]
    m = n + args.queries
    undated = [s.features(i, vocab, dated=False) for i in range(m, m + args.undated_queries)]
    row: dict[str, Any] = {
        "n": n,
        "stories": len(index),
        "fill_s": fill,
        "nbytes": nbytes / n,
        "rss_fill": grow / n,
        "rss_load": probe["rss"] / n,
        "disk": disk / n,
        "save_s": save,
        "load_s": probe["secs"],
    }
    if n <= args.brute_max:
        twin = copy.deepcopy(index)
        br = brute_force(twin, feats[: args.brute_queries], args.brute_budget)
        del twin
        row["brute"] = br
    gc.collect()
    timed = time_assign(index, feats)
    row["ours"] = timed
    made = len(index) - row["stories"]
    pruned = np.array(timed.pruned)
    cands = np.maximum(1, np.array(timed.candidates))
    print(
        f"assign x {len(feats):,} dated (free scoring): wall p50 {ms(timed.wall, 50):.2f} / p99 {ms(timed.wall, 99):.2f}"
        f" / max {ms(timed.wall, 100):.2f} ms; CPU p50 {ms(timed.cpu, 50):.2f} / p99 {ms(timed.cpu, 99):.2f}"
        f" / max {ms(timed.cpu, 100):.2f} ms; candidates mean {np.mean(timed.candidates):.0f}"
        f" (p99 {np.percentile(timed.candidates, 99):.0f}); {made} new stories"
    )
    row["pruned_any"] = float(np.mean(pruned > 0))
    row["pruned_share"] = float(np.mean(pruned / cands))
    print(
        f"time pre-check: skipped candidates for {np.mean(pruned > 0):.1%} of the articles;"
        f" share of candidates skipped mean {np.mean(pruned / cands):.1%} (median {np.median(pruned / cands):.1%});"
        f" candidates scored in full mean {np.mean(np.array(timed.candidates) - pruned):.1f}"
    )
    if undated:
        gc.collect()
        cap = cap_agreement(index, undated)
        row["cap_agree"] = cap
        print(
            f"undated, MAX_SCORED cut against every postings candidate (same state, before timing):"
            f" same best story {cap[0]}/{len(undated)} = {cap[0] / len(undated):.3f};"
            f" cut applied to {cap[1]} articles"
        )
        before = len(index)
        u = time_assign(index, undated)
        row["undated"] = u
        print(
            f"assign x {len(undated):,} undated (no time pruning): wall p50 {ms(u.wall, 50):.2f}"
            f" / p99 {ms(u.wall, 99):.2f} / max {ms(u.wall, 100):.2f} ms; CPU p50 {ms(u.cpu, 50):.2f}"
            f" / p99 {ms(u.cpu, 99):.2f} ms; candidates mean {np.mean(u.candidates):.0f}"
            f" (p99 {np.percentile(u.candidates, 99):.0f}); {len(index) - before} new stories"
        )
    settle = time_settle(index, feats, timed.placed)
    row["settle_ms"] = 1000 * float(np.median(settle))
    print(
        f"settle of each batch of 64 dated articles just assigned (two passes): per article p50"
        f" {1000 * np.median(settle):.2f} / max {1000 * max(settle):.2f} ms"
        f" (assign p50 {ms(timed.wall, 50):.2f} ms)"
    )
    if "brute" in row:
        br = row["brute"]
        k = len(br.timed.wall)
        print(
            f"brute force x {k} dated (all {np.mean(br.live):,.0f} live stories): wall p50 {ms(br.timed.wall, 50):.1f}"
            f" / p99 {ms(br.timed.wall, 99):.1f} ms; CPU p50 {ms(br.timed.cpu, 50):.1f} ms;"
            f" ratio ours/brute p50 wall {ms(timed.wall, 50) / ms(br.timed.wall, 50):.4f},"
            f" CPU {ms(timed.cpu, 50) / ms(br.timed.cpu, 50):.4f}"
        )
        print(
            f"best story, postings vs all stories: agree {br.agree}/{k} = {br.agree / k:.3f};"
            f" brute joins {br.joins}, found among candidates {br.found}"
            + (f" = {br.found / br.joins:.3f}" if br.joins else "")
        )
    if profile and args.profile_n:
        for label, fs in (("dated", feats), ("undated", undated)):
            if not fs:
                continue
            loaded = StoryIndex.load(path)
            k = min(len(fs), args.profile_n)
            print(f"cProfile of assign x {k} {label} on the index loaded from disk (sorted by own time):")
            print(profile_assign(loaded, fs[:k]))
            del loaded
    shutil.rmtree(path, ignore_errors=True)
    del index, s
    gc.collect()
    return row


def print_table(rows: list[dict[str, Any]]) -> None:
    print("\n== summary ==")
    head = (
        f"{'N':>9s} {'stories':>8s} {'fill s':>7s} {'nbytes/art':>10s} {'RSS fill':>9s} {'RSS load':>9s}"
        f" {'disk/art':>9s} {'load s':>7s} {'p50 ms':>7s} {'p99 ms':>7s} {'max ms':>7s} {'cpu p99':>7s}"
        f" {'pruned':>6s} {'und p50':>7s} {'und p99':>7s} {'brute p50':>9s} {'ours/brute':>10s} {'agree':>6s}"
    )
    print(head)
    for r in rows:
        t = r["ours"]
        u = r.get("undated")
        br = r.get("brute")
        und = f" {ms(u.wall, 50):7.2f} {ms(u.wall, 99):7.2f}" if u else f" {'-':>7s} {'-':>7s}"
        tail = (
            f" {ms(br.timed.wall, 50):9.1f} {ms(t.wall, 50) / ms(br.timed.wall, 50):10.4f}"
            f" {br.agree / len(br.timed.wall):6.3f}"
            if br
            else f" {'-':>9s} {'-':>10s} {'-':>6s}"
        )
        print(
            f"{r['n']:9,d} {r['stories']:8,d} {r['fill_s']:7.1f} {r['nbytes']:10,.0f} {r['rss_fill']:9,.0f}"
            f" {r['rss_load']:9,.0f} {r['disk']:9,.0f} {r['load_s']:7.2f} {ms(t.wall, 50):7.2f}"
            f" {ms(t.wall, 99):7.2f} {ms(t.wall, 100):7.2f} {ms(t.cpu, 99):7.2f} {r['pruned_any']:6.1%}"
            + und
            + tail
        )


# -- end to end -------------------------------------------------------------------------


def write_events(n: int, seed: int) -> Path:
    rows = []
    for name in ("basil", "allsides_roundups", "ecbplus"):
        with (DATA / f"{name}.jsonl").open(encoding="utf-8") as fh:
            rows += [json.loads(line) for line in fh if line.strip()]
    random.Random(seed).shuffle(rows)
    WORK.mkdir(parents=True, exist_ok=True)
    path = WORK / f"events-{n}-{seed}.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for r in rows[:n]:
            rec = {"title": r.get("title"), "text": r["text"], "published": r.get("date")}
            rec |= {"outlet": r.get("outlet"), "url": r.get("url")}
            fh.write(json.dumps({k: v for k, v in rec.items() if v}, ensure_ascii=False) + "\n")
    return path


class StageClock:
    """Wall time spent in named functions, patched in for one ingest run."""

    def __init__(self) -> None:
        self.secs: dict[str, float] = {}
        self._active: set[str] = set()
        self._undo: list[tuple[Any, str, Any]] = []

    def wrap(self, owner: Any, name: str, label: str, *, inside: str | None = None) -> None:
        """Time ``owner.name`` as ``label``; with ``inside``, only calls made within that label."""
        real = getattr(owner, name)

        def timed(*a: Any, **k: Any) -> Any:
            if inside is not None and inside not in self._active:
                return real(*a, **k)
            self._active.add(label)
            t0 = time.perf_counter()
            try:
                return real(*a, **k)
            finally:
                self.secs[label] = self.secs.get(label, 0.0) + time.perf_counter() - t0
                self._active.discard(label)

        setattr(owner, name, timed)
        self._undo.append((owner, name, real))

    def restore(self) -> None:
        for owner, name, real in reversed(self._undo):
            setattr(owner, name, real)
        self._undo.clear()


@contextmanager
def stage_clock() -> Iterator[StageClock]:
    from storytrace import pipeline
    from storytrace.grouping import stored
    from storytrace.grouping.stored import StoryTracker
    from storytrace.reuse.stored import StoreLinker

    clock = StageClock()
    clock.wrap(pipeline, "_ingest_batch", "extract+store")
    for name in ("_linker", "_link_stage"):
        clock.wrap(pipeline, name, "reuse")
    clock.wrap(StoreLinker, "save", "reuse")
    for name in ("_tracker", "_story_stage"):
        clock.wrap(pipeline, name, "stories")
    clock.wrap(StoryTracker, "save", "stories")
    for name in ("_reader", "_fact_stage"):
        clock.wrap(pipeline, name, "facts")
    clock.wrap(stored, "featurize", "featurize")
    clock.wrap(StoryIndex, "assign", "index.assign")
    clock.wrap(StoryTracker, "settle", "settle")
    try:
        yield clock
    finally:
        clock.restore()


def bench_e2e(n: int, seed: int, tmp: Path) -> None:
    from storytrace.embed import default_encoder
    from storytrace.grouping.features import featurize, load_nlp, parse_time, vector_encoder
    from storytrace.model import Article
    from storytrace.pipeline import ingest
    from storytrace.settings import Config
    from storytrace.store import Store

    path = write_events(n, seed)
    t0 = time.perf_counter()
    load_nlp()
    load_nlp(parser=True)
    nlp_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    default_encoder().encode(["The model loads on first use."])
    vector_encoder().encode(["The model loads on first use."])
    enc_s = time.perf_counter() - t0
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    dated = sum(parse_time(r.get("published")) is not None for r in rows)
    print(f"\n== end to end: {n} real articles ({path}), {dated} with a readable date ==")
    print(f"model loading, before the runs: spaCy (both pipelines) {nlp_s:.1f} s, MiniLM {enc_s:.1f} s")
    print("CPU s is this process only (helper processes, which load spaCy themselves, not counted)")
    print(
        f"{'reuse':8s} {'stories':7s} {'facts':5s} {'helpers':7s} {'articles':>8s} {'wall s':>7s} {'art/s':>6s}"
        f" {'CPU s':>6s}"
        f" {'extract+store':>13s} {'reuse':>6s} {'stories':>7s} {'(featurize':>10s} {'assign':>7s} {'settle)':>8s}"
        f" {'facts':>6s}"
    )
    rates: dict[tuple[str, str, str, bool], float] = {}
    for reuse, stories, facts, helpers in (
        ("lexical", "on", "off", True),
        ("lexical", "on", "off", False),
        ("lexical", "on", "on", True),
        ("lexical", "on", "on", False),
        ("full", "on", "off", True),
        ("full", "on", "on", True),
        ("full", "on", "on", False),
        ("lexical", "off", "off", True),
    ):
        config = Config.load(env={}, reuse=reuse, stories=stories, facts=facts, helpers=helpers)
        db = tmp / f"e2e-{reuse}-{stories}-{facts}-{helpers}" / "store.db"
        gc.collect()
        with Store.open(db) as store, stage_clock() as clock:
            c0 = time.process_time()
            t0 = time.perf_counter()
            report = ingest(store, [path], config=config)
            wall = time.perf_counter() - t0
            cpu = time.process_time() - c0
        got = len(report.ingested)
        rates[(reuse, stories, facts, helpers)] = got / wall
        secs = dict(clock.secs)
        share = {k: f"{v / wall:.0%}" for k, v in secs.items()}
        print(
            f"{reuse:8s} {stories:7s} {facts:5s} {'on' if helpers else 'off':7s} {got:8d} {wall:7.1f}"
            f" {got / wall:6.1f} {cpu:6.1f}"
            f" {share.get('extract+store', '0%'):>13s} {share.get('reuse', '0%'):>6s}"
            f" {share.get('stories', '0%'):>7s} {share.get('featurize', '0%'):>10s}"
            f" {share.get('index.assign', '0%'):>7s} {share.get('settle', '0%'):>8s}"
            f" {share.get('facts', '0%'):>6s}"
        )
        if report.problems:
            print(f"   ({len(report.problems)} items not stored, e.g. {report.problems[0].reason})")
    for reuse in ("lexical", "full"):
        on, off = rates[(reuse, "on", "on", True)], rates[(reuse, "on", "off", True)]
        verdict = "within" if on >= off / 2 else "OVER"
        print(
            f"facts on / off, reuse={reuse}: {on:.1f} / {off:.1f} articles/s = {on / off:.2f} ({verdict} the 'not halve' limit)"
        )
    # The story stage's own cost: features with and without spaCy and MiniLM.
    articles = [
        Article(id=str(i), text=r["text"], title=r.get("title"), published=r.get("published"))
        for i, r in enumerate(rows)
    ]
    for label, nlp, enc in (
        ("spaCy + MiniLM (as ingest)", "default", vector_encoder()),
        ("spaCy only (encoder=None)", "default", None),
        ("MiniLM only (nlp=None)", None, vector_encoder()),
        ("words only (nlp=None, encoder=None)", None, None),
    ):
        c0 = time.thread_time()
        t0 = time.perf_counter()
        featurize(articles, nlp=nlp, encoder=enc)
        wall, cpu = time.perf_counter() - t0, time.thread_time() - c0
        print(
            f"featurize {label}: {len(articles) / wall:,.0f} articles/s"
            f" ({len(articles) / cpu:,.0f} per CPU s of this thread)"
        )


# -- main -------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", type=int, nargs="*", default=[10_000, 100_000, 1_000_000], help="none: end to end only"
    )
    parser.add_argument("--queries", type=int, default=1000, help="new dated articles assigned and timed")
    parser.add_argument(
        "--undated-queries", type=int, default=300, help="then new articles without time or vector"
    )
    parser.add_argument("--brute-max", type=int, default=100_000, help="largest N compared with brute force")
    parser.add_argument("--brute-queries", type=int, default=300)
    parser.add_argument("--brute-budget", type=float, default=60.0, help="seconds of brute force per size")
    parser.add_argument(
        "--verify-n", type=int, default=2000, help="check the bulk fill against assign (0: skip)"
    )
    parser.add_argument("--profile-n", type=int, default=200, help="assigns profiled at the largest size")
    parser.add_argument("--e2e-n", type=int, default=500)
    parser.add_argument("--no-e2e", action="store_true")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    started = time.perf_counter()
    vocab = make_vocab()
    if args.verify_n:
        s = synth_stream(args.verify_n, args.seed, vocab)
        t0 = time.perf_counter()
        bulk = bulk_fill(s, args.verify_n)
        t_bulk = time.perf_counter() - t0
        t0 = time.perf_counter()
        ref = replay(s, args.verify_n, vocab)
        t_ref = time.perf_counter() - t0
        diffs = compare(bulk, ref)
        print(
            f"bulk fill vs assign(to=story) replay of {args.verify_n:,} articles ({len(ref):,} stories):"
            f" {'identical' if not diffs else 'DIFFER: ' + ', '.join(diffs)}"
            f" (bulk {t_bulk:.2f} s, replay {t_ref:.2f} s)"
        )
    rows = []
    with tempfile.TemporaryDirectory(prefix="story-index-bench-") as d:
        for n in args.sizes:
            rows.append(bench_size(n, args, vocab, Path(d), profile=n == max(args.sizes)))
        if rows:
            print_table(rows)
        if not args.no_e2e:
            bench_e2e(args.e2e_n, 13, Path(d))
    print(f"\ntotal {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
