"""Reuse detection: copies, partial reuse and paraphrased rewrites, with direction.

``link_articles`` runs over articles in memory; ``StoreLinker`` and ``relink`` run
the same detector against a store, incrementally or over all of it.
"""

from .classify import compare
from .detector import ReuseDetector, ReuseIndex, link_articles
from .origins import PassageOrigin, origin_of, passage_origins

__all__ = [
    "PassageOrigin",
    "ReuseDetector",
    "ReuseIndex",
    "compare",
    "link_articles",
    "origin_of",
    "passage_origins",
]
