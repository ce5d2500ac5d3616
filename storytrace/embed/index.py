"""A persistent approximate nearest-neighbour index over sentence vectors.

Used to find rewrite candidates: for each sentence of a new article, the most
similar sentences of earlier articles. Entries are keyed by
``(article_key, sentence_no)``; an article's sentences are added together.

Implementation: faiss ``IndexHNSWSQ`` with 8-bit uniform scalar quantisation
over inner product (= cosine for unit vectors). Why these choices (numbers from
bench/sentence_index_bench.py):

- 8-bit codes take 384 bytes per 384-d sentence instead of 1,536 for float32;
  the quantiser's range is fixed to [-1, 1] (every component of a unit vector
  lies there), so it needs no training data, works from the first article and
  never drifts. Cosine error from quantisation is about 0.002, far below the
  gap between paraphrases and unrelated sentences.
- HNSW gives millisecond queries at millions of sentences and takes additions
  at any time, unlike IVF indexes that need a trained coarse quantiser.
- Additions run faiss single-threaded, so the graph (and therefore every search
  result) is the same for the same insertion order; searches may use threads.

Removal marks an article's sentences dead (filtered out of results, space kept);
``compact()`` rebuilds the graph from the stored codes to reclaim it. Adding an
article key that is already present replaces it.

File format (one file, written to a temporary name then renamed, so a crash
never leaves a half-written index): magic line, 8-byte header length, JSON
header, the key / sentence-number / alive arrays, then faiss's own
serialisation of the HNSW index.
"""

from __future__ import annotations

import json
import os
import struct
import tempfile
import threading
from pathlib import Path

import faiss
import numpy as np

from ..errors import StoreError

_MAGIC = b"STORYTRACE-SENTIDX\n"
_FORMAT_VERSION = 1

#: HNSW out-degree 16 (32 links at level 0), efConstruction 100, efSearch 256.
#: Measured with bench/sentence_index_bench.py's synthetic vectors (a worst
#: case: mostly isotropic noise in 384-d): planted rewrite pairs (cosine >= 0.75)
#: found at 10,000 articles: 0.985 with efSearch 128, 0.999 with 256 (p50 4.5 ms
#: per 20-sentence article), 0.85 with faiss's defaults (40 / 64); M 32 costs
#: 23% more memory for no gain. At 100,000 articles (2 M sentences) efSearch 128
#: found only 0.80: raise ``ef_search`` (a plain attribute, no rebuild needed)
#: if recall on real vectors at that size is short.
DEFAULT_M = 16
DEFAULT_EF_CONSTRUCTION = 100
DEFAULT_EF_SEARCH = 256

Hit = tuple[int, int, float]


class _Grow:
    """A numpy array with amortised appends (list-like growth, array-like reads)."""

    def __init__(self, dtype: type | np.dtype, data: np.ndarray | None = None) -> None:
        self.buf = np.empty(64, dtype=dtype) if data is None else np.array(data, dtype=dtype)
        self.n = 0 if data is None else len(data)

    def extend(self, values: np.ndarray) -> None:
        need = self.n + len(values)
        if need > len(self.buf):
            new = np.empty(max(need, 2 * len(self.buf)), dtype=self.buf.dtype)
            new[: self.n] = self.buf[: self.n]
            self.buf = new
        self.buf[self.n : need] = values
        self.n = need

    @property
    def view(self) -> np.ndarray:
        return self.buf[: self.n]


def _as_queries(vectors: np.ndarray, dim: int) -> np.ndarray:
    x = np.asarray(vectors, dtype=np.float32)
    if x.ndim == 1 and x.size == dim:
        x = x[None, :]
    if x.ndim != 2 or (x.shape[0] and x.shape[1] != dim):
        raise ValueError(f"expected vectors of shape (n, {dim}), got {x.shape}")
    if x.shape[0] == 0:
        return x.reshape(0, dim)
    if not np.isfinite(x).all():
        raise ValueError("vectors contain NaN or infinity")
    # Normalise defensively: inner product is cosine only for unit vectors.
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return np.ascontiguousarray(x / np.maximum(norms, 1e-12), dtype=np.float32)


