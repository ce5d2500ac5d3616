"""Stories: features, the online index, the store tracker, merges, recluster, CLI."""

from __future__ import annotations

import dataclasses
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from storytrace import Config, Store, ingest
from storytrace.cli import app
from storytrace.demo import corpus_dir, load_manifest
from storytrace.errors import ConfigError
from storytrace.export import STORY_FIELDS
from storytrace.grouping import StoryFeatures, StoryIndex, StoryParams, cluster_articles, featurize
from storytrace.grouping import index as story_index
from storytrace.grouping.features import (
    article_time,
    lead_counts,
    parse_time,
    term_counts,
    tokens,
    unit_vector,
    words_only,
)
from storytrace.grouping.stored import StoryTracker, recluster
from storytrace.model import Article, StoryMember
from storytrace.store._stories import _first_reports


def _day(s: str) -> str:
    return f"{s}T12:00:00+00:00"


QUAKE = (
    "A magnitude 6.1 earthquake struck Aceh province in Indonesia on Tuesday, killing at least five "
    "people and injuring dozens, officials in Banda Aceh said. Buildings collapsed in Bener Meriah."
)
QUAKE2 = (
    "Rescuers in Aceh searched collapsed buildings after the magnitude 6.1 earthquake in Bener Meriah "
    "district killed five people, Indonesian officials said on Tuesday."
)
FIGHT = (
    "Wladimir Klitschko stopped Tony Thompson in the sixth round in Bern to keep his heavyweight "
    "titles, the Ukrainian champion's sixteenth straight win."
)
FIGHT2 = (
    "Tony Thompson was no match for Wladimir Klitschko, who won in six rounds in Bern and retained "
    "the WBA, IBF and WBO heavyweight belts."
)


def _art(i: str, text: str, published: str | None = None, title: str | None = None) -> Article:
    return Article(id=i, text=text, title=title, published=published)


# -- features -------------------------------------------------------------------


def test_features_weigh_the_headline_and_drop_function_words() -> None:
    counts = term_counts(_art("a", "The quake hit Aceh.", title="Quake in Aceh"))
    assert counts["quake"] == 4 and counts["aceh"] == 4
    assert "the" not in counts and "in" not in counts


def test_numbers_stay_whole_and_dates_are_left_to_the_time() -> None:
    words = tokens("A magnitude 6. 1 quake; about 1 , 200 homes; Colts won 20-13 on Tuesday, July 2, 2013.")
    assert {"6.1", "1200", "20-13"} <= set(words)
    assert not {"tuesday", "july", "2013", "2"} & set(words)


def test_lead_is_the_headline_and_the_start_of_the_text() -> None:
    text = "Rescuers reached Bener Meriah. " + "filler words here " * 40 + "Banda"
    lead = lead_counts(_art("a", text, title="Aceh quake"))
    assert {"aceh", "quake", "rescuers", "bener", "meriah"} <= set(lead) and "banda" not in lead
    untitled = lead_counts(_art("a", "Quake hits Aceh\nRescuers reached the town."))
    assert {"quake", "aceh", "rescuers"} <= set(untitled)


def test_unit_vector_has_length_one() -> None:
    v = unit_vector({"a": 3, "b": 1})
    assert sum(x * x for x in v.values()) == pytest.approx(1.0)
    assert unit_vector({}) == {}


def test_time_is_the_publication_time_in_utc() -> None:
    assert (
        article_time(_art("a", "text", published="2020-01-02T03:00:00+02:00"))
        == datetime(2020, 1, 2, 1, tzinfo=UTC).timestamp()
    )
    assert article_time(_art("a", "Updated: July 7, 2012. Klitschko won.")) is None
    assert article_time(_art("a", "text", published="not a date")) is None


def test_named_entities_come_from_spacy_with_display_names() -> None:
    (f,) = featurize([_art("a", FIGHT, title="Klitschko beats Thompson")])
    assert "PERSON:wladimir klitschko" in f.entities
    assert f.names["PERSON:wladimir klitschko"] == "Wladimir Klitschko"
    assert sum(x * x for x in f.entities.values()) == pytest.approx(1.0)
    assert json.loads(json.dumps(f.to_json()))["names"]


# -- the online index -------------------------------------------------------------


def test_same_event_joins_and_different_events_stay_apart() -> None:
    arts = [
        _art("q1", QUAKE, _day("2013-07-02"), "Quake kills five in Aceh"),
        _art("f1", FIGHT, _day("2013-07-02"), "Klitschko stops Thompson"),
        _art("q2", QUAKE2, _day("2013-07-02"), "Aceh quake death toll at five"),
        _art("f2", FIGHT2, _day("2013-07-03"), "Klitschko keeps his belts"),
    ]
    ids = cluster_articles(arts)
    assert ids[0] == ids[2] and ids[1] == ids[3] and ids[0] != ids[1]
    assert ids[0] == "s-q1" and ids[1] == "s-f1"  # named after the founder


