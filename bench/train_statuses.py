"""Fit what the fact statuses decide with, from the tune half of the status labels.

    .venv/bin/python bench/train_statuses.py STORE.db [--labels bench/statuses/labels.jsonl]
        [--out storytrace/statements/models/statuses.json] [--precision 0.9]

Figures: the "two figures state one fact" model.

Reads the labelled figure pairs of the tune half (half 0; ``bench/statuses/``),
rebuilds each side from the store (its sentence, measure and reuse links), and fits
a logistic regression (scikit-learn, standardised features of
``storytrace.statements.pairs``) on "one fact" (``agree``, ``conflict``, ``update``,
``drift``) against "not one fact" (``different``, ``error``). The regularisation is
chosen by cross-validation grouped by story (no story in two folds); the threshold is
the lowest probability at which the out-of-fold "one fact" precision reaches
``--precision`` (a status shown to a user must rest on one fact). The check half is
not read here: ``bench/status_eval.py --half check`` reports it.

Quotations: the word overlap from which two renderings of one named speaker's words are
one statement with changed words (``altered_overlap``): the lowest at which the tune
half's altered-quote claims reach ``--precision`` (none reaching it: no overlap short of
identical words, and the status is never claimed).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from storytrace import api  # noqa: E402
from storytrace.grouping.features import parse_time  # noqa: E402
from storytrace.model import FactValue, Figure, Quote  # noqa: E402
from storytrace.statements.compare import _overlap, _speaker_key, _words, same_words  # noqa: E402
from storytrace.statements.compare import pair_claim  # noqa: E402
from storytrace.statements.pairs import FEATURES, figure_pair_features  # noqa: E402
from storytrace.statements.params import FactParams  # noqa: E402

sys.path.insert(0, str(REPO / "bench"))
from status_eval import is_right  # noqa: E402

ONE_FACT = {"agree", "conflict", "update", "drift"}
#: Fewest claims a threshold is chosen on (fewer say nothing about precision).
MIN_SUPPORT = 5


def target(status: str, precision: float) -> float:
    """The issue's precision targets: corroborated 0.95, the accusations ``precision``."""
    return max(precision, 0.95) if status == "corroborated" else precision
DEFAULT_LABELS = REPO / "bench" / "statuses" / "labels.jsonl"
DEFAULT_OUT = REPO / "storytrace" / "statements" / "models" / "statuses.json"


def _value(f: Figure, text: str, published: str | None = None) -> FactValue:
    return FactValue(
        article_id=f.article_id, outlet=None, published=published, text=f.text, value=f.value,
        qualifier=f.qualifier, qualifier_class=f.qualifier_class, unit=f.unit, time_ref=f.time,
        attribution=f.attribution, start=f.start, end=f.end,
        sentence=text[f.sentence_start : f.sentence_end], counted=f.counted,
    )


def labelled_pairs(db: str, labels: Iterable[dict[str, Any]], halves: set[int]) -> list[dict[str, Any]]:
    """Each labelled figure pair of ``halves`` with its features and the status its
    structure allows (``compare.pair_claim``), rebuilt from the store."""
    conn = sqlite3.connect(db)
    meta = {aid: (json.loads(extra or "{}").get("doc_id"), outlet, published)
            for aid, extra, outlet, published in conn.execute("select id, extra, outlet, published from articles")}
    by_doc = {m[0]: aid for aid, m in meta.items()}
    links = {tuple(sorted(r)) for r in conn.execute("select source_id, target_id from reuse_links")}
    story = dict(conn.execute("select a.id, s.story_id from article_stories s join articles a on a.key = s.article_key"))
    conn.close()
    rows = [r for r in labels if r["kind"] == "figure" and r["half"] in halves]
    out = []
    params = FactParams(same_fact=None)
    with api.open_store(db) as store:
        ids = {by_doc.get(r[s]["doc_id"]) for r in rows for s in "ab"} - {None}
        facts = store.facts_of(sorted(ids))
        texts = {i: store.get_article(i).text for i in ids}
    for r in rows:
        sides = []
        for s in "ab":
            aid = by_doc.get(r[s]["doc_id"])
            fig = next((f for f in facts.get(aid, ([], []))[0] if f.start == r[s]["start"]), None) if aid else None
            sides.append(fig)
        if None in sides:
            continue  # the extractor no longer finds that figure
        fa, fb = sides
        va = _value(fa, texts[fa.article_id], meta[fa.article_id][2])
        vb = _value(fb, texts[fb.article_id], meta[fb.article_id][2])
        linked = tuple(sorted((fa.article_id, fb.article_id))) in links
        oa, ob = meta[fa.article_id][1], meta[fb.article_id][1]
        claim = pair_claim(
            va, vb, copied=linked,
            independent=not linked and not (oa and ob and oa.casefold() == ob.casefold()),
            time_a=parse_time(meta[fa.article_id][2]), time_b=parse_time(meta[fb.article_id][2]),
            stated_a={f.value for f in facts[fa.article_id][0] if f.measure == fa.measure},
            stated_b={f.value for f in facts[fb.article_id][0] if f.measure == fb.measure},
            params=params,
        )
        feats = figure_pair_features(va, vb, fa.measure or "", fb.measure or "", linked=linked)
        out.append({"label": r["label"], "y": int(r["label"] in ONE_FACT), "x": [feats[f] for f in FEATURES],
                    "claim": claim, "right": claim is not None and is_right(claim, r),
                    "story": story.get(fa.article_id, fa.article_id), "pair_id": r["pair_id"]})
    return out


