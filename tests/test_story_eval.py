"""bench/story_eval.py: loading and feed order, the clustering metrics, the baseline and the harness.

Everything runs on small hand-made data; the tests marked ``evaluation`` read
``../shared/data/events`` and skip without it. MiniLM is replaced by the hashing
encoder here (the real baseline numbers live in bench/README.md).
"""

from __future__ import annotations

import dataclasses
import json
import random
import sys
import types
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from bench_loader import load_bench
from hypothesis import given
from hypothesis import strategies as st
from sklearn.metrics import adjusted_rand_score

from storytrace.embed import HashingEncoder
from storytrace.model import Article

REPO = Path(__file__).resolve().parents[1]


se = load_bench("story_eval")

labelings = st.lists(st.integers(0, 5), min_size=1, max_size=30)


def _pair(min_size: int = 1) -> st.SearchStrategy[tuple[list[int], list[int]]]:
    return st.integers(min_size, 30).flatmap(
        lambda n: st.tuples(
            st.lists(st.integers(0, 5), min_size=n, max_size=n),
            st.lists(st.integers(0, 5), min_size=n, max_size=n),
        )
    )


# -- metrics: hand-computed cases ------------------------------------------------


def test_bcubed_pairs_and_ari_on_a_hand_computed_case() -> None:
    gold = ["a", "a", "b", "b", "b"]
    pred = [1, 1, 1, 2, 2]
    # per item P: 2/3, 2/3, 1/3, 1, 1; R: 1, 1, 1/3, 2/3, 2/3 -> both average 11/15
    p, r, f = se.bcubed(gold, pred)
    assert (p, r, f) == pytest.approx((11 / 15, 11 / 15, 11 / 15))
    # gold pairs 1 + 3, predicted pairs 3 + 1, together in both: (0,1) and (3,4)
    assert se.pair_counts(gold, pred) == (2, 4, 4)
    assert se.pair_scores(gold, pred) == pytest.approx((0.5, 0.5, 0.5))
    # (2 - 4*4/10) / ((4+4)/2 - 4*4/10) = 0.4 / 2.4
    assert se.adjusted_rand(gold, pred) == pytest.approx(1 / 6)


def test_bcubed_splitting_one_story_costs_recall_only() -> None:
    gold = ["s"] * 4
    pred = ["x", "x", "y", "z"]
    p, r, f = se.bcubed(gold, pred)
    assert p == 1.0
    assert r == pytest.approx((0.5 + 0.5 + 0.25 + 0.25) / 4)
    assert f == pytest.approx(2 * 0.375 / 1.375)
    assert se.pair_scores(gold, pred) == pytest.approx((1.0, 1 / 6, 2 / 7))


def test_perfect_clustering_scores_one_whatever_the_label_names() -> None:
    gold = ["a", "a", "b", "c", "c", "c"]
    pred = [7, 7, 3, 9, 9, 9]
    s = se.score(gold, pred)
    assert (s.bcubed_precision, s.bcubed_recall, s.bcubed_f1) == (1.0, 1.0, 1.0)
    assert (s.pair_precision, s.pair_recall, s.pair_f1, s.ari) == (1.0, 1.0, 1.0, 1.0)
    assert (s.predicted_clusters, s.true_clusters) == (3, 3)


def test_all_singletons_have_bcubed_precision_one_and_recall_one_per_gold_size() -> None:
    gold = ["a", "a", "a", "b"]
    pred = ["1", "2", "3", "4"]
    p, r, _ = se.bcubed(gold, pred)
    assert p == 1.0
    assert r == pytest.approx((1 / 3 * 3 + 1) / 4)
    # no predicted pairs: nothing wrongly joined, nothing found
    assert se.pair_scores(gold, pred)[:2] == (1.0, 0.0)
    assert se.adjusted_rand(gold, pred) == pytest.approx(0.0)


def test_one_big_cluster_has_bcubed_recall_one() -> None:
    gold = ["a", "a", "b", "c"]
    p, r, _ = se.bcubed(gold, ["x"] * 4)
    assert r == 1.0
    assert p == pytest.approx((2 / 4 * 2 + 1 / 4 + 1 / 4) / 4)


def test_metrics_reject_mismatched_or_empty_labelings() -> None:
    with pytest.raises(ValueError, match="2 labels"):
        se.bcubed(["a", "b"], ["a"])
    with pytest.raises(ValueError, match="empty"):
        se.score([], [])


