#!/usr/bin/env python3
"""Direction without dates (issue 16): fit and check the text model of ``reuse/direction.py``.

Pairs with a known original, every date removed (read from ``../shared/data``, never copied):

- **clough**: Clough-Stevenson ``cut``/``light``/``heavy`` answers against their task's
  original (``non`` answers are not derived: skipped). Real human rewrites.
- **copy** / **partial**: ``reuse_eval.build_eval_set``'s synthetic copies (syndication
  edits of real ECB+/BASIL articles) and partials (a passage of A spliced into B).
- **natural**: the pairs of ``bench/reuse_labels/natural.tsv`` that name their original.
  Never fitted on: a check part only.
- **msrp**: ``reuse_eval``'s MSRP rewrites (#1 strings vs #2 strings). Their direction is
  arbitrary (two outlets' independent sentences): reported, never fitted on.

Each pair goes through ``classify.compare`` (MiniLM sentence vectors for clough and msrp,
none for the rest, as the evaluations run them) in a seeded random order with neutral
ids, and the content alignment it hands to ``decide_direction`` is kept (pairs compare
does not link get the aligner's content alignment: they are reported apart). Cached in
``/tmp/direction_cache``.

Fit: logistic regression on ``direction.TEXT_FEATURES`` (antisymmetric; each pair is
added in both orders; no intercept; each dataset weighs alike), over clough + copy +
partial, folds by group (Clough task; ECB+/BASIL topic of the original), five outer
folds. Inside each outer training part, C is chosen by an inner 3-fold CV (log loss) and
the decision threshold is the lowest ``max(p, 1 - p)`` at which the inner out-of-fold
decided pairs reach ``--precision``. The held fold is scored. The shipped model is the
same procedure on all fitted pairs. Printed per dataset: the rules (containment, extra
text, id order), the model alone, and what ships (``refine_direction``: the model where it
is sure, else the rules), accuracy over all pairs (an undecided pair falls to id order, a
coin toss here) and coverage/accuracy of the decided ones, tuning (in-sample) and out of
fold.

Usage: ``.venv/bin/python bench/direction_eval.py [--write] [--precision 0.9]``
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import sys
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

import numpy as np  # noqa: E402
from bench_loader import load_bench  # noqa: E402

from storytrace.model import Article  # noqa: E402
from storytrace.reuse import direction as dr  # noqa: E402
from storytrace.reuse.align import Alignment  # noqa: E402

ev = load_bench("reuse_eval")
DATA = REPO.parent / "shared" / "data"
MODEL = REPO / "storytrace" / "reuse" / "models" / "direction.json"
CACHE = Path("/tmp/direction_cache")
FITTED = ("clough", "copy", "partial")
REPORTED = ("clough", "copy", "partial", "natural", "msrp")
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
OUTER_FOLDS = 5
INNER_FOLDS = 3
SEED = 16


# --------------------------------------------------------------------------- pairs


def _raw_pairs(data: Path) -> list[dict]:
    """(ds, group, original text, derived text, needs vectors) for every pair with a known original."""
    import csv

    out: list[dict] = []
    clough = data / "reuse" / "clough"
    for r in csv.DictReader(open(clough / "file_information.csv", encoding="utf-8")):
        if r["Category"] in ("cut", "light", "heavy"):
            read = lambda f: (clough / f).read_text(encoding="utf-8", errors="replace")  # noqa: E731
            out.append(dict(ds="clough", group=f"clough:{r['Task']}", note=r["Category"],
                            orig=read(f"orig_task{r['Task']}.txt"), derived=read(r["File"]), vecs=True))
    es = ev.build_eval_set(data / "events", seed=13)
    arts = {a.id: a for a in es.articles}
    rows = {r["doc_id"]: r for r in ev.load_events(data / "events")}

    def topic(doc_id: str) -> str:
        return ev._topic(rows[doc_id]) if doc_id in rows else doc_id

    for pair, gold in sorted(es.gold.items(), key=lambda kv: sorted(kv[0])):
        (other,) = pair - {gold.source}
        src = arts[gold.source]
        ds = "msrp" if gold.kind == "rewrite" else gold.kind
        out.append(dict(ds=ds, group=topic(gold.source), note=es.notes.get(pair, ""),
                        orig=src.text, derived=arts[other].text, vecs=ds == "msrp"))
    for pair, gold in sorted(es.natural.items(), key=lambda kv: sorted(kv[0])):
        if gold.source is None:
            continue
        (other,) = pair - {gold.source}
        out.append(dict(ds="natural", group=topic(gold.source), note=gold.kind,
                        orig=arts[gold.source].text, derived=arts[other].text, vecs=False))
    return out


def collect(data: Path) -> list[dict]:
    """Every pair with the alignment ``compare`` gives ``decide_direction`` (cached)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / "pairs-v6.pkl"  # v6: with the link's kind (direction rules of 2026-12-05)
    if path.exists():
        return pickle.loads(path.read_bytes())
    from storytrace.embed import default_encoder
    from storytrace.reuse import classify
    from storytrace.reuse.align import align
    from storytrace.reuse.sentences import split_sentences

    raw = _raw_pairs(data)
    encoder = default_encoder()
    seen: list[tuple[str, str, Alignment]] = []
    real = classify.decide_direction

    def spy(a: Article, b: Article, alignment: Alignment, **kw):  # type: ignore[no-untyped-def]
        seen.append((a.id, b.id, alignment))
        return real(a, b, alignment, **kw)

    classify.decide_direction = spy  # type: ignore[assignment]
    rng = random.Random(SEED)
    out: list[dict] = []
    try:
        for i, r in enumerate(raw):
            orig_first = rng.random() < 0.5
            texts = (r["orig"], r["derived"]) if orig_first else (r["derived"], r["orig"])
            x, y = Article(f"p{i:04d}x", texts[0]), Article(f"p{i:04d}y", texts[1])
            vx = vy = None
            if r["vecs"]:
                vx = encoder.encode([s.text for s in split_sentences(x.text)])
                vy = encoder.encode([s.text for s in split_sentences(y.text)])
            seen.clear()
            link = classify.compare(x, y, source_vecs=vx, target_vecs=vy)
            if seen:
                a_id, _, al = seen[-1]
            else:
                a_id = x.id
                al = classify._content_alignment(
                    align(x.text, y.text, vx, vy, paraphrase_threshold=classify.DEFAULT_RULES.paraphrase_threshold)
                )
            a, b = (x, y) if a_id == x.id else (y, x)
            out.append(dict(ds=r["ds"], group=r["group"], note=r["note"], linked=link is not None,
                            kind=link.kind if link is not None else None,
                            a_id=a.id, b_id=b.id, a_text=a.text, b_text=b.text, alignment=al,
                            a_original=(a is x) == orig_first))
    finally:
        classify.decide_direction = real  # type: ignore[assignment]
    path.write_bytes(pickle.dumps(out))
    return out


