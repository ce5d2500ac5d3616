"""Web app server time on a large store: story list and story page p50/p95.

    .venv/bin/python bench/web_bench.py [--articles 100000] [--seed 7] [--store PATH]
        [--list-requests 200] [--story-requests 300] [--json PATH]

The store comes from ``bench/web_store.py`` (synthetic, built once and cached beside
``--store``). The app runs under uvicorn on 127.0.0.1 in this process, exactly as
``storytrace serve`` runs it, and is asked over HTTP with keep-alive. Server time is
the app's own ``Server-Timing: app;dur=`` header (from the request reaching the app
to the response being ready); wall time, seen by the client, is printed beside it.

Requests, each kind timed on its own:

- story list: ``/`` and ``/api/stories`` at random offsets across all pages, and
  ``/?q=WORD`` searches for words of random stories' headlines;
- story page: ``/stories/ID`` and ``/api/stories/ID`` for random stories, each story
  asked once (cold: its facts are compared on this request) and then again (warm).

Target (issue 6): story list and story page p95 <= 100 ms server time.
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import sys
import threading
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

TARGET_MS = 100.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """uvicorn in a thread, as ``storytrace serve`` runs the app."""

    def __init__(self, app: object) -> None:
        import uvicorn

        self.port = _free_port()
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", ws="none")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        for _ in range(200):
            if self.server.started:
                return f"http://127.0.0.1:{self.port}"
            time.sleep(0.05)
        raise RuntimeError("uvicorn did not start")

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=20)


def _server_ms(response: httpx.Response) -> float:
    timing = response.headers.get("server-timing", "")
    return float(timing.split("dur=")[1]) if "dur=" in timing else float("nan")


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(client: httpx.Client, paths: list[str]) -> dict[str, float]:
    server, wall = [], []
    for path in paths:
        t0 = time.perf_counter()
        r = client.get(path)
        wall.append((time.perf_counter() - t0) * 1000)
        if r.status_code != 200:
            raise RuntimeError(f"{path}: {r.status_code} {r.text[:200]}")
        server.append(_server_ms(r))
    return {
        "n": len(paths),
        "p50": statistics.median(server),
        "p95": _pct(server, 0.95),
        "max": max(server),
        "wall_p50": statistics.median(wall),
        "wall_p95": _pct(wall, 0.95),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--store", type=Path, default=None, help="default: /tmp/web_bench/store-<articles>.db")
    ap.add_argument("--list-requests", type=int, default=200)
    ap.add_argument("--story-requests", type=int, default=300)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)

    from web_store import build_store

    from storytrace import Config, Store
    from storytrace.web import create_app

    path = args.store or Path(f"/tmp/web_bench/store-{args.articles}.db")
    path.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    counts = build_store(path, args.articles, args.seed)
    print(
        f"store: {counts['articles']:,} articles, {counts['stories']:,} stories, {counts['links']:,} links, "
        f"{counts['figures']:,} figures, {counts['quotes']:,} quotes ({path}, "
        f"{'cached' if counts.get('cached') else f'built in {time.perf_counter() - t0:.0f} s'})"
    )
    rng = random.Random(args.seed)
    with Store.open(path) as store:
        n_stories = store.count_stories()
        ids = [s.id for s in store.stories(limit=None)]
        headlines = [s.headline or "" for s in store.stories(limit=400)]
    pages = (n_stories + 49) // 50
    words = [w for h in headlines for w in h.split() if w.isalpha() and len(w) > 5]
    list_paths = [f"/?offset={50 * rng.randrange(pages)}" for _ in range(args.list_requests)]
    api_list = [
        f"/api/stories?offset={50 * rng.randrange(pages)}&limit=50" for _ in range(args.list_requests)
    ]
    search = [f"/?q={rng.choice(words)}" for _ in range(max(20, args.list_requests // 4))]
    sample = rng.sample(ids, min(args.story_requests, len(ids)))
    sample_api = rng.sample(ids, min(args.story_requests, len(ids)))
    app = create_app(path, config=Config.load(env={}))
    rows: list[tuple[str, dict[str, float]]] = []
    with Server(app) as base, httpx.Client(base_url=base, timeout=60) as client:
        client.get("/api/health")
        rows.append(("story list page /?offset=random (cold)", measure(client, list_paths)))
        rows.append(("story list page /?offset=random (again)", measure(client, list_paths)))
        rows.append(("story list API /api/stories (random page)", measure(client, api_list)))
        rows.append(("story list search /?q=word", measure(client, search)))
        rows.append(("story page /stories/ID (cold)", measure(client, [f"/stories/{s}" for s in sample])))
        rows.append(("story page /stories/ID (again)", measure(client, [f"/stories/{s}" for s in sample])))
        rows.append(
            ("story API /api/stories/ID (cold)", measure(client, [f"/api/stories/{s}" for s in sample_api]))
        )
    print(
        f"{n_stories:,} stories = {pages:,} list pages of 50; server time from Server-Timing, wall time at the client"
    )
    print(f"{'request':44s} {'n':>4s} {'p50 ms':>7s} {'p95 ms':>7s} {'max ms':>7s} {'wall p95':>9s}  target")
    for label, m in rows:
        verdict = "met" if m["p95"] <= TARGET_MS else "NOT met"
        print(
            f"{label:44s} {m['n']:4d} {m['p50']:7.1f} {m['p95']:7.1f} {m['max']:7.1f} {m['wall_p95']:9.1f}"
            f"  p95 <= {TARGET_MS:.0f} ms ({verdict})"
        )
    if args.json:
        args.json.write_text(json.dumps({"counts": counts, "pages": pages, "rows": dict(rows)}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
