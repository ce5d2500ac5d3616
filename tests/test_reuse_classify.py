"""compare(): copy / partial / rewrite / no link, with direction, on the demo corpus and small cases."""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from storytrace import Store
from storytrace.demo import load_manifest
from storytrace.model import Article
from storytrace.reuse.align import align
from storytrace.reuse.classify import compare
from storytrace.reuse.direction import decide_direction, parse_time
from storytrace.reuse.sentences import split_paragraphs, split_sentences

try:  # the package may re-export it; the module always has it
    from storytrace.embed import MiniLMEncoder  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - depends on the embed package's exports
    from storytrace.embed.encoder import MiniLMEncoder

MANIFEST = load_manifest()
PAGES: dict[str, dict[str, Any]] = {p["file"]: p for p in MANIFEST["pages"]}
RELATIONS = [
    (p["relation"]["source"], p["file"], p["relation"]["kind"])
    for p in MANIFEST["pages"]
    if p.get("relation") and p["relation"]["kind"] in ("copy", "partial", "rewrite")
]


@pytest.fixture(scope="module")
def demo(demo_store: Store) -> dict[str, Article]:
    """Demo articles by manifest file name."""
    return {Path(a.sightings[0].source).name: a for a in demo_store.articles(limit=None, with_sightings=True)}


@pytest.fixture(scope="module")
def vectors(demo: dict[str, Article]) -> dict[str, np.ndarray]:
    names = sorted(demo)
    sentences = {n: [s.text for s in split_sentences(demo[n].text)] for n in names}
    # One encode call for the whole corpus: length-sorted batches pad less.
    flat = MiniLMEncoder().encode([t for n in names for t in sentences[n]])
    out, at = {}, 0
    for n in names:
        out[n] = flat[at : at + len(sentences[n])]
        at += len(sentences[n])
    return out


def body(file: str) -> str:
    return "\n\n".join(PAGES[file]["body"])


def article(text: str, id: str, published: str | None = None, ingested_at: str | None = None) -> Article:
    return Article(id=id, text=text, published=published, ingested_at=ingested_at)


# -- demo corpus ---------------------------------------------------------------


def test_demo_has_every_relation_kind() -> None:
    assert {k for _, _, k in RELATIONS} == {"copy", "partial", "rewrite"}


@pytest.mark.parametrize(("source", "derived", "kind"), RELATIONS, ids=[d for _, d, _ in RELATIONS])
@pytest.mark.parametrize("order", ["given", "swapped"])
def test_every_manifest_relation_is_found_with_kind_and_direction(
    demo: dict[str, Article], vectors: dict[str, np.ndarray], source: str, derived: str, kind: str, order: str
) -> None:
    a, b = (source, derived) if order == "given" else (derived, source)
    link = compare(demo[a], demo[b], source_vecs=vectors[a], target_vecs=vectors[b])
    assert link is not None
    assert (link.kind, link.source_id, link.target_id) == (kind, demo[source].id, demo[derived].id)
    assert link.direction.decided_by == "published" and link.direction.confidence > 0.5
    assert 0.0 < link.score <= 1.0
    for p in link.passages:
        assert 0 <= p.source_start < p.source_end <= len(demo[source].text)
        assert 0 <= p.target_start < p.target_end <= len(demo[derived].text)


@pytest.mark.parametrize(("source", "derived", "kind"), [r for r in RELATIONS if r[2] != "rewrite"])
def test_copies_and_partials_are_found_without_vectors(
    demo: dict[str, Article], source: str, derived: str, kind: str
) -> None:
    link = compare(demo[derived], demo[source])
    assert link is not None and (link.kind, link.source_id) == (kind, demo[source].id)


@pytest.mark.parametrize(("source", "derived"), [(s, d) for s, d, k in RELATIONS if k == "rewrite"])
def test_rewrites_are_never_reported_without_vectors(
    demo: dict[str, Article], source: str, derived: str
) -> None:
    assert compare(demo[source], demo[derived]) is None


def test_no_link_between_articles_of_different_events(
    demo: dict[str, Article], vectors: dict[str, np.ndarray]
) -> None:
    names = sorted(n for n in demo if PAGES[n].get("event"))
    linked = []
    for a, b in itertools.combinations(names, 2):
        if PAGES[a]["event"] == PAGES[b]["event"]:
            continue
        if compare(demo[a], demo[b], source_vecs=vectors[a], target_vecs=vectors[b]) is not None:
            linked.append((a, b))
    assert linked == []