# --------------------------------------------------------------------------- the rules

# The rules of direction.py (restated here so the model can be measured against them).
_CONTAINED, _GAP, _EXTRA = dr.CONTAINED_SHARE, dr.CONTAINED_GAP, dr.EXTRA_TEXT_RATIO
_TRIMMED = dr.TRIMMED_SHARE


def _trailing_share(al: Alignment, side: str) -> float:
    sentences = al.source_sentences if side == "source" else al.target_sentences
    spans = [p.source if side == "source" else p.target for p in al.pairs]
    if not spans:
        return 0.0
    aligned = {(s.start, s.end) for s in spans}
    last = max(s.end for s in spans)
    unaligned = [s for s in sentences if (s.start, s.end) not in aligned]
    total = sum(s.end - s.start for s in unaligned)
    return 1.0 if not total else sum(s.end - s.start for s in unaligned if s.start >= last) / total


def old_rules(r: dict, wrap: bool = False, rewrite_extra: bool = False) -> tuple[str, bool]:
    """(evidence, a is the original) as the rules of ``direction.py`` decide an undated pair.

    The defaults restate the shipped rules: a contained text is the derived one, and extra
    text does not decide rewrites (``r["kind"]``, the link's kind as ``compare`` gave it).
    ``wrap=True, rewrite_extra=True`` restates the rules before 2026-12-05 (which still
    settle the link's kind): a container whose own text does not trail the shared part
    "wraps" the other and is the derived one (evidence ``wrap``), and extra text decides
    rewrites too.
    """
    a_in_b, b_in_a, a_only, b_only = dr.content_shares(r["alignment"])
    if b_in_a >= _CONTAINED and b_in_a - a_in_b >= _GAP:
        if wrap and _trailing_share(r["alignment"], "source") < _TRIMMED:
            return "wrap", False
        return "containment", True
    if a_in_b >= _CONTAINED and a_in_b - b_in_a >= _GAP:
        if wrap and _trailing_share(r["alignment"], "target") < _TRIMMED:
            return "wrap", True
        return "containment", False
    extra = rewrite_extra or r.get("kind") != "rewrite"
    if extra and a_only and b_only and max(a_only, b_only) >= _EXTRA * min(a_only, b_only):
        return "extra_text", b_only > a_only
    return "id_order", r["a_id"] <= r["b_id"]


