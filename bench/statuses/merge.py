"""Fold labellers' files into ``labels.jsonl``: ids, offsets, labels and reasons only.

```
.venv/bin/python bench/statuses/merge.py /tmp/statuses/pool.jsonl[,pool2.jsonl] /tmp/statuses/labels_*.jsonl
```

The pool (``pool.py``) holds the texts and stays outside the repository; a labeller's
file holds ``{pair_id, label, same_sentence, speaker_a_ok, speaker_b_ok, reason}``.
Labels already in ``labels.jsonl`` are kept; a pair labelled again is replaced.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "labels.jsonl"


def side(r: dict) -> dict:
    keep = ["doc_id", "start", "end", "text"]
    return {k: r[k] for k in keep} | ({"speaker": r.get("speaker")} if "speaker" in r else {})


def main(argv: list[str]) -> int:
    pool = {}
    for pool_path in argv[0].split(","):
        for line in Path(pool_path).read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            pool[rec["pair_id"]] = rec
    merged = {}
    if OUT.is_file():
        for line in OUT.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            merged[rec["pair_id"]] = rec
    for path in argv[1:]:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            lab = json.loads(line)
            p = pool[lab["pair_id"]]
            merged[lab["pair_id"]] = {
                "pair_id": lab["pair_id"],
                "kind": p["kind"],
                "half": p["half"],
                "story_event": p["a"]["doc_id"],
                "a": side(p["a"]),
                "b": side(p["b"]),
                "label": lab["label"],
                "same_sentence": bool(lab.get("same_sentence")),
                "reuse_linked": bool(p.get("reuse_linked")),
                "speaker_a_ok": lab.get("speaker_a_ok"),
                "speaker_b_ok": lab.get("speaker_b_ok"),
                "reason": lab["reason"],
            }
    rows = sorted(merged.values(), key=lambda r: (r["kind"], r["half"], r["pair_id"]))
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} labels -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
