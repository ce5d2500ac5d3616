"""Pairs of statements to label for the status evaluation (issue 18).

```
.venv/bin/python bench/statuses/pool.py STORE.db [--out pool.jsonl] [--seed 18]
```

A status is a claim about two statements: two figures agree (corroborated),
cannot both hold (conflict), one superseded the other (update), a copy changed
one (changed-in-copy); two quotations are one statement with changed words
(altered-quote) or the same words (corroborated). So the unit labelled is a pair
of statements from two articles of one story, and any system's status can be
scored against the pairs it names.

The pool mixes, per kind, every pair the system at hand claims (so its
precision is measured) with pairs it does not claim (so its recall is):

- figures: pairs from different articles of one story whose counted thing shares
  its head word, or whose sentences share half their words (a copy's sentence);
- quotations: pairs from different articles of one story whose words overlap by
  a third or more.

Each record carries what a labeller needs (both sentences and their paragraphs,
outlets, dates, the story's headline) and is written OUTSIDE the repository: the
texts belong to ``../shared/data``. ``labels.jsonl`` beside this file keeps only
ids, offsets, labels and reasons (see ``GUIDELINE.md``).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import random
import re
import sys
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from storytrace import api  # noqa: E402
from storytrace.statements.compare import quote_sentence  # noqa: E402
from storytrace.statements.stored import all_story_facts  # noqa: E402

_WORD = re.compile(r"[\w'’-]+")
SEED = 18
#: Unclaimed pairs sampled per kind beside the claimed ones (a labelling budget).
UNCLAIMED = {"figure": 160, "quote": 80}
#: Claimed pairs kept at most per status (altered-quote claims are many and alike).
CLAIMED_CAP = {"qualifier-drift": 50}
CLAIMED_DEFAULT_CAP = 130
#: Claimed pairs kept at most per story and status.
PER_STORY = 3


def words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


def overlap(a: str, b: str) -> float:
    sa, sb = words(a), words(b)
    return len(sa & sb) / min(len(sa), len(sb)) if sa and sb else 0.0


def half_of_event(extra: dict[str, Any]) -> int:
    """The tune (0) / check (1) half: crc32 of the event, the ECB+ topic for ECB+
    (as ``bench/story_fit.py`` splits stories, so no event is in both halves)."""
    cluster = str(extra.get("cluster_id", ""))
    group = cluster.split("_")[0] if extra.get("dataset") == "ecbplus" else cluster
    return zlib.crc32(group.encode("utf-8")) % 2


def pair_id(kind: str, a: dict[str, Any], b: dict[str, Any]) -> str:
    ends = sorted([(a["doc_id"], a["start"], a["end"]), (b["doc_id"], b["start"], b["end"])])
    return hashlib.sha1(json.dumps([kind, ends]).encode("utf-8")).hexdigest()[:16]


def paragraph(text: str, start: int, end: int, reach: int = 350) -> str:
    lo = text.rfind("\n", 0, max(0, start - reach))
    hi = text.find("\n", min(len(text), end + reach))
    return text[lo + 1 if lo >= 0 else 0 : hi if hi >= 0 else len(text)].strip()


def statements(store: Any) -> tuple[dict[str, dict[str, Any]], dict[str, list[dict[str, Any]]], dict[str, list[dict[str, Any]]]]:
    """Articles by id, and their figures and quotations as labeller records, by story."""
    import sqlite3

    conn = sqlite3.connect(store)
    arts: dict[str, dict[str, Any]] = {}
    for key, aid, title, text, published, outlet, extra in conn.execute(
        "select key, id, title, text, published, outlet, extra from articles"
    ):
        arts[aid] = {"key": key, "id": aid, "title": title, "text": text, "published": published,
                     "outlet": outlet, "extra": json.loads(extra or "{}")}
    by_key = {a["key"]: a for a in arts.values()}
    story_of = dict(conn.execute(
        "select a.id, s.story_id from article_stories s join articles a on a.key = s.article_key"
    ))
    figs: dict[str, list[dict[str, Any]]] = {}
    for row in conn.execute(
        "select article_key, start, end, text, value, unit, qualifier, qualifier_class, counted, measure,"
        " time_ref, attribution, sentence_start, sentence_end from figures"
    ):
        a = by_key[row[0]]
        rec = {"doc_id": a["extra"].get("doc_id", a["id"]), "article_id": a["id"], "start": row[1], "end": row[2],
               "text": row[3], "value": row[4], "unit": row[5], "qualifier": row[6], "qualifier_class": row[7],
               "counted": row[8], "measure": row[9], "time_ref": row[10], "attribution": row[11],
               "sentence": a["text"][row[12]:row[13]].strip()}
        figs.setdefault(story_of.get(a["id"], ""), []).append(rec)
    quotes: dict[str, list[dict[str, Any]]] = {}
    for row in conn.execute("select article_key, start, end, text, speaker, speaker_kind, verb from quotes"):
        a = by_key[row[0]]
        rec = {"doc_id": a["extra"].get("doc_id", a["id"]), "article_id": a["id"], "start": row[1], "end": row[2],
               "text": row[3], "speaker": row[4], "speaker_kind": row[5], "verb": row[6],
               "sentence": quote_sentence(a["text"], row[1], row[2])}
        quotes.setdefault(story_of.get(a["id"], ""), []).append(rec)
    return arts, figs, quotes


def claimed_pairs(store: Any) -> dict[tuple[str, str, int, str, int], str]:
    """(kind, article a, start a, article b, start b) -> the status the system gives that pair.

    A group's status is a claim about some of its pairs (``status_eval.claimed``)."""
    sys.path.insert(0, str(REPO / "bench"))
    from status_eval import claimed  # noqa: PLC0415

    out: dict[tuple[str, str, int, str, int], str] = {}
    for g in all_story_facts(store):
        for a, b in claimed(g):
            (x, y) = sorted([(a.article_id, a.start), (b.article_id, b.start)])
            out[(g.kind, x[0], x[1], y[0], y[1])] = g.status
    return out


