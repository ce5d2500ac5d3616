from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from storytrace import Config, Store, ingest
from storytrace.demo import corpus_dir, load_manifest
from storytrace.model import Document
from storytrace.pipeline import extract_stage

PARAS = [
    "Negotiators from both delegations met for a third day in the lakeside city on Tuesday, "
    "officials said, as mediators pressed for a pause in the fighting that has lasted months.",
    "As many as 25 people were killed in overnight shelling, according to the regional health office, "
    "which said 1,200 more had been wounded since the start of the month.",
    "A spokesperson for the mediators said the sides had agreed on an agenda but not on the sequence "
    "of a prisoner exchange, and that talks would continue on Wednesday morning.",
]


def _page(title: str, paras: list[str], extra: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (
        f"<html lang='en'><head><title>{title}</title><meta property='og:site_name' content='Harbor Daily'>"
        f"</head><body><nav>Home / World</nav><article><h1>{title}</h1>{extra}{body}</article>"
        "<footer>Copyright Harbor Daily</footer></body></html>"
    )


def _cfg() -> Config:
    return Config.load(env={}, reuse="off")  # linking is tested in test_reuse_detector


def test_ingest_is_idempotent_and_counts_sightings(tmp_path: Path, store: Store) -> None:
    (tmp_path / "a.html").write_text(_page("Talks resume", PARAS), encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text(_page("Another headline", PARAS), encoding="utf-8")
    first = ingest(store, [tmp_path], config=_cfg())
    assert first.counts() == {"ingested": 1, "duplicates": 1, "skipped": 0, "failed": 0}
    again = ingest(store, [tmp_path], config=_cfg())
    assert again.counts() == {"ingested": 0, "duplicates": 2, "skipped": 0, "failed": 0}
    assert store.count_articles() == 1
    (article,) = store.articles(with_sightings=True)
    assert sorted(Path(s.source).name for s in article.sightings) == ["a.html", "b.html"]
    assert all(s.times == 2 for s in article.sightings)


def test_bad_items_are_reported_and_the_run_goes_on(tmp_path: Path, store: Store) -> None:
    (tmp_path / "good.html").write_text(_page("Talks resume", PARAS), encoding="utf-8")
    (tmp_path / "binary.bin").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "nav.html").write_text("<html><body><nav>Home / World</nav></body></html>")
    (tmp_path / "cut.html.gz").write_bytes(gzip.compress(_page("x", PARAS).encode())[:60])
    (tmp_path / "items.jsonl").write_text(
        json.dumps({"title": "Line one", "text": "\n\n".join(PARAS[:2]), "outlet": "Wire", "desk": "world"})
        + "\n{not json\n"
        + json.dumps({"title": "Line three", "text": "\n\n".join(PARAS[1:])})
        + "\n",
        encoding="utf-8",
    )
    report = ingest(store, [tmp_path, tmp_path / "missing.html"], config=_cfg())
    counts = report.counts()
    assert counts["ingested"] == 3
    assert counts["skipped"] + counts["failed"] == 6
    items = {Path(p.item.split("#")[0]).name for p in report.problems}
    assert {"binary.bin", "empty.html", "nav.html", "cut.html.gz", "items.jsonl", "missing.html"} <= items
    assert all(p.reason and "\n" not in p.reason for p in report.problems)
    assert store.problems(report.run_id) == report.problems
    jsonl_article = next(a for a in store.articles() if a.title == "Line one")
    assert jsonl_article.extra == {"desk": "world"}
    assert jsonl_article.outlet == "Wire"


def test_extract_stage_turns_exceptions_into_problems() -> None:
    docs = [
        Document("ok.html", "file", _page("Talks", PARAS).encode()),
        Document("nul.html", "file", b"\x00\x01\x02" * 100),
        Document("short.txt", "file", "Too short.", media_type="text"),
    ]
    items, problems = extract_stage(docs, _cfg(), "2026-01-01T00:00:00+00:00")
    assert [s.source for _, s in items] == ["ok.html"]
    assert {p.item for p in problems} == {"nul.html", "short.txt"}
    assert all(p.stage == "extract" for p in problems)


def test_progress_reports_every_input(tmp_path: Path, store: Store) -> None:
    for i in range(3):
        (tmp_path / f"{i}.html").write_text(_page(f"T{i}", PARAS[i:] + PARAS[:i]), encoding="utf-8")
    seen = []
    ingest(store, [tmp_path], config=_cfg(), progress=seen.append)
    assert [(p.done, p.total) for p in seen] == [(1, 3), (2, 3), (3, 3)]


def test_demo_corpus_ingests_cleanly(demo_store: Store) -> None:
    manifest = load_manifest()
    pages = manifest["pages"]
    articles = [p for p in pages if not p.get("no_article")]
    assert demo_store.count_articles() >= 40
    outlets = {a.outlet for a in demo_store.articles(limit=None)}
    assert len(outlets) >= 8
    # every page with an article is stored, and every no-article page was skipped
    sources = {
        Path(s.source).name for a in demo_store.articles(limit=None, with_sightings=True) for s in a.sightings
    }
    assert {p["file"] for p in articles} <= sources
    assert not {p["file"] for p in pages if p.get("no_article")} & sources
    assert corpus_dir().is_dir()


@pytest.mark.parametrize("limit", [1, 7])
def test_batch_size_does_not_change_the_result(tmp_path: Path, limit: int) -> None:
    with Store.open(tmp_path / "b.db") as s:
        report = ingest(s, [corpus_dir()], config=Config.load(env={}, batch_size=limit, reuse="off"))
        assert report.counts()["failed"] == 0
        assert s.count_articles() == len(set(report.ingested))


def test_batches_run_across_files_and_progress_counts_every_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storytrace import pipeline

    folder = tmp_path / "pages"
    folder.mkdir()
    for i in range(5):
        words = " ".join(f"word{i}x{j}" for j in range(40))
        (folder / f"{i}.txt").write_text(f"Title {i}\n\n{words}.", encoding="utf-8")
    sizes: list[int] = []
    real = pipeline._ingest_batch

    def counted(store, batch, config, report):  # type: ignore[no-untyped-def]
        sizes.append(len(batch))
        return real(store, batch, config, report)

    monkeypatch.setattr(pipeline, "_ingest_batch", counted)
    seen: list[tuple[int, int]] = []
    config = Config.load(env={}, reuse="off", stories="off", facts="off", batch_size=2)
    with Store.open(tmp_path / "s.db") as store:
        report = pipeline.ingest(
            store,
            [folder, tmp_path / "missing.txt"],
            config=config,
            progress=lambda p: seen.append((p.done, p.total)),
        )
        assert len(report.ingested) == 5 and store.count_articles() == 5
    assert sizes == [2, 2, 2]  # five pages and the missing file's problem, two at a time
    assert seen == [(n, 6) for n in range(1, 7)]
