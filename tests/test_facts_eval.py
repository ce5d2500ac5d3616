"""bench/facts_eval.py: the matching rules on made-up cases, and the real evaluation.

The ``evaluation`` tests read ``../shared/data/events`` and skip without it. The
floors below are regression guards set under the measured numbers in
bench/README.md, not the issue's targets (those are printed by the script).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bench_loader import load_bench

from storytrace.model import Figure, Quote

REPO = Path(__file__).resolve().parents[1]


fe = load_bench("facts_eval")


def _figure(
    start: int,
    end: int,
    value: float,
    *,
    counted: str | None = None,
    measure: str | None = None,
    attribution: str | None = None,
    qclass: str | None = None,
) -> Figure:
    return Figure(
        "d", start, end, "x", value, None, None, qclass, counted, measure, None, attribution, 0, 100
    )


def test_matching_is_one_to_one_by_overlap() -> None:
    gold = [{"start": 0, "end": 5}, {"start": 10, "end": 12}]
    pred = [_figure(1, 4, 1), _figure(2, 6, 1), _figure(20, 22, 1)]
    assert sorted(fe.match(gold, pred)) == [(0, 0)]


def test_counted_thing_and_source_rules() -> None:
    f = _figure(0, 1, 25, counted="Palestinians killed", measure="palestinian killed")
    assert fe.counted_matches("palestinian", f)
    assert fe.counted_matches("Palestinians", f)
    assert not fe.counted_matches("soldier", f)
    assert fe.same_source("Gaza's health ministry", "the health ministry")
    assert not fe.same_source("police", "the army")
    assert not fe.same_source(None, "police")


def test_speaker_rules() -> None:
    q = Quote("d", 0, 5, "words", "Steele", "name", "said")
    assert fe.same_speaker({"speaker": "Michael Steele", "speaker_kind": "name"}, q)
    assert not fe.same_speaker({"speaker": "Michael Steele", "speaker_kind": "unknown"}, q)
    d = Quote("d", 0, 5, "words", "a senior Hamas official", "description", "said")
    assert fe.same_speaker({"speaker": "a Hamas official", "speaker_kind": "description"}, d)


def test_counts_score_missing_and_invented_items() -> None:
    c = fe.Count(tp=8, n_pred=10, n_gold=16)
    assert (c.precision, c.recall) == (0.8, 0.5)
    assert c.f1 == pytest.approx(2 * 0.8 * 0.5 / 1.3)
    assert fe.Count().f1 == 0.0


@pytest.mark.evaluation
def test_gold_set_is_well_formed(shared_data: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "facts" / "check.py"), "--data", str(shared_data / "events")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.evaluation
@pytest.mark.slow
def test_extraction_on_the_gold_set(shared_data: Path) -> None:
    from storytrace.statements import extract_facts

    records = fe.load_gold(fe.DEFAULT_GOLD)
    assert len(records) >= 150
    articles = fe.load_articles(shared_data / "events", ((r["dataset"], r["doc_id"]) for r in records))
    keys = sorted(articles)
    facts = dict(zip(keys, extract_facts([articles[k] for k in keys]), strict=True))
    counts = fe.evaluate(records, facts)
    assert counts["figure value"].f1 >= 0.9
    assert counts["qualifier"].f1 >= 0.88
    assert counts["counted thing"].f1 >= 0.75
    assert counts["quote speaker"].f1 >= 0.75
