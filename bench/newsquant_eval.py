"""Figures in real news sentences, through ``storytrace export --what figures`` (issue 18).

    .venv/bin/python bench/newsquant_eval.py [--data ../shared/data/facts/newsquant_dev.json]
        [--half check|tune|all] [--errors N] [--json PATH]

The development half of NewsQuant (Almasian et al., EMNLP 2023; see the shared
data README) is 295 news sentences with every quantity in them: value (or a range
"a-b"), unit and ``change`` (``=`` exact, ``~`` approximate, ``>`` more than / at
least, ``<`` less than / up to, ``up``/``down`` a change).

Each sentence is stored as an article with the real CLI (``storytrace ingest``
with ``STORYTRACE_MIN_WORDS=1``, reuse and stories off) and read back with
``storytrace export --what figures``: what a user gets, not what the extractor
returns in memory.

- **Value F1**: a predicted figure is right when its value equals a gold value of
  its sentence (relative tolerance 1e-3), one to one; a gold range is one quantity,
  matched by either end, and may take both ends.
- **Qualifier class agreement**, over matched figures: ``=`` is no qualifier,
  ``~`` approx or nearly, ``>`` min or over, ``<`` max or under; ``up``/``down``
  (a change, which storytrace does not class) is counted apart. Printed over all
  matched figures and over the hedged ones (gold not ``=``).

Halves by a crc32 of the sentence: ``tune`` (0) is where failures are read
(``--errors``), ``check`` (1) is reported.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import zlib
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "facts" / "newsquant_dev.json"
TARGETS = {"value F1": 0.90, "qualifier class agreement": 0.85}
CLASS = {"=": {None}, "~": {"approx", "nearly"}, ">": {"min", "over"}, "<": {"max", "under"}}


def half_of(text: str) -> int:
    return zlib.crc32(text.encode("utf-8")) % 2


def gold_values(q: dict[str, Any]) -> list[float]:
    raw = str(q["value"]).replace(" ", "")
    parts = raw.split("-") if raw.count("-") == 1 and not raw.startswith("-") else [raw]
    out = []
    for p in parts:
        try:
            out.append(float(p))
        except ValueError:
            pass
    return out


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-3 * max(abs(a), abs(b), 1e-9)


def run_cli(sentences: list[str], workdir: Path) -> dict[str, list[dict[str, Any]]]:
    """sentence -> the figures ``storytrace export --what figures`` gives for it."""
    feed = workdir / "newsquant.jsonl"
    with feed.open("w", encoding="utf-8") as fh:
        for i, s in enumerate(sentences):
            fh.write(json.dumps({"url": f"https://newsquant.example/{i}", "text": s, "outlet": "newsquant"}) + "\n")
    env = {**os.environ, "STORYTRACE_MIN_WORDS": "1", "STORYTRACE_REUSE": "off", "STORYTRACE_STORIES": "off"}
    db = workdir / "nq.db"
    exe = [sys.executable, "-m", "storytrace.cli"]
    subprocess.run([*exe, "ingest", "--db", str(db), str(feed)], check=True, env=env, capture_output=True)
    arts = subprocess.run([*exe, "export", "--db", str(db), "--what", "articles"], check=True, env=env,
                          capture_output=True, text=True).stdout
    figs = subprocess.run([*exe, "export", "--db", str(db), "--what", "figures"], check=True, env=env,
                          capture_output=True, text=True).stdout
    index = {}
    for line in arts.splitlines():
        a = json.loads(line)
        index[a["id"]] = int(a["url"].rsplit("/", 1)[1])
    out: dict[str, list[dict[str, Any]]] = {s: [] for s in sentences}
    for line in figs.splitlines():
        f = json.loads(line)
        out[sentences[index[f["article"]]]].append(f)
    return out


def score(data: list[dict[str, Any]], found: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    tp = fp = fn = 0
    agree = agree_hedged = hedged = matched_classed = 0
    changes = Counter()
    errors = []
    for item in data:
        preds = list(found.get(item["text"], []))
        used = [False] * len(preds)
        missed = []
        for q in item["quantities"]:
            vals = gold_values(q)
            hits = [i for i, p in enumerate(preds) if not used[i] and any(_same(p["value"], v) for v in vals)]
            if not hits:
                fn += 1
                missed.append(q["value"])
                continue
            tp += 1
            for i in hits[: 2 if len(vals) > 1 else 1]:
                used[i] = True
            p = preds[hits[0]]
            if q["change"] in CLASS:
                matched_classed += 1
                ok = p["qualifier_class"] in CLASS[q["change"]]
                agree += ok
                if q["change"] != "=":
                    hedged += 1
                    agree_hedged += ok
            else:
                changes[q["change"]] += 1
        extra = [p["text"] for i, p in enumerate(preds) if not used[i]]
        fp += len(extra)
        if missed or extra:
            errors.append({"sentence": item["text"], "missed": missed, "extra": extra})
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {
        "sentences": len(data), "gold": tp + fn, "predicted": tp + fp, "value P": p, "value R": r,
        "value F1": 2 * p * r / (p + r) if p + r else 0.0,
        "qualifier class agreement": agree / matched_classed if matched_classed else 0.0,
        "agreement over hedged": agree_hedged / hedged if hedged else 0.0,
        "matched with a class": matched_classed, "hedged matched": hedged, "changes (not classed)": dict(changes),
        "errors": errors,
    }


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--half", choices=("check", "tune", "all"), default="check")
    ap.add_argument("--errors", type=int, default=0, help="sentences with errors to print (tune half only)")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(list(argv) if argv is not None else None)
    if args.errors and args.half != "tune":
        ap.error("--errors reads failures: only on the tune half (--half tune)")
    data = json.loads(args.data.read_text(encoding="utf-8"))
    sentences = sorted({d["text"] for d in data})
    with tempfile.TemporaryDirectory() as tmp:
        found = run_cli(sentences, Path(tmp))
    results = {h: score([d for d in data if half_of(d["text"]) in hs], found)
               for h, hs in (("tune", {0}), ("check", {1}), ("all", {0, 1}))}
    for h, res in results.items():
        mark = "  <- reported" if h == args.half else ""
        print(f"{h:>5}: {res['sentences']} sentences, {res['gold']} gold, {res['predicted']} predicted;"
              f" value P {res['value P']:.3f} R {res['value R']:.3f} F1 {res['value F1']:.3f}"
              f" (target {TARGETS['value F1']}); qualifier class {res['qualifier class agreement']:.3f}"
              f" of {res['matched with a class']} (target {TARGETS['qualifier class agreement']}),"
              f" hedged {res['agreement over hedged']:.3f} of {res['hedged matched']}{mark}")
    if args.errors:
        for e in results["tune"]["errors"][: args.errors]:
            print(json.dumps(e, ensure_ascii=False))
    if args.json:
        for res in results.values():
            res["errors"] = len(res["errors"])
        args.json.write_text(json.dumps({"half": args.half, **results}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
