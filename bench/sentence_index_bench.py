"""Sentence index (faiss HNSW, 8-bit codes) against exact faiss IndexFlatIP, side by side.

    .venv/bin/python bench/sentence_index_bench.py [--articles 10000 100000] [--queries 200]

Vectors are synthetic but shaped like MiniLM sentence vectors: unit length,
384-d, a shared direction (random sentences score ~0.06), topic clusters
(same-topic sentences ~0.35) and 5% of articles planted as sentence-by-sentence
rewrites of an earlier article (each sentence ~0.85-0.95 to its source). Each
article has 10-30 sentences (mean 20).

Printed per size, for both indexes: build time, query latency p50/p99 of one
article's sentences searched at once (k=10, excluding the article itself),
bytes per article in memory and on disk, load time, and recall@10 against the
exact search on a sample of articles; plus recall of the planted rewrite pairs
at the 0.75 threshold. Also MiniLM encoding speed on this machine.

1,000,000 articles (20 M sentences) is not run by default: the exact side needs
30 GB of float32 vectors (the machine has 24 GiB), and a single-threaded HNSW
build at the measured rate takes over an hour. Pass ``--articles 1000000
--no-exact`` to try the HNSW side alone if the machine allows.
"""

from __future__ import annotations

import argparse
import gc
import os
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import faiss
import numpy as np

from storytrace.embed import SentenceIndex

DIM = 384


