"""The web benchmark's synthetic store (bench/web_store.py): a real store, consistent throughout."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench_loader import load_bench

import storytrace
from storytrace.extract import article_id
from storytrace.grouping.features import parse_time

REPO = Path(__file__).resolve().parents[1]


ws = load_bench("web_store")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    path = tmp_path_factory.mktemp("web") / "store-300.db"
    return path, ws.build_store(path, 300, seed=3)


@pytest.mark.slow
def test_counts_and_integrity(built: tuple[Path, dict[str, object]]) -> None:
    path, counts = built
    assert counts["articles"] == 300
    assert counts["cached"] is False
    assert 20 <= counts["stories"] <= 120  # about one story per six articles
    assert counts["links"] > 0 and counts["figures"] >= 2 * 300 and counts["quotes"] > 0
    with storytrace.open_store(str(path)) as store:
        assert store.integrity_check() == "ok"
        assert store.count_articles() == 300
        assert store.count_assigned() == 300
        assert store.count_stories() == counts["stories"]
        assert sum(store.count_links().values()) == counts["links"]
        assert store.count_facts() == {"figures": counts["figures"], "quotes": counts["quotes"]}
        assert not store.facts_pending(ws.FACTS_VERSION, limit=1)


@pytest.mark.slow
def test_stories_in_time_order_with_fact_statuses(built: tuple[Path, dict[str, object]]) -> None:
    path, _ = built
    with storytrace.open_store(str(path)) as store:
        page = storytrace.stories(store, limit=20)
        assert len(page) == 20 and all(s.headline and s.n_articles >= 1 for s in page)
        everything = storytrace.stories(store, limit=None)
        statuses: set[str] = set()
        for s in sorted(everything, key=lambda s: -s.n_articles)[:15]:
            story = storytrace.story(store, s.id)
            assert len(story.articles) == s.n_articles
            times = [parse_time(m.published) for m in story.articles]
            assert None not in times and times == sorted(times)
            assert (
                story.articles[0].reason == "started" and story.id == f"s-{story.articles[0].article_id[:12]}"
            )
            assert all(m.reason == "joined" or m.reason.startswith("copy of ") for m in story.articles[1:])
            statuses |= {g.status for g in storytrace.facts(store, s.id)}
        assert len(statuses) >= 4, statuses


@pytest.mark.slow
def test_links_and_facts_point_into_the_texts(built: tuple[Path, dict[str, object]]) -> None:
    path, _ = built
    with storytrace.open_store(str(path)) as store:
        links = store.links()
        assert {link.kind for link in links} == {"copy", "partial", "rewrite"}
        texts = {a.id: a.text for a in store.iter_articles(with_sightings=False)}
        assert all(article_id(text) == aid for aid, text in texts.items())
        story_of = store.story_of()
        for link in links:
            assert store.links(link.target_id)  # per-article lookup finds it
            src, tgt = texts[link.source_id], texts[link.target_id]
            assert story_of[link.source_id] == story_of[link.target_id]
            assert link.direction.decided_by == "published"
            assert parse_time(link.direction.source_published) < parse_time(link.direction.target_published)
            assert 1 <= len(link.passages) <= 5 and len(link.edits) <= 2
            for p in link.passages:
                assert 0 <= p.source_start < p.source_end <= len(src)
                assert 0 <= p.target_start < p.target_end <= len(tgt)
                if p.kind == "verbatim":
                    assert src[p.source_start : p.source_end] == tgt[p.target_start : p.target_end]
            for e in link.edits:
                assert src[e.source_start : e.source_start + len(e.source_text)] == e.source_text
                assert tgt[e.target_start : e.target_start + len(e.target_text)] == e.target_text
        facts = store.facts_of(list(texts))
        for aid, (figures, quotes) in facts.items():
            text = texts[aid]
            assert 2 <= len(figures) <= 8 and len(quotes) <= 4
            for f in figures:
                assert text[f.start : f.end] == f.text
                assert f.sentence_start <= f.start < f.end <= f.sentence_end
            for q in quotes:
                assert text[q.start : q.end] == q.text


@pytest.mark.slow
def test_reuses_a_matching_store_and_refuses_another(built: tuple[Path, dict[str, object]]) -> None:
    path, counts = built
    again = ws.build_store(path, 300, seed=3)
    assert again["cached"] is True
    assert {k: again[k] for k in ("articles", "stories", "links")} == {
        k: counts[k] for k in ("articles", "stories", "links")
    }
    with pytest.raises(FileExistsError):
        ws.build_store(path, 300, seed=4)