def test_independent_same_event_articles_are_not_linked_to_each_other(
    demo: dict[str, Article], vectors: dict[str, np.ndarray]
) -> None:
    # "independent" pages did their own reporting: no link to any other page of the event.
    indep = [n for n, p in PAGES.items() if p.get("relation") and p["relation"]["kind"] == "independent"]
    linked = []
    for a in indep:
        for b, other in demo.items():
            same_event = b != a and PAGES[b].get("event") == PAGES[a]["event"]
            if same_event and compare(demo[a], other, source_vecs=vectors[a], target_vecs=vectors[b]):
                linked.append((a, b))
    assert linked == []


def test_partial_passages_are_the_shared_paragraphs_at_their_offsets(demo: dict[str, Article]) -> None:
    (rel,) = [r for r in RELATIONS if r[2] == "partial"]
    source, derived, _ = rel
    page = PAGES[derived]
    link = compare(demo[source], demo[derived])
    assert link is not None and link.kind == "partial"
    src_text, tgt_text = demo[source].text, demo[derived].text
    shown_target = [tgt_text[p.target_start : p.target_end] for p in link.passages]
    shown_source = [src_text[p.source_start : p.source_end] for p in link.passages]
    expected_target = [page["body"][i] for i in page["relation"]["shared_paragraphs"]]
    expected_source = [PAGES[source]["body"][i] for i in page["relation"]["source_paragraphs"]]
    assert shown_target == expected_target
    assert shown_source == expected_source
    # and they are whole paragraphs of the stored texts
    assert set(shown_target) <= {p.text for p in split_paragraphs(tgt_text)}
    assert all(p.kind == "verbatim" and p.similarity == 1.0 for p in link.passages)


# -- small cases ---------------------------------------------------------------

WIRE_FILE = "meridianwire-2025-09-03-dravic-earthquake.html"


def test_trimmed_copy_without_times_is_derived_by_containment() -> None:
    text = body(WIRE_FILE)
    paras = text.split("\n\n")
    trimmed = "\n\n".join(paras[:-3])
    link = compare(article(trimmed, "b"), article(text, "a"))
    assert link is not None and link.kind == "copy"
    assert (link.source_id, link.target_id) == ("a", "b")
    d = link.direction
    assert d.decided_by == "containment" and d.target_in_source == 1.0 and d.source_in_target < 0.9
    assert d.target_only_chars == 0 and d.source_only_chars > 0


def test_copy_with_inserted_boilerplate_and_reordered_paragraphs_is_a_copy() -> None:
    text = body(WIRE_FILE)
    paras = text.split("\n\n")
    copy = "\n\n".join(
        [paras[1], "Sign up for our newsletter", paras[0], *paras[2:5], "Advertisement", *paras[5:]]
    )
    link = compare(
        article(text, "a", "2025-09-03T06:55:00+00:00"), article(copy, "b", "2025-09-03T08:00:00Z")
    )
    assert link is not None and link.kind == "copy" and link.score > 0.95
    assert (link.source_id, link.direction.decided_by) == ("a", "published")


def test_later_published_original_is_still_the_source_when_dates_say_so() -> None:
    text = body(WIRE_FILE)
    link = compare(
        article(text, "a", "2025-09-04"), article(text + "\n\nExtra line at the end here.", "b", "2025-09-03")
    )
    assert link is not None and link.source_id == "b" and link.direction.decided_by == "published"


def test_identical_articles_without_evidence_fall_back_to_ingest_order() -> None:
    text = body(WIRE_FILE)
    link = compare(
        article(text, "b", ingested_at="2026-01-02T00:00:00+00:00"),
        article(text, "a", ingested_at="2026-01-01T00:00:00+00:00"),
    )
    assert link is not None and link.kind == "copy" and link.score == 1.0
    assert link.source_id == "a" and link.direction.decided_by == "ingest_order"
    assert link.direction.confidence < 0.5


def test_times_within_the_margin_do_not_decide() -> None:
    text = body(WIRE_FILE)
    a = article(text, "a", "2025-09-03T06:55:00+00:00")
    b = article(text, "b", "2025-09-03T07:57:00+01:00")  # two minutes later
    link = compare(b, a)
    assert link is not None and link.direction.decided_by == "ingest_order"
    assert link.source_id == "a"  # id order as the last resort


def test_parse_time_handles_zones_dates_and_junk() -> None:
    assert parse_time("2025-09-03T07:40:00-05:00") > parse_time("2025-09-03T06:55:00Z")  # type: ignore[operator]
    assert str(parse_time("2025-09-03")) == "2025-09-03"
    assert parse_time("last Tuesday") is None and parse_time(None) is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "One line.",
        "All rights reserved.",
        "Sign up for our newsletter\n\nShare this\n\nAdvertisement",
    ],
)
def test_empty_one_line_and_boilerplate_articles_give_no_link(text: str) -> None:
    assert compare(article(text, "a"), article(text, "b")) is None
    assert compare(article(text, "a"), article(body(WIRE_FILE), "b")) is None


