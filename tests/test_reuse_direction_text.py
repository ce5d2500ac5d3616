"""Direction without dates (issue 16): the text model in ``reuse/direction.py``."""

from __future__ import annotations

import json
from dataclasses import replace
from importlib import resources
from pathlib import Path

import pytest

from storytrace.api import outlet_report
from storytrace.model import Article, Sighting
from storytrace.reuse.align import align
from storytrace.reuse.classify import compare
from storytrace.reuse.direction import TEXT_FEATURES, text_features, text_probability
from storytrace.reuse.params import default_params
from storytrace.reuse.stored import StoreLinker
from storytrace.store import Store

MODEL = default_params().direction

WIRE = [
    "Flood waters forced more than 3,000 people from their homes in the Mur valley on Tuesday after two days "
    "of heavy rain burst the banks of the river in several places, regional officials said.",
    "The regional governor, Anna Keller, declared a state of emergency for six districts and asked the army "
    "to send boats and helicopters to reach villages cut off by the water.",
    '"We have never seen the river rise this fast, not even in 2002, and we are asking everyone in the '
    'low-lying streets to leave now while the roads are still open," Keller told reporters in Graz.',
    "Rescue teams pulled at least 40 people from rooftops and cars overnight, and one man in his seventies "
    "was missing after his car was swept off a bridge near Leoben, police said.",
    "The national weather service said another 80 millimetres of rain could fall on the region by Thursday, "
    "and warned that the river would not peak before Wednesday evening.",
    "Rail traffic between Graz and Vienna was suspended after a landslide covered the tracks near Bruck, the "
    "railway operator said, and several motorway exits were closed.",
    "Farmers' groups said it was too early to estimate the damage to crops, but that the maize harvest in "
    "the lower valley was likely to be lost.",
    "The last comparable flood in the region, in August 2002, caused damage estimated at 3 billion euros and "
    "killed nine people.",
]
WIRE_TEXT = "\n\n".join(WIRE)
CREDIT = "GRAZ, Austria (Reuters) - "


def test_reprint_that_adds_a_reuters_credit_and_trims_the_end_is_the_derived_one() -> None:
    reprint = "\n\n".join([CREDIT + WIRE[0], *WIRE[1:6]])
    link = compare(Article("r", reprint), Article("w", WIRE_TEXT))
    assert link is not None and link.kind == "copy"
    assert (link.source_id, link.target_id) == ("w", "r")
    d = link.direction
    # The containment rule decides (the reprint is contained, the wire's own text trails);
    # the text model agrees with it but does not overrule a rule.
    assert d.decided_by == "containment"
    assert d.source_only_chars > 0 and d.target_only_chars == 0
    assert MODEL is not None and text_probability(reprint, WIRE_TEXT, align(reprint, WIRE_TEXT), MODEL) < 0.5


def test_a_wire_credit_alone_tells_the_reprint() -> None:
    # Same text but for the dateline credit: only the attribution feature can decide.
    reprint = "\n\n".join([CREDIT + WIRE[0], *WIRE[1:]])
    assert text_features(reprint, WIRE_TEXT, align(reprint, WIRE_TEXT))["attribution"] == 1.0
    link = compare(Article("a", reprint), Article("b", WIRE_TEXT))
    assert link is not None and link.source_id == "b" and link.direction.decided_by == "text"


def test_a_trimmed_ending_alone_tells_the_reprint() -> None:
    link = compare(Article("a", "\n\n".join(WIRE[:5])), Article("b", WIRE_TEXT))
    assert link is not None and link.source_id == "b" and link.direction.decided_by == "containment"


@pytest.mark.parametrize(
    "phrase",
    ["(AP) — ", "LONDON (Reuters) - ", "Police told AFP that ", "According to the Associated Press, "],
)
def test_attribution_phrases_are_counted(phrase: str) -> None:
    text = phrase + WIRE[0]
    assert text_features(text, WIRE[0], align(text, WIRE[0]))["attribution"] == 1.0
    assert text_features(WIRE[0], text, align(WIRE[0], text))["attribution"] == -1.0


