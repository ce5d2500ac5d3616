"""Fingerprints: deterministic, format-invariant, never crash, and estimate Jaccard well."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from storytrace.extract import normalise_for_comparison
from storytrace.extract.normalise import _full_normalise
from storytrace.reuse import fingerprint as fp
from storytrace.reuse.fingerprint import (
    EMPTY_VALUE,
    containment,
    jaccard,
    jaccard_estimate,
    minhash,
    minhash_many,
    sentence_hashes,
    shingle_hashes,
    word_tokens,
)

ARTICLE = (
    "The storm killed at least 1,200 people across the region, officials said on Monday. "
    "Rescue teams were still searching collapsed buildings in the coastal towns. "
    "\u201cWe have never seen anything like this,\u201d the mayor told reporters \u2014 "
    "and aid agencies warned that 25,000 families had lost their homes. "
    "The government declared three days of national mourning."
)


def _words(rng: np.random.Generator, n: int) -> list[str]:
    vocab = [f"w{i}" for i in range(3000)]
    return [vocab[i] for i in rng.integers(0, len(vocab), n)]


def test_same_text_gives_same_signature_across_processes() -> None:
    code = (
        "from storytrace.reuse.fingerprint import minhash, sentence_hashes;"
        f"print(minhash({ARTICLE!r}).tolist(), sentence_hashes({ARTICLE!r}).tolist())"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    here = f"{minhash(ARTICLE).tolist()} {sentence_hashes(ARTICLE).tolist()}"
    assert out.strip() == here


def test_signature_shape_and_dtype() -> None:
    sig = minhash(ARTICLE, num_perm=64)
    assert sig.dtype == np.uint32 and sig.shape == (64,)
    many = minhash_many([ARTICLE, "", "short text"])
    assert many.shape == (3, 128) and many.dtype == np.uint32
    assert np.array_equal(many[0], minhash(ARTICLE))


def test_number_format_and_quote_style_do_not_change_shingles() -> None:
    variant = ARTICLE.replace("1,200", "1 200").replace("25,000", "25.000")
    variant = variant.replace("\u201c", '"').replace("\u201d", '"').replace("\u2014", "-").upper()
    assert np.array_equal(shingle_hashes(ARTICLE), shingle_hashes(variant))
    assert np.array_equal(minhash(ARTICLE), minhash(variant))
    assert np.array_equal(sentence_hashes(ARTICLE), sentence_hashes(variant))


def test_short_text_is_one_shingle_and_empty_text_is_none() -> None:
    assert shingle_hashes("three word text").size == 1
    assert shingle_hashes("three word text", k=3).size == 1
    assert shingle_hashes("one two three four five six", k=5).size == 2
    assert shingle_hashes("").size == 0
    assert shingle_hashes("  ... !!! ").size == 0
    assert (minhash("") == EMPTY_VALUE).all()
    assert jaccard_estimate(minhash(""), minhash("")) == 0.0


def test_word_order_matters_for_shingles() -> None:
    assert not np.array_equal(shingle_hashes("a b c d e"), shingle_hashes("e d c b a"))


def test_long_tokens_hash_by_their_whole_text() -> None:
    a = "x" * 40 + "a rest of the text here"
    b = "x" * 40 + "b rest of the text here"
    assert not np.array_equal(shingle_hashes(a), shingle_hashes(b))


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ab1 ,.'`\n\t\x0c\u2019\u201c\u00a0\u2014\u2026-")), max_size=60)
)
def test_fast_normalisation_matches_normalise_for_comparison(text: str) -> None:
    assert normalise_for_comparison(text) == _full_normalise(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_never_crashes_and_paths_agree(text: str) -> None:
    tokens = word_tokens(text)
    assert np.array_equal(fp._text_token_hashes(text), fp._token_hashes(tokens))
    sh = shingle_hashes(text)
    assert sh.dtype == np.uint64
    assert (sh.size == 0) == (len(tokens) == 0)
    assert minhash(text).shape == (128,)
    sentence_hashes(text)


def test_minhash_estimate_is_close_to_exact_jaccard() -> None:
    rng = np.random.default_rng(3)
    errors = []
    for _ in range(40):
        base = _words(rng, 400)
        edited = list(base)
        for i in rng.choice(len(edited), int(rng.integers(5, 120)), replace=False):
            edited[i] = "zz" + edited[i]  # a changed word breaks the five shingles over it
        a, b = " ".join(base), " ".join(edited)
        exact = jaccard(shingle_hashes(a), shingle_hashes(b))
        errors.append(abs(jaccard_estimate(minhash(a), minhash(b)) - exact))
    # Standard error at 128 permutations is at most 0.044; the mean error is well under.
    assert np.mean(errors) < 0.04
    assert max(errors) < 0.15


def test_containment_sees_a_pasted_passage() -> None:
    rng = np.random.default_rng(5)
    source = " ".join(_words(rng, 300))
    passage = " ".join(source.split()[100:160])
    target = " ".join(_words(rng, 400)) + " " + passage
    p = shingle_hashes(passage)
    assert containment(p, shingle_hashes(target)) == 1.0
    assert containment(p, shingle_hashes(source)) == 1.0
    assert jaccard(shingle_hashes(source), shingle_hashes(target)) < 0.15
    assert containment(np.empty(0, dtype=np.uint64), p) == 0.0


def test_sentence_hashes_skip_short_sentences() -> None:
    assert sentence_hashes("He said. Read more. Yes!").size == 0
    assert sentence_hashes("This sentence has more than six words in it.").size == 1
    # Reordered sentences give the same set.
    a = "First sentence with quite a few words. Second sentence also with many words here."
    b = "Second sentence also with many words here. First sentence with quite a few words."
    assert np.array_equal(sentence_hashes(a), sentence_hashes(b))
