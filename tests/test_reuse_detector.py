"""Reuse detection end to end on the demo corpus: the store, the pipeline, the CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storytrace import Config, Store, ingest
from storytrace.api import article_links, export_to, outlet_report, relink
from storytrace.cli import app
from storytrace.demo import corpus_dir, load_manifest
from storytrace.export import originals
from storytrace.model import Article
from storytrace.reuse.detector import index_folder, link_articles
from storytrace.reuse.origins import passage_origins


def _file_to_id(store: Store) -> dict[str, str]:
    out = {}
    for a in store.articles(limit=None, with_sightings=True):
        for s in a.sightings:
            out[Path(s.source).name] = a.id
    return out


def _gold(store: Store) -> dict[frozenset[str], tuple[str, str]]:
    """pair -> (kind, source id) from the manifest."""
    ids = _file_to_id(store)
    gold = {}
    for page in load_manifest()["pages"]:
        rel = page.get("relation") or {}
        if rel.get("kind") in ("copy", "partial", "rewrite"):
            src, dst = ids[rel["source"]], ids[page["file"]]
            gold[frozenset((src, dst))] = (rel["kind"], src)
    return gold


def test_demo_links_match_the_manifest_kind_and_direction(demo_store: Store) -> None:
    gold = _gold(demo_store)
    found = {frozenset((link.source_id, link.target_id)): link for link in demo_store.links()}
    missing = [pair for pair in gold if pair not in found]
    assert not missing, f"{len(missing)} manifest relations not found"
    for pair, (kind, source) in gold.items():
        link = found[pair]
        assert link.kind == kind, (kind, link)
        assert link.source_id == source, link.direction


def test_link_sources_of_a_few_articles_read_only_their_links(demo_store: Store) -> None:
    every = demo_store.link_sources(kinds=("copy", "rewrite"))
    target = next(iter(sorted(every)))
    (source,) = sorted(every[target])[:1]
    near = demo_store.link_sources(kinds=("copy", "rewrite"), touching=[source])
    # Both ends count: the source's own sources and the copies of it.
    expected = {
        t: {x for x in srcs if source in (t, x)} for t, srcs in every.items() if t == source or source in srcs
    }
    assert near == expected and target in near
    assert demo_store.link_sources(touching=[]) == {}
    assert demo_store.link_sources(touching=[target]) == {target: demo_store.link_sources()[target]}


def test_no_link_between_articles_of_different_events(demo_store: Store) -> None:
    ids = _file_to_id(demo_store)
    event = {ids[p["file"]]: p["event"] for p in load_manifest()["pages"] if p["file"] in ids}
    for link in demo_store.links():
        assert event[link.source_id] == event[link.target_id], link


def test_copies_of_copies_lead_back_to_the_wire_original(demo_store: Store) -> None:
    ids = _file_to_id(demo_store)
    orig = originals(demo_store)
    for page in load_manifest()["pages"]:
        rel = page.get("relation") or {}
        if rel.get("kind") in ("copy", "rewrite"):
            assert orig[ids[page["file"]]] == ids[rel["source"]]


def test_partial_passages_point_at_the_pasted_wire_paragraphs(demo_store: Store) -> None:
    ids = _file_to_id(demo_store)
    page = next(p for p in load_manifest()["pages"] if (p.get("relation") or {}).get("kind") == "partial")
    article = demo_store.get_article(ids[page["file"]])
    origins = passage_origins(demo_store, article.id)
    assert origins and all(o.origin_id == ids[page["relation"]["source"]] for o in origins)
    covered = " ".join(article.text[o.start : o.end] for o in origins)
    for i in page["relation"]["shared_paragraphs"]:
        assert page["body"][i][:60] in covered


def test_qualifier_change_is_reported_as_an_edit(demo_store: Store) -> None:
    edits = [e for link in demo_store.links() for e in link.edits if e.kind == "qualifier"]
    assert any(
        "as many as" in e.source_text.lower() and "at least" in e.target_text.lower() for e in edits
    ), edits


def test_incremental_links_equal_batch_relink(demo_store: Store, tmp_path: Path) -> None:
    incremental = {(x.source_id, x.target_id, x.kind) for x in demo_store.links()}
    with Store.open(tmp_path / "copy.db") as store:
        ingest(store, [corpus_dir()], config=Config.load(env={}, reuse="off"))
        assert store.links() == []
        relink(store, Config.load(env={}))
        batch = {(x.source_id, x.target_id, x.kind) for x in store.links()}
    assert batch == incremental


def test_indexes_persist_beside_the_store_and_reload(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    files = sorted(corpus_dir().glob("meridianwire-2025-09-03*")) + sorted(
        corpus_dir().glob("*dravic-earthquake*")
    )
    with Store.open(db) as store:
        ingest(store, files[:1], config=Config.load(env={}))
        folder = index_folder(store.path)
        assert folder is not None and (folder / "meta.json").exists()
        ingest(store, files[1:], config=Config.load(env={}))  # loads the saved index, links new copies
        assert store.links(), "copies ingested in a later run were not linked to the earlier original"
        state = store.get_index_state("reuse")
        assert state is not None and state[0] == store.max_key()


def test_link_articles_in_memory_and_bad_articles() -> None:
    base = " ".join(
        f"Sentence number {i} tells of the harbour strike and its {i * 7} workers." for i in range(30)
    )
    arts = [
        Article(id="a" * 16, text=base, published="2025-01-01"),
        Article(
            id="b" * 16, text=base.replace("harbour", "harbour") + " Advertisement.", published="2025-01-02"
        ),
        Article(id="c" * 16, text=""),
        Article(id="d" * 16, text="One line only."),
        Article(id="e" * 16, text="All rights reserved. " * 50),
        Article(id="f" * 16, text="All rights reserved. " * 50 + "Sign up for our newsletter."),
    ]
    links = link_articles(arts, encoder=None)
    assert [(x.source_id[0], x.target_id[0], x.kind) for x in links] == [("a", "b", "copy")]


def test_export_links_has_documented_fields(demo_store: Store, tmp_path: Path) -> None:
    from storytrace.export import LINK_FIELDS

    out = tmp_path / "links.jsonl"
    n = export_to(demo_store, out, what="links")
    recs = [json.loads(line) for line in out.read_text().splitlines()]
    assert n == len(recs) == len(demo_store.links()) > 0
    assert list(recs[0]) == [f for f, _ in LINK_FIELDS]
    assert export_to(demo_store, tmp_path / "links.parquet", what="links", format="parquet") == n
    assert export_to(demo_store, tmp_path / "links.csv", what="links", format="csv") == n


def test_outlet_report_ranks_the_content_farm_first(demo_store: Store) -> None:
    rows = outlet_report(demo_store)
    farm = next(o for o in load_manifest()["outlets"].values() if o["kind"] == "content_farm")["name"]
    assert rows[0].outlet == farm
    assert rows[0].sources and rows[0].farm_score > 0.5


@pytest.mark.parametrize("command", ["links", "outlets"])
def test_cli_links_and_outlets(demo_store: Store, command: str) -> None:
    runner = CliRunner()
    ids = _file_to_id(demo_store)
    args = [command, "--db", demo_store.path]
    if command == "links":
        args.insert(1, ids["newspulsehub-2025-09-03-earthquake-kills-at-least-25.html"])
    result = runner.invoke(app, args, env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    if command == "links":
        assert "rewrite" in result.stdout and "original" in result.stdout
        assert re.search(r"qualifier", result.stdout)
    else:
        assert "NewsPulse Hub" in result.stdout


def test_article_links_view_texts_match_offsets(demo_store: Store) -> None:
    for link in demo_store.links()[:10]:
        view = article_links(demo_store, link.target_id)
        for item in view.links:
            for src, dst in item.passage_texts:
                assert src.strip() and dst.strip()


def test_extremely_long_articles_link_without_trouble() -> None:
    paras = [
        f"Paragraph {i} reports that the harbour authority counted {i * 13} ships and {i * 7} cranes "
        f"idle at berth {i % 40} during the long strike, officials in district {i % 17} said."
        for i in range(1500)
    ]
    original = Article(id="1" * 16, text="\n\n".join(paras), published="2025-01-01")
    copy = Article(id="2" * 16, text="\n\n".join(paras[:1200]) + "\n\nAdvertisement", published="2025-01-02")
    other = Article(id="3" * 16, text="\n\n".join(p.replace("harbour", "airport") for p in paras[::50]))
    links = link_articles([original, copy, other], encoder=None)
    kinds = {(x.source_id[0], x.target_id[0]): x.kind for x in links}
    assert kinds.get(("1", "2")) == "copy"


def test_links_view_explains_short_and_multiply_seen_articles(tmp_path: Path) -> None:
    short = tmp_path / "short.jsonl"
    body = "Brief. " + " ".join(["word"] * 30)
    short.write_text(json.dumps({"title": "t", "text": body, "url": "https://a.example/1"}) + "\n")
    with Store.open(tmp_path / "v.db") as store:
        ingest(store, [short], config=Config.load(env={}, reuse="lexical"))
        ingest(store, [short], urls=[], config=Config.load(env={}, reuse="lexical"))
        (article,) = store.articles()
        view = article_links(store, article.id)
        assert view.links == []
        assert any("too little text" in n for n in view.notes)


def test_ingest_report_counts_the_links_left_after_late_originals(tmp_path: Path) -> None:
    # Copies first, the wire original last: the copies' links to each other are
    # retired when the original arrives, and the report counts what remains.
    names = [
        "dailylantern-2025-09-03-quake-terror.html",
        "harbourchronicle-2025-09-03-dravic-earthquake.html",
        "eastbridgeobserver-2025-09-04-brasta-stone-houses.html",
        "valemontpost-2025-09-03-dravic-earthquake.html",
        "meridianwire-2025-09-03-dravic-earthquake.html",
    ]
    with Store.open(tmp_path / "late.db") as store:
        report = None
        for name in names:  # one ingest run per file, as pages arrive
            report = ingest(store, [corpus_dir() / name], config=Config.load(env={}, reuse="lexical"))
        assert store.count_links() == {"copy": 3, "partial": 1}
        wire = _file_to_id(store)["meridianwire-2025-09-03-dravic-earthquake.html"]
        assert {x.source_id for x in store.links()} == {wire}
        assert report is not None and report.links.get("copy") == 3
    with Store.open(tmp_path / "one-run.db") as store:
        src = tmp_path / "pages"
        src.mkdir()
        for i, name in enumerate(names):  # file names sort in arrival order
            (src / f"{i}-{name}").write_bytes((corpus_dir() / name).read_bytes())
        report = ingest(store, [src], config=Config.load(env={}, reuse="lexical", batch_size=1))
        assert store.count_links() == {"copy": 3, "partial": 1}
        assert {k: n for k, n in report.links.items() if n} == {"copy": 3, "partial": 1}


def test_an_interrupted_run_is_relinked_by_the_next(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from storytrace.reuse import stored

    names = [
        "meridianwire-2025-09-03-dravic-earthquake.html",
        "valemontpost-2025-09-03-dravic-earthquake.html",
    ]
    cfg = Config.load(env={}, reuse="lexical")
    with Store.open(tmp_path / "i.db") as store:
        ingest(store, [corpus_dir() / names[0]], config=cfg)

        def boom(self: object) -> object:
            raise KeyboardInterrupt

        monkeypatch.setattr(stored.StoreLinker, "iter_catch_up", boom)
        with pytest.raises(KeyboardInterrupt):
            ingest(store, [corpus_dir() / names[1]], config=cfg)
        assert store.count_articles() == 2 and store.links() == []
        monkeypatch.undo()
        ingest(store, [corpus_dir() / names[1]], config=cfg)  # a duplicate now, but linking catches up
        assert store.count_links() == {"copy": 1}


def test_minilm_reads_only_the_sentences_that_can_pair(demo_store: Store) -> None:
    from storytrace.embed import default_encoder
    from storytrace.reuse import detector as det

    rewrite = next(x for x in demo_store.links() if x.kind == "rewrite")
    source, target = demo_store.get_article(rewrite.source_id), demo_store.get_article(rewrite.target_id)

    from dataclasses import replace

    from storytrace.reuse.params import ReuseParams

    shipped = ReuseParams()

    def run(floor: float) -> tuple[list[tuple[str, str, str, float]], list[int]]:
        params = replace(shipped, candidates=replace(shipped.candidates, sentence_floor=floor))
        encoder = default_encoder()
        by_key = {1: source, 2: target}
        detector = det.ReuseDetector(
            det.ReuseIndex.create(with_sentences=True),
            lambda keys: {k: by_key[k] for k in keys if k in by_key},
            encoder,
            candidate_encoder=det.static_encoder_for(encoder),
            params=params,
        )
        found = detector.link(by_key.items())
        return [(x.source_id, x.target_id, x.kind, x.score) for x in found], detector.encoded

    every, read_all = run(-1.0)
    assert [k for *_, k, _ in every] == ["rewrite"] and read_all[0] == read_all[1]
    assert run(shipped.candidates.sentence_floor)[0] == every  # what the floor leaves out could not have paired
    # A floor high enough to leave sentences out (static vectors of news sentences are
    # all within about 0.8-0.94 of each other): fewer read, the rewrite still found.
    some, read_some = run(0.95)
    assert read_some[1] == read_all[1] and read_some[0] < read_all[0]
    assert [k for *_, k, _ in some] == ["rewrite"]
