"""The web app and JSON API, in process (httpx ASGI client): every endpoint, errors, access, escaping."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from lxml import html as lxml_html

from storytrace import Config, Store, ingest
from storytrace.web import create_app
from storytrace.web.app import CSP

TOKEN = "s3cret-token"
LOCAL = ("127.0.0.1", 50000)
REMOTE = ("203.0.113.7", 50000)


def _client(app, client=LOCAL) -> httpx.Client:
    # httpx's sync client cannot drive an ASGI app; run the async one through a portal.
    from starlette.testclient import TestClient

    tc = TestClient(app, client=client, raise_server_exceptions=True)
    return tc


@pytest.fixture(scope="module")
def demo_app(demo_store: Store) -> Iterator:
    app = create_app(demo_store.path, token=TOKEN, config=Config.load(env={}))
    with _client(app) as client:
        yield client


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator:
    app = create_app(
        tmp_path / "w.db", token=TOKEN, max_upload_bytes=20_000, config=Config.load(env={}, reuse="off")
    )
    with _client(app) as client:
        yield client


def _a_story(client) -> str:
    """A story whose facts hold a status beyond single-source (with its evidence)."""
    rows = client.get("/api/stories", params={"limit": 200}).json()["items"]
    for r in sorted(rows, key=lambda r: -r["story"]["n_articles"]):
        facts = client.get(f"/api/stories/{r['story']['id']}/facts").json()
        if any(g["status"] != "single-source" for g in facts):
            return r["story"]["id"]
    raise AssertionError("no story of the demo has a checked status")


# -- reads ----------------------------------------------------------------------------


def test_story_list_api_paginates_and_counts(demo_app) -> None:
    first = demo_app.get("/api/stories", params={"limit": 5}).json()
    assert (
        first["total"] >= 7 and first["limit"] == 5
    )  # the demo has seven events and len(first["items"]) == 5
    second = demo_app.get("/api/stories", params={"limit": 5, "offset": 5}).json()
    assert {r["story"]["id"] for r in first["items"]}.isdisjoint({r["story"]["id"] for r in second["items"]})
    rows = demo_app.get("/api/stories", params={"limit": 200}).json()["items"]
    assert sum(r["copies"] for r in rows) >= 10
    assert all(r["outlets"] == len(r["story"]["outlets"]) for r in rows)
    searched = demo_app.get("/api/stories", params={"q": "earthquake"}).json()
    assert 1 <= searched["total"] < first["total"]  # stories with an article that matches
    by_outlet = demo_app.get("/api/stories", params={"outlet": "KBN News"}).json()["items"]
    assert by_outlet and all("KBN News" in r["story"]["outlets"] for r in by_outlet)
    dated = demo_app.get("/api/stories", params={"since": "2026-01-01"}).json()["items"]
    assert dated and all(r["story"]["last_published"] >= "2026" for r in dated)


def test_story_api_has_timeline_graph_facts_and_quotes(demo_app) -> None:
    sid = _a_story(demo_app)
    page = demo_app.get(f"/api/stories/{sid}").json()
    assert page["story"]["id"] == sid
    assert page["timeline"] and all(0 <= p["x"] <= 1 for p in page["timeline"])
    assert any(p["relation"] == "first" for p in page["timeline"])
    shown = [g for g in page["facts"] if g["status"] != "single-source"]
    assert shown and all(0 < g["confidence"] <= 1 and len(g["pair"]) == 2 for g in shown)
    assert all(g["values"][i]["sentence"] for g in shown for i in g["pair"])
    facts = demo_app.get(f"/api/stories/{sid}/facts").json()
    assert [g["status"] for g in facts] == [g["status"] for g in page["facts"]]
    links = demo_app.get(f"/api/stories/{sid}/links").json()
    assert len(links) == len(page["graph"])


def test_article_compare_entities_outlets_search_figures(demo_app) -> None:
    items = demo_app.get("/api/articles", params={"limit": 100}).json()["items"]
    copy = next(a for a in items if demo_app.get(f"/api/articles/{a['id']}").json()["sources"])
    page = demo_app.get(f"/api/articles/{copy['id']}").json()
    marked = [s for s in page["segments"] if s["source"] is not None]
    assert marked and "".join(s["text"] for s in page["segments"]) == copy["text"]
    source = page["sources"][0]["article_id"]
    both = demo_app.get(f"/api/articles/{copy['id']}/compare/{source}").json()
    assert both["source"]["id"] == source and both["target"]["id"] == copy["id"]
    assert both["passages"] and "".join(s["text"] for s in both["target_segments"]) == copy["text"]
    assert demo_app.get(f"/api/articles/{copy['id']}/entities").json()
    outlets = demo_app.get("/api/outlets").json()
    assert {o["outlet"] for o in outlets} >= {"Meridian Wire", "NewsPulse Hub"}
    outlet = demo_app.get("/api/outlets/NewsPulse Hub").json()
    assert outlet["reuse"]["rewrites"] >= 1 and outlet["stories"]
    assert demo_app.get("/api/search", params={"q": "ceasefire"}).json()["items"]
    tracks = demo_app.get("/api/figures", params={"q": "death toll"}).json()
    assert any(t["points"][-1]["value"] == 51140 for t in tracks)
    assert demo_app.get("/api/health").json()["status"] == "ok"


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/stories/s-000000000000", 404),
        ("/api/stories/bad id!", 400),
        ("/api/articles/ffffffffffffffff", 404),
        ("/api/articles/%3Cscript%3E", 400),
        ("/api/outlets/No Such Outlet", 404),
        ("/api/stories?limit=0", 422),
        ("/api/stories?limit=100000", 422),
        ("/api/stories?offset=-1", 422),
        ("/api/stories?since=yesterday", 400),
        ("/api/stories?q=%22unbalanced", 400),
        ("/api/search", 422),
        ("/api/jobs/nope", 404),
        ("/api/nothing-here", 404),
    ],
)
def test_bad_requests_get_one_clear_json_error(demo_app, path: str, status: int) -> None:
    r = demo_app.get(path)
    assert r.status_code == status, r.text
    body = r.json()
    assert body["status"] == status and body["error"] and "Traceback" not in body["error"]


def test_pages_render_with_a_strict_policy(demo_app) -> None:
    sid = _a_story(demo_app)
    for path in ("/", f"/stories/{sid}", "/outlets", "/outlets/KBN News", "/figures?q=hostages", "/ingest"):
        r = demo_app.get(path)
        assert r.status_code == 200, path
        assert r.headers["content-security-policy"] == CSP
        assert r.headers["x-content-type-options"] == "nosniff"
        doc = lxml_html.fromstring(r.text)
        assert not doc.xpath("//*[@style]"), f"{path}: inline style attributes break the policy"
        assert all(s.get("src", "").startswith("/static/") for s in doc.xpath("//script")), path
    page = demo_app.get(f"/stories/{sid}").text
    assert 'class="badge status-corroborated"' in page and "<svg" in page
    assert 'class="evidence"' in page and "confidence 0." in page
    missing = demo_app.get("/stories/s-000000000000", headers={"accept": "text/html"})
    assert missing.status_code == 404 and "is not a story" in missing.text


# -- access and writes ---------------------------------------------------------------------


def test_reads_from_other_machines_need_the_token(demo_store: Store) -> None:
    app = create_app(demo_store.path, token=TOKEN, config=Config.load(env={}))
    with _client(app, REMOTE) as remote:
        assert remote.get("/api/stories").status_code == 401
        assert remote.get("/api/stories", headers={"authorization": f"Bearer {TOKEN}"}).status_code == 200
        assert remote.get("/api/health").status_code == 200
    public = create_app(demo_store.path, public_reads=True, config=Config.load(env={}))
    with _client(public, REMOTE) as remote:
        assert remote.get("/api/stories").status_code == 200
        assert remote.delete("/api/articles/abcd").status_code == 403  # no token configured: writes off


def test_writes_need_the_right_token(fresh, tmp_path: Path) -> None:
    files = {"files": ("a.txt", b"Title\n\n" + b"Word " * 60, "text/plain")}
    assert fresh.post("/api/ingest", files=files).status_code == 401
    assert (
        fresh.post("/api/ingest", files=files, headers={"authorization": "Bearer wrong"}).status_code == 401
    )
    assert fresh.delete("/api/articles/abcd").status_code == 401


def test_ingest_upload_runs_the_pipeline_and_reports_progress(fresh) -> None:
    text = "Quake toll rises\n\nAt least 25 people were killed in the quake, officials said on Monday. " * 3
    files = [
        ("files", ("../../etc/passwd.txt", text.encode(), "text/plain")),
        ("files", ("b.txt", b"too short", "text/plain")),
    ]
    r = fresh.post("/api/ingest", files=files, data={"token": TOKEN})
    assert r.status_code == 202, r.text
    job = r.json()
    assert r.headers["location"] == f"/api/jobs/{job['id']}"
    for _ in range(200):
        job = fresh.get(f"/api/jobs/{job['id']}").json()
        if job["state"] in ("done", "failed"):
            break
        time.sleep(0.05)
    assert job["state"] == "done", job
    assert job["counts"]["ingested"] == 1 and job["counts"]["skipped"] == 1
    assert job["done"] == job["total"] == 2
    assert job["facts"]["figures"] >= 1
    article = fresh.get("/api/articles").json()["items"][0]
    (seen,) = fresh.get(f"/api/articles/{article['id']}").json()["article"]["sightings"]
    assert seen["source"].endswith("-passwd.txt") and "/etc/" not in seen["source"]  # the name, not the path
    deleted = fresh.delete(f"/api/articles/{article['id']}", headers={"authorization": f"Bearer {TOKEN}"})
    assert deleted.status_code == 200 and fresh.get("/api/articles").json()["items"] == []


def test_oversized_and_empty_uploads_are_refused(fresh) -> None:
    big = {"files": ("big.txt", b"x" * 30_000, "text/plain")}
    r = fresh.post("/api/ingest", files=big, data={"token": TOKEN})
    assert r.status_code == 413 and "limit" in r.json()["error"]
    r = fresh.post("/api/ingest", data={"token": TOKEN, "urls": "  \n "})
    assert r.status_code == 400 and "nothing to ingest" in r.json()["error"]


def test_url_ingest_refuses_private_addresses(fresh) -> None:
    r = fresh.post(
        "/api/ingest", data={"token": TOKEN, "urls": "http://127.0.0.1:9/secret\nhttp://10.0.0.1/x"}
    )
    job = r.json()
    for _ in range(200):
        job = fresh.get(f"/api/jobs/{job['id']}").json()
        if job["state"] in ("done", "failed"):
            break
        time.sleep(0.05)
    assert job["state"] == "done" and job["counts"]["ingested"] == 0
    assert len(job["problems"]) == 2 and all("private" in p["reason"] for p in job["problems"])


# -- untrusted text ------------------------------------------------------------------------

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_article_text_and_titles_render_as_text(tmp_path: Path) -> None:
    record = {
        "title": f"Title {HOSTILE}",
        "text": f"Lead paragraph {HOSTILE} with enough words to be kept as an article here. " * 4,
        "outlet": f"Outlet {HOSTILE}",
        "url": "javascript:alert(1)",
        "published": "2025-01-01T10:00:00+00:00",
    }
    (tmp_path / "in.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    with Store.open(tmp_path / "x.db") as store:
        ingest(store, [tmp_path / "in.jsonl"], config=Config.load(env={}, reuse="off"))
        (article,) = store.articles(limit=None)
        sid = store.story_of([article.id])[article.id]
    app = create_app(tmp_path / "x.db", config=Config.load(env={}))
    with _client(app) as client:
        for path in (
            "/",
            f"/stories/{sid}",
            f"/articles/{article.id}",
            "/outlets",
            f"/outlets/{article.outlet}",
        ):
            r = client.get(path)
            assert r.status_code == 200, path
            assert "<script>alert" not in r.text and "onerror=alert" not in r.text.replace(
                "onerror=alert(1)&gt;", ""
            )
            doc = lxml_html.fromstring(r.text)
            assert not [e for e in doc.iter() if any(k.startswith("on") for k in e.attrib)], path
            assert not doc.xpath("//a[starts-with(@href, 'javascript:')]"), path
            assert "&lt;script&gt;" in r.text, path


@pytest.mark.evaluation
def test_every_page_escapes_the_xss_payload_lists(xss_store: Store) -> None:
    """Titles, texts, outlets, authors and URLs from ../shared/data/malformed/xss-payloads."""
    app = create_app(xss_store.path, config=Config.load(env={}))
    articles = xss_store.articles(limit=None)
    assert len(articles) >= 40
    stories = {s for s in xss_store.story_of([a.id for a in articles]).values()}
    outlets = {a.outlet for a in articles if a.outlet}
    paths = ["/", "/outlets", "/figures?q=report"]
    paths += [f"/stories/{sid}" for sid in sorted(stories)]
    paths += [f"/articles/{a.id}" for a in articles]
    # Starlette's test client decodes a path twice, so names holding "%" are left to the
    # browser test (a real server decodes once).
    paths += ["/outlets/" + quote(o, safe="/") for o in sorted(outlets) if "%" not in o]
    with _client(app) as client:
        for path in paths:
            r = client.get(path)
            assert r.status_code == 200, (path, r.text[:300])
            doc = lxml_html.fromstring(r.text)
            handlers = [
                (e.tag, k)
                for e in doc.iter()
                if isinstance(e.tag, str)
                for k in e.attrib
                if k.lower().startswith("on")
            ]
            assert not handlers, (path, handlers[:3])
            scripts = [e.get("src") for e in doc.iter("script")]
            assert all(src and src.startswith("/static/") for src in scripts), (path, scripts)
            bad_links = [
                v
                for e in doc.iter()
                if isinstance(e.tag, str)
                for k, v in e.attrib.items()
                if k in ("href", "src", "action", "formaction", "xlink:href")
                and not v.startswith(("/", "http://", "https://", "?", "#"))
            ]
            assert not bad_links, (path, bad_links[:3])
            assert not doc.xpath("//iframe|//object|//embed|//base|//meta[@http-equiv]"), path


def test_serve_command_wires_the_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from storytrace.cli import app as cli

    started = {}

    def fake_run(app, *, host: str, port: int, log_level: str) -> None:
        started.update(app=app, host=host, port=port)

    monkeypatch.setattr("uvicorn.run", fake_run)
    monkeypatch.setenv("STORYTRACE_TOKEN", TOKEN)
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "s.db"), "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert started["port"] == 8123 and started["host"] == "127.0.0.1"
    assert "writes: on" in result.output
    assert started["app"].state.token == TOKEN and not started["app"].state.public_reads


def test_a_guessed_direction_is_shown_without_an_arrow(tmp_path: Path) -> None:
    # Two undated reports share two paragraphs, each with as much text of its own around
    # them: the story page says they share text and that which came first is unknown.
    shared = [
        "Rescue teams pulled at least 40 people from rooftops and cars overnight, and one man in his "
        "seventies was missing after his car was swept off a bridge near Leoben, police said.",
        "The national weather service said another 80 millimetres of rain could fall on the region by "
        "Thursday, and warned that the river would not peak before Wednesday evening.",
    ]
    own_a = [
        "Residents of the lower Mur valley spent the night in school gyms and parish halls as the water rose.",
        "Maria Holt, 62, said neighbours in a rowing boat took her from her first-floor window before dawn.",
        "Shopkeepers on the main square said they had moved stock upstairs but expected to lose most of it.",
    ]
    own_b = [
        "The town's mayor said the dykes built after the last great flood had held until late on Monday.",
        "Volunteers from nearby villages brought blankets, bread and dry clothes to the shelters on Tuesday.",
        "Police closed the old bridge at Leoben to traffic late on Tuesday as the water kept rising fast.",
    ]
    rows = [
        {"id": "alpha-1", "title": "Mur valley flood", "outlet": "Alpha Daily",
         "text": "\n\n".join(own_a[:2] + shared + own_a[2:])},
        {"id": "beta-1", "title": "Flood in the Mur valley", "outlet": "Beta News",
         "text": "\n\n".join(own_b[:1] + shared + own_b[1:])},
    ]
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    with Store.open(tmp_path / "x.db") as store:
        ingest(store, [tmp_path / "in.jsonl"], config=Config.load(env={}, reuse="lexical"))
        (link,) = store.links()
        assert link.direction.decided_by == "ingest_order"
        sid = store.story_of([link.source_id])[link.source_id]
        assert store.story_of([link.target_id])[link.target_id] == sid
    app = create_app(tmp_path / "x.db", config=Config.load(env={}))
    with _client(app) as client:
        page = client.get(f"/stories/{sid}").text
        graph = lxml_html.fromstring(page).xpath("//ul[@id='reuse-graph']/li")[0].text_content()
        assert "↔" in graph and "→" not in graph and "which came first is unknown" in graph
        outlets = client.get("/outlets").text
        assert "Shared, direction unknown" in outlets
        summary = client.get(f"/api/stories/{sid}/links").json()
        assert summary[0]["direction_by"] == "ingest_order"


def test_a_tie_for_first_report_is_said_and_listed(tmp_path: Path) -> None:
    # Two outlets carry the same report dated the same day without a time: neither can be
    # named first; the page says so and lists both, by title rather than id.
    text = "\n\n".join(
        [
            "Flood waters forced more than 3,000 people from their homes in the Mur valley on Tuesday after "
            "two days of heavy rain burst the banks of the river in several places, regional officials said.",
            "The regional governor, Anna Keller, declared a state of emergency for six districts and asked the "
            "army to send boats and helicopters to reach villages cut off by the water.",
            "Rescue teams pulled at least 40 people from rooftops and cars overnight, and one man in his "
            "seventies was missing after his car was swept off a bridge near Leoben, police said.",
        ]
    )
    rows = [
        {"id": "alpha-1", "title": "Thousands flee Mur valley flood", "outlet": "Alpha Daily",
         "date": "2021-04-27", "text": text},
        {"id": "beta-1", "title": "Mur valley flood forces 3,000 out", "outlet": "Beta News",
         "date": "2021-04-27", "text": text + "\n\nRead more about the floods on our website."},
    ]
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    with Store.open(tmp_path / "x.db") as store:
        ingest(store, [tmp_path / "in.jsonl"], config=Config.load(env={}, reuse="lexical"))
        ids = [a.id for a in store.articles(limit=None)]
        stories = store.story_of(ids)
        assert len(set(stories.values())) == 1
        sid = stories[ids[0]]
    app = create_app(tmp_path / "x.db", config=Config.load(env={}))
    with _client(app) as client:
        doc = lxml_html.fromstring(client.get(f"/stories/{sid}").text)
        said = doc.xpath("//p[@id='first-report']")[0].text_content()
        assert "by 2 articles at once" in said and "2021-04-27" in said
        listed = [li.text_content() for li in doc.xpath("//ul[@id='first-reporters']/li")]
        assert sorted(listed) == [
            "Alpha Daily: Thousands flee Mur valley flood",
            "Beta News: Mur valley flood forces 3,000 out",
        ]
        story = client.get(f"/api/stories/{sid}").json()["story"]
        assert story["first_by"] == "tie" and len(story["first_tied"]) == 2