def test_story_ids_stay_apart_when_founder_ids_share_a_prefix() -> None:
    # Ids that differ only after twelve characters (as in BASIL, where they start with
    # the event's uuid) must still give two stories two ids.
    arts = [
        _art("same-prefix-0001", QUAKE, _day("2013-07-02")),
        _art("same-prefix-0002", FIGHT, _day("2013-07-02")),
    ]
    ids = cluster_articles(arts, nlp=None)
    assert ids == ["s-same-prefix-", "s-same-prefix--2"]


def test_clustering_is_deterministic() -> None:
    arts = [
        _art(f"a{i}", t, _day("2013-07-0" + str(1 + i % 3)))
        for i, t in enumerate([QUAKE, FIGHT, QUAKE2, FIGHT2])
    ]
    feats = featurize(arts)
    assert cluster_articles(arts, features=feats) == cluster_articles(arts, features=feats)


def test_stories_age_out() -> None:
    # The same words a year apart: another event of the same kind, not the same story.
    arts = [
        _art("q1", QUAKE, _day("2012-07-02")),
        _art("q2", QUAKE2, _day("2013-07-02")),
    ]
    ids = cluster_articles(arts, nlp=None)
    assert ids[0] != ids[1]
    same_week = cluster_articles([arts[0], _art("q2", QUAKE2, _day("2012-07-03"))], nlp=None)
    assert same_week[0] == same_week[1]


def test_a_copy_joins_its_sources_story_whatever_its_words() -> None:
    arts = [_art("q1", QUAKE, _day("2013-07-02")), _art("x", FIGHT, _day("2013-07-02"))]
    ids = cluster_articles(arts, nlp=None, sources={"x": "q1"})
    assert ids[0] == ids[1]


def _features(text: str, day: str | None = None) -> StoryFeatures:
    return featurize([_art("x", text, _day(day) if day else None)], nlp=None)[0]


def test_an_article_that_fits_two_close_stories_merges_them() -> None:
    # Any two candidates are "close"; the two quakes start apart whatever they score.
    index = StoryIndex(StoryParams(merge_threshold=0.0, join_threshold=0.05))
    a = index.assign(_features(QUAKE), force_new=True)
    b = index.assign(_features(QUAKE2), force_new=True)
    assert a.new and b.new and a.story != b.story
    c = index.assign(_features(QUAKE + " " + QUAKE2))
    assert not c.new and c.story == a.story and c.merged == [b.story]
    assert index.resolve(b.story) == a.story
    assert index.size[a.story] == 3 and index.size[b.story] == 0


def test_unrelated_stories_never_merge() -> None:
    index = StoryIndex()
    a = index.assign(_features(QUAKE))
    b = index.assign(_features(FIGHT))
    c = index.assign(_features(QUAKE2))
    assert c.story == a.story and not c.merged and index.resolve(b.story) == b.story


def test_index_survives_save_and_load(tmp_path: Path) -> None:
    index = StoryIndex()
    for text in (QUAKE, FIGHT, QUAKE2):
        index.assign(_features(text, "2013-07-02"))
    index.save(tmp_path / "stories")
    loaded = StoryIndex.load(tmp_path / "stories")
    assert loaded.n_docs == index.n_docs and loaded.parent == index.parent and loaded.size == index.size
    nxt = _features(FIGHT2, "2013-07-03")
    assert loaded.assign(nxt) == index.assign(nxt)
    index.save(tmp_path / "stories")  # replacing an existing index works too
    assert StoryIndex.load(tmp_path / "stories").n_docs == index.n_docs


def test_candidate_lookup_stays_bounded() -> None:
    index = StoryIndex(StoryParams(postings_per_term=4))
    for i in range(40):
        index.assign(_features(f"Council vote number {i} on the harbour budget item{i} passes narrowly"))
    assert all(len(p) <= 8 for p in index.postings.values())
    query = story_index._sparse("terms", _features("harbour budget vote").terms)[0]
    assert len(index._candidates(query)) <= 4 * 3


def test_past_the_cap_the_stories_under_the_most_query_terms_are_scored() -> None:
    index = StoryIndex(StoryParams(max_scored=3))
    day = 86400.0
    # Ten stories share one word with the query; two share three (one of them a year old).
    for i in range(10):
        index.assign(StoryFeatures(terms={"harbour": 0.5, f"filler{i}": 0.5}, time=400 * day), force_new=True)
    three = {"harbour": 0.5, "budget": 0.5, "vote": 0.5}
    close = index.assign(StoryFeatures(terms=three, time=400 * day), force_new=True)
    old = index.assign(StoryFeatures(terms=three, time=10 * day), force_new=True)
    query = story_index._sparse("terms", {"harbour": 1.0, "budget": 1.0, "vote": 1.0})[0]
    undated = index._candidates(query)
    assert len(undated) == 3 and {close.story, old.story} <= set(undated)
    # Dated: the year-old story cannot win, so it leaves room for a recent one.
    dated = index._candidates(query, 401 * day)
    assert len(dated) == 3 and close.story in dated and old.story not in dated


# -- the store ----------------------------------------------------------------------