# --------------------------------------------------------------------------- the model


def features(rows: list[dict]) -> np.ndarray:
    """``TEXT_FEATURES`` of every pair, read from its ``a`` side."""
    found = (dr.text_features(r["a_text"], r["b_text"], r["alignment"]) for r in rows)
    return np.array([[f[k] for k in dr.TEXT_FEATURES] for f in found])


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, c: float) -> tuple[np.ndarray, np.ndarray]:
    """(scale, coef) of a no-intercept logistic regression on both orders of every pair."""
    from sklearn.linear_model import LogisticRegression

    xx, yy, ww = np.vstack([x, -x]), np.concatenate([y, 1 - y]), np.concatenate([w, w])
    scale = np.sqrt((xx**2).mean(axis=0))  # no centring: keeps f(a, b) = -f(b, a)
    scale[scale == 0] = 1.0
    clf = LogisticRegression(C=c, fit_intercept=False, max_iter=5000).fit(xx / scale, yy, sample_weight=ww)
    return scale, clf.coef_[0]


def prob(model: tuple[np.ndarray, np.ndarray], x: np.ndarray) -> np.ndarray:
    scale, coef = model
    return 1.0 / (1.0 + np.exp(-np.clip((x / scale) @ coef, -30, 30)))


def weights(ds: list[str]) -> np.ndarray:
    """Each dataset weighs alike, in all the same as one weight per pair."""
    n = defaultdict(int)
    for d in ds:
        n[d] += 1
    return np.array([len(ds) / (len(n) * n[d]) for d in ds])


def split(groups: list[str], k: int, seed: int) -> list[np.ndarray]:
    """``k`` folds of pair indices, whole groups to a fold (Clough tasks spread first)."""
    names = sorted(set(groups))
    random.Random(seed).shuffle(names)
    names.sort(key=lambda g: not g.startswith("clough:"))
    fold = {g: i % k for i, g in enumerate(names)}
    return [np.array([i for i, g in enumerate(groups) if fold[g] == f]) for f in range(k)]


def threshold_for(p: np.ndarray, y: np.ndarray, target: float) -> float:
    """Lowest ``max(p, 1-p)`` cut at which the decided pairs are right at least ``target`` of the time."""
    conf = np.maximum(p, 1 - p)
    right = (p >= 0.5) == (y == 1)
    for t in sorted(set(np.round(conf, 4))):
        keep = conf >= t
        if keep.sum() >= 3 and right[keep].mean() >= target:
            return float(t)
    return 1.0


