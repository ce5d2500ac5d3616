"""find_edits(): changed figures, qualifiers, dropped attributions and altered quotes."""

from __future__ import annotations

from pathlib import Path

import pytest

from storytrace import Store
from storytrace.demo import load_manifest
from storytrace.model import Article, Edit
from storytrace.reuse.align import SentencePair, align
from storytrace.reuse.classify import compare
from storytrace.reuse.edits import find_edits, numbers_in, qualifier_class
from storytrace.reuse.sentences import Span, split_sentences

try:
    from storytrace.embed import MiniLMEncoder  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    from storytrace.embed.encoder import MiniLMEncoder

PAGES = {p["file"]: p for p in load_manifest()["pages"]}
WIRE = "meridianwire-2025-09-03-dravic-earthquake.html"


@pytest.fixture(scope="module")
def demo(demo_store: Store) -> dict[str, Article]:
    return {Path(a.sightings[0].source).name: a for a in demo_store.articles(limit=None, with_sightings=True)}


def edits_between(source: str, target: str, kind: str = "edited") -> list[Edit]:
    """Edits for two single sentences aligned as ``kind``."""
    pair = SentencePair(Span(0, len(source), source), Span(0, len(target), target), 0, 0, 0.9, kind)  # type: ignore[arg-type]
    return find_edits(source, target, [pair])


def check_offsets(edits: list[Edit], source: str, target: str) -> None:
    for e in edits:
        assert source[e.source_start : e.source_start + len(e.source_text)] == e.source_text
        if e.target_text:
            assert target[e.target_start : e.target_start + len(e.target_text)] == e.target_text
        assert e.note and "\n" not in e.note


# -- the demo corpus's documented edits -----------------------------------------


def test_demo_copy_with_dropped_attribution_and_altered_quote(demo: dict[str, Article]) -> None:
    copy = "dailylantern-2025-09-03-quake-terror.html"
    assert "dropped attribution" in " ".join(PAGES[copy]["relation"]["edits"])
    link = compare(demo[copy], demo[WIRE])
    assert link is not None and link.kind == "copy" and link.source_id == demo[WIRE].id
    kinds = sorted(e.kind for e in link.edits)
    assert kinds == ["attribution", "quote"]
    attribution = next(e for e in link.edits if e.kind == "attribution")
    assert "National Civil Protection Agency" in attribution.source_text
    quote = next(e for e in link.edits if e.kind == "quote")
    assert "numbers will change" in quote.source_text and "numbers will rise" in quote.target_text
    check_offsets(link.edits, demo[WIRE].text, demo[copy].text)


def test_demo_copy_dropping_the_toll_attribution(demo: dict[str, Article]) -> None:
    copy = "dailylantern-2025-03-13-peace-bid-stalls.html"
    source = PAGES[copy]["relation"]["source"]
    link = compare(demo[source], demo[copy])
    assert link is not None
    assert [e.kind for e in link.edits] == ["attribution"]
    assert "Kaldar Health Authority" in link.edits[0].source_text


def test_demo_number_reformat_is_not_an_edit(demo: dict[str, Article]) -> None:
    copy = "valemontpost-2025-09-03-dravic-earthquake.html"
    assert "number reformat 1,200 -> 1 200" in PAGES[copy]["relation"]["edits"]
    link = compare(demo[WIRE], demo[copy])
    assert link is not None and link.kind == "copy" and link.edits == []


def test_demo_per_cent_reformat_is_not_an_edit(demo: dict[str, Article]) -> None:
    copy = "valemontpost-2026-05-12-castellane-wins.html"
    link = compare(demo[PAGES[copy]["relation"]["source"]], demo[copy])
    assert link is not None and link.edits == []


@pytest.mark.parametrize(
    ("derived", "before", "after"),
    [
        ("newspulsehub-2025-09-03-earthquake-kills-at-least-25.html", "as many as 25", "At least 25"),
        ("newspulsehub-2026-01-20-rail-chaos.html", "Around 1,400", "More than 1,400"),
    ],
)
def test_demo_rewrite_qualifier_change_is_the_only_edit(
    demo: dict[str, Article], derived: str, before: str, after: str
) -> None:
    source = PAGES[derived]["relation"]["source"]
    enc = MiniLMEncoder()
    vecs = [enc.encode([s.text for s in split_sentences(demo[n].text)]) for n in (source, derived)]
    link = compare(demo[source], demo[derived], source_vecs=vecs[0], target_vecs=vecs[1])
    assert link is not None and link.kind == "rewrite"
    assert [(e.kind, e.source_text, e.target_text) for e in link.edits] == [("qualifier", before, after)]
    check_offsets(link.edits, demo[source].text, demo[derived].text)


# -- unit cases -------------------------------------------------------------------