def fit(rows: list[dict[str, Any]], precision: float) -> dict[str, Any]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold
    from sklearn.preprocessing import StandardScaler

    x = np.array([r["x"] for r in rows], dtype=float)
    y = np.array([r["y"] for r in rows])
    groups = np.array([r["story"] for r in rows])
    folds = GroupKFold(n_splits=5)
    best = None
    for c in (0.01, 0.03, 0.1, 0.3, 1.0, 3.0):
        oof = np.zeros(len(y))
        for tr, te in folds.split(x, y, groups):
            sc = StandardScaler().fit(x[tr])
            m = LogisticRegression(C=c, max_iter=2000).fit(sc.transform(x[tr]), y[tr])
            oof[te] = m.predict_proba(sc.transform(x[te]))[:, 1]
        loss = -np.mean(y * np.log(np.clip(oof, 1e-9, 1)) + (1 - y) * np.log(np.clip(1 - oof, 1e-9, 1)))
        if best is None or loss < best[0]:
            best = (loss, c, oof)
    loss, c, oof = best
    # The lowest threshold whose out-of-fold precision (over pairs at or above it) reaches the target.
    threshold = 1.0
    for t in sorted(set(np.round(oof, 3)), reverse=True):
        sel = oof >= t
        if sel.sum() >= 5 and y[sel].mean() >= precision:
            threshold = float(t)
    sel = oof >= threshold
    # Per status: the lowest threshold at which the pairs that status would claim reach the
    # precision (at least MIN_SUPPORT claims); none reaching it: never (2.0).
    thresholds: dict[str, float] = {}
    support: dict[str, dict[str, Any]] = {}
    for status in sorted({r["claim"] for r in rows if r["claim"]}):
        idx = [k for k, r in enumerate(rows) if r["claim"] == status]
        right = np.array([rows[k]["right"] for k in idx], dtype=bool)
        probs = oof[idx]
        cut_s = 2.0
        for t in sorted(set(np.round(probs, 3)), reverse=True):
            m = probs >= t
            if m.sum() >= MIN_SUPPORT and right[m].mean() >= target(status, precision):
                cut_s = float(t)
        m = probs >= cut_s
        thresholds[status] = round(cut_s, 3)
        support[status] = {
            "labelled": len(idx), "right": int(right.sum()), "claimed_at_cut": int(m.sum()),
            "precision_at_cut": round(float(right[m].mean()), 3) if m.any() else None,
            "recall_at_cut": round(float(right[m].sum() / max(1, right.sum())), 3),
        }
    sc = StandardScaler().fit(x)
    scale = np.where(sc.scale_ > 0, sc.scale_, 1.0)
    m = LogisticRegression(C=c, max_iter=2000).fit((x - sc.mean_) / scale, y)
    return {
        "model": {
            "features": list(FEATURES),
            "mean": [round(float(v), 6) for v in sc.mean_],
            "scale": [round(float(v), 6) for v in scale],
            "coef": [round(float(v), 6) for v in m.coef_[0]],
            "intercept": round(float(m.intercept_[0]), 6),
            "threshold": round(threshold, 3),
            "thresholds": thresholds,
        },
        "statuses": support,
        "cv": {
            "pairs": len(y), "one_fact": int(y.sum()), "C": c, "log_loss": round(float(loss), 4),
            "precision_at_threshold": round(float(y[sel].mean()), 3) if sel.any() else None,
            "recall_at_threshold": round(float((y[sel]).sum() / max(1, y.sum())), 3),
        },
    }