def test_a_rewrite_that_shortens_a_quote_is_the_derived_one() -> None:
    shorter = list(WIRE)
    shorter[2] = (
        '"We have never seen the river rise this fast," Keller told reporters in Graz, asking everyone in '
        "the low-lying streets to leave now while the roads are still open."
    )
    text = "\n\n".join(shorter)
    assert text_features(text, WIRE_TEXT, align(text, WIRE_TEXT))["quotes"] < 0
    link = compare(Article("a", text), Article("b", WIRE_TEXT))
    assert link is not None and link.source_id == "b" and link.direction.decided_by == "text"


def test_dates_still_win_over_the_text() -> None:
    reprint = "\n\n".join([CREDIT + WIRE[0], *WIRE[1:6]])
    link = compare(
        Article("r", reprint, published="2025-06-03T08:00:00Z"),
        Article("w", WIRE_TEXT, published="2025-06-03T12:00:00Z"),
    )
    assert link is not None and link.source_id == "r" and link.direction.decided_by == "published"


def test_swapping_the_pair_flips_the_probability() -> None:
    reprint = "\n\n".join([CREDIT + WIRE[0], *WIRE[1:6]])
    assert MODEL is not None
    p = text_probability(reprint, WIRE_TEXT, align(reprint, WIRE_TEXT), MODEL)
    q = text_probability(WIRE_TEXT, reprint, align(WIRE_TEXT, reprint), MODEL)
    assert p + q == pytest.approx(1.0) and p < 0.5
    assert text_probability(WIRE_TEXT, WIRE_TEXT, align(WIRE_TEXT, WIRE_TEXT), MODEL) == pytest.approx(0.5)


def test_without_a_model_the_rules_decide() -> None:
    reprint = "\n\n".join([CREDIT + WIRE[0], *WIRE[1:6]])
    rules_only = replace(default_params(), direction=None)
    link = compare(Article("r", reprint), Article("w", WIRE_TEXT), params=rules_only)
    assert link is not None and link.direction.decided_by == "containment" and link.source_id == "w"


def test_the_model_decides_who_copied_not_how_much() -> None:
    # An outlet wraps two pasted wire paragraphs in much reporting of its own: partial reuse,
    # whichever way the text model reads the pair.
    own = [
        "Residents of the lower Mur valley spent the night in school gyms and parish halls as the water rose.",
        "Maria Holt, 62, said neighbours in a rowing boat took her from her first-floor window before dawn.",
        "Shopkeepers on the main square said they had moved stock upstairs but expected to lose most of it.",
        "The town's mayor said the dykes built after the last great flood had held until late on Monday.",
        "Volunteers from nearby villages brought blankets, bread and dry clothes to the shelters on Tuesday.",
    ]
    host = "\n\n".join(own[:2] + WIRE[3:5] + own[2:])
    for params in (default_params(), replace(default_params(), direction=None)):
        link = compare(Article("h", host), Article("w", WIRE_TEXT), params=params)
        assert link is not None and link.kind == "partial"


def test_shipped_model_matches_the_features_and_says_where_it_was_fitted() -> None:
    raw = json.loads(resources.files("storytrace.reuse").joinpath("models/direction.json").read_text("utf-8"))
    assert tuple(raw["features"]) == TEXT_FEATURES
    assert len(raw["coef"]) == len(raw["scale"]) == len(TEXT_FEATURES)
    assert 0.5 < raw["threshold"] <= 1.0
    assert "direction_eval.py" in raw["about"]


OWN = [
    "Residents of the lower Mur valley spent the night in school gyms and parish halls as the water rose.",
    "Maria Holt, 62, said neighbours in a rowing boat took her from her first-floor window before dawn.",
    "Shopkeepers on the main square said they had moved stock upstairs but expected to lose most of it.",
    "The town's mayor said the dykes built after the last great flood had held until late on Monday.",
    "Volunteers from nearby villages brought blankets, bread and dry clothes to the shelters on Tuesday.",
]


