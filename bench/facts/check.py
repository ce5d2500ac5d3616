"""Check the hand-annotated fact set (stdlib only).

```
.venv/bin/python bench/facts/check.py [--data DIR] [--file annotations.jsonl]
```

Verifies every record of `annotations.jsonl` against the texts in the shared
event data and the rules of GUIDELINE.md (offsets, span shapes, field types,
allowed classes), checks that the records are exactly the sentences picked by
`sample.py`, and prints counts. Exit status 1 if any problem was found.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import sample

DATASETS = ("basil", "ecbplus", "allsides_roundups")
QUALIFIER_CLASSES = {"min", "over", "max", "under", "approx", "nearly", "vague"}
SPEAKER_KINDS = {"name", "description", "unknown"}
UNIT_RE = re.compile(
    r"^(percent|percentage_point|age|fraction|currency:[A-Z]{3}|"
    r"duration:(seconds|minutes|hours|days|weeks|months|years|decades|centuries)|measure:[a-z]+)$"
)
NUMBER_SPAN_RE = re.compile(
    r"\d|½|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
    r"ninety|hundreds?|thousands?|millions?|billions?|trillions?|dozens?|half|third|quarters?|"
    r"several|few|couple)\b",
    re.IGNORECASE,
)
QUOTE_MARKS = "\"“”‘’'"
FIGURE_KEYS = {
    "start",
    "end",
    "value",
    "qualifier",
    "qualifier_class",
    "counted",
    "counted_head",
    "time",
    "attribution",
    "unit",
}
QUOTE_KEYS = {"start", "end", "speaker", "speaker_kind", "verb", "outlet_attribution"}
RECORD_KEYS = {"dataset", "doc_id", "start", "end", "figures", "quotes"}


def _opt_str(x) -> bool:
    return x is None or (isinstance(x, str) and x.strip() == x and x != "")


def check_record(rec: dict, texts: dict, errors: list[str]) -> None:
    where = f"{rec.get('dataset')}/{rec.get('doc_id')}@{rec.get('start')}"

    def err(msg: str) -> None:
        errors.append(f"{where}: {msg}")

    keys = set(rec)
    if not RECORD_KEYS <= keys or keys - RECORD_KEYS - {"notes"}:
        err(f"record keys {sorted(keys)}")
        return
    if rec["dataset"] not in DATASETS:
        err("unknown dataset")
        return
    text = texts[rec["dataset"]].get(rec["doc_id"])
    if text is None:
        err("unknown doc_id")
        return
    s, e = rec["start"], rec["end"]
    if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
        err("sentence offsets out of range")
        return
    if "notes" in rec and not (isinstance(rec["notes"], str) and rec["notes"]):
        err("notes must be a non-empty string")
    if not isinstance(rec["figures"], list) or not isinstance(rec["quotes"], list):
        err("figures/quotes must be lists")
        return

    for f in rec["figures"]:
        if set(f) != FIGURE_KEYS:
            err(f"figure keys {sorted(f)}")
            continue
        fs, fe = f["start"], f["end"]
        if not (isinstance(fs, int) and isinstance(fe, int) and s <= fs < fe <= e):
            err(f"figure span {fs}-{fe} outside the sentence")
            continue
        span = text[fs:fe]
        if span != span.strip() or not NUMBER_SPAN_RE.search(span):
            err(f"figure span {span!r} is not a number expression")
        if isinstance(f["value"], bool) or not isinstance(f["value"], (int, float)):
            err(f"figure {span!r}: value must be a number")
        q, qc = f["qualifier"], f["qualifier_class"]
        if (q is None) != (qc is None):
            err(f"figure {span!r}: qualifier and qualifier_class must both be set or both null")
        if qc is not None and qc not in QUALIFIER_CLASSES:
            err(f"figure {span!r}: qualifier_class {qc!r}")
        if q is not None and (not _opt_str(q) or q != q.lower()):
            err(f"figure {span!r}: qualifier must be lowercase surface words")
        if not (isinstance(f["counted"], str) and f["counted"].strip()):
            err(f"figure {span!r}: counted must be a non-empty string")
        head = f["counted_head"]
        if not (isinstance(head, str) and re.fullmatch(r"[a-z][a-z-]*", head)):
            err(f"figure {span!r}: counted_head must be one lowercase word, got {head!r}")
        for k in ("time", "attribution"):
            if not _opt_str(f[k]):
                err(f"figure {span!r}: {k} must be null or a trimmed string")
        if f["unit"] is not None and not (isinstance(f["unit"], str) and UNIT_RE.match(f["unit"])):
            err(f"figure {span!r}: unit {f['unit']!r}")

    for qd in rec["quotes"]:
        if set(qd) != QUOTE_KEYS:
            err(f"quote keys {sorted(qd)}")
            continue
        qs, qe = qd["start"], qd["end"]
        if not (isinstance(qs, int) and isinstance(qe, int) and 0 <= qs < qe <= len(text)):
            err(f"quote span {qs}-{qe} out of range")
            continue
        if not (qs < e and qe > s):
            err(f"quote span {qs}-{qe} does not overlap the sentence")
        span = text[qs:qe]
        if span[0] in QUOTE_MARKS or span[-1] in QUOTE_MARKS:
            err(f"quote span starts or ends with a quotation mark: {span[:30]!r}...{span[-30:]!r}")
        if span != span.strip():
            err(f"quote span has outer whitespace: {span[:30]!r}")
        if "\n" in span and rec["dataset"] != "ecbplus":
            err("quote span crosses a paragraph break")
        before = text[:qs].rstrip(" ")[-1:]
        if before not in QUOTE_MARKS:
            err(f"quote span does not follow an opening mark: {span[:30]!r}")
        kind = qd["speaker_kind"]
        if kind not in SPEAKER_KINDS:
            err(f"speaker_kind {kind!r}")
        if kind == "unknown":
            if qd["speaker"] is not None:
                err("speaker must be null when speaker_kind is unknown")
        elif not (isinstance(qd["speaker"], str) and _opt_str(qd["speaker"])):
            err("speaker must be a non-empty string")
        for k in ("verb", "outlet_attribution"):
            if not _opt_str(qd[k]):
                err(f"quote {k} must be null or a trimmed string")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=sample.DEFAULT_DATA)
    ap.add_argument("--file", type=Path, default=HERE / "annotations.jsonl")
    args = ap.parse_args()

    texts, rows_by_ds = {}, {}
    for ds in DATASETS:
        rows = sample.read_jsonl(args.data / f"{ds}.jsonl")
        rows_by_ds[ds] = rows
        texts[ds] = {r["doc_id"]: r["text"] for r in rows}

    errors: list[str] = []
    records = []
    with open(args.file, encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    for n, line in enumerate(lines, 1):
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as exc:
            errors.append(f"line {n}: {exc}")
    for rec in records:
        check_record(rec, texts, errors)

    # the records must be exactly the sampled sentences, once each
    rng = sample.random.Random(sample.SEED)
    picked = set()
    for ds, share in sample.SHARES.items():
        for c in sample.pick(rows_by_ds[ds], round(sample.TOTAL * share), rng):
            picked.add((ds, c["doc_id"], c["start"], c["end"]))
    keys = Counter((r.get("dataset"), r.get("doc_id"), r.get("start"), r.get("end")) for r in records)
    for k, c in keys.items():
        if c > 1:
            errors.append(f"{k}: annotated {c} times")
        if k not in picked:
            errors.append(f"{k}: not a sampled sentence")
    for k in sorted(picked - set(keys)):
        errors.append(f"{k}: sampled but not annotated")

    figs = [f for r in records for f in r.get("figures", [])]
    quotes = [q for r in records for q in r.get("quotes", [])]
    print(f"sentences {len(records)}  figures {len(figs)}  quotes {len(quotes)}")
    print(
        f"sentences with no figure and no quote {sum(1 for r in records if not r['figures'] and not r['quotes'])}"
    )
    print("per dataset (sentences / figures / quotes):")
    for ds in DATASETS:
        rs = [r for r in records if r["dataset"] == ds]
        print(
            f"  {ds:18} {len(rs):4} {sum(len(r['figures']) for r in rs):5} {sum(len(r['quotes']) for r in rs):5}"
        )
    print("qualifier_class:", dict(Counter(f.get("qualifier_class") or "null" for f in figs).most_common()))
    print("unit:", dict(Counter(f.get("unit") or "null" for f in figs).most_common()))
    print(
        "with attribution:",
        sum(1 for f in figs if f.get("attribution")),
        "with time:",
        sum(1 for f in figs if f.get("time")),
    )
    print("speaker_kind:", dict(Counter(q.get("speaker_kind") for q in quotes).most_common()))
    print(
        "quotes with verb:",
        sum(1 for q in quotes if q.get("verb")),
        "with outlet:",
        sum(1 for q in quotes if q.get("outlet_attribution")),
    )
    if errors:
        print(f"\n{len(errors)} problem(s):")
        for e in errors:
            print("  " + e)
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
