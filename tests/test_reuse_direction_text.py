"""Direction without dates (issue 16): the text model in ``reuse/direction.py``."""

from __future__ import annotations

import json
from dataclasses import replace
from importlib import resources

import pytest

from storytrace.model import Article
from storytrace.reuse.align import align
from storytrace.reuse.classify import compare
from storytrace.reuse.direction import TEXT_FEATURES, text_features, text_probability
from storytrace.reuse.params import default_params

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