def test_an_excerpt_from_the_middle_is_the_derived_one() -> None:
    # Three paragraphs picked from the report, nothing added: the report is the original,
    # though its own text sits around the shared part. The kind is still settled with the
    # report as the holder (partial: it shares a passage), and copy families keep that.
    excerpt = "\n\n".join([WIRE[1], WIRE[3], WIRE[5]])
    for first, second in (("e", "w"), ("w", "e")):
        texts = {"e": excerpt, "w": WIRE_TEXT}
        link = compare(Article(first, texts[first]), Article(second, texts[second]))
        assert link is not None and (link.source_id, link.target_id) == ("w", "e")
        assert link.kind == "partial" and link.direction.decided_by == "containment"
        assert link.direction.family_reversed
        assert link.direction.source_in_target < 0.5 and link.direction.target_in_source == 1.0


def test_a_trimmed_reprint_keeps_its_family_orientation() -> None:
    reprint = "\n\n".join(WIRE[:5])
    link = compare(Article("r", reprint), Article("w", WIRE_TEXT))
    assert link is not None and (link.source_id, link.target_id, link.kind) == ("w", "r", "copy")
    assert not link.direction.family_reversed


def test_a_direction_read_from_the_text_does_not_move_links(tmp_path: Path) -> None:
    # A short report pasted whole into two longer ones, no dates. Who copied whom is read
    # from the text (the contained one is taken as derived), but the links, their kinds
    # and the copy families are those of the orientation the kinds were settled in: the
    # brief holds the text both others took.
    brief = "\n\n".join(WIRE[:3])
    a = "\n\n".join(OWN[:2] + WIRE[:3] + OWN[2:3])
    b = "\n\n".join(OWN[3:] + WIRE[:3] + OWN[:1])
    seen = Sighting("test", "file", None, "2026-01-01T00:00:00+00:00", "2026-01-01T00:00:00+00:00")
    with Store.open(tmp_path / "d.db") as store:
        store.write_articles([(Article(i, t), seen) for i, t in (("brief", brief), ("a", a), ("b", b))])
        StoreLinker(store, None, fresh=True).catch_up()
        links = {frozenset((x.source_id, x.target_id)): x for x in store.links()}
        assert set(links) == {frozenset(("brief", "a")), frozenset(("brief", "b")), frozenset(("a", "b"))}
        for other in ("a", "b"):
            link = links[frozenset(("brief", other))]
            assert (link.source_id, link.target_id, link.kind) == (other, "brief", "partial")
            assert link.direction.family_reversed
        families = store.link_sources()
        assert families["a"] >= {"brief"} and families["b"] >= {"brief"} and "brief" not in families


def test_a_guessed_direction_accuses_no_outlet(tmp_path: Path) -> None:
    # Two undated reports share two paragraphs and each has as much of its own text around
    # them: nothing says who took whose, so neither outlet is counted as the copier.
    a = "\n\n".join(OWN[:2] + WIRE[3:5] + OWN[2:3])
    closing = "Police closed the old bridge at Leoben to traffic late on Tuesday."
    b = "\n\n".join(OWN[3:] + WIRE[3:5] + [closing])
    dated_a = "\n\n".join(WIRE[:6])
    seen = Sighting("test", "file", None, "2026-01-01T00:00:00+00:00", "2026-01-01T00:00:00+00:00")
    with Store.open(tmp_path / "o.db") as store:
        store.write_articles(
            [
                (Article("a", a, outlet="Alpha"), seen),
                (Article("b", b, outlet="Beta"), seen),
                (Article("w", WIRE_TEXT, outlet="Wire", published="2026-01-01T08:00:00+00:00"), seen),
                (Article("c", dated_a, outlet="Gamma", published="2026-01-01T12:00:00+00:00"), seen),
            ]
        )
        StoreLinker(store, None, fresh=True).catch_up()
        guessed = [x for x in store.links() if x.direction.decided_by == "ingest_order"]
        assert {frozenset((x.source_id, x.target_id)) for x in guessed} >= {frozenset(("a", "b"))}
        rows = {r.outlet: r for r in outlet_report(store)}
        assert rows["Alpha"].undirected == rows["Beta"].undirected == 1
        for name in ("Alpha", "Beta"):
            assert rows[name].copies == rows[name].rewrites == rows[name].partial == 0
            assert "Alpha" not in rows[name].sources and "Beta" not in rows[name].sources
        # A dated copy still names its copier.
        assert rows["Gamma"].copies == 1 and rows["Gamma"].sources.get("Wire") == 1
        assert rows["Wire"].reused_by_others >= 1 and rows["Gamma"].undirected == 0