# -- metrics: properties ---------------------------------------------------------


@given(_pair())
def test_ari_matches_sklearn(labels: tuple[list[int], list[int]]) -> None:
    gold, pred = labels
    assert se.adjusted_rand(gold, pred) == pytest.approx(adjusted_rand_score(gold, pred), abs=1e-9)


def test_ari_matches_sklearn_on_larger_random_labelings() -> None:
    rng = np.random.default_rng(13)
    for n, k in ((50, 3), (200, 20), (500, 150), (1000, 1000)):
        gold, pred = rng.integers(0, k, n).tolist(), rng.integers(0, k, n).tolist()
        assert se.adjusted_rand(gold, pred) == pytest.approx(adjusted_rand_score(gold, pred), abs=1e-9)


@given(_pair())
def test_bcubed_precision_is_recall_with_the_roles_swapped(labels: tuple[list[int], list[int]]) -> None:
    gold, pred = labels
    p, r, f = se.bcubed(gold, pred)
    rp, rr, rf = se.bcubed(pred, gold)
    assert (p, r, f) == pytest.approx((rr, rp, rf))
    assert 0 < p <= 1 and 0 < r <= 1


@given(_pair(), st.randoms(use_true_random=False))
def test_scores_ignore_item_order_and_label_names(
    labels: tuple[list[int], list[int]], rnd: random.Random
) -> None:
    gold, pred = labels
    order = list(range(len(gold)))
    rnd.shuffle(order)
    renamed = [f"story-{pred[i] * 7 + 1}" for i in order]
    shuffled = dataclasses.astuple(se.score([gold[i] for i in order], renamed))
    assert shuffled == pytest.approx(dataclasses.astuple(se.score(gold, pred)))


@given(labelings)
def test_every_metric_is_one_against_itself(gold: list[int]) -> None:
    s = se.score(gold, gold)
    assert (s.bcubed_f1, s.pair_f1, s.ari) == (1.0, 1.0, 1.0)


# -- loading and feed order ------------------------------------------------------


def _write(folder: Path, name: str, rows: Sequence[dict[str, object]]) -> None:
    with (folder / f"{name}.jsonl").open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row) + "\n")


def _row(doc: str, cluster: str, date: str | None = None, title: str | None = None) -> dict[str, object]:
    return {
        "dataset": "toy",
        "cluster_id": cluster,
        "doc_id": doc,
        "outlet": "Outlet",
        "date": date,
        "title": title,
        "url": None,
        "text": f"text of {doc}",
        "extra": {"topic": "1"},
    }


def test_load_dataset_builds_articles_and_limits_to_the_first_clusters(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "toy",
        [_row("d1", "A", "2020-01-02", "T1"), _row("d2", "B"), _row("d3", "A"), _row("d4", "C")],
    )
    arts = se.load_dataset("toy", tmp_path)
    assert [a.id for a in arts] == ["d1", "d2", "d3", "d4"]
    a = arts[0]
    assert (a.title, a.published, a.outlet, a.text) == ("T1", "2020-01-02", "Outlet", "text of d1")
    assert a.extra == {"dataset": "toy", "cluster_id": "A"}
    assert arts[1].title is None and arts[1].published is None
    assert [a.id for a in se.load_dataset("toy", tmp_path, limit=2)] == ["d1", "d2", "d3"]


def test_feed_order_sorts_by_publication_time_across_utc_offsets() -> None:
    arts = [
        Article(id="late", text="x", published="2021-10-18T16:15:00-07:00"),  # 23:15 UTC
        Article(id="early", text="x", published="2021-10-18T20:00:00+00:00"),
        Article(id="day-before", text="x", published="2021-10-17"),
        Article(id="undated", text="x"),
    ]
    assert [a.id for a in se.feed_order(arts)] == ["day-before", "early", "late", "undated"]


def test_feed_order_breaks_ties_with_a_fixed_seeded_shuffle() -> None:
    arts = [Article(id=str(i), text="x", published="2020-01-01") for i in range(30)]
    undated = [Article(id=str(i), text="x") for i in range(30)]
    for group in (arts, undated):
        first = [a.id for a in se.feed_order(group, seed=13)]
        assert first == [a.id for a in se.feed_order(group, seed=13)]
        assert first != [a.id for a in group]
        assert first != [a.id for a in se.feed_order(group, seed=14)]


