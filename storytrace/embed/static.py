"""Static sentence vectors: the fast path in front of MiniLM.

A static encoder gives every word piece one fixed vector and a sentence the mean
of its pieces' vectors: no transformer runs, so it embeds tens of thousands of
sentences a second. The piece vectors are MiniLM's own outputs for each word
piece of its vocabulary alone (``[CLS] piece [SEP]``, mean-pooled), computed once
from the installed model (about 15 s on two cores) and cached in the user cache
folder; nothing is downloaded.

Measured on 2,000 MSRP sentence pairs: MiniLM cosine separates paraphrases with
ROC AUC 0.747, static vectors 0.707. As a candidate filter, the static cosine at
the 99th percentile of unrelated pairs (0.94) keeps 96.5% of the pairs MiniLM
scores >= 0.7, so reuse detection asks the sentence index with static vectors
and runs MiniLM only on the article pairs that come back (the cut it uses:
``reuse.params.CandidateParams.static_candidate``).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ._cache import cache_dir, fingerprint, write_atomic
from .encoder import MINILM_DIM, MiniLMEncoder, _normalise_rows, empty_rows

__all__ = ["StaticEncoder"]

_SPECIAL = (0, 100, 101, 102, 103)  # [PAD] [UNK] [CLS] [SEP] [MASK] in the MiniLM vocabulary
_CLS, _SEP = 101, 102


class StaticEncoder:
    """Mean of per-word-piece vectors taken from MiniLM; same ``encode`` as the other encoders."""

    dim: int = MINILM_DIM

    def __init__(self, model: MiniLMEncoder | None = None, *, cache_dir: Path | None = None) -> None:
        self.model = model or MiniLMEncoder()
        self.cache_dir = cache_dir
        self._lock = threading.Lock()
        self._table: np.ndarray | None = None
        self._tokenizer: Any = None

    def _load(self) -> tuple[np.ndarray, Any]:
        if self._table is not None:
            return self._table, self._tokenizer
        with self._lock:
            if self._table is None:
                from tokenizers import Tokenizer

                tok = Tokenizer.from_file(str(self.model.tokenizer_path))
                tok.no_padding()
                tok.enable_truncation(self.model.max_tokens)
                folder = self.cache_dir or cache_dir()
                path = folder / f"static-{fingerprint(self.model.model_path)}.npy"
                table = _read_table(path, tok.get_vocab_size())
                if table is None:
                    table = self._build(tok.get_vocab_size())
                    write_atomic(path, lambda tmp: _save(tmp, table))
                self._tokenizer = tok
                self._table = table
        assert self._table is not None
        return self._table, self._tokenizer

    def _build(self, vocab: int, batch: int = 512) -> np.ndarray:
        # The piece vectors come from the model as shipped (float32 arithmetic), so the
        # static cut stays where it was measured whatever precision the encoder runs at.
        exact = MiniLMEncoder(
            model_path=self.model.model_path,
            tokenizer_path=self.model.tokenizer_path,
            threads=self.model.threads,
            precision="float32",
        )
        session, _ = exact._load()
        table = np.zeros((vocab, self.dim), dtype=np.float32)
        for start in range(0, vocab, batch):
            ids = np.arange(start, min(vocab, start + batch), dtype=np.int64)
            inp = np.empty((ids.size, 3), dtype=np.int64)
            inp[:, 0], inp[:, 1], inp[:, 2] = _CLS, ids, _SEP
            ones = np.ones_like(inp)
            (hidden,) = session.run(
                ["last_hidden_state"],
                {"input_ids": inp, "attention_mask": ones, "token_type_ids": np.zeros_like(inp)},
            )
            table[start : start + ids.size] = hidden.mean(axis=1)
        return table

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        out = empty_rows(texts, batch_size, self.dim)
        if not texts:
            return out
        table, tok = self._load()
        special = np.asarray(_SPECIAL)
        for i, enc in enumerate(tok.encode_batch([str(t) for t in texts])):
            ids = np.asarray(enc.ids, dtype=np.int64)
            ids = ids[~np.isin(ids, special)]
            if ids.size:
                out[i] = table[ids].mean(axis=0)
        return _normalise_rows(out)


def _read_table(path: Path, vocab: int) -> np.ndarray | None:
    try:
        table = np.load(path)
    except (OSError, ValueError):
        return None
    if table.shape != (vocab, MINILM_DIM) or table.dtype != np.float32 or not np.isfinite(table).all():
        return None  # a truncated or foreign file: build again
    return table


def _save(path: Path, table: np.ndarray) -> None:
    with open(path, "wb") as fh:
        np.save(fh, table)
