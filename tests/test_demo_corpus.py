"""The bundled demo corpus and its manifest agree with each other and cover every
situation later stages are demonstrated on (copies, rewrites, partial copies,
same-topic events a year apart, rising and conflicting figures...).

Extraction itself is tested elsewhere; here we only check the ground truth.
"""

from __future__ import annotations

import html
import importlib.util
import re
from collections import Counter
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from storytrace.demo import corpus_dir, load_manifest, manifest_path

REPO = Path(__file__).resolve().parents[1]
BUILDER = REPO / "scripts" / "build_demo_corpus.py"

MANIFEST = load_manifest()
PAGES: list[dict[str, Any]] = MANIFEST["pages"]
BY_FILE = {p["file"]: p for p in PAGES}
ARTICLES = [p for p in PAGES if not p["no_article"]]


def raw_text(page: dict[str, Any]) -> str:
    return (corpus_dir() / page["file"]).read_bytes().decode(page["encoding"])


def unescaped(page: dict[str, Any]) -> str:
    return html.unescape(raw_text(page))


def relation(page: dict[str, Any]) -> dict[str, Any]:
    rel: dict[str, Any] = page["relation"]
    return rel


def figures(page: dict[str, Any], measure: str) -> list[dict[str, Any]]:
    return [f for f in page["figures"] if f["measure"] == measure]