class SentenceIndex:
    """ANN index of sentence vectors keyed by ``(article_key, sentence_no)``.

    Thread-safe: one lock serialises additions, removals and searches.
    """

    def __init__(
        self,
        dim: int = 384,
        *,
        m: int = DEFAULT_M,
        ef_construction: int = DEFAULT_EF_CONSTRUCTION,
        ef_search: int = DEFAULT_EF_SEARCH,
    ) -> None:
        if dim < 1 or m < 2 or ef_construction < 1 or ef_search < 1:
            raise ValueError("dim, m, ef_construction and ef_search must be positive (m >= 2)")
        self.dim = dim
        self.m = m
        self.ef_construction = ef_construction
        self.ef_search = ef_search
        self._index = self._new_faiss_index()
        self._keys = _Grow(np.int64)
        self._snos = _Grow(np.int32)
        self._alive = _Grow(np.bool_)
        self._spans: dict[int, tuple[int, int]] = {}  # article_key -> (first id, count)
        self._dead = 0
        self._lock = threading.RLock()

    def _new_faiss_index(self) -> faiss.Index:
        index = faiss.IndexHNSWSQ(
            self.dim, faiss.ScalarQuantizer.QT_8bit_uniform, self.m, faiss.METRIC_INNER_PRODUCT
        )
        index.hnsw.efConstruction = self.ef_construction
        index.hnsw.efSearch = self.ef_search
        # Fix the quantiser's range to [-1, 1]: no training data needed, no drift.
        index.train(np.stack([-np.ones(self.dim), np.ones(self.dim)]).astype(np.float32))
        return index

    # -- size ---------------------------------------------------------------

    def __len__(self) -> int:
        """Live sentences."""
        return self._keys.n - self._dead

    @property
    def n_articles(self) -> int:
        return len(self._spans)

    def __contains__(self, article_key: object) -> bool:
        return article_key in self._spans

    @property
    def nbytes(self) -> int:
        """Bytes held in memory: quantised codes, HNSW links, and the key arrays."""
        with self._lock:
            hnsw = self._index.hnsw
            storage = faiss.downcast_index(self._index.storage)
            faiss_bytes = (
                storage.codes.size()
                + hnsw.neighbors.size() * 4
                + hnsw.levels.size() * 4
                + hnsw.offsets.size() * 8
                + hnsw.assign_probas.size() * 8
            )
            ours = self._keys.buf.nbytes + self._snos.buf.nbytes + self._alive.buf.nbytes
            return int(faiss_bytes + ours + len(self._spans) * 100)  # ~100 B per dict entry

    # -- changes -----------------------------------------------------------

    def add(self, article_key: int, vectors: np.ndarray) -> None:
        """Add one article's sentence vectors (row i is sentence_no i).

        Re-adding a present ``article_key`` replaces its sentences.
        """
        x = _as_queries(vectors, self.dim)
        key = int(article_key)
        with self._lock:
            if key in self._spans:
                self.remove(key)
            start = self._keys.n
            if len(x):
                threads = faiss.omp_get_max_threads()
                faiss.omp_set_num_threads(1)  # deterministic graph for a given insertion order
                try:
                    self._index.add(x)
                finally:
                    faiss.omp_set_num_threads(threads)
            self._keys.extend(np.full(len(x), key, dtype=np.int64))
            self._snos.extend(np.arange(len(x), dtype=np.int32))
            self._alive.extend(np.ones(len(x), dtype=np.bool_))
            self._spans[key] = (start, len(x))

    def remove(self, article_key: int) -> bool:
        """Drop an article from results; True if it was present. Space is kept until ``compact()``."""
        with self._lock:
            span = self._spans.pop(int(article_key), None)
            if span is None:
                return False
            start, count = span
            self._alive.view[start : start + count] = False
            self._dead += count
            return True

    def compact(self) -> None:
        """Rebuild without removed sentences (re-inserts the stored 8-bit codes, same order)."""
        with self._lock:
            if not self._dead:
                return
            alive = self._alive.view
            keep = np.flatnonzero(alive)
            old = self._index
            fresh = SentenceIndex(
                self.dim, m=self.m, ef_construction=self.ef_construction, ef_search=self.ef_search
            )
            keys, snos = self._keys.view, self._snos.view
            for key, (start, count) in sorted(self._spans.items(), key=lambda kv: kv[1][0]):
                vecs = (
                    old.storage.reconstruct_n(start, count) if count else np.zeros((0, self.dim), np.float32)
                )
                fresh.add(key, vecs)
            assert len(fresh) == len(keep) and (fresh._keys.view == keys[keep]).all()
            assert (fresh._snos.view == snos[keep]).all()
            self.__dict__.update({k: v for k, v in fresh.__dict__.items() if k != "_lock"})

    # -- queries -----------------------------------------------------------

    def _search_ids(
        self, x: np.ndarray, k: int, min_similarity: float, exclude: int | None
    ) -> list[list[Hit]]:
        """Per query, up to ``k`` live hits at or above the threshold, best first."""
        results: list[list[Hit]] = [[] for _ in range(len(x))]
        total = self._index.ntotal
        if not len(x) or not total or k < 1:
            return results
        keys, snos, alive = self._keys.view, self._snos.view, self._alive.view
        skip = self._spans.get(exclude, (0, 0))[1] if exclude is not None else 0
        fetch = min(total, k + skip + min(self._dead, k) + 2)
        pending = np.arange(len(x))
        while len(pending):
            params = faiss.SearchParametersHNSW(efSearch=max(self.ef_search, fetch))
            sims, ids = self._index.search(x[pending], fetch, params=params)
            again = []
            for row, q in enumerate(pending):
                hits: list[Hit] = []
                last_sim = -2.0
                for sim, i in zip(sims[row], ids[row], strict=True):
                    if i < 0:
                        break
                    last_sim = float(sim)
                    if sim < min_similarity:
                        break
                    if not alive[i] or (exclude is not None and keys[i] == exclude):
                        continue
                    hits.append((int(keys[i]), int(snos[i]), min(1.0, float(sim))))
                # Dead or excluded entries may have pushed live ones out: fetch more.
                if len(hits) < k and last_sim >= min_similarity and fetch < total:
                    again.append(q)
                hits.sort(key=lambda h: (-h[2], h[0], h[1]))
                results[q] = hits[:k]
            pending = np.array(again, dtype=np.int64)
            fetch = min(total, fetch * 2)
        return results

    def search(self, vectors: np.ndarray, k: int = 10, min_similarity: float = 0.75) -> list[list[Hit]]:
        """Per query vector: ``(article_key, sentence_no, cosine)`` hits >= threshold, best first.

        Cosines come from the 8-bit codes (error about 0.002).
        """
        x = _as_queries(vectors, self.dim)
        with self._lock:
            return self._search_ids(x, k, min_similarity, None)

    def article_hits(
        self,
        vectors: np.ndarray,
        k: int = 10,
        min_similarity: float = 0.75,
        exclude: int | None = None,
    ) -> dict[int, list[tuple[int, int, float]]]:
        """Hits grouped by candidate article: ``{article_key: [(query_no, matched_no, cosine)]}``.

        ``exclude`` (usually the query article's own key) never appears. Within
        an article, pairs are best first; articles come in order of their best pair.
        """
        x = _as_queries(vectors, self.dim)
        with self._lock:
            per_query = self._search_ids(x, k, min_similarity, exclude)
        groups: dict[int, list[tuple[int, int, float]]] = {}
        for qno, hits in enumerate(per_query):
            for key, sno, sim in hits:
                groups.setdefault(key, []).append((qno, sno, sim))
        for pairs in groups.values():
            pairs.sort(key=lambda p: (-p[2], p[0], p[1]))
        return dict(sorted(groups.items(), key=lambda kv: (-kv[1][0][2], kv[0])))

    # -- persistence ---------------------------------------------------------

    def save(self, path: Path) -> None:
        """Write atomically: a temporary file in the same folder, fsynced, then renamed."""
        path = Path(path)
        with self._lock:
            header = json.dumps(
                {
                    "version": _FORMAT_VERSION,
                    "dim": self.dim,
                    "m": self.m,
                    "ef_construction": self.ef_construction,
                    "ef_search": self.ef_search,
                    "n": self._keys.n,
                    "dead": self._dead,
                    "spans": [[k, s, c] for k, (s, c) in self._spans.items()],
                }
            ).encode()
            blob = faiss.serialize_index(self._index)
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(_MAGIC)
                    f.write(struct.pack("<Q", len(header)))
                    f.write(header)
                    f.write(self._keys.view.tobytes())
                    f.write(self._snos.view.tobytes())
                    f.write(self._alive.view.tobytes())
                    f.write(blob.tobytes())
                    f.flush()
                    os.fsync(f.fileno())
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise

    @classmethod
    def load(cls, path: Path) -> SentenceIndex:
        """Read an index written by ``save``; ``StoreError`` if it is not one or is damaged."""
        path = Path(path)
        try:
            raw = np.fromfile(path, dtype=np.uint8)
        except OSError as exc:
            raise StoreError(f"cannot read sentence index {path}: {exc}") from exc
        data = memoryview(raw)
        try:
            if bytes(data[: len(_MAGIC)]) != _MAGIC:
                raise ValueError("not a storytrace sentence index")
            pos = len(_MAGIC)
            (hlen,) = struct.unpack("<Q", data[pos : pos + 8])
            pos += 8
            header = json.loads(bytes(data[pos : pos + hlen]))
            pos += hlen
            if header["version"] != _FORMAT_VERSION:
                raise ValueError(
                    f"format version {header['version']} (this storytrace reads {_FORMAT_VERSION})"
                )
            n = int(header["n"])
            keys = np.frombuffer(data[pos : pos + 8 * n], dtype=np.int64)
            pos += 8 * n
            snos = np.frombuffer(data[pos : pos + 4 * n], dtype=np.int32)
            pos += 4 * n
            alive = np.frombuffer(data[pos : pos + n], dtype=np.bool_)
            pos += n
            index = faiss.deserialize_index(raw[pos:])
            if index.ntotal != n or index.d != header["dim"] or len(keys) != n or len(alive) != n:
                raise ValueError("sizes do not match")
        except (ValueError, KeyError, struct.error, RuntimeError) as exc:
            raise StoreError(
                f"sentence index {path} is damaged or not an index ({exc}); delete it and rebuild from the store"
            ) from exc
        self = cls(
            header["dim"],
            m=header["m"],
            ef_construction=header["ef_construction"],
            ef_search=header["ef_search"],
        )
        self._index = index  # already the concrete class, and owned by this wrapper
        self._index.hnsw.efSearch = self.ef_search
        self._keys = _Grow(np.int64, keys)
        self._snos = _Grow(np.int32, snos)
        self._alive = _Grow(np.bool_, alive)
        self._spans = {int(k): (int(s), int(c)) for k, s, c in header["spans"]}
        self._dead = int(header["dead"])
        return self
