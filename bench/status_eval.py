"""Precision and recall of every fact status against labelled pairs (issue 18).

    .venv/bin/python bench/status_eval.py STORE.db [--labels bench/statuses/labels.jsonl]
        [--half check|tune|all] [--errors N] [--json PATH]

``STORE.db`` is a store of the events data (``storytrace ingest`` of
``../shared/data/events/{basil,allsides_roundups,ecbplus}.jsonl``). The labels
(``bench/statuses/labels.jsonl``, guideline ``bench/statuses/GUIDELINE.md``) say,
for pairs of statements from two articles of one story, what the pair really is:
figures ``agree``, ``conflict``, ``update``, ``drift`` (one number hedged in
opposite directions), ``different`` (not one fact) or ``error`` (misread);
quotations ``same``, ``altered``, ``different`` or ``error``.

A group's status is a claim about some of its pairs (``claimed``): a conflict
about its pairs of different values from independent sources, an update about
its earlier/later pair, a drift about its pairs of one number, corroborated about
its pairs from independent sources, an altered quotation about its pairs whose
words differ. A claimed pair is right when its label is the status's relation
(``RIGHT``). Precision is over the claimed pairs that are labelled; the claims on
unlabelled pairs are counted and printed, so a new rule that claims pairs nobody
labelled says so. Recall is over the labelled pairs of that relation.

The halves are fixed by a crc32 of the event (the ECB+ topic), as the story fit's:
``tune`` (0) is for reading failures, ``check`` (1) is what is reported.
"""

from __future__ import annotations

import argparse
import json
import sys
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from storytrace.model import FactGroup, FactValue  # noqa: E402

DEFAULT_LABELS = REPO / "bench" / "statuses" / "labels.jsonl"
#: status -> (kind, the label that makes a claimed pair right)
RIGHT = {
    ("figure", "conflict"): {"conflict"},
    ("figure", "update"): {"update"},
    ("figure", "qualifier-drift"): {"drift"},
    ("figure", "corroborated"): {"agree"},
    ("figure", "changed-in-copy"): {"conflict", "update", "drift"},
    ("quote", "altered-quote"): {"altered"},
    ("quote", "corroborated"): {"same"},
    ("quote", "changed-in-copy"): {"altered"},
}


def is_right(status: str, label: dict[str, Any]) -> bool:
    """Whether a pair with ``label`` is rightly given ``status``: its relation is the
    status's. That a changed-in-copy pair's articles are a source and its copy is the reuse
    link's claim, measured by the reuse benches; here the pair must state one fact (one
    statement) differently."""
    return label["label"] in RIGHT[(label["kind"], status)]


TARGETS = {"conflict": 0.9, "update": 0.9, "altered-quote": 0.9, "changed-in-copy": 0.9, "corroborated": 0.95}


def _independent(a: FactValue, b: FactValue) -> bool:
    return a.article_id != b.article_id and not (a.outlet and b.outlet and a.outlet.casefold() == b.outlet.casefold())


def claimed(g: FactGroup) -> Iterator[tuple[FactValue, FactValue]]:
    """The pairs of a group its status speaks about (see the module docstring)."""
    vals = g.values
    if g.status == "single-source":
        return
    if getattr(g, "pair", None):
        i, j = g.pair  # a status that names its evidence
        yield vals[i], vals[j]
        return
    for i, a in enumerate(vals):
        for b in vals[i + 1 :]:
            if not _independent(a, b) and g.status not in ("changed-in-copy",):
                continue
            if g.kind == "figure":
                if g.status in ("conflict", "update", "changed-in-copy") and a.value == b.value:
                    continue
                if g.status == "qualifier-drift" and a.value != b.value:
                    continue
            elif g.status in ("altered-quote", "changed-in-copy") and a.text.split() == b.text.split():
                continue
            yield a, b


def half_of(extra: dict[str, Any]) -> int:
    cluster = str(extra.get("cluster_id", ""))
    group = cluster.split("_")[0] if extra.get("dataset") == "ecbplus" else cluster
    return zlib.crc32(group.encode("utf-8")) % 2