def test_feed_order_rejects_an_unreadable_date() -> None:
    with pytest.raises(ValueError, match="unreadable date"):
        se.feed_order([Article(id="x", text="x", published="last Tuesday")])


# -- baseline --------------------------------------------------------------------


def test_average_link_cut_and_threshold_choice_on_a_known_similarity() -> None:
    sim = np.array(
        [
            [1.0, 0.9, 0.8, 0.1],
            [0.9, 1.0, 0.7, 0.2],
            [0.8, 0.7, 1.0, 0.1],
            [0.1, 0.2, 0.1, 1.0],
        ]
    )
    tree = se.average_link(sim)
    assert len(set(se.cut(tree, 0.05))) == 4
    labels = se.cut(tree, 0.3)
    assert labels[0] == labels[1] == labels[2] != labels[3]
    assert len(set(se.cut(tree, 0.95))) == 1
    t, f1 = se.choose_threshold([(tree, ["a", "a", "a", "b"])])
    # the three join at distance 0.25 (mean of 0.2 and 0.3), the fourth only at 0.87
    assert f1 == 1.0 and 0.25 <= t < 0.3


def test_doc_strings_lead_and_sentences() -> None:
    a = Article(id="x", title="Quake hits", text="One. Two words here.\nThree.")
    assert se.doc_strings(a) == ["Quake hits\nOne. Two words here.\nThree."]
    assert se.doc_strings(a, "sentences", sentences=2) == ["Quake hits", "One.", "Two words here."]
    with pytest.raises(ValueError, match="lead or sentences"):
        se.doc_strings(a, "words")


def test_minilm_cache_is_reused_and_invalidated_by_changed_text(tmp_path: Path) -> None:
    arts = [Article(id="a", text="storm hits coast"), Article(id="b", text="court rules on case")]
    enc = HashingEncoder()
    v1, _, cached1 = se.minilm_doc_vectors("toy", arts, enc, tmp_path)
    v2, _, cached2 = se.minilm_doc_vectors("toy", arts, enc, tmp_path)
    assert (cached1, cached2) == (False, True)
    np.testing.assert_allclose(v1, v2)
    changed = [arts[0], Article(id="b", text="court rules on another case")]
    _, _, cached3 = se.minilm_doc_vectors("toy", changed, enc, tmp_path)
    assert not cached3
    assert len(list(tmp_path.glob("toy-*.npz"))) == 2


def test_baseline_groups_articles_sharing_their_words() -> None:
    texts = [
        "Earthquake of magnitude 6 strikes northern Chile, killing two",
        "Magnitude 6 earthquake strikes Chile; two people killed in the north",
        "Senate passes the budget bill after a long night of votes",
        "Budget bill passes the Senate after votes through the night",
    ]
    arts = [Article(id=str(i), text=t, extra={"cluster_id": "AABB"[i]}) for i, t in enumerate(texts)]
    prepared = se.prepare_baseline("toy", arts, HashingEncoder(), cache_dir=None)
    labels = se.cut(prepared.tree, 0.75)
    assert labels[0] == labels[1] != labels[2] == labels[3]
    assert prepared.gold == ["A", "A", "B", "B"]


# -- systems and the harness -----------------------------------------------------


def _by_first_word(articles: Sequence[Article]) -> list[str]:
    return [a.text.split()[0] for a in articles]


def test_run_system_hides_the_gold_label_and_checks_the_length() -> None:
    arts = [Article(id="1_3ecb", text="x", extra={"dataset": "toy", "cluster_id": "1"})]
    seen: list[Article] = []

    def spy(articles: Sequence[Article]) -> list[str]:
        seen.extend(articles)
        return ["s"]

    assert se.run_system(spy, arts)[0] == ["s"]
    assert [a.extra for a in seen] == [{"dataset": "toy"}]
    assert [a.id for a in seen] == ["a0"]
    assert arts[0].extra["cluster_id"] == "1"
    assert arts[0].id == "1_3ecb"
    with pytest.raises(ValueError, match="2 story ids for 1"):
        se.run_system(lambda _: ["a", "b"], arts)