def synthetic_corpus(n_articles: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray, dict[int, int]]:
    """``(vectors, offsets, rewrites)``: article i is rows offsets[i]:offsets[i+1];
    ``rewrites`` maps a rewrite article to its source."""
    rng = np.random.default_rng(seed)
    counts = rng.integers(10, 31, size=n_articles)
    offsets = np.concatenate([[0], np.cumsum(counts)])
    n = int(offsets[-1])
    n_topics = max(50, n_articles // 40)
    common = rng.standard_normal(DIM).astype(np.float32)
    common /= np.linalg.norm(common)
    topics = rng.standard_normal((n_topics, DIM)).astype(np.float32)
    topics /= np.linalg.norm(topics, axis=1, keepdims=True)
    art_topic = rng.integers(0, n_topics, size=n_articles)
    vecs = np.empty((n, DIM), dtype=np.float32)
    chunk = 200_000
    sent_topic = np.repeat(art_topic, counts)
    for s in range(0, n, chunk):
        e = min(n, s + chunk)
        noise = rng.standard_normal((e - s, DIM)).astype(np.float32)
        noise /= np.linalg.norm(noise, axis=1, keepdims=True)
        block = 0.25 * common + 0.55 * topics[sent_topic[s:e]] + 0.8 * noise
        vecs[s:e] = block / np.linalg.norm(block, axis=1, keepdims=True)
    # 5% of articles (not the first 100) rewrite an earlier article sentence by sentence.
    rewrites: dict[int, int] = {}
    for a in rng.choice(np.arange(100, n_articles), size=n_articles // 20, replace=False):
        src = int(rng.integers(0, a))
        m = min(counts[a], counts[src])
        noise = rng.standard_normal((m, DIM)).astype(np.float32)
        noise /= np.linalg.norm(noise, axis=1, keepdims=True)
        v = vecs[offsets[src] : offsets[src] + m] + rng.uniform(0.3, 0.55) * noise
        vecs[offsets[a] : offsets[a] + m] = v / np.linalg.norm(v, axis=1, keepdims=True)
        rewrites[int(a)] = src
    return vecs, offsets, rewrites


def pct(xs: Sequence[float], q: float) -> float:
    return float(np.percentile(np.asarray(xs), q)) * 1000


def bench_size(n_articles: int, n_queries: int, exact: bool) -> None:
    print(f"\n=== {n_articles:,} articles ===")
    t = time.perf_counter()
    vecs, offsets, rewrites = synthetic_corpus(n_articles)
    n = len(vecs)
    print(f"{n:,} sentences ({n / n_articles:.1f} per article); generated in {time.perf_counter() - t:.1f} s")
    art_of = np.repeat(np.arange(n_articles), np.diff(offsets))
    rng = np.random.default_rng(1)
    sample = np.sort(rng.choice(n_articles, size=min(n_queries, n_articles), replace=False))
    rewrite_sample = sorted(rewrites)[:n_queries]

    rows: dict[str, dict[str, float]] = {}
    tmp = Path(tempfile.mkdtemp(prefix="sentidx-"))

    # -- SentenceIndex (HNSW + SQ8) --------------------------------------------
    gc.collect()
    idx = SentenceIndex(DIM)
    t = time.perf_counter()
    for a in range(n_articles):
        idx.add(a, vecs[offsets[a] : offsets[a + 1]])
    build = time.perf_counter() - t
    lat = []
    ann_ids: dict[int, list[list[tuple[int, int]]]] = {}
    for a in sample:
        q = vecs[offsets[a] : offsets[a + 1]]
        t = time.perf_counter()
        idx.article_hits(q, k=10, min_similarity=0.75, exclude=int(a))
        lat.append(time.perf_counter() - t)
        ann_ids[int(a)] = [[h[:2] for h in hs] for hs in idx.search(q, k=10, min_similarity=-1.0)]
    path = tmp / "sentences.idx"
    idx.save(path)
    disk = path.stat().st_size
    t = time.perf_counter()
    SentenceIndex.load(path)
    load = time.perf_counter() - t
    # Planted rewrites: share of rewrite sentences whose source sentence is found at >= 0.75.
    found = total = 0
    for a in rewrite_sample:
        src = rewrites[a]
        m = min(offsets[a + 1] - offsets[a], offsets[src + 1] - offsets[src])
        hits = idx.search(vecs[offsets[a] : offsets[a] + m], k=10, min_similarity=0.75)
        exact_sims = np.einsum(
            "ij,ij->i", vecs[offsets[a] : offsets[a] + m], vecs[offsets[src] : offsets[src] + m]
        )
        for j in range(m):
            if exact_sims[j] >= 0.75:
                total += 1
                found += any(h[0] == src and h[1] == j for h in hits[j])
    rows["SentenceIndex HNSW-SQ8"] = {
        "build_s": build,
        "p50_ms": pct(lat, 50),
        "p99_ms": pct(lat, 99),
        "mem_per_article": idx.nbytes / n_articles,
        "disk_per_article": disk / n_articles,
        "load_s": load,
        "rewrite_recall": found / max(total, 1),
    }
    del idx
    path.unlink()
    gc.collect()

    # -- exact IndexFlatIP --------------------------------------------------------
    if exact:
        # Exact search costs ~n per query; sample fewer articles at large n.
        exact_sample = sample[: max(20, len(sample) * 200_000 // n)]
        flat = faiss.IndexFlatIP(DIM)
        t = time.perf_counter()
        for a in range(n_articles):
            flat.add(vecs[offsets[a] : offsets[a + 1]])
        build = time.perf_counter() - t
        lat = []
        recall_hits = recall_total = 0
        for a in exact_sample:
            q = vecs[offsets[a] : offsets[a + 1]]
            t = time.perf_counter()
            sims, ids = flat.search(q, 10 + len(q))
            # Same work as article_hits: drop the article itself, keep >= threshold.
            keep = (art_of[np.maximum(ids, 0)] != a) & (sims >= 0.75)
            _ = [ids[r][keep[r]][:10] for r in range(len(q))]
            lat.append(time.perf_counter() - t)
            for r in range(len(q)):
                truth = {(int(art_of[i]), int(i - offsets[art_of[i]])) for i in ids[r][:10]}
                recall_hits += len(truth & set(ann_ids[int(a)][r]))
                recall_total += len(truth)
        # How much of the recall loss is the 8-bit codes alone: exact search over them.
        sq = faiss.IndexScalarQuantizer(
            DIM, faiss.ScalarQuantizer.QT_8bit_uniform, faiss.METRIC_INNER_PRODUCT
        )
        sq.train(np.stack([-np.ones(DIM), np.ones(DIM)]).astype(np.float32))
        sq.add(vecs)
        sq_hits = sq_total = 0
        for a in exact_sample[:20]:
            q = vecs[offsets[a] : offsets[a + 1]]
            _, top = flat.search(q, 10)
            _, got = sq.search(q, 10)
            sq_hits += sum(len(set(top[r]) & set(got[r])) for r in range(len(q)))
            sq_total += top.size
        del sq
        print(
            f"recall@10 of exact search over the same 8-bit codes (quantisation loss alone, "
            f"{min(20, len(exact_sample))} articles): {sq_hits / sq_total:.4f}"
        )
        print(f"exact side: latency and recall@10 over {len(exact_sample)} of the sampled articles")
        fpath = tmp / "flat.faiss"
        faiss.write_index(flat, str(fpath))
        disk = fpath.stat().st_size + n * 12  # plus the same key / sentence-number arrays
        t = time.perf_counter()
        faiss.read_index(str(fpath))
        load = time.perf_counter() - t
        fpath.unlink()
        rows["SentenceIndex HNSW-SQ8"]["recall10"] = recall_hits / recall_total
        rows["exact IndexFlatIP"] = {
            "build_s": build,
            "p50_ms": pct(lat, 50),
            "p99_ms": pct(lat, 99),
            "mem_per_article": (n * DIM * 4 + n * 12) / n_articles,
            "disk_per_article": disk / n_articles,
            "load_s": load,
            "recall10": 1.0,
            "rewrite_recall": 1.0,
        }
        del flat
    os.rmdir(tmp)

    cols = [
        ("build_s", "build s", "{:.1f}"),
        ("p50_ms", "p50 ms", "{:.2f}"),
        ("p99_ms", "p99 ms", "{:.2f}"),
        ("mem_per_article", "mem B/art", "{:,.0f}"),
        ("disk_per_article", "disk B/art", "{:,.0f}"),
        ("load_s", "load s", "{:.2f}"),
        ("recall10", "recall@10", "{:.4f}"),
        ("rewrite_recall", "rewr.recall", "{:.4f}"),
    ]
    print(f"{'index':<24}" + "".join(f"{h:>12}" for _, h, _ in cols))
    for name, r in rows.items():
        print(f"{name:<24}" + "".join(f"{f.format(r[k]) if k in r else '-':>12}" for k, _, f in cols))
    if len(rows) == 2:
        a, b = rows.values()
        print(
            f"{'ratio HNSW / exact':<24}"
            + "".join(f"{(a[k] / b[k] if b.get(k) and k in a else float('nan')):>12.3f}" for k, _, _ in cols)
        )
    print(
        f"(query = one article's {n / n_articles:.0f} sentences at once, k=10, threshold 0.75, self excluded; "
        f"{len(sample)} articles sampled; recall@10 over their sentences; rewrite recall over "
        f"{len(rewrite_sample)} planted rewrites' sentence pairs with exact cosine >= 0.75)"
    )


def bench_encoder(n: int = 2000) -> None:
    from storytrace.embed import MiniLMEncoder

    rng = np.random.default_rng(3)
    words = [
        "the",
        "police",
        "said",
        "on",
        "monday",
        "that",
        "two",
        "men",
        "were",
        "arrested",
        "after",
        "a",
        "fire",
        "broke",
        "out",
        "in",
        "a",
        "warehouse",
        "near",
        "the",
        "harbour",
        "where",
        "officials",
        "had",
        "warned",
        "of",
        "safety",
        "problems",
        "for",
        "years",
        "according",
        "to",
        "reports",
        "minister",
        "election",
        "budget",
        "vote",
        "parliament",
        "storm",
        "flood",
        "earthquake",
        "killed",
        "injured",
        "company",
        "shares",
        "fell",
        "rose",
        "percent",
        "million",
        "billion",
        "dollars",
        "court",
        "judge",
        "ruling",
        "government",
        "spokesman",
    ]
    sents = [" ".join(rng.choice(words, size=int(rng.integers(12, 35)))) + "." for _ in range(n)]
    print(f"\n=== MiniLM encoding speed ({n} synthetic sentences, 12-34 words) ===")
    for threads in (1, 2):
        enc = MiniLMEncoder(threads=threads)
        enc.encode(["warm up"])
        for bs in (32, 64):
            t = time.perf_counter()
            enc.encode(sents, batch_size=bs)
            el = time.perf_counter() - t
            print(f"threads {threads}, batch {bs}: {n / el:,.0f} sentences/s")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--queries", type=int, default=200, help="articles sampled for latency and recall")
    ap.add_argument("--no-exact", action="store_true", help="skip the exact IndexFlatIP side")
    ap.add_argument("--no-encoder", action="store_true", help="skip the MiniLM speed run")
    args = ap.parse_args(argv)
    print(f"faiss {faiss.__version__}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")
    if not args.no_encoder:
        bench_encoder()
    for n in args.articles:
        bench_size(n, args.queries, exact=not args.no_exact)
    print(f"\nload average at the end {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
