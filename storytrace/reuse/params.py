"""What the reuse decision was fitted to: one frozen value, passed in explicitly.

``ReuseParams`` holds the fitted rewrite verifier (``models/reuse_verifier.json``, written
by ``bench/train_reuse.py``) and the candidate settings. The bench fits and scores
by building new ``ReuseParams`` per fold (``dataclasses.replace``), never by changing
module constants, so the same code runs in-process and in a Dask task.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["ReuseParams", "Verifier", "default_params"]


@dataclass(frozen=True, slots=True)
class Verifier:
    """A logistic regression over ``evidence.FEATURES`` (standardised), as plain numbers."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    #: Probability from which a pair is called derived (fitted for precision, see the model file).
    threshold: float
    #: Cosine under which two sentences are not aligned at all (chosen by cross-validation).
    floor: float
    #: Content sentences each side needs before the model may decide: with fewer, two
    #: reports of one fact look like a paraphrase of each other by necessity.
    min_sentences: int

    def probability(self, evidence: dict[str, float]) -> float:
        z = self.intercept + sum(
            c * (evidence[f] - m) / s for f, c, m, s in zip(self.features, self.coef, self.mean, self.scale, strict=True)
        )
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def enough_text(self, evidence: dict[str, float]) -> bool:
        return min(evidence["sentences_derived"], evidence["sentences_source"]) >= self.min_sentences

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Verifier:
        return cls(
            features=tuple(raw["features"]),
            mean=tuple(float(x) for x in raw["mean"]),
            scale=tuple(float(x) for x in raw["scale"]),
            coef=tuple(float(x) for x in raw["coef"]),
            intercept=float(raw["intercept"]),
            threshold=float(raw["threshold"]),
            floor=float(raw["floor"]),
            min_sentences=int(raw["min_sentences"]),
        )


@cache
def _shipped() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("models/reuse_verifier.json").read_text("utf-8")
    return json.loads(text)


@dataclass(frozen=True, slots=True)
class ReuseParams:
    """Every fitted or chosen value the reuse stage uses."""

    #: The rewrite verifier; ``None`` switches it off (the hand rules of ``classify`` alone).
    verifier: Verifier | None = field(default_factory=lambda: Verifier.from_json(_shipped()["verifier"]))

    @classmethod
    def from_config(cls, config: Any) -> ReuseParams:
        """Parameters for a ``Config`` (the settings table): ``reuse=lexical`` has no vectors,
        so no verifier."""
        if getattr(config, "reuse", "full") != "full":
            return cls(verifier=None)
        return cls()


@cache
def default_params() -> ReuseParams:
    return ReuseParams()
