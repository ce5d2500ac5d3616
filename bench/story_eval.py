"""Story clustering on ECB+, BASIL and AllSides: online storytrace beside a batch baseline.

    .venv/bin/python bench/story_eval.py [--datasets ecbplus basil allsides_roundups]
        [--seed 13] [--limit N] [--no-baseline] [--system module:function ...] [--json PATH]
        [--doc-vector lead|sentences] [--data DIR] [--cache DIR | --no-cache]

Data: ``../shared/data/events/{ecbplus,basil,allsides_roundups}.jsonl`` (never copied
into this repository); the ground truth is each row's ``cluster_id``.

Feed order: articles are first shuffled with ``random.Random(seed)``, then stably
sorted by publication time (ISO dates; a date without a time is midnight UTC,
offsets are honoured). So dated sets arrive in publication order with ties in a
fixed shuffled order, undated sets (ECB+) in a fixed shuffled order, and undated
articles in a mixed set come last.

Systems: a system is any ``fn(articles: Sequence[Article]) -> list[str]`` giving a
story id per article in input order; it gets the articles in feed order and is
timed as one call. By default ``storytrace.grouping:cluster_articles`` is run if it
exists; ``--system module:function`` (repeatable) runs others instead. Systems see
copies of the articles without ``extra["cluster_id"]`` (the gold label). Note that
ECB+'s ``doc_id`` spells out its topic and BASIL's starts with the event's uuid, so
systems get anonymous ids (``a000``, ``a001``, ... in feed order) instead.

Batch baseline (the issue's "standard" one): similarity = mean of two cosines,

- TF-IDF over ``title + text`` (scikit-learn ``TfidfVectorizer``, sublinear tf,
  English stop words, l2 rows), fitted on each dataset on its own;
- MiniLM document vectors (``--doc-vector``): by default ``lead``, the
  all-MiniLM-L6-v2 vector of the title and text joined by a newline, which the
  encoder truncates at 256 word pieces, so it reads the title and the first
  150-200 words; or ``sentences``, the re-normalised mean of the vectors of the
  title and the first ``LEAD_SENTENCES`` sentences (storytrace's sentence splitter).
  Leave-one-out BCubed F1, lead vs sentences: ECB+ 0.864 vs 0.839, BASIL 0.961 vs
  0.959, AllSides 0.794 vs 0.793 (see bench/README.md);

then average-link agglomerative clustering (scipy ``linkage(..., "average")`` on
``1 - similarity``) cut at a distance threshold. The threshold for each dataset is
the one on ``THRESHOLDS`` that maximises the mean BCubed F1 of the *other* datasets
(each clustered on its own), so no dataset picks its own threshold. MiniLM vectors
are cached in ``/tmp/story_eval_cache/`` under the dataset name and a hash of the
encoded strings; the baseline's articles/second counts the encoding time measured
when the cache entry was made.

Metrics, over gold and predicted label lists: BCubed precision/recall/F1 (Bagga &
Baldwin: per-item precision and recall averaged over items, F1 of the two
averages), pair-counting precision/recall/F1 (over pairs of items put together),
adjusted Rand index (Hubert & Arabie), and predicted vs gold number of clusters.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import importlib
import json
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import numpy as np

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from storytrace.model import Article

DEFAULT_DATA = REPO.parent / "shared" / "data" / "events"
DATASETS = ("ecbplus", "basil", "allsides_roundups")
DEFAULT_SYSTEM = "storytrace.grouping:cluster_articles"
CACHE_DIR = Path("/tmp/story_eval_cache")
#: Sentences of the text (after the title) averaged into the MiniLM document vector.
LEAD_SENTENCES = 10
#: Distance thresholds (1 - similarity) the baseline chooses from.
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.05, 1.0001, 0.01))
#: BCubed F1: the issue's figures for the baseline and storytrace's targets.
ISSUE_BASELINE = {"ecbplus": 0.85, "basil": 0.97, "allsides_roundups": 0.79}
TARGETS = {"ecbplus": 0.93, "basil": 0.98, "allsides_roundups": 0.88}

SystemFn = Callable[[Sequence[Article]], list[str]]
DocVector = Literal["lead", "sentences"]

# --------------------------------------------------------------------------- data


def load_dataset(name: str, data_dir: Path = DEFAULT_DATA, limit: int | None = None) -> list[Article]:
    """The rows of ``<data_dir>/<name>.jsonl`` as Articles, in file order.

    ``limit`` keeps the articles of the first ``limit`` clusters (by first
    appearance in the file). ``extra`` holds ``dataset`` and the gold ``cluster_id``.
    """
    path = data_dir / f"{name}.jsonl"
    articles: list[Article] = []
    clusters: set[str] = set()
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            row = json.loads(line)
            try:
                cluster, doc_id, text = str(row["cluster_id"]), str(row["doc_id"]), row["text"]
            except KeyError as e:
                raise ValueError(f"{path}:{lineno}: missing field {e}") from None
            if limit is not None and cluster not in clusters and len(clusters) >= limit:
                continue
            clusters.add(cluster)
            articles.append(
                Article(
                    id=doc_id,
                    text=text,
                    title=row.get("title") or None,
                    published=row.get("date") or None,
                    outlet=row.get("outlet") or None,
                    url=row.get("url") or None,
                    extra={"dataset": row.get("dataset") or name, "cluster_id": cluster},
                )
            )
    return articles


def _timestamp(article: Article) -> float:
    assert article.published is not None
    try:
        dt = datetime.fromisoformat(article.published)
    except ValueError:
        raise ValueError(f"article {article.id}: unreadable date {article.published!r}") from None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.timestamp()


def feed_order(articles: Sequence[Article], seed: int = 13) -> list[Article]:
    """Publication order; a fixed seeded shuffle for ties and undated articles (last)."""
    shuffled = list(articles)
    random.Random(seed).shuffle(shuffled)
    return sorted(shuffled, key=lambda a: (0, _timestamp(a)) if a.published else (1, 0.0))


def gold_labels(articles: Sequence[Article]) -> list[str]:
    return [str(a.extra["cluster_id"]) for a in articles]


# --------------------------------------------------------------------------- metrics


@dataclass(frozen=True, slots=True)
class Scores:
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    pair_precision: float
    pair_recall: float
    pair_f1: float
    ari: float
    predicted_clusters: int
    true_clusters: int


def _f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def _contingency(gold: Sequence[Any], pred: Sequence[Any]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Non-zero cells of the gold x predicted table with each cell's gold and predicted sizes.

    Returns ``(cells, gold_size_of_cell, pred_size_of_cell)``, int64 arrays of equal length.
    """
    if len(gold) != len(pred):
        raise ValueError(f"gold has {len(gold)} labels but predicted has {len(pred)}")
    if not gold:
        raise ValueError("cannot score an empty clustering")
    _, g = np.unique(np.asarray([str(x) for x in gold]), return_inverse=True)
    _, p = np.unique(np.asarray([str(x) for x in pred]), return_inverse=True)
    g_sizes, p_sizes = np.bincount(g), np.bincount(p)
    codes, cells = np.unique(g.astype(np.int64) * len(p_sizes) + p, return_counts=True)
    return cells, g_sizes[codes // len(p_sizes)], p_sizes[codes % len(p_sizes)]


def bcubed(gold: Sequence[Any], pred: Sequence[Any]) -> tuple[float, float, float]:
    """BCubed (precision, recall, F1): per-item shares of its predicted / gold cluster, averaged."""
    cells, g_size, p_size = _contingency(gold, pred)
    n = len(gold)
    # Each of the n_ij items in a cell has precision n_ij/|pred| and recall n_ij/|gold|.
    precision = float((cells * cells / p_size).sum() / n)
    recall = float((cells * cells / g_size).sum() / n)
    return precision, recall, _f1(precision, recall)


def _pairs(x: np.ndarray) -> int:
    return int((x * (x - 1) // 2).sum())


def pair_counts(gold: Sequence[Any], pred: Sequence[Any]) -> tuple[int, int, int]:
    """(pairs together in both, pairs together in gold, pairs together in predicted)."""
    cells, _, _ = _contingency(gold, pred)
    g_sizes = np.unique(np.asarray([str(x) for x in gold]), return_counts=True)[1]
    p_sizes = np.unique(np.asarray([str(x) for x in pred]), return_counts=True)[1]
    return _pairs(cells), _pairs(g_sizes), _pairs(p_sizes)


def pair_scores(gold: Sequence[Any], pred: Sequence[Any]) -> tuple[float, float, float]:
    """Pair-counting (precision, recall, F1). No predicted pairs: precision 1; no gold pairs: recall 1."""
    both, in_gold, in_pred = pair_counts(gold, pred)
    precision = both / in_pred if in_pred else 1.0
    recall = both / in_gold if in_gold else 1.0
    return precision, recall, _f1(precision, recall)


def adjusted_rand(gold: Sequence[Any], pred: Sequence[Any]) -> float:
    """Adjusted Rand index (Hubert & Arabie 1985); 1.0 for identical partitions, ~0 for chance."""
    both, in_gold, in_pred = pair_counts(gold, pred)
    n = len(gold)
    total = n * (n - 1) // 2
    if total == 0:
        return 1.0
    expected = in_gold * in_pred / total
    maximum = (in_gold + in_pred) / 2
    if maximum == expected:  # both all singletons or both one cluster: the partitions agree
        return 1.0
    return float((both - expected) / (maximum - expected))


def score(gold: Sequence[Any], pred: Sequence[Any]) -> Scores:
    bp, br, bf = bcubed(gold, pred)
    pp, pr, pf = pair_scores(gold, pred)
    return Scores(bp, br, bf, pp, pr, pf, adjusted_rand(gold, pred), len(set(pred)), len(set(gold)))


# --------------------------------------------------------------------------- baseline


def doc_strings(article: Article, mode: DocVector = "lead", sentences: int = LEAD_SENTENCES) -> list[str]:
    """What MiniLM encodes for one article; its document vector is the mean of their vectors.

    ``lead``: title and text joined by a newline (the encoder keeps the first 256
    word pieces). ``sentences``: the title and the first ``sentences`` sentences.
    """
    if mode == "lead":
        return [f"{article.title}\n{article.text}" if article.title else article.text]
    if mode != "sentences":
        raise ValueError(f"unknown document vector {mode!r}; use lead or sentences")
    from storytrace.reuse.sentences import split_sentences

    out = [article.title] if article.title else []
    out += [s.text for s in split_sentences(article.text)[:sentences]]
    return out or [article.text]


def _encoder_name(encoder: Any) -> str:
    model = getattr(encoder, "model_path", None)
    return (
        f"{type(encoder).__name__}:{Path(model).name if model else ''}:{getattr(encoder, 'max_tokens', '')}"
        + (f":{precision}" if (precision := getattr(encoder, "precision", "float32")) != "float32" else "")
    )


def minilm_doc_vectors(
    dataset: str,
    articles: Sequence[Article],
    encoder: Any,
    cache_dir: Path | None = CACHE_DIR,
    mode: DocVector = "lead",
) -> tuple[np.ndarray, float, bool]:
    """Unit MiniLM document vectors, the encoding seconds and whether they came from the cache.

    The cache file is named by the dataset and a hash of the encoder and every encoded
    string, so any change of text, lead length or model makes a new entry.
    """
    groups = [doc_strings(a, mode) for a in articles]
    flat = [s for g in groups for s in g]
    key = hashlib.sha256(json.dumps([_encoder_name(encoder), groups]).encode("utf-8")).hexdigest()[:20]
    path = cache_dir / f"{dataset}-{key}.npz" if cache_dir is not None else None
    if path is not None and path.is_file():
        with np.load(path) as z:
            sentence_vecs, seconds, cached = z["vectors"], float(z["seconds"]), True
    else:
        start = time.perf_counter()
        sentence_vecs = encoder.encode(flat)
        seconds, cached = time.perf_counter() - start, False
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp.npz")
            np.savez(tmp, vectors=sentence_vecs, seconds=seconds)
            tmp.replace(path)
    owner = np.repeat(np.arange(len(groups)), [len(g) for g in groups])
    docs = np.zeros((len(groups), sentence_vecs.shape[1]), dtype=np.float64)
    np.add.at(docs, owner, sentence_vecs)
    docs /= np.maximum(np.linalg.norm(docs, axis=1, keepdims=True), 1e-12)
    return docs, seconds, cached


def tfidf_cosine(articles: Sequence[Article]) -> np.ndarray:
    """Cosine similarity of sublinear TF-IDF vectors of ``title + text``, fitted on these articles."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [f"{a.title}\n{a.text}" if a.title else a.text for a in articles]
    x = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    return np.asarray((x @ x.T).todense(), dtype=np.float64)


def average_link(similarity: np.ndarray) -> np.ndarray:
    """scipy average-link merge tree over distance ``1 - similarity``."""
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import squareform

    dist = np.clip(1.0 - similarity, 0.0, None)
    dist = (dist + dist.T) / 2
    np.fill_diagonal(dist, 0.0)
    return linkage(squareform(dist, checks=False), method="average")


def cut(tree: np.ndarray, threshold: float) -> list[str]:
    """Cluster labels of the merge tree cut at distance ``threshold``."""
    from scipy.cluster.hierarchy import fcluster

    return [str(x) for x in fcluster(tree, t=threshold, criterion="distance")]


def choose_threshold(
    sets: Sequence[tuple[np.ndarray, Sequence[str]]], grid: Sequence[float] = THRESHOLDS
) -> tuple[float, float]:
    """The threshold on ``grid`` with the best mean BCubed F1 over ``(tree, gold)`` sets, and that mean.

    Ties go to the smallest threshold (the most conservative merge).
    """
    if not sets:
        raise ValueError("choosing a threshold needs at least one other dataset")
    best = (grid[0], -1.0)
    for t in grid:
        mean = float(np.mean([bcubed(gold, cut(tree, t))[2] for tree, gold in sets]))
        if mean > best[1] + 1e-12:
            best = (t, mean)
    return best


@dataclass(slots=True)
class BaselineInput:
    """One dataset prepared for the baseline: its merge tree, gold labels and cost."""

    tree: np.ndarray
    gold: list[str]
    seconds: float
    cached: bool


def prepare_baseline(
    dataset: str,
    articles: Sequence[Article],
    encoder: Any,
    cache_dir: Path | None = CACHE_DIR,
    mode: DocVector = "lead",
) -> BaselineInput:
    """TF-IDF and MiniLM cosines averaged, then the average-link tree (timed, encoding included)."""
    start = time.perf_counter()
    docs, encode_seconds, cached = minilm_doc_vectors(dataset, articles, encoder, cache_dir, mode)
    similarity = (tfidf_cosine(articles) + docs @ docs.T) / 2
    tree = average_link(similarity)
    seconds = time.perf_counter() - start + (encode_seconds if cached else 0.0)
    return BaselineInput(tree, gold_labels(articles), seconds, cached)


# --------------------------------------------------------------------------- systems


def resolve_system(spec: str) -> SystemFn:
    """``module:function`` to the function; ImportError, ValueError or TypeError say what was wrong."""
    module_name, sep, fn_name = spec.partition(":")
    if not sep or not module_name or not fn_name:
        raise ValueError(f"system {spec!r} is not module:function, e.g. {DEFAULT_SYSTEM}")
    module = importlib.import_module(module_name)
    fn = getattr(module, fn_name, None)
    if fn is None:
        raise ValueError(f"module {module_name} has no function {fn_name!r}")
    if not callable(fn):
        raise TypeError(f"{spec} is a {type(fn).__name__}, not a function")
    return fn  # type: ignore[no-any-return]


def default_system() -> SystemFn | None:
    """``storytrace.grouping.cluster_articles`` if that exists, else None."""
    try:
        return resolve_system(DEFAULT_SYSTEM)
    except ModuleNotFoundError as e:
        if e.name in {"storytrace", "storytrace.grouping"}:
            return None
        raise
    except (ValueError, TypeError):
        return None


def blind_ids(n: int) -> list[str]:
    """Article ids a system sees: feed positions, so the data set's ids cannot leak gold."""
    width = len(str(max(n - 1, 0)))
    return [f"a{i:0{width}d}" for i in range(n)]


def run_system(fn: SystemFn, articles: Sequence[Article]) -> tuple[list[str], float]:
    """Story ids from ``fn`` on blind copies of ``articles``, and the seconds taken.

    The copies have no gold label and anonymous ids (``blind_ids``): ECB+ ids spell
    out the topic and every BASIL id starts with its event's uuid, so a system that
    names a story after a prefix of its first article's id would otherwise merge
    stories by the gold label (storytrace's ``s-<12 characters>`` did, on BASIL).
    """
    blind = [
        dataclasses.replace(a, id=anon, extra={k: v for k, v in a.extra.items() if k != "cluster_id"})
        for a, anon in zip(articles, blind_ids(len(articles)), strict=True)
    ]
    start = time.perf_counter()
    labels = list(fn(blind))
    seconds = time.perf_counter() - start
    if len(labels) != len(articles):
        raise ValueError(f"system returned {len(labels)} story ids for {len(articles)} articles")
    return [str(x) for x in labels], seconds


# --------------------------------------------------------------------------- report


@dataclass(frozen=True, slots=True)
class Row:
    dataset: str
    system: str
    scores: Scores
    articles: int
    seconds: float
    note: str = ""

    @property
    def per_second(self) -> float:
        return self.articles / self.seconds if self.seconds > 0 else float("inf")

    def as_dict(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset,
            "system": self.system,
            "articles": self.articles,
            "seconds": round(self.seconds, 4),
            "articles_per_second": round(self.per_second, 2),
            "note": self.note,
            **dataclasses.asdict(self.scores),
        }


_HEADER = (
    "dataset",
    "system",
    "B3 P",
    "B3 R",
    "B3 F1",
    "pair P",
    "pair R",
    "pair F1",
    "ARI",
    "pred/true",
    "art/s",
)


def format_table(rows: Sequence[Row]) -> str:
    lines = [list(_HEADER)]
    for r in rows:
        s = r.scores
        lines.append(
            [r.dataset, r.system]
            + [f"{v:.3f}" for v in (s.bcubed_precision, s.bcubed_recall, s.bcubed_f1)]
            + [f"{v:.3f}" for v in (s.pair_precision, s.pair_recall, s.pair_f1, s.ari)]
            + [f"{s.predicted_clusters}/{s.true_clusters}", f"{r.per_second:,.0f}{r.note}"]
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(_HEADER))]
    out = []
    for k, line in enumerate(lines):
        cells = [
            c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(line, widths, strict=True))
        ]
        out.append("  ".join(cells).rstrip())
        if k == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def targets_line(datasets: Sequence[str]) -> str:
    parts = [
        f"{d} >= {TARGETS[d]:.2f} (issue baseline ~{ISSUE_BASELINE[d]:.2f})" for d in datasets if d in TARGETS
    ]
    return "targets, storytrace BCubed F1, one setting for all: " + ", ".join(parts)


# --------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--datasets", nargs="+", default=list(DATASETS), choices=DATASETS, metavar="NAME")
    ap.add_argument("--seed", type=int, default=13, help="seed of the feed order's shuffle")
    ap.add_argument("--limit", type=int, default=None, help="first N clusters of each dataset")
    ap.add_argument("--no-baseline", action="store_true", help="skip the TF-IDF + MiniLM batch baseline")
    ap.add_argument(
        "--system",
        action="append",
        metavar="MODULE:FUNCTION",
        help=f"system to evaluate (repeatable; default {DEFAULT_SYSTEM} if it exists)",
    )
    ap.add_argument(
        "--doc-vector",
        choices=("lead", "sentences"),
        default="lead",
        help="baseline's MiniLM document vector",
    )
    ap.add_argument("--cache", type=Path, default=CACHE_DIR, help="MiniLM vector cache folder")
    ap.add_argument("--no-cache", action="store_true")
    ap.add_argument("--json", type=Path, default=None, help="write the numbers here")
    ap.add_argument(
        "--folds",
        action="store_true",
        help="instead: StoryParams fitted out of fold beside in sample, eight orders (bench/story_fit.py)",
    )
    args, rest = ap.parse_known_args(argv)
    if args.folds:
        import story_fit

        return story_fit.main(rest)
    if rest:
        ap.error(f"unrecognized arguments: {' '.join(rest)}")
    if not args.data.is_dir():
        print(f"no evaluation data at {args.data}", file=sys.stderr)
        return 2
    if args.limit is not None and args.limit < 1:
        print("--limit must be at least 1", file=sys.stderr)
        return 2

    systems: list[tuple[str, SystemFn]] = []
    if args.system:
        for spec in args.system:
            try:
                systems.append((spec, resolve_system(spec)))
            except (ImportError, ValueError, TypeError) as e:
                print(f"cannot load system {spec}: {e}", file=sys.stderr)
                return 2
    else:
        fn = default_system()
        if fn is None:
            print("storytrace.grouping not available")
        else:
            systems.append((DEFAULT_SYSTEM.split(":")[0], fn))

    wanted = [d for d in DATASETS if d in args.datasets]
    # The baseline picks each threshold on the other datasets, so it loads all of them.
    needed = DATASETS if not args.no_baseline else tuple(wanted)
    feeds = {d: feed_order(load_dataset(d, args.data, args.limit), args.seed) for d in needed}

    rows: list[Row] = []
    thresholds: dict[str, dict[str, float]] = {}
    if not args.no_baseline:
        from storytrace.embed import default_encoder

        encoder = default_encoder()
        cache = None if args.no_cache else args.cache
        prepared = {d: prepare_baseline(d, feeds[d], encoder, cache, args.doc_vector) for d in needed}
        for d in wanted:
            others = [(prepared[o].tree, prepared[o].gold) for o in needed if o != d]
            t, other_f1 = choose_threshold(others)
            start = time.perf_counter()
            labels = cut(prepared[d].tree, t)
            seconds = prepared[d].seconds + time.perf_counter() - start
            thresholds[d] = {"threshold": t, "other_sets_bcubed_f1": round(other_f1, 4)}
            note = "*" if prepared[d].cached else ""
            rows.append(
                Row(d, f"baseline t={t:.2f}", score(prepared[d].gold, labels), len(feeds[d]), seconds, note)
            )

    for name, fn in systems:
        for d in wanted:
            try:
                labels, seconds = run_system(fn, feeds[d])
            except Exception as e:  # noqa: BLE001 - a failing system must not hide the other rows
                print(f"{name} failed on {d}: {type(e).__name__}: {e}", file=sys.stderr)
                continue
            rows.append(Row(d, name, score(gold_labels(feeds[d]), labels), len(feeds[d]), seconds))

    rows.sort(key=lambda r: wanted.index(r.dataset))
    print(f"seed {args.seed}" + (f", first {args.limit} clusters per dataset" if args.limit else ""))
    if rows:
        print(format_table(rows))
    for d, info in thresholds.items():
        others = ", ".join(o for o in needed if o != d)
        print(
            f"baseline threshold for {d}: distance {info['threshold']:.2f} "
            f"(best mean BCubed F1 {info['other_sets_bcubed_f1']:.3f} on {others})"
        )
    if any(r.note for r in rows):
        print("* MiniLM vectors from the cache; articles/s counts the encoding time measured when cached")
    print(targets_line(wanted))
    if args.json is not None:
        payload = {
            "seed": args.seed,
            "limit": args.limit,
            "rows": [r.as_dict() for r in rows],
            "baseline_thresholds": thresholds,
            "targets_bcubed_f1": {d: TARGETS[d] for d in wanted},
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
