#!/usr/bin/env python3
"""Fast extractor benchmark: ``storytrace.extract.fast`` vs the trafilatura paths.

Same data, metric and harness as ``extraction_eval.py`` (imported by path, not
copied). One run, pages interleaved so machine load hits every extractor alike:

 (a) ``fast_extract`` alone;
 (b) ``fast_extract`` falling back to storytrace's ``extract_html`` when its
     confidence is below a threshold (several thresholds; the fallback rate is
     printed for each). These rows are timed as what they are: the fast pass,
     plus the slow one on the pages that fall back;
 (c) storytrace's current ``extract_html``;
 (d) ``trafilatura.extract(html, url=..., favor_precision=True)``.

Usage: ``.venv/bin/python bench/fast_extract_eval.py [--data DIR] [--worst N]
[--thresholds 0.3,0.5] [--fast-only]``
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def _load_eval() -> ModuleType:
    """bench/ is scripts, not a package: load extraction_eval.py by path."""
    name = "extraction_eval"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, REPO / "bench" / "extraction_eval.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses need the module registered
    spec.loader.exec_module(module)
    return module


ev = _load_eval()


def main(argv: list[str] | None = None) -> int:
    from storytrace.extract.fast import fast_extract

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ev.DEFAULT_DATA, help="extraction data folder")
    parser.add_argument("--worst", type=int, default=10, help="worst fast-path pages to show")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages (quick checks)")
    parser.add_argument("--thresholds", default="0.5,0.6,0.7,0.8", help="fallback thresholds")
    parser.add_argument("--fast-only", action="store_true", help="skip the slow extractors (iteration)")
    args = parser.parse_args(argv)

    if not (args.data / "ground-truth.json").is_file():
        print(f"no extraction data at {args.data}; pass --data DIR", file=sys.stderr)
        return 2
    truth = ev.load_truth(args.data)
    urls = ev.load_urls(args.data)
    ids = sorted(truth)
    if args.limit:
        ids = ids[: args.limit]
        truth = {pid: truth[pid] for pid in ids}
    pages = {pid: ev.load_html(args.data, pid) for pid in ids}
    thresholds = [float(t) for t in args.thresholds.split(",") if t.strip()]

    # Warm up once so imports and first calls are not timed.
    first = pages[ids[0]]
    fast_extract(first, urls.get(ids[0]))
    if not args.fast_only:
        ev.storytrace_fn(first, urls.get(ids[0]))
        ev.trafilatura_fn(first, urls.get(ids[0]))

    fast_out: dict[str, tuple[str, float]] = {}
    slow_out: dict[str, str] = {}
    fast_s = slow_s = traf_s = 0.0
    slow_page_s: dict[str, float] = {}
    traf_out: dict[str, str] = {}
    for pid in ids:
        html, url = pages[pid], urls.get(pid)
        t0 = time.perf_counter()
        fast_out[pid] = fast_extract(html, url)
        t1 = time.perf_counter()
        fast_s += t1 - t0
        if args.fast_only:
            continue
        slow_out[pid] = ev.storytrace_fn(html, url)
        t2 = time.perf_counter()
        slow_page_s[pid] = t2 - t1
        slow_s += t2 - t1
        traf_out[pid] = ev.trafilatura_fn(html, url) or ""
        traf_s += time.perf_counter() - t2

    n = len(ids)
    rows: list[tuple[str, object, float, str]] = []
    fast_scores, fast_pp = ev.score_outputs(truth, {p: t for p, (t, _) in fast_out.items()})
    rows.append(("(a) fast_extract", fast_scores, n / fast_s, ""))
    if not args.fast_only:
        for th in thresholds:
            chosen = {p: (slow_out[p] if c < th else t) for p, (t, c) in fast_out.items()}
            falls = [p for p, (_, c) in fast_out.items() if c < th]
            secs = fast_s + sum(slow_page_s[p] for p in falls)
            s, _ = ev.score_outputs(truth, chosen)
            rows.append((f"(b) fast+fallback <{th:.2f}", s, n / secs, f"fallback {len(falls) / n:.0%}"))
        s, _ = ev.score_outputs(truth, slow_out)
        rows.append(("(c) storytrace extract_html", s, n / slow_s, ""))
        s, _ = ev.score_outputs(truth, traf_out)
        rows.append(("(d) trafilatura precision", s, n / traf_s, ""))

    traf_pps = n / traf_s if traf_s else None
    print(f"== {n} pages, same process, interleaved, str input ==")
    print(f"{'extractor':<30} {'F1':>6} {'P':>6} {'R':>6} {'pages/s':>8} {'ratio':>6}  note")
    for name, s, pps, note in rows:
        ratio = f"{pps / traf_pps:5.2f}x" if traf_pps else "    -"
        print(f"{name:<30} {s.f1:6.3f} {s.precision:6.3f} {s.recall:6.3f} {pps:8.1f} {ratio:>6}  {note}")

    if args.worst:
        run = ev.Run(
            "fast_extract", fast_scores, fast_pp, {p: t for p, (t, _) in fast_out.items()}, fast_s, 0
        )
        ev.print_worst(run, truth, urls, args.worst)
        ranked = sorted(fast_pp, key=lambda p: fast_pp[p][0])[: args.worst]
        print("\nconfidence of those pages: " + ", ".join(f"{p[:8]}={fast_out[p][1]:.2f}" for p in ranked))
    return 0


if __name__ == "__main__":
    sys.exit(main())