def build(db: str, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    arts, figs, quotes = statements(db)
    with api.open_store(db) as store:
        claims = claimed_pairs(store)
    linked: set[tuple[str, str]] = set()
    import sqlite3

    conn = sqlite3.connect(db)
    for src, dst in conn.execute("select source_id, target_id from reuse_links"):
        linked.add(tuple(sorted((src, dst))))
    conn.close()
    records: dict[str, dict[str, Any]] = {}
    unclaimed: dict[str, list[dict[str, Any]]] = {"figure": [], "quote": []}
    claimed: dict[str, list[dict[str, Any]]] = {}

    def add(kind: str, story: str, a: dict[str, Any], b: dict[str, Any]) -> None:
        (a, b) = sorted([a, b], key=lambda r: (r["article_id"], r["start"]))
        if a["article_id"] == b["article_id"]:
            return
        pid = pair_id(kind, a, b)
        if pid in records:
            return
        aa, ab = arts[a["article_id"]], arts[b["article_id"]]
        status = claims.get((kind, a["article_id"], a["start"], b["article_id"], b["start"]))
        rec = {
            "pair_id": pid, "kind": kind, "story": story, "half": half_of_event(aa["extra"]),
            "system_status": status, "reuse_linked": tuple(sorted((a["article_id"], b["article_id"]))) in linked,
            "same_outlet": bool(aa["outlet"] and aa["outlet"] == ab["outlet"]),
        }
        for side, r, art in (("a", a, aa), ("b", b, ab)):
            rec[side] = {**r, "outlet": art["outlet"], "published": art["published"], "title": art["title"],
                         "context": paragraph(art["text"], r["start"], r["end"])}
        records[pid] = rec
        (claimed.setdefault(f"{kind}:{status}", []) if status else unclaimed[kind]).append(rec)

    for story, items in figs.items():
        for i, a in enumerate(items):
            for b in items[i + 1 :]:
                if a["article_id"] == b["article_id"]:
                    continue
                key = sorted([(a["article_id"], a["start"]), (b["article_id"], b["start"])])
                status = claims.get(("figure", key[0][0], key[0][1], key[1][0], key[1][1]))
                head_a = (a["measure"] or "").split(" ")[0]
                head_b = (b["measure"] or "").split(" ")[0]
                if status or (head_a and head_a == head_b) or overlap(a["sentence"], b["sentence"]) >= 0.5:
                    add("figure", story, a, b)
    for story, items in quotes.items():
        for i, a in enumerate(items):
            for b in items[i + 1 :]:
                if a["article_id"] == b["article_id"]:
                    continue
                key = sorted([(a["article_id"], a["start"]), (b["article_id"], b["start"])])
                status = claims.get(("quote", key[0][0], key[0][1], key[1][0], key[1][1]))
                if status or (len(words(a["text"])) >= 4 and overlap(a["text"], b["text"]) >= 1 / 3):
                    add("quote", story, a, b)
    out: list[dict[str, Any]] = []
    for name, recs in sorted(claimed.items()):
        recs.sort(key=lambda r: r["pair_id"])
        rng.shuffle(recs)
        # At most PER_STORY pairs of a story, so a few long stories do not fill a status;
        # the cap is split between the halves so the check half is as well covered.
        cap = CLAIMED_CAP.get(name.split(":")[1], CLAIMED_DEFAULT_CAP) // 2
        for h in (0, 1):
            per_story: dict[str, int] = {}
            kept = 0
            for r in recs:
                if r["half"] != h or per_story.get(r["story"], 0) >= PER_STORY or kept >= cap:
                    continue
                per_story[r["story"]] = per_story.get(r["story"], 0) + 1
                kept += 1
                out.append(r)
    for kind, recs in unclaimed.items():
        recs.sort(key=lambda r: r["pair_id"])
        rng.shuffle(recs)
        out += recs[: UNCLAIMED[kind]]
    return out


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("db")
    ap.add_argument("--out", type=Path, default=Path("/tmp/statuses/pool.jsonl"))
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--structural", action="store_true", help="second round: pairs the rules alone would claim")
    args = ap.parse_args(list(argv) if argv is not None else None)
    if args.structural:
        done = set()
        labels = HERE / "labels.jsonl"
        if labels.is_file():
            done = {json.loads(line)["pair_id"] for line in labels.read_text(encoding="utf-8").splitlines()}
        recs = structural(args.db, args.seed, done)
    else:
        recs = build(args.db, args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for r in recs:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    from collections import Counter

    print(Counter((r["kind"], r.get("round_status") or r["system_status"], r["half"]) for r in recs))
    print(f"{len(recs)} pairs -> {args.out}")
    return 0



#: Second round (``--structural``): pairs the status rules alone would claim (the model
#: aside), per status, at most this many, four per story: the rare statuses (a conflict,
#: an update, a change in copy) need labelled examples of their own to fit a threshold on.
STRUCTURAL = {"conflict": 160, "update": 60, "changed-in-copy": 80, "qualifier-drift": 30, "altered-quote": 70}


def structural(db: str, seed: int, labelled: set[str]) -> list[dict[str, Any]]:
    import sqlite3

    from storytrace.grouping.features import parse_time
    from storytrace.model import FactValue
    from storytrace.statements.compare import (
        _overlap,
        _speaker_key,
        _tally_half,
        _words,
        comparable,
        pair_claim,
        same_words,
    )
    from storytrace.statements.params import FactParams

    rng = random.Random(seed)
    arts, figs, quotes = statements(db)
    conn = sqlite3.connect(db)
    links = {tuple(r) for r in conn.execute("select source_id, target_id from reuse_links")}
    conn.close()
    params = FactParams(same_fact=None)
    found: dict[str, list[tuple[str, dict[str, Any], dict[str, Any], str]]] = {}
    from storytrace.model import Figure, Quote

    for story, items in figs.items():
        by_measure: dict[str, list[dict[str, Any]]] = {}
        for f in items:
            fig = Figure(f["article_id"], f["start"], f["end"], f["text"], f["value"], f["unit"], f["qualifier"],
                         f["qualifier_class"], f["counted"], f["measure"], f["time_ref"], f["attribution"], 0, 0)
            if comparable(fig) and not _tally_half(fig, arts[f["article_id"]]["text"]):
                by_measure.setdefault(f["measure"], []).append(f)
        for group in by_measure.values():
            stated: dict[str, set[float]] = {}
            for f in group:
                stated.setdefault(f["article_id"], set()).add(f["value"])
            for a, b in itertools.combinations(group, 2):
                if a["article_id"] == b["article_id"]:
                    continue
                aa, ab = arts[a["article_id"]], arts[b["article_id"]]
                copied = (a["article_id"], b["article_id"]) in links or (b["article_id"], a["article_id"]) in links
                same_outlet = bool(aa["outlet"] and ab["outlet"] and aa["outlet"].casefold() == ab["outlet"].casefold())
                va, vb = (FactValue(r["article_id"], None, None, r["text"], r["value"], r["qualifier"],
                                    r["qualifier_class"], r["unit"], r["time_ref"]) for r in (a, b))
                claim = pair_claim(va, vb, copied=copied, independent=not copied and not same_outlet,
                                   time_a=parse_time(aa["published"]), time_b=parse_time(ab["published"]),
                                   stated_a=stated[a["article_id"]], stated_b=stated[b["article_id"]], params=params)
                if claim and claim != "corroborated":
                    found.setdefault(claim, []).append(("figure", a, b, story))
    for story, items in quotes.items():
        for a, b in itertools.combinations(items, 2):
            if a["article_id"] == b["article_id"]:
                continue
            qa = Quote(a["article_id"], a["start"], a["end"], a["text"], a["speaker"], a["speaker_kind"], a["verb"])
            qb = Quote(b["article_id"], b["start"], b["end"], b["text"], b["speaker"], b["speaker_kind"], b["verb"])
            ka, kb = _speaker_key(qa), _speaker_key(qb)
            wa, wb = _words(a["text"]), _words(b["text"])
            if ka and ka == kb and len(wa) >= 4 and len(wb) >= 4 and _overlap(wa, wb) >= 0.5 and not same_words(a["text"], b["text"]):
                found.setdefault("altered-quote", []).append(("quote", a, b, story))
    out: list[dict[str, Any]] = []
    for status, cands in sorted(found.items()):
        cands.sort(key=lambda c: pair_id(c[0], c[1], c[2]))
        rng.shuffle(cands)
        per_story: dict[str, int] = {}
        for kind, a, b, story in cands:
            pid = pair_id(kind, *sorted([a, b], key=lambda r: (r["article_id"], r["start"])))
            if pid in labelled or per_story.get(story, 0) >= 4 or sum(1 for r in out if r["round_status"] == status) >= STRUCTURAL[status]:
                continue
            per_story[story] = per_story.get(story, 0) + 1
            a, b = sorted([a, b], key=lambda r: (r["article_id"], r["start"]))
            aa, ab = arts[a["article_id"]], arts[b["article_id"]]
            rec = {"pair_id": pid, "kind": kind, "story": story, "half": half_of_event(aa["extra"]),
                   "system_status": None, "round_status": status,
                   "reuse_linked": (a["article_id"], b["article_id"]) in links or (b["article_id"], a["article_id"]) in links,
                   "same_outlet": bool(aa["outlet"] and aa["outlet"] == ab["outlet"])}
            for side, r, art in (("a", a, aa), ("b", b, ab)):
                rec[side] = {**r, "outlet": art["outlet"], "published": art["published"], "title": art["title"],
                             "context": paragraph(art["text"], r["start"], r["end"])}
            out.append(rec)
    return out


if __name__ == "__main__":
    raise SystemExit(main())
