"""Static sentence vectors: the cheap candidate path in front of MiniLM."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from storytrace.embed import MiniLMEncoder
from storytrace.embed.static import StaticEncoder
from storytrace.reuse.detector import static_encoder_for
from storytrace.reuse.params import CandidateParams

PARA = (
    "The company said quarterly profit rose 12 percent on strong sales in Asia.",
    "The company said its quarterly profit climbed 12 percent on strong Asian sales.",
)
#: A looser paraphrase: the static cut lets it through only at its loosest setting,
#: which is why MiniLM (not the static vectors) decides what is a rewrite.
LOOSE = "Quarterly earnings climbed 12 percent thanks to robust Asian sales, the firm said."
OTHER = "Heavy rain flooded the valley overnight and closed the main road to the airport."


@pytest.fixture(scope="module")
def static(tmp_path_factory: pytest.TempPathFactory) -> StaticEncoder:
    return StaticEncoder(MiniLMEncoder(), cache_dir=tmp_path_factory.mktemp("cache"))


def test_static_vectors_are_unit_length_and_zero_for_empty(static: StaticEncoder) -> None:
    v = static.encode([PARA[0], "", "[SEP]"])
    assert v.shape == (3, 384) and v.dtype == np.float32
    assert np.linalg.norm(v[0]) == pytest.approx(1.0, abs=1e-5)
    assert not v[1].any() and not v[2].any()
    assert static.encode([]).shape == (0, 384)
    with pytest.raises(TypeError):
        static.encode(PARA[0])  # type: ignore[arg-type]


def test_a_paraphrase_passes_the_candidate_cut_and_an_unrelated_sentence_does_not(
    static: StaticEncoder,
) -> None:
    a, b, c, loose = static.encode([*PARA, OTHER, LOOSE])
    assert float(a @ b) >= CandidateParams().static_candidate > float(a @ c)
    assert float(a @ c) < float(a @ loose) < float(a @ b)


def test_the_table_is_cached_and_reused(static: StaticEncoder) -> None:
    static.encode(["warm up"])
    assert static.cache_dir is not None
    (cached,) = list(Path(static.cache_dir).glob("static-*.npy"))
    again = StaticEncoder(static.model, cache_dir=static.cache_dir)
    np.testing.assert_array_equal(again.encode(list(PARA)), static.encode(list(PARA)))
    assert again._table is not None and again._table.shape == np.load(cached).shape


def test_a_broken_cache_file_is_rebuilt(static: StaticEncoder, tmp_path: Path) -> None:
    static.encode(["warm up"])
    (cached,) = list(Path(static.cache_dir).glob("static-*.npy"))  # type: ignore[arg-type]
    (tmp_path / cached.name).write_bytes(b"not a numpy file")
    fresh = StaticEncoder(static.model, cache_dir=tmp_path)
    np.testing.assert_allclose(fresh.encode(list(PARA)), static.encode(list(PARA)), atol=1e-6)


def test_only_minilm_gets_a_static_front() -> None:
    from storytrace.embed import HashingEncoder

    assert static_encoder_for(None) is None
    assert static_encoder_for(HashingEncoder()) is None
    assert isinstance(static_encoder_for(MiniLMEncoder()), StaticEncoder)
