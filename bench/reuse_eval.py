"""Copy / partial / rewrite evaluation of ``storytrace.reuse.link_articles`` on real articles.

Data: ``../shared/data/events`` (ECB+, BASIL, AllSides roundups, MSRP). Never copied
into this repository; the only thing stored here is ``bench/reuse_labels/natural.tsv``
(doc ids, kinds, direction and a written reason; no article text).

The evaluation set (deterministic for a ``--seed``):

* **Base articles**: every ECB+ and BASIL article and a seeded sample of 300 AllSides
  roundup excerpts (all of them realistic distractors; articles of one ``cluster_id``
  report the same event independently and must not be linked, natural duplicates
  apart). With ``--limit N`` only the articles given a role below, up to ``N``
  same-cluster siblings of them, and the documents of up to ``N`` labelled natural
  pairs are kept.
* **Copies** (gold kind ``copy``, source = the original): originals are base articles
  of >= 150 words (ECB+ and BASIL; AllSides excerpts are all shorter); each copy gets
  1-4 of the documented syndication edits of ``bench/syndication.py`` (headline swap,
  lead edit, trimmed ending, inserted boilerplate, swapped middle paragraphs, number
  regrouping, light synonym swaps). Dates: when the original has a date the copy is
  published 1-72 hours later (15% of copies get no date); an undated ECB+ original
  gets a synthetic date and a later copy in 70% of cases, otherwise both stay undated,
  so direction must come from other evidence.
* **Partial reuse** (gold ``partial``, source = A): 1-3 consecutive paragraphs or 2-5
  consecutive sentences of a base article A are spliced, as new paragraphs, into an
  unrelated base article B (different ECB+ topic / cluster) at a random paragraph
  boundary, giving B'. B' replaces B in the set (B itself is left out, or B-B' would
  be a copy). The passage is at most half of A's words and at most 60% of B's.
  B' is dated 1-72 hours after A when A has a date.
* **Rewrites** (gold ``rewrite``) from MSRP: there is no language model here, so a
  "source article" is 6-12 MSRP sentences, the ``#1 String`` of label-1 (paraphrase)
  pairs, grouped 1-3 sentences to a paragraph, and its "rewrite" is the ``#2 String``
  of the same pairs in the same order and grouping: a sentence-by-sentence
  paraphrase, as a content farm does. Pairs whose two sentences share >= 60% of the
  shorter one's word 5-grams are left out (near-verbatim, not paraphrase). Each
  MSRP sentence is used once. The rewrite is dated later in 80% of cases.
* **Hard negatives** from MSRP label-0 pairs, built the same way. Label 0 means "not a
  paraphrase", yet the two sentences are about the same fact, often with the same
  names and numbers and different figures ("bought in 1995 for $693 million" vs "sold
  in 1998 for $1.8 billion"). An article pair where every sentence is such a near miss
  is not clearly "no link": a rewrite that changes facts looks just like it. So these
  pairs are not counted as errors; the script prints how they are classified, and a
  good detector should link few of them as ``rewrite`` and fewer as ``copy``.
* **Natural duplicates**: pairs of base articles with word 5-gram containment (of the
  shorter text in the other) >= 0.3 were looked at and labelled by hand in
  ``natural.tsv`` (copy / partial / none, the original when it can be told, and a
  reason). They are scored on their own. Unlabelled natural pairs (containment >=
  0.05, or derived from such a pair through a synthetic copy or splice) are neither
  gold nor errors: they are counted apart as "natural, unlabelled".

Scoring: a predicted link is correct for a gold pair when the pair matches in either
orientation and the kind matches. Per kind: gold count, predicted count, precision,
recall; a kind-confusion matrix (rows gold, columns predicted, "none" = no link);
direction accuracy over correctly detected pairs (all synthetic pairs have a known
direction; natural ones when the label names the original), split by whether both
sides had dates; articles per second of ``link_articles``; and the links between
different clusters that are in no gold or natural set ("spurious").

Usage: ``.venv/bin/python bench/reuse_eval.py [--limit N] [--seed S] [--no-rewrites]
[--show-natural LOW HIGH]``
"""

from __future__ import annotations

import argparse
import csv
import functools
import itertools
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

import syndication

from storytrace.model import Article, ReuseLink

DEFAULT_DATA = REPO.parent / "shared" / "data" / "events"
LABELS = REPO / "bench" / "reuse_labels" / "natural.tsv"
EVENT_FILES = ("ecbplus", "basil", "allsides_roundups")
KINDS = ("copy", "partial", "rewrite")
NATURAL_MIN = 0.05  # containment at or above which a base pair is treated as naturally related
LABEL_MIN = 0.3  # pairs at or above this were looked at for labelling
COPY_MIN_WORDS = 150

