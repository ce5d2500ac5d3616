"""The fitted rewrite verifier (issue 16): evidence, parameters as values, and quotations."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from storytrace.model import Article
from storytrace.reuse.classify import compare
from storytrace.reuse.evidence import FEATURES, measure, monotone_alignment, pair_evidence, rare_items
from storytrace.reuse.params import ReuseParams, default_params
from storytrace.reuse.sentences import split_sentences

WIRE = """\
Floodwaters swept through the river town of Marlow on Sunday, killing as many as 25 people and forcing 4,000 residents from their homes, officials said.
The regional governor, Elena Vasquez, said rescue teams had pulled 140 people from flooded houses overnight.
Rain had fallen for three days before the Tamsin river burst its banks shortly after midnight.
Power was cut to most of the town and the main bridge into Marlow was closed to traffic.
The army sent two helicopters and 300 soldiers to help with the evacuation, the defence ministry said.
Forecasters expect more heavy rain on Tuesday, and officials warned that the death toll could rise.
"We are doing everything we can to reach the people still trapped," Vasquez told reporters at an emergency shelter.
The last comparable flood in the region, in 1998, killed 31 people."""

# A content farm's sentence-by-sentence paraphrase: same order, names and figures, one
# qualifier changed ("as many as 25" -> "at least 25").
FARM = """\
At least 25 people were killed on Sunday when floods tore through the riverside town of Marlow, with 4,000 people driven out of their homes, according to officials.
Rescue crews took 140 people out of submerged houses during the night, regional governor Elena Vasquez said.
The Tamsin river overflowed just after midnight following three straight days of rain.
Most of the town lost electricity, and the main bridge leading into Marlow was shut to vehicles.
According to the defence ministry, 300 troops and two helicopters were dispatched to assist the evacuation.
Officials cautioned that the number of dead may climb, with forecasters predicting further downpours on Tuesday.
"We are doing everything we can to reach the people still trapped," Vasquez said at an emergency shelter.
The area's last flood of this scale, in 1998, left 31 people dead."""

# Another outlet's own report of the same flood: the same facts and the same quotation,
# in its own order and words.
OWN = """\
Residents of Marlow spent Sunday night on rooftops as the Tamsin rose faster than anyone in the town could remember.
Maria Holt, 62, said the water reached her first floor within twenty minutes and that neighbours in a fishing boat took her to the school gym.
The school now shelters several hundred families, and volunteers from nearby villages have brought blankets and hot food.
Governor Elena Vasquez visited the shelter in the afternoon. "We are doing everything we can to reach the people still trapped," she said.
Local shopkeepers fear the damage will close their businesses for months, since few of them hold flood insurance.
The town's mayor said he had warned for years that the river defences built after the 1998 flood were no longer enough."""


@pytest.fixture(scope="module")
def encoder():
    from storytrace.embed import default_encoder

    return default_encoder()


def _vecs(encoder, text: str) -> np.ndarray:
    return encoder.encode([s.text for s in split_sentences(text)])


def test_monotone_alignment_keeps_order_and_the_floor() -> None:
    sim = np.array(
        [
            [0.9, 0.1, 0.1],
            [0.1, 0.2, 0.8],
            [0.1, 0.85, 0.1],  # in the wrong order after row 1: only one of the two can be taken
        ]
    )
    pairs = monotone_alignment(sim, 0.5)
    assert pairs[0] == (0, 0) and len(pairs) == 2
    assert all(b[0] > a[0] and b[1] > a[1] for a, b in zip(pairs, pairs[1:], strict=False))
    assert monotone_alignment(sim, 0.95) == []
    assert monotone_alignment(np.zeros((0, 3)), 0.5) == []


def test_rare_items_are_figures_and_names_in_text_order() -> None:
    items = rare_items("Floods hit Marlow on Sunday. Governor Elena Vasquez said 4,000 left and 25 died.")
    assert items[:2] == ["marlow", "sunday"]
    assert "4000" in items and "25" in items and "vasquez" in items
    assert "floods" not in items  # a sentence's first word is capitalised by grammar, not as a name