def load_labels(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _key(kind: str, doc_a: str, start_a: int, doc_b: str, start_b: int) -> tuple[str, tuple[str, int], tuple[str, int]]:
    x, y = sorted([(doc_a, start_a), (doc_b, start_b)])
    return kind, x, y


def evaluate(db: str, labels: Sequence[dict[str, Any]], half: str = "check") -> dict[str, Any]:
    import sqlite3

    from storytrace import api
    from storytrace.statements.stored import all_story_facts

    conn = sqlite3.connect(db)
    docs = {aid: json.loads(extra or "{}") for aid, extra in conn.execute("select id, extra from articles")}
    conn.close()
    want = {"tune": {0}, "check": {1}, "all": {0, 1}}[half]
    labelled = {
        _key(r["kind"], r["a"]["doc_id"], r["a"]["start"], r["b"]["doc_id"], r["b"]["start"]): r
        for r in labels
        if r["half"] in want
    }
    claims: dict[tuple[str, str], list[tuple[Any, dict[str, Any] | None]]] = defaultdict(list)
    found: dict[Any, set[str]] = defaultdict(set)
    with api.open_store(db) as store:
        for g in all_story_facts(store):
            for a, b in claimed(g):
                ea, eb = docs.get(a.article_id, {}), docs.get(b.article_id, {})
                if half_of(ea) not in want:
                    continue
                key = _key(g.kind, ea.get("doc_id", a.article_id), a.start, eb.get("doc_id", b.article_id), b.start)
                claims[(g.kind, g.status)].append((key, labelled.get(key)))
                found[key].add(g.status)
    rows = {}
    for kind, status in RIGHT:
        got = claims.get((kind, status), [])
        judged = [lab for _, lab in got if lab is not None]
        ok = [lab for lab in judged if is_right(status, lab)]
        # A change in copy is only expected of linked articles, the rest of the others.
        relevant = [
            k
            for k, lab in labelled.items()
            if k[0] == kind
            and is_right(status, lab)
            and (status == "corroborated" or bool(lab.get("reuse_linked")) == (status == "changed-in-copy"))
        ]
        hit = [k for k in relevant if status in found.get(k, set())]
        rows[f"{kind} {status}"] = {
            "claimed": len(got), "labelled": len(judged), "right": len(ok),
            "precision": len(ok) / len(judged) if judged else None,
            "relevant": len(relevant), "found": len(hit),
            "recall": len(hit) / len(relevant) if relevant else None,
            "wrong": [lab for lab in judged if not is_right(status, lab)],
        }
    return {"half": half, "labels": len(labelled), "rows": rows,
            "label_counts": Counter((k[0], lab["label"]) for k, lab in labelled.items())}


def _fmt(x: float | None) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("db")
    ap.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    ap.add_argument("--half", choices=("check", "tune", "all"), default="check")
    ap.add_argument("--errors", type=int, default=0, help="wrong claims to print per status (tune half only)")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(list(argv) if argv is not None else None)
    if args.errors and args.half != "tune":
        ap.error("--errors reads failures: only on the tune half (--half tune)")
    res = evaluate(args.db, load_labels(args.labels), args.half)
    print(f"half: {res['half']}  labelled pairs: {res['labels']}  {dict(sorted(res['label_counts'].items()))}")
    print(f"{'status':<26}{'claimed':>8}{'labelled':>9}{'P':>7}{'R':>7}  (found/relevant)  target P")
    for name, r in res["rows"].items():
        target = TARGETS.get(name.split(" ", 1)[1])
        print(
            f"{name:<26}{r['claimed']:>8}{r['labelled']:>9}{_fmt(r['precision']):>7}{_fmt(r['recall']):>7}"
            f"  ({r['found']}/{r['relevant']})  {target if target else ''}"
        )
        for lab in r["wrong"][: args.errors]:
            print(f"    wrong: {lab['label']}: {lab['reason']}")
    if args.json:
        for r in res["rows"].values():
            r["wrong"] = len(r["wrong"])
        res["label_counts"] = {f"{k[0]} {k[1]}": v for k, v in res["label_counts"].items()}
        args.json.write_text(json.dumps(res, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
