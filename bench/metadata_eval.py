"""Titles, dates, outlets and authors: the fast path against the trafilatura path.

    .venv/bin/python bench/metadata_eval.py [--data DIR]

Ground truth where it exists:

- the demo corpus (``storytrace/demo/manifest.json``): every page's title,
  publication time, outlet and author (fictional pages, made for this);
- the extraction benchmark (``../shared/data/extraction``): the publication day
  where the page's URL carries one (``/2019/11/19/``, ``2019-11-19``); its ground
  truth has no titles or authors.

Both paths run on the same pages in one process: ``extract_html(fast=True)`` (one
lexbor parse: markup metadata, then the first ``<h1>``, a byline element and
htmldate for what the markup leaves out) and ``extract_html(fast=False)`` (lxml,
then trafilatura's and htmldate's heuristics). A field counts as right when it
equals the truth after whitespace and case folding (dates: the same calendar day).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from storytrace.extract.html import extract_html

DEFAULT_DATA = REPO.parent / "shared" / "data" / "extraction"
_URL_DATE = re.compile(r"(?<!\d)(20\d\d|19\d\d)[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?!\d)")


def _same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _day(value: str | None) -> str | None:
    return value[:10] if value else None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = ap.parse_args(argv)

    manifest = json.loads((REPO / "storytrace" / "demo" / "manifest.json").read_text(encoding="utf-8"))
    corpus = REPO / "storytrace" / "demo" / "corpus"
    fields = ("title", "published", "outlet", "author")
    right = {(mode, f): 0 for mode in ("fast", "trafilatura") for f in fields}
    total = dict.fromkeys(fields, 0)
    for page in manifest["pages"]:
        if page.get("no_article"):
            continue
        html = (corpus / page["file"]).read_bytes()
        got = {
            "fast": extract_html(html, page.get("url"), fast=True),
            "trafilatura": extract_html(html, page.get("url"), fast=False),
        }
        for f in fields:
            truth = page.get(f)
            if not truth:
                continue
            total[f] += 1
            for mode, ext in got.items():
                value = getattr(ext, f)
                ok = _day(value) == _day(truth) if f == "published" else _same(value, truth)
                right[(mode, f)] += ok
    print(f"demo corpus ({sum(1 for p in manifest['pages'] if not p.get('no_article'))} article pages)")
    print(f"{'field':10s} {'pages':>5s} {'fast':>7s} {'trafilatura':>12s}")
    for f in fields:
        n = total[f]
        print(f"{f:10s} {n:5d} {right[('fast', f)] / n:7.3f} {right[('trafilatura', f)] / n:12.3f}")

    if args.data.is_dir():
        truth = json.loads((args.data / "ground-truth.json").read_text(encoding="utf-8"))
        n = hits_fast = hits_traf = found_fast = found_traf = 0
        for page_id, row in sorted(truth.items()):
            m = _URL_DATE.search(row.get("url") or "")
            if not m:
                continue
            day = "-".join(m.groups())
            html = gzip.decompress((args.data / "html" / f"{page_id}.html.gz").read_bytes()).decode(
                "utf-8", "replace"
            )
            fast = _day(extract_html(html, row["url"], fast=True).published)
            traf = _day(extract_html(html, row["url"], fast=False).published)
            n += 1
            hits_fast += fast == day
            hits_traf += traf == day
            found_fast += fast is not None
            found_traf += traf is not None
        print(f"\nextraction benchmark, pages whose URL carries the day: {n}")
        print(f"{'':10s} {'found':>7s} {'right':>7s}")
        print(f"{'fast':10s} {found_fast / n:7.3f} {hits_fast / n:7.3f}")
        print(f"{'trafilatura':10s} {found_traf / n:7.3f} {hits_traf / n:7.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
