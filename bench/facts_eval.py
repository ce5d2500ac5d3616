"""Fact extraction against the hand-annotated sentences of ``bench/facts/``.

    .venv/bin/python bench/facts_eval.py [--data DIR] [--gold bench/facts/annotations.jsonl]
        [--errors N] [--json PATH]

Gold: ``bench/facts/annotations.jsonl`` (guideline: ``bench/facts/GUIDELINE.md``),
one record per sentence of an article in ``../shared/data/events/`` (only ids,
offsets and labels are stored here; the text is read from the shared data). The
whole article is run through ``storytrace.statements.extract_facts``; what it finds
inside the annotated sentences is compared with the gold.

Matching (printed with the numbers):

- a predicted and a gold figure (quote) are the same one when their spans
  overlap; pairs are made one to one, largest overlap first;
- **figure value**: an item per figure; a predicted figure is right when it is
  matched and its value equals the gold value (relative tolerance 1e-3), so a
  missed or invented figure counts against precision or recall;
- **qualifier**: an item per figure with a qualifier class (``min``, ``over``,
  ``max``, ``under``, ``approx``, ``nearly``, ``vague``); right when matched with
  the same class. The accuracy of the class over matched figures (none included)
  is printed too;
- **counted thing**: an item per figure with a counted thing; right when the gold
  head noun (``counted_head``, singular) is the head of the predicted measure or
  one of the predicted counted words (singularised);
- **attribution**: an item per figure credited to a source; right when the gold
  and predicted sources share their last content word or half their content words;
- **quote speaker**: an item per quote with a speaker; right when matched and the
  speakers agree: a person's surname, or for a description its head noun or half
  its content words.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from storytrace.model import Article, Figure, Quote

DEFAULT_DATA = REPO.parent / "shared" / "data" / "events"
DEFAULT_GOLD = REPO / "bench" / "facts" / "annotations.jsonl"
TARGETS = {
    "figure value": 0.9,
    "qualifier": 0.9,
    "counted thing": 0.8,
    "attribution": None,
    "quote speaker": 0.8,
}
_STOP = frozenset("the a an of for to in on at and or its his her their 's ’s".split())


def singular(word: str) -> str:
    w = word.lower().strip(".,;:'’\"“”")
    if w in ("people", "persons"):
        return "person"
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh"), ("xes", "x")):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            return w[: -len(suffix)] + repl
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


def content_words(text: str | None) -> list[str]:
    if not text:
        return []
    words = [singular(w) for w in text.replace("’s", " ").replace("'s", " ").split()]
    return [w for w in words if w and w not in _STOP]


def same_source(gold: str | None, pred: str | None) -> bool:
    g, p = content_words(gold), content_words(pred)
    if not g or not p:
        return False
    if g[-1] == p[-1]:
        return True
    shared = len(set(g) & set(p))
    return shared * 2 >= min(len(set(g)), len(set(p))) and shared > 0


def counted_matches(gold_head: str | None, figure: Figure) -> bool:
    if not gold_head or not (figure.counted or figure.measure):
        return False
    head = singular(gold_head)
    words = {singular(w) for w in (figure.counted or "").split()}
    measure_head = (figure.measure or "").split(" ")[0]
    return head == singular(measure_head) or head in words


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def match(gold: Sequence[dict[str, Any]], pred: Sequence[Any]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index) of overlapping spans, largest overlap first."""
    pairs = sorted(
        (
            (-_overlap(g["start"], g["end"], p.start, p.end), gi, pi)
            for gi, g in enumerate(gold)
            for pi, p in enumerate(pred)
            if _overlap(g["start"], g["end"], p.start, p.end) > 0
        )
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


@dataclass
class Count:
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_gold(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_articles(data: Path, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Article]:
    wanted = set(keys)
    out: dict[tuple[str, str], Article] = {}
    for dataset in sorted({d for d, _ in wanted}):
        with (data / f"{dataset}.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                key = (dataset, str(row["doc_id"]))
                if key in wanted:
                    out[key] = Article(
                        id=f"{dataset}:{row['doc_id']}", text=row["text"], title=row.get("title")
                    )
    missing = wanted - set(out)
    if missing:
        raise SystemExit(f"gold names {len(missing)} articles not in {data}, e.g. {min(missing)}")
    return out


def evaluate(
    records: Sequence[dict[str, Any]], facts: dict[tuple[str, str], Any], errors: list[str] | None = None
) -> dict[str, Count]:
    counts = {name: Count() for name in ("figures found", "figure value", "qualifier", "counted thing")}
    counts |= {name: Count() for name in ("attribution", "quotes found", "quote speaker")}
    qualifier_right = qualifier_seen = 0
    for rec in records:
        got = facts[(rec["dataset"], rec["doc_id"])]
        lo, hi = rec["start"], rec["end"]
        figures = [f for f in got.figures if lo <= f.start < hi]
        gold_f = rec["figures"]
        pairs = match(gold_f, figures)
        paired_p = {pi for _, pi in pairs}
        _add(counts["figures found"], len(figures), len(gold_f), len(pairs))
        _add(
            counts["figure value"],
            len(figures),
            len(gold_f),
            sum(
                abs(gold_f[g]["value"] - figures[p].value) <= 1e-3 * max(1.0, abs(gold_f[g]["value"]))
                for g, p in pairs
            ),
        )
        _add(
            counts["qualifier"],
            sum(f.qualifier_class is not None for f in figures),
            sum(g.get("qualifier_class") is not None for g in gold_f),
            sum(
                gold_f[g].get("qualifier_class") is not None
                and gold_f[g]["qualifier_class"] == figures[p].qualifier_class
                for g, p in pairs
            ),
        )
        qualifier_seen += len(pairs)
        qualifier_right += sum(
            gold_f[g].get("qualifier_class") == figures[p].qualifier_class for g, p in pairs
        )
        _add(
            counts["counted thing"],
            sum(bool(f.counted or f.measure) for f in figures),
            sum(bool(g.get("counted_head")) for g in gold_f),
            sum(counted_matches(gold_f[g].get("counted_head"), figures[p]) for g, p in pairs),
        )
        _add(
            counts["attribution"],
            sum(f.attribution is not None for f in figures),
            sum(g.get("attribution") is not None for g in gold_f),
            sum(same_source(gold_f[g].get("attribution"), figures[p].attribution) for g, p in pairs),
        )
        quotes = [q for q in got.quotes if _overlap(lo, hi, q.start, q.end) > 0]
        gold_q = rec["quotes"]
        qpairs = match(gold_q, quotes)
        _add(counts["quotes found"], len(quotes), len(gold_q), len(qpairs))
        _add(
            counts["quote speaker"],
            sum(q.speaker is not None for q in quotes),
            sum(g.get("speaker_kind") != "unknown" and g.get("speaker") is not None for g in gold_q),
            sum(same_speaker(gold_q[g], quotes[p]) for g, p in qpairs),
        )
        if errors is not None:
            _log_errors(errors, rec, got, gold_f, figures, pairs, paired_p, gold_q, quotes, qpairs)
    counts["qualifier class, matched"] = Count(qualifier_right, qualifier_seen, qualifier_seen)
    return counts


def same_speaker(gold: dict[str, Any], quote: Quote) -> bool:
    if not gold.get("speaker") or gold.get("speaker_kind") == "unknown" or not quote.speaker:
        return False
    g, p = content_words(gold["speaker"]), content_words(quote.speaker)
    if not g or not p:
        return False
    if gold.get("speaker_kind") == "name":
        return g[-1] == p[-1] or g[-1] in p
    return same_source(gold["speaker"], quote.speaker)


def _add(count: Count, n_pred: int, n_gold: int, tp: int) -> None:
    count.n_pred += n_pred
    count.n_gold += n_gold
    count.tp += int(tp)


def _log_errors(errors, rec, got, gold_f, figures, pairs, paired_p, gold_q, quotes, qpairs) -> None:
    where = f"{rec['dataset']}:{rec['doc_id']}@{rec['start']}"
    paired_g = {g for g, _ in pairs}
    for gi, g in enumerate(gold_f):
        if gi not in paired_g:
            errors.append(f"{where} missed figure {g['start']}-{g['end']} value={g['value']}")
    for pi, f in enumerate(figures):
        if pi not in paired_p:
            errors.append(f"{where} extra figure {f.text!r} value={f.value}")
    for gi, pi in pairs:
        g, f = gold_f[gi], figures[pi]
        if abs(g["value"] - f.value) > 1e-3 * max(1.0, abs(g["value"])):
            errors.append(f"{where} value {f.text!r}: {f.value} != {g['value']}")
        if g.get("qualifier_class") != f.qualifier_class:
            errors.append(f"{where} qualifier {f.text!r}: {f.qualifier_class} != {g.get('qualifier_class')}")
        if g.get("counted_head") and not counted_matches(g["counted_head"], f):
            errors.append(f"{where} counted {f.text!r}: {f.counted!r}/{f.measure!r} != {g['counted_head']!r}")
        if (g.get("attribution") is not None or f.attribution is not None) and not same_source(
            g.get("attribution"), f.attribution
        ):
            errors.append(f"{where} attribution {f.text!r}: {f.attribution!r} != {g.get('attribution')!r}")
    for gi, pi in qpairs:
        g, q = gold_q[gi], quotes[pi]
        if g.get("speaker_kind") != "unknown" and not same_speaker(g, q):
            errors.append(f"{where} speaker {q.text[:30]!r}: {q.speaker!r} != {g.get('speaker')!r}")
    paired = {g for g, _ in qpairs}
    errors += [
        f"{where} missed quote {g['start']}-{g['end']}" for gi, g in enumerate(gold_q) if gi not in paired
    ]


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--errors", type=int, default=0, help="print this many disagreements")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(
            f"no evaluation data at {args.data}: it sits in ../shared/data beside a checkout", file=sys.stderr
        )
        return 2
    from storytrace.statements import extract_facts

    records = load_gold(args.gold)
    articles = load_articles(args.data, ((r["dataset"], r["doc_id"]) for r in records))
    keys = sorted(articles)
    t0 = time.perf_counter()
    found = extract_facts([articles[k] for k in keys])
    seconds = time.perf_counter() - t0
    facts = dict(zip(keys, found, strict=True))
    errors: list[str] | None = [] if args.errors else None
    counts = evaluate(records, facts, errors)
    by_dataset: dict[str, int] = defaultdict(int)
    for r in records:
        by_dataset[r["dataset"]] += 1
    print(
        f"{len(records)} sentences ({', '.join(f'{d} {n}' for d, n in sorted(by_dataset.items()))}) "
        f"in {len(keys)} articles; extraction {len(keys) / seconds:.1f} articles/s"
    )
    print(f"{'':28} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'pred':>5}  target")
    for name, c in counts.items():
        target = TARGETS.get(name)
        mark = "" if target is None else f">= {target} " + ("(met)" if c.f1 >= target else "(NOT met)")
        print(f"{name:28} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} {c.n_gold:5d} {c.n_pred:5d}  {mark}")
    if errors:
        print(f"\nfirst {args.errors} of {len(errors)} disagreements:")
        for line in errors[: args.errors]:
            print("  " + line)
    if args.json:
        args.json.write_text(
            json.dumps(
                {k: {"p": c.precision, "r": c.recall, "f1": c.f1} for k, c in counts.items()}, indent=1
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
