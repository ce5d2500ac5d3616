"""Sentence-pair paraphrase features and the shipped logistic model (``reuse/paraphrase.py``)."""

from __future__ import annotations

import hashlib
import json
import re
from functools import cache
from importlib import resources

import numpy as np
import pytest

from storytrace.reuse.paraphrase import (
    FEATURES,
    ParaphraseModel,
    TokenVectors,
    model,
    pair_features,
    token_vectors,
)


def _word_vectors(sentence: str) -> TokenVectors:
    """Stand-in token vectors: one random unit vector per distinct lower-cased word or mark,
    so the same word aligns at cosine 1 and different words near 0 (no model needed)."""
    pieces = tuple(re.findall(r"\w+|[^\w\s]", sentence.lower()))
    rows = []
    for p in pieces:
        seed = int.from_bytes(hashlib.sha256(p.encode()).digest()[:4], "big")
        v = np.random.default_rng(seed).standard_normal(64).astype(np.float32)
        rows.append(v / np.linalg.norm(v))
    vecs = np.array(rows, dtype=np.float32).reshape(len(pieces), 64)
    mean = vecs.mean(axis=0)
    return TokenVectors(pieces, vecs, mean / max(float(np.linalg.norm(mean)), 1e-12))


def features(a: str, b: str, cosine: float) -> dict[str, float]:
    return pair_features(a, b, cosine, _word_vectors(a), _word_vectors(b))


@cache
def _minilm_tokens(text: str) -> TokenVectors:
    pytest.importorskip("onnxruntime")
    pytest.importorskip("tokenizers")
    from storytrace.embed import MiniLMEncoder
    from storytrace.errors import ConfigError

    try:
        enc = _encoder()
    except ConfigError as exc:  # the model packages are not installed
        pytest.skip(str(exc))
    assert isinstance(enc, MiniLMEncoder)
    return token_vectors([text], enc)[0]


@cache
def _encoder() -> object:
    from storytrace.embed import MiniLMEncoder

    return MiniLMEncoder(precision="int8")


def real_features(a: str, b: str) -> dict[str, float]:
    """Features with MiniLM's own token and sentence vectors, as in use."""
    ta, tb = _minilm_tokens(a), _minilm_tokens(b)
    return pair_features(a, b, float(ta.sentence @ tb.sentence), ta, tb)

WIRE = "Police said 1,200 people were evacuated from Riverside on Tuesday after the dam at Lake Moor cracked."
# The same report reworded: names and figures kept, "1200" written without a separator.
REWORDED = "On Tuesday 1200 people were evacuated from Riverside after the Lake Moor dam cracked, police said."
# The same sentence with one figure changed.
CHANGED = "Police said 2,100 people were evacuated from Riverside on Tuesday after the dam at Lake Moor cracked."
# Same event, another reporter's sentence: different facts.
OTHER = "Engineers at Lake Moor had warned the county in March that the dam needed repairs costing $4 million."


def test_features_are_named_as_the_model_lists_them() -> None:
    f = features(WIRE, REWORDED, 0.9)
    assert tuple(f) == FEATURES
    assert all(isinstance(v, float) for v in f.values())


def test_a_changed_figure_sets_the_number_mismatch() -> None:
    f = features(WIRE, CHANGED, 0.97)
    assert f["number_mismatch"] == 1.0
    assert f["number_unshared"] == 1.0  # {1200} against {2100}: nothing shared


def test_number_formats_are_normalised_before_comparing() -> None:
    f = features(WIRE, REWORDED, 0.9)
    assert f["number_mismatch"] == 0.0
    assert f["number_unshared"] == 0.0


def test_a_dropped_figure_is_not_a_changed_figure() -> None:
    shorter = "Police said people were evacuated from Riverside on Tuesday after the dam at Lake Moor cracked."
    f = features(WIRE, shorter, 0.95)
    assert f["number_mismatch"] == 0.0
    assert f["number_unshared"] == 1.0


def test_names_negation_and_containment() -> None:
    same = features(WIRE, REWORDED, 0.9)
    assert same["name_unshared"] == 0.0  # Riverside, Lake, Moor, (Police at the start is skipped)
    other = features(WIRE, "Police said people were evacuated from Hillside after the dam cracked.", 0.8)
    assert other["name_unshared"] > 0.5
    negated = features(WIRE, WIRE.replace("were evacuated", "were not evacuated"), 0.95)
    assert negated["negation_mismatch"] == 1.0 and same["negation_mismatch"] == 0.0
    # One sentence inside the other with a clause added: a containment gap.
    longer = WIRE[:-1] + ", and officials said the water could reach the town centre by nightfall."
    inside = features(WIRE, longer, 0.9)
    assert inside["bigram_containment_gap"] > 0.3
    assert inside["unmatched_words_max"] >= 6
    assert features(WIRE, WIRE, 1.0)["bigram_containment_gap"] == 0.0


def test_features_are_symmetric() -> None:
    assert features(WIRE, OTHER, 0.6) == features(OTHER, WIRE, 0.6)


