#!/usr/bin/env python3
"""Fit the text-mode line model (``storytrace/extract/models/text_lines.json``).

Data: the TUNING part of the extraction benchmark's development pages
(``extraction_eval.split_of``; the check part is never read here), each page
flattened to text at run time by two HTML-to-text tools (html-text with
``guess_layout=True``, and inscriptis), as a user's whole-page text dump would be.

Labels: a line is story text when most of its 4-token shingles (the benchmark's
unit) are in the page's ground-truth article body; a line shorter than four
tokens is story text when its tokens occur in that order in the body.

Model (``text.LineModel``): two stacked logistic regressions (scikit-learn's, on
standardised inputs; stored as numbers and evaluated with numpy at run time).
The first reads each line's ``text.FEATURES``; the second reads them again with
the first's out-of-fold probabilities for the line and its neighbours
(``text.stack_features``). The kept lines are then decoded as runs
(``text.decode_runs``: a two-state Viterbi over the second stage's probabilities,
each line's gain its size in words times its margin over the cut, less a cost
for every switch between story and furniture). Each line is weighted by its
token count (the metric counts shingles, so long lines matter more). The
regularisation C, the probability cut and the switch cost are chosen together
by 5-fold cross-validation grouped by page, on the benchmark's own metric (F1 of
mean precision and mean recall over pages); the cross-validated F1 of the chosen
setting is printed and stored with the model. ``--one-stage`` also scores the
first stage alone with the plain cut, for comparison.

Usage: ``.venv/bin/python bench/train_text_lines.py [--data DIR] [--write]``
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from bench_loader import load_bench

from storytrace.extract import text as textmode

ev = load_bench("extraction_eval")
MODEL_PATH = REPO / "storytrace" / "extract" / "models" / "text_lines.json"


def _ngrams(tokens: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + n]) for i in range(max(0, len(tokens) - n + 1))}


def label_lines(lines: list[str], truth: str) -> np.ndarray:
    true_tokens = ev.tokenize(truth)
    grams = {n: _ngrams(true_tokens, n) for n in (1, 2, 3, 4)}
    out = np.zeros(len(lines))
    for i, line in enumerate(lines):
        tokens = ev.tokenize(line)
        if not tokens:
            continue
        if len(tokens) < 4:
            out[i] = 1.0 if tuple(tokens) in grams[len(tokens)] else 0.0
            continue
        mine = [tuple(tokens[j : j + 4]) for j in range(len(tokens) - 3)]
        out[i] = 1.0 if sum(1 for g in mine if g in grams[4]) >= 0.5 * len(mine) else 0.0
    return out


def build(data: Path) -> list[dict[str, object]]:
    """One record per (page, dump tool) of the tuning part: features, labels, lines, page id."""
    truth = ev.load_truth(data)
    tune = ev.split_ids(truth)["tune"]
    records = []
    for pid in tune:
        html = ev.load_html(data, pid)
        for tool, make in ev.DUMPS.items():
            _header, lines, anchor = textmode.body_lines(make(html))
            texts = [line for line, _ in lines]
            records.append(
                {
                    "page": pid,
                    "tool": tool,
                    "lines": lines,
                    "X": textmode.line_features(lines, anchor),
                    "y": label_lines(texts, truth[pid]),
                    "w": np.array([max(1, len(ev.tokenize(t))) for t in texts], dtype=np.float64),
                    "truth": truth[pid],
                }
            )
    return records


def page_text(lines: list[tuple[str, int]], keep: np.ndarray) -> str:
    return "\n".join(line for (line, _), k in zip(lines, keep, strict=True) if k)


def fit(model, X: np.ndarray, y: np.ndarray, w: np.ndarray):
    """Fit with per-line weights (a pipeline takes them on its last step)."""
    steps = getattr(model, "steps", None)
    kwargs = {f"{steps[-1][0]}__sample_weight": w} if steps else {"sample_weight": w}
    return model.fit(X, y, **kwargs)


def logistic(C: float):
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(), LogisticRegression(C=C, max_iter=3000))


def as_logistic(pipe) -> textmode.Logistic:
    scaler, lr = pipe.steps[0][1], pipe.steps[1][1]
    return textmode.Logistic(
        mean=scaler.mean_,
        scale=np.where(scaler.scale_ > 0, scaler.scale_, 1.0),
        coef=lr.coef_[0],
        intercept=float(lr.intercept_[0]),
    )


def _stack(records, idx):
    return (
        np.vstack([records[i]["X"] for i in idx]),
        np.concatenate([records[i]["y"] for i in idx]),
        np.concatenate([records[i]["w"] for i in idx]),
    )


def fit_line_model(records, idx, C: float, cut: float = 0.5, inner_folds: int = 4, seed: int = 13):
    """Both stages on ``records[idx]``: the second stage learns from the first's out-of-fold probabilities."""
    from sklearn.model_selection import GroupKFold

    idx = list(idx)
    pages = np.array([records[i]["page"] for i in idx])
    oof: dict[int, np.ndarray] = {}
    for tr, te in GroupKFold(n_splits=inner_folds, shuffle=True, random_state=seed).split(
        np.zeros(len(idx)), groups=pages
    ):
        first = as_logistic(fit(logistic(C), *_stack(records, [idx[k] for k in tr])))
        for k in te:
            oof[idx[k]] = first(records[idx[k]]["X"])
    first = as_logistic(fit(logistic(C), *_stack(records, idx)))
    X2 = np.vstack([textmode.stack_features(records[i]["X"], oof[i]) for i in idx])
    _, y, w = _stack(records, idx)
    second = as_logistic(fit(logistic(C), X2, y, w))
    return textmode.LineModel(first=first, second=second, cut=cut, fitted_on="")


