"""Sentence-pair paraphrase features and the shipped logistic model (``reuse/paraphrase.py``)."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from storytrace.reuse.paraphrase import FEATURES, ParaphraseModel, model, pair_features

WIRE = "Police said 1,200 people were evacuated from Riverside on Tuesday after the dam at Lake Moor cracked."
# The same report reworded: names and figures kept, "1200" written without a separator.
REWORDED = "On Tuesday 1200 people were evacuated from Riverside after the Lake Moor dam cracked, police said."
# The same sentence with one figure changed.
CHANGED = "Police said 2,100 people were evacuated from Riverside on Tuesday after the dam at Lake Moor cracked."
# Same event, another reporter's sentence: different facts.
OTHER = "Engineers at Lake Moor had warned the county in March that the dam needed repairs costing $4 million."


def test_features_are_named_as_the_model_lists_them() -> None:
    f = pair_features(WIRE, REWORDED, 0.9)
    assert tuple(f) == FEATURES
    assert all(isinstance(v, float) for v in f.values())


def test_a_changed_figure_sets_the_number_mismatch() -> None:
    f = pair_features(WIRE, CHANGED, 0.97)
    assert f["number_mismatch"] == 1.0
    assert f["number_unshared"] == 1.0  # {1200} against {2100}: nothing shared


def test_number_formats_are_normalised_before_comparing() -> None:
    f = pair_features(WIRE, REWORDED, 0.9)
    assert f["number_mismatch"] == 0.0
    assert f["number_unshared"] == 0.0


def test_a_dropped_figure_is_not_a_changed_figure() -> None:
    shorter = "Police said people were evacuated from Riverside on Tuesday after the dam at Lake Moor cracked."
    f = pair_features(WIRE, shorter, 0.95)
    assert f["number_mismatch"] == 0.0
    assert f["number_unshared"] == 1.0


def test_names_negation_and_containment() -> None:
    same = pair_features(WIRE, REWORDED, 0.9)
    assert same["name_unshared"] == 0.0  # Riverside, Lake, Moor, (Police at the start is skipped)
    other = pair_features(WIRE, "Police said people were evacuated from Hillside after the dam cracked.", 0.8)
    assert other["name_unshared"] > 0.5
    negated = pair_features(WIRE, WIRE.replace("were evacuated", "were not evacuated"), 0.95)
    assert negated["negation_mismatch"] == 1.0 and same["negation_mismatch"] == 0.0
    # One sentence inside the other with a clause added: a containment gap.
    longer = WIRE[:-1] + ", and officials said the water could reach the town centre by nightfall."
    inside = pair_features(WIRE, longer, 0.9)
    assert inside["bigram_containment_gap"] > 0.3
    assert inside["unmatched_words_max"] >= 6
    assert pair_features(WIRE, WIRE, 1.0)["bigram_containment_gap"] == 0.0


def test_features_are_symmetric() -> None:
    assert pair_features(WIRE, OTHER, 0.6) == pair_features(OTHER, WIRE, 0.6)


def test_a_paraphrase_keeping_names_and_figures_beats_a_changed_figure() -> None:
    m = model()
    # Give the changed-figure pair the higher cosine (it is nearly the same string), so the
    # figures alone have to pull it down.
    kept = m.probability(pair_features(WIRE, REWORDED, 0.93))
    changed = m.probability(pair_features(WIRE, CHANGED, 0.93))
    unrelated = m.probability(pair_features(WIRE, OTHER, 0.55))
    assert kept > changed
    assert unrelated < 0.5 < kept
    assert m.is_paraphrase(pair_features(WIRE, REWORDED, 0.93))
    assert not m.is_paraphrase(pair_features(WIRE, OTHER, 0.55))


def test_the_number_mismatch_weighs_against_a_paraphrase() -> None:
    m = model()
    f = pair_features(WIRE, REWORDED, 0.9)
    assert m.probability({**f, "number_mismatch": 1.0}) < m.probability(f)
    assert m.coef[m.features.index("number_mismatch")] < 0
    assert m.coef[m.features.index("cosine")] > 0


def test_the_shipped_json_has_one_coefficient_per_feature() -> None:
    raw = json.loads(resources.files("storytrace.reuse").joinpath("models/paraphrase.json").read_text("utf-8"))
    assert tuple(raw["features"]) == FEATURES
    for key in ("mean", "scale", "coef"):
        assert len(raw[key]) == len(FEATURES), key
    assert all(s > 0 for s in raw["scale"])
    assert 0.0 < raw["threshold"] < raw["precise_threshold"] < 1.0
    assert raw["cv"]["folds"] == 10 and raw["cv"]["accuracy"] > raw["cv"]["baseline_cosine_plus_dice_accuracy"]
    m = model()
    assert m.features == FEATURES and len(m.coef) == len(FEATURES)


def test_a_model_with_a_missing_coefficient_is_rejected() -> None:
    with pytest.raises(ValueError, match="paraphrase_eval.py --write"):
        ParaphraseModel(("a", "b"), (0.0, 0.0), (1.0, 1.0), (1.0,), 0.0, 0.5, 0.8)


def test_the_runtime_module_does_not_need_scikit_learn() -> None:
    import storytrace.reuse.paraphrase as mod

    source = resources.files("storytrace.reuse").joinpath("paraphrase.py").read_text("utf-8")
    assert "sklearn" not in source.replace("scikit-learn", "")
    assert mod.model() is model()