def test_a_paraphrase_keeping_names_and_figures_beats_a_changed_figure() -> None:
    m = model()
    kept = m.probability(real_features(WIRE, REWORDED))
    changed_f = real_features(WIRE, CHANGED)
    changed = m.probability(changed_f)
    unrelated = m.probability(real_features(WIRE, OTHER))
    assert changed_f["cosine"] > 0.9  # nearly the same string: the figure has to pull it down
    assert kept > unrelated
    assert unrelated < 0.5 < kept
    assert kept > changed
    assert m.is_paraphrase(real_features(WIRE, REWORDED))
    assert not m.is_paraphrase(real_features(WIRE, OTHER))
    # The changed figure pulls the probability down, but on MSRP (market reports with other
    # figures called paraphrases) not below the threshold: figure changes are reuse/edits.py's job.
    assert changed < m.probability({**changed_f, "number_mismatch": 0.0, "number_unshared": 0.0})


def test_the_number_mismatch_weighs_against_a_paraphrase() -> None:
    m = model()
    f = real_features(WIRE, REWORDED)
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


def test_ngram_precisions_bleu_and_lcs() -> None:
    same = features(WIRE, WIRE, 1.0)
    for n in range(1, 5):
        assert same[f"ngram{n}_precision_min"] == same[f"ngram{n}_f"] == 1.0
    assert same["bleu_min"] == pytest.approx(1.0) and same["lcs_of_longer"] == 1.0
    assert same["char4_dice"] == 1.0
    # One sentence inside the other with a clause added: all of its n-grams are in the longer
    # one (max 1.0), few of the longer one's are in it.
    longer = WIRE[:-1] + ", and officials said the water could reach the town centre by nightfall."
    inside = features(WIRE, longer, 0.9)
    assert inside["ngram4_precision_max"] == 1.0 and inside["ngram4_precision_min"] < 0.7
    assert inside["lcs_of_shorter"] == 1.0 and inside["lcs_of_longer"] < 0.7
    assert inside["bleu_max"] > inside["bleu_min"]
    # A reordering keeps the words (unigram precision) but breaks the 4-grams and the subsequence.
    reordered = features(WIRE, REWORDED, 0.9)
    assert reordered["ngram1_precision_min"] > 0.8
    assert reordered["ngram4_precision_max"] < 0.5 and reordered["lcs_of_longer"] < 0.8
    other = features(WIRE, OTHER, 0.6)
    assert other["char3_dice"] < reordered["char3_dice"] and other["bleu_max"] < reordered["bleu_min"]


def test_ngram_matches_are_clipped() -> None:
    # "the" three times against once: one match, not three.
    f = features("the the the", "the cat", 0.5)
    assert f["ngram1_precision_min"] == pytest.approx(1 / 3) and f["ngram1_precision_max"] == 0.5


def test_token_alignment_counts_unaligned_content() -> None:
    longer = WIRE[:-1] + ", and officials said the water could reach the town centre by nightfall."
    same = features(WIRE, WIRE, 1.0)
    assert same["align_all_min"] == pytest.approx(1.0, abs=1e-5)
    assert same["align_content_unaligned"] == 0.0 and same["content_token_cosine"] == pytest.approx(1.0, abs=1e-5)
    inside = features(WIRE, longer, 0.9)
    # The added clause's content words (officials, water, could, reach, town, centre, nightfall)
    # have no match in the shorter sentence; "said" and "the" do.
    assert inside["align_content_unaligned"] == 7.0
    assert inside["align_content_max"] == pytest.approx(1.0, abs=1e-5)  # the shorter side aligns fully
    assert inside["align_content_min"] < 0.8
    # Punctuation is out of the "word" scope: a sentence and its copy without commas align fully there.
    bare = REWORDED.replace(",", "")
    no_commas = features(REWORDED, bare, 1.0)
    assert no_commas["align_word_min"] == pytest.approx(1.0, abs=1e-5)
    assert no_commas["align_all_min"] < 1.0


def test_minilm_token_vectors_give_the_encoders_sentence_vector() -> None:
    tv = _minilm_tokens(WIRE)
    assert tv.pieces[0] == "police" and "[CLS]" not in tv.pieces and "[SEP]" not in tv.pieces
    assert tv.vectors.shape == (len(tv.pieces), 384)
    assert np.allclose(np.linalg.norm(tv.vectors, axis=1), 1.0, atol=1e-4)
    enc = _encoder()
    (vec,) = enc.encode([WIRE])  # type: ignore[attr-defined]
    assert float(vec @ tv.sentence) > 0.9999


def test_minilm_alignment_separates_a_rewording_from_another_reporters_sentence() -> None:
    reworded = real_features(WIRE, REWORDED)
    other = real_features(WIRE, OTHER)
    assert reworded["align_content_f"] > other["align_content_f"] + 0.1
    assert reworded["align_content_unaligned"] < other["align_content_unaligned"]