def shingles(text: str, n: int = 8) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def load_builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("_test_build_demo_corpus", BUILDER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _Checker(HTMLParser):
    """Collects start tags and the charset meta; raises nothing, records oddities."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()
        self.ends: Counter[str] = Counter()
        self.charset: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        if tag == "meta":
            d = dict(attrs)
            if "charset" in d:
                self.charset = d["charset"]

    def handle_endtag(self, tag: str) -> None:
        self.ends[tag] += 1


# --- the module and the size of the corpus ---------------------------------------------


def test_demo_module_points_at_the_corpus_and_manifest() -> None:
    assert corpus_dir().is_dir()
    assert manifest_path().is_file()
    assert MANIFEST["version"] == 1


def test_corpus_is_large_enough_and_varied() -> None:
    assert len(PAGES) >= 40
    assert len(MANIFEST["outlets"]) >= 8
    assert len(MANIFEST["events"]) >= 6
    kinds = {o["kind"] for o in MANIFEST["outlets"].values()}
    assert {"wire", "content_farm"} <= kinds
    assert {p["outlet_id"] for p in PAGES} == set(MANIFEST["outlets"])
    assert all(p["event"] in MANIFEST["events"] for p in ARTICLES)
    # some outlets ship JSON-LD, others do not
    with_ld = {o for o, v in MANIFEST["outlets"].items() if v["json_ld"]}
    assert with_ld and with_ld != set(MANIFEST["outlets"])
    for page in ARTICLES:
        has_ld = "application/ld+json" in raw_text(page)
        assert has_ld == MANIFEST["outlets"][page["outlet_id"]]["json_ld"], page["file"]


def test_corpus_folder_holds_exactly_the_manifest_pages() -> None:
    on_disk = sorted(p.name for p in corpus_dir().iterdir())
    assert on_disk == sorted(BY_FILE)
    assert len(BY_FILE) == len(PAGES)


# --- every page ------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p["file"])
def test_page_is_plausible_html_with_metadata(page: dict[str, Any]) -> None:
    text = raw_text(page)
    assert text.startswith("<!DOCTYPE html>")
    assert f'<html lang="{page["language"]}">' in text
    checker = _Checker()
    checker.feed(text)
    checker.close()
    for tag in ("html", "head", "body", "title"):
        assert checker.tags[tag] == 1 == checker.ends[tag], tag
    assert checker.tags["div"] == checker.ends["div"]
    assert checker.tags["p"] == checker.ends["p"]
    assert checker.charset == page["encoding"]
    assert f'href="{html.escape(page["url"])}"' in text  # canonical link
    assert 'property="og:site_name"' in text
    doc = html.unescape(text)
    assert page["title"] in doc
    if not page["no_article"]:
        assert f'<meta property="og:title" content="{html.escape(page["title"])}">' in text
        assert page["published"] in text
        assert page["author"] in doc


@pytest.mark.parametrize("page", ARTICLES, ids=lambda p: p["file"])
def test_body_paragraphs_appear_verbatim_in_the_html(page: dict[str, Any]) -> None:
    doc = unescaped(page)
    assert page["body"]
    for para in page["body"]:
        assert f">{para}</p>" in doc


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p["file"])
def test_listed_boilerplate_appears_in_the_html(page: dict[str, Any]) -> None:
    doc = unescaped(page).lower()
    markers = MANIFEST["boilerplate_markers"]
    assert page["boilerplate"]
    for kind in page["boilerplate"]:
        assert any(m.lower() in doc for m in markers[kind]), kind
    # and none of it leaks into the ground-truth body
    body = "\n".join(page["body"]).lower()
    for kind in ("cookie_banner", "advertisement", "scroll_to_continue", "most_read", "newsletter_box"):
        if kind in page["boilerplate"]:
            assert not any(m.lower() in body for m in markers[kind]), kind


@pytest.mark.parametrize("page", ARTICLES, ids=lambda p: p["file"])
def test_figures_and_quotes_are_found_in_the_body(page: dict[str, Any]) -> None:
    body = "\n".join(page["body"])
    assert page["word_count"] == len(body.split())
    for f in page["figures"]:
        assert f["text"] in body, f
        assert set(f) == {"measure", "value", "text", "qualifier", "attribution", "as_of"}
    for q in page["quotes"]:
        assert q["text"] in body, q
        assert q["speaker"]


def test_articles_have_realistic_length_and_paragraphs() -> None:
    in_range = [p for p in ARTICLES if 250 <= p["word_count"] <= 700]
    assert len(in_range) >= 0.9 * len(ARTICLES)
    paras = [para for p in ARTICLES for para in p["body"]]
    sentence_end = re.compile(r"[.!?][\"\u201d\u2019]?\s+(?=[A-Z\"\u201c])")
    short = [para for para in paras if len(sentence_end.findall(para)) + 1 <= 3]
    assert len(short) >= 0.9 * len(paras)


def test_no_article_pages_are_marked_and_empty() -> None:
    empty = [p for p in PAGES if p["no_article"]]
    assert len(empty) >= 2
    for page in empty:
        assert page["body"] == [] and page["event"] is None and page["relation"] is None
        assert page["no_article_kind"]


def test_authors_dates_and_encodings_vary() -> None:
    assert len({p["author"] for p in ARTICLES}) >= 12
    for event in MANIFEST["events"]:
        days = {p["published"][:10] for p in ARTICLES if p["event"] == event}
        assert len(days) >= 2, event
    cp1252 = [p for p in PAGES if p["encoding"] == "windows-1252"]
    assert cp1252
    for page in cp1252:
        data = (corpus_dir() / page["file"]).read_bytes()
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")  # really encoded as windows-1252, not just declared
    tricky = [
        p
        for p in ARTICLES
        if p["encoding"] == "utf-8"
        and all(ch in "\n".join(p["body"]) for ch in "\u2019\u201c\u2014")
        and re.search(r"[\u00c0-\u017f]", "\n".join(p["body"]) + p["author"])
    ]
    assert tricky


# --- relations -------------------------------------------------------------------------


def test_relation_sources_exist_and_came_first() -> None:
    for page in ARTICLES:
        rel = relation(page)
        assert rel["kind"] in {"original", "independent", "copy", "rewrite", "partial"}
        if rel["kind"] in {"original", "independent"}:
            assert rel["source"] is None
            continue
        source = BY_FILE[rel["source"]]
        assert source["event"] == page["event"]
        assert datetime.fromisoformat(source["published"]) < datetime.fromisoformat(page["published"])
        assert page["outlet_id"] != source["outlet_id"]
        assert rel["edits"]


def test_wire_story_is_reprinted_by_three_sites_with_light_edits() -> None:
    copies_of: dict[str, list[dict[str, Any]]] = {}
    for page in ARTICLES:
        if relation(page)["kind"] == "copy":
            copies_of.setdefault(relation(page)["source"], []).append(page)
    wire_copied = {
        src: cps
        for src, cps in copies_of.items()
        if BY_FILE[src]["outlet_id"] in {k for k, o in MANIFEST["outlets"].items() if o["kind"] == "wire"}
    }
    best = max(wire_copied.values(), key=len)
    assert len({p["outlet_id"] for p in best}) >= 3
    edits = {e for p in best for e in relation(p)["edits"]}
    for needed in ("headline swap", "trimmed ending", "boilerplate inserted"):
        assert needed in edits
    assert any(e.startswith("lead sentence lightly edited") for e in edits)
    assert "number reformat 1,200 -> 1 200" in edits
    source = BY_FILE[relation(best[0])["source"]]
    for page in best:
        assert page["title"] != source["title"]
        same = sum(para in source["body"] for para in page["body"])
        assert same >= len(page["body"]) - 3  # light edits only
    reformatted = next(p for p in best if "number reformat 1,200 -> 1 200" in relation(p)["edits"])
    assert "1,200" in "\n".join(source["body"]) and "1,200" not in "\n".join(reformatted["body"])
    assert "1 200" in "\n".join(reformatted["body"])
    assert len(reformatted["body"]) < len(source["body"])  # trimmed
    assert [f["text"] for f in figures(reformatted, "homes damaged in Dravic earthquake")] == ["1 200"]


def test_content_farm_paraphrase_changes_a_qualifier_with_little_verbatim_overlap() -> None:
    farm = {k for k, o in MANIFEST["outlets"].items() if o["kind"] == "content_farm"}
    drifts = MANIFEST["expectations"]["qualifier_drift"]
    found = False
    for drift in drifts:
        copy, source = BY_FILE[drift["copy"]], BY_FILE[drift["source"]]
        assert relation(copy)["kind"] == "rewrite" and relation(copy)["source"] == source["file"]
        before = [f for f in figures(source, drift["measure"]) if f["value"] == drift["value"]]
        after = [f for f in figures(copy, drift["measure"]) if f["value"] == drift["value"]]
        assert before[0]["qualifier"] == drift["from"] and after[0]["qualifier"] == drift["to"]
        ours = shingles("\n".join(copy["body"]))
        overlap = len(ours & shingles("\n".join(source["body"]))) / len(ours)
        assert overlap < 0.15, overlap
        if copy["outlet_id"] in farm and (drift["from"], drift["to"]) == ("as many as", "at least"):
            found = True
    assert found


def test_independent_report_pastes_two_wire_paragraphs_verbatim() -> None:
    partials = [p for p in ARTICLES if relation(p)["kind"] == "partial"]
    assert partials
    for page in partials:
        rel = relation(page)
        source = BY_FILE[rel["source"]]
        assert MANIFEST["outlets"][source["outlet_id"]]["kind"] == "wire"
        shared = rel["shared_paragraphs"]
        assert len(shared) == 2
        assert 0 < min(shared) and max(shared) < len(page["body"]) - 1  # somewhere in the middle
        for i, j in zip(shared, rel["source_paragraphs"], strict=True):
            assert page["body"][i] == source["body"][j]
        own = [para for i, para in enumerate(page["body"]) if i not in shared]
        assert len(own) >= 5 and not any(para in source["body"] for para in own)
        assert page["quotes"]  # own quotes


def test_same_topic_events_a_year_apart_are_separate_stories() -> None:
    events = MANIFEST["events"]
    by_topic: dict[str, list[str]] = {}
    for key, ev in events.items():
        by_topic.setdefault(ev["topic"], []).append(key)
    pairs = [v for v in by_topic.values() if len(v) == 2]
    assert pairs
    a, b = pairs[0]
    gap = abs((date.fromisoformat(events[a]["start"]) - date.fromisoformat(events[b]["start"])).days)
    assert 330 <= gap <= 400
    assert events[a]["venue"] != events[b]["venue"]
    assert set(events[a]["mediators"]).isdisjoint(events[b]["mediators"])
    groups = MANIFEST["expectations"]["same_story_groups"]
    group_of = {f: i for i, g in enumerate(groups) for f in g}
    files_a = [p["file"] for p in ARTICLES if p["event"] == a]
    files_b = [p["file"] for p in ARTICLES if p["event"] == b]
    assert len(files_a) >= 4 and len(files_b) >= 4
    assert {group_of[f] for f in files_a}.isdisjoint({group_of[f] for f in files_b})
    cross = [
        pr
        for pr in MANIFEST["expectations"]["different_story_pairs"]
        if {BY_FILE[pr[0]]["event"], BY_FILE[pr[1]]["event"]} == {a, b}
    ]
    assert len(cross) >= 2


def test_same_story_groups_partition_the_articles() -> None:
    groups = MANIFEST["expectations"]["same_story_groups"]
    flat = [f for g in groups for f in g]
    assert sorted(flat) == sorted(p["file"] for p in ARTICLES)
    for group in groups:
        assert len({BY_FILE[f]["event"] for f in group}) == 1
    for x, y in MANIFEST["expectations"]["different_story_pairs"]:
        assert BY_FILE[x]["event"] != BY_FILE[y]["event"]


# --- figures across pages ---------------------------------------------------------------


def test_death_toll_rises_within_each_round_and_across_the_year() -> None:
    updates = MANIFEST["expectations"]["updates"]
    toll = [u for u in updates if u["measure"] == "people killed in Kaldar"]
    assert len(toll) == 3
    for update in toll:
        values = [pt["value"] for pt in update["series"]]
        assert values == sorted(values) and len(set(values)) == len(values) >= 3
        for pt in update["series"]:
            for file in pt["files"]:
                assert any(f["value"] == pt["value"] for f in figures(BY_FILE[file], update["measure"]))
    across = next(u for u in toll if u["event"] is None)
    values = [pt["value"] for pt in across["series"]]
    assert values[0] == 33207 and 50900 in values
    assert across["series"][0]["as_of"][:4] == "2025" and across["series"][-1]["as_of"][:4] == "2026"


def test_two_outlets_disagree_on_a_figure_within_one_event() -> None:
    conflict = MANIFEST["expectations"]["conflicts"][0]
    pages = [BY_FILE[f] for f in conflict["files"]]
    assert len({p["outlet_id"] for p in pages}) == 2
    assert {p["event"] for p in pages} == {conflict["event"]}
    assert len(set(conflict["values"])) == 2
    for page, value in zip(pages, conflict["values"], strict=True):
        assert any(f["value"] == value for f in figures(page, conflict["measure"]))


def test_altered_quote_and_dropped_attribution_are_documented() -> None:
    exp = MANIFEST["expectations"]
    altered = exp["altered_quotes"][0]
    copy, source = BY_FILE[altered["copy"]], BY_FILE[altered["source"]]
    assert altered["original"] in "\n".join(source["body"])
    assert altered["altered"] in "\n".join(copy["body"])
    assert altered["original"] not in "\n".join(copy["body"])
    assert any(q["text"] == altered["altered"] for q in copy["quotes"])
    assert exp["dropped_attributions"]
    for item in exp["dropped_attributions"]:
        copy, source = BY_FILE[item["copy"]], BY_FILE[item["source"]]
        assert any(e.startswith("dropped attribution") for e in relation(copy)["edits"])
        for measure in item["measures"]:
            assert all(f["attribution"] for f in figures(source, measure))
            assert figures(copy, measure) and all(f["attribution"] is None for f in figures(copy, measure))


def test_corroborated_and_single_source_figures() -> None:
    exp = MANIFEST["expectations"]
    assert exp["corroborated"] and exp["single_source"]
    for item in exp["corroborated"]:
        pages = [BY_FILE[f] for f in item["files"]]
        assert len({p["outlet_id"] for p in pages}) == len(pages) >= 2
        assert all(relation(p)["kind"] in {"original", "independent", "partial"} for p in pages)
        assert all(any(f["value"] == item["value"] for f in figures(p, item["measure"])) for p in pages)
    for item in exp["single_source"]:
        holders = [
            p["file"]
            for p in ARTICLES
            if any(f["value"] == item["value"] for f in figures(p, item["measure"]))
        ]
        assert holders == [item["file"]]


def test_other_event_kinds_are_covered() -> None:
    topics = {ev["topic"] for ev in MANIFEST["events"].values()}
    assert {"earthquake", "court ruling", "factory fire", "election count", "transport strike"} <= topics


# --- the generator -----------------------------------------------------------------------


def test_generator_reproduces_the_committed_corpus(tmp_path: Path) -> None:
    builder = load_builder()
    manifest = builder.build(tmp_path)
    assert manifest == MANIFEST
    assert (tmp_path / "manifest.json").read_bytes() == manifest_path().read_bytes()
    fresh = sorted(p.name for p in (tmp_path / "corpus").iterdir())
    assert fresh == sorted(p.name for p in corpus_dir().iterdir())
    for name in fresh:
        assert (tmp_path / "corpus" / name).read_bytes() == (corpus_dir() / name).read_bytes(), name