def choose(x: np.ndarray, y: np.ndarray, ds: list[str], groups: list[str], target: float):
    """C by inner grouped CV (log loss), threshold from the inner out-of-fold probabilities."""
    w = weights(ds)
    folds = split(groups, INNER_FOLDS, SEED + 1)
    best = None
    for c in C_GRID:
        p = np.zeros(len(y))
        for f in folds:
            train = np.setdiff1d(np.arange(len(y)), f)
            p[f] = prob(fit(x[train], y[train], w[train], c), x[f])
        loss = -np.sum(w * np.log(np.where(y == 1, p, 1 - p).clip(1e-9)))
        if best is None or loss < best[0]:
            best = (loss, c, p)
    _, c, p = best
    return fit(x, y, w, c), c, threshold_for(p, y, target)


# --------------------------------------------------------------------------- report


def line(name: str, right: np.ndarray, decided: np.ndarray) -> str:
    n = len(right)
    coin = np.where(decided, right, 0.5)  # an undecided pair falls to id order: a coin toss
    dec = int(decided.sum())
    acc_dec = right[decided].mean() if dec else float("nan")
    return (
        f"{name:<28} accuracy {coin.mean():.3f} (undecided as a coin) | decided {dec}/{n} "
        f"({dec / n:.2f}) right {int(right[decided].sum())}/{dec} = {acc_dec:.3f}"
    )