def test_evidence_names_every_feature_and_counts_the_text(encoder) -> None:
    ev = pair_evidence(WIRE, FARM, _vecs(encoder, WIRE), _vecs(encoder, FARM), floor=0.5)
    assert set(FEATURES) <= set(ev)
    assert ev["sentences_derived"] == ev["sentences_source"] == 8
    # The paraphrase keeps the original's order: nearly every sentence is aligned.
    assert ev["aligned_derived"] >= 0.75 and ev["rare_in_order"] >= 0.6
    own = pair_evidence(WIRE, OWN, _vecs(encoder, WIRE), _vecs(encoder, OWN), floor=0.5)
    assert own["aligned_derived"] < ev["aligned_derived"] and own["rare_in_source"] < ev["rare_in_source"]


def test_measure_returns_the_alignment_as_sentence_indexes(encoder) -> None:
    _, aligned = measure(WIRE, FARM, _vecs(encoder, WIRE), _vecs(encoder, FARM), floor=0.5)
    assert aligned and all(0 <= i < 8 and 0 <= j < 8 and 0.5 <= s <= 1.0001 for i, j, s in aligned)
    assert [i for i, _, _ in aligned] == sorted(i for i, _, _ in aligned)


def test_the_content_farm_paraphrase_is_a_rewrite(encoder) -> None:
    wire, farm = Article("wire", WIRE), Article("farm", FARM)
    vw, vf = _vecs(encoder, WIRE), _vecs(encoder, FARM)
    link = compare(wire, farm, source_vecs=vw, target_vecs=vf)
    assert link is not None and link.kind == "rewrite"
    assert {link.source_id, link.target_id} == {"wire", "farm"}
    assert link.passages and link.score > 0.3
    # The changed qualifier is reported as an edit.
    assert any(e.kind == "qualifier" and "at least" in (e.source_text + e.target_text).casefold() for e in link.edits)


def test_the_verifier_links_what_the_hand_rules_miss(encoder) -> None:
    # Real heavy rewrites keep sentence cosines of 0.65-0.85, under the hand rules'
    # paraphrase cut: simulated here by raising that cut above this pair's similarities.
    wire, farm = Article("wire", WIRE), Article("farm", FARM)
    vw, vf = _vecs(encoder, WIRE), _vecs(encoder, FARM)
    rules = ReuseParams(verifier=None)
    assert compare(wire, farm, source_vecs=vw, target_vecs=vf, paraphrase_threshold=0.97, params=rules) is None
    link = compare(wire, farm, source_vecs=vw, target_vecs=vf, paraphrase_threshold=0.97)
    assert link is not None and link.kind == "rewrite" and len(link.passages) >= 1
    # Without sentence vectors there is no verifier either.
    assert compare(wire, farm, paraphrase_threshold=0.97) is None


def test_an_independent_report_sharing_a_quotation_is_not_linked(encoder) -> None:
    wire, own = Article("wire", WIRE), Article("own", OWN)
    assert compare(wire, own, source_vecs=_vecs(encoder, WIRE), target_vecs=_vecs(encoder, OWN)) is None
    assert compare(wire, own) is None


def test_a_shared_quotation_with_shared_reporting_around_it_is_partial_reuse() -> None:
    # The outlet pastes the wire's paragraph: the quotation travels with the reporting around it.
    own = "\n".join(OWN.splitlines()[:3])  # the outlet's own lines, without the quotation
    pasted = own + "\n" + "\n".join(WIRE.splitlines()[4:7])
    link = compare(Article("wire", WIRE), Article("pasted", pasted))
    assert link is not None and link.kind == "partial"
    quote = "We are doing everything we can to reach the people still trapped"
    wire_side = "source" if link.source_id == "wire" else "target"
    shown = [WIRE[getattr(p, f"{wire_side}_start") : getattr(p, f"{wire_side}_end")] for p in link.passages]
    assert any(quote in s for s in shown)
    # The quotation alone, with the outlet's own reporting around it, is no evidence.
    quoted_only = own + '\n"We are doing everything we can to reach the people still trapped," Vasquez said.'
    assert compare(Article("wire", WIRE), Article("quoted", quoted_only)) is None


