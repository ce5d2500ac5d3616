"""Fingerprints for copy candidates: word-shingle MinHash and sentence hashes.

Everything here works on ``normalise_for_comparison`` text, so two copies that
differ only in quote style, case or number format ("1,200" vs "1 200") give the
same tokens, shingles and signatures.

Speed matters (the issue asks for >= 10x datasketch), so the per-token and
per-shingle work is vectorised:

* tokens are hashed all at once: the token list becomes a fixed-width numpy
  unicode array, viewed as code points, and a polynomial over the code points
  (mod 2**64) gives each token's hash;
* a k-gram's hash is a position-weighted sum of its tokens' hashes, computed for
  all windows with k array operations, then bit-mixed (splitmix64);
* the MinHash itself is rensa's (Rust) over those 64-bit shingle hashes, measured
  at ~5 us an article against ~120 us for a numpy universal-hash version.

All hashes are fixed functions of the text: no Python ``hash()``, so signatures
are the same across runs and processes (rensa's ``ALGORITHM_VERSION`` is
recorded beside persisted signatures by the index).
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable, Sequence

import numpy as np
import rensa

from storytrace.extract.normalise import normalise_for_comparison

__all__ = [
    "EMPTY_VALUE",
    "MINHASH_ALGORITHM",
    "containment",
    "jaccard",
    "jaccard_estimate",
    "minhash",
    "minhash_from_hashes",
    "minhash_many",
    "sentence_hashes",
    "shingle_hashes",
    "word_tokens",
]

# A signature position for an empty shingle set (rensa fills it with u32::MAX).
EMPTY_VALUE = np.uint32(0xFFFFFFFF)
MINHASH_ALGORITHM = f"rensa-{rensa.RMinHash.ALGORITHM_VERSION}"

_WORD = re.compile(r"\w+")
# A sentence ends at . ! or ? (optionally followed by closing quotes/brackets) and space.
_SENTENCE_END = re.compile(r"[.!?]+[\"')\]]*\s+")

_MAX_TOKEN_WIDTH = 32  # longer tokens (rare garbage) are hashed one by one with blake2b

_U64 = np.uint64
_M1 = _U64(0xBF58476D1CE4E5B9)
_M2 = _U64(0x94D049BB133111EB)
_GOLD = _U64(0x9E3779B97F4A7C15)
_S30, _S27, _S31 = _U64(30), _U64(27), _U64(31)


def _powers(base: int, n: int) -> np.ndarray:
    """``base**i mod 2**64`` for i < n (uint64 arithmetic wraps, which is the modulus)."""
    out = np.empty(n, dtype=np.uint64)
    acc = 1
    for i in range(n):
        out[i] = acc
        acc = (acc * base) & 0xFFFFFFFFFFFFFFFF
    return out


_CHAR_POW = _powers(0x100000001B3, _MAX_TOKEN_WIDTH)  # FNV prime as polynomial base
_POS_POW = _powers(0xD6E8FEB86659FD93, 4096)  # per-position weights inside a k-gram / sentence


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser, elementwise on a uint64 array (in place on a copy)."""
    x = x ^ (x >> _S30)
    x *= _M1
    x ^= x >> _S27
    x *= _M2
    x ^= x >> _S31
    return x


def word_tokens(text: str) -> list[str]:
    """The word tokens (``\\w+``) of ``normalise_for_comparison(text)``."""
    return _WORD.findall(normalise_for_comparison(text))


def _token_hashes(tokens: Sequence[str]) -> np.ndarray:
    """One mixed uint64 hash per token, vectorised over the token list."""
    n = len(tokens)
    if n == 0:
        return np.empty(0, dtype=np.uint64)
    arr = np.array(tokens)
    if arr.dtype.itemsize > 4 * _MAX_TOKEN_WIDTH:
        arr = arr.astype(f"<U{_MAX_TOKEN_WIDTH}")  # truncates; long tokens are redone below
    width = arr.dtype.itemsize // 4
    codes = arr.view(np.uint32).reshape(n, width).astype(np.uint64)
    # Zero padding adds nothing, so a token's hash does not depend on the array width.
    h = (codes * _CHAR_POW[:width]).sum(axis=1, dtype=np.uint64)
    if width == _MAX_TOKEN_WIDTH:
        for i, tok in enumerate(tokens):
            if len(tok) > _MAX_TOKEN_WIDTH:
                h[i] = _long_token_hash(tok)
    return _mix(h + _GOLD)


_CHAR_BASE = 0x100000001B3
_CHAR_BASE_INV = pow(_CHAR_BASE, -1, 2**64)
_BYTE_PATH_LIMIT = 4_000_000  # characters; longer texts take the token-list path
_WORD_BYTE = np.zeros(256, dtype=bool)
for _c in b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_":
    _WORD_BYTE[_c] = True