LinkFn = Callable[[Sequence[Article]], list[ReuseLink]]
Pair = frozenset[str]

# --------------------------------------------------------------------------- data


def load_events(data_dir: Path = DEFAULT_DATA) -> list[dict[str, Any]]:
    """Every article row of ECB+, BASIL and the AllSides roundups, in file order."""
    rows: list[dict[str, Any]] = []
    for name in EVENT_FILES:
        with open(data_dir / f"{name}.jsonl", encoding="utf-8") as fh:
            rows += [json.loads(line) for line in fh if line.strip()]
    return rows


def load_msrp(data_dir: Path = DEFAULT_DATA) -> list[tuple[int, str, str]]:
    """MSRP training pairs as (label, #1 string, #2 string)."""
    with open(data_dir / "msrp_train.tsv", encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        return [(int(r[0]), r[3], r[4]) for r in reader if len(r) >= 5]


_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 5) -> set[tuple[str, ...]]:
    """Lower-cased word n-grams (a text shorter than n words is one shingle)."""
    toks = _TOKEN.findall(text.lower())
    return {tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1))}


def containment(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> float:
    """Share of the smaller shingle set found in the other."""
    small = min(len(a), len(b))
    return len(a & b) / small if small else 0.0


def related_pairs(texts: dict[str, str], threshold: float = NATURAL_MIN) -> dict[Pair, float]:
    """Pairs of ids whose word 5-gram containment is >= ``threshold`` (inverted index)."""
    sets = {k: shingles(v) for k, v in texts.items()}
    index: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for k, s in sets.items():
        for g in s:
            index[g].append(k)
    shared: Counter[tuple[str, str]] = Counter()
    for ids in index.values():
        if len(ids) <= 50:  # a 5-gram in over 50 texts is boilerplate, not reuse
            for a, b in itertools.combinations(ids, 2):
                shared[(a, b) if a < b else (b, a)] += 1
    out: dict[Pair, float] = {}
    for (a, b), n in shared.items():
        c = n / min(len(sets[a]), len(sets[b]))
        if c >= threshold:
            out[frozenset((a, b))] = c
    return out


# --------------------------------------------------------------------------- labels


@dataclass(frozen=True, slots=True)
class NaturalLabel:
    doc_id_a: str
    doc_id_b: str
    kind: str  # copy | partial | none
    original: str  # doc_id_a, doc_id_b or "unknown"
    reason: str


def load_labels(path: Path = LABELS) -> list[NaturalLabel]:
    """Hand labels of natural pairs: a TSV with a header, ``#`` lines are comments."""
    out: list[NaturalLabel] = []
    with open(path, encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    for row in reader:
        label = NaturalLabel(
            row["doc_id_a"].strip(),
            row["doc_id_b"].strip(),
            row["kind"].strip(),
            row["original"].strip(),
            row["reason"].strip(),
        )
        if label.kind not in ("copy", "partial", "none"):
            raise ValueError(f"bad kind {label.kind!r} in {path}: {label}")
        if label.original not in (label.doc_id_a, label.doc_id_b, "unknown"):
            raise ValueError(f"original must be a doc id of the pair or 'unknown': {label}")
        if not label.reason:
            raise ValueError(f"missing reason: {label}")
        out.append(label)
    return out


# --------------------------------------------------------------------------- the set


@dataclass(frozen=True, slots=True)
class Gold:
    kind: str  # copy | partial | rewrite | none
    source: str | None  # the original's id, None when unknown
    origin: str  # synthetic | natural
    note: str = ""


@dataclass(slots=True)
class EvalSet:
    articles: list[Article]
    cluster: dict[str, str]  # article id -> event cluster
    gold: dict[Pair, Gold]  # synthetic gold pairs
    natural: dict[Pair, Gold]  # hand-labelled natural pairs
    hard_negatives: set[Pair]
    unlabelled: set[Pair]  # naturally related, not labelled: neither gold nor error
    notes: dict[Pair, str] = field(default_factory=dict)  # edits / passage size, for printing

    def size_line(self) -> str:
        kinds = Counter(g.kind for g in self.gold.values())
        return (
            f"{len(self.articles)} articles; synthetic gold: {dict(kinds)}; natural labelled: "
            f"{len(self.natural)}; hard negatives: {len(self.hard_negatives)}; "
            f"natural unlabelled (ignored): {len(self.unlabelled)}"
        )


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _later(value: str | None, rng: random.Random) -> str | None:
    """A publication time 1-72 hours after ``value`` (a date-only value moves 1-3 days)."""
    d = _parse_date(value)
    if d is None:
        return None
    if len(value or "") <= 10:
        return (d + timedelta(days=rng.randint(1, 3))).date().isoformat()
    return (d + timedelta(hours=rng.randint(1, 72))).isoformat()


def _synthetic_date(rng: random.Random) -> str:
    base = datetime(2012, 1, 1, 6, 0)
    return (base + timedelta(days=rng.randint(0, 1500), minutes=rng.randint(0, 900))).isoformat()


def _topic(row: dict[str, Any]) -> str:
    """ECB+ pairs two events per topic; "unrelated" means a different topic there."""
    if row["dataset"] == "ecbplus":
        return "ecbplus:" + str((row.get("extra") or {}).get("topic") or row["cluster_id"])
    return f"{row['dataset']}:{row['cluster_id']}"


def _article(row: dict[str, Any], **override: Any) -> Article:
    fields = {
        "id": row["doc_id"],
        "text": row["text"],
        "title": row.get("title"),
        "published": row.get("date"),
        "outlet": row.get("outlet"),
        "url": row.get("url"),
        "extra": {"dataset": row["dataset"], "cluster_id": row["cluster_id"]},
    }
    fields.update(override)
    return Article(**fields)


def _msrp_articles(
    pairs: list[tuple[str, str]], rng: random.Random, count: int
) -> list[tuple[str, str, int]]:
    """``count`` article pairs (text from #1 strings, text from #2 strings, sentences)."""
    out: list[tuple[str, str, int]] = []
    pos = 0
    for _ in range(count):
        n = rng.randint(6, 12)
        if pos + n > len(pairs):
            break
        chunk = pairs[pos : pos + n]
        pos += n
        paras_a: list[str] = []
        paras_b: list[str] = []
        i = 0
        while i < n:
            k = rng.randint(1, 3)
            paras_a.append(" ".join(s for s, _ in chunk[i : i + k]))
            paras_b.append(" ".join(s for _, s in chunk[i : i + k]))
            i += k
        out.append(("\n".join(paras_a), "\n".join(paras_b), n))
    return out


def _passage(row: dict[str, Any], rng: random.Random) -> tuple[list[str], str]:
    """1-3 consecutive paragraphs or 2-5 consecutive sentences of ``row``'s text.

    Only real prose is taken: paragraphs of >= 8 words, sentences of >= 5 words, and
    >= 20 words in all (datelines, headings and "Read more..." lines are not passages),
    at most half of the article's words. Returns ``([], "")`` when nothing fits.
    """
    paras = syndication.split_paragraphs(row["text"])
    words = len(row["text"].split())

    def fits(chosen: list[str], min_part: int) -> bool:
        total = len(" ".join(chosen).split())
        return all(len(c.split()) >= min_part for c in chosen) and 20 <= total <= words / 2

    if rng.random() < 0.5 and len(paras) >= 3:
        for size in range(rng.randint(1, 3), 0, -1):
            starts = list(range(len(paras) - size + 1))
            rng.shuffle(starts)
            for start in starts:
                chosen = paras[start : start + size]
                if fits(chosen, 8):
                    return chosen, f"{size} paragraph(s)"
    # (paragraph number, sentence): sentences of one paragraph are pasted as one
    # paragraph, and a paragraph break inside the passage is kept. Joining a
    # headline or bullet line that has no full stop to the next sentence would make
    # a run-on sentence that no page carries.
    sentences = [(i, s) for i, p in enumerate(paras) for s in syndication.split_sentences(p)]
    for size in range(rng.randint(2, 5), 1, -1):
        starts = list(range(len(sentences) - size + 1))
        rng.shuffle(starts)
        for start in starts:
            chosen = sentences[start : start + size]
            if fits([s for _, s in chosen], 5):
                grouped = [
                    " ".join(s for _, s in group)
                    for _, group in itertools.groupby(chosen, key=lambda x: x[0])
                ]
                return grouped, f"{size} sentences"
    return [], ""


@functools.cache
def _base(data_dir: Path) -> tuple[list[dict[str, Any]], dict[Pair, float]]:
    """The event rows and their naturally related pairs (cached: the same for every seed)."""
    rows = load_events(data_dir)
    return rows, related_pairs({r["doc_id"]: r["text"] for r in rows})


def build_eval_set(
    data_dir: Path = DEFAULT_DATA,
    *,
    seed: int = 13,
    limit: int | None = None,
    rewrites: bool = True,
    labels_path: Path | None = LABELS,
) -> EvalSet:
    """The evaluation articles and their gold relations (see the module docstring)."""
    rng = random.Random(seed)
    rows, related = _base(data_dir)
    by_id = {r["doc_id"]: r for r in rows}
    if len(by_id) != len(rows):
        raise ValueError("doc ids are not unique across the event files")

    n_copies = limit if limit is not None else 150
    n_partials = max(2, (2 * n_copies + 2) // 3)
    n_rewrites = (n_copies // 2 if limit is not None else 80) if rewrites else 0
    n_hardneg = (max(2, n_copies // 4) if limit is not None else 40) if rewrites else 0

    labels = load_labels(labels_path) if labels_path is not None and labels_path.exists() else []
    label_pairs = {frozenset((lb.doc_id_a, lb.doc_id_b)): lb for lb in labels}

    # Natural pairs keep their documents out of synthetic roles: a copy of one half of a
    # reprint pair would be a second, unlabelled reprint of the other half.
    natural_docs = {d for p, c in related.items() if c >= LABEL_MIN for d in p}

    long_rows = [
        r
        for r in rows
        if r["dataset"] != "allsides_roundups"
        and len(r["text"].split()) >= COPY_MIN_WORDS
        and r["doc_id"] not in natural_docs
    ]
    rng.shuffle(long_rows)
    originals = long_rows[:n_copies]
    hosts_pool = long_rows[n_copies:]
    used = {r["doc_id"] for r in originals}
    source_pool = [r for r in rows if r["doc_id"] not in used and r["doc_id"] not in natural_docs]
    rng.shuffle(source_pool)

    articles: dict[str, Article] = {}
    cluster: dict[str, str] = {}
    gold: dict[Pair, Gold] = {}
    notes: dict[Pair, str] = {}
    derived_from: dict[str, list[str]] = {}  # synthetic id -> base ids whose text it carries
    headlines = [r["title"] for r in rows if r.get("title")]

    def add(article: Article, cluster_id: str) -> None:
        articles[article.id] = article
        cluster[article.id] = cluster_id

    # Copies.
    for row in originals:
        orig_date = row.get("date")
        if orig_date is None and rng.random() < 0.7:
            orig_date = _synthetic_date(rng)
        copy_date = _later(orig_date, rng) if rng.random() >= 0.15 else None
        edited = syndication.apply_edits(row["text"], row.get("title"), rng, headlines)
        original = _article(row, published=orig_date)
        copy = _article(
            row,
            id=f"copy:{row['doc_id']}",
            text=edited.text,
            title=edited.title,
            published=copy_date,
            outlet=f"reprint-site-{rng.randint(1, 25)}",
            url=None,
        )
        add(original, row["cluster_id"])
        add(copy, row["cluster_id"])
        derived_from[copy.id] = [row["doc_id"]]
        pair = frozenset((original.id, copy.id))
        gold[pair] = Gold("copy", original.id, "synthetic")
        notes[pair] = ",".join(edited.edits)

    # Partial reuse: passage of A spliced into unrelated B -> B'.
    hosts = iter(hosts_pool)
    made = 0
    for src in source_pool:
        if made >= n_partials:
            break
        if src["doc_id"] in used:
            continue
        passage, size = _passage(src, rng)
        if not passage:
            continue
        host = next(
            (
                h
                for h in hosts
                if h["doc_id"] not in used
                and _topic(h) != _topic(src)
                and len(" ".join(passage).split()) <= 0.6 * len(h["text"].split())
            ),
            None,
        )
        if host is None:
            break
        used |= {src["doc_id"], host["doc_id"]}
        src_date = src.get("date")
        if src_date is None and rng.random() < 0.5:
            src_date = _synthetic_date(rng)
        sep = syndication.paragraph_separator(host["text"])
        paras = syndication.split_paragraphs(host["text"])
        at = rng.randint(0, len(paras))
        spliced = syndication.join_paragraphs(paras[:at] + passage + paras[at:], sep)
        source = _article(src, published=src_date)
        target = _article(
            host,
            id=f"partial:{host['doc_id']}<{src['doc_id']}",
            text=spliced,
            published=_later(src_date, rng),
        )
        add(source, src["cluster_id"])
        add(target, host["cluster_id"])
        derived_from[target.id] = [host["doc_id"], src["doc_id"]]
        pair = frozenset((source.id, target.id))
        gold[pair] = Gold("partial", source.id, "synthetic")
        notes[pair] = size
        made += 1
    hosts_used = {ids[0] for k, ids in derived_from.items() if k.startswith("partial:")}

    # Rewrites and hard negatives from MSRP.
    hard_negatives: set[Pair] = set()
    if n_rewrites or n_hardneg:
        msrp = load_msrp(data_dir)
        para = [(a, b) for lab, a, b in msrp if lab == 1 and containment(shingles(a), shingles(b)) < 0.6]
        nonpara = [(a, b) for lab, a, b in msrp if lab == 0]
        rng.shuffle(para)
        rng.shuffle(nonpara)
        for i, (text_a, text_b, n) in enumerate(_msrp_articles(para, rng, n_rewrites)):
            d = _synthetic_date(rng)
            a = Article(id=f"msrp:src{i}", text=text_a, published=d, outlet="msrp-source")
            b = Article(
                id=f"msrp:rw{i}",
                text=text_b,
                published=_later(d, rng) if rng.random() < 0.8 else None,
                outlet="content-farm",
            )
            add(a, f"msrp:{i}")
            add(b, f"msrp:{i}")
            pair = frozenset((a.id, b.id))
            gold[pair] = Gold("rewrite", a.id, "synthetic")
            notes[pair] = f"{n} sentences"
        for i, (text_a, text_b, _n) in enumerate(_msrp_articles(nonpara, rng, n_hardneg)):
            a = Article(id=f"msrp:negA{i}", text=text_a, published=_synthetic_date(rng), outlet="msrp-a")
            b = Article(id=f"msrp:negB{i}", text=text_b, published=_synthetic_date(rng), outlet="msrp-b")
            add(a, f"msrp-neg:{i}:a")
            add(b, f"msrp-neg:{i}:b")
            hard_negatives.add(frozenset((a.id, b.id)))

    # Base distractors.
    role_clusters = {cluster[k] for k in articles}
    if limit is None:
        allsides = [r for r in rows if r["dataset"] == "allsides_roundups"]
        keep = {r["doc_id"] for r in rng.sample(allsides, min(300, len(allsides)))}
        extra = [r for r in rows if r["dataset"] != "allsides_roundups" or r["doc_id"] in keep]
        natural_keep = list(label_pairs)
    else:
        siblings = [r for r in rows if r["cluster_id"] in role_clusters]
        rng.shuffle(siblings)
        extra = siblings[:limit]
        natural_keep = sorted(label_pairs, key=sorted)
        rng.shuffle(natural_keep)
        natural_keep = natural_keep[:limit]
        extra += [by_id[d] for p in natural_keep for d in p if d in by_id]
    for row in extra:
        if row["doc_id"] not in articles and row["doc_id"] not in hosts_used:
            add(_article(row), row["cluster_id"])

    # Natural relations: labelled ones are scored, the rest (and what synthetic texts
    # inherit from them) are ignored.
    natural: dict[Pair, Gold] = {}
    for p in natural_keep:
        lb = label_pairs[p]
        if lb.doc_id_a in articles and lb.doc_id_b in articles:
            src = None if lb.original == "unknown" else lb.original
            natural[p] = Gold(lb.kind if lb.kind != "none" else "none", src, "natural", lb.reason)
    unlabelled: set[Pair] = {p for p in related if p not in natural and all(d in articles for d in p)}
    bases_of = {k: derived_from.get(k, [k]) for k in articles}
    neighbours: dict[str, set[str]] = defaultdict(set)
    for p in related:
        a, b = tuple(p)
        neighbours[a].add(b)
        neighbours[b].add(a)
    for k, bases in derived_from.items():
        for base in bases:
            for other in articles:
                if other != k and any(o in neighbours[base] for o in bases_of[other]):
                    pair = frozenset((k, other))
                    if pair not in gold:
                        unlabelled.add(pair)

    # MSRP sentences come from clusters of news about one event, so two MSRP articles
    # of different pairs can share wording: such pairs are natural, not errors.
    msrp_texts = {k: a.text for k, a in articles.items() if k.startswith("msrp:")}
    for pair in related_pairs(msrp_texts):
        if pair not in gold and pair not in hard_negatives:
            unlabelled.add(pair)

    ordered = sorted(articles.values(), key=lambda a: a.id)
    rng.shuffle(ordered)
    return EvalSet(ordered, cluster, gold, natural, hard_negatives, unlabelled, notes)


# --------------------------------------------------------------------------- scoring


@dataclass(slots=True)
class KindScore:
    gold: int = 0
    predicted: int = 0
    correct: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0


@dataclass(slots=True)
class Report:
    kinds: dict[str, KindScore]
    confusion: dict[tuple[str, str], int]
    direction: dict[str, list[int]]  # bucket -> [right, total]
    natural_kinds: dict[str, KindScore]
    natural_confusion: dict[tuple[str, str], int]
    natural_direction: list[int]
    hard_negatives: Counter[str]
    unlabelled_linked: Counter[str]
    spurious: list[ReuseLink]
    same_cluster_fp: int
    duplicate_links: int
    misses: list[tuple[Pair, Gold, str]]
    false_positives: list[ReuseLink]
    seconds: float = 0.0
    articles: int = 0
    by_note: dict[str, list[int]] = field(default_factory=dict)  # note -> [found, total]
    # gold copy pairs not linked directly, both linked as copies/rewrites to one
    # common article (sibling reprints: storytrace links each to the original only)
    natural_siblings: int = 0
    gold_siblings: int = 0


def _dedupe(links: Iterable[ReuseLink]) -> tuple[dict[Pair, ReuseLink], int]:
    best: dict[Pair, ReuseLink] = {}
    dup = 0
    for link in links:
        pair = frozenset((link.source_id, link.target_id))
        if pair in best:
            dup += 1
            if link.score <= best[pair].score:
                continue
        best[pair] = link
    return best, dup


def score(ev: EvalSet, links: Sequence[ReuseLink]) -> Report:
    """Compare predicted links with the gold, natural and hard-negative sets."""
    pred, dup = _dedupe(links)
    labels = ("copy", "partial", "rewrite", "none")
    kinds = {k: KindScore() for k in KINDS}
    confusion: Counter[tuple[str, str]] = Counter()
    direction: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses: list[tuple[Pair, Gold, str]] = []
    by_note: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for pair, g in ev.gold.items():
        kinds[g.kind].gold += 1
        link = pred.get(pair)
        got = link.kind if link else "none"
        confusion[(g.kind, got)] += 1
        note_key = f"{g.kind}: {_note_bucket(g.kind, ev.notes.get(pair, ''))}"
        by_note[note_key][1] += 1
        if got == g.kind:
            by_note[note_key][0] += 1
        else:
            misses.append((pair, g, got))
        if link and got == g.kind and g.source:
            dated = all(ev_article_date(ev, i) for i in pair)
            bucket = f"{g.kind}, {'both dated' if dated else 'a date missing'}"
            direction[bucket][1] += 1
            direction[bucket][0] += int(link.source_id == g.source)
    fps: list[ReuseLink] = []
    spurious: list[ReuseLink] = []
    same_cluster_fp = 0
    hard: Counter[str] = Counter()
    unlabelled_linked: Counter[str] = Counter()
    natural_kinds = {k: KindScore() for k in ("copy", "partial")}
    natural_confusion: Counter[tuple[str, str]] = Counter()
    natural_direction = [0, 0]
    for pair, g in ev.natural.items():
        if g.kind in natural_kinds:
            natural_kinds[g.kind].gold += 1
        link = pred.get(pair)
        got = link.kind if link else "none"
        natural_confusion[(g.kind, got)] += 1
        if got in natural_kinds:
            natural_kinds[got].predicted += 1
            if got == g.kind:
                natural_kinds[got].correct += 1
                if g.source:
                    natural_direction[1] += 1
                    natural_direction[0] += int(link is not None and link.source_id == g.source)
    strong: dict[str, set[str]] = defaultdict(set)
    for link in pred.values():
        if link.kind in ("copy", "rewrite"):
            strong[link.source_id].add(link.target_id)
            strong[link.target_id].add(link.source_id)

    def siblings(pair: Pair) -> bool:
        a, b = tuple(pair)
        return pair not in pred and bool(strong[a] & strong[b])

    natural_siblings = sum(1 for pair, g in ev.natural.items() if g.kind == "copy" and siblings(pair))
    gold_siblings = sum(1 for pair, g in ev.gold.items() if g.kind == "copy" and siblings(pair))
    for pair, link in pred.items():
        if pair in ev.natural:
            continue
        if pair in ev.hard_negatives:
            hard[link.kind] += 1
            continue
        if pair in ev.unlabelled:
            unlabelled_linked[link.kind] += 1
            continue
        if link.kind in kinds:
            kinds[link.kind].predicted += 1
        g = ev.gold.get(pair)
        if g is not None and g.kind == link.kind:
            kinds[link.kind].correct += 1
            continue
        if g is None:
            confusion[("none", link.kind)] += 1
            fps.append(link)
            if ev.cluster.get(link.source_id) != ev.cluster.get(link.target_id):
                spurious.append(link)
            else:
                same_cluster_fp += 1
    hard["none"] = len(ev.hard_negatives) - sum(hard.values())
    for lab in labels:
        for lab2 in labels:
            confusion.setdefault((lab, lab2), 0)
    return Report(
        kinds,
        dict(confusion),
        dict(direction),
        natural_kinds,
        dict(natural_confusion),
        natural_direction,
        hard,
        unlabelled_linked,
        spurious,
        same_cluster_fp,
        dup,
        misses,
        fps,
        by_note=dict(by_note),
        natural_siblings=natural_siblings,
        gold_siblings=gold_siblings,
    )


_DATES: dict[int, dict[str, str | None]] = {}


def ev_article_date(ev: EvalSet, article_id: str) -> str | None:
    table = _DATES.get(id(ev))
    if table is None:
        table = _DATES[id(ev)] = {a.id: a.published for a in ev.articles}
    return table.get(article_id)


def _note_bucket(kind: str, note: str) -> str:
    if kind == "copy":
        n = len(note.split(",")) if note else 0
        return f"{n} edit(s)"
    if kind == "partial":
        return note or "?"
    if kind == "rewrite":
        n = int(note.split()[0]) if note else 0
        return "6-8 sentences" if n <= 8 else "9-12 sentences"
    return note


def find_link_articles() -> LinkFn | None:
    """``storytrace.reuse.link_articles`` (or, until the package exports it, the detector's)."""
    import importlib

    for name in ("storytrace.reuse", "storytrace.reuse.detector"):
        try:
            fn = getattr(importlib.import_module(name), "link_articles", None)
        except ImportError:
            fn = None
        if fn is not None:
            return fn
    return None


def run(ev: EvalSet, link_fn: LinkFn | None = None) -> Report:
    """Run the detector over the whole set once, timed, and score it."""
    if link_fn is None:
        link_fn = find_link_articles()
        if link_fn is None:
            raise RuntimeError("storytrace.reuse.link_articles does not exist yet")
    start = time.perf_counter()
    links = link_fn(ev.articles)
    seconds = time.perf_counter() - start
    report = score(ev, links)
    report.seconds = seconds
    report.articles = len(ev.articles)
    return report


# --------------------------------------------------------------------------- printing


def _fmt(x: float) -> str:
    return f"{x:.3f}"


def print_report(ev: EvalSet, r: Report, *, show: int = 10, out: Any = None) -> None:
    out = out or sys.stdout
    p = lambda *a: print(*a, file=out)
    p(f"set: {ev.size_line()}")
    p(
        f"link_articles: {r.seconds:.1f} s for {r.articles} articles = {r.articles / max(r.seconds, 1e-9):.1f} articles/s"
    )
    p("")
    p("synthetic   gold  predicted  correct  precision  recall")
    for k, s in r.kinds.items():
        p(f"{k:<10} {s.gold:>5} {s.predicted:>10} {s.correct:>8} {_fmt(s.precision):>10} {_fmt(s.recall):>7}")
    p("")
    labels = ("copy", "partial", "rewrite", "none")
    p("confusion (rows gold, columns predicted)")
    p("           " + "".join(f"{lab:>9}" for lab in labels))
    for g in labels:
        p(f"{g:<11}" + "".join(f"{r.confusion.get((g, q), 0):>9}" for q in labels))
    p("")
    p("recall by construction")
    for key in sorted(r.by_note):
        found, total = r.by_note[key]
        p(f"  {key:<32} {found}/{total}")
    p("")
    p("direction accuracy (correctly detected synthetic pairs)")
    for bucket in sorted(r.direction):
        right, total = r.direction[bucket]
        p(f"  {bucket:<28} {right}/{total} = {_fmt(right / total if total else 1.0)}")
    right = sum(v[0] for v in r.direction.values())
    total = sum(v[1] for v in r.direction.values())
    p(f"  {'all':<28} {right}/{total} = {_fmt(right / total if total else 1.0)}")
    p("")
    p(f"natural labelled pairs: {len(ev.natural)}")
    p("natural     gold  predicted  correct  precision  recall")
    for k, s in r.natural_kinds.items():
        p(f"{k:<10} {s.gold:>5} {s.predicted:>10} {s.correct:>8} {_fmt(s.precision):>10} {_fmt(s.recall):>7}")
    p("           " + "".join(f"{lab:>9}" for lab in labels))
    for g in ("copy", "partial", "none"):
        p(f"{g:<11}" + "".join(f"{r.natural_confusion.get((g, q), 0):>9}" for q in labels))
    nd = r.natural_direction
    p(f"natural direction (original known): {nd[0]}/{nd[1]}")
    p(
        f"copy pairs not linked to each other but both linked as copies of one common article "
        f"(sibling reprints, linked to their original by design): natural {r.natural_siblings}, "
        f"synthetic {r.gold_siblings}"
    )
    p("")
    p(
        f"MSRP hard negatives ({len(ev.hard_negatives)} pairs, not counted as errors): {dict(r.hard_negatives)}"
    )
    p(f"links on natural unlabelled pairs (ignored): {dict(r.unlabelled_linked)}")
    p(
        f"false positives: {len(r.false_positives)} (same cluster {r.same_cluster_fp}, "
        f"different clusters = spurious {len(r.spurious)}); duplicate links for one pair: {r.duplicate_links}"
    )
    if show:
        texts = {a.id: a.text for a in ev.articles}
        if r.misses:
            p("")
            p(f"first {show} misses (gold -> predicted):")
            for pair, g, got in r.misses[:show]:
                a, b = sorted(pair)
                c = containment(shingles(texts[a]), shingles(texts[b]))
                p(f"  {g.kind} -> {got}: {a} / {b}  5-gram containment {c:.2f}  [{ev.notes.get(pair, '')}]")
        if r.false_positives:
            p(f"first {show} false positives:")
            for link in r.false_positives[:show]:
                c = containment(shingles(texts[link.source_id]), shingles(texts[link.target_id]))
                p(
                    f"  {link.kind} {link.score:.2f}: {link.source_id} -> {link.target_id}  containment {c:.2f}"
                )


def show_natural(data_dir: Path, low: float, high: float, width: int = 260) -> None:
    """Print every base pair with containment in [low, high) with excerpts, for labelling."""
    rows = load_events(data_dir)
    by_id = {r["doc_id"]: r for r in rows}
    related = related_pairs({r["doc_id"]: r["text"] for r in rows}, low)
    for pair, c in sorted(related.items(), key=lambda kv: (-kv[1], sorted(kv[0]))):
        if c >= high:
            continue
        a, b = sorted(pair)
        ra, rb = by_id[a], by_id[b]
        sa, sb = shingles(ra["text"]), shingles(rb["text"])
        print(
            f"=== {a} | {b}  containment {c:.2f}  a-in-b {len(sa & sb) / len(sa):.2f}  b-in-a {len(sa & sb) / len(sb):.2f}"
        )
        for r, other in ((ra, sb), (rb, sa)):
            t = r["text"].replace("\n", " / ")
            print(f"  [{r['doc_id']}] {len(r['text'].split())}w outlet={r['outlet']} date={r['date']}")
            print(f"    start: {t[:width]}")
            print(f"    end:   {t[-width // 2 :]}")
            print(f"    paragraphs (= shared, ~ partly, + own): {_paragraph_map(r['text'], other)}")
            own = [q for q in syndication.split_paragraphs(r["text"]) if _shared(q, other) < 0.2]
            if own:
                print(f"    own text ({sum(len(q.split()) for q in own)}w): {' / '.join(own)[: width // 2]}")


def _shared(paragraph: str, other: set[tuple[str, ...]]) -> float:
    grams = shingles(paragraph)
    return len(grams & other) / len(grams) if grams else 0.0


def _paragraph_map(text: str, other: set[tuple[str, ...]]) -> str:
    """One mark per paragraph: ``=`` mostly in the other text, ``~`` partly, ``+`` not."""
    marks = []
    for q in syndication.split_paragraphs(text):
        c = _shared(q, other)
        marks.append("=" if c >= 0.7 else "~" if c >= 0.2 else "+")
    return "".join(marks)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=None, help="number of copy originals (scales the rest)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--no-rewrites", action="store_true")
    ap.add_argument("--show", type=int, default=10, help="misses and false positives to print")
    ap.add_argument("--show-natural", nargs=2, type=float, metavar=("LOW", "HIGH"))
    ap.add_argument(
        "--static-candidate", type=float, default=None, help="candidate cut for static sentence vectors (default: shipped)"
    )
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"no evaluation data at {args.data}", file=sys.stderr)
        return 2
    if args.show_natural:
        show_natural(args.data, *args.show_natural)
        return 0
    t = time.perf_counter()
    ev = build_eval_set(args.data, seed=args.seed, limit=args.limit, rewrites=not args.no_rewrites)
    print(f"built in {time.perf_counter() - t:.1f} s")
    link_fn = None
    if args.static_candidate is not None:
        from dataclasses import replace
        from functools import partial

        from storytrace.reuse.params import ReuseParams

        shipped = ReuseParams()
        params = replace(shipped, candidates=replace(shipped.candidates, static_candidate=args.static_candidate))
        link_fn = partial(find_link_articles(), params=params)
    report = run(ev, link_fn)
    print_report(ev, report, show=args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
