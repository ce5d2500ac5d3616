"""Validate ``labels.jsonl``: every record well formed, the offsets on the shared texts.

```
.venv/bin/python bench/statuses/check.py [--data ../shared/data/events]
```

Exit 1 on any problem. The offsets are into the text storytrace stored for the
article (``ingest`` of the events files); ``text`` must be found at them or, when a
text was cleaned differently, within the source article of ``doc_id``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
LABELS = {"figure": {"agree", "conflict", "update", "drift", "different", "error"},
          "quote": {"same", "altered", "different", "error"}}


def _norm(text: str) -> str:
    """Ingest cleans texts (whitespace, quote marks): compare on words."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def problems(rows: list[dict], texts: dict[str, str]) -> list[str]:
    out = []
    seen = set()
    for i, r in enumerate(rows, 1):
        where = f"labels.jsonl:{i} ({r.get('pair_id')})"
        if r.get("pair_id") in seen:
            out.append(f"{where}: pair labelled twice")
        seen.add(r.get("pair_id"))
        if r.get("kind") not in LABELS or r.get("label") not in LABELS.get(r.get("kind"), ()):
            out.append(f"{where}: label {r.get('label')!r} is not one of the {r.get('kind')} labels")
        if r.get("half") not in (0, 1):
            out.append(f"{where}: half must be 0 or 1")
        if not str(r.get("reason", "")).strip():
            out.append(f"{where}: no reason")
        for s in ("a", "b"):
            side = r.get(s) or {}
            text = texts.get(side.get("doc_id"))
            if text is None:
                out.append(f"{where}: side {s}: doc_id {side.get('doc_id')!r} not in the events data")
            elif side.get("text") and _norm(side["text"]) not in _norm(text):
                out.append(f"{where}: side {s}: {side['text'][:40]!r} not in its article")
        if r.get("kind") == "quote":
            for k in ("speaker_a_ok", "speaker_b_ok"):
                if r.get(k) not in (True, False, None):
                    out.append(f"{where}: {k} must be true, false or null")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "events")
    ap.add_argument("--labels", type=Path, default=HERE / "labels.jsonl")
    args = ap.parse_args(argv)
    texts = {}
    for f in sorted(args.data.glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            texts[d["doc_id"]] = d["text"]
    rows = [json.loads(line) for line in args.labels.read_text(encoding="utf-8").splitlines() if line.strip()]
    found = problems(rows, texts)
    for p in found:
        print(p)
    counts = Counter((r["kind"], r["half"], r["label"]) for r in rows)
    print(f"{len(rows)} labels; {len(found)} problems")
    for k in sorted(counts):
        print(f"  {k[0]:<7} half {k[1]}  {k[2]:<10} {counts[k]}")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:] if len(sys.argv) > 1 else None))