def test_systems_cannot_name_stories_after_the_gold_label() -> None:
    # BASIL's ids start with the event's uuid: naming stories by an id prefix once
    # merged every story of an event into one label and scored BASIL 1.000.
    arts = [
        Article(id=f"{uuid}-event-uuid_{k}", text=f"text {k}", extra={"dataset": "toy", "cluster_id": uuid})
        for uuid in ("aaaa", "bbbb")
        for k in range(3)
    ]

    def by_id_prefix(articles: Sequence[Article]) -> list[str]:
        return [a.id[:4] for a in articles]

    labels, _ = se.run_system(by_id_prefix, arts)
    assert se.bcubed(se.gold_labels(arts), labels)[2] < 1.0
    assert len(set(se.blind_ids(1000))) == 1000
    assert se.blind_ids(11)[:2] == ["a00", "a01"]


def test_resolve_system_explains_a_bad_spec() -> None:
    with pytest.raises(ValueError, match="module:function"):
        se.resolve_system("no_colon")
    with pytest.raises(ValueError, match="no function 'nope'"):
        se.resolve_system("json:nope")
    assert se.resolve_system("json:dumps") is json.dumps


def test_main_scores_a_plugged_system_and_writes_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [_row(f"d{i}", c, "2020-01-01") for i, c in enumerate("AABBC")]
    for r, word in zip(rows, ["quake", "quake", "vote", "vote", "fire"], strict=True):
        r["text"] = f"{word} story"
    for name in se.DATASETS:
        _write(tmp_path, name, rows)
    fake = types.ModuleType("fake_stories")
    fake.cluster = _by_first_word  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "fake_stories", fake)
    out = tmp_path / "out.json"
    argv = ["--data", str(tmp_path), "--no-baseline", "--system", "fake_stories:cluster", "--json", str(out)]
    assert se.main([*argv, "--datasets", "basil"]) == 0
    printed = capsys.readouterr().out
    assert "fake_stories:cluster" in printed and "basil >= 0.98" in printed
    result = json.loads(out.read_text())
    (row,) = result["rows"]
    assert (row["dataset"], row["bcubed_f1"], row["ari"]) == ("basil", 1.0, 1.0)
    assert (row["predicted_clusters"], row["true_clusters"]) == (3, 3)


def test_main_without_storytrace_stories_still_prints_the_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [_row(f"d{i}", c, None) for i, c in enumerate("AAB")]
    for name in se.DATASETS:
        _write(tmp_path, name, rows)
    monkeypatch.setattr(se, "default_system", lambda: None)
    assert se.main(["--data", str(tmp_path), "--no-baseline"]) == 0
    assert "storytrace.grouping not available" in capsys.readouterr().out


# -- the real data ---------------------------------------------------------------


@pytest.mark.evaluation
@pytest.mark.parametrize(
    ("name", "articles", "clusters", "dated"),
    [("ecbplus", 652, 58, False), ("basil", 222, 74, True), ("allsides_roundups", 972, 333, True)],
)
def test_real_datasets_load_in_feed_order(
    shared_data: Path, name: str, articles: int, clusters: int, dated: bool
) -> None:
    feed = se.feed_order(se.load_dataset(name, shared_data / "events"))
    assert len(feed) == articles and len(set(se.gold_labels(feed))) == clusters
    assert len({a.id for a in feed}) == articles
    if dated:
        times = [se._timestamp(a) for a in feed]
        assert times == sorted(times)
    else:
        assert all(a.published is None for a in feed)
    assert se.score(se.gold_labels(feed), se.gold_labels(feed)).bcubed_f1 == 1.0


#: BCubed F1 floors for online storytrace on the real sets (seed 13), a little under what
#: it scores (0.918 / 0.982 / 0.909) so that int8 MiniLM on another CPU cannot turn CI
#: red by one decision; the issue's targets are 0.93 / 0.98 / 0.88 (ECB+ not met yet).
STORY_FLOORS = {"ecbplus": 0.925, "basil": 0.98, "allsides_roundups": 0.92}


@pytest.mark.evaluation
@pytest.mark.slow
@pytest.mark.parametrize("name", list(STORY_FLOORS))
def test_storytrace_groups_the_real_events_online(shared_data: Path, name: str) -> None:
    from storytrace.grouping import cluster_articles

    feed = se.feed_order(se.load_dataset(name, shared_data / "events"), seed=13)
    labels, _ = se.run_system(cluster_articles, feed)
    scores = se.score(se.gold_labels(feed), labels)
    assert scores.bcubed_f1 >= STORY_FLOORS[name], scores
    # Beats the batch baseline's published level on every set (0.85 / 0.97 / 0.79).
    assert scores.bcubed_f1 > se.ISSUE_BASELINE[name]