def labelled_quotes(db: str, labels: Iterable[dict[str, Any]], halves: set[int]) -> list[dict[str, Any]]:
    """Each labelled quotation pair of ``halves`` as the altered-quote rule sees it."""
    conn = sqlite3.connect(db)
    by_doc = {json.loads(extra or "{}").get("doc_id"): aid for aid, extra in conn.execute("select id, extra from articles")}
    outlet = dict(conn.execute("select id, outlet from articles"))
    conn.close()
    rows = [r for r in labels if r["kind"] == "quote" and r["half"] in halves]
    with api.open_store(db) as store:
        ids = {by_doc.get(r[s]["doc_id"]) for r in rows for s in "ab"} - {None}
        facts = store.facts_of(sorted(ids))
    out = []
    for r in rows:
        qs: list[Quote | None] = []
        for s in "ab":
            aid = by_doc.get(r[s]["doc_id"])
            qs.append(next((q for q in facts.get(aid, ([], []))[1] if q.start == r[s]["start"]), None) if aid else None)
        qa, qb = qs
        if qa is None or qb is None:
            continue
        wa, wb = _words(qa.text), _words(qb.text)
        ka, kb = _speaker_key(qa), _speaker_key(qb)
        other_outlet = (outlet.get(qa.article_id) or "a").casefold() != (outlet.get(qb.article_id) or "b").casefold()
        out.append({
            "label": r["label"], "overlap": _overlap(wa, wb),
            "repeated": bool(ka and ka == kb and other_outlet and same_words(qa.text, qb.text)),
            "candidate": bool(ka and ka == kb and len(wa) >= 4 and len(wb) >= 4
                              and not same_words(qa.text, qb.text) and other_outlet),
        })
    return out


def fit_quotes(rows: list[dict[str, Any]], precision: float) -> dict[str, Any]:
    cands = sorted((r for r in rows if r["candidate"]), key=lambda r: -r["overlap"])
    cut = 1.01  # above any overlap: no altered-quote claimed
    for i in range(len(cands)):
        head = cands[: i + 1]
        if len(head) >= 5 and sum(r["label"] == "altered" for r in head) / len(head) >= precision:
            cut = head[-1]["overlap"]
    claimed = [r for r in cands if r["overlap"] >= cut]
    p_alt = sum(r["label"] == "altered" for r in claimed) / len(claimed) if claimed else None
    repeated = [r for r in rows if r["repeated"]]
    p_same = sum(r["label"] == "same" for r in repeated) / len(repeated) if repeated else None
    confidence = {k: round(v, 3) for k, v in (("altered-quote", p_alt), ("changed-in-copy", p_alt),
                                              ("corroborated", p_same)) if v is not None}
    return {
        "confidence": confidence,
        "corroborated_pairs": len(repeated),
        "altered_overlap": round(cut, 3),
        "altered_claims": len(claimed),
        "altered_precision": round(p_alt, 3) if p_alt is not None else None,
        "candidates": len(cands),
        "by_overlap": [(round(r["overlap"], 3), r["label"]) for r in cands],
    }


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("db")
    ap.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--precision", type=float, default=0.9)
    args = ap.parse_args(list(argv) if argv is not None else None)
    labels = [json.loads(line) for line in args.labels.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = labelled_pairs(args.db, labels, {0})
    res = fit(rows, args.precision)
    quotes = fit_quotes(labelled_quotes(args.db, labels, {0}), args.precision)
    res = {
        "fitted_by": "bench/train_statuses.py",
        "data": "bench/statuses/labels.jsonl, tune half (0): figure pairs of real stories of "
        "../shared/data/events (BASIL, AllSides, ECB+)",
        "target_precision": args.precision,
        **res,
        "quotes": quotes,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(res["cv"]), "threshold", res["model"]["threshold"])
    print("quotes", json.dumps(quotes))
    for f, c in sorted(zip(FEATURES, res["model"]["coef"], strict=True), key=lambda fc: -abs(fc[1])):
        print(f"  {f:<18} {c:+.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
