#!/usr/bin/env python3
"""Main-text extraction benchmark: storytrace vs trafilatura on real news pages.

Data: ``../shared/data/extraction`` (scrapinghub/article-extraction-benchmark, the
development part: 119 of its 181 pages). Never copied into this repository.

The metric is the benchmark's own (``evaluate.py`` there), reproduced exactly:
tokens are ``\\w+`` matches with case kept; shingles are 4-token tuples (a text of
fewer than 4 tokens gives one shorter shingle) compared as multisets; each page's
tp/fp/fn is normalised by tp+fp+fn so every page weighs the same; precision and
recall are means over the pages where they are defined; F1 is the harmonic mean
of those two means.

The pages are split once, by a hash of the page id, into a tuning part (about
two thirds) and a check part (``split_of``). Rules, thresholds and models come
from the tuning part only; the check part is what we report, and a change that
raises the tuning number while lowering the check number is a regression.

The run:
 1. scores every stored tool output and prints it beside the published figure
    (181 pages, so the 119-page subset only comes close);
 2. runs storytrace's ``extract_html`` and ``trafilatura.extract(...,
    favor_precision=True)`` on every page in the same run and prints F1,
    precision, recall, pages/second and the speed ratio, for each part;
 3. builds whole-page text dumps of the same pages at run time (html-text with
    ``guess_layout=True``, and inscriptis), and scores the raw dump, storytrace's
    text-mode extraction and jusText run on the dump's lines (one ``<p>`` per
    line) against the same ground truth, for each part;
 4. prints the N worst pages of the *tuning* part for storytrace, with missed
    and extra excerpts (reading the check part's failures would be tuning on it).

Usage: ``.venv/bin/python bench/extraction_eval.py [--data DIR] [--worst N] [--no-dumps]``
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "extraction"

#: Published F1 on all 181 pages (the benchmark's README), keyed by our tool file name.
PUBLISHED_F1: dict[str, float] = {
    "trafilatura": 0.958,
    "newspaper": 0.949,
    "readability_js": 0.947,
    "readability": 0.922,
    "goose3": 0.896,
    "justext": 0.804,
}

_TOKEN_RE = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)

TpFpFn = tuple[float, float, float]


# --------------------------------------------------------------------------- metric


def tokenize(text: str | None) -> list[str]:
    """The benchmark's tokens: ``\\w+`` matches, case kept."""
    return _TOKEN_RE.findall(text or "")


def shingles(text: str | None, n: int = 4) -> Counter[tuple[str, ...]]:
    """Multiset of n-token shingles; a text shorter than n tokens is one shingle."""
    tokens = tokenize(text)
    out: Counter[tuple[str, ...]] = Counter()
    for i in range(max(1, len(tokens) - n + 1)):
        shingle = tuple(tokens[i : i + n])
        if shingle:
            out[shingle] += 1
    return out


def page_scores(true: str | None, pred: str | None, n: int = 4) -> TpFpFn:
    """Per-page (tp, fp, fn), normalised by their sum when it is above 0."""
    t, p = shingles(true, n), shingles(pred, n)
    tp = fp = fn = 0.0
    for key in t.keys() | p.keys():
        tc, pc = t.get(key, 0), p.get(key, 0)
        tp += min(tc, pc)
        fp += max(0, pc - tc)
        fn += max(0, tc - pc)
    s = tp + fp + fn
    if s > 0:
        return tp / s, fp / s, fn / s
    return tp, fp, fn


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


@dataclass(frozen=True, slots=True)
class Scores:
    f1: float
    precision: float
    recall: float

    def __str__(self) -> str:
        return f"F1={self.f1:.3f}  precision={self.precision:.3f}  recall={self.recall:.3f}"


def aggregate(per_page: Iterable[TpFpFn]) -> Scores:
    """Mean precision and recall over pages where defined; F1 of those means."""
    rows = list(per_page)
    precs = [_precision(*r) for r in rows if r[0] + r[1] > 0]
    recs = [_recall(*r) for r in rows if r[0] + r[2] > 0]
    precision = sum(precs) / len(precs) if precs else 0.0
    recall = sum(recs) / len(recs) if recs else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(f1, precision, recall)


def score_outputs(
    truth: dict[str, str], predicted: dict[str, str | None]
) -> tuple[Scores, dict[str, TpFpFn]]:
    """Score predictions against ground truth; a missing page counts as empty output."""
    per_page = {pid: page_scores(text, predicted.get(pid)) for pid, text in truth.items()}
    return aggregate(per_page.values()), per_page


# --------------------------------------------------------------------------- split

#: Parts of the development pages: "tune" (rules, thresholds and models come from it) and "check".
PARTS = ("tune", "check")