_pow_tables: list[np.ndarray] = [np.ones(1, dtype=np.uint64), np.ones(1, dtype=np.uint64)]


def _pow_table(n: int) -> tuple[np.ndarray, np.ndarray]:
    """``base**j`` and ``base**-j`` mod 2**64 for j < n (grown by doubling, kept)."""
    fwd, inv = _pow_tables
    if fwd.size < n:
        size = max(n, 2 * fwd.size, 1 << 14)
        fwd = np.full(size, _CHAR_BASE, dtype=np.uint64)
        fwd[0] = 1
        np.cumprod(fwd, out=fwd)  # uint64 products wrap: the modulus we want
        inv = np.full(size, _CHAR_BASE_INV, dtype=np.uint64)
        inv[0] = 1
        np.cumprod(inv, out=inv)
        _pow_tables[:] = [fwd, inv]
    return fwd, inv


def _ascii_token_hashes(norm: str) -> np.ndarray:
    """``_token_hashes(_WORD.findall(norm))`` for ASCII ``norm``, without making strings.

    A token's hash is ``sum(c_i * base**i)`` over its characters; with prefix
    sums ``S[j] = sum_{i<j} b_i * base**i`` the token at [s, e) is
    ``(S[e] - S[s]) * base**-s`` (the base is odd, so it has an inverse mod 2**64).
    """
    b = np.frombuffer(norm.encode("ascii"), dtype=np.uint8)
    if b.size == 0:
        return np.empty(0, dtype=np.uint64)
    word = _WORD_BYTE[b]
    edges = np.diff(word.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1)
    if starts.size == 0:
        return np.empty(0, dtype=np.uint64)
    fwd, inv = _pow_table(b.size + 1)
    prefix = np.zeros(b.size + 1, dtype=np.uint64)
    np.cumsum(b * fwd[: b.size], out=prefix[1:])
    h = (prefix[ends] - prefix[starts]) * inv[starts]
    long = np.flatnonzero(ends - starts > _MAX_TOKEN_WIDTH)
    for i in long.tolist():
        h[i] = _long_token_hash(norm[starts[i] : ends[i]])
    return _mix(h + _GOLD)