def test_a_stricter_threshold_is_a_new_value_not_a_changed_constant(encoder) -> None:
    params = default_params()
    assert params.verifier is not None
    strict = replace(params, verifier=replace(params.verifier, threshold=1.0))
    wire, farm = Article("wire", WIRE), Article("farm", FARM)
    vw, vf = _vecs(encoder, WIRE), _vecs(encoder, FARM)
    assert compare(wire, farm, source_vecs=vw, target_vecs=vf, paraphrase_threshold=0.97, params=strict) is None
    assert compare(wire, farm, source_vecs=vw, target_vecs=vf, paraphrase_threshold=0.97) is not None
    assert default_params().verifier.threshold < 1.0  # the shipped value is untouched


def test_params_from_the_settings_table() -> None:
    from storytrace.settings import Config

    assert ReuseParams.from_config(Config.load(env={}, reuse="lexical")).verifier is None
    assert ReuseParams.from_config(Config.load(env={})).verifier is not None


def test_the_hand_rules_are_values_too() -> None:
    # The pasted paragraph of the partial-reuse case shares about 40 verbatim words.
    own = "\n".join(OWN.splitlines()[:3])
    pasted = own + "\n" + "\n".join(WIRE.splitlines()[4:7])
    wire, user = Article("wire", WIRE), Article("pasted", pasted)
    shipped = default_params()
    assert compare(wire, user, params=shipped) is not None
    strict = replace(shipped, rules=replace(shipped.rules, partial_min_verbatim_words=200))
    assert compare(wire, user, params=strict) is None
    assert compare(wire, user, params=shipped).kind == "partial"  # the shipped value is untouched


def test_the_candidate_stage_reads_its_params() -> None:
    from storytrace.reuse.detector import link_articles

    shipped = default_params()
    copy = Article("copy", WIRE + "\nThis story was first published by the Marlow Courier.")
    pair = [Article("wire", WIRE), copy]
    assert [x.kind for x in link_articles(pair, encoder=None, params=shipped)] == ["copy"]
    none = replace(shipped, candidates=replace(shipped.candidates, max_candidates=0))
    assert link_articles(pair, encoder=None, params=none) == []


def test_the_rewrite_candidate_cut_is_a_setting() -> None:
    from storytrace.settings import Config

    assert ReuseParams.from_config(Config.load(env={})).candidates.static_candidate == 0.96
    thorough = ReuseParams.from_config(Config.load(env={"STORYTRACE_REWRITE_CANDIDATE_CUT": "0.94"}))
    assert thorough.candidates.static_candidate == 0.94 and thorough.verifier is not None


def test_the_alignment_thresholds_are_rules_too() -> None:
    # A lightly edited reprint: its sentences align as "edited" pairs (difflib ratio 0.7-0.97).
    edited = WIRE.replace("officials said", "authorities said").replace("told reporters", "said")
    wire, copy = Article("wire", WIRE), Article("copy", edited)
    shipped = default_params()
    assert compare(wire, copy, params=shipped).kind == "copy"
    # With an edited-pair threshold no edit reaches, only verbatim sentences align: fewer
    # aligned pairs, so a lower score for the same link.
    strict = replace(shipped, rules=replace(shipped.rules, edited_threshold=0.999))
    loose_link, strict_link = compare(wire, copy, params=shipped), compare(wire, copy, params=strict)
    assert strict_link is None or strict_link.score < loose_link.score