def test_changed_number_is_an_edit() -> None:
    s = "The quake killed 25 people in the town of Kessova, officials said."
    t = "The quake killed 27 people in the town of Kessova, officials said."
    (e,) = edits_between(s, t)
    assert (e.kind, e.source_text, e.target_text) == ("number", "25", "27")
    check_offsets([e], s, t)


@pytest.mark.parametrize(
    ("s", "t"),
    [
        (
            "More than 1,200 homes were damaged in the region.",
            "More than 1 200 homes were damaged in the region.",
        ),
        ("Turnout was 61.4% in the city on Sunday.", "Turnout was 61.4 per cent in the city on Sunday."),
        ("The quake damaged about 300 homes in Kessova.", "The quake damaged roughly 300 homes in Kessova."),
    ],
)
def test_number_formats_and_synonym_qualifiers_are_not_edits(s: str, t: str) -> None:
    assert edits_between(s, t) == []


def test_qualifier_change_before_a_number_is_an_edit() -> None:
    s = "The quake killed as many as 25 people in the town."
    t = "The quake killed at least 25 people in the town."
    (e,) = edits_between(s, t)
    assert (e.kind, e.source_text, e.target_text) == ("qualifier", "as many as 25", "at least 25")
    assert e.note == "qualifier changed: as many as -> at least"


def test_dropped_qualifier_counts_in_copies_but_not_in_paraphrases() -> None:
    s = "The quake killed about 25 people in the town."
    t = "The quake killed 25 people in the town."
    assert [e.kind for e in edits_between(s, t)] == ["qualifier"]
    assert edits_between(s, t, kind="paraphrase") == []


@pytest.mark.parametrize(
    ("s", "t", "clause"),
    [
        (
            "Ten people died, according to the regional health office.",
            "Ten people died.",
            "according to the regional health office",
        ),
        (
            "Ten people died in the fire, the regional health office said.",
            "Ten people died in the fire.",
            "the regional health office said",
        ),
        (
            "Ten people died in the fire, said Mayor Dorin Pavel.",
            "Ten people died in the fire.",
            "said Mayor Dorin Pavel",
        ),
    ],
)
def test_dropped_attribution_is_an_edit(s: str, t: str, clause: str) -> None:
    (e,) = edits_between(s, t)
    assert e.kind == "attribution" and e.source_text == clause and e.target_text == ""
    check_offsets([e], s, t)


def test_kept_or_shortened_attribution_is_not_an_edit() -> None:
    s = "Ten people died in the fire, the regional health office said."
    assert edits_between(s, "Ten people died in the fire on Monday, the health office said.") == []


def test_altered_quote_is_an_edit_but_a_verbatim_quote_is_not() -> None:
    s = '"We will rebuild every house in this town," the mayor told reporters.'
    t = '"We will rebuild every house," the mayor told reporters.'
    (e,) = edits_between(s, t)
    assert e.kind == "quote" and e.source_text.startswith("We will rebuild every house in this town")
    assert edits_between(s, s.replace('"', "\u201c", 1).replace('"', "\u201d", 1)) == []


def test_paraphrase_pairs_report_only_figures_not_wording_quotes_or_attribution() -> None:
    s = '"We are reaching the villages," said Mirela Tanase, adding that 25 people had died.'
    t = "Civil protection head Mirela Tanase said rescuers were getting to the villages and 27 had died."
    assert [e.kind for e in edits_between(s, t, kind="paraphrase")] == ["number"]


def test_verbatim_pairs_have_no_edits() -> None:
    s = "Ten people died, according to the regional health office."
    assert edits_between(s, s, kind="verbatim") == []


def test_edits_over_a_real_alignment_have_offsets_into_both_texts() -> None:
    source = (
        "First sentence about the storm here today.\n\n"
        "The storm that hit the coast on Monday night killed as many as 12 people in three villages, police said."
    )
    target = (
        "First sentence about the storm here today.\n\n"
        "The storm that hit the coast on Monday night killed at least 14 people in three villages."
    )
    al = align(source, target)
    edits = find_edits(source, target, al.pairs)
    assert {e.kind for e in edits} == {"number", "attribution"}
    check_offsets(edits, source, target)


def test_numbers_and_qualifier_classes() -> None:
    figs = numbers_in("At least 1,200 homes, 6.4 magnitude, about 1 500 people and 3 dead.")
    assert [(f.value, f.qualifier) for f in figs] == [
        (1200.0, "At least"),
        (6.4, None),
        (1500.0, "about"),
        (3.0, None),
    ]
    assert qualifier_class("As many as") == qualifier_class("up to") == "at most"
    assert qualifier_class("more than") == qualifier_class("over") == "at least"
    assert qualifier_class(None) is None
