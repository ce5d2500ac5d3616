"""Compact, persistent candidate indexes for copies and partial reuse.

Two indexes, both keyed by integer article keys (0 <= key < 2**31, e.g. SQLite
rowids) and both built from flat numpy arrays, so a million articles fit in a
few hundred bytes each, load by memory-mapping and answer in well under a
millisecond:

``CopyIndex``: banded LSH over MinHash signatures (whole-article copies).
    The signature's first ``bands * rows`` values are cut into ``bands`` bands
    of ``rows`` values; two articles become candidates when any band is equal.
    For a pair at Jaccard similarity J (word 5-gram sets) that happens with
    probability ``1 - (1 - J**rows) ** bands``. The default 64 x 2 gives:

    ======  =====  =====  =====  =====  =====  =====  =====
    J       0.02   0.05   0.10   0.20   0.30   0.40   0.50
    P       0.025  0.15   0.47   0.93   0.998  1.000  1.000
    ======  =====  =====  =====  =====  =====  =====  =====

    Edited wire copies (new headline, trimmed ending, boilerplate: J ~ 0.3-0.5)
    are found almost surely; 32 x 4 would miss a quarter of the J = 0.3 ones
    (P = 0.23) and 42 x 3 a third (P = 0.68). Candidates come back ordered by
    the number of equal bands (about ``bands * J**rows``), so the caller can
    verify the likeliest first. Each band stores a 32-bit band hash and an
    int32 key, sorted by (hash, key): 8 bytes a band, 512 bytes an article.
    A 32-bit band hash collides by chance with probability n / 2**32 per band,
    about 0.015 spurious candidates a query at a million articles: cheap to
    verify, and half the memory of 64-bit hashes.

``PassageIndex``: exact sentence fingerprints (partial reuse).
    MinHash Jaccard is weak for two pasted paragraphs in an otherwise different
    article (J ~ 0.1-0.2), so every sentence of six words or more is hashed
    (``fingerprint.sentence_hashes``) and any shared sentence makes a
    candidate, with the number of shared sentences as its weight. A sentence
    found in more than ``max_df`` articles (boilerplate, "all rights reserved")
    is left out of the answer: it says nothing about reuse.

Both take adds incrementally: new entries go to a small unsorted delta that
queries scan with one vectorised comparison and that is merged into the sorted
arrays (a linear merge, not a re-sort) when it reaches ``max_delta`` entries.
Removal marks a tombstone, applied at the next merge. ``save`` writes ``.npy``
files into a temporary folder and renames it into place; ``load`` memory-maps.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from storytrace.reuse.fingerprint import EMPTY_VALUE, MINHASH_ALGORITHM, sentence_hashes

__all__ = ["CopyIndex", "PassageIndex", "band_hashes", "candidate_probability"]

# 2: sentence fingerprints end at line breaks.
_FORMAT_VERSION = 2
_MAX_KEY = 2**31 - 1
_U64 = np.uint64
_M1 = _U64(0xBF58476D1CE4E5B9)
_M2 = _U64(0x94D049BB133111EB)
_ROW_MUL = _U64(0x9E3779B97F4A7C15)
_S30, _S27, _S31, _S32 = _U64(30), _U64(27), _U64(31), _U64(32)


def candidate_probability(jaccard: float, bands: int, rows: int) -> float:
    """The chance that a pair at this Jaccard similarity shares at least one band."""
    return 1.0 - (1.0 - jaccard**rows) ** bands


def band_hashes(signatures: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """32-bit hashes of each band of each signature: (n, bands) uint32 for (n, num_perm) input."""
    sig = np.asarray(signatures, dtype=np.uint32)
    if sig.ndim == 1:
        sig = sig[None, :]
    if sig.shape[1] < bands * rows:
        raise ValueError(f"signatures have {sig.shape[1]} values, need bands*rows = {bands * rows}")
    v = sig[:, : bands * rows].reshape(sig.shape[0], bands, rows).astype(np.uint64)
    h = v[:, :, 0].copy()
    for r in range(1, rows):
        h *= _ROW_MUL
        h += v[:, :, r]
    h ^= h >> _S30  # splitmix64 finaliser; keep the well-mixed high half
    h *= _M1
    h ^= h >> _S27
    h *= _M2
    h ^= h >> _S31
    return (h >> _S32).astype(np.uint32)


def _check_key(key: int) -> int:
    key = int(key)
    if not 0 <= key <= _MAX_KEY:
        raise ValueError(f"article key must be in 0..2**31-1, got {key}")
    return key


def _check_keys(keys: Iterable[int]) -> np.ndarray:
    arr = np.asarray(list(keys) if not isinstance(keys, np.ndarray) else keys, dtype=np.int64)
    if arr.size and (arr.min() < 0 or arr.max() > _MAX_KEY):
        raise ValueError("article keys must be in 0..2**31-1")
    return arr.astype(np.int32)


def _write_folder_atomically(path: Path, arrays: dict[str, np.ndarray], meta: dict[str, Any]) -> None:
    """Write ``arrays`` as .npy and ``meta`` as meta.json into ``path``, replacing it whole.

    Files go to a sibling temporary folder first (fsynced), which is then renamed
    into place, so a reader never sees a half-written index. (Between the two
    renames that replace an existing folder, ``path`` briefly does not exist.)
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.tmp-{os.getpid()}"
    old = path.parent / f".{path.name}.old-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    for name, arr in arrays.items():
        with open(tmp / f"{name}.npy", "wb") as fh:
            np.save(fh, np.ascontiguousarray(arr))
            fh.flush()
            os.fsync(fh.fileno())
    with open(tmp / "meta.json", "w", encoding="utf-8") as fh:
        json.dump(meta, fh, indent=1, sort_keys=True)
        fh.flush()
        os.fsync(fh.fileno())
    if path.exists():
        os.replace(path, old)
    os.replace(tmp, path)
    shutil.rmtree(old, ignore_errors=True)