def split_of(page_id: str) -> str:
    """The fixed part of a page: a third of the ids by SHA-256 go to "check", the rest to "tune".

    A hash of the id, not a random draw or the file order, so every script and test
    agrees on the split and a new page never moves an old one.
    """
    return "check" if int(hashlib.sha256(page_id.encode("utf-8")).hexdigest(), 16) % 3 == 0 else "tune"


def split_ids(ids: Iterable[str]) -> dict[str, list[str]]:
    """``{"tune": [...], "check": [...]}``, each sorted."""
    out: dict[str, list[str]] = {part: [] for part in PARTS}
    for pid in sorted(ids):
        out[split_of(pid)].append(pid)
    return out


# --------------------------------------------------------------------------- data


def load_truth(data: Path) -> dict[str, str]:
    raw = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    return {pid: item.get("articleBody") or "" for pid, item in raw.items()}


def load_urls(data: Path) -> dict[str, str | None]:
    raw = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    return {pid: item.get("url") for pid, item in raw.items()}


def load_html(data: Path, pid: str) -> str:
    with gzip.open(data / "html" / f"{pid}.html.gz", "rt", encoding="utf-8") as f:
        return f.read()


def load_tool_outputs(data: Path) -> dict[str, tuple[str | None, dict[str, str | None]]]:
    """``{tool: (version, {page id: text})}`` for every stored tool output."""
    out: dict[str, tuple[str | None, dict[str, str | None]]] = {}
    for path in sorted((data / "tool-outputs").glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        texts = {pid: (item or {}).get("articleBody") for pid, item in raw.get("output", {}).items()}
        out[raw.get("tool") or path.stem] = (raw.get("version"), texts)
    return out


# --------------------------------------------------------------------------- runs


@dataclass(slots=True)
class Run:
    name: str
    scores: Scores
    per_page: dict[str, TpFpFn]
    outputs: dict[str, str]
    seconds: float
    errors: int

    @property
    def pages_per_second(self) -> float:
        return len(self.outputs) / self.seconds if self.seconds else float("inf")


def run_extractors(
    extractors: dict[str, Callable[[str, str | None], str | None]],
    pages: dict[str, str],
    urls: dict[str, str | None],
    truth: dict[str, str],
) -> list[Run]:
    """Run every extractor on every page and score them.

    Pages are interleaved (page 1 with each extractor, then page 2, ...) so that
    load from other processes on the machine slows all of them alike and the
    speed ratio stays fair. Exceptions count as errors and empty output.
    """
    outputs: dict[str, dict[str, str]] = {name: {} for name in extractors}
    seconds = dict.fromkeys(extractors, 0.0)
    errors = dict.fromkeys(extractors, 0)
    for pid, html in pages.items():
        for name, fn in extractors.items():
            start = time.perf_counter()
            try:
                text = fn(html, urls.get(pid)) or ""
            except Exception:  # noqa: BLE001 - a tool's crash on a page counts as empty output
                errors[name] += 1
                text = ""
            seconds[name] += time.perf_counter() - start
            outputs[name][pid] = text
    runs = []
    for name in extractors:
        scores, per_page = score_outputs(truth, dict(outputs[name]))
        runs.append(Run(name, scores, per_page, outputs[name], seconds[name], errors[name]))
    return runs


def run_extractor(
    name: str,
    fn: Callable[[str, str | None], str | None],
    pages: dict[str, str],
    urls: dict[str, str | None],
    truth: dict[str, str],
) -> Run:
    """One extractor over all pages, scored (see ``run_extractors``)."""
    return run_extractors({name: fn}, pages, urls, truth)[0]


def storytrace_fn(html: str, url: str | None) -> str:
    from storytrace.extract import extract_html

    return extract_html(html, url=url).text


def trafilatura_fn(html: str, url: str | None) -> str | None:
    import trafilatura

    return trafilatura.extract(html, url=url, favor_precision=True)


# --------------------------------------------------------------------------- text dumps


def dump_html_text(html: str) -> str:
    """What an HTML-to-text tool gives for the whole page: html-text with its layout guess."""
    import html_text

    return html_text.extract_text(html, guess_layout=True)


def dump_inscriptis(html: str) -> str:
    """The whole page as inscriptis renders it (a text layout close to a browser's)."""
    import inscriptis

    return inscriptis.get_text(html)


#: Text-dump makers, built at run time from the same pages (never stored).
DUMPS: dict[str, Callable[[str], str]] = {"html-text": dump_html_text, "inscriptis": dump_inscriptis}


def storytrace_text_fn(text: str, url: str | None) -> str:
    """A text dump through storytrace's ingest path for plain text (a ``.txt`` file)."""
    from storytrace.errors import NoArticle
    from storytrace.extract import extract_document
    from storytrace.model import Document
    from storytrace.settings import Config

    doc = Document(source="dump.txt", kind="file", body=text, media_type="text")
    try:
        return extract_document(doc, Config()).text
    except NoArticle:
        return ""


def raw_dump_fn(text: str, url: str | None) -> str:
    """The dump as it is: the floor any text cleanup must beat."""
    return text


def justext_lines_fn(text: str, url: str | None) -> str:
    """jusText on a dump, each non-blank line given to it as one ``<p>`` (its documented use on text)."""
    import html as htmllib

    import justext

    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if not lines:
        return ""
    page = "<html><body>" + "".join(f"<p>{htmllib.escape(ln)}</p>" for ln in lines) + "</body></html>"
    paragraphs = justext.justext(page, justext.get_stoplist("English"))
    return "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)


# --------------------------------------------------------------------------- ingest path


def ingest_path_outputs(pages: dict[str, str]) -> tuple[dict[str, str], dict[str, int], float]:
    """Every page written as ``<id>.html`` and run through ``storytrace ingest`` into a scratch store.

    What a user gets: extraction plus ingest's own rules (``min_words``, deduplication).
    Reuse, stories and facts are off (they do not change the text). Returns each page's
    stored text (missing when the page was skipped), the ingest counts and the seconds.
    """
    import tempfile

    import storytrace
    from storytrace.settings import Config

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        for pid, html in pages.items():
            (folder / f"{pid}.html").write_text(html, encoding="utf-8")
        config = Config(reuse="off", stories="off", facts="off", helpers=False)
        start = time.perf_counter()
        with storytrace.open_store(str(Path(tmp) / "eval.db")) as store:
            report = storytrace.ingest(store, [folder], urls=[], config=config)
            seconds = time.perf_counter() - start
            out: dict[str, str] = {}
            for article in store.iter_articles(with_sightings=True):
                for sighting in article.sightings:
                    out[Path(sighting.source).name.removesuffix(".html")] = article.text
    return out, report.counts(), seconds


# --------------------------------------------------------------------------- report


def _excerpts(a: str, b: str, limit: int = 3, width: int = 160) -> list[str]:
    """Up to ``limit`` runs of text in ``a`` whose 4-token shingles are not in ``b``."""
    tokens = tokenize(a)
    other = shingles(b)
    missing = [
        i
        for i in range(max(1, len(tokens) - 3))
        if tuple(tokens[i : i + 4]) and not other[tuple(tokens[i : i + 4])]
    ]
    runs: list[tuple[int, int]] = []
    for i in missing:
        if runs and i <= runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    runs.sort(key=lambda r: r[0] - r[1])  # longest first
    out = []
    for lo, hi in runs[:limit]:
        text = " ".join(tokens[lo : hi + 4])
        out.append((text[:width] + " ...") if len(text) > width else text)
    return out


def print_worst(run: Run, truth: dict[str, str], urls: dict[str, str | None], n: int) -> None:
    ranked = sorted(
        run.per_page.items(),
        key=lambda kv: 2 * kv[1][0] / (2 * kv[1][0] + kv[1][1] + kv[1][2]) if sum(kv[1]) else 1.0,
    )
    print(f"\n== {n} worst pages for {run.name} ==")
    for pid, (tp, fp, fn) in ranked[:n]:
        prec, rec = _precision(tp, fp, fn), _recall(tp, fp, fn)
        print(f"\n{pid[:16]}  {urls.get(pid)}\n  precision={prec:.3f} recall={rec:.3f}")
        for text in _excerpts(truth[pid], run.outputs[pid]):
            print(f"  MISSED: {text}")
        for text in _excerpts(run.outputs[pid], truth[pid]):
            print(f"  EXTRA:  {text}")


def _subset(run: Run, truth: dict[str, str], ids: list[str]) -> Scores:
    return aggregate(run.per_page[pid] for pid in ids if pid in truth)


def _part_seconds(run: Run, ids: list[str], n_total: int) -> str:
    return f"{run.pages_per_second:6.1f} pages/s" if len(ids) == n_total else ""


def print_runs(title: str, runs: list[Run], truth: dict[str, str], parts: dict[str, list[str]]) -> None:
    """Each run's scores on the check part (reported) and the tuning part, then on all pages."""
    print(f"\n== {title} ==")
    print(f"{'extractor':<30} {'part':<6} {'pages':>5} {'F1':>7} {'prec':>6} {'recall':>6}")
    for run in runs:
        for part in ("check", "tune"):
            s = _subset(run, truth, parts[part])
            print(
                f"{run.name:<30} {part:<6} {len(parts[part]):>5} {s.f1:7.4f} {s.precision:6.3f} {s.recall:6.3f}"
            )
        s = run.scores
        print(
            f"{run.name:<30} {'all':<6} {len(run.per_page):>5} {s.f1:7.4f} {s.precision:6.3f} "
            f"{s.recall:6.3f}  {run.pages_per_second:6.1f} pages/s  errors={run.errors}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="extraction data folder")
    parser.add_argument("--worst", type=int, default=10, help="worst storytrace pages of the tuning part")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages (quick checks)")
    parser.add_argument("--no-dumps", action="store_true", help="skip the whole-page text dumps")
    parser.add_argument("--no-tools", action="store_true", help="skip the stored tool outputs")
    parser.add_argument(
        "--ingest-path",
        action="store_true",
        help="also score the pages through storytrace ingest (a scratch store)",
    )
    args = parser.parse_args(argv)

    if not (args.data / "ground-truth.json").is_file():
        print(f"no extraction data at {args.data}; pass --data DIR", file=sys.stderr)
        return 2
    truth = load_truth(args.data)
    urls = load_urls(args.data)
    ids = sorted(truth)
    if args.limit:
        ids = ids[: args.limit]
        truth = {pid: truth[pid] for pid in ids}
    parts = split_ids(ids)
    print(
        f"pages: {len(ids)}; tuning part {len(parts['tune'])}, check part {len(parts['check'])} (by SHA-256 of the id)"
    )

    if not args.no_tools:
        print(f"\n== stored tool outputs on {len(truth)} pages (published: 181 pages) ==")
        print(
            f"{'tool':<16} {'version':<10} {'F1':>7} {'prec':>6} {'recall':>6} {'published F1':>13} {'check F1':>9}"
        )
        for tool, (version, texts) in sorted(
            load_tool_outputs(args.data).items(), key=lambda kv: -score_outputs(truth, kv[1][1])[0].f1
        ):
            s, per_page = score_outputs(truth, texts)
            check = aggregate(per_page[pid] for pid in parts["check"])
            pub = PUBLISHED_F1.get(tool)
            print(
                f"{tool:<16} {version or '-'!s:<10} {s.f1:6.3f} {s.precision:6.3f} {s.recall:6.3f} "
                f"{(f'{pub:.3f}' if pub is not None else '-'):>13} {check.f1:9.3f}"
            )

    pages = {pid: load_html(args.data, pid) for pid in ids}
    # Warm both up once so import and first-call costs do not count as extraction time.
    first = pages[ids[0]]
    storytrace_fn(first, urls.get(ids[0]))
    trafilatura_fn(first, urls.get(ids[0]))

    runs = run_extractors(
        {"storytrace": storytrace_fn, "trafilatura(favor_precision)": trafilatura_fn}, pages, urls, truth
    )
    print_runs(
        f"HTML: live run, same pages, same process, interleaved ({len(pages)} pages, str input)",
        runs,
        truth,
        parts,
    )
    ours, theirs = runs
    for part in ("check", "tune"):
        a, b = _subset(ours, truth, parts[part]), _subset(theirs, truth, parts[part])
        print(f"F1 difference storytrace - trafilatura, {part} part: {a.f1 - b.f1:+.4f}")
    print(
        f"speed ratio storytrace/trafilatura (all pages): {ours.pages_per_second / theirs.pages_per_second:.2f}x"
    )

    if args.ingest_path:
        texts, counts, seconds = ingest_path_outputs(pages)
        scores, per_page = score_outputs(truth, dict(texts))
        ingest_run = Run("storytrace ingest (HTML files)", scores, per_page, texts, seconds, 0)
        print_runs(f"HTML through storytrace ingest: {counts}", [ingest_run], truth, parts)

    if not args.no_dumps:
        for dump_name, make in DUMPS.items():
            dumps = {pid: make(html) for pid, html in pages.items()}
            dump_runs = run_extractors(
                {
                    f"raw {dump_name} dump": raw_dump_fn,
                    "storytrace (text mode)": storytrace_text_fn,
                    "jusText on lines": justext_lines_fn,
                },
                dumps,
                urls,
                truth,
            )
            print_runs(f"whole-page text dumps by {dump_name} ({len(dumps)} pages)", dump_runs, truth, parts)

    if args.worst:
        tune = set(parts["tune"])
        ours_tune = Run(
            ours.name,
            ours.scores,
            {pid: v for pid, v in ours.per_page.items() if pid in tune},
            ours.outputs,
            ours.seconds,
            ours.errors,
        )
        print_worst(ours_tune, truth, urls, args.worst)
    return 0


if __name__ == "__main__":
    sys.exit(main())
