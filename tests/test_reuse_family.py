"""Copy families: from any copy, its original and every other copy of that original."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from storytrace import Article, Config, ConfigError, Direction, ReuseLink, Sighting, Store, copy_family
from storytrace.api import article_links
from storytrace.cli import app as cli_app
from storytrace.web import create_app

Q, O, A, B, C, P, U, X, Y = (f"{n:02x}" * 8 for n in range(0xF1, 0xFA))
NAMES = {Q: "Older", O: "Wire", A: "Alpha", B: "Bravo", C: "Charlie", P: "Partial", U: "Unrelated"}
NAMES |= {X: "Other wire", Y: "Other copy"}
FAMILY = {A, B, C}  # copies of O, C through A


def _link(source: str, target: str, kind: str, score: float) -> ReuseLink:
    direction = Direction("published", 0.9, "2026-01-01", "2026-01-02", 0.95, 0.9)
    return ReuseLink(source, target, kind, score, direction)  # type: ignore[arg-type]


def _fill(store: Store, names: dict[str, str], links: list[ReuseLink]) -> None:
    store.write_articles(
        [
            (
                Article(id=i, text=f"Text of {name}.", title=f"{name} headline", outlet=f"{name} News"),
                Sighting(f"{name}.txt", "file", None, "2026-01-01", "2026-01-01"),
            )
            for i, name in names.items()
        ]
    )
    store.save_links(links)


@pytest.fixture
def family_store(store: Store) -> Store:
    """O with copies A and B, C a copy of A, P partly reusing O, U alone; O partly reuses older Q."""
    _fill(
        store,
        NAMES,
        [
            _link(O, A, "copy", 0.95),
            _link(O, B, "copy", 0.91),
            _link(A, C, "copy", 0.93),
            _link(O, P, "partial", 0.40),
            _link(Q, O, "partial", 0.35),  # upstream of the original: not family
            _link(X, Y, "copy", 0.99),  # another family altogether
        ],
    )
    return store


def _ids(members: list) -> set[str]:  # type: ignore[type-arg]
    return {m.article.id for m in members}


@pytest.mark.parametrize("asked", [O, A, B, C])
def test_every_member_sees_the_same_family(family_store: Store, asked: str) -> None:
    fam = copy_family(family_store, asked[:8])
    assert fam.article_id == asked
    assert fam.original is not None and fam.original.id == O
    assert fam.original.outlet == "Wire News" and fam.original.title == "Wire headline"
    assert [m.article.id for m in fam.members] == [A, B, C]  # nearest the original, strongest first
    assert _ids(fam.partial) == {P}
    assert fam.more_members == fam.more_partial == 0
    rel = {m.article.id: m for m in fam.members + fam.partial}
    assert rel[A].relation == f"copy of {O}" and rel[A].path == [O] and rel[A].source_id == O
    assert rel[B].relation == f"copy of {O}"
    assert rel[C].relation == f"copy of {A}, which copies {O}" and rel[C].path == [O, A]
    assert rel[P].relation == f"partial reuse of {O}" and rel[P].kind == "partial"
    assert rel[C].score == pytest.approx(0.93) and rel[C].direction.decided_by == "published"
    assert rel[B].article.outlet == "Bravo News" and rel[B].article.title == "Bravo headline"


@pytest.mark.parametrize("asked", [U, P, Q])
def test_articles_outside_any_copy_family_have_none(family_store: Store, asked: str) -> None:
    # U has no links; P only reuses passages of O; Q is only partly reused by O.
    fam = copy_family(family_store, asked)
    assert fam.original is None and fam.members == [] and fam.partial == []


def test_partial_reuse_of_a_copy_is_listed_with_its_path(family_store: Store) -> None:
    extra = "00000000000000aa"
    _fill(family_store, {extra: "Late"}, [_link(C, extra, "partial", 0.3)])
    fam = copy_family(family_store, B)
    rel = {m.article.id: m.relation for m in fam.partial}
    assert rel == {
        P: f"partial reuse of {O}",
        extra: f"partial reuse of {C}, which copies {A}, which copies {O}",
    }


def test_a_rewrite_is_a_member_and_a_partial_link_never_shadows_a_copy(family_store: Store) -> None:
    r = "00000000000000bb"
    # R is partly linked to A (strongly) and a rewrite of B: it belongs to the family, once
    _fill(family_store, {r: "Rewriter"}, [_link(B, r, "rewrite", 0.8)])
    family_store.save_links([_link(O, r, "partial", 0.97)])  # replaces nothing: another pair
    fam = copy_family(family_store, r)
    assert fam.original is not None and fam.original.id == O
    assert r not in _ids(fam.partial)
    # the strongest link from the nearest generation: O's partial link is not a copy, B's rewrite is
    member = next(m for m in fam.members if m.article.id == r)
    assert member.kind == "rewrite" and member.relation == f"rewrite of {B}, which copies {O}"


def test_the_cap_lists_the_same_members_from_anywhere_and_counts_the_rest(store: Store) -> None:
    wire = "00000000000000f0"
    copies = [f"{0x100 + n:016x}" for n in range(7)]
    names = {wire: "Wire"} | {c: f"Copy {n}" for n, c in enumerate(copies)}
    users = [f"{0x200 + n:016x}" for n in range(3)]
    names |= {u: f"User {n}" for n, u in enumerate(users)}
    links = [_link(wire, c, "copy", 0.99 - n / 100) for n, c in enumerate(copies)]
    links += [_link(wire, u, "partial", 0.5 - n / 100) for n, u in enumerate(users)]
    _fill(store, names, links)
    seen = []
    for asked in (wire, copies[0], copies[-1]):
        fam = copy_family(store, asked, limit=2)
        assert [m.article.id for m in fam.members] == copies[:2]  # the strongest two
        assert [m.article.id for m in fam.partial] == users[:2]
        assert (fam.more_members, fam.more_partial) == (5, 1)
        seen.append(fam.members)
    assert seen[0] == seen[1] == seen[2]
    none = copy_family(store, wire, limit=0)
    assert none.original is not None and none.members == [] and none.more_members == 7
    with pytest.raises(ConfigError, match="negative"):
        copy_family(store, wire, limit=-1)


def test_article_links_carries_the_family_unless_asked_not_to(family_store: Store) -> None:
    view = article_links(family_store, C)
    assert view.original is not None and view.original.id == O
    assert view.family is not None and _ids(view.family.members) == FAMILY
    assert article_links(family_store, C, family_limit=None).family is None


def test_store_reads_links_and_articles_of_many_ids_at_once(family_store: Store) -> None:
    got = family_store.links_from([O, A, U])
    assert [(x.source_id, x.target_id) for x in got] == [(O, A), (A, C), (O, B), (O, P)]  # strongest first
    assert {(x.source_id, x.target_id) for x in family_store.links_from([O], kinds=("partial",))} == {(O, P)}
    assert family_store.links_from([]) == []
    many = family_store.links_from([f"{n:016x}" for n in range(1000)] + [X])  # past one query's chunk
    assert [(x.source_id, x.target_id) for x in many] == [(X, Y)]
    arts = family_store.articles_by_id([O, B, "ffffffffffffffff"])
    assert set(arts) == {O, B} and arts[B].title == "Bravo headline"


# -- the command and the API -------------------------------------------------------------


def _cli(*args: str) -> str:
    result = CliRunner().invoke(cli_app, list(args), env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_cli_links_prints_the_original_and_the_sibling_copies(family_store: Store) -> None:
    out = _cli("links", B, "--db", family_store.path)
    assert f"copy family of the original {O}" in out and "Wire headline" in out
    sibling_part = out.split("also copies of the same original:")[1]
    for sibling in (A, C):
        assert sibling in sibling_part
    assert f"copy 0.93  {C}  Charlie News  Charlie headline  (copy of {A}, which copies {O})" in sibling_part
    assert f"{B}  Bravo News" not in sibling_part  # not its own sibling
    assert "partial reuse within the family:" in out and f"{P}  Partial News" in out
    assert U not in out and X not in out and Q not in out


def test_cli_links_from_the_original_and_with_a_cap(family_store: Store) -> None:
    out = _cli("links", O, "--db", family_store.path)
    assert "this article is the original" in out
    listed = out.split("copies and rewrites of this article:")[1]
    assert all(i in listed for i in (A, B, C))
    capped = _cli("links", C, "--db", family_store.path, "--family", "1")
    assert "also copies of the same original:" in capped and "... and 2 more" in capped
    assert "copy family" not in _cli("links", C, "--db", family_store.path, "--family", "0")
    assert "copy family" not in _cli("links", P, "--db", family_store.path)


@pytest.fixture
def client(family_store: Store) -> Iterator:  # type: ignore[type-arg]
    from starlette.testclient import TestClient

    web = create_app(family_store.path, token="t0ken", config=Config.load(env={}, reuse="off"))
    with TestClient(web, client=("127.0.0.1", 50000)) as tc:
        yield tc


def test_api_family_is_the_same_from_every_member(client) -> None:  # type: ignore[no-untyped-def]
    for asked in (O, A, B, C):
        got = client.get(f"/api/articles/{asked}/family")
        assert got.status_code == 200, got.text
        body = got.json()
        assert body["article_id"] == asked and body["original"]["id"] == O
        assert [m["article"]["id"] for m in body["members"]] == [A, B, C]
        assert [m["article"]["id"] for m in body["partial"]] == [P]
        c = body["members"][2]
        assert c["relation"] == f"copy of {A}, which copies {O}" and c["kind"] == "copy"
        assert c["score"] == pytest.approx(0.93) and c["direction"]["decided_by"] == "published"
        assert c["article"]["outlet"] == "Charlie News" and c["path"] == [O, A]
    alone = client.get(f"/api/articles/{U}/family").json()
    assert alone["original"] is None and alone["members"] == [] and alone["partial"] == []
    capped = client.get(f"/api/articles/{A}/family", params={"limit": 1}).json()
    assert len(capped["members"]) == 1 and capped["more_members"] == 2


def test_api_family_errors_for_unknown_and_bad_ids(client) -> None:  # type: ignore[no-untyped-def]
    missing = client.get("/api/articles/abcdef0123456789/family")
    assert missing.status_code == 404 and "no article" in missing.json()["error"]
    assert client.get("/api/articles/not*an*id/family").status_code in (400, 404)
    assert client.get(f"/api/articles/{A}/family", params={"limit": 0}).status_code in (400, 422)


def test_family_endpoint_is_in_the_openapi_schema(client) -> None:  # type: ignore[no-untyped-def]
    paths = client.get("/openapi.json").json()["paths"]
    assert "/api/articles/{article_id}/family" in paths
