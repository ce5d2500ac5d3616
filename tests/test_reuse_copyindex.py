"""CopyIndex and PassageIndex: find copies and pasted passages, persist, update in place."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from storytrace import Store
from storytrace.demo import load_manifest
from storytrace.reuse.copyindex import CopyIndex, PassageIndex, band_hashes, candidate_probability
from storytrace.reuse.fingerprint import minhash, minhash_many, sentence_hashes

VOCAB = [f"w{i}" for i in range(5000)]


def _article(rng: np.random.Generator, n_sentences: int = 30) -> list[str]:
    """An article as a list of sentences of random words."""
    return [
        " ".join(VOCAB[i] for i in rng.integers(0, len(VOCAB), int(rng.integers(8, 20)))).capitalize() + "."
        for _ in range(n_sentences)
    ]


def _edited_copy(rng: np.random.Generator, sents: list[str]) -> list[str]:
    """A wire copy: new lead sentence, trimmed ending, boilerplate, number format."""
    out = [_article(rng, 1)[0], *sents[1:-4]]
    out.insert(len(out) // 2, "Copyright the wire service. All rights reserved.")
    return out


@pytest.fixture(scope="module")
def corpus() -> tuple[list[str], list[str]]:
    """200 originals, then edited copies of the first 20 (keys 200..219)."""
    rng = np.random.default_rng(42)
    originals = [_article(rng) for _ in range(200)]
    copies = [_edited_copy(rng, originals[i]) for i in range(20)]
    return [" ".join(a) for a in originals], [" ".join(c) for c in copies]


def _index(texts: list[str]) -> CopyIndex:
    idx = CopyIndex()
    idx.add_many(np.arange(len(texts)), minhash_many(texts))
    return idx


def test_edited_copies_are_found_and_unrelated_are_not(corpus: tuple[list[str], list[str]]) -> None:
    originals, copies = corpus
    idx = _index(originals)
    for i, text in enumerate(copies):
        cands = idx.query(minhash(text))
        assert cands[0] == i, "the source is the top candidate"
    false = sum(len(idx.query(minhash(t), exclude=k)) for k, t in enumerate(originals))
    assert false <= 2


def test_query_orders_by_band_hits_and_excludes(corpus: tuple[list[str], list[str]]) -> None:
    originals, copies = corpus
    idx = _index(originals + copies)
    keys, hits = idx.query_hits(minhash(originals[3]))
    assert set(keys.tolist()[:2]) == {3, 203}
    assert list(hits) == sorted(hits, reverse=True)
    assert idx.query(minhash(originals[3]), exclude=3) == [203]


def test_incremental_adds_merge_and_stay_consistent(corpus: tuple[list[str], list[str]]) -> None:
    originals, copies = corpus
    sigs = minhash_many(originals + copies)
    small = CopyIndex(max_delta=16)  # forces many merges
    for k in range(sigs.shape[0]):
        small.add(k, sigs[k])
    bulk = _index(originals + copies)
    assert len(small) == len(bulk) == sigs.shape[0]
    for k in range(0, sigs.shape[0], 7):
        assert small.query(sigs[k]) == bulk.query(sigs[k])


def test_save_load_round_trip_then_add_and_remove(
    tmp_path: Path, corpus: tuple[list[str], list[str]]
) -> None:
    originals, copies = corpus
    idx = _index(originals)
    path = tmp_path / "idx"
    idx.save(path)
    idx.save(path)  # replacing an existing index works
    loaded = CopyIndex.load(path)
    assert len(loaded) == len(idx)
    sigs = minhash_many(copies)
    for s in sigs:
        assert loaded.query(s) == idx.query(s)
    # Incremental add after load: the copy of 0 now finds both.
    loaded.add(500, sigs[0])
    assert set(loaded.query(minhash(originals[0]))[:2]) == {0, 500}
    assert loaded.remove(0) and not loaded.remove(0)
    assert 0 not in loaded and 0 not in loaded.query(sigs[0])
    loaded.save(path)
    again = CopyIndex.load(path, mmap=False)
    assert 0 not in again.query(sigs[0]) and 500 in again.query(sigs[0])
    assert len(again) == len(idx)


def test_re_adding_a_key_replaces_its_signature(corpus: tuple[list[str], list[str]]) -> None:
    originals, _ = corpus
    idx = _index(originals)
    idx.add(5, minhash(originals[6]))
    assert idx.query(minhash(originals[5])) == []
    assert set(idx.query(minhash(originals[6]))) == {5, 6}
    assert len(idx) == len(originals)


def test_empty_texts_are_not_indexed() -> None:
    idx = CopyIndex()
    assert not idx.add(1, minhash(""))
    assert idx.add(2, minhash("some words in a sentence here"))
    assert len(idx) == 1
    assert idx.query(minhash("")) == []


def test_bad_input_is_refused() -> None:
    idx = CopyIndex()
    with pytest.raises(ValueError):
        idx.add(-1, minhash("a b c"))
    with pytest.raises(ValueError):
        idx.add(1, np.zeros(64, dtype=np.uint32))
    with pytest.raises(ValueError):
        CopyIndex(num_perm=128, bands=65, rows=2)


def test_s_curve_and_band_hashes_are_deterministic() -> None:
    assert candidate_probability(0.3, 64, 2) > 0.99
    assert candidate_probability(0.02, 64, 2) < 0.03
    sig = minhash("one two three four five six seven")
    assert np.array_equal(band_hashes(sig, 64, 2), band_hashes(sig.copy(), 64, 2))


def test_bucket_cap_keeps_the_earliest_keys() -> None:
    idx = CopyIndex(max_bucket=5)
    sig = minhash("the same wire story reprinted at many urls today")
    idx.add_many(np.arange(50), np.repeat(sig[None, :], 50, axis=0))
    idx.compact()
    assert idx.query(sig) == [0, 1, 2, 3, 4]


def test_partial_reuse_is_found_through_the_passage_index(tmp_path: Path) -> None:
    rng = np.random.default_rng(7)
    docs = [_article(rng) for _ in range(100)]
    target = _article(rng)
    target[10:10] = docs[17][5:8]  # three pasted sentences
    text = " ".join(target)
    copy_idx = _index([" ".join(d) for d in docs])
    assert 17 not in copy_idx.query(minhash(text))  # MinHash Jaccard is too low for this
    pi = PassageIndex()
    for k, d in enumerate(docs):
        pi.add_text(k, " ".join(d))
    assert pi.query_text(text) == {17: 3}
    pi.save(tmp_path / "p")
    loaded = PassageIndex.load(tmp_path / "p")
    assert loaded.query_text(text) == {17: 3}
    loaded.add_text(200, text)
    assert loaded.query_text(" ".join(docs[17]), exclude=17) == {200: 3}
    assert loaded.remove(17)
    assert loaded.query_text(text, exclude=200) == {}
    assert len(loaded) == 100


def test_passage_index_ignores_boilerplate_sentences() -> None:
    pi = PassageIndex(max_df=3)
    boiler = "Sign up for our newsletter to get the top stories every morning."
    for k in range(10):
        pi.add_text(k, f"Story number {k} has its own words in a long sentence. {boiler}")
    assert pi.query_text(boiler) == {}
    pi.compact()
    assert pi.query_text(boiler) == {}
    assert pi.query_text("Story number 3 has its own words in a long sentence.") == {3: 1}


def test_demo_copies_and_partials_have_their_source_among_candidates(demo_store: Store) -> None:
    manifest = {p["file"]: p for p in load_manifest()["pages"]}
    articles = demo_store.articles(limit=None, with_sightings=True)
    key_of = {Path(a.sightings[0].source).name: k for k, a in enumerate(articles)}
    texts = [a.text for a in articles]
    ci = CopyIndex()
    ci.add_many(np.arange(len(texts)), minhash_many(texts))
    pi = PassageIndex()
    pi.add_many(np.arange(len(texts)), [sentence_hashes(t) for t in texts])
    checked = 0
    for name, page in manifest.items():
        rel = page.get("relation") or {}
        if rel.get("kind") not in ("copy", "partial") or name not in key_of:
            continue
        k, src = key_of[name], key_of[rel["source"]]
        cands = set(ci.query(minhash(texts[k]), exclude=k)) | set(
            pi.query(sentence_hashes(texts[k]), exclude=k)
        )
        assert src in cands, f"{name}: source {rel['source']} not among candidates"
        if rel["kind"] == "copy":
            assert src in ci.query(minhash(texts[k]), exclude=k), f"{name}: copy not found by MinHash LSH"
        checked += 1
    assert checked >= 12