def test_shared_boilerplate_lines_do_not_make_a_partial_link() -> None:
    furniture = (
        "\n\nSign up for our newsletter to get the best of our journalism delivered to your inbox every day."
        "\n\nAll rights reserved.\n\n(Reporting by Lukas Ferrand; Editing by Claire Dunmore)"
    )
    a = body(WIRE_FILE) + furniture
    b = body("northgatecourier-2025-11-07-millbrook-factory-fire.html") + furniture
    assert compare(article(a, "a"), article(b, "b")) is None


def test_one_short_shared_sentence_is_not_partial_reuse_but_two_pasted_paragraphs_are() -> None:
    wire = body(WIRE_FILE).split("\n\n")
    own = body("northgatecourier-2025-11-07-millbrook-factory-fire.html").split("\n\n")
    short = split_sentences(wire[1])[1].text  # "At least four aftershocks ... within two hours." (11 words)
    one = "\n\n".join([*own[:2], short, *own[2:]])
    assert compare(article(body(WIRE_FILE), "a"), article(one, "b")) is None
    two = "\n\n".join([*own[:2], wire[1], wire[7], *own[2:]])
    link = compare(article(body(WIRE_FILE), "a", "2025-09-03"), article(two, "b", "2025-09-05"))
    assert link is not None and link.kind == "partial" and link.source_id == "a"
    assert [two[p.target_start : p.target_end] for p in link.passages] == [wire[1], wire[7]]


def test_partial_direction_without_times_goes_to_the_side_with_more_own_text() -> None:
    wire = body(WIRE_FILE)
    own = body("northgatecourier-2025-11-07-millbrook-factory-fire.html")
    # The reuser wraps one wire paragraph and a second one in a lot of its own reporting.
    reuser = "\n\n".join(
        [own, wire.split("\n\n")[1], own.replace("Millbrook", "Eastfield"), wire.split("\n\n")[7]]
    )
    link = compare(article(reuser, "r"), article(wire, "w"))
    assert link is not None and link.kind == "partial"
    assert link.source_id == "w" and link.direction.decided_by == "extra_text"


def test_20000_word_article_does_not_crash_or_link_spuriously() -> None:
    rng = np.random.default_rng(7)
    words = np.array(
        [
            "the",
            "a",
            "of",
            "river",
            "town",
            "council",
            "said",
            "people",
            "homes",
            "water",
            "road",
            "school",
            "new",
            "old",
        ]
    )
    sentences = [" ".join(rng.choice(words, size=20)).capitalize() + "." for _ in range(1000)]
    huge = " ".join(sentences)
    assert len(huge.split()) == 20_000
    assert compare(article(huge, "a"), article(body(WIRE_FILE), "b")) is None
    link = compare(article(huge, "a"), article(huge, "b"))
    assert link is not None and link.kind == "copy"


def test_rewrite_needs_order_and_coverage_not_a_few_similar_sentences() -> None:
    text_a = body(WIRE_FILE)
    text_b = body("northgatecourier-2025-11-07-millbrook-factory-fire.html")
    n, m = len(split_sentences(text_a)), len(split_sentences(text_b))
    # Fake vectors: two sentence pairs nearly identical in meaning, the rest unrelated.
    rng = np.random.default_rng(3)
    va = rng.normal(size=(n, 64)).astype(np.float32)
    vb = rng.normal(size=(m, 64)).astype(np.float32)
    vb[0], vb[1] = va[0], va[1]
    va /= np.linalg.norm(va, axis=1, keepdims=True)
    vb /= np.linalg.norm(vb, axis=1, keepdims=True)
    assert compare(article(text_a, "a"), article(text_b, "b"), source_vecs=va, target_vecs=vb) is None
    # All sentences paraphrased in order: a rewrite.
    k = min(n, m)
    vb[:k] = va[:k]
    link = compare(
        article(text_a, "a", "2025-01-01"), article(text_b, "b", "2025-01-02"), source_vecs=va, target_vecs=vb
    )
    assert link is not None and link.kind == "rewrite" and link.source_id == "a"


def test_decide_direction_fills_every_field() -> None:
    text = body(WIRE_FILE)
    a = article(text, "a", "2025-09-03T06:55:00+00:00")
    b = replace(a, id="b", text="\n\n".join(text.split("\n\n")[:4]), published="2025-09-03T09:00:00+00:00")
    original, derived, d = decide_direction(b, a, align(b.text, a.text))
    assert (original.id, derived.id) == ("a", "b")
    assert d.source_published == a.published and d.target_published == b.published
    assert d.source_in_target < 1.0 and d.target_in_source == 1.0
    assert d.source_only_chars > 0 and d.target_only_chars == 0
