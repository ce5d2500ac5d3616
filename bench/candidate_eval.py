#!/usr/bin/env python3
"""The candidate stage alone: which true reuse pairs reach verification, and at what cost.

Issue 16 asks that every derived Clough answer and every ECB+ pair at word 5-gram
containment >= 0.3 reach verification, and that each signal's cost be printed in the
same run. This runs ``ReuseDetector``'s candidate stage (copy index, passage index,
static-vector sentence index) as an ingest would, one article after another in file
order, each asking the articles indexed before it; nothing is verified. A pair is
*reached* when the later of its two articles gets the earlier one among its candidates
(for the sentence-index signals: among the candidates sent to MiniLM as possible
rewrites, since only those are read with sentence vectors).

Configurations, each a ``CandidateParams`` value (``dataclasses.replace``), plus two
signals measured here before any is built into the detector:

- **rare items**: the earlier article shares at least N of the new one's rare items
  (figures, mid-sentence names: ``evidence.rare_items``), counting an item only when at
  most 5% of the indexed articles hold it (a document-frequency cut: "Monday" and
  "Obama" are everywhere);
- **document vectors**: the cosine of the two articles' mean static sentence vectors is
  at least T.

Sets: Clough-Stevenson (three tasks: 3 originals and 57 answers, originals first; a
``non`` answer reached is a wasted verification, not an error) and the ECB+ development
articles (652; pairs by word 5-gram containment as ``ecb_reprints_eval.py``). Cost per
configuration: candidates per article (all, and those read by MiniLM) and the
candidate stage's seconds.

Usage: ``.venv/bin/python bench/candidate_eval.py``
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

import numpy as np  # noqa: E402
from bench_loader import load_bench  # noqa: E402

from storytrace.model import Article  # noqa: E402

ev = load_bench("reuse_eval")
tr = load_bench("train_reuse")

#: Document-frequency cut for a rare item (share of indexed articles holding it). Not
#: tuned: the usual "rare" bound of keyword extraction; printed so it can be questioned.
RARE_DF = 0.05


def load_sets(data: Path) -> dict[str, tuple[list[Article], dict[frozenset[str], str]]]:
    """Per set: articles in ingest order, and the true pairs with their label."""
    docs, pairs = tr.load_pairs(data)
    clough_pairs = {frozenset((r["a"], r["b"])): r["note"] for r in pairs if r["ds"] == "clough"}
    originals = sorted({r["a"] for r in pairs if r["ds"] == "clough"})
    answers = sorted({r["b"] for r in pairs if r["ds"] == "clough"})
    clough = [Article(k, docs[k]) for k in originals + answers]
    rows = [json.loads(line) for line in open(data / "events" / "ecbplus.jsonl", encoding="utf-8") if line.strip()]
    texts = {r["doc_id"]: r["text"] for r in rows}
    related = ev.related_pairs(texts, threshold=0.3)
    ecb_pairs = {frozenset(p): ("copy" if c >= 0.8 else "edited") for p, c in related.items()}
    ecb = [Article(r["doc_id"], r["text"]) for r in rows]
    return {"clough": (clough, clough_pairs), "ecb+": (ecb, ecb_pairs)}


def run(articles: list[Article], params, static, rare_min: int = 0, doc_min: float = 0.0):
    """``(proposed, read_by_minilm, seconds)``: per article id, the earlier ids proposed."""
    from storytrace.reuse.detector import ReuseDetector, ReuseIndex
    from storytrace.reuse.evidence import rare_items
    from storytrace.reuse.fingerprint import minhash
    from storytrace.reuse.sentences import split_sentences

    det = ReuseDetector(ReuseIndex.create(True), lambda keys: {}, None, candidate_encoder=static, params=params)
    det.candidate_threshold = params.candidates.static_candidate
    proposed: dict[str, set[str]] = {}
    read: dict[str, set[str]] = {}
    ids: dict[int, str] = {}
    holders: dict[str, set[int]] = defaultdict(set)
    means: list[np.ndarray] = []
    took = 0.0
    for key, a in enumerate(articles, start=1):
        vecs = static.encode([s.text for s in split_sentences(a.text)])
        t0 = time.perf_counter()
        sig = minhash(a.text)
        ranked, rewrites = det._candidates(key, a, sig, vecs)
        got, minilm = set(ranked), set(rewrites)
        items = set(rare_items(a.text)) if rare_min else set()
        if rare_min and key > 1:
            shared: Counter = Counter()
            limit = max(1, RARE_DF * (key - 1))
            for item in items:
                if len(holders[item]) <= limit:
                    shared.update(holders[item])
            extra = {k for k, n in shared.items() if n >= rare_min}
            got |= extra
            minilm |= extra
        mean = vecs.mean(axis=0) if len(vecs) else np.zeros(static.dim, np.float32)
        mean = mean / (np.linalg.norm(mean) or 1.0)
        if doc_min and means:
            sims = np.stack(means) @ mean
            extra = {int(i) + 1 for i in np.flatnonzero(sims >= doc_min)}
            got |= extra
            minilm |= extra
        det.add(key, a, sig, vecs)
        for item in items:
            holders[item].add(key)
        means.append(mean)
        took += time.perf_counter() - t0
        ids[key] = a.id
        proposed[a.id] = {ids[k] for k in got if k in ids}
        read[a.id] = {ids[k] for k in minilm if k in ids}
    return proposed, read, took


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=tr.DATA)
    args = ap.parse_args(argv)

    from storytrace.embed import default_encoder
    from storytrace.reuse.detector import static_encoder_for
    from storytrace.reuse.params import ReuseParams

    static = static_encoder_for(default_encoder())
    sets = load_sets(args.data)
    shipped = ReuseParams()
    cp = shipped.candidates
    configs = [
        ("shipped (static 0.96, K 8)", shipped, 0, 0.0),
        ("K 16", replace(shipped, candidates=replace(cp, sentence_k=16)), 0, 0.0),
        ("static 0.94", replace(shipped, candidates=replace(cp, static_candidate=0.94)), 0, 0.0),
        ("static 0.92", replace(shipped, candidates=replace(cp, static_candidate=0.92)), 0, 0.0),
        ("static 0.94, 2 hits", replace(shipped, candidates=replace(cp, static_candidate=0.94, min_rewrite_hits=2)), 0, 0.0),
        ("+ rare items >= 3", shipped, 3, 0.0),
        ("+ rare items >= 5", shipped, 5, 0.0),
        ("static 0.94 + rare items >= 5", replace(shipped, candidates=replace(cp, static_candidate=0.94)), 5, 0.0),
        ("+ document vector >= 0.95", shipped, 0, 0.95),
        ("+ document vector >= 0.97", shipped, 0, 0.97),
    ]
    print(f"rare items: document frequency <= {RARE_DF:.0%} of the indexed articles")
    header = f"{'configuration':30} {'cut':>6} {'light':>6} {'heavy':>6} {'non':>6}  {'ECB copy':>9} {'ECB edit':>9}  {'cand/art':>8} {'MiniLM/art':>10} {'s':>6}"
    print(header)
    for name, params, rare_min, doc_min in configs:
        cells: dict[str, tuple[int, int]] = {}
        cost = Counter()
        for set_name, (articles, pairs) in sets.items():
            proposed, read, took = run(articles, params, static, rare_min, doc_min)
            order = {a.id: i for i, a in enumerate(articles)}
            for pair, label in pairs.items():
                first, later = sorted(pair, key=order.__getitem__)
                hit = first in proposed[later]
                key = ("ECB " + label) if set_name == "ecb+" else label
                n, k = cells.get(key, (0, 0))
                cells[key] = (n + 1, k + hit)
            cost["articles"] += len(articles)
            cost["cand"] += sum(len(v) for v in proposed.values())
            cost["minilm"] += sum(len(v) for v in read.values())
            cost["s"] += took

        def cell(key: str) -> str:
            n, k = cells.get(key, (0, 0))
            return f"{k}/{n}"

        print(
            f"{name:30} {cell('cut'):>6} {cell('light'):>6} {cell('heavy'):>6} {cell('non'):>6}  "
            f"{cell('ECB copy'):>9} {cell('ECB edited'):>9}  {cost['cand'] / cost['articles']:8.2f} "
            f"{cost['minilm'] / cost['articles']:10.2f} {cost['s']:6.1f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
