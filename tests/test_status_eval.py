"""bench/status_eval.py and bench/statuses/: the scoring rules on made-up groups, and the labels.

The labels test reads ``../shared/data/events`` (the texts the labels point into) and
skips without it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bench_loader import load_bench

from storytrace.model import FactGroup, FactValue

se = load_bench("status_eval")
REPO = Path(__file__).resolve().parents[1]


def _v(aid: str, value: float, outlet: str) -> FactValue:
    return FactValue(aid, outlet, None, str(value), value=value, start=0, end=2)


def test_a_status_speaks_about_its_named_pair() -> None:
    values = [_v("a", 25, "Wire"), _v("b", 25, "Post"), _v("c", 31, "Times")]
    g = FactGroup("s", "figure", "person killed", "killed", "conflict", "", 3, values, 0.9, (0, 2))
    assert [(a.article_id, b.article_id) for a, b in se.claimed(g)] == [("a", "c")]
    # Without a named pair (the statuses before issue 18) every pair of different values
    # from independent sources is claimed.
    g.pair = None
    assert [(a.article_id, b.article_id) for a, b in se.claimed(g)] == [("a", "c"), ("b", "c")]
    g.status = "single-source"
    assert list(se.claimed(g)) == []


def test_right_is_the_status_relation() -> None:
    assert se.is_right("conflict", {"kind": "figure", "label": "conflict"})
    assert not se.is_right("conflict", {"kind": "figure", "label": "different"})
    assert se.is_right("changed-in-copy", {"kind": "figure", "label": "drift"})
    assert se.is_right("corroborated", {"kind": "quote", "label": "same"})
    assert not se.is_right("altered-quote", {"kind": "quote", "label": "same"})


@pytest.mark.evaluation
def test_labels_are_well_formed_and_point_into_the_shared_texts(shared_data: Path) -> None:
    check = load_bench("statuses/check")
    assert check.main(["--data", str(shared_data / "events")]) == 0
    rows = [json.loads(line) for line in (REPO / "bench" / "statuses" / "labels.jsonl").read_text().splitlines()]
    assert len(rows) >= 300 and {r["half"] for r in rows} == {0, 1}
    # The model file says what it was fitted on and how it did there.
    model = json.loads((REPO / "storytrace" / "statements" / "models" / "statuses.json").read_text())
    assert model["fitted_by"] == "bench/train_statuses.py" and "tune half" in model["data"]
    assert model["statuses"]["corroborated"]["precision_at_cut"] >= 0.95