#: Switch costs tried for the run decoder (``text.decode_runs``), in words: 0 is the plain cut.
SWITCH_COSTS = (0.0, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0)


def oof_probabilities(records, C: float, folds: int = 5, seed: int = 13, stacked: bool = True):
    """Each record's line probabilities from a model fitted without its page (folds grouped by page)."""
    from sklearn.model_selection import GroupKFold

    pages = np.array([r["page"] for r in records])
    out: dict[int, np.ndarray] = {}
    for train_idx, test_idx in GroupKFold(n_splits=folds, shuffle=True, random_state=seed).split(
        np.zeros(len(records)), groups=pages
    ):
        if stacked:
            predict = fit_line_model(records, train_idx, C).probabilities
        else:
            predict = as_logistic(fit(logistic(C), *_stack(records, train_idx)))
        for i in test_idx:
            out[i] = predict(records[i]["X"])
    return out


def cv_scores(records, C: float, cuts, switch_costs=SWITCH_COSTS, stacked: bool = True):
    """Benchmark F1 (and precision, recall) for each (cut, switch cost), out of fold."""
    oof = oof_probabilities(records, C, stacked=stacked)
    sizes = {i: textmode.line_sizes(r["X"]) for i, r in enumerate(records)}
    scores = {}
    for cost in switch_costs:
        for c in cuts:
            rows = []
            for i, r in enumerate(records):
                keep = textmode.decode_runs(oof[i], sizes[i], c, cost)
                rows.append(ev.page_scores(r["truth"], page_text(r["lines"], keep)))
            scores[(c, cost)] = ev.aggregate(rows)
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ev.DEFAULT_DATA)
    parser.add_argument("--write", action="store_true", help=f"write the chosen model to {MODEL_PATH}")
    parser.add_argument(
        "--one-stage", action="store_true", help="also score the first stage alone (comparison)"
    )
    args = parser.parse_args(argv)

    records = build(args.data)
    n_lines = sum(len(r["y"]) for r in records)
    print(
        f"tuning part: {len({r['page'] for r in records})} pages x {len(ev.DUMPS)} dump tools, {n_lines} lines"
    )
    cuts = [round(c, 2) for c in np.arange(0.2, 0.81, 0.05)]
    best = (-1.0, None, None, None)
    for C in (0.01, 0.1, 1.0):
        if args.one_stage:
            one = cv_scores(records, C, cuts, switch_costs=(0.0,), stacked=False)
            key = max(one, key=lambda k: one[k].f1)
            print(f"one stage (comparison) C={C:<5} best cut {key[0]:.2f}: CV {one[key]}")
        scores = cv_scores(records, C, cuts)
        plain = max((k for k in scores if k[1] == 0.0), key=lambda k: scores[k].f1)
        cut, cost = max(scores, key=lambda k: scores[k].f1)
        print(
            f"two stages C={C:<5} best cut {cut:.2f} switch cost {cost}: CV {scores[(cut, cost)]} "
            f"F1 {scores[(cut, cost)].f1:.4f}   (plain cut {plain[0]:.2f}: F1 {scores[plain].f1:.4f})"
        )
        if scores[(cut, cost)].f1 > best[0]:
            best = (scores[(cut, cost)].f1, C, cut, cost)

    f1, C, cut, cost = best
    print(
        f"chosen: two stages, C={C}, cut {cut:.2f}, switch cost {cost}, "
        f"5-fold CV F1 on the tuning part {f1:.4f}"
    )
    if args.write:
        model = fit_line_model(records, range(len(records)), C, cut=float(cut))
        model = textmode.LineModel(
            first=model.first,
            second=model.second,
            cut=float(cut),
            switch_cost=float(cost),
            fitted_on=(
                f"bench/train_text_lines.py: tuning part of the extraction benchmark's development pages "
                f"({len({r['page'] for r in records})} pages, html-text and inscriptis dumps, {n_lines} lines); "
                f"C={C}, cut={cut:.2f} and switch cost {cost} by 5-fold CV grouped by page (CV F1 {f1:.4f})"
            ),
        )
        MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
        MODEL_PATH.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