def _lexical() -> Config:
    return Config.load(env={}, reuse="lexical")


def _events() -> dict[str, str]:
    """Demo page title -> manifest event."""
    return {p["title"]: p["event"] for p in load_manifest()["pages"] if not p["no_article"]}


def test_demo_stories_never_mix_events(demo_store: Store) -> None:
    events = _events()
    stories = demo_store.stories(limit=None)
    assert sum(s.n_articles for s in stories) == demo_store.count_articles()
    for s in stories:
        members = demo_store.get_story(s.id).articles
        assert len({events[m.title] for m in members}) == 1, [m.title for m in members]


def test_demo_story_rounds_of_talks_a_year_apart_are_two_stories(demo_store: Store) -> None:
    events = _events()
    story_of_event: dict[str, set[str]] = {}
    for s in demo_store.stories(limit=None):
        for m in demo_store.get_story(s.id).articles:
            story_of_event.setdefault(events[m.title], set()).add(s.id)
    assert not story_of_event["kaldar-talks-2025"] & story_of_event["kaldar-talks-2026"]


def test_demo_copies_are_in_their_sources_story(demo_store: Store) -> None:
    story_of = demo_store.story_of()
    for link in demo_store.links():
        if link.kind in ("copy", "rewrite"):
            assert story_of[link.source_id] == story_of[link.target_id]


def test_an_original_that_arrives_after_its_copy_joins_the_copys_story(demo_store: Store) -> None:
    # The demo is ingested in file-name order: Daily Lantern's copies come before the
    # Meridian Wire stories they copy. The original is placed by the link, not by words.
    story_of = demo_store.story_of()
    keys = [row[0] for row in demo_store.story_assignments()]
    order = {a.id: k for k, a in demo_store.articles_by_key(keys).items()}
    late = [
        link
        for link in demo_store.links()
        if link.kind == "copy" and order[link.source_id] > order[link.target_id]
    ]
    assert late, "the demo should hold a copy ingested before its source"
    for link in late:
        members = demo_store.get_story(story_of[link.source_id]).articles
        reasons = {m.article_id: m.reason for m in members}
        assert reasons[link.source_id].startswith("original of "), reasons[link.source_id]


def test_story_has_headline_times_outlets_first_reporter_and_entities(demo_store: Store) -> None:
    big = max(demo_store.stories(limit=None), key=lambda s: s.n_articles)
    st = demo_store.get_story(big.id)
    assert st.headline and st.first_published and st.last_published
    assert parse_time(st.first_published) <= parse_time(st.last_published)  # type: ignore[operator]
    published = [parse_time(m.published) for m in st.articles if m.published]
    assert published == sorted(published)  # in UTC time order, whatever the offsets
    assert parse_time(st.first_published) == published[0] and parse_time(st.last_published) == published[-1]
    assert st.first_article == st.articles[0].article_id and st.first_outlet == st.articles[0].outlet
    assert st.outlets[0] == st.first_outlet and len(st.outlets) == len(set(st.outlets))
    assert st.entities and all(isinstance(e, str) for e in st.entities)
    for s in demo_store.stories(limit=None):
        bare = [e.casefold().removeprefix("the ") for e in s.entities]
        assert len(bare) == len(set(bare)), s.entities  # one name per entity, with or without "the"
    assert [m.reason for m in st.articles].count("started") == 1


def test_story_filters(demo_store: Store) -> None:
    all_ = demo_store.stories(limit=None)
    since = demo_store.stories(since="2026-01-01", limit=None)
    assert since and since == [s for s in all_ if (s.last_published or "") >= "2026-01-02"]
    until = demo_store.stories(until="2025-06-30", limit=None)
    assert until and until == [s for s in all_ if (s.first_published or "9") <= "2025-06-29"]
    with pytest.raises(ConfigError, match="YYYY-MM-DD"):
        demo_store.stories(since="last week")
    quake = demo_store.stories(search="earthquake", limit=None)
    assert quake and all(s in all_ for s in quake) and len(quake) < len(all_)
    kbn = demo_store.stories(outlet="KBN News", limit=None)
    assert kbn and all("KBN News" in s.outlets for s in kbn)
    from storytrace.errors import StoreError

    with pytest.raises(StoreError, match="plain words"):
        demo_store.stories(search='"unbalanced', limit=None)