def report(rows: list[dict], p_tune: np.ndarray, p_oof: np.ndarray, t_tune: float, t_oof: np.ndarray) -> None:
    y = np.array([r["a_original"] for r in rows])
    for ds in REPORTED:
        idx = np.array([i for i, r in enumerate(rows) if r["ds"] == ds])
        if not len(idx):
            continue
        linked = sum(rows[i]["linked"] for i in idx)
        fitted = "fitted" if ds in FITTED else "check only, never fitted"
        print(f"\n{ds}: {len(idx)} pairs ({linked} linked by compare; {fitted})")
        for name, kw in (
            ("rules before 2026-12-05", {"wrap": True, "rewrite_extra": True}),
            ("  only the excerpt reading", {"rewrite_extra": True}),
        ):
            v = [old_rules(rows[i], **kw) for i in idx]
            right_v = np.array([a == y[i] for (_, a), i in zip(v, idx, strict=True)])
            print("  " + line(name, right_v, np.array([e != "id_order" for e, _ in v])))
        before = ((old_rules(rows[i], wrap=True, rewrite_extra=True), i) for i in idx)
        wraps = [(a == y[i]) for (e, a), i in before if e == "wrap"]
        if wraps:
            print(f"    (the wrap reading decided {len(wraps)}, right {sum(wraps)})")
        old = [old_rules(rows[i]) for i in idx]
        old_right = np.array([a == y[i] for (_, a), i in zip(old, idx, strict=True)])
        old_dec = np.array([e != "id_order" for e, _ in old])
        print("  " + line("rules alone", old_right, old_dec))
        runs = (("model alone, tuning (in-sample)", p_tune, t_tune), ("model alone, out of fold", p_oof, t_oof))
        for name, p, t in runs:
            pi = p[idx]
            ti = t[idx] if isinstance(t, np.ndarray) else t
            right = (pi >= 0.5) == y[idx]
            decided = np.maximum(pi, 1 - pi) >= ti
            print("  " + line(name, right, decided))
            # Hybrid: the model where it is decisive, else the old rules.
            # (The shipped rule: the model only where the rules had nothing but ingest order.)
            guess = np.array([e == "id_order" for e, _ in old])
            hyb = np.where(decided & guess, pi >= 0.5, np.array([a for _, a in old]))
            print("  " + line("  shipped, " + name.split(",")[1].strip(), hyb == y[idx], (decided & guess) | old_dec))
            linked = np.array([rows[i]["linked"] for i in idx])
            if not linked.all():
                print("  " + line("    the pairs compare links", (hyb == y[idx])[linked], ((decided & guess) | old_dec)[linked]))
        if ds in ("clough", "copy", "natural"):
            for note in sorted({rows[i]["note"] for i in idx}) if ds != "copy" else ():
                sub = np.array([i for i in idx if rows[i]["note"] == note])
                pi, ti = p_oof[sub], t_oof[sub]
                right, decided = (pi >= 0.5) == y[sub], np.maximum(pi, 1 - pi) >= ti
                print(f"    {note:<8} out of fold: decided {int(decided.sum())}/{len(sub)}, "
                      f"right {int(right[decided].sum())}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--precision", type=float, default=0.9, help="precision the threshold is set for")
    ap.add_argument("--write", action="store_true", help=f"write {MODEL.relative_to(REPO)}")
    ap.add_argument("--show", action="store_true", help="print the out-of-fold errors")
    args = ap.parse_args(argv)

    rows = collect(args.data)
    x_all = features(rows)
    y_all = np.array([int(r["a_original"]) for r in rows])
    fit_idx = np.array([i for i, r in enumerate(rows) if r["ds"] in FITTED])
    x, y = x_all[fit_idx], y_all[fit_idx]
    ds = [rows[i]["ds"] for i in fit_idx]
    groups = [rows[i]["group"] for i in fit_idx]

    # Out of fold: the fitted pairs by outer fold; check-only pairs (natural, msrp) get the
    # mean of the five fold models' probabilities and thresholds (none of them saw those).
    p_oof = np.zeros(len(rows))
    t_oof = np.zeros(len(rows))
    check = np.array([i for i, r in enumerate(rows) if r["ds"] not in FITTED])
    p_check, t_check = np.zeros(len(check)), 0.0
    for f in split(groups, OUTER_FOLDS, SEED):
        train = np.setdiff1d(np.arange(len(y)), f)
        model, c, t = choose(
            x[train], y[train], [ds[i] for i in train], [groups[i] for i in train], args.precision
        )
        p_oof[fit_idx[f]] = prob(model, x[f])
        t_oof[fit_idx[f]] = t
        p_check += prob(model, x_all[check]) / OUTER_FOLDS
        t_check += t / OUTER_FOLDS
        print(f"fold: {len(f)} held pairs, C={c}, threshold={t:.3f}")
    p_oof[check], t_oof[check] = p_check, t_check

    model, c, t = choose(x, y, ds, groups, args.precision)
    p_tune = prob(model, x_all)
    scale, coef = model
    print(f"\nshipped model: C={c}, threshold={t:.4f} (precision target {args.precision})")
    for name, s, k in zip(dr.TEXT_FEATURES, scale, coef, strict=True):
        print(f"  {name:<12} scale {s:8.4f}  coef {k:+.3f}")
    report(rows, p_tune, p_oof, t, t_oof)

    fitted_decided = np.maximum(p_oof[fit_idx], 1 - p_oof[fit_idx]) >= t_oof[fit_idx]
    right = (p_oof[fit_idx] >= 0.5) == (y == 1)
    print(f"\nall fitted pairs out of fold: decided {int(fitted_decided.sum())}/{len(y)}, "
          f"precision {right[fitted_decided].mean():.3f}")
    if args.show:
        for i in np.flatnonzero((p_oof >= 0.5) != (y_all == 1)):
            r = rows[i]
            if np.maximum(p_oof[i], 1 - p_oof[i]) >= t_oof[i]:
                f = dict(zip(dr.TEXT_FEATURES, np.round(x_all[i], 2), strict=True))
                print(f"WRONG {r['ds']} {r['note']} p(a orig)={p_oof[i]:.2f} a_orig={r['a_original']} {f}")
    if args.write:
        raw = {
            "about": "Direction without dates: logistic model over direction.TEXT_FEATURES (no intercept). "
            "Fitted by bench/direction_eval.py on Clough-Stevenson rewrites (tasks a-c) and reuse_eval's "
            "synthetic copies and partials (seed 13), both orders of every pair, each dataset weighted "
            "alike; "
            "C by grouped 3-fold CV; threshold = lowest max(p, 1-p) with out-of-fold precision >= "
            f"{args.precision} on those pairs.",
            "features": list(dr.TEXT_FEATURES),
            "scale": [round(float(v), 6) for v in scale],
            "coef": [round(float(v), 6) for v in coef],
            "C": c,
            "threshold": round(t, 4),
        }
        MODEL.write_text(json.dumps(raw, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {MODEL.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
