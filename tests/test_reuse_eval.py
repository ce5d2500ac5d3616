"""bench/reuse_eval.py: the evaluation set, the hand labels and the scoring.

The harness is tested end to end with a stand-in detector defined here (word 5-gram
containment), so it is known to work before ``storytrace.reuse.link_articles`` is
used; the real detector is then run on a small set against measured minimums.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import reuse_eval as R

from storytrace.model import Article, Direction, ReuseLink


def _link(source: str, target: str, kind: str = "copy", score: float = 0.9) -> ReuseLink:
    return ReuseLink(source, target, kind, score, Direction("containment", 0.5))  # type: ignore[arg-type]


def standin_link_articles(articles: Sequence[Article]) -> list[ReuseLink]:
    """A crude detector: containment >= 0.5 both ways is a copy, any >= 0.05 a partial.

    The side with the larger share of its 5-grams in the other is taken as derived.
    """
    sets = {a.id: R.shingles(a.text) for a in articles}
    out = []
    for pair in R.related_pairs({a.id: a.text for a in articles}, 0.05):
        a, b = sorted(pair)
        shared = len(sets[a] & sets[b])
        in_a, in_b = shared / len(sets[a]), shared / len(sets[b])
        kind = "copy" if min(in_a, in_b) >= 0.5 else "partial"
        src, tgt = (b, a) if in_a > in_b else (a, b)
        out.append(_link(src, tgt, kind, max(in_a, in_b)))
    return out


def _tiny_set() -> R.EvalSet:
    arts = [Article(id=i, text=f"text {i}") for i in ("o", "c", "a", "p", "x", "y", "n1", "n2")]
    gold = {
        frozenset(("o", "c")): R.Gold("copy", "o", "synthetic"),
        frozenset(("a", "p")): R.Gold("partial", "a", "synthetic"),
    }
    natural = {frozenset(("n1", "n2")): R.Gold("copy", None, "natural")}
    cluster = {"o": "1", "c": "1", "a": "2", "p": "3", "x": "4", "y": "5", "n1": "6", "n2": "6"}
    return R.EvalSet(arts, cluster, gold, natural, set(), {frozenset(("x", "o"))})


# -- scoring (no data needed) ----------------------------------------------------


def test_a_gold_pair_matches_in_either_orientation_and_direction_is_scored() -> None:
    ev = _tiny_set()
    r = R.score(ev, [_link("c", "o", "copy"), _link("a", "p", "partial")])
    assert r.kinds["copy"].correct == 1 and r.kinds["copy"].precision == 1.0
    assert r.kinds["partial"].recall == 1.0
    right = sum(v[0] for v in r.direction.values())
    total = sum(v[1] for v in r.direction.values())
    assert (right, total) == (1, 2)  # c -> o is the wrong way round


def test_a_wrong_kind_is_a_miss_and_a_false_positive_in_the_confusion_matrix() -> None:
    r = R.score(_tiny_set(), [_link("o", "c", "partial")])
    assert r.kinds["copy"].recall == 0.0
    assert r.kinds["partial"].predicted == 1 and r.kinds["partial"].correct == 0
    assert r.confusion[("copy", "partial")] == 1
    assert r.confusion[("partial", "none")] == 1


def test_natural_and_ignored_pairs_are_not_false_positives() -> None:
    r = R.score(_tiny_set(), [_link("n1", "n2", "copy"), _link("x", "o", "partial"), _link("x", "y", "copy")])
    assert r.natural_kinds["copy"].correct == 1
    assert r.unlabelled_linked["partial"] == 1
    assert [(link.source_id, link.target_id) for link in r.false_positives] == [("x", "y")]
    assert len(r.spurious) == 1  # x and y report different events


def test_duplicate_links_for_one_pair_count_once() -> None:
    r = R.score(_tiny_set(), [_link("o", "c", "copy", 0.5), _link("c", "o", "copy", 0.9)])
    assert r.duplicate_links == 1
    assert r.kinds["copy"].predicted == 1


def test_labels_reject_an_original_outside_the_pair(tmp_path: Path) -> None:
    bad = tmp_path / "labels.tsv"
    bad.write_text("doc_id_a\tdoc_id_b\tkind\toriginal\treason\na\tb\tcopy\tc\twhy\n", encoding="utf-8")
    with pytest.raises(ValueError, match="original"):
        R.load_labels(bad)


# -- labels and the built set (real data) ----------------------------------------


@pytest.mark.evaluation
def test_hand_labels_parse_and_name_existing_docs(shared_data: Path) -> None:
    labels = R.load_labels()
    rows = R.load_events(shared_data / "events")
    ids = {r["doc_id"] for r in rows}
    assert len(labels) >= 27
    assert all(lb.doc_id_a in ids and lb.doc_id_b in ids for lb in labels)
    pairs = [frozenset((lb.doc_id_a, lb.doc_id_b)) for lb in labels]
    assert len(set(pairs)) == len(pairs)
    related = R.related_pairs({r["doc_id"]: r["text"] for r in rows}, R.LABEL_MIN)
    high = {p for p, c in related.items() if c >= 0.8}
    assert len(high) == 27 and high <= set(pairs)  # every >= 0.8 pair is labelled


@pytest.mark.evaluation
def test_the_set_is_deterministic_for_a_seed(shared_data: Path) -> None:
    a = R.build_eval_set(shared_data / "events", seed=3, limit=12)
    b = R.build_eval_set(shared_data / "events", seed=3, limit=12)
    assert [(x.id, x.text, x.published) for x in a.articles] == [
        (x.id, x.text, x.published) for x in b.articles
    ]
    assert a.gold == b.gold
    c = R.build_eval_set(shared_data / "events", seed=4, limit=12)
    assert [x.id for x in c.articles] != [x.id for x in a.articles]


@pytest.mark.evaluation
def test_the_set_has_each_kind_and_partials_join_unrelated_articles(shared_data: Path) -> None:
    ev = R.build_eval_set(shared_data / "events", seed=1, limit=20)
    kinds = {g.kind for g in ev.gold.values()}
    assert kinds == {"copy", "partial", "rewrite"}
    ids = {a.id for a in ev.articles}
    assert len(ids) == len(ev.articles)
    for pair, g in ev.gold.items():
        assert pair <= ids and g.source in pair
        if g.kind == "partial":
            a, b = sorted(pair)
            assert ev.cluster[a] != ev.cluster[b]
            host = next(i for i in pair if i.startswith("partial:")).split(":", 1)[1].split("<")[0]
            assert host not in ids  # B' replaces B
    assert ev.hard_negatives and ev.natural


@pytest.mark.evaluation
def test_harness_runs_end_to_end_with_a_stand_in_detector(shared_data: Path) -> None:
    ev = R.build_eval_set(shared_data / "events", seed=2, limit=30)
    report = R.run(ev, standin_link_articles)
    # Syndicated copies keep most 5-grams: the crude detector finds nearly all of them.
    assert report.kinds["copy"].recall >= 0.9
    assert report.kinds["partial"].recall >= 0.7
    assert report.kinds["rewrite"].recall <= 0.2  # no paraphrase detection in the stand-in
    assert report.articles == len(ev.articles) and report.seconds > 0
    out = io.StringIO()
    R.print_report(ev, report, show=3, out=out)
    assert "confusion" in out.getvalue() and "articles/s" in out.getvalue()


# -- the real detector -----------------------------------------------------------

#: (precision, recall) measured with ``bench/reuse_eval.py --limit 20 --seed 13`` minus a
#: margin of about one pair: copy 1.000/1.000, partial 1.000/1.000, rewrite 1.000/0.300.
#: These guard against regressions; the issue's targets (0.98, 0.9 for rewrites) are
#: printed by the bench script, and rewrite recall is still far below its target.
MINIMUMS = {"copy": (0.95, 0.95), "partial": (0.92, 0.92), "rewrite": (0.6, 0.2)}


@pytest.mark.evaluation
@pytest.mark.slow
def test_link_articles_meets_its_measured_precision_and_recall(shared_data: Path) -> None:
    if R.find_link_articles() is None:
        pytest.skip("storytrace.reuse.link_articles does not exist yet")
    # 150 articles; about two minutes with MiniLM on 2 cores.
    ev = R.build_eval_set(shared_data / "events", seed=13, limit=20)
    report = R.run(ev)
    for kind, (p_min, r_min) in MINIMUMS.items():
        s = report.kinds[kind]
        assert s.precision >= p_min, (kind, s)
        assert s.recall >= r_min, (kind, s)
    assert len(report.spurious) <= 1
    # Every correctly found copy and partial link points the right way on this set.
    for bucket, (right, total) in report.direction.items():
        if not bucket.startswith("rewrite"):
            assert right >= total - 1, bucket