def test_incremental_and_batch_give_the_same_stories(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        for path in sorted(corpus_dir().glob("*.html")):
            ingest(store, [path], config=_lexical())
        online = store.story_of()
        counts = recluster(store)
        assert store.story_of() == online
        assert counts["changed"] == 0


def test_interrupted_assignment_is_caught_up_and_a_lost_index_rebuilt(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    pages = sorted(corpus_dir().glob("*.html"))
    with Store.open(db) as store:
        ingest(store, pages, config=_lexical())
        want = store.story_of()
    with Store.open(tmp_path / "t.db") as store:
        ingest(store, pages[:20], config=_lexical())
        # A crash after the articles were written, before their stories were:
        store._conn.execute("DELETE FROM article_stories WHERE article_key > 15")
        shutil.rmtree(store.path + ".stories")
        ingest(store, pages[20:], config=_lexical())
        assert set(store.story_of()) == set(want)
        assert store.unassigned_after(0, 10) == []


def test_a_merged_story_id_redirects(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        ingest(store, sorted(corpus_dir().glob("*.html"))[:6], config=_lexical())
        a, b = [s.id for s in store.stories(limit=2)]
        from storytrace.store import utcnow

        store.write_stories([], [(b, a)], now=utcnow())
        assert store.resolve_story(b) == a
        story = store.get_story(b)
        assert story.id == a and any(c.kind == "merged" and c.story_id == b for c in story.changes)
        assert all(s.id != b for s in store.stories(limit=None))


def test_tracker_reuses_the_saved_index(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        ingest(store, sorted(corpus_dir().glob("*.html"))[:10], config=_lexical())
        tracker = StoryTracker(store)
        assert tracker.index.n_docs == store.count_assigned() == len(store.story_of())
        assert tracker.ids == sorted(tracker.ids, key=tracker.ids.index)  # loaded, not rebuilt empty
        assert len(tracker.ids) == len(tracker.index)


def test_unknown_story_says_what_to_do(demo_store: Store) -> None:
    from storytrace.errors import NotFound

    with pytest.raises(NotFound, match="storytrace stories"):
        demo_store.get_story("s-nope")


# -- CLI and export ------------------------------------------------------------------------


def test_cli_stories_story_and_export(demo_store: Store, tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(app, ["stories", "--db", demo_store.path], env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    first = demo_store.stories(limit=1)[0]
    assert first.id in res.output
    res = runner.invoke(app, ["story", first.id[:6], "--db", demo_store.path], env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    assert "Timeline" in res.output and "first reported by" in res.output
    res = runner.invoke(app, ["story", "s-zzzz", "--db", demo_store.path])
    assert res.exit_code != 0 and "storytrace stories" in res.output
    out = tmp_path / "stories.jsonl"
    res = runner.invoke(app, ["export", "--what", "stories", "-o", str(out), "--db", demo_store.path])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == demo_store.count_stories()
    assert list(rows[0]) == [f for f, _ in STORY_FIELDS]
    assert sum(len(r["articles"]) for r in rows) == demo_store.count_articles()
    res = runner.invoke(app, ["export", "--db", demo_store.path])
    articles = [json.loads(line) for line in res.stdout.splitlines()]
    assert all(a["story"] for a in articles)
    assert {a["story"] for a in articles} == {r["id"] for r in rows}


def test_only_dated_articles_get_a_vector() -> None:
    from storytrace.embed import HashingEncoder

    dated, undated = featurize(
        [_art("a", QUAKE, _day("2013-07-02"), "Aceh quake"), _art("b", QUAKE2)],
        nlp=None,
        encoder=HashingEncoder(),
    )
    assert dated.vector is not None and dated.vector.shape == (384,)
    assert undated.vector is None


def test_a_story_far_away_in_time_is_never_scored_on_words() -> None:
    index = StoryIndex()
    a = index.assign(_features(QUAKE, "2013-07-02"))
    assert index.score(_features(QUAKE, "2013-07-03"), a.story) > 0.5
    assert index.score(_features(QUAKE, "2013-08-02"), a.story) == -1.0
    assert index.score(_features(QUAKE), a.story) > 0.5  # undated: words alone


def test_a_tight_story_asks_more_of_the_next_article() -> None:
    index = StoryIndex()
    a = index.assign(_features(QUAKE))
    before = index.score(_features(QUAKE2), a.story)
    index.assign(_features(QUAKE))  # the same words again: as close as it gets
    assert index.joins[a.story] == 1 and index.join_sum[a.story] > 0.6  # words only: at most 0.7
    assert index.score(_features(QUAKE2), a.story) < before


def test_batch_scoring_matches_one_by_one() -> None:
    from storytrace.embed import HashingEncoder

    texts = [QUAKE, FIGHT, QUAKE2, FIGHT2, QUAKE + " " + FIGHT]
    days = ["2013-07-02", None, "2013-07-09", "2013-07-03", None]
    arts = [
        _art(f"a{i}", t, _day(d) if d else None, t[:30])
        for i, (t, d) in enumerate(zip(texts, days, strict=True))
    ]
    feats = featurize(arts, nlp=None, encoder=HashingEncoder())
    index = StoryIndex()
    for f in feats[:3]:
        index.assign(f)
    index.assign(feats[2])  # a join, so cohesion counts
    for f in feats:
        q = index._query(f)
        cands = list(range(len(index)))
        np.testing.assert_allclose(
            index._score_many(q, cands), [index._score(q, s) for s in cands], atol=1e-6
        )


def test_an_article_the_models_fail_on_still_gets_a_story(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storytrace.grouping import stored

    real = stored.featurize

    def flaky(articles, *, nlp="default", encoder=None, **kw):
        if nlp is not None and any("Thompson" in a.text for a in articles):
            raise RuntimeError("model blew up")
        return real(articles, nlp=nlp, encoder=encoder, **kw)

    monkeypatch.setattr(stored, "featurize", flaky)
    for i, text in enumerate([QUAKE, FIGHT, QUAKE2]):
        (tmp_path / f"{i}.txt").write_text(
            text + " " + "More words follow here to pass the length check. " * 3
        )
    with Store.open(tmp_path / "s.db") as store:
        report = ingest(store, [tmp_path], config=_lexical())
        assert report.counts()["ingested"] == 3
        assert len(store.story_of()) == 3
        (problem,) = [p for p in report.problems if p.stage == "stories"]
        assert "model blew up" in problem.reason and "grouped by its words" in problem.reason


def test_a_rebuilt_index_is_the_one_ingest_built(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        ingest(store, sorted(corpus_dir().glob("*.html"))[:24], config=_lexical())
        saved = StoryTracker(store)
        shutil.rmtree(store.path + ".stories")
        rebuilt = StoryTracker(store)
        a, b = saved.index, rebuilt.index
        # Settling may have started or emptied stories, so numbers can differ: compare by id.
        live = {sid: n for sid, n in saved.number.items() if a.size[a.resolve(n)] and a.resolve(n) == n}
        assert live.keys() == {sid for sid, n in rebuilt.number.items() if b.resolve(n) == n}
        for sid, n in live.items():
            m = rebuilt.number[sid]
            assert (a.size[n], a.joins[n]) == (b.size[m], b.joins[m])
            assert a.join_sum[n] == pytest.approx(b.join_sum[m], abs=1e-3)  # scores are stored rounded
            for bag in a.bags:
                (ka, wa), (kb, wb) = a.bags[bag][n], b.bags[bag][m]
                np.testing.assert_array_equal(ka, kb)
                np.testing.assert_allclose(wa, wb, atol=1e-6)


def test_entity_pipeline_runs_only_the_recogniser() -> None:
    from storytrace.grouping.features import load_nlp

    nlp = load_nlp()
    assert nlp.pipe_names == ["ner"]  # its own tok2vec: the shared one would be dead weight
    doc = nlp("Wladimir Klitschko will fight in Hamburg on Saturday, his manager told Reuters.")
    assert {(e.text, e.label_) for e in doc.ents} >= {("Wladimir Klitschko", "PERSON"), ("Hamburg", "GPE")}


# -- settling ----------------------------------------------------------------------


def _two_events(index: StoryIndex) -> tuple[int, int, list[StoryFeatures]]:
    quake = [words_only(_art(f"q{i}", t)) for i, t in enumerate((QUAKE, QUAKE2))]
    fight = [words_only(_art(f"f{i}", t)) for i, t in enumerate((FIGHT, FIGHT2))]
    a = index.assign(quake[0]).story
    index.assign(quake[1])
    b = index.assign(fight[0]).story
    index.assign(fight[1])
    assert a != b and index.size[a] == index.size[b] == 2
    return a, b, quake + fight


def test_settle_moves_an_article_to_the_story_it_fits() -> None:
    index = StoryIndex()
    a, b, _ = _two_events(index)
    stray = words_only(_art("f2", FIGHT2 + " " + FIGHT))
    index.assign(stray, to=a, join_score=0.2)  # a wrong join, as a cascade leaves one
    item = story_index.Recheck(stray, a, 0.2)
    assert index.settle([item]) == {}
    assert item.story == b and item.score is not None and item.score >= index.params.join_threshold
    assert (index.size[a], index.size[b]) == (2, 3)
    assert index.joins[a] == 1  # the wrong join's score left with it


def test_settle_leaves_a_fitting_article_and_its_story_exactly_as_they_were() -> None:
    index = StoryIndex()
    a, _, feats = _two_events(index)
    before = {bag: (k.copy(), w.copy()) for bag, (k, w) in ((bg, index.bags[bg][a]) for bg in index.bags)}
    state = (index.size[a], index.joins[a], index.join_sum[a])
    item = story_index.Recheck(feats[1], a, index.join_sum[a])
    index.settle([item], passes=2)
    assert item.story == a and (index.size[a], index.joins[a], index.join_sum[a]) == state
    for bag, (k, w) in before.items():
        np.testing.assert_array_equal(index.bags[bag][a][0], k)
        np.testing.assert_array_equal(index.bags[bag][a][1], w)


def test_settle_starts_a_story_for_an_article_that_fits_none() -> None:
    index = StoryIndex()
    a, _, _ = _two_events(index)
    odd = words_only(
        _art("x", "Orchestra musicians in Vienna rehearsed Mahler's ninth symphony for the gala.")
    )
    index.assign(odd, to=a, join_score=0.3)
    item = story_index.Recheck(odd, a, 0.3)
    started = index.settle([item])
    assert started == {item.story: 0} and item.story not in (a,) and item.score is None
    assert index.size[item.story] == 1 and index.size[a] == 2


def test_rebuild_equals_building_the_story_from_its_members() -> None:
    index, fresh = StoryIndex(), StoryIndex()
    a, _, feats = _two_events(index)
    index.rebuild(a, [(feats[0], None), (feats[1], 0.4)])
    s = fresh.assign(feats[0], force_new=True).story
    fresh.assign(feats[1], to=s, join_score=0.4)
    for bag in index.bags:
        np.testing.assert_array_equal(index.bags[bag][a][0], fresh.bags[bag][s][0])
        np.testing.assert_array_equal(index.bags[bag][a][1], fresh.bags[bag][s][1])
    assert (index.size[a], index.joins[a], index.join_sum[a]) == (2, 1, 0.4)


def test_cluster_articles_settles_a_cascade_that_online_alone_keeps() -> None:
    # The stray opens like the quake report, so online (the fight not yet seen) it joins
    # the quake story; once the fight reports are in it fits theirs better.
    stray = _art("s", " ".join((QUAKE[:150], FIGHT, FIGHT2, FIGHT)))
    arts = [_art("q0", QUAKE), stray, _art("q1", QUAKE2), _art("f0", FIGHT), _art("f1", FIGHT2)]
    feats = [words_only(a) for a in arts]
    online = cluster_articles(arts, features=feats, encoder=None, batch_size=0)
    settled = cluster_articles(arts, features=feats, encoder=None, batch_size=5)
    assert online[1] == online[0] == online[2] != online[3]  # the cascade
    assert settled[1] == settled[3] == settled[4] != settled[0] == settled[2]


def test_tracker_stores_a_move_and_a_rebuilt_index_agrees(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storytrace.model import Sighting

    texts = {"q0": QUAKE, "q1": QUAKE2, "f0": FIGHT, "f1": FIGHT2, "s": FIGHT2 + " " + FIGHT}
    with Store.open(tmp_path / "s.db") as store:
        store.write_articles(
            [
                (
                    _art(i, t, _day("2013-07-02"), title=f"{i} report"),
                    Sighting(f"{i}.txt", "file", None, "t", "t"),
                )
                for i, t in texts.items()
            ]
        )
        keyed = store.keyed_after(0)
        tracker = StoryTracker(store, nlp=None, encoder=None)
        tracker.assign(keyed[:4])
        quake = store.story_of(["q0"])["q0"]
        real = tracker.index.assign

        def wrong(feats: StoryFeatures, **kw: object) -> story_index.Assignment:
            return real(feats, to=tracker.number[quake], join_score=0.2)  # force the stray in

        monkeypatch.setattr(tracker.index, "assign", wrong)
        counts = {"started": 0, "joined": 0, "copy": 0, "merged": 0, "moved": 0}
        tracker.assign(keyed[4:], counts)
        monkeypatch.undo()
        fight = store.story_of(["f0"])["f0"]
        assert counts["moved"] == 1 and store.story_of(["s"])["s"] == fight
        story = store.get_story(quake)
        assert story.n_articles == 2 and any(
            c.kind == "moved" and c.other_id == fight and "article s" in c.detail for c in story.changes
        )
        assert store.get_story(fight).n_articles == 3
        tracker.save()
        shutil.rmtree(store.path + ".stories")
        rebuilt = StoryTracker(store, nlp=None, encoder=None)
        for sid in (quake, fight):
            n, m = tracker.number[sid], rebuilt.number[sid]
            assert (tracker.index.size[n], tracker.index.joins[n]) == (
                rebuilt.index.size[m],
                rebuilt.index.joins[m],
            )
            for bag in tracker.index.bags:
                np.testing.assert_array_equal(tracker.index.bags[bag][n][0], rebuilt.index.bags[bag][m][0])


def test_recluster_settles_every_story_once_more(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = StoryTracker.settle_all

    def counted(self: StoryTracker, chunk: int = 256) -> int:
        calls.append(len(self.ids))
        return real(self, chunk)

    monkeypatch.setattr(StoryTracker, "settle_all", counted)
    with Store.open(tmp_path / "s.db") as store:
        ingest(store, sorted(corpus_dir().glob("*.html"))[:12], config=_lexical())
        before = store.story_of()
        counts = recluster(store)
        assert calls and "moved" in counts
        assert store.story_of().keys() == before.keys()


def test_settling_every_story_at_the_end_alone_mends_the_cascade() -> None:
    # No settle between batches (batch_size=0): only the batch run's final one.
    stray = _art("s", " ".join((QUAKE[:150], FIGHT, FIGHT2, FIGHT)))
    arts = [_art("q0", QUAKE), stray, _art("q1", QUAKE2), _art("f0", FIGHT), _art("f1", FIGHT2)]
    feats = [words_only(a) for a in arts]
    once = cluster_articles(arts, features=feats, encoder=None, batch_size=0, settle_all=True)
    assert once[1] == once[3] == once[4] != once[0] == once[2]


def _wait_until_ready(split: object) -> None:
    import time

    helper = split._helper  # type: ignore[attr-defined]
    deadline = time.monotonic() + 120
    while not helper.ready():
        assert time.monotonic() < deadline, "the helper process did not start"
        time.sleep(0.05)


def test_split_entities_finds_what_the_pipeline_finds_and_survives_its_helper() -> None:
    from storytrace._helpers import can_help
    from storytrace.grouping.features import SPLIT_MIN_TEXTS, SplitEntities, load_nlp

    if not can_help():
        pytest.skip("no second process on this machine")
    texts = []
    for path in sorted(corpus_dir().glob("*.html")):
        raw = path.read_text(encoding="utf-8", errors="replace")
        texts += [raw[-1300:-1000], raw[-1000:]]
    texts = (texts * 4)[: max(SPLIT_MIN_TEXTS, 80)]
    nlp = load_nlp()

    def ents(docs: list) -> list:
        return [[(e.start_char, e.end_char, e.label_, e.text) for e in d.ents] for d in docs]

    want = ents(list(nlp.pipe(texts)))
    split = SplitEntities(nlp)
    try:
        assert split._helper is None  # started by the first large batch
        assert ents(split.pipe(texts[:4])) == want[:4] and split._helper is None
        assert ents(split.pipe(texts)) == want  # the helper is still starting: all here
        _wait_until_ready(split)
        got = split.pipe(texts)
        assert ents(got) == want
        assert not hasattr(got[-1], "vocab")  # the second half came from the helper
        for proc in split._helper.processes():  # type: ignore[union-attr]
            proc.kill()
            proc.join()
        assert ents(split.pipe(texts)) == want  # read here once the helper is gone
        assert split._helper is None
        assert ents(split.pipe(texts)) == want and split._helper is None  # and not started again
    finally:
        split.close()


def test_featurize_with_a_helper_gives_the_same_features() -> None:
    from storytrace._helpers import can_help
    from storytrace.grouping.features import SplitEntities, load_nlp

    if not can_help():
        pytest.skip("no second process on this machine")
    articles = [
        Article(
            id=str(i),
            title=f"Quake hits {town}",
            text=f"A quake struck {town} on Monday, officials in {land} said. " * 3,
        )
        for i, (town, land) in enumerate(
            [("Kobe", "Japan"), ("Izmir", "Turkey"), ("Napa", "California")] * 30
        )
    ]
    split = SplitEntities(load_nlp())
    try:
        featurize(articles, nlp=split, encoder=None)  # starts the helper
        _wait_until_ready(split)
        plain = featurize(articles, encoder=None)
        helped = featurize(articles, nlp=split, encoder=None)
    finally:
        split.close()
    assert [(f.entities, f.names, f.spans) for f in helped] == [(f.entities, f.names, f.spans) for f in plain]


def _member(aid: str, published: str | None, outlet: str = "X") -> StoryMember:
    return StoryMember(aid, None, outlet, published, "2026-01-01T00:00:00+00:00", 0.0, "joined")


@pytest.mark.parametrize(
    ("published", "by", "tied"),
    [
        # One clear earliest time.
        (["2021-04-27T08:00:00+00:00", "2021-04-27T09:00:00+00:00", None], "published", ["a"]),
        # Dates without a time: everything that day ties, whatever the order stored.
        (["2021-04-27", "2021-04-27T15:00:00+00:00", "2021-04-28"], "tie", ["a", "b"]),
        (["2021-04-28", "2021-04-27", "2021-04-27"], "tie", ["b", "c"]),
        # Times a few minutes apart (feeds round, clocks drift) tie; an hour does not.
        (
            ["2021-04-27T08:03:00+00:00", "2021-04-27T08:00:00+00:00", "2021-04-27T09:00:00+00:00"],
            "tie",
            ["a", "b"],
        ),
        # Time zones are honoured: 10:00+02:00 is 08:00 UTC.
        (["2021-04-27T10:00:00+02:00", "2021-04-27T08:30:00+00:00", None], "published", ["a"]),
        # No dates at all: nobody can be named first.
        ([None, None, "not a date"], "ingest", ["a"]),
    ],
)
def test_first_report_is_named_only_when_the_times_tell(published: list, by: str, tied: list[str]) -> None:
    members = [_member(aid, p) for aid, p in zip("abc", published, strict=True)]
    first, how, ids = _first_reports(members)
    assert (how, ids) == (by, tied)
    assert first is not None and first.article_id == tied[0]


def test_story_params_are_checked_and_come_from_the_settings() -> None:
    with pytest.raises(ValueError, match="join_threshold"):
        StoryParams(join_threshold=-0.1)
    with pytest.raises(ValueError, match="bag weight"):
        StoryParams(weight_terms=0, weight_lead=0, weight_entities=0, weight_capitals=0, weight_numbers=0)
    assert StoryParams.from_config(Config.load(env={})) == StoryParams()
    strict = StoryParams.from_config(Config.load(env={"STORYTRACE_STORY_JOIN": "0.3"}))
    assert strict.join_threshold == 0.3 and strict.fingerprint() != StoryParams().fingerprint()


def test_a_higher_join_threshold_splits_what_the_default_joins() -> None:
    arts = [_art("q1", QUAKE, _day("2013-07-02")), _art("q2", QUAKE2, _day("2013-07-03"))]
    assert len(set(cluster_articles(arts, nlp=None, encoder=None))) == 1
    strict = StoryParams(join_threshold=0.99)
    assert len(set(cluster_articles(arts, nlp=None, encoder=None, params=strict))) == 2


def test_a_saved_index_built_with_other_params_is_replayed(tmp_path: Path) -> None:
    from storytrace.model import Sighting

    texts = {"q0": QUAKE, "q1": QUAKE2, "f0": FIGHT, "f1": FIGHT2}
    with Store.open(tmp_path / "s.db") as store:
        store.write_articles(
            [(_art(i, t, _day("2013-07-02")), Sighting(f"{i}.txt", "file", None, "t", "t")) for i, t in texts.items()]
        )
        tracker = StoryTracker(store, nlp=None, encoder=None)
        tracker.assign(store.keyed_after(0))
        tracker.save()
        same = StoryTracker(store, nlp=None, encoder=None)
        assert same.index.params == StoryParams() and same.index.n_docs == tracker.index.n_docs
        other = StoryTracker(store, nlp=None, encoder=None, params=StoryParams(join_threshold=0.3))
        # Replayed from the stored assignments with the new params, none taken again.
        assert other.index.params.join_threshold == 0.3
        assert other.index.size == tracker.index.size


@pytest.mark.evaluation
@pytest.mark.slow
def test_ingest_and_cluster_articles_give_the_same_stories(shared_data: Path, tmp_path: Path) -> None:
    """One engine: the tracker ingest runs (store, batches, settles, replays) and the
    in-memory clustering the benches measure put the same real articles in the same
    stories, under the same names."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    import story_eval as se

    from storytrace.grouping.features import vector_encoder
    from storytrace.model import Sighting

    feed = se.feed_order(
        se.load_dataset("basil", shared_data / "events", limit=20)
        + se.load_dataset("ecbplus", shared_data / "events", limit=12),
        seed=13,
    )
    feed = [dataclasses.replace(a, id=f"a{i:03d}", extra={}) for i, a in enumerate(feed)]
    with Store.open(tmp_path / "s.db") as store:
        store.write_articles([(a, Sighting(f"{a.id}.txt", "file", None, "t", "t")) for a in feed])
        tracker = StoryTracker(store, params=StoryParams(settle_batch=32))
        tracker.catch_up(chunk=32)
        stored = store.story_of([a.id for a in feed])
        recluster(store, params=StoryParams(settle_batch=32))
        batch = store.story_of([a.id for a in feed])
    params = StoryParams(settle_batch=32)
    in_memory = cluster_articles(feed, encoder=vector_encoder(), params=params)
    assert len(set(in_memory)) > 20  # several stories, several settles
    assert [stored[a.id] for a in feed] == in_memory
    # The batch run too: ``recluster`` on the store, ``regroup_articles`` in memory.
    from storytrace.grouping import regroup_articles

    assert [batch[a.id] for a in feed] == regroup_articles(feed, params=params)


TALKS = (
    "Negotiators from both sides met in Cairo for a new round of ceasefire talks on the release of "
    "hostages, mediated by Egypt and Qatar. The delegations discussed a phased truce, the return of "
    "displaced families to the north and aid deliveries through the Rafah crossing. Officials said "
    "the Cairo talks would resume after consultations with the leadership."
)


def test_a_year_between_the_dates_two_texts_state_keeps_two_rounds_of_talks_apart() -> None:
    first = _art("r1", f"Ceasefire talks resume in Cairo\ndate 2024-04-14 {TALKS}")
    again = _art("r2", f"Ceasefire talks resume in Cairo\ndate 2025-04-20 {TALKS} A new delegation came.")
    same_week = _art("r3", f"Cairo ceasefire talks go on\ndate 2024-04-16 {TALKS} Talks went on.")
    assert [a.published for a in (first, again, same_week)] == [None, None, None]
    ids = cluster_articles([first, again, same_week], nlp=None, encoder=None)
    assert ids[0] == ids[2] != ids[1]
    # Without the date lines the words alone join all three.
    bare = [_art(a.id, TALKS + extra) for a, extra in zip((first, again, same_week), ("", " A new delegation came.", " Talks went on."), strict=True)]
    assert len(set(cluster_articles(bare, nlp=None, encoder=None))) == 1


def test_a_link_between_reports_a_month_apart_does_not_place_the_later_one() -> None:
    # Two weekly releases written from one template: linked as a rewrite, not one event.
    arts = [_art("q1", QUAKE, _day("2013-07-02")), _art("x", FIGHT, _day("2013-08-02"))]
    ids = cluster_articles(arts, nlp=None, encoder=None, sources={"x": "q1"})
    assert ids[0] != ids[1]
    params = StoryParams()
    assert params.in_reach(0.0, 4 * 86400.0) and not params.in_reach(0.0, 5 * 86400.0)
    assert params.in_reach(None, 0.0)