def _long_token_hash(tok: str) -> int:
    digest = hashlib.blake2b(tok.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little")


#: Texts up to this many characters keep their token hashes in a small cache: one
#: comparison asks for a text's 2-, 3- and 5-grams, and an article meets several candidates.
_CACHED_TEXT_CHARS = 200_000


def _text_token_hashes(text: str) -> np.ndarray:
    """Token hashes of ``text`` (normalised): the byte path when it applies, same values.

    The array is shared between callers (read-only).
    """
    if len(text) <= _CACHED_TEXT_CHARS:
        return _cached_token_hashes(text)
    return _compute_token_hashes(text)


@functools.lru_cache(maxsize=128)
def _cached_token_hashes(text: str) -> np.ndarray:
    out = _compute_token_hashes(text)
    out.flags.writeable = False
    return out


def _compute_token_hashes(text: str) -> np.ndarray:
    norm = normalise_for_comparison(text)
    if norm.isascii() and len(norm) <= _BYTE_PATH_LIMIT:
        return _ascii_token_hashes(norm)
    return _token_hashes(_WORD.findall(norm))


def _kgram_hashes(th: np.ndarray, k: int) -> np.ndarray:
    """Hashes of every window of ``k`` consecutive token hashes (one if fewer tokens)."""
    n = th.size
    if n == 0:
        return np.empty(0, dtype=np.uint64)
    if n < k:
        return _mix((th * _POS_POW[:n]).sum(dtype=np.uint64, keepdims=True) ^ _U64(n))
    m = n - k + 1
    acc = th[:m] * _POS_POW[0]
    for i in range(1, k):
        acc += th[i : i + m] * _POS_POW[i]
    return _mix(acc ^ _U64(k))


def shingle_hashes(text: str, k: int = 5) -> np.ndarray:
    """Unique uint64 hashes of the word k-grams of ``text`` (sorted).

    A text of fewer than ``k`` words gives one shingle of all its words; an
    empty text gives an empty array.
    """
    return np.unique(_shingles(text, k))


def _shingles(text: str, k: int) -> np.ndarray:
    """k-gram hashes in text order, duplicates kept (MinHash does not mind them)."""
    if k < 1:
        raise ValueError(f"k must be >= 1, got {k}")
    return _kgram_hashes(_text_token_hashes(text), k)


def minhash_from_hashes(hashes: np.ndarray, num_perm: int = 128, seed: int = 1) -> np.ndarray:
    """The MinHash signature (uint32, ``num_perm`` values) of a set of uint64 hashes.

    Duplicates in ``hashes`` do not change the result.
    """
    return minhash_many_from_hashes([hashes], num_perm=num_perm, seed=seed)[0]


def minhash_many_from_hashes(
    hash_sets: Sequence[np.ndarray], num_perm: int = 128, seed: int = 1
) -> np.ndarray:
    """MinHash signatures for many shingle-hash sets at once: an (n, num_perm) uint32 array.

    An empty set gives a row of ``EMPTY_VALUE``.
    """
    n = len(hash_sets)
    if n == 0:
        return np.empty((0, num_perm), dtype=np.uint32)
    sizes = np.fromiter((h.size for h in hash_sets), dtype=np.uint64, count=n)
    offsets = np.zeros(n + 1, dtype=np.uint64)
    np.cumsum(sizes, out=offsets[1:])
    flat = np.concatenate([np.asarray(h, dtype=np.uint64) for h in hash_sets])
    matrix = rensa.RMinHash.digest_matrix_from_flat_token_hashes(flat, offsets, num_perm, seed)
    return np.array(matrix.to_rows(), dtype=np.uint32).reshape(n, num_perm)


def minhash(text: str, num_perm: int = 128, k: int = 5, seed: int = 1) -> np.ndarray:
    """The MinHash signature (uint32, ``num_perm`` values) of the word k-grams of ``text``."""
    return minhash_from_hashes(_shingles(text, k), num_perm=num_perm, seed=seed)


def minhash_many(texts: Iterable[str], num_perm: int = 128, k: int = 5, seed: int = 1) -> np.ndarray:
    """Signatures for many texts: an (n, num_perm) uint32 array, one row per text."""
    return minhash_many_from_hashes([_shingles(t, k) for t in texts], num_perm=num_perm, seed=seed)


def jaccard_estimate(a: np.ndarray, b: np.ndarray) -> float:
    """The Jaccard similarity two MinHash signatures estimate (share of equal positions).

    Two empty texts estimate 0.0, not 1.0: nothing is shared.
    """
    a = np.asarray(a)
    b = np.asarray(b)
    if a.shape != b.shape:
        raise ValueError(f"signatures differ in shape: {a.shape} vs {b.shape}")
    if a.size == 0:
        return 0.0
    equal = (a == b) & (a != EMPTY_VALUE)
    return float(equal.mean())


def jaccard(a_hashes: np.ndarray, b_hashes: np.ndarray) -> float:
    """Exact Jaccard similarity of two unique hash sets (0.0 when both are empty)."""
    union = np.union1d(a_hashes, b_hashes).size
    if union == 0:
        return 0.0
    return np.intersect1d(a_hashes, b_hashes, assume_unique=True).size / union


def containment(a_hashes: np.ndarray, b_hashes: np.ndarray) -> float:
    """The share of ``a``'s unique hashes found in ``b`` (0.0 when ``a`` is empty).

    High containment of the shorter text in the longer one marks a copy or a
    pasted passage even when the Jaccard similarity is low.
    """
    if a_hashes.size == 0:
        return 0.0
    return np.intersect1d(a_hashes, b_hashes, assume_unique=True).size / a_hashes.size


def sentence_hashes(text: str, min_words: int = 6) -> np.ndarray:
    """Unique uint64 hashes of the sentences of ``text`` that have ``min_words`` words or more.

    A sentence's hash is a fixed function of its normalised word tokens, so the
    same sentence pasted into another article (any punctuation, quotes, number
    format) gets the same hash. Short sentences ("He said.", "Read more.") are
    too common to mean reuse and are left out.
    """
    tokens: list[str] = []
    lengths: list[int] = []
    # A line break ends a sentence: a headline or credit line without a full stop
    # must not merge with the first sentence after it (pasted passages start there).
    for line in text.splitlines():
        norm = normalise_for_comparison(line)
        start = 0
        for m in _SENTENCE_END.finditer(norm):
            words = _WORD.findall(norm, start, m.end())
            if len(words) >= min_words:
                tokens.extend(words)
                lengths.append(len(words))
            start = m.end()
        words = _WORD.findall(norm, start)
        if len(words) >= min_words:
            tokens.extend(words)
            lengths.append(len(words))
    if not lengths:
        return np.empty(0, dtype=np.uint64)
    th = _token_hashes(tokens)
    lens = np.asarray(lengths, dtype=np.int64)
    starts = np.zeros(lens.size, dtype=np.int64)
    np.cumsum(lens[:-1], out=starts[1:])
    # Position inside its sentence, capped by the weight table (sentences > 4096 words
    # reuse the last weight: still deterministic).
    pos = np.arange(th.size, dtype=np.int64) - np.repeat(starts, lens)
    weighted = th * _POS_POW[np.minimum(pos, _POS_POW.size - 1)]
    sums = np.add.reduceat(weighted, starts)
    return np.unique(_mix(sums ^ lens.astype(np.uint64)))
