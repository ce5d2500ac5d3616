"""Pick the sentences of the hand-annotated fact-extraction set (stdlib only).

```
.venv/bin/python bench/facts/sample.py [--data DIR] [--json]
```

Deterministic: the same data and seed always give the same ~210 sentences.

Sentence rule (simple on purpose, documented in GUIDELINE.md):

1. A paragraph is a maximal run of characters without a newline (basil
   separates paragraphs with blank lines, ecbplus and allsides with single
   newlines, so any newline run ends a paragraph).
2. Inside a paragraph, a sentence ends after `.`, `?` or `!`, optionally
   followed by closing quotes/brackets (`"` `”` `’` `'` `''` `)`), when
   whitespace and then an uppercase letter or an opening quote mark follow.
3. No break after a common abbreviation (Mr., Mrs., Dr., U.S., Gen., Sen.,
   Rep., St., No., month abbreviations, ...) nor after a single capital
   initial ("George W. Bush").
4. Leading/trailing whitespace is trimmed; kept sentences are 40-600 chars.

Strata, per dataset (basil 40%, ecbplus 35%, allsides 25% of 210):
55% "number" (a digit or a number word), 30% "quote" (a quotation mark used as
one), 15% "random" (any sentence). Strata are filled in that order from one
seeded shuffle per stratum; a sentence is taken once; at most 3 sentences per
document over all strata.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

SEED = 20240611
TOTAL = 210
SHARES = {"basil": 0.40, "ecbplus": 0.35, "allsides_roundups": 0.25}
STRATA = (("number", 0.55), ("quote", 0.30), ("random", 0.15))
MAX_PER_DOC = 3
MIN_LEN, MAX_LEN = 40, 600
DEFAULT_DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "events"

ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "gen",
    "sen",
    "rep",
    "st",
    "no",
    "gov",
    "lt",
    "col",
    "sgt",
    "capt",
    "cmdr",
    "adm",
    "maj",
    "prof",
    "rev",
    "jr",
    "sr",
    "vs",
    "v",
    "u.s",
    "u.n",
    "u.k",
    "d.c",
    "a.m",
    "p.m",
    "inc",
    "corp",
    "co",
    "ltd",
    "ave",
    "mt",
    "ft",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "e.g",
    "i.e",
    "etc",
}
NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    "thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|"
    "thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|"
    "millions?|billions?|trillions?|dozens?|half"
)
NUMBER_RE = re.compile(rf"\d|\b(?:{NUMBER_WORDS})\b", re.IGNORECASE)
# ’ counts as a quote mark only when it is not an apostrophe (letter on both
# sides, a plural possessive "voters’ ", or ecbplus's tokenised "Klitschko ’ s", "she ’ d").
QUOTE_RE = re.compile(
    r"[\"“”]|''|(?<![A-Za-z])‘|(?<![A-Za-z])’(?!\s?(?:s|d|t|m|ll|re|ve)\b)|(?<=[a-rt-zA-RT-Z])’(?![A-Za-z])"
)
BOUNDARY_RE = re.compile(r"[.?!](?:''|[\"”’')\]])*\s+(?=[A-Z\"“‘'])")


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def paragraphs(text: str):
    for m in re.finditer(r"[^\n]+", text):
        yield m.start(), m.end()


def _is_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    j = dot
    while j > 0 and not text[j - 1].isspace() and text[j - 1] not in '("“‘—':
        j -= 1
    word = text[j:dot].lower()
    if word in ABBREVIATIONS:
        return True
    return len(word) == 1 and text[dot - 1].isupper()


def sentences(text: str):
    """Yield (start, end) of trimmed sentences, offsets into ``text``."""
    for p_start, p_end in paragraphs(text):
        para = text[p_start:p_end]
        cur = 0
        for m in BOUNDARY_RE.finditer(para):
            if _is_abbreviation(para, m.start()):
                continue
            end = m.end()
            yield from _trim(text, p_start + cur, p_start + end)
            cur = end
        yield from _trim(text, p_start + cur, p_end)


def _trim(text: str, start: int, end: int):
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield start, end


def candidates(rows):
    out = []
    for row in rows:
        text = row["text"]
        for start, end in sentences(text):
            if not MIN_LEN <= end - start <= MAX_LEN:
                continue
            sent = text[start:end]
            out.append(
                {
                    "dataset": row["dataset"],
                    "doc_id": row["doc_id"],
                    "start": start,
                    "end": end,
                    "has_number": bool(NUMBER_RE.search(sent)),
                    "has_quote": bool(QUOTE_RE.search(sent)),
                }
            )
    return out


def pick(rows, n: int, rng: random.Random):
    cands = candidates(rows)
    per_doc: dict[str, int] = {}
    taken: set[tuple[str, int]] = set()
    chosen = []
    quotas = [(name, round(n * share)) for name, share in STRATA]
    quotas[-1] = (quotas[-1][0], n - sum(q for _, q in quotas[:-1]))
    for name, quota in quotas:
        if name == "number":
            pool = [c for c in cands if c["has_number"]]
        elif name == "quote":
            pool = [c for c in cands if c["has_quote"]]
        else:
            pool = list(cands)
        rng.shuffle(pool)
        got = 0
        for c in pool:
            if got >= quota:
                break
            key = (c["doc_id"], c["start"])
            if key in taken or per_doc.get(c["doc_id"], 0) >= MAX_PER_DOC:
                continue
            taken.add(key)
            per_doc[c["doc_id"]] = per_doc.get(c["doc_id"], 0) + 1
            chosen.append({**c, "stratum": name})
            got += 1
    return chosen


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--json", action="store_true", help="one JSON object a line")
    args = ap.parse_args()
    rng = random.Random(SEED)
    for dataset, share in SHARES.items():
        rows = read_jsonl(args.data / f"{dataset}.jsonl")
        texts = {r["doc_id"]: r["text"] for r in rows}
        for c in pick(rows, round(TOTAL * share), rng):
            sent = texts[c["doc_id"]][c["start"] : c["end"]]
            if args.json:
                print(
                    json.dumps(
                        {k: c[k] for k in ("dataset", "doc_id", "start", "end", "stratum")} | {"text": sent},
                        ensure_ascii=False,
                    )
                )
            else:
                print(f"{c['dataset']}\t{c['doc_id']}\t{c['start']}\t{c['end']}\t{c['stratum']}\t{sent}")


if __name__ == "__main__":
    main()
