"""Fingerprinting speed: storytrace's MinHash vs datasketch's, side by side in one run.

    .venv/bin/python bench/fingerprint_bench.py [--n 2000] [--repeat 3]

Both sides fingerprint the same articles with 128 permutations over word
5-grams of the same tokens (``storytrace.reuse.fingerprint.word_tokens``):

* storytrace: ``minhash_many(texts)`` (text in, signatures out: normalisation,
  tokens, vectorised shingle hashing, rensa MinHash) and ``minhash(text)`` one
  at a time;
* datasketch: ``MinHash(num_perm=128)`` updated with each 5-gram string, the
  documented usage (``update``), and with ``update_batch``. Its time includes
  the same ``word_tokens`` call, so the comparison is text in, signature out.

A second table times the MinHash step alone (tokens already made) to show where
the time goes. Each timing is the best of ``--repeat`` runs, the sides
interleaved so machine load hits both alike. Corpora: synthetic
(``bench/synthetic.py``) and, when present, the real articles of
``../shared/data/events/*.jsonl`` (read-only).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from datasketch import MinHash

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synthetic import generate
from storytrace.reuse import fingerprint as fp

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "events"
K = 5
NUM_PERM = 128


def _shingle_strings(tokens: list[str]) -> list[str]:
    if len(tokens) < K:
        return [" ".join(tokens)] if tokens else []
    return [" ".join(tokens[i : i + K]) for i in range(len(tokens) - K + 1)]


def ds_update(texts: list[str]) -> list[MinHash]:
    out = []
    for text in texts:
        m = MinHash(num_perm=NUM_PERM, seed=1)
        for s in _shingle_strings(fp.word_tokens(text)):
            m.update(s.encode("utf-8"))
        out.append(m)
    return out


def ds_update_batch(texts: list[str]) -> list[MinHash]:
    out = []
    for text in texts:
        m = MinHash(num_perm=NUM_PERM, seed=1)
        m.update_batch([s.encode("utf-8") for s in _shingle_strings(fp.word_tokens(text))])
        out.append(m)
    return out


def ours_many(texts: list[str]) -> np.ndarray:
    return fp.minhash_many(texts, num_perm=NUM_PERM, k=K)


def ours_one(texts: list[str]) -> list[np.ndarray]:
    return [fp.minhash(t, num_perm=NUM_PERM, k=K) for t in texts]


def best_time(fns: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    best = dict.fromkeys(fns, float("inf"))
    for _ in range(repeat):
        for name, fn in fns.items():  # interleaved: load hits every side alike
            t0 = time.perf_counter()
            fn()
            best[name] = min(best[name], time.perf_counter() - t0)
    return best


def report(label: str, texts: list[str], repeat: int) -> None:
    words = np.mean([len(t.split()) for t in texts])
    print(f"\n== {label}: {len(texts):,} articles, mean {words:.0f} words ==")
    t = best_time(
        {
            "storytrace minhash_many": lambda: ours_many(texts),
            "storytrace minhash (one by one)": lambda: ours_one(texts),
            "datasketch MinHash.update": lambda: ds_update(texts),
            "datasketch MinHash.update_batch": lambda: ds_update_batch(texts),
        },
        repeat,
    )
    ref = t["datasketch MinHash.update"]
    print(f"{'text -> signature':36s} {'articles/s':>12s} {'vs ds update':>13s} {'vs ds batch':>12s}")
    for name, secs in t.items():
        rate = len(texts) / secs
        print(
            f"{name:36s} {rate:12,.0f} {ref / secs:12.1f}x {t['datasketch MinHash.update_batch'] / secs:11.1f}x"
        )

    # The MinHash step alone, tokens made beforehand (same tokens for both).
    tokens = [fp.word_tokens(x) for x in texts]
    shingles = [[s.encode("utf-8") for s in _shingle_strings(tk)] for tk in tokens]

    def ours_from_tokens() -> np.ndarray:
        sets = [fp._kgram_hashes(fp._token_hashes(tk), K) for tk in tokens]
        return fp.minhash_many_from_hashes(sets, num_perm=NUM_PERM)

    def ds_from_shingles() -> None:
        for sh in shingles:
            m = MinHash(num_perm=NUM_PERM, seed=1)
            for s in sh:
                m.update(s)

    def ds_batch_from_shingles() -> None:
        for sh in shingles:
            MinHash(num_perm=NUM_PERM, seed=1).update_batch(sh)

    t2 = best_time(
        {
            "storytrace (tokens -> signature)": ours_from_tokens,
            "datasketch update (shingles given)": ds_from_shingles,
            "datasketch update_batch (shingles)": ds_batch_from_shingles,
        },
        repeat,
    )
    ref2 = t2["datasketch update (shingles given)"]
    print(f"{'MinHash step only':36s} {'articles/s':>12s} {'vs ds update':>13s}")
    for name, secs in t2.items():
        print(f"{name:36s} {len(texts) / secs:12,.0f} {ref2 / secs:12.1f}x")
    tok = best_time({"tok": lambda: [fp.word_tokens(x) for x in texts]}, repeat)["tok"]
    print(f"(word_tokens alone, shared by both: {len(texts) / tok:,.0f} articles/s)")


def quality(texts: list[str], pairs: list[tuple[int, int]]) -> None:
    """Estimated vs exact Jaccard on related pairs, ours and datasketch's."""
    ours = ours_many(texts)
    ds = ds_update_batch(texts)
    err_ours, err_ds = [], []
    for a, b in pairs:
        exact = fp.jaccard(fp.shingle_hashes(texts[a]), fp.shingle_hashes(texts[b]))
        err_ours.append(abs(fp.jaccard_estimate(ours[a], ours[b]) - exact))
        err_ds.append(abs(ds[a].jaccard(ds[b]) - exact))
    print(
        f"\nJaccard estimate error on {len(pairs)} copy/partial pairs (mean abs): "
        f"storytrace {np.mean(err_ours):.3f}, datasketch {np.mean(err_ds):.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"num_perm {NUM_PERM}, word {K}-grams; storytrace MinHash = {fp.MINHASH_ALGORITHM}")
    arts = list(generate(args.n, seed=0))
    texts = [a.text for a in arts]
    report("synthetic", texts, args.repeat)
    index = {a.id: i for i, a in enumerate(arts)}
    pairs = [(index[a.source], i) for i, a in enumerate(arts) if a.source in index]
    quality(texts, pairs)
    files = sorted(DATA.glob("*.jsonl")) if DATA.is_dir() else []
    if files:
        real: list[str] = []
        for f in files:
            with open(f, encoding="utf-8") as fh:
                real += [json.loads(line)["text"] for line in fh]
        report(f"real ({', '.join(f.name for f in files)})", real, args.repeat)
    else:
        print(f"\n(real texts not found at {DATA}: skipped)")


if __name__ == "__main__":
    main()