def _read_meta(path: Path, kind: str) -> dict[str, Any]:
    meta_path = Path(path) / "meta.json"
    if not meta_path.is_file():
        raise FileNotFoundError(f"no {kind} at {path} (meta.json missing)")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    if meta.get("kind") != kind or meta.get("format") != _FORMAT_VERSION:
        raise ValueError(f"{path} holds {meta.get('kind')} format {meta.get('format')}, not {kind}")
    return meta


def _merge_sorted(
    main_h: np.ndarray, main_k: np.ndarray, add_h: np.ndarray, add_k: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Merge (hash, key) pairs into arrays sorted by hash: linear in the main size."""
    order = np.lexsort((add_k, add_h))
    add_h, add_k = add_h[order], add_k[order]
    if main_h.size == 0:
        return add_h, add_k
    pos = np.searchsorted(main_h, add_h, side="right")
    return np.insert(main_h, pos, add_h), np.insert(main_k, pos, add_k)


class _Tombstones:
    """Keys removed from the sorted (main) arrays, applied at the next merge."""

    def __init__(self) -> None:
        self.keys: set[int] = set()
        self._arr: np.ndarray | None = None

    def add(self, key: int) -> None:
        self.keys.add(key)
        self._arr = None

    def array(self) -> np.ndarray:
        if self._arr is None:
            self._arr = np.array(sorted(self.keys), dtype=np.int32)
        return self._arr

    def clear(self) -> None:
        self.keys.clear()
        self._arr = None


class CopyIndex:
    """Banded MinHash LSH for whole-article copy candidates (see the module docstring).

    ``max_bucket`` caps how many keys one band bucket returns (the earliest keys
    win): a story reprinted at thousands of URLs must not make every query slow.
    """

    def __init__(
        self,
        num_perm: int = 128,
        bands: int = 64,
        rows: int = 2,
        *,
        max_bucket: int = 256,
        max_delta: int = 8192,
    ) -> None:
        if bands < 1 or rows < 1 or bands * rows > num_perm:
            raise ValueError(f"need bands*rows <= num_perm, got {bands}x{rows} > {num_perm}")
        self.num_perm = num_perm
        self.bands = bands
        self.rows = rows
        self.max_bucket = max_bucket
        self.max_delta = max_delta
        self._hashes = np.empty((bands, 0), dtype=np.uint32)  # each row sorted by (hash, key)
        self._keys = np.empty((bands, 0), dtype=np.int32)
        self._members = np.empty(0, dtype=np.int32)  # sorted keys in the main arrays
        self._dead = _Tombstones()
        self._delta_h = np.empty((64, bands), dtype=np.uint32)
        self._delta_k = np.empty(64, dtype=np.int32)  # -1 marks a removed delta entry
        self._delta_n = 0
        self._delta_pos: dict[int, int] = {}

    # -- size ------------------------------------------------------------------------
    def __len__(self) -> int:
        return int(self._members.size) - len(self._dead.keys) + len(self._delta_pos)

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, (int, np.integer)):
            return False
        key = int(key)
        return key in self._delta_pos or (self._in_main(key) and key not in self._dead.keys)

    @property
    def nbytes(self) -> int:
        """Bytes held by the index arrays (memory-mapped arrays count at their full size)."""
        return int(
            self._hashes.nbytes
            + self._keys.nbytes
            + self._members.nbytes
            + self._delta_h.nbytes
            + self._delta_k.nbytes
        )

    def _in_main(self, key: int) -> bool:
        i = int(np.searchsorted(self._members, key))
        return i < self._members.size and int(self._members[i]) == key

    # -- adding and removing -----------------------------------------------------------
    def add(self, key: int, signature: np.ndarray) -> bool:
        """Index one signature under ``key`` (replacing an earlier one).

        Returns False, and indexes nothing, for the signature of an empty text:
        all empty texts would share every band.
        """
        return self.add_many([key], np.asarray(signature)[None, :]) == 1

    def add_many(self, keys: Sequence[int] | np.ndarray, signatures: np.ndarray) -> int:
        """Index many signatures ((n, num_perm) array); returns how many were indexed."""
        karr = _check_keys(keys)
        sig = np.asarray(signatures, dtype=np.uint32)
        if sig.ndim != 2 or sig.shape[0] != karr.size or sig.shape[1] != self.num_perm:
            raise ValueError(f"need ({karr.size}, {self.num_perm}) signatures, got {sig.shape}")
        keep = ~(sig == EMPTY_VALUE).all(axis=1)
        karr, sig = karr[keep], sig[keep]
        if karr.size == 0:
            return 0
        # Last one wins when a batch repeats a key.
        _, last = np.unique(karr[::-1], return_index=True)
        if last.size != karr.size:
            idx = np.sort(karr.size - 1 - last)
            karr, sig = karr[idx], sig[idx]
        if self._members.size or self._delta_pos:
            for key in karr.tolist():
                self._drop(key)
        bh = band_hashes(sig, self.bands, self.rows)
        if self._members.size == 0 and self._delta_n == 0 and karr.size >= self.max_delta:
            self._bulk_load(karr, bh)
            return int(karr.size)
        start = 0
        while start < karr.size:
            room = self.max_delta - self._delta_n
            take = min(room, karr.size - start)
            self._append_delta(karr[start : start + take], bh[start : start + take])
            start += take
            if self._delta_n >= self.max_delta:
                self._merge()
        return int(karr.size)

    def _append_delta(self, keys: np.ndarray, bh: np.ndarray) -> None:
        need = self._delta_n + keys.size
        if need > self._delta_k.size:
            cap = max(need, 2 * self._delta_k.size)
            grown_h = np.empty((cap, self.bands), dtype=np.uint32)
            grown_k = np.empty(cap, dtype=np.int32)
            grown_h[: self._delta_n] = self._delta_h[: self._delta_n]
            grown_k[: self._delta_n] = self._delta_k[: self._delta_n]
            self._delta_h, self._delta_k = grown_h, grown_k
        self._delta_h[self._delta_n : need] = bh
        self._delta_k[self._delta_n : need] = keys
        for i, key in enumerate(keys.tolist()):
            self._delta_pos[key] = self._delta_n + i
        self._delta_n = need

    def _bulk_load(self, keys: np.ndarray, bh: np.ndarray) -> None:
        # Sort (hash << 32 | key) per band: one uint64 sort instead of a lexsort.
        combined = (bh.T.astype(np.uint64) << _S32) | keys.astype(np.uint64)[None, :]
        combined.sort(axis=1)
        self._hashes = (combined >> _S32).astype(np.uint32)
        self._keys = (combined & _U64(0xFFFFFFFF)).astype(np.int32)
        self._members = np.sort(keys)

    def _drop(self, key: int) -> None:
        pos = self._delta_pos.pop(key, None)
        if pos is not None:
            self._delta_k[pos] = -1
        if self._in_main(key):
            self._dead.add(key)

    def remove(self, key: int) -> bool:
        """Forget ``key``; returns whether it was indexed."""
        key = int(key)
        present = key in self
        self._drop(key)
        return present

    def _merge(self) -> None:
        """Fold the delta into the sorted arrays and apply tombstones."""
        hashes, keys, members = self._hashes, self._keys, self._members
        if self._dead.keys:
            dead = self._dead.array()
            alive = ~np.isin(keys, dead)  # every row holds each key once: same count per row
            n_alive = int(alive[0].sum()) if keys.size else 0
            hashes = hashes[alive].reshape(self.bands, n_alive)
            keys = keys[alive].reshape(self.bands, n_alive)
            members = members[~np.isin(members, dead)]
        live = self._delta_k[: self._delta_n] >= 0
        dk = self._delta_k[: self._delta_n][live]
        dh = self._delta_h[: self._delta_n][live]
        if dk.size:
            new_h = np.empty((self.bands, hashes.shape[1] + dk.size), dtype=np.uint32)
            new_k = np.empty_like(new_h, dtype=np.int32)
            for b in range(self.bands):
                new_h[b], new_k[b] = _merge_sorted(hashes[b], keys[b], dh[:, b], dk)
            hashes, keys = new_h, new_k
            members = np.union1d(members, dk).astype(np.int32)
        self._hashes, self._keys, self._members = hashes, keys, members
        self._dead.clear()
        self._delta_n = 0
        self._delta_pos.clear()

    def compact(self) -> None:
        """Merge pending adds and removals into the sorted arrays now."""
        if self._delta_n or self._dead.keys:
            self._merge()

    # -- querying ----------------------------------------------------------------------
    def query_hits(
        self, signature: np.ndarray, exclude: int | None = None, min_hits: int = 1
    ) -> tuple[np.ndarray, np.ndarray]:
        """Candidate keys and their number of equal bands, most hits first (then lowest key)."""
        sig = np.asarray(signature, dtype=np.uint32)
        if sig.shape != (self.num_perm,):
            raise ValueError(f"need a signature of {self.num_perm} values, got {sig.shape}")
        if (sig == EMPTY_VALUE).all():
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
        bh = band_hashes(sig, self.bands, self.rows)[0]
        parts: list[np.ndarray] = []
        if self._hashes.shape[1]:
            for b in range(self.bands):
                row = self._hashes[b]
                lo = int(row.searchsorted(bh[b], "left"))
                hi = int(row.searchsorted(bh[b], "right"))
                if hi > lo:
                    parts.append(self._keys[b, lo : min(hi, lo + self.max_bucket)])
        found = np.concatenate(parts) if parts else np.empty(0, dtype=np.int32)
        if self._dead.keys and found.size:
            found = found[~np.isin(found, self._dead.array())]
        if self._delta_n:
            eq = self._delta_h[: self._delta_n] == bh[None, :]
            counts = eq.sum(axis=1)
            rows = np.flatnonzero((counts > 0) & (self._delta_k[: self._delta_n] >= 0))
            if rows.size:
                found = np.concatenate([found, np.repeat(self._delta_k[rows], counts[rows])])
        if found.size == 0:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
        keys, hits = np.unique(found, return_counts=True)
        keep = hits >= min_hits
        if exclude is not None:
            keep &= keys != exclude
        keys, hits = keys[keep].astype(np.int64), hits[keep].astype(np.int64)
        order = np.lexsort((keys, -hits))
        return keys[order], hits[order]

    def query(self, signature: np.ndarray, exclude: int | None = None, min_hits: int = 1) -> list[int]:
        """Candidate keys sharing at least ``min_hits`` bands, most band hits first."""
        return self.query_hits(signature, exclude=exclude, min_hits=min_hits)[0].tolist()

    # -- persistence -------------------------------------------------------------------
    def save(self, path: Path) -> None:
        """Write the index as .npy files in folder ``path`` (atomically replaced)."""
        self.compact()
        meta = {
            "kind": "CopyIndex",
            "format": _FORMAT_VERSION,
            "num_perm": self.num_perm,
            "bands": self.bands,
            "rows": self.rows,
            "max_bucket": self.max_bucket,
            "max_delta": self.max_delta,
            "minhash": MINHASH_ALGORITHM,
            "count": int(self._members.size),
        }
        arrays = {"hashes": self._hashes, "keys": self._keys, "members": self._members}
        _write_folder_atomically(Path(path), arrays, meta)

    @classmethod
    def load(cls, path: Path, *, mmap: bool = True) -> CopyIndex:
        """Open a saved index; memory-mapped (read on demand) unless ``mmap`` is False.

        Raises ValueError when the index was built with another MinHash
        algorithm: its signatures would not match new ones.
        """
        meta = _read_meta(Path(path), "CopyIndex")
        if meta["minhash"] != MINHASH_ALGORITHM:
            raise ValueError(
                f"{path} was built with {meta['minhash']}, this version uses {MINHASH_ALGORITHM}: rebuild it"
            )
        index = cls(
            meta["num_perm"],
            meta["bands"],
            meta["rows"],
            max_bucket=meta["max_bucket"],
            max_delta=meta["max_delta"],
        )
        mode = "r" if mmap else None
        index._hashes = np.load(Path(path) / "hashes.npy", mmap_mode=mode)
        index._keys = np.load(Path(path) / "keys.npy", mmap_mode=mode)
        index._members = np.load(Path(path) / "members.npy", mmap_mode=mode)
        return index


class PassageIndex:
    """Sentence fingerprints -> article keys, for partial-reuse candidates.

    Stored as one uint64 hash array sorted by hash and a parallel int32 key
    array: 12 bytes a sentence.
    """

    def __init__(self, *, min_words: int = 6, max_df: int = 64, max_delta: int = 65536) -> None:
        self.min_words = min_words
        self.max_df = max_df
        self.max_delta = max_delta
        self._hashes = np.empty(0, dtype=np.uint64)
        self._keys = np.empty(0, dtype=np.int32)
        self._members = np.empty(0, dtype=np.int32)
        self._dead = _Tombstones()
        self._delta: dict[int, np.ndarray] = {}  # key -> its unique sentence hashes
        self._delta_cache: tuple[np.ndarray, np.ndarray] | None = None
        self._delta_size = 0

    def __len__(self) -> int:
        return int(self._members.size) - len(self._dead.keys) + len(self._delta)

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, (int, np.integer)):
            return False
        key = int(key)
        return key in self._delta or (self._in_main(key) and key not in self._dead.keys)

    @property
    def nbytes(self) -> int:
        """Bytes held by the index arrays, the delta included."""
        delta = sum(h.nbytes for h in self._delta.values())
        return int(self._hashes.nbytes + self._keys.nbytes + self._members.nbytes + delta)

    def _in_main(self, key: int) -> bool:
        i = int(np.searchsorted(self._members, key))
        return i < self._members.size and int(self._members[i]) == key

    def fingerprints(self, text: str) -> np.ndarray:
        """The sentence hashes this index uses for ``text``."""
        return sentence_hashes(text, min_words=self.min_words)

    def add_text(self, key: int, text: str) -> int:
        """Index the sentences of ``text`` under ``key``; returns how many were indexed."""
        return self.add(key, self.fingerprints(text))

    def add(self, key: int, hashes: np.ndarray) -> int:
        """Index sentence hashes under ``key`` (replacing earlier ones); returns their number."""
        key = _check_key(key)
        self._drop(key)
        h = np.unique(np.asarray(hashes, dtype=np.uint64))
        if h.size == 0:
            return 0
        self._delta[key] = h
        self._delta_size += h.size
        self._delta_cache = None
        if self._delta_size >= self.max_delta:
            self._merge()
        return int(h.size)

    def add_many(self, keys: Sequence[int] | np.ndarray, hash_lists: Sequence[np.ndarray]) -> int:
        """Index many articles' sentence hashes at once; returns the number of hashes indexed."""
        karr = _check_keys(keys)
        if karr.size != len(hash_lists):
            raise ValueError(f"{karr.size} keys but {len(hash_lists)} hash lists")
        if (
            self._members.size == 0
            and not self._delta
            and karr.size >= 1024
            and np.unique(karr).size == karr.size
        ):
            uniq = [np.unique(np.asarray(h, dtype=np.uint64)) for h in hash_lists]
            sizes = np.fromiter((u.size for u in uniq), dtype=np.int64, count=len(uniq))
            flat_h = np.concatenate(uniq) if uniq else np.empty(0, dtype=np.uint64)
            flat_k = np.repeat(karr, sizes)
            order = np.lexsort((flat_k, flat_h))
            self._hashes, self._keys = flat_h[order], flat_k[order]
            self._members = np.sort(karr[sizes > 0])
            return int(flat_h.size)
        return sum(self.add(int(k), h) for k, h in zip(karr.tolist(), hash_lists, strict=True))

    def _drop(self, key: int) -> None:
        h = self._delta.pop(key, None)
        if h is not None:
            self._delta_size -= h.size
            self._delta_cache = None
        if self._in_main(key):
            self._dead.add(key)

    def remove(self, key: int) -> bool:
        """Forget ``key``; returns whether it was indexed."""
        key = int(key)
        present = key in self
        self._drop(key)
        return present

    def _delta_arrays(self) -> tuple[np.ndarray, np.ndarray]:
        if self._delta_cache is None:
            if self._delta:
                hs = list(self._delta.values())
                sizes = np.fromiter((h.size for h in hs), dtype=np.int64, count=len(hs))
                keys = np.repeat(np.fromiter(self._delta.keys(), dtype=np.int32, count=len(hs)), sizes)
                self._delta_cache = (np.concatenate(hs), keys)
            else:
                self._delta_cache = (np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.int32))
        return self._delta_cache

    def _merge(self) -> None:
        hashes, keys, members = self._hashes, self._keys, self._members
        if self._dead.keys:
            dead = self._dead.array()
            alive = ~np.isin(keys, dead)
            hashes, keys = hashes[alive], keys[alive]
            members = members[~np.isin(members, dead)]
        dh, dk = self._delta_arrays()
        if dh.size:
            hashes, keys = _merge_sorted(hashes, keys, dh, dk)
            members = np.union1d(members, np.fromiter(self._delta.keys(), dtype=np.int32)).astype(np.int32)
        self._hashes, self._keys, self._members = hashes, keys, members
        self._dead.clear()
        self._delta.clear()
        self._delta_size = 0
        self._delta_cache = None

    def compact(self) -> None:
        """Merge pending adds and removals into the sorted arrays now."""
        if self._delta or self._dead.keys:
            self._merge()

    def query(
        self, hashes: np.ndarray, exclude: int | None = None, max_df: int | None = None
    ) -> dict[int, int]:
        """Candidate key -> number of shared sentence fingerprints, most shared first.

        Sentences held by more than ``max_df`` articles (default: the index's)
        are ignored as boilerplate.
        """
        max_df = self.max_df if max_df is None else max_df
        q = np.unique(np.asarray(hashes, dtype=np.uint64))
        if q.size == 0:
            return {}
        lo = self._hashes.searchsorted(q, "left")
        hi = self._hashes.searchsorted(q, "right")
        df = hi - lo
        dh, dk = self._delta_arrays()
        in_delta = np.isin(dh, q) if dh.size else np.zeros(0, dtype=bool)
        if in_delta.any():
            d_pos = np.searchsorted(q, dh[in_delta])
            df = df + np.bincount(d_pos, minlength=q.size)
        common = df > max_df
        parts = [
            self._keys[a:b]
            for a, b, c in zip(lo.tolist(), hi.tolist(), common.tolist(), strict=True)
            if b > a and not c
        ]
        found = np.concatenate(parts) if parts else np.empty(0, dtype=np.int32)
        if self._dead.keys and found.size:
            found = found[~np.isin(found, self._dead.array())]
        if in_delta.any():
            d_keep = ~common[np.searchsorted(q, dh[in_delta])]
            found = np.concatenate([found, dk[in_delta][d_keep]])
        if found.size == 0:
            return {}
        keys, counts = np.unique(found, return_counts=True)
        order = np.lexsort((keys, -counts))
        return {int(k): int(c) for k, c in zip(keys[order], counts[order], strict=True) if k != exclude}

    def query_text(self, text: str, exclude: int | None = None) -> dict[int, int]:
        """``query`` with the sentence fingerprints of ``text``."""
        return self.query(self.fingerprints(text), exclude=exclude)

    def save(self, path: Path) -> None:
        """Write the index as .npy files in folder ``path`` (atomically replaced)."""
        self.compact()
        meta = {
            "kind": "PassageIndex",
            "format": _FORMAT_VERSION,
            "min_words": self.min_words,
            "max_df": self.max_df,
            "max_delta": self.max_delta,
            "count": int(self._members.size),
        }
        arrays = {"hashes": self._hashes, "keys": self._keys, "members": self._members}
        _write_folder_atomically(Path(path), arrays, meta)

    @classmethod
    def load(cls, path: Path, *, mmap: bool = True) -> PassageIndex:
        """Open a saved index; memory-mapped unless ``mmap`` is False."""
        meta = _read_meta(Path(path), "PassageIndex")
        index = cls(min_words=meta["min_words"], max_df=meta["max_df"], max_delta=meta["max_delta"])
        mode = "r" if mmap else None
        index._hashes = np.load(Path(path) / "hashes.npy", mmap_mode=mode)
        index._keys = np.load(Path(path) / "keys.npy", mmap_mode=mode)
        index._members = np.load(Path(path) / "members.npy", mmap_mode=mode)
        return index
