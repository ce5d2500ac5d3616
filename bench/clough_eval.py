#!/usr/bin/env python3
"""Real human rewrites: Clough-Stevenson answers against their original, leave-one-task-out.

For each task (a, b, c; the corpus's other two are kept back) the rewrite verifier is
fitted on everything ``bench/train_reuse.py`` fits on except that task's answers (same
floor, C and threshold rule as the shipped model), and given to storytrace as a
``ReuseParams`` value. Then, per category (cut, light, heavy, non):

- **pair**: ``classify.compare(original, answer)`` with MiniLM sentence vectors, the
  verification step alone;
- **store**: ``link_articles`` over the original and all of the task's answers, in file
  order, as an ingest would see them: an answer counts as linked when a chain of links
  joins it to the original (directly, or through answers linked to it: copies of one
  source are linked to that source, not to each other, and a chain shows the family);
  a ``non`` answer in that chain is a false link;
- the candidate stage alone: whether the original is among the answer's candidates.

Beside them, in the same run: the plain baseline, the containment of the answer's word
3-grams in the original with one threshold chosen leave-one-out; and the hand rules alone
(``ReuseParams(verifier=None)``). Two ``cut`` answers (g2pE_taskc, g4pD_taskb) share no
3-gram with their task's original (they copy other Wikipedia text on the subject), so
no method reading the given original can link them; the script prints both counts.

Usage: ``.venv/bin/python bench/clough_eval.py``
"""

from __future__ import annotations

import argparse
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

tr = load_bench("train_reuse")
CATEGORIES = ("cut", "light", "heavy", "non")


def joined(links, root: str) -> set[str]:
    """Everything a chain of links joins to ``root``."""
    nb = defaultdict(set)
    for x in links:
        nb[x.source_id].add(x.target_id)
        nb[x.target_id].add(x.source_id)
    seen, todo = {root}, [root]
    while todo:
        for n in nb[todo.pop()]:
            if n not in seen:
                seen.add(n)
                todo.append(n)
    return seen - {root}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=tr.DATA)
    ap.add_argument(
        "--static-candidate", type=float, default=None, help="candidate cut for static sentence vectors (default: shipped)"
    )
    args = ap.parse_args(argv)

    from storytrace.reuse.classify import compare
    from storytrace.reuse.detector import ReuseDetector, ReuseIndex, link_articles, static_encoder_for
    from storytrace.reuse.fingerprint import minhash
    from storytrace.reuse.params import ReuseParams
    from storytrace.reuse.sentences import split_sentences

    t0 = time.perf_counter()
    prep = tr.prepare(args.data)
    docs, pairs, vecs, encoder = prep["docs"], prep["pairs"], prep["vecs"], prep["encoder"]
    clough = [r for r in pairs if r["ds"] == "clough"]
    print(f"{len(clough)} answers, {len(pairs)} training pairs in all; prepared in {time.perf_counter() - t0:.0f} s")

    static = static_encoder_for(encoder)
    results: dict[str, Counter] = defaultdict(Counter)
    total = Counter(r["note"] for r in clough)
    for task in "abc":
        learned = tr.params_without(prep, np.array([r["group"] == f"clough:{task}" for r in pairs]))
        rules = ReuseParams(verifier=None)
        if args.static_candidate is not None:
            cp = replace(learned.candidates, static_candidate=args.static_candidate)
            learned, rules = replace(learned, candidates=cp), replace(rules, candidates=cp)
        original_id = f"clough:orig_task{task}.txt"
        original = Article(original_id, docs[original_id])
        answers = [r for r in clough if r["group"] == f"clough:{task}"]
        for r in answers:
            answer = Article(r["b"], docs[r["b"]])
            for name, params in (("pair, rules alone", rules), ("pair, rules + verifier", learned)):
                link = compare(original, answer, source_vecs=vecs[original_id], target_vecs=vecs[r["b"]], params=params)
                results[name][r["note"]] += link is not None
            # The candidate stage alone: the original indexed, the answer asking.
            det = ReuseDetector(
                ReuseIndex.create(True), lambda keys: {}, encoder, candidate_encoder=static, params=learned
            )
            det.add(1, original, minhash(original.text), static.encode([s.text for s in split_sentences(original.text)]))
            cand = det.candidates(
                2, answer, minhash(answer.text), static.encode([s.text for s in split_sentences(answer.text)])
            )
            results["candidates (original proposed)"][r["note"]] += 1 in cand
        arts = [original] + [Article(r["b"], docs[r["b"]]) for r in answers]
        for name, params in (("store, rules alone", rules), ("store, rules + verifier", learned)):
            family = joined(link_articles(arts, encoder=encoder, params=params), original_id)
            for r in answers:
                results[name][r["note"]] += r["b"] in family

    def accuracy(c: Counter, skip: int = 0) -> str:
        derived = sum(total[k] for k in CATEGORIES[:3]) - skip
        right = sum(c[k] for k in CATEGORIES[:3]) + total["non"] - c["non"]
        return f"{right / (derived + total['non']):.3f}"

    print(f"\n{'':34} " + " ".join(f"{k:>10}" for k in CATEGORIES) + "   accuracy  (without the 2 cut answers of other text)")
    for name, c in results.items():
        cells = " ".join(f"{c[k]:>3}/{total[k]:<2} {c[k] / total[k]:.2f}" for k in CATEGORIES)
        extra = "" if name.startswith("candidates") else f"   {accuracy(c)}     ({accuracy(c, 2)})"
        print(f"{name:34} {cells}{extra}")
    base = tr.baseline(pairs, docs)
    print(f"{'3-gram containment, leave-one-out':34} accuracy {base:.3f}")
    print(f"total {time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
